"""This document's entities grouped by label, with counts. Clicking a mention selects it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.core.model import ENTITY_LABELS, REJECTED, SUGGESTED, Entity
from desktop.ui import theme

ENTITY_ROLE = Qt.ItemDataRole.UserRole + 1


def _chip(label: str) -> QIcon:
    pm = QPixmap(12, 12)
    pm.fill(theme.accent_color(label))
    return QIcon(pm)


class EntitiesPanel(QWidget):
    """Emits ``entityActivated(entity_id)`` when a mention is clicked."""

    entityActivated = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("entitiesTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Entity", "Status"])
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setUniformRowHeights(True)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.tree)
        self._expanded: set[str] = set(ENTITY_LABELS)

    def _clicked(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        eid = item.data(0, ENTITY_ROLE)
        if eid is not None:
            self.entityActivated.emit(int(eid))

    def set_entities(self, entities: list[Entity]) -> None:
        """Show ``entities`` (a document's, in text order); keeps which groups are open."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            label = top.data(0, ENTITY_ROLE + 1)
            if top.isExpanded():
                self._expanded.add(label)
            else:
                self._expanded.discard(label)
        current = self.tree.currentItem().data(0, ENTITY_ROLE) if self.tree.currentItem() else None
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        groups: dict[str, list[Entity]] = {}
        for e in entities:
            groups.setdefault(e.label, []).append(e)
        grey = QBrush(QColor("#9a9a9a"))
        for label in ENTITY_LABELS:
            ents = groups.get(label)
            if not ents:
                continue
            kept = [e for e in ents if e.status != REJECTED]
            pending = sum(e.status == SUGGESTED for e in ents)
            top = QTreeWidgetItem([f"{label}  ({len(kept)})", f"{pending} left" if pending else "✓ done"])
            top.setToolTip(1, f"{pending} suggestion{'s' if pending != 1 else ''} to review" if pending
                           else "Every mention reviewed")
            top.setIcon(0, _chip(label))
            top.setData(0, ENTITY_ROLE + 1, label)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setToolTip(0, f"Key {theme.label_key(label)}")
            for e in ents:
                child = QTreeWidgetItem([e.text, e.status])
                child.setData(0, ENTITY_ROLE, e.id)
                child.setToolTip(0, f"{e.label} “{e.text}” at {e.start}–{e.end}\n"
                                    f"{e.status}, confidence {e.confidence:.2f}\n{e.source}")
                if e.status == REJECTED:
                    child.setForeground(0, grey)
                    child.setForeground(1, grey)
                    f = child.font(0)
                    f.setStrikeOut(True)
                    child.setFont(0, f)
                top.addChild(child)
                if e.id == current:
                    self.tree.setCurrentItem(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(label in self._expanded)
        self.tree.setUpdatesEnabled(True)

    def count_items(self) -> dict[str, int]:
        """label → number of mentions listed (for tests and the status bar)."""
        out = {}
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out[top.data(0, ENTITY_ROLE + 1)] = top.childCount()
        return out

    def select_entity(self, entity_id: int) -> None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                child = top.child(j)
                if child.data(0, ENTITY_ROLE) == entity_id:
                    self.tree.blockSignals(True)
                    self.tree.setCurrentItem(child)
                    self.tree.blockSignals(False)
                    self.tree.scrollToItem(child)
                    return
