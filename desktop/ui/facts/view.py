"""The facts table with its toolbar: scope, type and status filters, search, the external
(chart) filter chip, review actions, and the inline message line for refused edits.

Public API used by the main window:

- ``set_document(doc_id)``: the document "This document" refers to;
- ``highlight_facts(fact_ids)``: select those rows and scroll to the first;
- ``set_fact_filter(fact_ids, description)``: an external filter (``None`` clears it);
- ``filtered_fact_ids()``: the facts shown, in table order;
- ``add_fact_from_selection(doc_id, start, end)``: a new fact from a sentence, pre-filled;
- signals ``factSelected(int)``, ``statusMessage(str)``, ``addFactRequested()`` (the
  "Add fact from sentence" button: the window answers with ``add_fact_from_selection``),
  ``factFilterCleared()`` (the analyst closed the chip).

Keys in the table: A accept, X reject, Delete delete, Enter/F2 edit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from PySide6.QtCore import (
    SIGNAL,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolBar,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.core.factquery import REVIEWED, SCOPE_ALL, SCOPE_DOCUMENT, guess_fact
from desktop.core.model import ACCEPTED, FACT_TYPES, REJECTED, STATUSES
from desktop.core.session import OperationError, Session
from desktop.core.store.project import ProjectError
from desktop.ui.empty import EmptyHint
from desktop.ui.facts.delegates import FactsDelegate
from desktop.ui.facts.model import FACT_ID_ROLE, FactsProxy, FactsTableModel, plain_tooltip

SEARCH_DELAY_MS = 150
#: The widest content a column of each kind usually holds (measured in the table's font);
#: a column is never narrower than its header. Evidence gets a fixed, generous width.
COLUMN_SAMPLES = {
    "status": "suggested", "type": "Investment", "document": "China's trade with Central Asia",
    "confidence": "0.85", "number": "123.4 bn", "percent": "−12.5 %", "country": "KAZ",
    "currency": "USD", "period": "2023-01/2023-09", "date": "2023-05-19", "choice": "imports",
    "text": "Ministry of Commerce",
}
COLUMN_WIDTHS = {"evidence": 460, "key:period_text": 110, "key:metric": 160, "key:unit": 90}
STATUS_FILTER_LABELS = (
    ("All statuses", None),
    *((s, s) for s in STATUSES),
    ("reviewed (accepted + edited)", REVIEWED),
)


class FactsTable(QTableView):
    """The table: review keys on top of QTableView's own."""

    acceptRequested = Signal()
    rejectRequested = Signal()
    deleteRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            key = event.key()
            if mods == Qt.KeyboardModifier.NoModifier:
                if key == Qt.Key.Key_A:
                    self.acceptRequested.emit()
                    return
                if key == Qt.Key.Key_X:
                    self.rejectRequested.emit()
                    return
                if key == Qt.Key.Key_Delete:
                    self.deleteRequested.emit()
                    return
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    index = self.currentIndex()
                    if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                        self.edit(index)
                        return
        super().keyPressEvent(event)


class FactsView(QWidget):
    factSelected = Signal(int)
    statusMessage = Signal(str)
    addFactRequested = Signal()
    factFilterCleared = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None, *, background: bool = False) -> None:
        """``background``: read the project's facts in a thread after construction (the
        window shows first); otherwise they are read here."""
        super().__init__(parent)
        self.session = session
        self._doc_id: int | None = None
        self._scope_before_filter: str | None = None
        self._quiet = 0  # >0: selection changes do not emit factSelected
        self._kept_selection: tuple[list[int], int | None] = ([], None)

        self.model = FactsTableModel(session, self, load=not background)
        self.proxy = FactsProxy(self.model, self)
        self.delegate = FactsDelegate(self)

        # ---------------------------------------------------------- toolbar
        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("factsScope")
        self.scope_combo.addItem("This document", SCOPE_DOCUMENT)
        self.scope_combo.addItem("All documents", SCOPE_ALL)
        self.scope_combo.setToolTip("Show the facts of the open document or of the whole project")

        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("factsType")
        self.type_combo.addItem("All types", None)
        for name, ft in FACT_TYPES.items():
            self.type_combo.addItem(ft.title, name)

        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("factsStatus")
        for label, value in STATUS_FILTER_LABELS:
            self.status_combo.addItem(label, value)

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("factsSearch")
        self.search_edit.setPlaceholderText("Search facts…")
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._apply_search)

        self.filter_chip = QToolButton(self)
        self.filter_chip.setObjectName("factsFilterChip")
        self.filter_chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.filter_chip.setStyleSheet(
            "QToolButton { background: #e0e7ff; color: #1e3a8a; border: 1px solid #a5b4fc;"
            " border-radius: 9px; padding: 1px 8px; }"
        )
        self.filter_chip.setToolTip("Click to clear this filter")
        self.filter_chip.clicked.connect(self._clear_chip)
        self.filter_chip.hide()

        self.count_label = QLabel(self)
        self.count_label.setObjectName("factsCount")

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.accept_action = self._action("Accept", "A", "Accept the selected facts", self.accept_selected)
        self.reject_action = self._action("Reject", "X", "Reject the selected facts", self.reject_selected)
        self.delete_action = self._action("Delete", "Del", "Delete the selected facts", self.delete_selected)
        self.add_action = self._action(
            "Add fact from sentence", "", "Add a fact from the sentence selected in the document",
            self._request_add_fact,
        )

        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 8, 2)
        top.addWidget(self.scope_combo)
        top.addWidget(self.type_combo)
        top.addWidget(self.status_combo)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.filter_chip)
        top.addWidget(self.toolbar)
        top.addWidget(self.count_label)

        # ---------------------------------------------------------- table
        self.table = FactsTable(self)
        self.table.setObjectName("factsTable")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        self.table.acceptRequested.connect(self.accept_selected)
        self.table.rejectRequested.connect(self.reject_selected)
        self.table.deleteRequested.connect(self.delete_selected)
        for action in (self.accept_action, self.reject_action, self.delete_action):
            self.table.addAction(action)

        self.empty_hint = EmptyHint(self.table, self._empty_text)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("factsMessage")
        self.message_label.setStyleSheet("color: #dc2626;")
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)

        # ---------------------------------------------------------- wiring
        self.scope_combo.currentIndexChanged.connect(self._scope_changed)
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.model.editRefused.connect(self._show_refusal)
        self.model.factsChanged.connect(self._facts_changed)
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        self.model.set_filter(scope=SCOPE_DOCUMENT, doc_id=None)
        self._size_columns()
        self._update_count()
        self._update_actions()
        if background:
            self.model.load_in_background()

    def _empty_text(self) -> str:
        """Why the table is empty, and what to do about it."""
        f = self.model.query.filter
        if self.model.loading:
            return "Loading the facts…"
        if len(self.model.query):
            return "No facts match the filters."
        try:
            no_documents = not self.session.project.counts()["documents"]
        except Exception:  # the file went away: say something harmless
            no_documents = False
        if no_documents:
            return "No facts yet: Steppe suggests them as documents are imported."
        if f.scope == SCOPE_DOCUMENT and f.doc_id is None:
            return "Open a document to see its facts (or choose All documents)."
        if f.scope == SCOPE_DOCUMENT:
            return "No facts in this document yet.\nSelect the sentence that states one and press F."
        return "No facts yet: they are suggested as documents are imported."

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.model._colours = None  # light/dark theme switched: pick status colours again
            self.table.viewport().update()
        super().changeEvent(event)

    # ------------------------------------------------------------------ public API

    def set_document(self, doc_id: int | None) -> None:
        """The document that "This document" shows."""
        if doc_id == self._doc_id:
            return
        self._doc_id = doc_id
        if self.model.query.filter.scope == SCOPE_DOCUMENT:
            self.model.set_filter(doc_id=doc_id)
        else:
            self.model.query.filter = dataclasses.replace(self.model.query.filter, doc_id=doc_id)

    def highlight_facts(self, fact_ids: list[int]) -> None:
        """Select those facts' rows (the ones shown) and scroll to the first; an empty list
        clears the selection."""
        if not fact_ids:
            self.table.selectionModel().clearSelection()
            return
        self._quiet += 1
        try:
            shown = self._select_ids(fact_ids, current=fact_ids[0] if fact_ids else None)
        finally:
            self._quiet -= 1
        hidden = len(set(fact_ids)) - shown
        if hidden > 0:
            self.statusMessage.emit(
                f"{hidden} of the {len(set(fact_ids))} facts are hidden by the table's filters"
            )

    def set_fact_filter(self, fact_ids: list[int] | None, description: str = "") -> None:
        """Show only ``fact_ids`` (an external filter, e.g. a chart click); ``None`` clears it.

        While the filter is on, the scope is "All documents" (a chart spans the project);
        clearing it brings the previous scope back.
        """
        if fact_ids is None:
            self.filter_chip.hide()
            changes: dict = {"fact_ids": None}
            if self._scope_before_filter is not None:
                changes["scope"] = self._scope_before_filter
                self._scope_before_filter = None
            self.model.set_filter(**changes)
        else:
            if self._scope_before_filter is None:
                self._scope_before_filter = self.model.query.filter.scope
            text = description.strip() or "Filtered by chart"
            if not text.lower().startswith("filtered"):
                text = f"Filtered by chart: {text}"
            self.filter_chip.setText(f"{text}  ✕")
            self.filter_chip.show()
            self.model.query.filter_description = text
            self.model.set_filter(fact_ids=list(fact_ids), scope=SCOPE_ALL)
        self._sync_scope_combo()
        self._show_document_column()
        self.table.horizontalScrollBar().setValue(0)  # the status, type and evidence first

    def filtered_fact_ids(self) -> list[int]:
        """The facts the table shows, in table order."""
        if self.proxy.rowCount() == self.model.rowCount():  # the proxy passes rows through
            return self.model.query.visible_ids()
        return [self.proxy.data(self.proxy.index(r, 0), FACT_ID_ROLE) for r in range(self.proxy.rowCount())]

    def add_fact_from_selection(self, doc_id: int, start: int, end: int) -> int | None:
        """Create a fact from the selected sentence, pre-filled from the entities inside it,
        select its row and start editing it. Returns the new fact's id (``None`` if refused)."""
        project = self.session.project
        try:
            doc = project.document(doc_id)
            text = doc.text
        except KeyError:
            self._show_refusal(f"There is no document {doc_id}")
            return None
        start, end = max(0, min(start, end)), min(len(text), max(start, end))
        if start == end:
            self._show_refusal("Select a sentence in the document first")
            return None
        inside = [e for e in project.entities(doc_id) if e.start >= start and e.end <= end]
        fact_type, fields = guess_fact(text[start:end], inside, offset=start, published=doc.published)
        if self.model.query.filter.scope == SCOPE_DOCUMENT and self._doc_id != doc_id:
            self.set_document(doc_id)
        try:
            with self.model.pinning_new_facts():
                changes = self.session.add_fact(doc_id, fact_type, fields, start, end)
        except (OperationError, ProjectError) as err:
            self._show_refusal(str(err))
            return None
        if not changes.fact_ids:
            return None
        fact_id = max(changes.fact_ids)
        self._select_ids([fact_id], current=fact_id)
        row = self.model.row_of(fact_id)
        if row >= 0:
            column = self._first_empty_field(fact_id)
            index = self.proxy.mapFromSource(self.model.index(row, column))
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            self.table.setFocus()
            self.table.edit(index)
        title = FACT_TYPES[fact_type].title
        self.statusMessage.emit(f"Added a {title.lower()} fact: check its fields")
        return fact_id

    # ------------------------------------------------------------------ selection helpers

    def selected_rows(self) -> list[int]:
        """Selected rows of the source model, in table order."""
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        if not rows:
            current = self.table.currentIndex()
            if current.isValid() and self.table.selectionModel().isSelected(current):
                rows.add(self.proxy.mapToSource(current).row())
        return sorted(r for r in rows if r >= 0)

    def selected_fact_ids(self) -> list[int]:
        return [self.model.fact_id(r) for r in self.selected_rows()]

    def _select_ids(self, fact_ids: Iterable[int], current: int | None = None) -> int:
        """Select the rows of ``fact_ids``; returns how many were shown."""
        pos = self.model.query.positions(fact_ids)
        sm = self.table.selectionModel()
        if not pos:
            return 0
        selection = QItemSelection()
        last = self.proxy.columnCount() - 1
        rows = sorted(pos.values())
        start = prev = rows[0]
        for r in [*rows[1:], None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            top = self.proxy.mapFromSource(self.model.index(start, 0))
            bottom = self.proxy.mapFromSource(self.model.index(prev, last))
            selection.select(top, bottom)
            if r is not None:
                start = prev = r
        first = pos.get(current) if current is not None else None
        if first is None:
            first = rows[0]
        cur = self.proxy.mapFromSource(self.model.index(first, max(0, self.table.currentIndex().column())))
        sm.setCurrentIndex(cur, QItemSelectionModel.SelectionFlag.NoUpdate)
        sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(cur, QAbstractItemView.ScrollHint.PositionAtCenter)
        return len(pos)

    def _first_empty_field(self, fact_id: int) -> int:
        q = self.model.query
        row = q.row(fact_id)
        if row is not None:
            ft = FACT_TYPES.get(row.type)
            for spec in ft.fields if ft else ():
                if row.fields.get(spec.name) is None:
                    i = q.column_index(spec.name)
                    if i >= 0:
                        return i
        return max(0, q.column_index("type"))

    # ------------------------------------------------------------------ actions

    def _action(self, text: str, key: str, tip: str, slot) -> QAction:
        """A toolbar action; its single-key shortcut works only while the table has focus
        (never while typing in the search box or an editor)."""
        action = QAction(text, self)
        action.setProperty("sheetGroup", "Facts table")
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setToolTip(f"{tip} ({key})")
        else:
            action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda *_: slot())
        self.toolbar.addAction(action)
        return action

    @property
    def review_actions(self) -> list[QAction]:
        """The table's actions (for a shortcuts sheet or a menu)."""
        return [self.accept_action, self.reject_action, self.delete_action, self.add_action]

    def _request_add_fact(self) -> None:
        """The toolbar button: the window knows the document selection. It may listen to
        ``addFactRequested``; otherwise its ``add_fact_from_selection()`` is called."""
        if self.receivers(SIGNAL("addFactRequested()")) > 0:
            self.addFactRequested.emit()
            return
        window = self.window()
        handler = getattr(window, "add_fact_from_selection", None) if window is not self else None
        if callable(handler):
            handler()
        else:
            self.statusMessage.emit("Select a sentence in the document, then add the fact (F)")

    def accept_selected(self) -> None:
        self._set_status(ACCEPTED)

    def reject_selected(self) -> None:
        self._set_status(REJECTED)

    def _set_status(self, status: str) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        ids = [self.model.fact_id(r) for r in rows]
        current = self.table.currentIndex()
        changes = self.model.set_status(rows, status)
        if changes is None:
            return
        self._hide_message()
        verb = "Accepted" if status == ACCEPTED else "Rejected"
        self.statusMessage.emit(f"{verb} {len(ids)} fact{'s' if len(ids) != 1 else ''}")
        # review flow: one fact at a time → move on to the next row
        if len(ids) == 1 and current.isValid():
            row = self.model.row_of(ids[0])
            nxt = row + 1 if row >= 0 else current.row()
            if 0 <= nxt < self.proxy.rowCount():
                self.table.selectRow(nxt)
                self.table.setCurrentIndex(self.proxy.index(nxt, max(0, current.column())))

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        first = rows[0]
        done = self.model.delete_rows(rows)
        if done:
            self._hide_message()
            self.statusMessage.emit(f"Deleted {done} fact{'s' if done != 1 else ''}")
            if self.proxy.rowCount():
                self.table.selectRow(min(first, self.proxy.rowCount() - 1))

    # ------------------------------------------------------------------ filters

    def _scope_changed(self, _i: int) -> None:
        scope = self.scope_combo.currentData()
        if scope != self.model.query.filter.scope:
            if self._scope_before_filter is not None:
                self._scope_before_filter = scope
            self.model.set_filter(scope=scope, doc_id=self._doc_id)
            self._show_document_column()

    def set_scope(self, scope: str) -> None:
        self.scope_combo.setCurrentIndex(self.scope_combo.findData(scope))

    def _sync_scope_combo(self) -> None:
        i = self.scope_combo.findData(self.model.query.filter.scope)
        if i != self.scope_combo.currentIndex():
            self.scope_combo.blockSignals(True)
            self.scope_combo.setCurrentIndex(i)
            self.scope_combo.blockSignals(False)

    def _type_changed(self, _i: int) -> None:
        self.model.set_filter(fact_type=self.type_combo.currentData())
        self._size_columns()
        q = self.model.query  # the columns changed: point the sort indicator at the same field
        column = q.column_index(q.sort_column) if q.sort_column else -1
        order = Qt.SortOrder.DescendingOrder if q.descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)

    def _status_changed(self, _i: int) -> None:
        self.model.set_filter(status=self.status_combo.currentData())

    def _apply_search(self) -> None:
        self._search_timer.stop()
        text = self.search_edit.text()
        if text != self.model.query.filter.text:
            self.proxy.setFilterFixedString(text)

    def _clear_chip(self) -> None:
        self.set_fact_filter(None, "")
        self.factFilterCleared.emit()

    # ------------------------------------------------------------------ model notices

    def _keep_selection(self) -> None:
        ids = self.selected_fact_ids() if self.model.rowCount() else []
        cur = self.table.currentIndex()
        current = self.proxy.fact_id(cur) if cur.isValid() else None
        self._kept_selection = (ids, current)

    def _after_reset(self) -> None:
        ids, current = self._kept_selection
        self._kept_selection = ([], None)
        if ids or current is not None:
            self._quiet += 1
            try:
                self._select_ids(ids or [current], current=current)
            finally:
                self._quiet -= 1
        self._update_count()
        self._update_actions()

    def _facts_changed(self, _ids: list) -> None:
        self._hide_message()
        self._update_count()
        self._update_actions()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        fact_id = self.proxy.fact_id(current)
        if fact_id is not None:
            self.factSelected.emit(fact_id)

    def _show_refusal(self, reason: str) -> None:
        self.message_label.setText(reason)
        self.message_label.show()
        index = self.table.currentIndex()
        if index.isValid():
            rect = self.table.visualRect(index)
            where = self.table.viewport().mapToGlobal(rect.bottomLeft() + QPoint(0, 2))
            QToolTip.showText(where, plain_tooltip(reason), self.table.viewport(), rect)
        self.statusMessage.emit(reason)

    def _hide_message(self) -> None:
        self.message_label.hide()
        self.message_label.clear()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.query)
        self.count_label.setText(f"{shown:,} of {total:,} facts" if shown != total else f"{total:,} facts")

    def _update_actions(self) -> None:
        has = self.table.selectionModel().hasSelection()
        for action in (self.accept_action, self.reject_action, self.delete_action):
            action.setEnabled(has)

    def _size_columns(self) -> None:
        """Evidence wide, codes narrow, every column at least as wide as its header; the
        Document column is hidden while the table shows one document's facts."""
        fm = self.table.fontMetrics()
        hfm = self.table.horizontalHeader().fontMetrics()
        for i, col in enumerate(self.model.query.columns):
            header = hfm.horizontalAdvance(col.title) + 26  # margins and the sort arrow
            width = COLUMN_WIDTHS.get(f"key:{col.key}") or COLUMN_WIDTHS.get(col.kind)
            if width is None:
                width = fm.horizontalAdvance(COLUMN_SAMPLES.get(col.kind, "Ministry of Commerce")) + 16
            self.table.setColumnWidth(i, max(width, header))
        self._show_document_column()

    def _show_document_column(self) -> None:
        q = self.model.query
        i = q.column_index("document")
        if i >= 0:
            self.table.setColumnHidden(i, q.filter.scope == SCOPE_DOCUMENT)


__all__ = ["FactsTable", "FactsView"]
