"""The Excel export: structure, types, formats, tables, validations, safety, atomic writes."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

import desktop
from desktop.core.export.safety import ExportCancelled, ExportError, clean_text
from desktop.core.export.sample import HOSTILE_TITLES, make_sample_project
from desktop.core.export.xlsx import export_workbook
from desktop.core.model import FACT_TYPES, Document, Fact
from desktop.core.session import Session

FACT_SHEETS = [ft.sheet for ft in FACT_TYPES.values()]


@pytest.fixture
def sample(tmp_path):
    p = make_sample_project(tmp_path / "sample.steppe", n_docs=5, facts_per_doc=6, hostile=True)
    yield p
    p.close()


@pytest.fixture
def exported(sample, tmp_path):
    path = tmp_path / "out.xlsx"
    summary = export_workbook(sample, path)
    return path, summary


def header(ws):
    return [c.value for c in next(ws.iter_rows(max_row=1))]


def col(ws, name):
    return header(ws).index(name) + 1


def test_sheets_rows_and_summary(sample, exported):
    path, summary = exported
    wb = load_workbook(path)
    assert wb.sheetnames == ["About", *FACT_SHEETS, "Entities", "Documents", "Lists", "_steppe"]
    assert wb["Lists"].sheet_state == "hidden" and wb["_steppe"].sheet_state == "hidden"
    assert summary.n_facts == len(sample.facts()) == 30
    for name, ft in FACT_TYPES.items():
        ws = wb[ft.sheet]
        assert ws.max_row - 1 == len([f for f in sample.facts() if f.type == name]) == summary.facts_by_sheet[ft.sheet]
        hdr = header(ws)
        assert hdr[: len(ft.fields)] == [f.title for f in ft.fields]
        assert hdr[len(ft.fields) :] == ["Status", "Confidence", "Document", "Evidence", "Source rule", "steppe_id"]
    assert wb["Entities"].max_row - 1 == summary.n_entities == 60
    assert header(wb["Entities"]) == ["Document", "Label", "Text", "Start", "End", "Status", "Source", "Confidence", "id"]
    assert wb["Documents"].max_row - 1 == 5
    assert "30 facts" in summary.describe()


def test_types_and_number_formats(sample, exported):
    path, _ = exported
    wb = load_workbook(path)
    trade = wb["Trade"]
    row = 2
    fid = trade.cell(row, col(trade, "steppe_id")).value
    fact = sample.fact(fid)
    value = trade.cell(row, col(trade, "Value"))
    assert isinstance(value.value, (int, float)) and value.value == fact.fields["value"]
    assert value.number_format == "#,##0"
    assert trade.cell(row, col(trade, "Currency")).value == "USD"
    pct = trade.cell(row, col(trade, "Change %"))
    assert pct.value == 40 and pct.number_format == '0.0"%"'
    period = trade.cell(row, col(trade, "Period"))
    assert period.data_type == "s" and period.value == fact.fields["period"]
    conf = trade.cell(row, col(trade, "Confidence"))
    assert conf.value == pytest.approx(0.9) and conf.number_format == "0.00"
    assert trade.cell(row, col(trade, "Evidence")).value == sample.document(fact.doc_id).text[
        fact.evidence_start : fact.evidence_end
    ]
    assert trade.cell(row, col(trade, "Source rule")).value == "fact:trade"
    ind = wb["Indicators"]
    assert ind.cell(2, col(ind, "Period")).value == "2023-01/2023-04"  # a period stays text
    assert ind.cell(2, col(ind, "Change %")).value == -12.5
    events = wb["Events"]
    start = events.cell(2, col(events, "Start"))
    assert isinstance(start.value, datetime) and start.value.date() == date(2023, 5, 18)
    assert start.number_format == "yyyy-mm-dd"
    docs = wb["Documents"]
    url = docs.cell(2, col(docs, "URL"))
    assert url.hyperlink is not None and url.hyperlink.target == "https://example.org/news/0"
    pub = docs.cell(2, col(docs, "Published"))
    assert isinstance(pub.value, datetime) and pub.number_format == "yyyy-mm-dd"


def test_independent_reader_calamine_sees_the_same(sample, exported):
    path, _ = exported
    wb = CalamineWorkbook.from_path(str(path))
    assert wb.sheet_names[:8] == ["About", *FACT_SHEETS, "Entities", "Documents"]
    trade = wb.get_sheet_by_name("Trade").to_python()
    hdr = trade[0]
    assert len(trade) - 1 == len([f for f in sample.facts() if f.type == "trade"])
    row = trade[1]
    assert isinstance(row[hdr.index("Value")], float)
    assert isinstance(row[hdr.index("steppe_id")], (int, float))
    events = wb.get_sheet_by_name("Events").to_python()
    assert isinstance(events[1][events[0].index("Start")], date)
    titles = {r[1] for r in wb.get_sheet_by_name("Documents").to_python()[1:]}
    assert set(HOSTILE_TITLES) <= titles


def test_tables_freeze_widths_and_bold_headers(exported):
    path, _ = exported
    wb = load_workbook(path)
    for name in [*FACT_SHEETS, "Entities", "Documents"]:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert len(ws.tables) == 1, name
        table = next(iter(ws.tables.values()))
        assert table.tableStyleInfo.name == "TableStyleMedium2"
        assert table.autoFilter is not None
        assert table.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{max(ws.max_row, 2)}"
        assert [c.name for c in table.tableColumns] == header(ws)
        assert all(ws.cell(1, i).font.bold for i in range(1, ws.max_column + 1))
        widths = [ws.column_dimensions[ws.cell(1, i).column_letter].width for i in range(1, ws.max_column + 1)]
        assert all(6 <= w <= 60 for w in widths), (name, widths)
    trade = wb["Trade"]
    assert trade.column_dimensions["N"].width > trade.column_dimensions["A"].width  # evidence is wider


def test_data_validations_use_lists(exported):
    path, _ = exported
    wb = load_workbook(path)
    trade = wb["Trade"]
    by_col = {}
    for dv in trade.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_col[rng.coord.split(":")[0].rstrip("0123456789")] = dv.formula1
    letter = lambda name: trade.cell(1, col(trade, name)).column_letter  # noqa: E731
    assert by_col[letter("Reporter")].startswith("Lists!$A$2:$A$")
    assert by_col[letter("Partner")] == by_col[letter("Reporter")]
    for name in ("Flow", "Qualifier", "Status"):
        assert by_col[letter(name)].startswith("Lists!")
    lists = wb["Lists"]
    codes = [r[0] for r in lists.iter_rows(min_row=2, values_only=True) if r[0]]
    assert codes[:3] == ["CHN", "KAZ", "KGZ"] and "CA5" in codes and "WORLD" in codes and "USA" in codes
    end = int(by_col[letter("Reporter")].rsplit("$", 1)[1])
    assert end == len(codes) + 1
    inv = wb["Investment"]
    kinds = [dv.formula1 for dv in inv.data_validations.dataValidation]
    assert any(f.startswith("Lists!$D$") for f in kinds)  # investment kind list


def test_about_sheet(sample, exported):
    path, _ = exported
    session = Session(sample)
    session.add_entity(1, 0, 5, "ORG")  # learn a string (a hostile one: "=HYPE")
    session.set_entity_status([sample.entities(1)[1].id], "rejected")
    export_workbook(sample, path)
    ws = load_workbook(path)["About"]
    rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]
    flat = {r[0]: r[1] for r in rows if r and r[0]}
    assert flat["Project"] == "sample"
    assert flat["Steppe version"] == desktop.__version__
    assert flat["Facts included"] == "all facts: 30"
    datetime.fromisoformat(flat["Exported at"])
    trade_row = next(r for r in rows if r[0] == "Trade")
    assert sum(trade_row[2:6]) == trade_row[6] == trade_row[7] == 10
    person = next(c for c in ws.iter_rows() for c in c if c.value == "PERSON")
    assert person.fill.fgColor.rgb.lower().endswith("ffd6a5")
    learned_at = next(i for i, r in enumerate(rows) if r and r[0] == "Learned gazetteer")
    learned = {r[0]: r[1] for r in rows[learned_at + 2 :]}
    assert learned == {"=HYPE": "ORG", "=HY": "rejected (never proposed)"} or learned["=HYPE"] == "ORG"
    assert not any(c.data_type == "f" for r in ws.iter_rows() for c in r)


def test_filters_reviewed_and_ids(sample, tmp_path):
    path = tmp_path / "r.xlsx"
    s = export_workbook(sample, path, only_reviewed=True)
    reviewed = [f for f in sample.facts() if f.status in ("accepted", "edited")]
    assert s.n_facts == len(reviewed) and s.mode == "reviewed"
    wb = load_workbook(path)
    statuses = {r[col(wb["Trade"], "Status") - 1] for r in wb["Trade"].iter_rows(min_row=2, values_only=True)}
    assert statuses <= {"accepted", "edited"}
    some = [f.id for f in sample.facts()][:4]
    s = export_workbook(sample, path, fact_ids=some)
    assert s.n_facts == 4 and s.mode == "filter"
    about = {r[0]: r[1] for r in load_workbook(path)["About"].iter_rows(values_only=True) if r and r[0]}
    assert about["Facts included"] == "the facts of the current table filter: 4"


def test_empty_project_exports_valid_tables(project, tmp_path):
    path = tmp_path / "empty.xlsx"
    s = export_workbook(project, path)
    assert s.n_facts == 0
    wb = load_workbook(path)
    assert next(iter(wb["Trade"].tables.values())).ref == "A1:P2"
    CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Trade").to_python()


# --------------------------------------------------------------------------- safety


def sheet_xml(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet")}


def test_hostile_text_never_becomes_a_formula(exported):
    path, _ = exported
    xml = sheet_xml(path)
    assert xml and not any("<f>" in x or "<f " in x for x in xml.values())
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
    docs = wb["Documents"]
    titles = [r[1] for r in docs.iter_rows(min_row=2, values_only=True)]
    assert titles[:4] == list(HOSTILE_TITLES)
    trade = wb["Trade"]
    evidence = [r[col(trade, "Evidence") - 1] for r in trade.iter_rows(min_row=2, values_only=True)]
    assert any(e.startswith("=HYPERLINK(") for e in evidence)


def test_illegal_xml_characters_are_dropped(tmp_path):
    p = make_sample_project(tmp_path / "x.steppe", 0)
    text = "Trade\x00 rose\x07 to $5 billion\x1b."
    doc = Document(None, text, title="Bad\x01title\x0b", content_hash=hashlib.sha256(text.encode()).hexdigest())
    p.add_document(doc, facts=[Fact(None, 0, "role", {"person": "A\x02B"}, 0, len(text))])
    path = tmp_path / "x.xlsx"
    export_workbook(p, path)
    wb = load_workbook(path)
    assert wb["Documents"]["B2"].value == "Badtitle"
    roles = wb["People & roles"]
    assert roles["A2"].value == "AB"
    assert roles.cell(2, col(roles, "Evidence")).value == "Trade rose to $5 billion."
    p.close()


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_read_only_folder_is_refused(sample, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    old = folder / "out.xlsx"
    old.write_bytes(b"old workbook")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ExportError, match="read-only"):
            export_workbook(sample, old)
    finally:
        folder.chmod(0o755)
    assert old.read_bytes() == b"old workbook"
    assert sorted(os.listdir(folder)) == ["out.xlsx"]


def test_read_only_file_is_refused_and_left_identical(sample, exported):
    path, _ = exported
    before = _digest(path)
    path.chmod(0o444)
    try:
        with pytest.raises(ExportError, match="read-only"):
            export_workbook(sample, path, only_reviewed=True)
    finally:
        path.chmod(0o644)
    assert _digest(path) == before


def test_lock_file_means_open_elsewhere(sample, exported):
    path, _ = exported
    before = _digest(path)
    lock = path.with_name(f".~lock.{path.name}#")
    lock.write_text("someone,host,2026")
    with pytest.raises(ExportError) as err:
        export_workbook(sample, path, only_reviewed=True)
    assert f"{path.name} is open in another program (lock file {lock.name}); close it and try again" == str(err.value)
    assert _digest(path) == before
    lock.unlink()
    excel_lock = path.with_name(f"~${path.name}")
    excel_lock.write_text("x")
    with pytest.raises(ExportError, match="open in another program"):
        export_workbook(sample, path)
    assert _digest(path) == before


def test_directory_with_the_target_name_is_refused(sample, tmp_path):
    target = tmp_path / "out.xlsx"
    target.mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_workbook(sample, target)
    with pytest.raises(ExportError, match="does not exist"):
        export_workbook(sample, tmp_path / "missing" / "out.xlsx")


def test_cancel_and_failure_leave_the_old_file_and_no_temporary(sample, exported, monkeypatch):
    path, _ = exported
    before = _digest(path)
    seen = []
    with pytest.raises(ExportCancelled):
        export_workbook(sample, path, progress=lambda d, t: seen.append((d, t)), cancelled=lambda: True)
    assert _digest(path) == before
    assert sorted(os.listdir(path.parent)) == ["out.xlsx", "sample.steppe", "sample.steppe-shm", "sample.steppe-wal"]

    import openpyxl.workbook.workbook as wbmod

    def boom(self, filename):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(wbmod.Workbook, "save", boom)
    with pytest.raises(ExportError, match="No space left"):
        export_workbook(sample, path)
    assert _digest(path) == before
    assert not [n for n in os.listdir(path.parent) if n.endswith(".tmp.xlsx")]


def test_progress_reaches_the_total(sample, tmp_path):
    seen = []
    export_workbook(sample, tmp_path / "p.xlsx", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and all(d <= t for d, t in seen)


# --------------------------------------------------------------------------- LibreOffice

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_keeps_hostile_cells_as_text(exported, tmp_path):
    path, _ = exported
    out = tmp_path / "lo"
    out.mkdir()
    # "Documents" is sheet 8; the filter option picks the sheet to convert (LibreOffice ≥ 7.2).
    env = dict(os.environ, HOME=str(tmp_path))
    result = subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,8',
         "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=180, env=env,
    )
    files = list(out.glob("*.csv"))
    assert files, result.stderr + result.stdout
    text = files[0].read_text(encoding="utf-8")
    assert '=HYPERLINK(""http://x"",""y"")' in text  # the formula's text, not "y"
    assert re.search(r"(^|,)\+1\+1(,|$)", text, re.M)
    assert "@SUM(A1)" in text and re.search(r"(^|,)-2\+3(,|$)", text, re.M)


def test_awkward_text_round_trips(tmp_path):
    p = make_sample_project(tmp_path / "t.steppe", 0)
    titles = ["  padded  ", "line\nbreak", "emoji 🙂 and 中国", "x" * 40000, "'quoted", "\tTabbed",
              "<b>a & b</b> \"q\"", "cr\r\nlf"]
    for i, title in enumerate(titles):
        text = f"Document {i} text."
        digest = hashlib.sha256(f"{i}{title}".encode()).hexdigest()
        p.add_document(Document(None, text, title=title, content_hash=digest))
    path = tmp_path / "t.xlsx"
    export_workbook(p, path)
    got = [r[1] for r in load_workbook(path)["Documents"].iter_rows(min_row=2, values_only=True)]
    assert got == [*titles[:3], "x" * 32767, *titles[4:]]  # Excel's cell limit is 32,767 characters
    assert clean_text("lone\ud800surrogate\uffff") == "lonesurrogate"
    assert not any("<f>" in x for x in sheet_xml(path).values())
    p.close()


def test_a_name_without_suffix_gets_xlsx(sample, tmp_path):
    s = export_workbook(sample, tmp_path / "plain")
    assert s.path == tmp_path / "plain.xlsx" and s.path.exists()
