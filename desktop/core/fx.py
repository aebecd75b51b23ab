"""Annual average exchange rates (``data/exchange_rates.csv``) for charts and exports.

Extraction never fills ``value_usd`` from these rates (the schema's value_usd is the figure the
text states); charts and exports may convert with :func:`to_usd`.
"""

from __future__ import annotations

import csv
from functools import cache

from desktop.core.paths import data_path


@cache
def rates() -> dict[tuple[str, int], float]:
    """(currency, year) → US dollars per one unit of the currency."""
    out: dict[tuple[str, int], float] = {}
    path = data_path("exchange_rates.csv")
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                try:
                    out[(row["currency"].strip().upper(), int(row["year"]))] = float(row["usd_per_unit"])
                except (KeyError, ValueError):
                    continue
    except OSError:
        return {}
    return out


def usd_rate(currency: str | None, year: int | str | None) -> float | None:
    """US dollars per unit of ``currency`` in ``year`` (1.0 for USD); None when unknown.

    ``year`` may be a period string ("2023-01/2023-04" uses 2023, its first year).
    """
    if not currency:
        return None
    cur = currency.strip().upper()
    if cur == "USD":
        return 1.0
    if year is None:
        return None
    try:
        y = int(str(year).strip()[:4])
    except ValueError:
        return None
    return rates().get((cur, y))


def to_usd(value: float | None, currency: str | None, year: int | str | None) -> float | None:
    """``value`` converted to US dollars at the annual average rate, or None."""
    if value is None:
        return None
    r = usd_rate(currency, year)
    return None if r is None else value * r
