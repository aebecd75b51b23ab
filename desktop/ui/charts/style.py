"""Colours and names the charts share. No pyqtgraph here.

Every colour comes from the label scheme (``resources/labels.json`` 'accent' colours, an
Okabe-Ito palette), so the charts look like the rest of the app and each country keeps the
same colour in every chart.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop.core.countries import party_name
from desktop.ui.theme import accent_color

#: A fixed colour per trade partner / investment recipient (the label accent it borrows).
_PARTNER_ACCENT = {
    "KAZ": "LOCATION",  # blue
    "KGZ": "PERCENT",  # vermillion
    "TJK": "ORG",  # bluish green
    "TKM": "EVENT",  # reddish purple
    "UZB": "PERSON",  # orange
    "CHN": "MONEY",  # yellow
}
_OTHER_ACCENTS = ("COUNTRY", "INITIATIVE", "DATE")
CA5_COLOUR = "#222222"  # Okabe-Ito black: the five together

#: Status colours (accepted and edited are both "reviewed, kept").
_STATUS_ACCENT = {"accepted": "ORG", "edited": "LOCATION", "suggested": "DATE", "rejected": "PERCENT"}

#: Short axis names.
_SHORT = {"CA5": "Central Asia (5)", "WORLD": "World"}


def partner_colour(code: str) -> QColor:
    if code == "CA5":
        return QColor(CA5_COLOUR)
    label = _PARTNER_ACCENT.get(code)
    if label is None:
        label = _OTHER_ACCENTS[sum(map(ord, code)) % len(_OTHER_ACCENTS)]
    return accent_color(label)


def status_colour(status: str) -> QColor:
    return accent_color(_STATUS_ACCENT.get(status, "DATE"))


def label_colour(label: str) -> QColor:
    return accent_color(label)


def short_name(code: str) -> str:
    return _SHORT.get(code) or party_name(code)


def page_colours() -> tuple[QColor, QColor]:
    """(background, foreground) of the charts: the application's base and text colours."""
    app = QApplication.instance()
    palette = app.palette() if app is not None else QPalette()
    return palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
