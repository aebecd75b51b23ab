"""The charts dock: trade over time, investment by recipient, review progress, most-mentioned actors.

pyqtgraph is imported when a :class:`ChartsView` is created, not when this module is imported,
so the main window starts without it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import analytics
from desktop.core.model import REVIEWED_KEPT, SUGGESTED

if TYPE_CHECKING:
    from desktop.core.session import Changes, Session
    from desktop.ui.charts.plots import Chart, Mark

DEBOUNCE_MS = 150
FLOWS = (("total", "Total trade"), ("export", "China's exports"), ("import", "China's imports"))
HINT = "Hover a point or bar for its exact value; click it to show its facts in the table."

TRADE, INVESTMENT, REVIEW, ACTORS = "trade", "investment", "review", "actors"


class ChartsView(QWidget):
    """Charts of the project's reviewed data.

    Signals:
        filterRequested(list fact_ids, str description): a point or bar was clicked; the main
            window connects it to the facts table's ``set_fact_filter``.
        hovered(str): the hover text of the mark under the mouse ("" when it leaves).
    """

    filterRequested = Signal(list, str)
    hovered = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop.ui.charts import plots  # imports pyqtgraph: only now

        self.setObjectName("ChartsView")
        self.session: Session | None = None
        #: every fact of the project (all statuses), kept up to date row by row from change notices
        self._all_facts: Any = None
        self._changed_facts: set[int] = set()
        self._dirty: set[str] = {TRADE, INVESTMENT, REVIEW, ACTORS}

        self.suggested_box = QCheckBox("Include suggested facts")
        self.suggested_box.setToolTip(
            "Off: only accepted and edited facts. On: suggested facts too, drawn hollow, hatched or dashed."
        )
        self.suggested_box.toggled.connect(self._on_suggested_toggled)
        self.flow_box = QComboBox()
        for key, text in FLOWS:
            self.flow_box.addItem(text, key)
        self.flow_box.setToolTip("Which trade flow the trade chart shows (China's point of view)")
        self.flow_box.currentIndexChanged.connect(self._on_flow_changed)
        self.export_button = QPushButton("Export PNG…")
        self.export_button.setToolTip("Save the chart shown as a PNG image")
        self.export_button.clicked.connect(lambda: self.export_dialog())

        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        bar.addWidget(self.suggested_box)
        bar.addSpacing(12)
        bar.addWidget(QLabel("Trade flow:"))
        bar.addWidget(self.flow_box)
        bar.addStretch(1)
        bar.addWidget(self.export_button)

        self.charts: dict[str, Chart] = {
            TRADE: plots.TradeChart(),
            INVESTMENT: plots.InvestmentChart(),
            REVIEW: plots.ReviewChart(),
            ACTORS: plots.ActorsChart(),
        }
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for key, chart in self.charts.items():
            chart.on_activate = self._activate
            chart.on_hover = self._hover
            chart.on_export = lambda key=key: self.export_dialog(key)
            self.tabs.addTab(chart, {TRADE: "Trade over time", INVESTMENT: "Investment by recipient",
                                     REVIEW: "Review progress", ACTORS: "Most-mentioned actors"}[key])
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.status = QLabel(HINT)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setContentsMargins(8, 2, 8, 4)
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._refresh_if_visible)
        self.set_session(session)

    # ------------------------------------------------------------------ public API

    def set_session(self, session: Session | None) -> None:
        """Show another project's charts (None: none)."""
        if self.session is not None:
            with contextlib.suppress(ValueError):
                self.session.unsubscribe(self._on_changes)
        self.session = session
        self.invalidate()
        if session is not None:
            session.subscribe(self._on_changes)
            _unsubscribe_on_destroy(self, session)
        self._dirty = set(self.charts)
        self._refresh_if_visible()

    def shutdown(self) -> None:
        """Stop listening to the session (the view is about to go)."""
        self._timer.stop()
        self.set_session(None)

    @property
    def include_suggested(self) -> bool:
        return self.suggested_box.isChecked()

    def set_include_suggested(self, on: bool) -> None:
        self.suggested_box.setChecked(bool(on))

    @property
    def flow(self) -> str:
        return self.flow_box.currentData()

    def set_flow(self, flow: str) -> None:
        i = self.flow_box.findData(flow)
        if i < 0:
            raise ValueError(f"flow must be one of {', '.join(k for k, _ in FLOWS)}")
        self.flow_box.setCurrentIndex(i)

    def statuses(self) -> tuple[str, ...]:
        return (*REVIEWED_KEPT, SUGGESTED) if self.include_suggested else REVIEWED_KEPT

    def chart(self, key: str) -> Chart:
        return self.charts[key]

    def current_key(self) -> str:
        return list(self.charts)[self.tabs.currentIndex()]

    def show_chart(self, key: str) -> None:
        self.tabs.setCurrentIndex(list(self.charts).index(key))

    def refresh(self, keys: set[str] | None = None) -> None:
        """Recompute and redraw charts now (default: the one shown)."""
        if self.session is None:
            return
        for key in keys if keys is not None else {self.current_key()}:
            self._draw(key)
            self._dirty.discard(key)

    def refresh_all(self) -> None:
        self.refresh(set(self.charts))

    def export_png(self, path: str | Path, key: str | None = None, width: int | None = None) -> Path:
        """Write one chart (default: the one shown) as a PNG; returns the path written."""
        key = key or self.current_key()
        if key in self._dirty:
            self.refresh({key})
        return self.charts[key].export_png(path, width)

    def export_all(self, folder: str | Path, width: int | None = None) -> list[Path]:
        """Write every chart as ``<folder>/<name>.png``; returns the paths, in tab order."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.refresh_all()
        return [self.charts[k].export_png(folder / f"{self.charts[k].file_stem}.png", width) for k in self.charts]

    def export_dialog(self, key: str | None = None) -> Path | None:
        key = key or self.current_key()
        name = self.charts[key].file_stem
        path, _ = QFileDialog.getSaveFileName(self, "Export chart as PNG", f"{name}.png", "PNG image (*.png)")
        if not path:
            return None
        try:
            return self.export_png(path, key)
        except Exception as err:
            QMessageBox.warning(self, "Export chart", f"The chart could not be saved:\n{err}")
            return None

    # ------------------------------------------------------------------ drawing

    def invalidate(self) -> None:
        """Forget the cached facts (read again in full at the next redraw)."""
        self._all_facts = None
        self._changed_facts = set()

    def _facts(self):
        """The facts the charts draw (statuses per the switch), from a cache patched per change."""
        project = self.session.project
        if self._all_facts is None:
            self._all_facts = analytics.facts_frame(project, statuses=None)
            self._changed_facts = set()
        elif self._changed_facts:
            ids = sorted(self._changed_facts)
            self._changed_facts = set()
            fresh = analytics.facts_frame([f for f in map(project.fact, ids) if f is not None], statuses=None)
            kept = self._all_facts[~self._all_facts["id"].isin(ids)]
            self._all_facts = pd.concat([kept, fresh], ignore_index=True) if len(fresh) else kept
        frame = self._all_facts
        return frame[frame["status"].isin(self.statuses())]

    def _draw(self, key: str) -> None:
        project = self.session.project
        chart: Any = self.charts[key]
        if key == TRADE:
            chart.draw(analytics.trade_series(self._facts(), self.flow), self.flow)
        elif key == INVESTMENT:
            chart.draw(analytics.investment_by_recipient(self._facts()))
        elif key == REVIEW:
            chart.draw(
                analytics.review_progress(project),
                loader=lambda t, s: analytics.review_fact_ids(project, t, s),
            )
        elif key == ACTORS:
            chart.draw(analytics.top_actors(project))

    def _refresh_if_visible(self) -> None:
        if self.session is None or not self.isVisible():
            return  # drawn when shown (showEvent)
        if self.current_key() in self._dirty:
            self.refresh()

    def showEvent(self, ev) -> None:
        super().showEvent(ev)
        QTimer.singleShot(0, self._refresh_if_visible)

    # ------------------------------------------------------------------ reactions

    def _on_changes(self, changes: Changes) -> None:
        dirty: set[str] = set()
        if changes.documents_added:
            self.invalidate()
        elif changes.fact_ids and self._all_facts is not None:
            if len(changes.fact_ids) > 5000:
                self.invalidate()
            else:
                self._changed_facts |= set(changes.fact_ids)
        if changes.fact_ids or changes.documents_added:
            dirty |= {TRADE, INVESTMENT, REVIEW, ACTORS}  # actors carry the fact ids of their documents
        if changes.entity_ids or changes.documents_added:
            dirty.add(ACTORS)
        if dirty:
            self._dirty |= dirty
            self._timer.start()

    def _on_suggested_toggled(self, _on: bool) -> None:
        self._dirty |= {TRADE, INVESTMENT}
        self._refresh_if_visible()

    def _on_flow_changed(self, _i: int) -> None:
        self._dirty.add(TRADE)
        self._refresh_if_visible()

    def _on_tab_changed(self, _i: int) -> None:
        self.flow_box.setEnabled(self.current_key() == TRADE)
        self.status.setText(HINT)
        self._refresh_if_visible()

    def _activate(self, mark: Mark) -> None:
        ids = mark.ids()
        self.status.setText(f"Showing {len(ids)} fact{'s' if len(ids) != 1 else ''}: {mark.description}")
        self.filterRequested.emit(ids, mark.description)

    def _hover(self, mark: Mark | None) -> None:
        text = mark.tip.replace("\n", " · ") if mark else ""
        self.status.setText(text or HINT)
        self.hovered.emit(text)


def _unsubscribe_on_destroy(view: ChartsView, session: Session) -> None:
    """Stop the session calling a view whose C++ side is gone (without keeping the view alive)."""
    listener = view._on_changes

    def gone(*_: object) -> None:
        with contextlib.suppress(ValueError):
            session.unsubscribe(listener)

    view.destroyed.connect(gone)
