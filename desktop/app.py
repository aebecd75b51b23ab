"""Start the Qt application (the ``steppe`` command with no subcommand).

``steppe``                 the default project (created on first run; a welcome view offers samples)
``steppe FILE.steppe``     that project
``steppe --sample``        the sample project (made from ``data/samples`` on first use)
``steppe --smoke``         open the window on a temporary project, import the samples, check that
                           entities and facts appear, open the charts, export, print one line, exit
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

_T0 = time.perf_counter()

#: Windows kept alive for the life of the application.
WINDOWS: list = []


def _read_only_notice(opened) -> str | None:
    if opened.locked_by is not None:
        return f"Opened read-only: another Steppe window has this project open ({opened.locked_by.describe()})"
    if opened.read_only:
        return "Opened read-only: changes are not saved"
    return None


def open_window(path: str | Path, create: bool = True, remember: bool = True, ask_restore=None):
    """Open ``path`` in a new :class:`MainWindow` (not shown).

    The project is opened the safe way (``open_project_safely``: a lock, a damage check, a
    background backup); when another Steppe process has it, it opens read-only with a banner.
    A damaged project with a backup calls ``ask_restore(err) -> bool`` and restores on yes.
    Raises ``ProjectError`` (with a message for the user) when it cannot be opened.
    ``remember=False`` leaves the recent list and the saved layout alone (the smoke run).
    """
    from desktop.core.session import Session
    from desktop.core.store.backup import CorruptProjectError, restore_backup
    from desktop.core.store.open import open_project_safely
    from desktop.ui.main_window import MainWindow, add_recent

    path = Path(path)
    for w in WINDOWS:  # this process has it already: show that window rather than a second one
        if not w.property("closed") and w.project.path.resolve() == path.resolve():
            return w
    try:
        opened = open_project_safely(path, create=create, read_only_if_locked=True, backup="background")
    except CorruptProjectError as err:
        if err.backup is None or ask_restore is None or not ask_restore(err):
            raise
        restore_backup(err.path, err.backup)
        opened = open_project_safely(path, create=False, read_only_if_locked=True, backup="background")
    notice = _read_only_notice(opened)
    window = MainWindow(Session(opened.project), read_only_reason=notice, lock=opened)
    window.owns_project = True
    window.remember_layout = remember
    WINDOWS.append(window)
    window.destroyed.connect(lambda *_: WINDOWS.remove(window) if window in WINDOWS else None)
    if remember and not opened.read_only:
        add_recent(path.resolve())
    if opened.backup_error:
        window.status(f"The automatic backup failed: {opened.backup_error}", 15000)
    return window


def ask_restore_box(err) -> bool:
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        None, "The project is damaged",
        f"{err}\n\nRestore the backup from {err.backup.describe_time()}? "
        "Changes made after it are lost; the damaged file is kept beside it.",
    )
    return answer == QMessageBox.StandardButton.Yes


def _application(argv: Sequence[str]):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0], *argv])
        app.setOrganizationName("Steppe")
        app.setApplicationName("Steppe")
        app.setApplicationDisplayName("Steppe")
        from desktop.ui.theme import app_icon

        app.setWindowIcon(app_icon())
    return app


def sample_project_path() -> Path:
    from desktop.core.paths import user_data_dir

    return user_data_dir() / "Samples.steppe"


def run_app(argv: Sequence[str]) -> int:
    argv = list(argv)
    if "--smoke" in argv:
        return smoke(argv)
    app = _application(argv)
    from PySide6.QtWidgets import QMessageBox

    from desktop.core.paths import default_project_path
    from desktop.core.store.project import ProjectError

    files = [a for a in argv if not a.startswith("-")]
    path = Path(files[0]) if files else default_project_path()
    if "--sample" in argv:
        path = sample_project_path()
    try:
        window = open_window(path, create=not files or not Path(files[0]).exists(), ask_restore=ask_restore_box)
    except ProjectError as err:
        QMessageBox.critical(None, "Steppe cannot open the project", str(err))
        return 2
    window.show()
    if "--sample" in argv and not window.project.document_ids() and not window.project.read_only:
        window.import_samples()  # in the background, with progress: the window is usable at once
    if "--timing" in argv or os.environ.get("STEPPE_TIMING"):
        print(f"window shown after {time.perf_counter() - _T0:.2f} s", file=sys.stderr)
    return app.exec()


def smoke(argv: Sequence[str]) -> int:
    """The end-to-end check ``steppe --smoke``: one line, exit 0 only if everything worked."""
    import importlib

    t0 = time.perf_counter()
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a smoke test needs no screen
    app = _application(argv)
    from desktop.core.importer import IMPORTED, import_paths
    from desktop.ui.import_worker import extraction_available
    from desktop.ui.welcome import sample_files

    problems: list[str] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="steppe-smoke-") as tmp:
        window = open_window(Path(tmp) / "smoke.steppe", remember=False)
        window.show()
        app.processEvents()
        shown = time.perf_counter() - t0
        samples = sample_files()
        if not samples:
            problems.append("no sample documents in data/samples")
        extract = extraction_available()
        if not extract:
            problems.append("extraction pipeline missing (desktop.core.extract.pipeline)")
        results = import_paths(window.project, samples, extract=extract)
        imported = sum(r.status == IMPORTED for r in results)
        failed = [r for r in results if r.status != IMPORTED]
        if failed:
            problems.append(f"{len(failed)} sample(s) not imported: {failed[0].reason}")
        window.session.documents_added()
        app.processEvents()
        ids = window.documents.ordered_ids()
        if ids:
            window.open_document(ids[0])
            app.processEvents()
            if window.viewer.doc is None or window.viewer.text_view.toPlainText() != window.viewer.doc.text.replace(
                "\r\n", "\n"
            ).replace("\r", "\n"):
                problems.append("the viewer does not show the document text")
        else:
            problems.append("no document listed")
        counts = window.project.counts()
        n_highlights = window.viewer.highlight_count
        if extract and counts["entities"] == 0:
            problems.append("no entities extracted")
        if extract and counts["facts"] == 0:
            problems.append("no facts extracted")
        if ids and extract and n_highlights == 0:
            problems.append("no highlights in the first document")
        if window.facts_view is None:
            problems.append("facts table absent")
        window.charts_dock.show()
        window.charts_dock.raise_()
        app.processEvents()
        if window.charts_view:
            notes.append("charts ok")
        else:
            problems.append("charts absent")
        try:
            xlsx = importlib.import_module("desktop.core.export.xlsx")
        except ModuleNotFoundError:
            problems.append("export absent")
        else:
            out = Path(tmp) / "smoke.xlsx"
            try:
                xlsx.export_workbook(window.project, out)
            except Exception as err:
                problems.append(f"export failed: {type(err).__name__}: {err}")
            else:
                if out.is_file() and out.stat().st_size > 0:
                    notes.append(f"export ok ({out.stat().st_size // 1024} KB)")
                else:
                    problems.append("export wrote nothing")
        window.close()
        app.processEvents()
    summary = (f"{imported} documents, {counts['entities']} entities, {counts['facts']} facts, "
               f"{n_highlights} highlights in the first; {', '.join(notes)}; window shown in {shown:.2f} s")
    if problems:
        print(f"steppe smoke: FAILED — {'; '.join(problems)} ({summary})")
        return 1
    print(f"steppe smoke: ok — {summary}")
    return 0
