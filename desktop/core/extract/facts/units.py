"""Units of indicator facts: one spelling per unit family, shared by extraction and scoring."""

from __future__ import annotations

import re

#: (pattern matched against the whole unit, case-insensitive; canonical spelling)
UNIT_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), form)
    for pattern, form in (
        (r"kilomet(?:re|er)s?|km", "kilometers"),
        (r"sq\.?\s*km|square\s+kilomet(?:re|er)s?|km2|km²", "square kilometers"),
        (r"cubic\s+met(?:re|er)s?|m3|m³", "cubic meters"),
        (r"square\s+met(?:re|er)s?|sq\.?\s*m|m2|m²", "square meters"),
        (r"(?:metric\s+)?ton(?:ne)?s?|t", "tonnes"),
        (r"hectares?|ha", "hectares"),
        (r"%|per\s*cent|percent|pct", "percent"),
        (r"gigawatts?|GW", "GW"),
        (r"megawatts?|MW", "MW"),
        (r"kilowatts?|kW", "kW"),
        (r"gigawatt[\s-]hours?|GWh", "GWh"),
        (r"megawatt[\s-]hours?|MWh", "MWh"),
        (r"kilowatt[\s-]hours?|kWh", "kWh"),
        (r"TWh", "TWh"),
        (r"TEUs?", "TEU"),
    )
)


def canonical_unit(unit: str) -> str:
    """The unit's canonical spelling ("km" → "kilometers"); an unknown unit comes back trimmed."""
    u = " ".join(unit.split())
    for rx, form in UNIT_FORMS:
        if rx.fullmatch(u):
            return form
    return u


def normalise_unit(unit: str, value: float) -> tuple[str, float]:
    """One spelling per unit; "bcm" → cubic meters (value × 10⁹)."""
    if " ".join(unit.split()).lower() == "bcm":
        return "cubic meters", value * 1e9
    return canonical_unit(unit), value
