"""CSV (BOM, apostrophe guard), JSONL (the extraction contract) and the export / import-workbook commands."""

from __future__ import annotations

import csv
import hashlib
import json

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.core.export.csv_export import export_csv
from desktop.core.export.jsonl import export_jsonl
from desktop.core.export.safety import ExportError, csv_text
from desktop.core.export.sample import HOSTILE_TITLES, make_sample_project
from desktop.core.model import FACT_TYPES
from desktop.core.store.project import Project


@pytest.fixture
def sample(tmp_path):
    p = make_sample_project(tmp_path / "s.steppe", n_docs=5, facts_per_doc=5, hostile=True)
    yield p
    p.close()


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


def test_csv_text_guard():
    assert csv_text("=1+1") == "'=1+1" and csv_text("+1") == "'+1" and csv_text("-2+3") == "'-2+3"
    assert csv_text("@SUM(A1)") == "'@SUM(A1)" and csv_text("\tx") == "'\tx"
    assert csv_text("China") == "China" and csv_text("a\x00b") == "ab"


def test_csv_files_have_bom_and_guarded_cells(sample, tmp_path):
    files = export_csv(sample, tmp_path / "csv")
    assert [f.name for f in files] == ["trade.csv", "investment.csv", "indicators.csv", "events.csv",
                                       "people_roles.csv", "entities.csv", "documents.csv"]
    docs = read_csv(tmp_path / "csv" / "documents.csv")
    assert docs[0] == ["id", "Title", "Outlet", "URL", "Published", "Review state", "Entities", "Facts"]
    assert [r[1] for r in docs[1:5]] == ["'" + t for t in HOSTILE_TITLES]
    assert docs[1][4] == "2023-01-01"
    trade = read_csv(tmp_path / "csv" / "trade.csv")
    hdr = trade[0]
    assert hdr[-1] == "steppe_id" and len(trade) - 1 == len([f for f in sample.facts() if f.type == "trade"])
    row = trade[1]
    float(row[hdr.index("Value")])  # a plain number, not guarded
    assert row[hdr.index("Evidence")].startswith("'=HYPERLINK(")
    ind = read_csv(tmp_path / "csv" / "indicators.csv")
    assert ind[1][ind[0].index("Change %")] == "-12.5"  # a negative number is a number, not guarded


def test_csv_into_a_file_path_is_refused(sample, tmp_path):
    f = tmp_path / "afile"
    f.write_text("x")
    with pytest.raises(ExportError, match="not a folder"):
        export_csv(sample, f)


def test_jsonl_matches_the_extraction_contract(sample, tmp_path):
    out = tmp_path / "out.jsonl"
    n = export_jsonl(sample, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == 5
    recs = [json.loads(line) for line in lines]
    first = recs[0]
    assert first["doc_id"] == "doc0" and first["path"] == "/news/doc0.txt" and first["published"] == "2023-01-01"
    text = sample.document(first["id"]).text
    for e in first["entities"]:
        assert set(e) >= {"label", "start", "end", "text", "source", "status"}
        assert text[e["start"] : e["end"]] == e["text"]
    for f in first["facts"]:
        assert f["type"] in FACT_TYPES and set(FACT_TYPES[f["type"]].field_names) <= set(f)
        assert set(f["evidence"]) == {"start", "end"} and 0 <= f["evidence"]["start"] < f["evidence"]["end"]
        assert isinstance(f["confidence"], float) and f["status"] in ("suggested", "accepted", "edited", "rejected")
    assert sum(len(r["facts"]) for r in recs) == 25
    export_jsonl(sample, out, only_reviewed=True)
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {f["status"] for r in recs for f in r["facts"]} <= {"accepted", "edited"}
    assert {e["status"] for r in recs for e in r["entities"]} <= {"accepted", "edited"}


def test_export_command(sample, tmp_path, capsys):
    sample.close()
    proj = str(tmp_path / "s.steppe")
    rc = main(["export", "--project", proj, "--xlsx", str(tmp_path / "o.xlsx"), "--csv", str(tmp_path / "c"),
               "--jsonl", str(tmp_path / "o.jsonl"), "--only-reviewed"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "Wrote" in out and "o.xlsx" in out and "trade.csv" in out and "o.jsonl: 5 documents" in out
    assert load_workbook(tmp_path / "o.xlsx")["About"]["B7"].value.startswith("reviewed facts only")
    assert main(["export", "--project", proj]) == 2
    assert "choose at least one" in capsys.readouterr().err
    assert main(["export", "--project", str(tmp_path / "none.steppe"), "--xlsx", str(tmp_path / "x.xlsx")]) == 2
    assert "no project" in capsys.readouterr().err
    (tmp_path / ".~lock.o.xlsx#").write_text("x")
    before = hashlib.sha256((tmp_path / "o.xlsx").read_bytes()).hexdigest()
    assert main(["export", "--project", proj, "--xlsx", str(tmp_path / "o.xlsx")]) == 2
    assert "is open in another program" in capsys.readouterr().err
    assert hashlib.sha256((tmp_path / "o.xlsx").read_bytes()).hexdigest() == before
    assert main(["export", "--project", proj, "--xlsx", str(tmp_path / "o.xlsx"),
                 "--jsonl", str(tmp_path / "o2.jsonl")]) == 1


def test_import_workbook_command(sample, tmp_path, capsys):
    sample.close()
    proj = str(tmp_path / "s.steppe")
    wb_path = tmp_path / "w.xlsx"
    assert main(["export", "--project", proj, "--xlsx", str(wb_path)]) == 0
    wb = load_workbook(wb_path)
    ws = wb["Trade"]
    hdr = [c.value for c in ws[1]]
    ws.cell(2, hdr.index("Value") + 1).value = 7
    ws.cell(3, hdr.index("Value") + 1).value = "lots"
    wb.save(wb_path)
    capsys.readouterr()
    assert main(["import-workbook", "--project", proj, str(wb_path), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "1 edited, 0 added, 0 rejected, 1 refused" in out and "Trade row 3" in out and "dry run" in out
    with Project(proj) as p:
        assert all(f.fields.get("value") != 7 for f in p.facts())
    assert main(["import-workbook", "--project", proj, str(wb_path)]) == 1
    assert "applied: 1 edited" in capsys.readouterr().out
    with Project(proj) as p:
        assert any(f.fields.get("value") == 7 and f.status == "edited" for f in p.facts())
        assert p.audit_entries(1)[0][2] == "Import corrections from w.xlsx"
    bad = tmp_path / "bad.xlsx"
    bad.write_text("no")
    assert main(["import-workbook", "--project", proj, str(bad)]) == 2
    assert "not an Excel workbook" in capsys.readouterr().err
