"""The legend: one coloured chip per entity label with its key number (1–9)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
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
        self.chips: dict[str, QLabel] = {}
        for i, label in enumerate(ENTITY_LABELS):
            chip = QLabel(f"{i + 1}  {label}", self)
            chip.setTextFormat(Qt.TextFormat.PlainText)
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setToolTip(f"Key {i + 1}: label the selection {label}\n{LABEL_DESCRIPTIONS.get(label, '')}")
            self.chips[label] = chip
            grid.addWidget(chip, i // columns, i % columns)
        # Two fixed lines, not word wrap: a wrapped label under-reports its height and the
        # dock would cut it off in a short window.
        self.note = QLabel("Solid: accepted · light, dotted: suggested\nGrey text: page chrome", self)
        grid.addWidget(self.note, (len(ENTITY_LABELS) + columns - 1) // columns, 0, 1, columns)
        self._style()

    def _style(self) -> None:
        """Chip colours for the current palette (light or dark)."""
        dark = theme.is_dark(self.palette())
        fg = "#ffffff" if dark else "#000000"
        for label, chip in self.chips.items():
            chip.setStyleSheet(
                f"QLabel {{ background: {theme.highlight_color(label, dark).name()}; color: {fg}; border-left: 4px"
                f" solid {theme.accent_color(label).name()}; border-radius: 3px; padding: 1px 6px; }}"
            )
        self.note.setStyleSheet(theme.muted_style(self.palette()))

    def changeEvent(self, ev) -> None:
        if ev.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._style()
        super().changeEvent(ev)
