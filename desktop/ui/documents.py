"""The documents list: a sortable, filterable table over ``Project.document_summaries()``."""

from __future__ import annotations

import bisect

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
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


def _sort_key(col: int):
    """The key of column ``col`` (as shown, case-insensitive text, numbers as numbers)."""
    if col == 0:
        return lambda s: s.title.lower()
    if col == 1:
        return lambda s: (s.outlet or "").lower()
    if col == 2:
        return lambda s: s.published or ""
    if col == 3:
        return lambda s: s.n_entities
    if col == 4:
        return lambda s: s.n_facts
    rank = {IN_PROGRESS: 1, DONE: 2}
    return lambda s: rank.get(s.review_state, 0)


def _search_text(s: DocumentSummary) -> str:
    return f"{s.title}\n{s.outlet or ''}\n{s.published or ''}\n{s.review_state}".lower()


class DocumentsModel(QAbstractTableModel):
    """``rows`` holds every document in import order; the table shows ``visible`` (positions
    in ``rows``), filtered and sorted here in Python over precomputed keys: a proxy sorting
    10,000 rows through ``data()`` calls took most of a second. New documents are inserted
    where the sort puts them (:meth:`add`), so an import never reloads the whole list."""

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[DocumentSummary] = []
        self._row_of: dict[int, int] = {}
        self.visible: list[int] = []
        self._pos: dict[int, int] | None = None  # doc id → visible position, built on demand
        self.sort_column = -1
        self.descending = False
        self.needle = ""
        self.last_id = 0
        self.reload()

    # ------------------------------------------------------------------ the lists

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = self.session.project.document_summaries()
        self._row_of = {s.id: i for i, s in enumerate(self.rows)}
        self.last_id = max(self._row_of, default=0)
        self.visible = self._ordered(range(len(self.rows)))
        self._pos = None
        self.endResetModel()

    def _accepts(self, s: DocumentSummary) -> bool:
        return not self.needle or self.needle in _search_text(s)

    def _key(self):
        key = _sort_key(self.sort_column)
        rows = self.rows
        return lambda i: key(rows[i])

    def _ordered(self, positions) -> list[int]:
        """``positions`` (indexes into ``rows``) that pass the filter, in display order.
        Ties keep import order in both directions (as Qt's stable sort did)."""
        rows = self.rows
        out = [i for i in positions if self._accepts(rows[i])] if self.needle else list(positions)
        if 0 <= self.sort_column < len(COLUMNS):
            out.sort(key=self._key(), reverse=self.descending)
        return out

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        column = column if 0 <= column < len(COLUMNS) else -1
        descending = order == Qt.SortOrder.DescendingOrder and column >= 0
        if (column, descending) == (self.sort_column, self.descending):
            return
        self.sort_column, self.descending = column, descending
        self._relayout()

    def set_filter(self, text: str) -> None:
        needle = (text or "").lower()
        if needle == self.needle:
            return
        self.beginResetModel()
        self.needle = needle
        self.visible = self._ordered(range(len(self.rows)))
        self._pos = None
        self.endResetModel()

    def _relayout(self) -> None:
        """Re-sort ``visible``, keeping persistent indexes (the selection) on their documents."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self.rows[self.visible[i.row()]].id if 0 <= i.row() < len(self.visible) else None for i in old]
        if self.sort_column < 0:
            self.visible.sort()
        else:
            self.visible.sort()  # import order first: ties keep it
            self.visible.sort(key=self._key(), reverse=self.descending)
        self._pos = None
        if old:
            new = [self.index(self.view_row(d), i.column()) if d is not None and self.view_row(d) is not None
                   else QModelIndex() for i, d in zip(old, ids, strict=True)]
            self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def add(self, summaries) -> None:
        """Show new documents (or new counts of known ones) without touching the others: each
        new document is inserted where the sort and the filter put it."""
        fresh = []
        for s in summaries:
            if s.id in self._row_of:
                self._replace(s)
            else:
                fresh.append(s)
        if not fresh:
            return
        fresh.sort(key=lambda s: s.id)
        first = len(self.rows)
        for s in fresh:
            self._row_of[s.id] = len(self.rows)
            self.rows.append(s)
            self.last_id = max(self.last_id, s.id)
        shown = [i for i in range(first, len(self.rows)) if self._accepts(self.rows[i])]
        if not shown:
            return
        self._pos = None
        if self.sort_column < 0:  # import order: they go at the end, in one block
            n = len(self.visible)
            self.beginInsertRows(QModelIndex(), n, n + len(shown) - 1)
            self.visible.extend(shown)
            self.endInsertRows()
            return
        key = self._key()
        if self.descending:
            keys = [_Desc(key(i)) for i in self.visible]
            wrap = lambda i: _Desc(key(i))  # noqa: E731
        else:
            keys = [key(i) for i in self.visible]
            wrap = key
        for i in sorted(shown, key=wrap):  # after the equal keys: they came earlier
            pos = bisect.bisect_right(keys, wrap(i))
            self.beginInsertRows(QModelIndex(), pos, pos)
            self.visible.insert(pos, i)
            keys.insert(pos, wrap(i))
            self.endInsertRows()

    def add_new(self, limit: int | None = None) -> bool:
        """Read the documents imported since the last look (ids only grow); at most ``limit``
        of them. True when there may be more."""
        sql = "SELECT id FROM documents WHERE id > ? ORDER BY id" + (f" LIMIT {int(limit)}" if limit else "")
        ids = [r[0] for r in self.session.project.conn.execute(sql, (self.last_id,))]
        if ids:
            self.add(self.session.project.document_summaries(ids))
            self.last_id = max(self.last_id, ids[-1])
        return bool(limit) and len(ids) >= limit

    def _replace(self, s: DocumentSummary) -> None:
        i = self._row_of[s.id]
        self.rows[i] = s
        r = self.view_row(s.id)
        if r is not None:
            self.dataChanged.emit(self.index(r, 0), self.index(r, len(COLUMNS) - 1))

    def refresh(self, doc_ids) -> None:
        """Re-read the counts of ``doc_ids`` only."""
        ids = [i for i in doc_ids if i in self._row_of]
        if not ids:
            return
        for s in self.session.project.document_summaries(ids):
            self._replace(s)

    def row_of(self, doc_id: int) -> int | None:
        """The document's position in ``rows`` (None if unknown)."""
        return self._row_of.get(doc_id)

    def view_row(self, doc_id: int) -> int | None:
        """The document's row in the table (None if unknown or filtered out)."""
        if self._pos is None:
            rows = self.rows
            self._pos = {rows[i].id: r for r, i in enumerate(self.visible)}
        return self._pos.get(doc_id)

    def summary(self, row: int) -> DocumentSummary:
        return self.rows[self.visible[row]]

    def ordered_ids(self) -> list[int]:
        rows = self.rows
        return [rows[i].id for i in self.visible]

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visible)

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
        s = self.rows[self.visible[index.row()]]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (s.title or "(untitled)", s.outlet or "", s.published or "", s.n_entities, s.n_facts,
                    REVIEW_MARKS.get(s.review_state, s.review_state))[col]
        if role == SORT_ROLE:
            return _sort_key(col)(s)
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


class _Desc:
    """Reverses the order of a key (for bisecting a descending list)."""

    __slots__ = ("k",)

    def __init__(self, k) -> None:
        self.k = k

    def __lt__(self, other: _Desc) -> bool:
        return other.k < self.k


class _Filter(QSortFilterProxyModel):
    """Passes the model through in its own order: sorting and the text filter are the model's
    (list operations), never per-row Python calls from Qt."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def setFilterFixedString(self, pattern: str) -> None:  # type: ignore[override]
        self.sourceModel().set_filter(pattern)


class DocumentsPanel(QWidget):
    """Emits ``documentActivated(doc_id)`` when the user picks a document."""

    documentActivated = Signal(int)
    #: Documents handed over by an import (:meth:`feed`) are now in the list.
    documentsShown = Signal()
    #: Summaries of an import shown per event-loop turn (bounded work per turn).
    FEED_SLICE = 200

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = DocumentsModel(session, self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
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
        self._feed: list[DocumentSummary] = []
        self._pumping = False

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
        return self.model.ordered_ids()  # the proxy passes the model's order through

    def current_id(self) -> int | None:
        idx = self.table.currentIndex()
        return int(idx.data(ID_ROLE)) if idx.isValid() else None

    def select(self, doc_id: int, emit: bool = False) -> None:
        if self.model.row_of(doc_id) is None:
            return
        row = self.model.view_row(doc_id)
        if row is None:  # filtered out: show everything again
            self.filter_edit.clear()
            row = self.model.view_row(doc_id)
            if row is None:
                return
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
        if self._feed and any(s.id in doc_ids for s in self._feed):  # newer counts than the import's
            ids = set(doc_ids)
            fresh = {s.id: s for s in self.session.project.document_summaries(
                [s.id for s in self._feed if s.id in ids])}
            self._feed = [fresh.get(s.id, s) for s in self._feed]

    def feed(self, summaries) -> None:
        """Documents imported by a worker (their summaries read on its thread): shown
        :attr:`FEED_SLICE` at a time, one slice per event-loop turn."""
        summaries = list(summaries)
        if not summaries:
            return
        self.model.last_id = max(self.model.last_id, max(s.id for s in summaries))
        self._feed.extend(summaries)
        if not self._pumping:
            self._pumping = True
            QTimer.singleShot(0, self._pump)

    def _pump(self) -> None:
        self._pumping = False
        chunk = self._feed[: self.FEED_SLICE]
        del self._feed[: self.FEED_SLICE]
        self.add(chunk)
        if self._feed:
            self._pumping = True
            QTimer.singleShot(0, self._pump)
        if chunk:
            self.documentsShown.emit()

    def flush_feed(self) -> None:
        """Show every document handed over so far now."""
        while self._feed:
            self._pump()

    def add(self, summaries) -> None:
        """Show newly imported documents (the rest of the list, and the selection, stay)."""
        summaries = list(summaries)
        if not summaries:
            return
        self.model.add(summaries)
        self._grow_content(summaries)

    def add_new(self, limit: int | None = None) -> bool:
        """Read and show the documents imported since the last look (at most ``limit``);
        True when there may be more."""
        n = len(self.model.rows)
        more = self.model.add_new(limit)
        self._grow_content(self.model.rows[n:])
        return more

    def _grow_content(self, summaries) -> None:
        if self._content is None or not summaries:
            return
        fm = self.table.fontMetrics()
        outlet, digits = self._content
        outlets = {s.outlet for s in summaries if s.outlet}
        numbers = max(max(s.n_entities, s.n_facts) for s in summaries)
        wider = (max([outlet, *(fm.horizontalAdvance(o) for o in outlets)]),
                 max(digits, fm.horizontalAdvance("9" * max(2, len(str(numbers))))))
        if wider != self._content:
            self._content = wider
            self.fit_columns()
