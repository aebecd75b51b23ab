"""Charts of the reviewed data (pyqtgraph, imported only when a :class:`ChartsView` is created)."""

from desktop.ui.charts.view import ChartsView

__all__ = ["ChartsView"]
