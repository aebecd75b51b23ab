"""The documents list: a sortable, filterable table over ``Project.document_summaries()``."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.store.project import DONE, IN_PROGRESS, NOT_STARTED, DocumentSummary
from desktop.ui import theme
from desktop.ui.empty import EmptyHint

COLUMNS = ("Title", "Outlet", "Published", "Ents", "Facts", "Review")
HEADER_TIPS = (
    "The document's title (sort by clicking a header)",
    "Where it was published",
    "Publication date",
    "Entities (mentions) found, rejected ones excluded",
    "Facts found",
    "Review state: ○ not started · ◐ in progress · ● done (nothing left to review)",
)
#: Widest an outlet column gets by itself (the title takes the rest; the user can drag it).
MAX_OUTLET_WIDTH = 170
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: How the review state shows in its narrow column (the tooltip and the filter use the words).
REVIEW_MARKS = {NOT_STARTED: "○", IN_PROGRESS: "◐", DONE: "●"}
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class DocumentsModel(QAbstractTableModel):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[DocumentSummary] = []
        self._row_of: dict[int, int] = {}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = self.session.project.document_summaries()
        self._row_of = {s.id: i for i, s in enumerate(self.rows)}
        self.endResetModel()

    def refresh(self, doc_ids) -> None:
        """Re-read the counts of ``doc_ids`` only."""
        ids = [i for i in doc_ids if i in self._row_of]
        if not ids:
            return
        for s in self.session.project.document_summaries(ids):
            r = self._row_of[s.id]
            self.rows[r] = s
            self.dataChanged.emit(self.index(r, 0), self.index(r, len(COLUMNS) - 1))

    def row_of(self, doc_id: int) -> int | None:
        return self._row_of.get(doc_id)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        s = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (s.title or "(untitled)", s.outlet or "", s.published or "", s.n_entities, s.n_facts,
                    REVIEW_MARKS.get(s.review_state, s.review_state))[col]
        if role == SORT_ROLE:
            rank = {IN_PROGRESS: 1, DONE: 2}.get(s.review_state, 0)
            return (s.title.lower(), (s.outlet or "").lower(), s.published or "", s.n_entities, s.n_facts,
                    rank)[col]
        if role == ID_ROLE:
            return s.id
        if role == Qt.ItemDataRole.ToolTipRole and col == 5:
            mark = REVIEW_MARKS.get(s.review_state, "")
            return f"{mark} Review {s.review_state}: {s.n_suggested} suggestions left, {s.n_reviewed} reviewed"
        if role == Qt.ItemDataRole.ToolTipRole:
            bits = [s.title, " · ".join(b for b in (s.outlet, s.published) if b), s.url or "",
                    f"{s.review_state}: {s.n_suggested} suggestions left, {s.n_reviewed} reviewed"]
            return "\n".join(b for b in bits if b)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 5:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 5:
            return QColor("#2e7d32") if s.review_state == DONE else (
                QColor("#b26a00") if s.review_state == IN_PROGRESS else None)
        return None


class _Filter(QSortFilterProxyModel):
    def filterAcceptsRow(self, row, parent) -> bool:
        needle = self.filterRegularExpression().pattern().lower()
        if not needle:
            return True
        s = self.sourceModel().rows[row]
        return needle in f"{s.title}\n{s.outlet or ''}\n{s.published or ''}\n{s.review_state}".lower()


class DocumentsPanel(QWidget):
    """Emits ``documentActivated(doc_id)`` when the user picks a document."""

    documentActivated = Signal(int)

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = DocumentsModel(session, self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter documents (title, outlet, date, state)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._set_filter)
        self.table = QTableView(self)
        self.table.setObjectName("documentsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        h = self.table.horizontalHeader()
        h.setMinimumSectionSize(36)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The title takes the spare width; the others are measured to fit their content (not
        # ResizeToContents: it would ask every row for its size on each change, which a list
        # of 10,000 documents cannot afford).
        for c in range(1, len(COLUMNS)):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        self._user_sized: set[int] = set()
        self._content: tuple[int, int] | None = None
        self._sizing = False
        h.sectionResized.connect(self._section_resized)
        self.fit_columns()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty_hint = EmptyHint(self.table, lambda: (
            "No document matches the filter." if self.model.rows else
            "No documents yet.\nImport files (Ctrl+I), a folder (Ctrl+Shift+I), or drop them on the window."))
        self.review_key = QLabel("Review:  ○ not started   ◐ in progress   ● done", self)
        self.review_key.setObjectName("reviewKey")
        self.review_key.setToolTip(HEADER_TIPS[5])
        self.review_key.setStyleSheet(theme.muted_style(self.palette()))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.filter_edit)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.review_key)
        self._quiet = False

    def changeEvent(self, ev) -> None:
        if ev.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.review_key.setStyleSheet(theme.muted_style(self.palette()))
        super().changeEvent(ev)

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        if ev.oldSize().width() != ev.size().width():
            self.fit_columns()

    def _section_resized(self, col: int, _old: int, _new: int) -> None:
        if not self._sizing and col > 0:
            self._user_sized.add(col)  # dragged by the user: keep it

    def fit_columns(self) -> None:
        """Size every column but the title to its content (header included)."""
        fm = self.table.fontMetrics()
        hfm = self.table.horizontalHeader().fontMetrics()
        pad = 18  # cell margins and the sort arrow's room
        if self._content is None:  # measured once per reload, not on every resize
            outlets = {s.outlet for s in self.model.rows[:5000] if s.outlet}
            numbers = max((max(s.n_entities, s.n_facts) for s in self.model.rows), default=0)
            self._content = (max((fm.horizontalAdvance(o) for o in outlets), default=0),
                             fm.horizontalAdvance("9" * max(2, len(str(numbers)))))
        outlet, digits = self._content
        # the outlet gives way first in a narrow list: the title matters more
        room = max(0, int(self.width() * 0.18))
        widths = {
            1: max(hfm.horizontalAdvance(COLUMNS[1]) + pad, min(MAX_OUTLET_WIDTH, outlet + 12, room or 10_000)),
            2: max(fm.horizontalAdvance("2023-05-19") + 12, hfm.horizontalAdvance(COLUMNS[2]) + pad),
            3: max(digits + 12, hfm.horizontalAdvance(COLUMNS[3]) + pad),
            4: max(digits + 12, hfm.horizontalAdvance(COLUMNS[4]) + pad),
            5: hfm.horizontalAdvance(COLUMNS[5]) + pad,
        }
        h = self.table.horizontalHeader()
        self._sizing = True
        try:
            for c, width in widths.items():
                if c not in self._user_sized:
                    h.resizeSection(c, width)
        finally:
            self._sizing = False

    def _set_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)

    def _current_changed(self, current, _previous) -> None:
        if self._quiet or not current.isValid():
            return
        self.documentActivated.emit(int(current.data(ID_ROLE)))

    # ------------------------------------------------------------------ API

    def ordered_ids(self) -> list[int]:
        """Document ids in the order shown (sorted, filtered)."""
        return [int(self.proxy.index(r, 0).data(ID_ROLE)) for r in range(self.proxy.rowCount())]

    def current_id(self) -> int | None:
        idx = self.table.currentIndex()
        return int(idx.data(ID_ROLE)) if idx.isValid() else None

    def select(self, doc_id: int, emit: bool = False) -> None:
        row = self.model.row_of(doc_id)
        if row is None:
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if not idx.isValid():  # filtered out: show everything again
            self.filter_edit.clear()
            idx = self.proxy.mapFromSource(self.model.index(row, 0))
        self._quiet = not emit
        try:
            self.table.setCurrentIndex(idx)
            self.table.scrollTo(idx)
        finally:
            self._quiet = False

    def step(self, delta: int) -> int | None:
        """The id ``delta`` rows from the current one in display order (None at either end)."""
        ids = self.ordered_ids()
        if not ids:
            return None
        cur = self.current_id()
        if cur not in ids:
            return ids[0] if delta > 0 else ids[-1]
        i = ids.index(cur) + delta
        return ids[i] if 0 <= i < len(ids) else None

    def reload(self) -> None:
        cur = self.current_id()
        self._quiet = True
        try:
            self.model.reload()
        finally:
            self._quiet = False
        self._content = None
        self.fit_columns()
        if cur is not None:
            self.select(cur)

    def refresh(self, doc_ids) -> None:
        self.model.refresh(doc_ids)
