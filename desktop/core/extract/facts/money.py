"""Amounts of money: find them in text and parse them into (value, currency).

Handles "$70.2 billion", "US$ 15 bn", "USD 1.2bn", "46 billion U.S. dollars", "173.05 billion
yuan", "$964 mln", "1 million somonis", "1.5 trillion tenge", "€2 billion".

A range ("$5bn-$6bn", "5 to 6 billion dollars") parses to its LOWER bound as ``value`` and keeps
the upper bound in ``high``: the lower bound is what the text guarantees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

SCALE_WORDS: dict[str, float] = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "millions": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "mio": 1e6, "mil": 1e6,
    "billion": 1e9, "billions": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "billon": 1e9,
    "trillion": 1e12, "trln": 1e12, "tln": 1e12, "tn": 1e12, "trillions": 1e12,
}

# Currency words after the number (lower-cased match) → ISO code. "som" is resolved by context.
SUFFIX_CURRENCIES: dict[str, str] = {
    "u.s. dollars": "USD", "us dollars": "USD", "u.s. dollar": "USD", "us dollar": "USD",
    "american dollars": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "chinese yuan": "CNY",
    "tenge": "KZT", "tenges": "KZT", "kzt": "KZT",
    "uzbek soums": "UZS", "uzbek sums": "UZS", "uzbek som": "UZS", "soums": "UZS", "soum": "UZS",
    "sums": "UZS", "sum": "UZS", "so'm": "UZS", "uzs": "UZS",
    "kyrgyz soms": "KGS", "kyrgyz som": "KGS", "soms": "KGS?", "som": "KGS?", "kgs": "KGS",
    "somonis": "TJS", "somoni": "TJS", "tjs": "TJS",
    "manats": "TMT", "manat": "TMT", "tmt": "TMT",
    "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rouble": "RUB", "rub": "RUB",
    "euros": "EUR", "euro": "EUR", "eur": "EUR",
    "pounds": "GBP", "gbp": "GBP", "yen": "JPY", "lira": "TRY", "rupees": "INR",
}
PREFIX_CURRENCIES: dict[str, str] = {
    "us$": "USD", "u.s.$": "USD", "usd": "USD", "$": "USD", "us $": "USD",
    "€": "EUR", "eur": "EUR", "£": "GBP", "¥": "CNY", "rmb": "CNY", "cny": "CNY", "yuan": "CNY",
    "kzt": "KZT", "uzs": "UZS", "kgs": "KGS", "tjs": "TJS", "rub": "RUB", "₸": "KZT", "₽": "RUB",
}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:thousand|millions?|billions?|trillions?|billon|mln|bln|trln|tln|mio|mil|mn|bn|tn|m|b|k)\.?(?![a-z])"
_PREFIX = r"(?:US\s?\$|U\.S\.\s?\$|USD|RMB|CNY|EUR|KZT|UZS|KGS|TJS|RUB|[$€£¥₸₽])"
_SUFFIX = "|".join(
    re.escape(k).replace(r"\ ", r"\s+") for k in sorted(SUFFIX_CURRENCIES, key=len, reverse=True)
)
def _amount_re(i: int) -> str:
    return f"(?P<num{i}>{_NUM})\\s?(?P<scale{i}>{_SCALE})?"


_PREFIXED = (
    rf"(?P<pre>{_PREFIX})\s?{_amount_re(1)}"
    rf"(?:\s?(?:-|–|—|to)\s?(?:{_PREFIX})?\s?{_amount_re(2)})?"
)
_SUFFIXED = (
    rf"{_amount_re(3)}(?:\s?(?:-|–|—|to)\s?{_amount_re(4)})?"
    rf"\s(?:of\s+)?(?P<suf>{_SUFFIX})(?![a-zA-Z])"
)
MONEY_RE = re.compile(rf"(?<![\w$])(?:{_PREFIXED}|{_SUFFIXED})", re.I)


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    value: float
    currency: str
    high: float | None = None


def _amount(num: str | None, scale: str | None) -> float | None:
    if not num:
        return None
    v = Decimal(num.replace(",", ""))
    if scale:
        s = scale.rstrip(".").lower()
        v *= Decimal(str(SCALE_WORDS.get(s, 1.0)))
    return float(v)


def _resolve_som(code: str, context: str) -> str:
    if code != "KGS?":
        return code
    if re.search(r"Uzbek", context) and not re.search(r"Kyrgyz", context):
        return "UZS"
    return "KGS"


def find_money(text: str, start: int = 0, end: int | None = None, context: str = "") -> list[Money]:
    """Every amount of money in ``text[start:end]`` (offsets into ``text``)."""
    end = len(text) if end is None else end
    out = []
    for m in MONEY_RE.finditer(text, start, end):
        money = _from_match(m, context or text[start:end])
        if money:
            a = m.start()
            if money[2] is not None and (money[2] < money[0] or re.search(r"\bfrom\s+(?:about\s+|around\s+)?$", text[max(0, a - 20):a])):
                # "from 5 to 6 billion dollars" is a change: the amount is the second number.
                # "in 2023 to 119 trillion tenge": no range, the amount is the second number.
                a = m.start("num4") if m.group("num4") else m.start("num2")
                money = (money[2], money[1], None)
            out.append(Money(a, m.end(), *money))
    return out


def _from_match(m: re.Match[str], context: str) -> tuple[float, str, float | None] | None:
    if m.group("pre"):
        cur = PREFIX_CURRENCIES.get(re.sub(r"\s", "", m.group("pre").lower()).replace("us$", "us$"))
        if cur is None:
            cur = "USD" if "$" in m.group("pre") else m.group("pre").upper()
        lo, hi = _amount(m.group("num1"), m.group("scale1")), _amount(m.group("num2"), m.group("scale2"))
        if hi is not None and not m.group("scale2") and m.group("scale1"):
            pass
        if hi is not None and m.group("scale2") and not m.group("scale1") and lo is not None:
            lo = _amount(m.group("num1"), m.group("scale2"))
    else:
        key = re.sub(r"\s+", " ", m.group("suf").lower())
        cur = _resolve_som(SUFFIX_CURRENCIES.get(key, "USD"), context)
        lo, hi = _amount(m.group("num3"), m.group("scale3")), _amount(m.group("num4"), m.group("scale4"))
        if hi is not None and m.group("scale4") and not m.group("scale3") and lo is not None:
            lo = _amount(m.group("num3"), m.group("scale4"))  # "5 to 6 billion dollars"
    if lo is None or cur is None:
        return None
    return lo, cur, hi


def parse_money(text: str, context: str = "") -> tuple[float, str] | None:
    """Parse a MONEY span's text: "$70.2 billion" → (70200000000.0, "USD"); None if not money."""
    m = MONEY_RE.search(text)
    if not m:
        return None
    got = _from_match(m, context or text)
    if got and got[2] is not None and got[2] < got[0]:
        return got[2], got[1]
    return (got[0], got[1]) if got else None
