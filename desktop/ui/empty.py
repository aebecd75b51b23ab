"""A grey hint over an empty table ("No documents yet…"), shown while its model has no rows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

from desktop.ui import theme


class EmptyHint(QObject):
    """Keeps a centred, word-wrapped label on ``view``'s viewport while the view shows no rows.

    ``text`` is a string or a callable returning one (so the hint can say *why* it is empty:
    nothing imported yet, or nothing matching the filters).
    """

    def __init__(self, view: QAbstractItemView, text: str | Callable[[], str]) -> None:
        super().__init__(view)
        self.view = view
        self._text = text
        self.label = QLabel(view.viewport())
        self.label.setObjectName("emptyHint")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._style()
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
            signal.connect(self.update)
        self.update()

    def _style(self) -> None:
        self.label.setStyleSheet(f"{theme.muted_style(self.view.palette())} padding: 12px;")

    def update(self, *_args) -> None:
        empty = self.view.model().rowCount() == 0
        if empty:
            self.label.setText(self._text() if callable(self._text) else self._text)
            self.label.setGeometry(self.view.viewport().rect())
        self.label.setVisible(empty)

    def eventFilter(self, obj, ev) -> bool:
        if ev.type() == QEvent.Type.Resize:
            self.label.setGeometry(self.view.viewport().rect())
        elif ev.type() == QEvent.Type.PaletteChange:
            self._style()
        return False
