"""data/exchange_rates.csv and desktop.core.fx (used by charts and exports, never by extraction)."""

from __future__ import annotations

import csv

import pytest

from desktop.core.fx import rates, to_usd, usd_rate
from desktop.core.paths import data_path

CURRENCIES = ("CNY", "KZT", "UZS", "KGS", "TJS", "TMT", "RUB", "EUR")


def test_every_currency_and_year_has_a_sourced_rate():
    with data_path("exchange_rates.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert set(rows[0]) == {"year", "currency", "usd_per_unit", "source"}
    assert all(r["source"].strip() for r in rows)
    for cur in CURRENCIES:
        for year in range(2010, 2026):
            assert (cur, year) in rates(), (cur, year)


@pytest.mark.parametrize(
    ("currency", "year", "units_per_usd_low", "units_per_usd_high"),
    [("CNY", 2022, 6.5, 7.0), ("KZT", 2023, 440, 470), ("UZS", 2023, 11000, 12500), ("KGS", 2022, 80, 90),
     ("TJS", 2022, 10, 12), ("TMT", 2020, 3.4, 3.6), ("RUB", 2021, 70, 76)],
)
def test_rates_are_plausible(currency, year, units_per_usd_low, units_per_usd_high):
    assert 1 / units_per_usd_high <= usd_rate(currency, year) <= 1 / units_per_usd_low


def test_conversion():
    assert usd_rate("USD", None) == 1.0
    assert usd_rate("eur", 2022) == pytest.approx(1.05, abs=0.02)
    assert to_usd(173.05e9, "CNY", "2023-01/2023-04") == pytest.approx(24.4e9, rel=0.02)
    assert to_usd(None, "CNY", 2023) is None
    assert usd_rate("XYZ", 2023) is None and usd_rate("CNY", 1990) is None and usd_rate("CNY", "n/a") is None
