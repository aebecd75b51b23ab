"""The facts table model: a thin Qt face over :class:`desktop.core.factquery.FactQuery`.

Rows are plain Python data held by the query; sorting and filtering run there as list
operations over precomputed keys (fast for 100,000 facts), and this model only announces
the result (``layoutChanged`` for a sort, a reset for a new filter). Session changes that
name facts update just those rows (``dataChanged`` / row inserts / row removals).

News text is untrusted: tooltips escape it and wrap it so Qt never interprets it as markup.
"""

from __future__ import annotations

import gc
import html
import threading
from collections.abc import Iterable, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication

from desktop.core.countries import party_name
from desktop.core.factquery import (
    SCOPE_ALL,
    Column,
    FactQuery,
    FactRow,
    cell_text,
    edit_text,
    last_document_id,
    load_rows,
)
from desktop.core.model import ACCEPTED, EDITED, FACT_TYPES, REJECTED, SUGGESTED, InvalidValue
from desktop.core.session import Changes, OperationError, Session
from desktop.core.store.project import ProjectError

FACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: More changed facts than this in one notice: one reset (with the filter and sort applied
#: in list time) instead of row-by-row updates.
ROW_BY_ROW = 64
#: Rows handed over by an import shown per event-loop turn (bounded work per turn).
FEED_SLICE = 2000

STATUS_COLOURS = {  # on a light background
    SUGGESTED: QColor("#6b7280"),
    ACCEPTED: None,
    EDITED: QColor("#1d4ed8"),
    REJECTED: QColor("#a3a3a3"),
}
STATUS_COLOURS_DARK = {
    SUGGESTED: QColor("#9ca3af"),
    ACCEPTED: None,
    EDITED: QColor("#93c5fd"),
    REJECTED: QColor("#6b7280"),
}


def status_colours() -> dict:
    """The status colours that read well on the current palette (light or dark)."""
    app = QGuiApplication.instance()
    dark = app is not None and QGuiApplication.palette().base().color().lightness() < 128
    return STATUS_COLOURS_DARK if dark else STATUS_COLOURS
STATUS_TIPS = {
    SUGGESTED: "Suggested by extraction, not reviewed yet",
    ACCEPTED: "Accepted by the analyst",
    EDITED: "Edited by hand (kept)",
    REJECTED: "Rejected: not exported as a reviewed fact",
}


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally: escaped, inside a rich-text wrapper (so an
    escaped ``&lt;`` renders as ``<`` and long sentences wrap)."""
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


class FactsTableModel(QAbstractTableModel):
    """Facts of the session's project. ``editRefused(str)`` carries the session's reason."""

    editRefused = Signal(str)
    #: Fact ids changed by a session notice, after the rows were updated.
    factsChanged = Signal(list)

    #: The background load is done (see :meth:`load_in_background`).
    loaded = Signal()

    def __init__(self, session: Session, parent: Any = None, *, load: bool = True) -> None:
        super().__init__(parent)
        self.session = session
        self.query = FactQuery()
        self._pin_new = 0
        self._last_doc = 0
        self.loading = False
        self._waiting_ids: set[int] = set()  # changes noticed while loading in the background
        self._waiting_docs = False
        self._feed: list[FactRow] = []  # rows handed over by an import, shown slice by slice
        self._pumping = False
        self._fonts: dict[str, QFont] = {}
        self._colours: dict | None = None
        listener = self._on_changes
        session.subscribe(listener)
        self.destroyed.connect(lambda *_: _unsubscribe(session, listener))
        if load:
            self.reload()

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Read every fact of the project again (on open, or after a large change)."""
        self.beginResetModel()
        self._last_doc = last_document_id(self.session.project)
        self.query.load(_with_search(load_rows(self.session.project)))
        self.endResetModel()
        _freeze_long_lived()

    def load_in_background(self) -> None:
        """Read every fact in a thread with its own read-only connection (SQLite objects stay
        in their thread; only plain rows come back), so a large project's window shows at
        once. Until the rows arrive the table is empty and :attr:`loading` is True; session
        changes noticed meanwhile are applied after. Falls back to :meth:`reload`."""
        from desktop.core.store.project import Project

        path = getattr(self.session.project, "path", None)
        if path is None or not Path(str(path)).exists():
            self.reload()
            return
        self.loading = True
        relay = _Relay(self)
        relay.ready.connect(self._loaded)

        def work() -> None:
            result: tuple = (0, None)
            try:
                project = Project(path, create=False, read_only=True)
                try:
                    project.conn.execute("BEGIN")  # one snapshot: the mark and the rows agree
                    result = (last_document_id(project), _with_search(load_rows(project)))
                    project.conn.execute("COMMIT")
                finally:
                    project.close()
            except Exception:  # the UI thread then reads them itself
                result = (0, None)
            with suppress(RuntimeError):  # the model went away meanwhile
                relay.ready.emit(result)

        threading.Thread(target=work, name="facts-load", daemon=True).start()

    def _loaded(self, result: tuple) -> None:
        mark, rows = result
        self.loading = False
        if rows is None:
            self.reload()
        else:
            self.beginResetModel()
            self._last_doc = max(self._last_doc, mark)
            self.query.load(rows)
            self.endResetModel()
            _freeze_long_lived()
        ids, self._waiting_ids = sorted(self._waiting_ids), set()
        if ids:
            fresh = {r.id: r for r in load_rows(self.session.project, ids)}
            self._apply(ids, fresh)
        if self._waiting_docs:
            self._waiting_docs = False
            self._add_new_documents()
        self._schedule_feed()
        self.loaded.emit()

    def feed(self, mark: int, rows: list[FactRow]) -> None:
        """Rows of newly imported documents (every document up to ``mark``), built by the
        import worker: shown :data:`FEED_SLICE` at a time, one slice per event-loop turn."""
        self._last_doc = max(self._last_doc, mark)
        self._feed.extend(rows)
        self._schedule_feed()

    def _schedule_feed(self) -> None:
        if self._feed and not self._pumping:
            self._pumping = True
            QTimer.singleShot(0, self._pump)

    def _pump(self) -> None:
        self._pumping = False
        if self.loading:
            return  # resumed when the load is in
        chunk = self._feed[:FEED_SLICE]
        del self._feed[:FEED_SLICE]
        if chunk:
            ids = [r.id for r in chunk]
            self._apply(ids, {r.id: r for r in chunk})
            self.factsChanged.emit(ids)
        self._schedule_feed()

    def flush_feed(self) -> None:
        """Show every row handed over so far now (tests, closing)."""
        while self._feed and not self.loading:
            self._pump()

    def _on_changes(self, changes: Changes) -> None:
        if changes.fact_ids and self._feed:  # a newer state than the import's: read below
            self._feed = [r for r in self._feed if r.id not in changes.fact_ids]
        if self.loading:
            self._waiting_ids |= set(changes.fact_ids)
            self._waiting_docs = self._waiting_docs or changes.documents_added
            return
        if changes.documents_added:
            self._add_new_documents()
        if not changes.fact_ids:
            return
        ids = sorted(changes.fact_ids)
        fresh = {r.id: r for r in load_rows(self.session.project, ids)}
        self._apply(ids, fresh)
        self.factsChanged.emit(ids)

    def _add_new_documents(self) -> None:
        """Facts of newly imported documents: read only those (imports announce themselves
        every few seconds; a full reload of a large project each time would stall the window)."""
        project = self.session.project
        new = load_rows(project, after_doc=self._last_doc)
        # Move the mark only past what was read: the import thread commits documents while we
        # read, and asking for the highest id afterwards skipped the facts of any document
        # committed in between (they never showed until the project was reopened).
        if new:
            self._last_doc = max(self._last_doc, max(r.doc_id for r in new))
        if new:
            ids = [r.id for r in new]
            self._apply(ids, {r.id: r for r in new})
            self.factsChanged.emit(ids)

    def _apply(self, ids: list[int], fresh: dict[int, FactRow]) -> None:
        """Show the new state of ``ids``: row by row for a few, one reset for many."""
        q = self.query
        if len(ids) > ROW_BY_ROW:
            self.beginResetModel()
            if self._pin_new:
                q.pinned.update(i for i in ids if i in fresh and q.row(i) is None)
            q.put_many({fid: fresh.get(fid) for fid in ids})
            q.refresh()
            self.endResetModel()
            return
        last = self.columnCount() - 1
        for fid in ids:
            new = fresh.get(fid)
            if self._pin_new and new is not None and q.row(fid) is None:
                q.pinned.add(fid)
            action, pos = q.put(fid, new)
            if action == "change":
                q.apply(action, pos, new)
                self.dataChanged.emit(self.index(pos, 0), self.index(pos, last))
            elif action == "remove":
                self.beginRemoveRows(QModelIndex(), pos, pos)
                q.apply(action, pos, new)
                self.endRemoveRows()
            elif action == "insert":
                self.beginInsertRows(QModelIndex(), pos, pos)
                q.apply(action, pos, new)
                self.endInsertRows()

    @contextmanager
    def pinning_new_facts(self):
        """Facts added inside this block stay visible whatever the filters."""
        self._pin_new += 1
        try:
            yield
        finally:
            self._pin_new -= 1

    # ------------------------------------------------------------------ filter and sort

    def set_filter(self, **changes: Any) -> None:
        """Change the filter (see :meth:`FactQuery.set_filter`) and show the new rows."""
        self.beginResetModel()
        self.query.set_filter(**changes)
        self.query.refresh()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.query.columns[column].key if 0 <= column < len(self.query.columns) else None
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.query.sort_column and (key is None or descending == self.query.descending):
            return  # QTableView.sortByColumn asks twice (header signal + direct call)
        self._relayout(lambda: self.query.set_sort(key, descending))

    def resort(self) -> None:
        """Sort again by the current column (rows edited in place keep their position until then)."""
        q = self.query
        self._relayout(lambda: q.set_sort(q.sort_column, q.descending))

    def _relayout(self, change) -> None:
        """Reorder rows, keeping persistent indexes (the selection) on their facts."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        vis = self.query.visible
        ids = [vis[i.row()].id if 0 <= i.row() < len(vis) else None for i in old]
        change()
        if old:
            pos = self.query.positions([i for i in ids if i is not None])
            new = [
                self.index(pos[fid], i.column()) if fid in pos else QModelIndex()
                for i, fid in zip(old, ids, strict=True)
            ]
            self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    # ------------------------------------------------------------------ lookup

    def column_at(self, column: int) -> Column:
        return self.query.columns[column]

    def row_at(self, row: int) -> FactRow:
        return self.query.visible[row]

    def fact_id(self, row: int) -> int:
        return self.query.visible[row].id

    def row_of(self, fact_id: int) -> int:
        return self.query.index_of(fact_id)

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.query.visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.query.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.query.columns):
            return None
        col = self.query.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.title
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.field is None:
                return col.title
            types = [ft.title for ft in FACT_TYPES.values() if col.key in ft.field_names]
            return f"{col.title} ({col.kind}) — {', '.join(types)}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        col = self.query.columns[index.column()]
        if col.key in ("status", "type"):
            return base | Qt.ItemFlag.ItemIsEditable
        if col.field is not None and self.query.visible[index.row()].has_field(col.key):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.query.visible[index.row()]
        col = self.query.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, col)
        if role == Qt.ItemDataRole.EditRole:
            if col.key == "status":
                return row.status
            if col.key == "type":
                return row.type
            if col.field is not None:
                return edit_text(col.kind, row.fields.get(col.key)) if row.has_field(col.key) else ""
            return cell_text(row, col)
        if role == FACT_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._colours is None:
                self._colours = status_colours()
            return self._colours.get(row.status)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.kind in ("number", "percent", "confidence"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        return None

    def _font(self, status: str) -> QFont | None:
        if status not in (SUGGESTED, REJECTED):
            return None
        font = self._fonts.get(status)
        if font is None:
            font = QFont()
            if status == SUGGESTED:
                font.setItalic(True)
            elif status == REJECTED:
                font.setStrikeOut(True)
            self._fonts[status] = font
        return font

    def _tooltip(self, row: FactRow, col: Column) -> str | None:
        k = col.key
        if k == "evidence":
            return plain_tooltip(row.evidence)
        if k == "status":
            return plain_tooltip(f"{STATUS_TIPS.get(row.status, row.status)} — source: {row.source or '?'}")
        if k == "document":
            return plain_tooltip(row.doc_title)
        if col.field is None or not row.has_field(k):
            return None
        value = row.fields.get(k)
        if value is None:
            return None
        if col.kind == "country":
            return plain_tooltip(f"{value} — {party_name(str(value))}")
        if col.kind == "number" and isinstance(value, (int, float)):
            return plain_tooltip(f"{value:,.10g}" if abs(value) < 1e15 else f"{value:,.0f}")
        text = cell_text(row, col)
        return plain_tooltip(text) if len(text) > 20 else None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Edit one cell through the session. On refusal nothing is stored and
        ``editRefused`` carries the reason."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self.query.visible[index.row()]
        col = self.query.columns[index.column()]
        if not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        if isinstance(value, str):
            value = value.strip()
        self.query.pinned.add(row.id)  # stays on screen even if it leaves the filter
        try:
            self.session.edit_fact(row.id, col.key, value)
        except (OperationError, InvalidValue, ProjectError) as err:
            self.editRefused.emit(str(err))
            return False
        return True

    # ------------------------------------------------------------------ operations on rows

    def set_status(self, rows: Iterable[int], status: str) -> Changes | None:
        ids = [self.fact_id(r) for r in rows]
        if not ids:
            return None
        try:
            return self.session.set_fact_status(ids, status)
        except (OperationError, ProjectError) as err:
            self.editRefused.emit(str(err))
            return None

    def delete_rows(self, rows: Sequence[int]) -> int:
        ids = [self.fact_id(r) for r in rows]
        if not ids:
            return 0
        try:
            self.session.delete_facts(ids)
        except (OperationError, ProjectError) as err:
            self.editRefused.emit(str(err))
            return 0
        return len(ids)

    @property
    def scope_is_all(self) -> bool:
        return self.query.filter.scope == SCOPE_ALL


class FactsProxy(QSortFilterProxyModel):
    """The sort/filter proxy the view sits on. It keeps the source's order and rows
    (no Python ``lessThan``/``filterAcceptsRow``): ``sort`` and the text filter are handed
    to the source model's fast paths, so 100,000 rows sort in list time, not per-cell calls.
    """

    def __init__(self, source: FactsTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def source(self) -> FactsTableModel:
        return self.sourceModel()  # type: ignore[return-value]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.source().sort(column, order)

    def current_sort(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_column, self._sort_order

    def setFilterFixedString(self, pattern: str) -> None:  # type: ignore[override]
        """The text filter: every word must appear somewhere in the fact (any column)."""
        self.source().set_filter(text=pattern or "")

    def filter_text(self) -> str:
        return self.source().query.filter.text

    def fact_id(self, index: QModelIndex) -> int | None:
        src = self.mapToSource(index)
        return self.source().fact_id(src.row()) if src.isValid() else None


def _freeze_long_lived() -> None:
    """Move what is alive now (above all the rows just loaded: 100,000 facts are millions of
    objects) out of the cyclic collector's sight. Otherwise every full collection walks them
    all again — 70–120 ms with the GIL held, a stall of the window whenever one happens
    (during an import, every few seconds). Rows still go away by reference counting."""
    gc.freeze()


def _with_search(rows: list[FactRow]) -> list[FactRow]:
    """Build every row's search string now (in the loading thread), so the first text filter
    of 100,000 facts does not pay for them."""
    for r in rows:
        r.search  # noqa: B018
    return rows


class _Relay(QObject):
    """Lives in the UI thread: a signal emitted from the loading thread arrives queued."""

    ready = Signal(object)


def _unsubscribe(session: Session, listener) -> None:
    with suppress(ValueError):
        session.unsubscribe(listener)
