"""The four charts, drawn with pyqtgraph. Importing this module imports pyqtgraph, so only
:class:`~desktop.ui.charts.view.ChartsView` imports it, when it is created.

Each chart is a :class:`Chart` (a ``pg.GraphicsLayoutWidget``) drawn from the frames of
``desktop.core.analytics`` by ``draw(...)``. Every point or bar carries a :class:`Mark`:
its hover text and the facts behind it. A click on a mark calls ``on_activate(mark)``,
hovering calls ``on_hover(mark or None)``.

Conventions shared by every chart: colour = country (or label / status), a filled marker or
solid bar is reviewed data only, a hollow marker / hatched bar / dashed line involves suggested
facts, a diamond marker is a value converted to USD at the annual average rate.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPen, QTextOption
from PySide6.QtWidgets import QMenu, QSizePolicy

from desktop.core.analytics import TRADE_PARTNERS
from desktop.core.model import FACT_TYPES, STATUSES
from desktop.core.numbers import format_amount
from desktop.ui.charts.style import (
    label_colour,
    page_colours,
    partner_colour,
    short_name,
    status_colour,
)

CONVERTED_SYMBOL, STATED_SYMBOL = "d", "o"
CONVERTED_NOTE = "◆ converted to USD at the annual average rate"
SUGGESTED_NOTE = "hollow / hatched / dashed: includes suggested (unreviewed) facts"
FLOW_TITLES = {"total": "trade turnover", "export": "exports to", "import": "imports from"}


@dataclass
class Mark:
    """One point or bar: what hovering shows and which facts a click selects."""

    tip: str
    description: str
    fact_ids: list[int] = field(default_factory=list)
    loader: Callable[[], list[int]] | None = None  # fact ids fetched on click (large groups)

    def ids(self) -> list[int]:
        return list(self.loader()) if self.loader is not None else list(self.fact_ids)


def _facts(n: int) -> str:
    return f"{n} fact{'s' if n != 1 else ''}"


# --------------------------------------------------------------------------- axes


def nice_step(span: float, size: float, px_per_label: float = 48.0, minimum: float = 0.0) -> float:
    """A 1-2-2.5-5 × 10^k step that puts a label about every ``px_per_label`` pixels."""
    target = max(2.0, min(10.0, size / px_per_label))
    raw = max(span / target, minimum, 1e-12)
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * mag >= raw * 0.999:
            return max(m * mag, minimum)
    return 10 * mag


class AmountAxis(pg.AxisItem):
    """Axis ticks written the way analysts read amounts: 70.2 bn, 970 mn; 5–10 labels."""

    def __init__(self, orientation: str, **kw) -> None:
        super().__init__(orientation, **kw)
        self.enableAutoSIPrefix(False)
        self.setStyle(maxTickLevel=1, maxTextLevel=0)

    def tickSpacing(self, minVal, maxVal, size):
        if not (maxVal > minVal) or size <= 0:
            return super().tickSpacing(minVal, maxVal, size)
        step = nice_step(maxVal - minVal, size)
        return [(step, 0.0), (step / 2, 0.0)]

    def tickStrings(self, values, scale, spacing):
        return [format_amount(v * scale) if abs(v * scale) >= 0.5 else "0" for v in values]


class CountAxis(AmountAxis):
    """Whole numbers only (counts of facts or mentions)."""

    def tickSpacing(self, minVal, maxVal, size):
        if not (maxVal > minVal) or size <= 0:
            return [(1.0, 0.0)]
        step = nice_step(maxVal - minVal, size, minimum=1.0)
        step = float(max(1, round(step)))
        return [(step, 0.0)] + ([(step / 2, 0.0)] if step >= 2 and float(step / 2).is_integer() else [])

    def tickStrings(self, values, scale, spacing):
        return [f"{round(v):,}" for v in values]


class YearAxis(pg.AxisItem):
    """Whole years as ticks, thinned when the span is long."""

    def tickValues(self, minVal, maxVal, size):
        lo, hi = math.ceil(minVal), math.floor(maxVal)
        if hi < lo:
            return []
        span = hi - lo
        step = 1 if span <= 14 else 2 if span <= 28 else 5
        return [(float(step), [float(y) for y in range(lo, hi + 1) if y % step == 0])]

    def tickStrings(self, values, scale, spacing):
        return [str(round(v)) for v in values]


# --------------------------------------------------------------------------- marked items


class MarkedBars(pg.BarGraphItem):
    """Bars that know their :class:`Mark`: hover shows its tip, a left click activates it."""

    def __init__(
        self,
        x0: Sequence[float],
        y0: Sequence[float],
        width: Sequence[float],
        height: Sequence[float],
        marks: Sequence[Mark],
        brushes: Sequence[QBrush],
        pens: Sequence[QPen],
        chart: Chart,
    ) -> None:
        super().__init__(
            x0=list(x0), y0=list(y0), width=list(width), height=list(height), brushes=list(brushes),
            pens=list(pens),
        )
        self.marks = list(marks)
        self.rects = [QRectF(a, b, w, h).normalized() for a, b, w, h in zip(x0, y0, width, height, strict=True)]
        self._chart = chart
        self.setAcceptHoverEvents(True)

    def bar_at(self, pos: QPointF) -> int | None:
        for i, r in enumerate(self.rects):
            if r.contains(pos):
                return i
        return None

    def click(self, index: int) -> None:
        self._chart.activate(self.marks[index])

    def mouseClickEvent(self, ev):
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        i = self.bar_at(ev.pos())
        if i is not None:
            ev.accept()
            self.click(i)

    def hoverEvent(self, ev):
        mark = None if ev.isExit() else (lambda i: None if i is None else self.marks[i])(self.bar_at(ev.pos()))
        self.setToolTip(mark.tip if mark else "")
        self._chart.hover(mark)


def hatched(colour: QColor) -> QBrush:
    return QBrush(colour, Qt.BrushStyle.BDiagPattern)


def bar_style(colour: QColor, suggested: bool) -> tuple[QBrush, QPen]:
    if suggested:
        pen = QPen(colour, 1.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        return hatched(colour), pen
    pen = QPen(colour.darker(130), 1)
    pen.setCosmetic(True)
    return QBrush(colour), pen


# --------------------------------------------------------------------------- the chart base


class Chart(pg.GraphicsLayoutWidget):
    """A chart canvas with marks, hover, click and PNG export (never SVG: it fails on PySide6 ≥ 6.11)."""

    title = "Chart"
    file_stem = "chart"

    def __init__(self, parent=None) -> None:
        bg, fg = page_colours()
        super().__init__(parent=parent, show=False)
        self.setBackground(bg)
        self.fg = fg
        self.bg = bg
        self.on_activate: Callable[[Mark], None] | None = None
        self.on_hover: Callable[[Mark | None], None] | None = None
        self.on_export: Callable[[], None] | None = None
        self.marks: list[Mark] = []
        self.ci.setContentsMargins(12, 10, 16, 10)
        self.ci.setSpacing(14)
        # pyqtgraph's own scene menu offers "Export…" with the SVG exporter, which fails here
        self.scene().contextMenu = []

    # ---------------------------------------------------------------- helpers for subclasses

    def new_plot(self, row: int, col: int, *, left: pg.AxisItem, bottom: pg.AxisItem, title: str = "", **kw):
        plot = self.addPlot(row=row, col=col, axisItems={"left": left, "bottom": bottom}, **kw)
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.showGrid(x=False, y=True, alpha=0.18)
        for name in ("left", "bottom"):
            ax = plot.getAxis(name)
            ax.setPen(pg.mkPen(self.fg))
            ax.setTextPen(pg.mkPen(self.fg))
        if title:
            self.set_title(plot, title)
        return plot

    def set_title(self, plot, title: str) -> None:
        plot.setTitle(title, color=self.fg.name(), size="11pt", bold=True)

    def axis_label(self, plot, side: str, text: str) -> None:
        plot.setLabel(side, text, color=self.fg.name())

    def empty_note(self, plot, text: str) -> None:
        plot.setXRange(0, 1, padding=0)
        plot.setYRange(0, 1, padding=0)
        item = pg.TextItem(text, color=self.fg.name(), anchor=(0.5, 0.5))
        item.setPos(0.5, 0.5)
        plot.addItem(item)
        plot.showGrid(x=False, y=False)
        for side in ("left", "bottom"):
            plot.getAxis(side).setStyle(showValues=False)

    def value_label(self, plot, x: float, y: float, text: str, anchor=(0.5, 1.0), colour=None) -> pg.TextItem:
        item = pg.TextItem(text, color=(colour or self.fg).name(), anchor=anchor)
        font = QFont()
        font.setPointSizeF(8.5)
        item.setFont(font)
        if "\n" in text:  # centre every line, not only the block
            doc = item.textItem.document()
            doc.setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignHCenter))
            item.setText(text)
            item.textItem.setTextWidth(doc.idealWidth() + 2)
            item.updateTextPos()
        item.setPos(x, y)
        plot.addItem(item)
        return item

    def legend(self, row: int, col: int, entries: Sequence[tuple[object, str]], notes: Sequence[str] = ()):
        """A legend in its own layout cell (it never covers the data)."""
        legend = pg.LegendItem(offset=None, labelTextColor=self.fg, labelTextSize="9pt", horSpacing=8)
        for sample, name in entries:
            legend.addItem(sample, name)
        for note in notes:
            legend.addItem(pg.PlotDataItem(pen=None), note)
        legend.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.addItem(legend, row=row, col=col)
        self.ci.layout.setAlignment(legend, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return legend

    def footnote(self, row: int, notes: Sequence[str], colspan: int = 1) -> None:
        """A line of notes under the plots (what hatching or ◆ mean)."""
        if notes:
            label = pg.LabelItem("   ·   ".join(notes), color=self.fg.name(), size="9pt", justify="left")
            self.addItem(label, row=row, col=0, colspan=colspan)

    def reset(self) -> None:
        self.clear()
        self.marks = []

    # ---------------------------------------------------------------- marks

    def activate(self, mark: Mark) -> None:
        if self.on_activate is not None:
            self.on_activate(mark)

    def hover(self, mark: Mark | None) -> None:
        if self.on_hover is not None:
            self.on_hover(mark)

    def scatter(self, spots: list[dict], size: float = 11) -> pg.ScatterPlotItem:
        item = pg.ScatterPlotItem(
            size=size, hoverable=True, hoverSize=size + 4, tip=lambda x, y, data: data.tip if data else "",
        )
        item.addPoints(spots)
        item.sigClicked.connect(lambda _item, points, _ev: points.size and self.activate(points[0].data()))
        item.sigHovered.connect(lambda _item, points, _ev: self.hover(points[0].data() if len(points) else None))
        self.marks += [s["data"] for s in spots]
        return item

    # ---------------------------------------------------------------- export and menu

    def export_png(self, path: str | Path, width: int | None = None) -> Path:
        path = Path(path)
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        self.ci.layout.activate()  # a chart redrawn while its tab was hidden has a pending layout
        exporter = ImageExporter(self.ci)
        params = exporter.parameters()
        params["background"] = self.bg
        params["width"] = int(width or max(1200, self.ci.boundingRect().width()))
        exporter.export(str(path))
        return path

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        act = menu.addAction("Export chart as PNG…")
        act.setEnabled(self.on_export is not None)
        act.triggered.connect(lambda: self.on_export and self.on_export())
        return menu

    def contextMenuEvent(self, ev):
        self.context_menu().exec(ev.globalPos())
        ev.accept()


# --------------------------------------------------------------------------- trade


class TradeChart(Chart):
    """China's trade with each Central Asian state and with CA5, per year; part-year figures apart."""

    title = "Trade"
    file_stem = "trade"

    def draw(self, series: pd.DataFrame, flow: str) -> None:
        self.reset()
        #: partner → its annual points; (partner, period_kind) → its part-year points
        self.annual: dict[str, pg.ScatterPlotItem] = {}
        self.partial: dict[tuple[str, str], pg.ScatterPlotItem] = {}
        self.series = series
        self.bottom = None
        annual = series[series["period_kind"] == "year"] if len(series) else series
        other = series[series["period_kind"] != "year"] if len(series) else series
        what = FLOW_TITLES.get(flow, flow)
        self.top = top = self.new_plot(
            0, 0, left=AmountAxis("left"), bottom=YearAxis("bottom"),
            title=f"China's {what} Central Asia, by year" if flow != "total"
            else "China's trade with Central Asia, by year (exports + imports)",
        )
        self.axis_label(top, "left", "USD")
        partners = [p for p in TRADE_PARTNERS if p in set(series["partner"])] if len(series) else []
        entries = []
        if len(annual) == 0:
            self.empty_note(
                top,
                "No annual trade figures to show.\n"
                "Accept trade facts in the facts table, or tick “Include suggested facts”.",
            )
        for partner in partners:
            rows = annual[annual["partner"] == partner].sort_values("year")
            colour = partner_colour(partner)
            if len(rows):
                self._line(top, rows, colour, Qt.PenStyle.SolidLine)
            spots = [self._spot(r, colour) for r in rows.itertuples()]
            if spots:
                self.annual[partner] = self.scatter(spots)
                top.addItem(self.annual[partner])
            sample = pg.PlotDataItem([0], [0], pen=pg.mkPen(colour, width=2), symbol="o", symbolBrush=colour,
                                     symbolPen=colour)
            entries.append((sample, short_name(partner)))
        years = sorted(set(series["year"])) if len(series) else []
        if len(annual):
            self._pad_years(top, annual, years)
        self.ci.layout.setRowStretchFactor(0, 3)
        notes = [CONVERTED_NOTE if series["converted"].any() else "", SUGGESTED_NOTE if series["suggested"].any() else ""]
        self.legend(0, 1, entries, [n for n in notes if n])
        if len(other):
            self.bottom = bottom = self.new_plot(
                1, 0, left=AmountAxis("left"), bottom=YearAxis("bottom"),
                title="Part-year and multi-year figures (not comparable with annual values)",
            )
            self.axis_label(bottom, "left", "USD")
            for (partner, kind), rows in other.groupby(["partner", "period_kind"], sort=False):
                rows = rows.sort_values("year")
                colour = partner_colour(partner)
                self._line(bottom, rows, colour, Qt.PenStyle.DotLine)
                self.partial[(partner, kind)] = self.scatter([self._spot(r, colour) for r in rows.itertuples()])
                bottom.addItem(self.partial[(partner, kind)])
                for r in rows.itertuples():
                    self.value_label(bottom, r.year, r.value_usd, f" {r.period_label}", anchor=(-0.05, 1.0), colour=colour)
            self._pad_years(bottom, other, years, headroom=1.25)
            if len(annual):
                bottom.setXLink(top)
            self.ci.layout.setRowStretchFactor(1, 2)

    def _spot(self, r, colour: QColor) -> dict:
        mirrored = " (mirrored from the partner's report)" if r.mirrored else ""
        lines = [f"{short_name(r.partner)} {r.period_label}: {format_amount(r.value_usd)} USD, {_facts(r.n_facts)}"]
        if r.period_kind != "year":
            lines.append(f"period: {r.period_kind}")
        if r.converted:
            lines.append("converted to USD at the annual average rate")
        if r.suggested:
            lines.append("includes suggested (unreviewed) facts")
        if mirrored:
            lines.append(mirrored.strip(" ()"))
        lines.append("click: show these facts in the table")
        desc = f"Trade China–{short_name(r.partner)}, {r.period_label} ({r.flow})"
        mark = Mark("\n".join(lines), desc, list(r.fact_ids))
        return {
            "pos": (float(r.year), float(r.value_usd)),
            "data": mark,
            "symbol": CONVERTED_SYMBOL if r.converted else STATED_SYMBOL,
            "brush": pg.mkBrush(self.bg if r.suggested else colour),
            "pen": pg.mkPen(colour, width=2),
        }

    def _line(self, plot, rows: pd.DataFrame, colour: QColor, style: Qt.PenStyle) -> None:
        pts = list(rows.itertuples())
        for a, b in itertools.pairwise(pts):
            dashed = a.suggested or b.suggested
            pen = pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine if dashed else style)
            plot.addItem(pg.PlotCurveItem([a.year, b.year], [a.value_usd, b.value_usd], pen=pen))

    @staticmethod
    def _pad_years(plot, rows: pd.DataFrame, years: Sequence[int], headroom: float = 1.12) -> None:
        """Both panels span the same years (their x axes are linked); y from 0 to above the top value."""
        lo, hi = min(years), max(years)
        plot.setXRange(lo - 0.5, hi + 0.5, padding=0)
        top = max(rows["value_usd"].max(), 1.0)
        plot.setYRange(0, top * headroom, padding=0)


# --------------------------------------------------------------------------- investment

INVESTMENT_PANELS = (
    ("stock", "Investment stock (latest)"),
    ("flow", "Investment flows (latest period)"),
    ("pledge", "Pledged investment (sum of deals)"),
)


class InvestmentChart(Chart):
    """One panel per kind (stock, flow, pledge): bars per recipient, never added across kinds."""

    title = "Investment"
    file_stem = "investment"

    def draw(self, inv: pd.DataFrame) -> None:
        self.reset()
        self.bars: dict[str, MarkedBars] = {}
        self.plots: dict[str, pg.PlotItem] = {}
        kinds = set(inv["kind"]) if len(inv) else set()
        panels = [(k, t) for k, t in INVESTMENT_PANELS if k in kinds]
        if not panels:
            plot = self.new_plot(0, 0, left=AmountAxis("left"), bottom=pg.AxisItem("bottom"), title="Investment")
            self.empty_note(
                plot,
                "No investment figures to show.\n"
                "Accept investment facts in the facts table, or tick “Include suggested facts”.",
            )
            return
        for col, (kind, title) in enumerate(panels):
            rows = inv[inv["kind"] == kind]
            bottom = pg.AxisItem("bottom")
            plot = self.plots[kind] = self.new_plot(0, col, left=AmountAxis("left"), bottom=bottom, title=title)
            self.axis_label(plot, "left", "USD")
            ticks, x0, heights, marks, brushes, pens = [], [], [], [], [], []
            for i, r in enumerate(rows.itertuples()):
                who = short_name(r.recipient)
                if r.investor and r.investor != "CHN":
                    who = f"{short_name(r.investor)} → {who}"
                ticks.append((i, who))
                colour = partner_colour(r.recipient)
                brush, pen = bar_style(colour, bool(r.suggested))
                x0.append(i - 0.35)
                heights.append(float(r.value_usd))
                brushes.append(brush)
                pens.append(pen)
                tip = [f"{who}, {kind}: {format_amount(r.value_usd)} USD ({r.basis}), {_facts(r.n_facts)}"]
                if r.converted:
                    tip.append("converted to USD at the annual average rate")
                if r.suggested:
                    tip.append("includes suggested (unreviewed) facts")
                tip.append("click: show these facts in the table")
                marks.append(Mark("\n".join(tip), f"Investment {kind}: {who} ({r.basis})", list(r.fact_ids)))
                label = format_amount(r.value_usd) + (" ◆" if r.converted else "")
                self.value_label(plot, i, float(r.value_usd), f"{label}\n{r.basis}")
            bars = MarkedBars(x0, [0.0] * len(x0), [0.7] * len(x0), heights, marks, brushes, pens, self)
            plot.addItem(bars)
            self.bars[kind] = bars
            self.marks += marks
            bottom.setTicks([ticks, []])
            centre, half = (len(ticks) - 1) / 2, max(len(ticks), 2.5) / 2  # one bar is not a wall
            plot.setXRange(centre - half - 0.1, centre + half + 0.1, padding=0)
            plot.setYRange(0, max(heights) * 1.25, padding=0)
        notes = []
        if inv["converted"].any():
            notes.append(CONVERTED_NOTE)
        if inv["suggested"].any():
            notes.append("hatched: includes suggested (unreviewed) facts")
        notes.append("stock: latest end-of-period value · flow: latest period · pledges: distinct deals added up")
        self.footnote(1, notes, colspan=len(panels))


# --------------------------------------------------------------------------- review progress

STACK_ORDER = ("accepted", "edited", "suggested", "rejected")


class ReviewChart(Chart):
    """Stacked bars: facts of each type by review status."""

    title = "Review progress"
    file_stem = "review"

    def draw(self, progress: pd.DataFrame, loader: Callable[[str, str], list[int]] | None = None) -> None:
        self.reset()
        self.bars: dict[str, MarkedBars] = {}
        bottom = pg.AxisItem("bottom")
        plot = self.plot = self.new_plot(
            0, 0, left=CountAxis("left"), bottom=bottom, title="Review progress: facts by type and status"
        )
        self.axis_label(plot, "left", "facts")
        types = list(progress.index)
        titles = [FACT_TYPES[t].title if t in FACT_TYPES else t for t in types]
        bottom.setTicks([list(enumerate(titles)), []])
        base = [0.0] * len(types)
        entries = []
        for status in STACK_ORDER:
            if status not in STATUSES:
                continue
            colour = status_colour(status)
            counts = [float(progress.at[t, status]) for t in types]
            brush, pen = bar_style(colour, status == "suggested")
            marks = [
                Mark(
                    f"{title} · {status}: {_facts(int(n))}\nclick: show these facts in the table",
                    f"{title} facts, {status}",
                    loader=(lambda t=t, s=status: loader(t, s)) if loader else None,
                )
                for t, title, n in zip(types, titles, counts, strict=True)
            ]
            keep = [i for i, n in enumerate(counts) if n > 0]
            if keep:
                bars = MarkedBars(
                    [i - 0.3 for i in keep], [base[i] for i in keep], [0.6] * len(keep), [counts[i] for i in keep],
                    [marks[i] for i in keep], [brush] * len(keep), [pen] * len(keep), self,
                )
                plot.addItem(bars)
                self.bars[status] = bars
                self.marks += [marks[i] for i in keep]
            base = [b + c for b, c in zip(base, counts, strict=True)]
            entries.append((pg.BarGraphItem(x=[0], height=[1], width=1, brush=brush, pen=pen), status))
        totals = base
        reviewed = [float(progress.loc[t, ["accepted", "edited", "rejected"]].sum()) for t in types]
        for i, (tot, rev) in enumerate(zip(totals, reviewed, strict=True)):
            if tot:
                self.value_label(plot, i, tot, f"{int(tot):,} ({rev / tot:.0%} reviewed)")
        plot.setXRange(-0.6, len(types) - 0.4, padding=0)
        plot.setYRange(0, max([*totals, 1.0]) * 1.15, padding=0)
        self.legend(0, 1, entries)
        if not any(totals):
            self.empty_note(plot, "No facts yet: import documents to extract them.")


# --------------------------------------------------------------------------- actors


class ActorsChart(Chart):
    """Horizontal bars of the most-mentioned people, organisations and countries."""

    title = "Actors"
    file_stem = "actors"

    #: Never fewer bars than this, however short the dock.
    MIN_ROWS = 5

    def rows_that_fit(self, total: int) -> int:
        """How many bars can have readable labels at the chart's current height (the dock
        is short by default: 15 labels in 90 pixels overlapped)."""
        row = QFontMetrics(QFont()).height() + 8
        room = self.height() - 110  # title, bottom axis and its label, margins
        return max(min(total, self.MIN_ROWS), min(total, room // row))

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        frame = getattr(self, "_frame", None)
        if frame is not None and len(frame) and self.rows_that_fit(len(frame)) != self._shown:
            QTimer.singleShot(0, lambda: self._frame is not None and self.draw(self._frame))

    def draw(self, actors: pd.DataFrame) -> None:
        self.reset()
        self._frame = actors
        self.bars: MarkedBars | None = None
        left = pg.AxisItem("left")
        total = len(actors)
        self._shown = shown = self.rows_that_fit(total) if total else 0
        title = "Most-mentioned actors" + (f" (top {shown} of {total}: a taller dock shows more)"
                                           if shown < total else "")
        plot = self.plot = self.new_plot(0, 0, left=left, bottom=CountAxis("bottom"), title=title)
        self.axis_label(plot, "bottom", "mentions (not rejected)")
        plot.showGrid(x=True, y=False, alpha=0.18)
        if len(actors) == 0:
            self.empty_note(plot, "No people, organisations or countries marked yet.")
            return
        actors = actors.head(shown)
        n = len(actors)
        ticks, marks, brushes, pens = [], [], [], []
        y0 = []
        labels_seen: dict[str, QColor] = {}
        for i, r in enumerate(actors.itertuples()):
            y = n - 1 - i  # the most mentioned on top
            ticks.append((y, _elide(r.text, 32)))
            colour = label_colour(r.label)
            labels_seen.setdefault(r.label, colour)
            brush, pen = bar_style(colour, False)
            brushes.append(brush)
            pens.append(pen)
            y0.append(y - 0.35)
            docs = f"{r.documents} document{'s' if r.documents != 1 else ''}"
            marks.append(Mark(
                f"{r.text} ({r.label}): {r.mentions} mentions in {docs}\n"
                f"click: show the {_facts(len(r.fact_ids))} of those documents",
                f"Facts in documents mentioning {r.text}",
                list(r.fact_ids),
            ))
            self.value_label(plot, float(r.mentions), y, f" {r.mentions} ({docs})", anchor=(0, 0.5))
        values = [float(v) for v in actors["mentions"]]
        bars = MarkedBars([0.0] * n, y0, values, [0.7] * n, marks, brushes, pens, self)
        plot.addItem(bars)
        self.bars = bars
        self.marks += marks
        left.setTicks([ticks, []])
        fm = QFontMetrics(QFont())
        left.setWidth(min(260, max(fm.horizontalAdvance(t) for _, t in ticks) + 16))
        plot.setYRange(-0.6, n - 0.4, padding=0)
        plot.setXRange(0, max(values) * 1.25, padding=0)
        plot.showGrid(x=True, y=False, alpha=0.18)
        entries = [
            (pg.BarGraphItem(x=[0], height=[1], width=1, brush=QBrush(c), pen=pg.mkPen(c)), label)
            for label, c in labels_seen.items()
        ]
        self.legend(0, 1, entries)


def _elide(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
