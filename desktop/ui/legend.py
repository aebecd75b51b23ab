"""The legend: one coloured chip per entity label with its key number (1–9)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desktop.core.model import ENTITY_LABELS, LABEL_DESCRIPTIONS
from desktop.ui import theme


class Legend(QWidget):
    def __init__(self, parent=None, columns: int = 3) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        dark = theme.is_dark(self.palette())
        self.chips: dict[str, QLabel] = {}
        for i, label in enumerate(ENTITY_LABELS):
            bg = theme.highlight_color(label, dark).name()
            fg = "#ffffff" if dark else "#000000"
            chip = QLabel(f"{i + 1}  {label}", self)
            chip.setTextFormat(Qt.TextFormat.PlainText)
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setStyleSheet(
                f"QLabel {{ background: {bg}; color: {fg}; border-left: 4px solid"
                f" {theme.accent_color(label).name()}; border-radius: 3px; padding: 1px 6px; }}"
            )
            chip.setToolTip(f"Key {i + 1}: label the selection {label}\n{LABEL_DESCRIPTIONS.get(label, '')}")
            self.chips[label] = chip
            grid.addWidget(chip, i // columns, i % columns)
        note = QLabel("Solid: accepted · light, dotted: suggested · grey text: page chrome", self)
        note.setWordWrap(True)
        note.setStyleSheet(theme.muted_style(self.palette()))
        grid.addWidget(note, (len(ENTITY_LABELS) + columns - 1) // columns, 0, 1, columns)
