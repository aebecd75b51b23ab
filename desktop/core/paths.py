"""Where Steppe finds its bundled files and keeps the user's.

One function per root, so that the same code works from a source checkout, an editable
install and a PyInstaller bundle (where everything lives under ``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import appdirs


def app_root() -> Path:
    """The folder that holds ``resources/`` and ``data/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    return app_root().joinpath("resources", *parts)


def data_path(*parts: str) -> Path:
    return app_root().joinpath("data", *parts)


def user_data_dir() -> Path:
    path = Path(appdirs.user_data_dir("Steppe", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_project_path() -> Path:
    return user_data_dir() / "default.steppe"
