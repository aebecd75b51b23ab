"""Shared test setup: Qt offscreen before any QApplication exists, and the shared/ folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    if not (SEEDS / "gold").is_dir():
        pytest.skip("../shared/seeds is absent (only CI and the team have it)")
    return SEEDS


@pytest.fixture
def project(tmp_path):
    from desktop.core.store.project import Project

    p = Project(tmp_path / "test.steppe")
    yield p
    p.close()
