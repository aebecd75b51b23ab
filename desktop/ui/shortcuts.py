"""The shortcuts sheet (F1, ?): generated from the window's actual QActions, so it cannot go stale.

Shortcuts are grouped under a heading per group (File, Edit, Review…) in two columns, so the
whole sheet fits on a laptop screen without scrolling.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

HEADING_ROLE = Qt.ItemDataRole.UserRole + 1


def action_rows(actions: list[QAction]) -> list[tuple[str, str, str]]:
    """(group, action text, shortcuts) for every action that has a shortcut."""
    rows = []
    seen = set()
    for a in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts() if not k.isEmpty()]
        if not keys or id(a) in seen:
            continue
        seen.add(id(a))
        text = a.property("sheetText") or a.text().replace("&", "")
        group = a.property("sheetGroup") or ""
        rows.append((group, text, ",  ".join(keys)))
    return rows


def grouped(rows: list[tuple[str, str, str]]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Rows gathered by group, groups in order of first appearance."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for group, text, keys in rows:
        groups.setdefault(group or "Other", []).append((text, keys))
    return list(groups.items())


def split_columns(groups: list[tuple[str, list]], columns: int = 2) -> list[list[tuple[str, list]]]:
    """Whole groups shared out over ``columns`` columns of about the same height."""
    total = sum(len(items) + 1 for _g, items in groups)
    out: list[list] = [[] for _ in range(columns)]
    col, height = 0, 0
    for g in groups:
        size = len(g[1]) + 1
        if col < columns - 1 and height and height + size / 2 > total / columns:
            col, height = col + 1, 0
        out[col].append(g)
        height += size
    return [c for c in out if c]


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.rows = action_rows(actions)
        self.tables: list[QTableWidget] = []
        columns = QHBoxLayout()
        columns.setSpacing(12)
        for part in split_columns(grouped(self.rows)):
            table = self._table(part)
            self.tables.append(table)
            columns.addWidget(table, 1)
        self.table = self.tables[0] if self.tables else self._table([])
        note = QLabel("Single keys (J, K, N, P, A, X, 1–9, F) work while the text or a list has the focus, "
                      "never while typing in a box.", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addLayout(columns, 1)
        lay.addWidget(note)
        lay.addWidget(buttons)
        height = max((t.verticalHeader().length() + t.horizontalHeader().height() for t in self.tables), default=300)
        self.resize(max(760, 400 * len(self.tables)), min(height + 110, 860))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def _table(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> QTableWidget:
        n = sum(len(items) + 1 for _g, items in groups)
        table = QTableWidget(n, 2, self)
        table.setObjectName("shortcutsTable")
        table.setHorizontalHeaderLabels(["Action", "Keys"])
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setShowGrid(False)
        table.setWordWrap(False)
        r = 0
        for group, items in groups:
            head = QTableWidgetItem(group)
            f = head.font()
            f.setBold(True)
            head.setFont(f)
            head.setData(HEADING_ROLE, True)
            head.setBackground(self.palette().alternateBase())
            table.setItem(r, 0, head)
            table.setSpan(r, 0, 1, 2)
            r += 1
            for text, keys in items:
                table.setItem(r, 0, QTableWidgetItem("   " + text))
                k = QTableWidgetItem(keys)
                f = k.font()
                f.setBold(True)
                k.setFont(f)
                table.setItem(r, 1, k)
                r += 1
        h = table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def data_row_count(self) -> int:
        """Shortcut rows shown (headings not counted)."""
        return sum(1 for t in self.tables for r in range(t.rowCount())
                   if t.item(r, 0) is not None and not t.item(r, 0).data(HEADING_ROLE))
