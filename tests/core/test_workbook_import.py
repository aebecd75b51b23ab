"""Corrections that come back from Excel: planning, tolerance, refusals, one undo step."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from desktop.core.export.sample import make_sample_project
from desktop.core.export.workbook_import import WorkbookError, apply_corrections, read_corrections
from desktop.core.export.xlsx import export_workbook
from desktop.core.session import Session


@pytest.fixture
def sample(tmp_path):
    p = make_sample_project(tmp_path / "rt.steppe", n_docs=4, facts_per_doc=10)
    yield p
    p.close()


@pytest.fixture
def exported(sample, tmp_path):
    path = tmp_path / "export.xlsx"
    export_workbook(sample, path)
    return path


def snapshot(project):
    facts = [(f.id, f.doc_id, f.type, f.fields, f.evidence_start, f.evidence_end, f.status, f.source)
             for f in project.facts()]
    return facts, project.counts()


def cols(ws):
    return {c.value: c.column for c in ws[1]}


def find_row(ws, fact_id):
    c = cols(ws)["steppe_id"]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, c).value == fact_id)


def test_unchanged_workbook_plans_nothing(sample, exported):
    plan = read_corrections(sample, exported)
    assert plan.empty and plan.refused == [] and plan.notes == []
    assert plan.summary() == "0 edited, 0 added, 0 rejected, 0 refused"


def test_edited_workbook_round_trip_is_one_undo_step(sample, exported, tmp_path):
    before = snapshot(sample)
    trade_ids = [f.id for f in sample.facts() if f.type == "trade"]
    assert len(trade_ids) >= 6
    wb = load_workbook(exported)
    ws = wb["Trade"]
    c = cols(ws)
    r_value, r_partner, r_lots, r_xxx, r_deleted = (find_row(ws, i) for i in trade_ids[:5])
    ws.cell(r_value, c["Value"]).value = 123_000_000_000
    ws.cell(r_partner, c["Partner"]).value = "UZB"
    ws.cell(r_lots, c["Value"]).value = "lots"
    ws.cell(r_xxx, c["Partner"]).value = "XXX"
    doc_title = sample.document_summaries()[1].title
    new = {"Reporter": "CHN", "Partner": "KGZ", "Flow": "export", "Period": "2021", "Value": "5 bn",
           "Currency": "USD", "Document": doc_title}
    row = [None] * ws.max_column
    for k, v in new.items():
        row[c[k] - 1] = v
    ws.append(row)
    added_row = ws.max_row
    ws.delete_rows(r_deleted)
    path = tmp_path / "edited.xlsx"
    wb.save(path)

    plan = read_corrections(sample, path)
    assert plan.summary() == "2 edited, 1 added, 1 rejected, 2 refused"
    assert {e.fact_id: e.fields for e in plan.edits} == {
        trade_ids[0]: {"value": 123_000_000_000.0},
        trade_ids[1]: {"partner": "UZB"},
    }
    assert plan.rejected == [trade_ids[4]]
    (new_fact,) = plan.added
    assert new_fact.doc_id == sample.document_summaries()[1].id
    assert new_fact.fields["value"] == 5e9 and new_fact.fields["partner"] == "KGZ"
    refused = {(r.sheet, r.row): r.reason for r in plan.refused}
    shift = lambda r: r - 1 if r > r_deleted else r  # noqa: E731  rows below the deleted one moved up
    assert "'lots' is not a number" in refused[("Trade", shift(r_lots))]
    assert "'XXX' is not an ISO 3166 alpha-3 code" in refused[("Trade", shift(r_xxx))]
    assert added_row - 1 not in {r for _, r in refused}
    assert "refused: Trade row" in plan.describe()

    session = Session(sample)
    changes = apply_corrections(session, plan)
    assert session.undo_name == "Import corrections from edited.xlsx"
    assert len(changes.fact_ids) == 4
    assert sample.fact(trade_ids[0]).fields["value"] == 123e9 and sample.fact(trade_ids[0]).status == "edited"
    assert sample.fact(trade_ids[1]).fields["partner"] == "UZB"
    assert sample.fact(trade_ids[4]).status == "rejected"
    assert sample.counts()["facts"] == before[1]["facts"] + 1
    audit = sample.audit_entries(10)
    assert sum(1 for a in audit if a[2] == "Import corrections from edited.xlsx") == 4
    session.undo()
    assert snapshot(sample) == before
    assert not session.can_undo


def test_excel_and_libreoffice_habits_are_tolerated(sample, exported, tmp_path):
    facts = {f.id: f for f in sample.facts()}
    wb = load_workbook(exported)
    ws = wb["Trade"]
    c = cols(ws)
    tid = ws.cell(2, c["steppe_id"]).value
    ws.cell(2, c["Value"]).value = f"{facts[tid].fields['value']:,.0f}"  # number stored as text, same value
    ws.cell(2, c["steppe_id"]).value = str(tid)  # id as text
    ws.cell(2, c["Period as written"]).value = ""  # empty string
    ws.cell(3, c["Period"]).value = 2019  # typed as a number
    ws.cell(4, c["Period"]).value = datetime(2023, 4, 1)  # Excel turned 2023-04 into a date
    pct = ws.cell(5, c["Change %"])
    pct.value, pct.number_format = 0.45, "0%"  # re-formatted as a real percentage: 45 %
    ws.cell(1, ws.max_column + 1).value = "My notes"  # an extra column
    ws.cell(2, ws.max_column).value = "check this"
    ev = wb["Events"]
    ec = cols(ev)
    er = next(r for r in range(2, ev.max_row + 1) if ev.cell(r, ec["Status"]).value != "rejected")
    ev.cell(er, ec["Start"]).value = datetime(2023, 5, 20, 0, 0)
    # reorder rows of the Indicators sheet (swap 2 and 3)
    ind = wb["Indicators"]
    for col in range(1, ind.max_column + 1):
        a, b = ind.cell(2, col), ind.cell(3, col)
        a.value, b.value = b.value, a.value
    del wb["People & roles"]  # a missing sheet leaves its facts alone
    path = tmp_path / "habits.xlsx"
    wb.save(path)

    plan = read_corrections(sample, path)
    assert plan.refused == []
    edits = {e.fact_id: e.fields for e in plan.edits}
    ids = [ws.cell(r, c["steppe_id"]).value for r in (3, 4, 5)]
    assert edits[int(ids[0])] == {"period": "2019"}
    assert edits[int(ids[1])] == {"period": "2023-04"}
    assert edits[int(ids[2])] == {"change_pct": 45.0}
    assert edits[ev.cell(er, ec["steppe_id"]).value] == {"start": "2023-05-20"}
    assert len(edits) == 4 and plan.added == [] and plan.rejected == []
    assert any("People & roles sheet is missing" in n for n in plan.notes)


def test_status_column(sample, exported, tmp_path):
    wb = load_workbook(exported)
    ws = wb["Investment"]
    c = cols(ws)
    rows = {}
    for r in range(2, ws.max_row + 1):
        rows.setdefault(ws.cell(r, c["Status"]).value, r)
    ws.cell(rows["suggested"], c["Status"]).value = "Rejected"
    ws.cell(rows["accepted"], c["Status"]).value = "edited"
    ws.cell(rows["edited"], c["Status"]).value = "accepted"
    ws.cell(rows["rejected"], c["Status"]).value = "maybe"
    path = tmp_path / "status.xlsx"
    wb.save(path)
    plan = read_corrections(sample, path)
    sid = lambda r: ws.cell(r, c["steppe_id"]).value  # noqa: E731
    assert plan.rejected == [sid(rows["suggested"])]
    assert plan.edits == []
    assert plan.statuses == {sid(rows["accepted"]): "edited", sid(rows["edited"]): "accepted"}
    reasons = {r.row: r.reason for r in plan.refused}
    assert "'maybe' is not one of" in reasons[rows["rejected"]]
    session = Session(sample)
    apply_corrections(session, plan)
    assert sample.fact(sid(rows["suggested"])).status == "rejected"
    assert sample.fact(sid(rows["accepted"])).status == "edited"
    assert sample.fact(sid(rows["edited"])).status == "accepted"
    session.undo()
    assert sample.fact(sid(rows["edited"])).status == "edited"


def test_bad_ids_and_new_rows_are_refused_with_reasons(sample, exported, tmp_path):
    wb = load_workbook(exported)
    ws = wb["Trade"]
    c = cols(ws)
    trade_id = ws.cell(2, c["steppe_id"]).value
    ws.cell(3, c["steppe_id"]).value = trade_id  # duplicated id
    ws.cell(4, c["steppe_id"]).value = 99999  # unknown id
    ws.cell(5, c["steppe_id"]).value = "abc"
    ev = wb["Events"]
    ev.cell(2, cols(ev)["steppe_id"]).value = ws.cell(6, c["steppe_id"]).value  # a trade id on Events
    base = [None] * ws.max_column
    for values in (
        {"Reporter": "CHN", "Partner": "KAZ", "Value": 1e9},  # no document
        {"Reporter": "CHN", "Partner": "KAZ", "Value": 1e9, "Document": "No such article"},
        {"Reporter": "CHN", "Partner": "KAZ", "Period": "22", "Document": sample.document_summaries()[0].title},
    ):
        row = list(base)
        for k, v in values.items():
            row[c[k] - 1] = v
        ws.append(row)
    last = ws.max_row
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    plan = read_corrections(sample, path)
    reasons = {(r.sheet, r.row): r.reason for r in plan.refused}
    assert "appears twice (rows 2 and 3)" in reasons[("Trade", 3)]
    assert "unknown steppe_id 99999" in reasons[("Trade", 4)]
    assert "'abc' is not a Steppe id" in reasons[("Trade", 5)]
    assert "is a trade fact, not event" in reasons[("Events", 2)]
    assert "must name its Document" in reasons[("Trade", last - 2)]
    assert "no document of the project has that title" in reasons[("Trade", last - 1)]
    assert "is not a period" in reasons[("Trade", last)]
    assert plan.added == []


def test_changed_in_steppe_after_export_is_not_overwritten(sample, exported, tmp_path):
    wb = load_workbook(exported)
    ws = wb["Trade"]
    c = cols(ws)
    fid = ws.cell(2, c["steppe_id"]).value
    ws.cell(2, c["Value"]).value = 1
    path = tmp_path / "late.xlsx"
    wb.save(path)
    Session(sample).edit_fact(fid, "value", 2.0)
    plan = read_corrections(sample, path)
    assert plan.edits == [] and "changed in Steppe after" in plan.refused[0].reason


def test_reimporting_new_rows_does_not_duplicate(sample, exported, tmp_path):
    wb = load_workbook(exported)
    ws = wb["People & roles"]
    c = cols(ws)
    row = [None] * ws.max_column
    row[c["Person"] - 1], row[c["Role"] - 1] = "Wang Wentao", "minister"
    row[c["Document"] - 1] = sample.document_summaries()[2].title
    row[c["Evidence"] - 1] = sample.document(sample.document_summaries()[2].id).text[:40]
    ws.append(row)
    path = tmp_path / "new.xlsx"
    wb.save(path)
    plan = read_corrections(sample, path)
    assert len(plan.added) == 1 and plan.added[0].evidence_start == 0 and plan.added[0].evidence_end == 40
    apply_corrections(Session(sample), plan)
    again = read_corrections(sample, path)
    assert again.added == [] and "already has this fact" in again.refused[0].reason


def test_malformed_workbooks_are_refused(sample, tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("just text")
    with pytest.raises(WorkbookError, match="not an Excel workbook"):
        read_corrections(sample, text)
    z = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("hello.txt", "hi")
    with pytest.raises(WorkbookError, match="cannot be read as an Excel workbook"):
        read_corrections(sample, z)
    other = tmp_path / "other.xlsx"
    wb = Workbook()
    wb.active.append(["a", "b"])
    wb.save(other)
    with pytest.raises(WorkbookError, match="no Steppe sheets"):
        read_corrections(sample, other)
    with pytest.raises(WorkbookError, match="no file"):
        read_corrections(sample, tmp_path / "missing.xlsx")


def test_without_the_hidden_sheet_deletions_are_not_guessed(sample, exported, tmp_path):
    wb = load_workbook(exported)
    del wb["_steppe"]
    wb["Trade"].delete_rows(2)
    path = tmp_path / "nometa.xlsx"
    wb.save(path)
    plan = read_corrections(sample, path)
    assert plan.rejected == [] and any("deleted rows cannot be" in n for n in plan.notes)


SOFFICE = shutil.which("soffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_workbook_saved_by_libreoffice_reads_back_unchanged(sample, exported, tmp_path):
    out = tmp_path / "lo"
    out.mkdir()
    subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(exported)],
        capture_output=True, timeout=180, check=False,
    )
    saved = out / exported.name
    assert saved.exists()
    plan = read_corrections(sample, saved)
    assert plan.empty and plan.refused == [], plan.describe()
