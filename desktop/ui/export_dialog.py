"""File → Export… (Ctrl+E) and File → Import corrections…

:func:`export_workbook_dialog` asks which facts (all, reviewed only, the current table
filter) and which formats (Excel workbook, CSV folder, JSON Lines), then writes them in a
background thread with progress and Cancel. The worker opens its own read-only connection to
the project file, since SQLite objects must not cross threads. Success and failure are shown
inside the dialog (no modal box to dismiss), with "Open folder" after success.

:func:`import_corrections_dialog` reads an edited workbook, shows what it would change
(N edited, M added, K rejected) and every refused row (sheet, row, reason), and applies it
as one undoable operation on Apply.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.export.safety import ExportCancelled, ExportError
from desktop.core.export.workbook_import import (
    CorrectionPlan,
    WorkbookError,
    apply_corrections,
    read_corrections,
)
from desktop.core.session import OperationError, Session
from desktop.core.store.project import ProjectError

ERROR_STYLE = "color: #b00020;"
SUCCESS_STYLE = "color: #2e7d32;"


class ExportWorker(QThread):
    """Writes the chosen formats. ``progressed(done, total)``; ``done(lines, error, cancelled)``."""

    progressed = Signal(int, int)
    done = Signal(object, str, bool)

    def __init__(
        self,
        project_path: str | Path,
        *,
        xlsx: Path | None,
        csv_dir: Path | None,
        jsonl: Path | None,
        fact_ids: list[int] | None,
        only_reviewed: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project_path = Path(project_path)
        self.xlsx, self.csv_dir, self.jsonl = xlsx, csv_dir, jsonl
        self.fact_ids = fact_ids
        self.only_reviewed = only_reviewed
        self._cancel = threading.Event()
        self._last = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last >= 0.05 or done >= total:
            self._last = now
            self.progressed.emit(done, total)

    def run(self) -> None:
        from desktop.core.export.csv_export import export_csv
        from desktop.core.export.jsonl import export_jsonl
        from desktop.core.export.xlsx import export_workbook
        from desktop.core.store.project import Project

        lines: list[str] = []
        try:
            project = Project(self.project_path, create=False, read_only=True)
        except ProjectError as err:
            self.done.emit(lines, str(err), False)
            return
        opts = {"fact_ids": self.fact_ids, "only_reviewed": self.only_reviewed}
        try:
            if self.xlsx is not None:
                summary = export_workbook(project, self.xlsx, progress=self._progress,
                                          cancelled=self._cancel.is_set, **opts)
                lines.append(summary.describe())
            if self.csv_dir is not None:
                files = export_csv(project, self.csv_dir, cancelled=self._cancel.is_set, **opts)
                lines.append(f"Wrote {len(files)} CSV files into {self.csv_dir}")
            if self.jsonl is not None:
                n = export_jsonl(project, self.jsonl, cancelled=self._cancel.is_set, **opts)
                lines.append(f"Wrote {self.jsonl}: {n} documents")
        except ExportCancelled as err:
            self.done.emit(lines, str(err), True)
            return
        except (ExportError, ProjectError) as err:
            self.done.emit(lines, str(err), False)
            return
        except Exception as err:  # never let a worker die silently
            self.done.emit(lines, f"The export failed unexpectedly: {err!r}", False)
            return
        finally:
            project.close()
        self.done.emit(lines, "", False)


def default_export_folder(project_path: Path) -> Path:
    """Where exports go unless the analyst picks a place: beside the project, except for
    projects kept in Steppe's own data folder (the default and sample projects), whose
    exports go to the Documents folder (or home), where the analyst will look for them."""
    from desktop.core.paths import user_data_dir

    folder = project_path.resolve().parent
    try:
        hidden = folder == user_data_dir().resolve()
    except OSError:
        hidden = False
    if not hidden:
        return folder
    home = Path.home()
    docs = home / "Documents"
    return docs if docs.is_dir() else home


def _path_row(edit: QLineEdit, browse: QPushButton) -> QWidget:
    w = QWidget()
    h = QHBoxLayout(w)
    h.setContentsMargins(0, 0, 0, 0)
    h.addWidget(edit, 1)
    h.addWidget(browse)
    return w


class ExportDialog(QDialog):
    """Choose facts, formats and targets; export in the background."""

    def __init__(self, parent: QWidget | None, session: Session, current_filter_ids: list[int] | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export facts")
        self.session = session
        self.filter_ids = list(current_filter_ids) if current_filter_ids is not None else None
        self.worker: ExportWorker | None = None
        self.written_folder: Path | None = None
        project = session.project
        base = default_export_folder(project.path)
        counts = project.counts()

        intro = QLabel(f"Export the facts of “{project.name}” with their evidence and sources.")
        intro.setWordWrap(True)
        which = QGroupBox("Facts")
        v = QVBoxLayout(which)
        self.all_radio = QRadioButton(f"All facts ({counts['facts']})")
        self.reviewed_radio = QRadioButton("Reviewed only: accepted and edited")
        n_filter = len(self.filter_ids) if self.filter_ids is not None else 0
        self.filter_radio = QRadioButton(
            f"Current table filter ({n_filter})" if self.filter_ids is not None else "Current table filter (no filter)"
        )
        self.filter_radio.setEnabled(self.filter_ids is not None)
        self.which = QButtonGroup(self)
        for b in (self.all_radio, self.reviewed_radio, self.filter_radio):
            self.which.addButton(b)
            v.addWidget(b)
        (self.filter_radio if self.filter_ids is not None else self.all_radio).setChecked(True)

        formats = QGroupBox("Formats")
        g = QGridLayout(formats)
        self.xlsx_check = QCheckBox("Excel workbook")
        self.xlsx_check.setChecked(True)
        self.xlsx_edit = QLineEdit(str(base / f"{project.name}.xlsx"))
        self.csv_check = QCheckBox("CSV files (one per sheet) into folder")
        self.csv_edit = QLineEdit(str(base / f"{project.name}-csv"))
        self.jsonl_check = QCheckBox("JSON Lines (one document a line)")
        self.jsonl_edit = QLineEdit(str(base / f"{project.name}.jsonl"))
        for row, (check, edit, browse) in enumerate((
            (self.xlsx_check, self.xlsx_edit, self._browse_xlsx),
            (self.csv_check, self.csv_edit, self._browse_csv),
            (self.jsonl_check, self.jsonl_edit, self._browse_jsonl),
        )):
            button = QPushButton("Choose…")
            button.clicked.connect(browse)
            edit.setMinimumWidth(380)
            edit.setToolTip(edit.text())
            edit.textChanged.connect(edit.setToolTip)
            g.addWidget(check, row, 0)
            g.addWidget(_path_row(edit, button), row, 1)
            check.toggled.connect(self._update_buttons)
            for w in (edit, button):  # a format that is off has its target greyed out
                w.setEnabled(check.isChecked())
                check.toggled.connect(w.setEnabled)
        g.setColumnStretch(1, 1)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setVisible(False)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_or_close)
        self.open_button = QPushButton("Open folder")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self.open_folder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(which)
        layout.addWidget(formats)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(max(760, self.sizeHint().width()), self.sizeHint().height() + 24)
        self._update_buttons()

    # ------------------------------------------------------------------ choosing

    def _browse_xlsx(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export workbook", self.xlsx_edit.text(), "Excel workbook (*.xlsx)")
        if name:
            self.xlsx_edit.setText(name if name.lower().endswith(".xlsx") else name + ".xlsx")
            self.xlsx_check.setChecked(True)

    def _browse_csv(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Folder for the CSV files", self.csv_edit.text())
        if name:
            self.csv_edit.setText(name)
            self.csv_check.setChecked(True)

    def _browse_jsonl(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export JSON Lines", self.jsonl_edit.text(), "JSON Lines (*.jsonl)")
        if name:
            self.jsonl_edit.setText(name)
            self.jsonl_check.setChecked(True)

    def _update_buttons(self) -> None:
        running = self.worker is not None
        any_format = self.xlsx_check.isChecked() or self.csv_check.isChecked() or self.jsonl_check.isChecked()
        self.export_button.setEnabled(any_format and not running)
        self.cancel_button.setText("Cancel" if running or not self.written_folder else "Close")

    # ------------------------------------------------------------------ running

    def start(self) -> None:
        if self.worker is not None:
            return
        chosen = []
        for check, edit, what in (
            (self.xlsx_check, self.xlsx_edit, "workbook"),
            (self.csv_check, self.csv_edit, "CSV folder"),
            (self.jsonl_check, self.jsonl_edit, "JSON Lines file"),
        ):
            text = edit.text().strip()
            if check.isChecked() and not text:
                self._show_error(f"Choose where to write the {what}.")
                return
            chosen.append(Path(text).expanduser() if check.isChecked() else None)
        xlsx, csv_dir, jsonl = chosen
        if xlsx is not None and xlsx.suffix.lower() != ".xlsx":
            xlsx = xlsx.with_name(xlsx.name + ".xlsx")
        self.written_folder = None
        self.open_button.setVisible(False)
        self.status.setStyleSheet("")
        self.status.setText("Exporting…")
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.worker = ExportWorker(
            self.session.project.path, xlsx=xlsx, csv_dir=csv_dir, jsonl=jsonl,
            fact_ids=self.filter_ids if self.filter_radio.isChecked() else None,
            only_reviewed=self.reviewed_radio.isChecked(), parent=self,
        )
        self._target_folder = xlsx or jsonl or (csv_dir / "x" if csv_dir else None)
        self.worker.progressed.connect(self._on_progress)
        self.worker.done.connect(self._on_done)
        self.worker.start()
        self._update_buttons()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _on_done(self, lines: list[str], error: str, cancelled: bool) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.wait()
            worker.deleteLater()
        self.progress.setVisible(False)
        if error:
            text = "\n".join([*lines, error])
            if cancelled:
                self.status.setStyleSheet("")
                self.status.setText(text)
            else:
                self._show_error(text)
        else:
            self.status.setStyleSheet(SUCCESS_STYLE)
            self.status.setText("✓ " + "\n".join(lines))
            target = self._target_folder
            self.written_folder = target.parent if target is not None else None
            self.open_button.setVisible(self.written_folder is not None)
        self._update_buttons()

    def _show_error(self, text: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(text)

    def cancel_or_close(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText("Cancelling…")
            return
        self.reject()

    def open_folder(self) -> None:
        if self.written_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written_folder)))

    def reject(self) -> None:
        if self.worker is not None:  # closing while running: stop and wait, nothing half-written stays
            self.worker.cancel()
            self.worker.wait()
        super().reject()


def export_workbook_dialog(parent: QWidget | None, session: Session, current_filter_ids: list[int] | None) -> None:
    """Show the export dialog (modal) for ``session``'s project."""
    ExportDialog(parent, session, current_filter_ids).exec()


# --------------------------------------------------------------------------- import corrections


class ReadWorker(QThread):
    """Reads a workbook against its own read-only connection; ``done(plan or None, error)``."""

    done = Signal(object, str)

    def __init__(self, project_path: str | Path, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_path = Path(project_path)
        self.path = Path(path)

    def run(self) -> None:
        from desktop.core.store.project import Project

        try:
            project = Project(self.project_path, create=False, read_only=True)
        except ProjectError as err:
            self.done.emit(None, str(err))
            return
        try:
            self.done.emit(read_corrections(project, self.path), "")
        except WorkbookError as err:
            self.done.emit(None, str(err))
        except Exception as err:  # never let a worker die silently
            self.done.emit(None, f"{self.path.name} could not be read: {err!r}")
        finally:
            project.close()


class ImportCorrectionsDialog(QDialog):
    """Shows what an edited workbook would change; Apply makes it one undoable operation."""

    def __init__(self, parent: QWidget | None, session: Session) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import corrections")
        self.session = session
        self.plan: CorrectionPlan | None = None
        self.changes = None
        self.reader: ReadWorker | None = None

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("An Excel workbook that Steppe exported and an analyst edited")
        self.path_edit.returnPressed.connect(lambda: self.start_reading(self.path_edit.text().strip()))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.browse)
        self.summary = QLabel("Choose a workbook.")
        self.summary.setWordWrap(True)
        f = self.summary.font()
        f.setBold(True)
        self.summary.setFont(f)
        self.notes = QLabel("")
        self.notes.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Sheet", "Row", "Reason"])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.apply_button = QPushButton("Apply")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(_path_row(self.path_edit, browse))
        layout.addWidget(self.summary)
        layout.addWidget(self.notes)
        self.refused_label = QLabel("Refused rows (not applied):")
        layout.addWidget(self.refused_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(760, 460)

    def browse(self) -> bool:
        start = self.path_edit.text() or str(default_export_folder(self.session.project.path))
        name, _ = QFileDialog.getOpenFileName(self, "Import corrections", start, "Excel workbook (*.xlsx)")
        if name:
            self.start_reading(name)
        return bool(name)

    def _clear(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))
        self.plan = None
        self.apply_button.setEnabled(False)
        self.table.setRowCount(0)
        self.notes.setText("")
        self.summary.setStyleSheet("")

    def start_reading(self, path: str | Path) -> None:
        """Read ``path`` in a worker thread (a large workbook takes seconds) and show its plan."""
        if self.reader is not None or not str(path).strip():
            return
        self._clear(path)
        self.summary.setText(f"Reading {Path(path).name}…")
        self.reader = ReadWorker(self.session.project.path, path, self)
        self.reader.done.connect(self._on_read)
        self.reader.start()

    def _on_read(self, plan: CorrectionPlan | None, error: str) -> None:
        reader, self.reader = self.reader, None
        if reader is not None:
            reader.wait()
            reader.deleteLater()
        self._show(plan, error)

    def load(self, path: str | Path) -> CorrectionPlan | None:
        """Read ``path`` in this thread and show its plan; returns it (``None`` when it cannot be read)."""
        self._clear(path)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            plan, error = read_corrections(self.session.project, path), ""
        except WorkbookError as err:
            plan, error = None, str(err)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show(plan, error)
        return plan

    def _show(self, plan: CorrectionPlan | None, error: str) -> None:
        if plan is None:
            self.summary.setStyleSheet(ERROR_STYLE)
            self.summary.setText(error)
            return
        self.plan = plan
        self.summary.setStyleSheet("")
        self.summary.setText(
            f"{len(plan.edits)} edited, {len(plan.added)} added, {len(plan.rejected)} rejected"
            f" — {len(plan.refused)} row{'s' if len(plan.refused) != 1 else ''} refused"
            + ("" if not plan.empty else ". Nothing to apply.")
        )
        self.notes.setText("\n".join(plan.notes))
        self.refused_label.setText("Refused rows (not applied):" if plan.refused else "No row was refused.")
        self.table.setVisible(bool(plan.refused))
        self.table.setRowCount(len(plan.refused))
        for i, r in enumerate(plan.refused):
            for j, value in enumerate((r.sheet, "" if r.row is None else str(r.row), r.reason)):
                self.table.setItem(i, j, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.apply_button.setEnabled(not plan.empty)

    def apply(self) -> None:
        if self.plan is None or self.plan.empty:
            return
        try:
            self.changes = apply_corrections(self.session, self.plan)
        except (OperationError, ProjectError) as err:
            self.summary.setStyleSheet(ERROR_STYLE)
            self.summary.setText(f"Nothing was applied: {err}")
            return
        self.accept()

    def reject(self) -> None:
        if self.reader is not None:
            self.reader.wait()
        super().reject()


def import_corrections_dialog(parent: QWidget | None, session: Session):
    """Ask for an edited workbook, show its summary and apply it on Apply (one undo step).
    Returns the plan that was applied, or ``None``."""
    dialog = ImportCorrectionsDialog(parent, session)
    if not dialog.browse():
        return None
    dialog.exec()
    return dialog.plan if dialog.changes is not None else None
