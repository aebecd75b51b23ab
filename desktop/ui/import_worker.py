"""Import in the background: a QThread with its own Project connection, progress and cancel.

SQLite connections must not cross threads, so the worker opens the project file again; each
document is committed on its own, so a cancelled import keeps every document it finished.
"""

from __future__ import annotations

import importlib.util
import threading
import time
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QThread, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from desktop.core.store.project import ProjectError


def extraction_available() -> bool:
    try:
        return importlib.util.find_spec("desktop.core.extract.pipeline") is not None
    except (ImportError, ValueError):
        return False


#: How often (seconds) the worker hands the window what it imported so far.
BATCH_INTERVAL = 2.0


class ImportBatch:
    """What the worker imported since its last batch, read with its own connection and
    turned into plain Python (no SQLite object crosses threads): every document with an id
    up to ``mark`` and above the previous batch's, their summaries and their facts' rows."""

    __slots__ = ("fact_rows", "mark", "summaries")

    def __init__(self, mark: int, summaries: list, fact_rows: list) -> None:
        self.mark, self.summaries, self.fact_rows = mark, summaries, fact_rows


class ImportWorker(QThread):
    """``progressed(done, total, path)`` while running; ``batchReady(ImportBatch)`` every
    :data:`BATCH_INTERVAL` seconds and once at the end (before ``done``), so the window shows
    new documents and facts without reading them on its own thread; ``done(results, error)``
    at the end."""

    progressed = Signal(int, int, str)
    batchReady = Signal(object)
    done = Signal(object, str)

    def __init__(self, project_path: str | Path, paths: list[str], parent=None, extract: bool | None = None) -> None:
        super().__init__(parent)
        self.project_path = Path(project_path)
        self.paths = [str(p) for p in paths]
        self.extract = extraction_available() if extract is None else extract
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self._project = None
        self._fed = 0  # the highest document id handed over in a batch
        self._last_batch = 0.0
        self.results: list = []
        self.error = ""

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, i: int, total: int, path: str) -> None:
        now = time.monotonic()
        if now - self._last_emit >= 0.05 or i >= total or i == 0:
            self._last_emit = now
            self.progressed.emit(i, total, path)
        if self._project is not None and now - self._last_batch >= BATCH_INTERVAL:
            self._batch()

    def _batch(self) -> None:
        """Read what was imported since the last batch (between two documents: nothing is
        being written) and hand it over."""
        from desktop.core.factquery import last_document_id, load_rows

        project = self._project
        self._last_batch = time.monotonic()
        mark = last_document_id(project)
        if mark <= self._fed:
            return
        ids = [r[0] for r in project.conn.execute(
            "SELECT id FROM documents WHERE id > ? AND id <= ? ORDER BY id", (self._fed, mark))]
        summaries = project.document_summaries(ids) if ids else []
        rows = [r for r in load_rows(project, after_doc=self._fed) if r.doc_id <= mark]
        for r in rows:
            r.search  # noqa: B018 - the search strings are built here, not on the window's thread
        self._fed = mark
        self.batchReady.emit(ImportBatch(mark, summaries, rows))

    def run(self) -> None:
        from desktop.core.importer import import_paths
        from desktop.core.store.project import Project

        results: list = []
        error = ""
        try:
            project = Project(self.project_path, create=False)
        except ProjectError as err:
            self.done.emit([], str(err))
            return
        try:
            from desktop.core.factquery import last_document_id

            self._fed = last_document_id(project)  # the window shows everything up to here
            self._last_batch = time.monotonic()
            self._project = project
            results = import_paths(project, self.paths, extract=self.extract, progress=self._progress,
                                   cancelled=self._cancel.is_set)
            self._batch()
        except ProjectError as err:
            error = str(err)
        except Exception as err:  # never let a worker die silently
            error = f"Import stopped: {type(err).__name__}: {err}"
        finally:
            self._project = None
            project.close()
        self.results, self.error = results, error
        self.done.emit(results, error)


REPORT_COLOURS = {"imported": "#2e7d32", "duplicate": "#8a6d00", "failed": "#b00020"}


class _ReportModel(QAbstractTableModel):
    HEADERS = ("Result", "File", "Title, or why not imported")

    def __init__(self, results: list, parent=None) -> None:
        super().__init__(parent)
        self.results = list(results)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        res = self.results[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return res.status
            if col == 1:
                return Path(res.path).name
            return res.reason or (res.title if res.status == "imported" else "")
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return QColor(REPORT_COLOURS.get(res.status, "#000000"))
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return res.path
        return None


class _Cell:
    """One report cell, read like a ``QTableWidgetItem`` (text, tooltip)."""

    def __init__(self, index) -> None:
        self._index = index

    def text(self) -> str:
        return self._index.data() or ""

    def toolTip(self) -> str:
        return self._index.data(Qt.ItemDataRole.ToolTipRole) or ""


class _ReportTable(QTableView):
    def rowCount(self) -> int:
        return self.model().rowCount()

    def item(self, row: int, column: int) -> _Cell:
        return _Cell(self.model().index(row, column))


class ImportReportDialog(QDialog):
    """One row per file: imported / duplicate / failed, with the reason."""

    def __init__(self, results: list, parent=None, cancelled: bool = False, error: str = "",
                 extracted: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import report")
        counts = {s: sum(r.status == s for r in results) for s in ("imported", "duplicate", "failed")}
        head = (f"{counts['imported']} imported, {counts['duplicate']} duplicate, {counts['failed']} failed"
                + (" — cancelled, the documents imported so far are kept" if cancelled else ""))
        lay = QVBoxLayout(self)
        self.summary = QLabel(head, self)
        f = self.summary.font()
        f.setBold(True)
        self.summary.setFont(f)
        lay.addWidget(self.summary)
        if error:
            err = QLabel(error, self)
            err.setWordWrap(True)
            err.setStyleSheet("color: #b00020;")
            lay.addWidget(err)
        if not extracted:
            note = QLabel("Extraction is not available in this build: documents were imported without "
                          "suggestions.", self)
            note.setWordWrap(True)
            lay.addWidget(note)
        # A model over the results, not 10,000 × 3 items made in one go (a long stall at the end
        # of a large import): rows are asked for as they scroll into view.
        table = _ReportTable(self)
        table.setObjectName("importReport")
        table.setModel(_ReportModel(results, table))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.horizontalHeader().setResizeContentsPrecision(200)  # size columns from the first rows
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnsToContents()
        self.table = table
        lay.addWidget(table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.counts = counts
        self.resize(760, 420)
