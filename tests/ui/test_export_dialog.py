"""The export dialog writes files in a worker thread; the import-corrections dialog shows and applies a plan."""

from __future__ import annotations

import stat

import pytest
from openpyxl import load_workbook

from desktop.core.export.sample import make_sample_project
from desktop.core.export.xlsx import export_workbook
from desktop.core.session import Session
from desktop.ui.export_dialog import ExportDialog, ImportCorrectionsDialog


@pytest.fixture
def session(tmp_path):
    p = make_sample_project(tmp_path / "ui.steppe", n_docs=4, facts_per_doc=5)
    yield Session(p)
    p.close()


def run_export(qtbot, dialog):
    dialog.export_button.click()
    assert dialog.worker is not None
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=30000)


def test_export_dialog_writes_the_chosen_formats(qtbot, session, tmp_path):
    ids = [f.id for f in session.project.facts()][:3]
    dialog = ExportDialog(None, session, ids)
    qtbot.addWidget(dialog)
    assert dialog.filter_radio.isEnabled() and dialog.filter_radio.isChecked()
    dialog.xlsx_edit.setText(str(tmp_path / "ui.xlsx"))
    dialog.jsonl_check.setChecked(True)
    dialog.jsonl_edit.setText(str(tmp_path / "ui.jsonl"))
    run_export(qtbot, dialog)
    assert "Wrote" in dialog.status.text() and "3 facts" in dialog.status.text()
    assert dialog.status.text().startswith("✓") and "2e7d32" in dialog.status.styleSheet()
    assert dialog.open_button.isVisibleTo(dialog) and dialog.written_folder == tmp_path
    assert load_workbook(tmp_path / "ui.xlsx")["About"]["B7"].value == "the facts of the current table filter: 3"
    assert (tmp_path / "ui.jsonl").exists()

    dialog.reviewed_radio.setChecked(True)
    dialog.jsonl_check.setChecked(False)
    run_export(qtbot, dialog)
    assert load_workbook(tmp_path / "ui.xlsx")["About"]["B7"].value.startswith("reviewed facts only")


def test_export_dialog_without_filter_and_failure_message(qtbot, session, tmp_path):
    dialog = ExportDialog(None, session, None)
    qtbot.addWidget(dialog)
    assert not dialog.filter_radio.isEnabled() and dialog.all_radio.isChecked()
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "x.xlsx").write_bytes(b"old")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        dialog.xlsx_edit.setText(str(folder / "x.xlsx"))
        run_export(qtbot, dialog)
    finally:
        folder.chmod(0o755)
    assert "read-only" in dialog.status.text() and "b00020" in dialog.status.styleSheet()
    assert not dialog.open_button.isVisibleTo(dialog)
    assert (folder / "x.xlsx").read_bytes() == b"old"
    dialog.xlsx_check.setChecked(False)
    assert not dialog.export_button.isEnabled()


def test_import_corrections_dialog_shows_summary_and_applies_one_step(qtbot, session, tmp_path):
    path = tmp_path / "e.xlsx"
    export_workbook(session.project, path)
    wb = load_workbook(path)
    ws = wb["Trade"]
    hdr = [c.value for c in ws[1]]
    ws.cell(2, hdr.index("Value") + 1).value = 42
    ws.cell(3, hdr.index("Partner") + 1).value = "XXX"
    wb.save(path)
    dialog = ImportCorrectionsDialog(None, session)
    qtbot.addWidget(dialog)
    plan = dialog.load(path)
    assert plan is not None
    assert dialog.summary.text().startswith("1 edited, 0 added, 0 rejected — 1 row refused")
    assert dialog.table.rowCount() == 1 and dialog.table.isVisibleTo(dialog)
    assert dialog.refused_label.text().startswith("Refused rows")
    assert [dialog.table.item(0, j).text() for j in range(2)] == ["Trade", "3"]
    assert "XXX" in dialog.table.item(0, 2).text()
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert session.undo_name == "Import corrections from e.xlsx"
    session.undo()
    assert all(f.fields.get("value") != 42 for f in session.project.facts())


def test_import_corrections_dialog_refuses_a_bad_file(qtbot, session, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("nope")
    dialog = ImportCorrectionsDialog(None, session)
    qtbot.addWidget(dialog)
    assert dialog.load(bad) is None
    assert "not an Excel workbook" in dialog.summary.text() and not dialog.apply_button.isEnabled()


def test_import_corrections_dialog_reads_in_a_worker(qtbot, session, tmp_path):
    path = tmp_path / "w.xlsx"
    export_workbook(session.project, path)
    wb = load_workbook(path)
    wb["Trade"].delete_rows(2)
    wb.save(path)
    dialog = ImportCorrectionsDialog(None, session)
    qtbot.addWidget(dialog)
    dialog.start_reading(path)
    qtbot.waitUntil(lambda: dialog.reader is None, timeout=30000)
    assert dialog.plan is not None and dialog.plan.rejected
    assert dialog.summary.text().startswith("0 edited, 0 added, 1 rejected — 0 rows refused")
    dialog.apply_button.click()
    assert session.project.fact(dialog.plan.rejected[0]).status == "rejected"


def test_export_targets_default_beside_the_project_or_in_documents(qtbot, session, tmp_path, monkeypatch):
    from desktop.ui import export_dialog

    dialog = ExportDialog(None, session, None)
    qtbot.addWidget(dialog)
    assert dialog.xlsx_edit.text() == str(tmp_path / "ui.xlsx")
    # a format that is off has its target greyed out
    assert dialog.xlsx_edit.isEnabled() and not dialog.csv_edit.isEnabled()
    dialog.csv_check.setChecked(True)
    assert dialog.csv_edit.isEnabled()
    # the default project lives in Steppe's data folder: its exports go where the analyst looks
    monkeypatch.setattr("desktop.core.paths.user_data_dir", lambda: tmp_path)
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setattr(export_dialog.Path, "home", staticmethod(lambda: home))
    assert export_dialog.default_export_folder(tmp_path / "default.steppe") == home / "Documents"
    assert export_dialog.default_export_folder(tmp_path / "sub" / "p.steppe") == tmp_path / "sub"


def test_a_clean_workbook_says_no_row_was_refused(qtbot, session, tmp_path):
    path = tmp_path / "c.xlsx"
    export_workbook(session.project, path)
    wb = load_workbook(path)
    ws = wb["Trade"]
    hdr = [c.value for c in ws[1]]
    ws.cell(2, hdr.index("Value") + 1).value = 43
    wb.save(path)
    dialog = ImportCorrectionsDialog(None, session)
    qtbot.addWidget(dialog)
    assert dialog.load(path) is not None
    assert dialog.refused_label.text() == "No row was refused." and not dialog.table.isVisibleTo(dialog)
