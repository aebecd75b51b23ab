"""Reading and showing amounts the way analysts type and read them ("70.2 bn", "70,200,000,000")."""

from __future__ import annotations

import math
import re

SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "th": 1e3,
    "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "mio": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "tln": 1e12, "tn": 1e12, "t": 1e12,
}

_AMOUNT_RE = re.compile(
    r"^\s*(?P<sign>[-+−])?\s*(?P<num>\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"\s*(?P<scale>[a-zA-Z]+\.?)?\s*%?\s*$"
)


def parse_amount(text: str) -> float:
    """Parse "70.2 bn", "70,200,000,000", "1.5 million", "-3.2", "40%" into a float.

    Raises ``ValueError`` with a reason a user can act on.
    """
    m = _AMOUNT_RE.match(text or "")
    if not m:
        raise ValueError(f"{text!r} is not a number (try 70.2 bn or 70,200,000,000)")
    num = float(re.sub(r"[ ,\u00a0\u202f]", "", m.group("num")))
    scale = (m.group("scale") or "").rstrip(".").lower()
    if scale:
        if scale not in SCALES:
            raise ValueError(f"{text!r}: unknown scale {m.group('scale')!r} (use k, mn, bn or tn)")
        num *= SCALES[scale]
    if m.group("sign") in ("-", "−"):
        num = -num
    if not math.isfinite(num):
        raise ValueError(f"{text!r} is not a finite number")
    return num


def format_amount(value: float | None) -> str:
    """Show a value readably: 70200000000 → "70.2 bn", 970000000 → "970 mn", 1234 → "1,234"."""
    if value is None:
        return ""
    v = abs(value)
    sign = "-" if value < 0 else ""
    for unit, div in (("tn", 1e12), ("bn", 1e9), ("mn", 1e6)):
        if v >= div:
            return f"{sign}{_trim(v / div)} {unit}"
    if v == int(v):
        return f"{sign}{int(v):,}"
    return f"{sign}{v:,.2f}".rstrip("0").rstrip(".")


def _trim(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")
