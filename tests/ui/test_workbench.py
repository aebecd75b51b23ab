"""Import in the background, first run, projects, read-only, layout, facts ↔ text, smoke."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.core.session import Session
from desktop.core.store.project import Project, ProjectError
from desktop.ui.main_window import READ_ONLY_TEXT, MainWindow
from desktop.ui.welcome import sample_files
from tests.ui.uihelpers import TEXT_1

REPO = Path(__file__).resolve().parents[2]


def write_docs(folder: Path, n: int, prefix: str = "doc") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{prefix}{i:03}.txt").write_text(
            f"Report {i}\n\nChina and Kazakhstan traded goods worth ${i + 1} billion in 2022, officials in Astana said"
            f" on day {i}.\n", encoding="utf-8")
    return folder


def wait_import(qtbot, w, timeout=20000):
    qtbot.waitUntil(lambda: w.import_worker is None, timeout=timeout)


def test_background_import_with_progress_and_report(qtbot, project, make_window, tmp_path):
    folder = write_docs(tmp_path / "in", 5)
    (folder / "copy.txt").write_text((folder / "doc000.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"not a pdf at all")
    w = make_window(project)
    assert w.stack.currentWidget() is w.welcome
    seen = []
    worker = w.start_import([str(folder)], extract=False)
    worker.progressed.connect(lambda i, n, p: seen.append((i, n)))
    assert w._import_box.isVisible()
    wait_import(qtbot, w)
    report = w.import_report
    assert report is not None and report.isVisible()
    assert report.counts == {"imported": 5, "duplicate": 1, "failed": 1}
    assert report.table.rowCount() == 7
    failed = [report.table.item(r, 2).text() for r in range(7) if report.table.item(r, 0).text() == "failed"]
    assert failed and failed[0]
    assert not w._import_box.isVisible()
    # the views refreshed: the list shows the documents and the first one is open
    assert len(w.documents.model.rows) == 5
    assert w.stack.currentWidget() is w.viewer and w.current_doc_id is not None
    assert project.counts()["documents"] == 5
    assert seen  # progress reached the window (at least the final tick may be throttled away)


def test_cancel_keeps_what_was_imported(qtbot, project, make_window, tmp_path):
    folder = write_docs(tmp_path / "many", 150)
    w = make_window(project)
    worker = w.start_import([str(folder)], extract=False)
    qtbot.waitUntil(lambda: w.import_bar.maximum() > 1 or w.import_worker is None, timeout=10000)
    w.import_cancel.click()
    wait_import(qtbot, w)
    n = project.counts()["documents"]
    assert worker.cancelled
    assert len(w.last_import_results) == n
    assert "cancelled" in w.import_report.summary.text() or n == 150
    assert len(w.documents.model.rows) == n


def test_closing_during_import_waits_and_keeps_documents(qtbot, project, make_window, tmp_path):
    folder = write_docs(tmp_path / "many", 150)
    w = make_window(project)
    worker = w.start_import([str(folder)], extract=False)
    qtbot.waitUntil(lambda: project.counts()["documents"] > 0, timeout=10000)
    w.close()
    assert worker.isFinished()
    with Project(project.path) as again:
        n = again.counts()["documents"]
        assert n >= 1
        assert again.integrity_problems() == []


def test_drop_files_on_the_window_imports_them(qtbot, project, make_window, tmp_path):
    folder = write_docs(tmp_path / "drop", 2)
    w = make_window(project)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in sorted(folder.iterdir())])
    ev = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    w.dropEvent(ev)
    assert w.importing
    wait_import(qtbot, w)
    assert project.counts()["documents"] == 2


def test_welcome_view_on_an_empty_project(qtbot, project, make_window):
    w = make_window(project)
    assert w.stack.currentWidget() is w.welcome
    assert w.welcome.import_button.isEnabled()
    assert w.welcome.samples_button.isEnabled() == bool(sample_files())
    if not sample_files():
        assert "No sample documents" in w.welcome.samples_button.toolTip()


@pytest.mark.skipif(not sample_files(), reason="data/samples is absent")
def test_open_the_sample_documents(qtbot, project, make_window):
    w = make_window(project)
    w.welcome.samples_button.click()
    wait_import(qtbot, w, timeout=60000)
    assert project.counts()["documents"] == len(sample_files())
    assert w.stack.currentWidget() is w.viewer


def test_read_only_banner_and_refused_write(qtbot, two_docs, make_window):
    project, d1, _ = two_docs
    ro = Project(project.path, read_only=True)
    try:
        w = make_window(ro, read_only_reason=READ_ONLY_TEXT)
        assert w.banner.isVisible() and w.banner.text() == READ_ONLY_TEXT
        assert "read-only" in w.windowTitle()
        w.viewer.select_range(0, 0)
        w.accept_current()
        assert w.last_message is not None and "read-only" in w.last_message[1]
        assert project.entities(d1)[0].status == "suggested"
        w.close()
    finally:
        ro.close()


def test_a_project_open_in_another_process_opens_read_only(qtbot, tmp_path):
    from desktop.app import open_window

    path = tmp_path / "locked.steppe"
    Project(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from desktop.core.store.lock import acquire_lock;"
         " l = acquire_lock(sys.argv[1]); print('locked', flush=True); sys.stdin.read()", str(path)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        w = open_window(path, remember=False)
        qtbot.addWidget(w)
        assert w.project.read_only
        assert w.banner.text().startswith(READ_ONLY_TEXT)
        assert open_window(path, remember=False) is w  # the same process: the same window
        w.close()
    finally:
        holder.stdin.close()
        holder.wait(10)


def test_a_file_that_is_not_a_project_gets_a_message(qtbot, project, make_window, tmp_path):
    bad = tmp_path / "notes.steppe"
    bad.write_text("just some text, not a database", encoding="utf-8")
    w = make_window(project)
    assert w.open_project(bad) is None
    assert w.last_message[0] == "Cannot open the project"
    assert "not a Steppe project" in w.last_message[1]
    assert w.isVisible()


def test_a_write_failure_shows_a_message_not_a_crash(qtbot, two_docs, make_window, monkeypatch):
    project, _d1, _ = two_docs
    w = make_window(project)

    def fail(*_a, **_k):
        raise ProjectError("Cannot write test.steppe: disk I/O error. Nothing was changed.")

    monkeypatch.setattr(project, "apply", fail)
    w.viewer.select_range(0, 0)
    w.accept_current()
    assert w.last_message == ("Cannot save the change", "Cannot write test.steppe: disk I/O error. Nothing was changed.")
    assert w.isVisible()


def test_layout_is_remembered(qtbot, two_docs):
    project, _, _ = two_docs
    w = MainWindow(Session(project))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.legend_dock.isVisible()
    w.legend_dock.hide()
    w.close()
    w2 = MainWindow(Session(project))
    qtbot.addWidget(w2)
    w2.show()
    qtbot.waitExposed(w2)
    assert not w2.legend_dock.isVisible()
    w2.reset_layout()
    assert w2.legend_dock.isVisible()
    w2.close()


def test_fact_selection_and_text_clicks_are_linked(qtbot, two_docs, make_window):
    project, d1, d2 = two_docs
    w = make_window(project)
    if w.facts_view is None:
        pytest.skip("the facts table is not in this build")
    (fact,) = project.facts(d2)
    w.facts_view.factSelected.emit(fact.id)
    assert w.current_doc_id == d2
    assert w.viewer.selection_range() == (fact.evidence_start, fact.evidence_end)
    # a click inside the evidence sentence highlights the fact in the table
    w.open_document(d1)
    (f1,) = project.facts(d1)
    got = []
    w.facts_view.highlight_facts = lambda ids: got.append(list(ids))
    tv = w.viewer.text_view
    c = tv.textCursor()
    c.setPosition(f1.evidence_start + 5)
    rect = tv.cursorRect(c)
    qtbot.mouseClick(tv.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert got and got[-1] == [f1.id]
    qtbot.mouseClick(tv.viewport(), Qt.MouseButton.LeftButton, pos=tv.cursorRect(_cursor_at(tv, 2)).center())
    assert got[-1] == []


def _cursor_at(tv, pos):
    c = tv.textCursor()
    c.setPosition(pos)
    return c


def test_a_chart_filter_reaches_the_facts_table_and_the_export(qtbot, two_docs, make_window, monkeypatch):
    project, d1, _ = two_docs
    w = make_window(project)
    if w.facts_view is None:
        pytest.skip("the facts table is not in this build")
    (f1,) = project.facts(d1)
    w.apply_fact_filter([f1.id], "Trade · KAZ")
    assert w._current_filter_ids() == [f1.id]
    calls = []
    import types

    fake = types.SimpleNamespace(export_workbook_dialog=lambda parent, session, ids: calls.append(ids))
    monkeypatch.setitem(sys.modules, "desktop.ui.export_dialog", fake)
    w.act_export.trigger()
    assert calls == [[f1.id]]


def test_text_shown_is_the_document_text(qtbot, two_docs, make_window):
    project, _, _ = two_docs
    w = make_window(project)
    assert w.viewer.text_view.toPlainText() == TEXT_1


def test_smoke_run_exits_zero():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "desktop", "--smoke"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("steppe smoke: ok")


def test_the_window_stays_responsive_during_an_import(qtbot, project, make_window, tmp_path):
    """The event loop keeps turning while a folder is imported (with extraction when available)."""
    import time

    from PySide6.QtCore import QTimer

    folder = write_docs(tmp_path / "load", 120)
    w = make_window(project)
    gaps, last = [], [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    w.start_import([str(folder)])
    wait_import(qtbot, w, timeout=60000)
    timer.stop()
    assert project.counts()["documents"] == 120
    worst = max(gaps[1:]) if len(gaps) > 1 else 0
    print(f"longest event-loop gap during import: {worst * 1000:.0f} ms over {len(gaps)} ticks")
    assert worst < 0.25  # the target is 100 ms; room for a loaded test machine
