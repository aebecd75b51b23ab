"""The one place the UI reads the label colour scheme (``resources/labels.json``) and the icon."""

from __future__ import annotations

import json
from functools import lru_cache

from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from desktop.core.model import ENTITY_LABELS
from desktop.core.paths import resource_path

_FALLBACK = {"light": "#e0e0e0", "dark": "#505050", "accent": "#808080"}


@lru_cache(maxsize=1)
def label_scheme() -> dict[str, dict[str, str]]:
    """label → {"light", "dark", "accent"} colours, for every label in ENTITY_LABELS."""
    try:
        raw = json.loads(resource_path("labels.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = {}
    return {label: {**_FALLBACK, **raw.get(label, {})} for label in ENTITY_LABELS}


def is_dark(palette: QPalette | None = None) -> bool:
    if palette is None:
        app = QApplication.instance()
        palette = app.palette() if app is not None else QPalette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def muted_text_color(palette: QPalette | None = None) -> QColor:
    """Secondary text (dates, notes, placeholders) that stays readable: the text colour
    blended 45 % towards the background (``palette(mid)`` is too faint on light themes and
    too dark on dark ones)."""
    if palette is None:
        app = QApplication.instance()
        palette = app.palette() if app is not None else QPalette()
    fg = palette.color(QPalette.ColorRole.WindowText)
    bg = palette.color(QPalette.ColorRole.Window)
    mix = 0.45
    return QColor(*(round(f + (b - f) * mix) for f, b in
                    ((fg.red(), bg.red()), (fg.green(), bg.green()), (fg.blue(), bg.blue()))))


def muted_style(palette: QPalette | None = None) -> str:
    """``color: …;`` for a style sheet, with :func:`muted_text_color`."""
    return f"color: {muted_text_color(palette).name()};"


def highlight_color(label: str, dark: bool | None = None) -> QColor:
    """Solid background of an accepted mention."""
    dark = is_dark() if dark is None else dark
    return QColor(label_scheme().get(label, _FALLBACK)["dark" if dark else "light"])


def suggestion_color(label: str, dark: bool | None = None) -> QColor:
    """Lighter background of a suggested mention (40 % of the way from the page colour, 55 % on
    a dark page)."""
    dark = is_dark() if dark is None else dark
    c = highlight_color(label, dark)
    page = QColor("#1e1e1e") if dark else QColor("#ffffff")
    mix = 0.55 if dark else 0.4  # on a dark page 40 % is too faint to find
    return QColor(*(round(p + (x - p) * mix) for x, p in
                    ((c.red(), page.red()), (c.green(), page.green()), (c.blue(), page.blue()))))


def accent_color(label: str) -> QColor:
    return QColor(label_scheme().get(label, _FALLBACK)["accent"])


def label_key(label: str) -> int | None:
    """The number key (1–9) that assigns ``label``."""
    try:
        return ENTITY_LABELS.index(label) + 1
    except ValueError:
        return None


def app_icon() -> QIcon:
    path = resource_path("icons", "steppe.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
