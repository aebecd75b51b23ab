"""The charts dock (pytest-qt, offscreen): items drawn from the analytics frames, the
include-suggested switch, clicks that filter the facts table, live refresh, PNG export,
and ``steppe charts``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")
pytest.importorskip("pyqtgraph")

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QImage

from desktop.core import analytics as an
from desktop.core.model import Document, Entity, Fact
from desktop.core.session import Session
from desktop.core.store.project import Project

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def trade(partner, period, value, currency="USD", reporter="CHN", flow="total"):
    return {"reporter": reporter, "partner": partner, "flow": flow, "period": period, "value": value,
            "currency": currency, "value_usd": value if currency == "USD" else None}


def invest(recipient, kind, period, value):
    return {"investor": "CHN", "recipient": recipient, "kind": kind, "period": period, "value": value,
            "currency": "USD", "value_usd": value}


FACTS = {  # tag → (type, fields, status)
    "kaz21": ("trade", trade("KAZ", "2021", 25.3e9), "suggested"),
    "kaz22": ("trade", trade("KAZ", "2022", 31.2e9), "accepted"),
    "kaz23": ("trade", trade("KAZ", "2023", 41e9), "accepted"),
    "uzb22": ("trade", trade("UZB", "2022", 8.9e9), "edited"),
    "uzb23": ("trade", trade("UZB", "2023", 13.9e9), "accepted"),
    "ca5_22": ("trade", trade("CA5", "2022", 70.2e9), "accepted"),
    "ca5_ytd": ("trade", trade("CA5", "2023-01/2023-04", 173.05e9, "CNY"), "accepted"),
    "kgz_rej": ("trade", trade("KGZ", "2022", 15e9), "rejected"),
    "uzb_exp": ("trade", trade("CHN", "2023", 2e9, reporter="UZB", flow="export"), "accepted"),
    "stock": ("investment", invest("KAZ", "stock", "2022-12", 21.4e9), "accepted"),
    "flow": ("investment", invest("CA5", "flow", "2022", 0.97e9), "accepted"),
    "flow_s": ("investment", invest("UZB", "flow", "2022", 0.5e9), "suggested"),
    "role": ("role", {"person": "Xi Jinping", "role": "President", "country": "CHN"}, "accepted"),
}
TEXT = "Xi Jinping met Kassym-Jomart Tokayev in Astana. Xi Jinping said China and Kazakhstan agree. SCO."


def fill(project: Project) -> dict[str, int]:
    ents = []
    for surface, label in (("Xi Jinping", "PERSON"), ("Kassym-Jomart Tokayev", "PERSON"), ("Astana", "LOCATION"),
                           ("China", "COUNTRY"), ("Kazakhstan", "COUNTRY"), ("SCO", "ORG")):
        pos = TEXT.find(surface)
        while pos != -1:
            ents.append(Entity(None, 0, pos, pos + len(surface), label, surface, "accepted", "test", 1.0))
            pos = TEXT.find(surface, pos + 1)
    facts = [Fact(None, 0, t, f, 0, 10, st, 0.9, f"test:{tag}") for tag, (t, f, st) in FACTS.items()]
    project.add_document(Document(None, TEXT, title="doc", content_hash="h1"), ents, facts)
    return {f.source.split(":", 1)[1]: f.id for f in project.facts()}


@pytest.fixture
def ids(project):
    return fill(project)


@pytest.fixture
def session(project, ids):
    return Session(project)


@pytest.fixture
def view(qtbot, session):
    from desktop.ui.charts import ChartsView

    v = ChartsView(session)
    qtbot.addWidget(v)
    v.resize(1200, 800)
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: "trade" not in v._dirty)
    yield v
    v.shutdown()


def ys(item) -> list[float]:
    return sorted(float(p.pos().y()) for p in item.points())


def test_importing_the_charts_package_does_not_load_pyqtgraph():
    code = "import sys, desktop.ui.charts; sys.exit(1 if 'pyqtgraph' in sys.modules else 0)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr


def test_trade_chart_draws_one_series_per_partner_with_the_frame_values(view, project):
    chart = view.chart("trade")
    assert set(chart.annual) == {"CA5", "KAZ", "UZB"}  # rejected KGZ and suggested-only points absent
    assert ys(chart.annual["KAZ"]) == [31.2e9, 41e9]
    assert ys(chart.annual["UZB"]) == [8.9e9, 13.9e9]
    series = an.trade_series(an.facts_frame(project), "total")
    for partner, item in chart.annual.items():
        expected = series[(series["partner"] == partner) & (series["period_kind"] == "year")]
        assert ys(item) == sorted(expected["value_usd"])
    # the Jan–Apr figure sits in its own panel, converted (diamond) and labelled
    (key,) = chart.partial
    assert key == ("CA5", "months: Jan–Apr")
    (pt,) = chart.partial[key].points()
    assert pt.symbol() == "d"
    assert "Jan–Apr 2023" in pt.data().tip and "converted" in pt.data().tip
    assert [p.symbol() for p in chart.annual["KAZ"].points()] == ["o", "o"]


def test_include_suggested_switch(view, qtbot, ids):
    chart = view.chart("trade")
    assert not view.include_suggested
    view.set_include_suggested(True)
    qtbot.waitUntil(lambda: len(chart.annual["KAZ"].points()) == 3)
    points = {p.pos().x(): p for p in chart.annual["KAZ"].points()}
    hollow = points[2021.0]
    assert "suggested" in hollow.data().tip
    assert hollow.brush().color() == chart.bg  # drawn hollow
    assert points[2022.0].brush().color() != chart.bg
    inv = view.chart("investment")
    view.show_chart("investment")
    qtbot.waitUntil(lambda: "investment" not in view._dirty)
    assert inv.bars["flow"].opts["height"] == [0.97e9, 0.5e9]
    assert inv.bars["flow"].opts["brushes"][1].style() == Qt.BrushStyle.BDiagPattern  # hatched
    view.set_include_suggested(False)
    qtbot.waitUntil(lambda: inv.bars["flow"].opts["height"] == [0.97e9])


def test_investment_bars_equal_the_frame(view, qtbot, project):
    view.show_chart("investment")
    qtbot.waitUntil(lambda: "investment" not in view._dirty)
    chart = view.chart("investment")
    frame = an.investment_by_recipient(an.facts_frame(project))
    for kind in ("stock", "flow"):
        assert chart.bars[kind].opts["height"] == list(frame[frame["kind"] == kind]["value_usd"])
    assert "pledge" not in chart.bars


def test_review_and_actor_bars_equal_the_frames(view, qtbot, project):
    view.show_chart("review")
    qtbot.waitUntil(lambda: "review" not in view._dirty)
    progress = an.review_progress(project)
    bars = view.chart("review").bars
    for status, item in bars.items():
        assert item.opts["height"] == [float(n) for n in progress[status] if n > 0]
    assert bars["accepted"].opts["height"] == [6.0, 2.0, 1.0]  # trade, investment, role
    view.show_chart("actors")
    qtbot.waitUntil(lambda: "actors" not in view._dirty)
    actors = an.top_actors(project)
    bars = view.chart("actors").bars
    assert bars.opts["width"] == [float(n) for n in actors["mentions"]]
    assert actors["text"].iloc[0] == "Xi Jinping"


def _click_scene_point(qtbot, chart, plot, x, y):
    scene_pos = plot.vb.mapViewToScene(QPointF(x, y))
    widget_pos = chart.mapFromScene(scene_pos)
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=widget_pos)


def test_clicking_a_point_emits_its_fact_ids(view, qtbot, ids):
    chart = view.chart("trade")
    with qtbot.waitSignal(view.filterRequested, timeout=2000) as blocker:
        _click_scene_point(qtbot, chart, chart.top, 2023, 41e9)
    fact_ids, description = blocker.args
    assert fact_ids == [ids["kaz23"]]
    assert "Kazakhstan" in description and "2023" in description


def test_clicking_a_bar_emits_its_fact_ids(view, qtbot, ids):
    view.show_chart("investment")
    qtbot.waitUntil(lambda: "investment" not in view._dirty)
    chart = view.chart("investment")
    with qtbot.waitSignal(view.filterRequested, timeout=2000) as blocker:
        _click_scene_point(qtbot, chart, chart.plots["stock"], 0, 10e9)  # the middle of the KAZ stock bar
    assert blocker.args[0] == [ids["stock"]]
    assert "stock" in blocker.args[1]
    with qtbot.waitSignal(view.filterRequested, timeout=2000) as blocker:
        chart.bars["flow"].click(0)
    assert blocker.args[0] == [ids["flow"]]
    # review bars fetch their ids on click
    view.show_chart("review")
    qtbot.waitUntil(lambda: "review" not in view._dirty)
    with qtbot.waitSignal(view.filterRequested, timeout=2000) as blocker:
        view.chart("review").bars["rejected"].click(0)
    assert blocker.args == [[ids["kgz_rej"]], "Trade facts, rejected"]


def test_hover_text_gives_exact_values(view, qtbot):
    chart = view.chart("trade")
    point = next(p for p in chart.annual["KAZ"].points() if p.pos().x() == 2023)
    with qtbot.waitSignal(view.hovered) as blocker:
        chart.hover(point.data())
    assert blocker.args[0].startswith("Kazakhstan 2023: 41 bn USD, 1 fact")
    assert "41 bn USD" in view.status.text()


def test_a_fact_change_redraws_the_chart(view, qtbot, session, ids):
    chart = view.chart("trade")
    session.set_fact_status([ids["kaz21"]], "accepted")
    qtbot.waitUntil(lambda: ys(chart.annual["KAZ"]) == [25.3e9, 31.2e9, 41e9], timeout=2000)
    session.edit_fact(ids["kaz23"], "value", 45e9)
    qtbot.waitUntil(lambda: ys(chart.annual["KAZ"]) == [25.3e9, 31.2e9, 45e9], timeout=2000)
    session.set_fact_status([ids["uzb22"], ids["uzb23"]], "rejected")
    qtbot.waitUntil(lambda: "UZB" not in chart.annual, timeout=2000)
    session.undo()
    qtbot.waitUntil(lambda: "UZB" in chart.annual, timeout=2000)


def test_changes_are_debounced_and_wait_while_hidden(view, qtbot, session, ids):
    chart = view.chart("trade")
    calls = []
    original = chart.draw
    chart.draw = lambda *a, **k: (calls.append(1), original(*a, **k))
    session.set_fact_status([ids["kaz21"]], "accepted")
    session.set_fact_status([ids["kaz21"]], "suggested")
    session.set_fact_status([ids["kaz21"]], "accepted")
    qtbot.waitUntil(lambda: bool(calls), timeout=2000)
    qtbot.wait(300)
    assert len(calls) == 1  # three changes, one redraw
    view.hide()
    session.set_fact_status([ids["kaz21"]], "rejected")
    qtbot.wait(400)
    assert len(calls) == 1 and "trade" in view._dirty  # not recomputed while hidden
    view.show()
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=2000)
    assert ys(chart.annual["KAZ"]) == [31.2e9, 41e9]


def test_flow_selector(view, qtbot):
    chart = view.chart("trade")
    view.set_flow("export")
    qtbot.waitUntil(lambda: not chart.annual, timeout=2000)  # no export figures
    view.set_flow("import")  # Uzbekistan's reported exports to China are China's imports
    qtbot.waitUntil(lambda: set(chart.annual) == {"UZB"}, timeout=2000)
    assert ys(chart.annual["UZB"]) == [2e9]
    assert "mirrored" in chart.annual["UZB"].points()[0].data().tip
    view.set_flow("total")
    qtbot.waitUntil(lambda: "KAZ" in chart.annual, timeout=2000)
    with pytest.raises(ValueError):
        view.set_flow("both")


def test_export_png_and_the_context_menu(view, tmp_path):
    chart = view.chart("trade")
    menu = chart.context_menu()
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Export chart as PNG…"]
    assert chart.scene().contextMenu == []  # pyqtgraph's own Export… (SVG) is not offered
    path = view.export_png(tmp_path / "trade.png")
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 5000
    image = QImage(str(path))
    assert image.width() >= 1200 and image.height() > 300
    paths = view.export_all(tmp_path / "all")
    assert [p.name for p in paths] == ["trade.png", "investment.png", "review.png", "actors.png"]
    assert all(p.read_bytes().startswith(PNG_MAGIC) for p in paths)


def test_empty_project_draws_notes_not_errors(qtbot, tmp_path):
    from desktop.ui.charts import ChartsView

    with Project(tmp_path / "empty.steppe") as p:
        v = ChartsView(Session(p))
        qtbot.addWidget(v)
        v.show()
        v.refresh_all()
        assert v.chart("trade").annual == {}
        assert v.export_png(tmp_path / "e.png", "actors").stat().st_size > 0
        v.shutdown()


def test_steppe_charts_writes_pngs(qapp, tmp_path, capsys):
    from desktop.cli import main

    path = tmp_path / "c.steppe"
    with Project(path) as p:
        fill(p)
    out = tmp_path / "out"
    assert main(["charts", "--project", str(path), "--out", str(out), "--include-suggested"]) == 0
    printed = capsys.readouterr().out.split()
    names = ["trade.png", "investment.png", "review.png", "actors.png"]
    assert [Path(x).name for x in printed] == names
    for name in names:
        assert (out / name).read_bytes().startswith(PNG_MAGIC)
    assert main(["charts", "--project", str(tmp_path / "missing.steppe"), "--out", str(out)]) == 2
    assert "steppe:" in capsys.readouterr().err


def test_steppe_charts_in_a_fresh_process(tmp_path):
    path = tmp_path / "c.steppe"
    with Project(path) as p:
        fill(p)
    env = {k: v for k, v in __import__("os").environ.items() if k != "QT_QPA_PLATFORM"}
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "charts", "--project", str(path), "--out", str(tmp_path / "o")],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2], env=env, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.split()) == 4
    assert (tmp_path / "o" / "trade.png").stat().st_size > 5000


def test_hovering_a_point_with_the_mouse_shows_its_value(view, qtbot):
    chart = view.chart("trade")
    pos = chart.mapFromScene(chart.top.vb.mapViewToScene(QPointF(2022, 31.2e9)))
    with qtbot.waitSignal(view.hovered, timeout=2000, check_params_cb=lambda t: t.startswith("Kazakhstan 2022")):
        qtbot.mouseMove(chart.viewport(), pos + QPoint(5, 5))
        qtbot.mouseMove(chart.viewport(), pos)
    assert "31.2 bn USD" in view.status.text()


def test_right_click_offers_png_export_only(view, qtbot):
    from PySide6.QtWidgets import QApplication

    chart = view.chart("trade")
    seen = []

    def close_menu():
        menu = QApplication.activePopupWidget()
        seen.extend(a.text() for a in menu.actions())
        menu.close()

    QTimer.singleShot(300, close_menu)
    pos = chart.mapFromScene(chart.top.vb.mapViewToScene(QPointF(2021.5, 50e9)))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, chart.viewport().mapToGlobal(pos))
    QApplication.sendEvent(chart.viewport(), event)
    qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    assert seen == ["Export chart as PNG…"]


def test_a_short_dock_shows_fewer_actors_with_readable_labels(view, qtbot, project):
    from PySide6.QtGui import QFont, QFontMetrics

    actors = an.top_actors(project)
    view.show_chart("actors")
    qtbot.waitUntil(lambda: "actors" not in view._dirty)
    chart = view.chart("actors")
    chart.MIN_ROWS = 2  # the test project has only 5 actors
    assert len(chart.bars.opts["width"]) == len(actors)  # a tall chart: all of them
    view.resize(1200, 250)  # a short dock
    qtbot.waitUntil(lambda: len(chart.bars.opts["width"]) < len(actors), timeout=3000)
    shown = len(chart.bars.opts["width"])
    assert shown >= chart.MIN_ROWS or shown == len(actors)
    assert chart.bars.opts["width"] == [float(n) for n in actors["mentions"][:shown]]  # the top ones
    row = QFontMetrics(QFont()).height()
    assert chart.plot.vb.height() / shown >= row  # one label's height per bar at least
    assert f"top {shown} of {len(actors)}" in chart.plot.titleLabel.text
