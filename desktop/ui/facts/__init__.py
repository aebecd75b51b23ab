"""The facts table: model (Qt face of ``desktop.core.factquery``), delegates, and the view."""

from desktop.ui.facts.model import FactsProxy, FactsTableModel
from desktop.ui.facts.view import FactsView

__all__ = ["FactsProxy", "FactsTableModel", "FactsView"]
