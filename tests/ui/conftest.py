"""UI test setup: Qt offscreen before any QApplication, settings in a temporary folder, and
small projects built directly with ``Project.add_document``."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from desktop.core.model import Fact
from tests.ui.uihelpers import TEXT_1, TEXT_2, ent, make_doc


@pytest.fixture(scope="session", autouse=True)
def _isolated_settings(tmp_path_factory):
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    yield


@pytest.fixture
def two_docs(project):
    """A project with two documents, entities (suggested) and facts."""
    s1 = TEXT_1.index("Trade between")
    e1 = TEXT_1.index("\n", s1)
    d1 = project.add_document(
        make_doc(TEXT_1, "Kazakhstan and China sign a deal"),
        [ent("Kazakhstan", TEXT_1, "COUNTRY"), ent("China", TEXT_1, "COUNTRY"), ent("Astana", TEXT_1, "LOCATION"),
         ent("$31 billion", TEXT_1, "MONEY"), ent("2022", TEXT_1, "DATE"), ent("Xi Jinping", TEXT_1, "PERSON")],
        [Fact(None, 0, "trade", {"reporter": "CHN", "partner": "KAZ", "flow": "total", "period": "2022",
                                 "value": 31e9, "currency": "USD", "value_usd": 31e9, "change_pct": 20.0},
              s1, e1, "suggested", 0.9, "fact:trade")],
    )
    s2 = TEXT_2.index("Chinese investment")
    d2 = project.add_document(
        make_doc(TEXT_2, "Uzbekistan forum", outlet="Daryo", published="2023-06-01"),
        [ent("Uzbekistan", TEXT_2, "COUNTRY"), ent("Tashkent Investment Forum", TEXT_2, "EVENT")],
        [Fact(None, 0, "investment", {"investor": "CHN", "recipient": "UZB", "kind": "stock", "period": "2022",
                                      "value": 11e9, "currency": "USD", "value_usd": 11e9},
              s2, TEXT_2.index("\n", s2), "suggested", 0.8, "fact:investment")],
    )
    return project, d1, d2


@pytest.fixture
def make_window(qtbot):
    """Build a shown, active MainWindow over a project."""
    from desktop.core.session import Session
    from desktop.ui.main_window import MainWindow

    windows = []

    def make(project, **kw):
        w = MainWindow(Session(project), **kw)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        qtbot.waitUntil(lambda: w.isActiveWindow(), timeout=2000)
        windows.append(w)
        return w

    yield make
    for w in windows:
        if w.import_worker is not None:
            w.import_worker.cancel()
            w.import_worker.wait()
