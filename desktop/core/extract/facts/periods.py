"""Dates and periods: DATE span texts → schema periods ("2022", "2023-04", "2023-01/2023-04",
"2017/2024") and ISO dates, resolved against a context year and the publication date.

Rules: a year in the phrase wins; else the year given by the caller (the sentence's, else the
publication year); a month later than the publication month with no year stated is taken from
the year before ("in December", published in May → last December). Relative phrases ("last
year", "this year", "N years ago") need the publication date. Unknown → ``None``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        )
    )
    for m in names
}
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50,
}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(?:19|20)\d\d"
_N = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

YEAR_RE = re.compile(rf"(?<![\d.,$])({_YEAR})(?![\d%]|\s*(?:percent|per cent))")
_MONTH_RANGE = re.compile(rf"({_MONTH})\s*(?:-|–|—|to|through|till|until)\s*({_MONTH})(?:\s*(?:of\s+)?,?\s*({_YEAR}))?", re.I)
_MONTH_ONE = re.compile(rf"({_MONTH})(?:\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?)?(?:,?\s*(?:of\s+)?({_YEAR}))?", re.I)
_FIRST_N = re.compile(rf"(?:first|past|last)\s+({_N})\s+months?(?:\s+of\s+(?:the\s+year\s+)?({_YEAR}))?", re.I)
_QUARTER = re.compile(r"(first|second|third|fourth|1st|2nd|3rd|4th|q1|q2|q3|q4)\s*(?:quarter)?", re.I)
_HALF = re.compile(r"(first|second|1st|2nd)\s+half|\bh([12])\b", re.I)
_YEAR_SPAN = re.compile(rf"({_YEAR})\s*(?:-|–|—|to|through|and|/)\s*({_YEAR}|\d\d)\b")
_AGO = re.compile(rf"({_N}|\d+)\s+years?\s+ago", re.I)
_REL_YEAR = re.compile(r"\b(last|past|previous|this|current|next|the\s+same)\s+year\b", re.I)


def _num(s: str) -> int | None:
    s = s.lower()
    if s.isdigit():
        return int(s)
    return NUMBER_WORDS.get(s)


def _pub_year(published: str | None) -> int | None:
    if published and re.match(r"\d{4}", published):
        return int(published[:4])
    return None


def _month_year(month: int, year: int | None, published: str | None) -> int | None:
    if year is not None:
        return year
    py = _pub_year(published)
    if py is None:
        return None
    pm = int(published[5:7]) if published and len(published) >= 7 and published[5:7].isdigit() else 12
    return py - 1 if month > pm else py


def resolve_period(text: str, context_year: int | None = None, published: str | None = None) -> str | None:
    """A DATE text → schema period, or None when it is not a period or its year is unknown."""
    t = " ".join(text.split())
    low = t.lower()
    if "same period" in low or "compared" in low:
        return None
    py = _pub_year(published)
    m = _YEAR_SPAN.search(t)
    if m:
        a, b = m.group(1), m.group(2)
        if len(b) == 2:
            b = a[:2] + b
        if int(b) > int(a):
            return f"{a}/{b}"
    m = _FIRST_N.search(t)
    if (m and low.startswith(("first", "the first"))) or (m and "first" in low):
        n = _num(m.group(1))
        y = int(m.group(2)) if m.group(2) else context_year or py
        if n and 1 <= n <= 12 and y:
            return f"{y}-01/{y}-{n:02d}" if n > 1 else f"{y}-01"
        return None
    m = _HALF.search(t)
    if m:
        which = (m.group(1) or m.group(2) or "").lower()
        ys = YEAR_RE.search(t)
        y = int(ys.group(1)) if ys else context_year or py
        if not y:
            return None
        return f"{y}-01/{y}-06" if which in ("first", "1st", "1") else f"{y}-07/{y}-12"
    if "quarter" in low or re.search(r"\bq[1-4]\b", low):
        m = _QUARTER.search(t)
        if m:
            q = {"first": 1, "1st": 1, "q1": 1, "second": 2, "2nd": 2, "q2": 2, "third": 3, "3rd": 3,
                 "q3": 3, "fourth": 4, "4th": 4, "q4": 4}[m.group(1).lower()]
            ys = YEAR_RE.search(t)
            y = int(ys.group(1)) if ys else context_year or py
            if not y:
                return None
            return f"{y}-{3 * q - 2:02d}/{y}-{3 * q:02d}"
    m = _MONTH_RANGE.search(t)
    if m:
        a, b = MONTHS[m.group(1).lower().rstrip(".")], MONTHS[m.group(2).lower().rstrip(".")]
        y = int(m.group(3)) if m.group(3) else None
        y = y or context_year or _month_year(b, None, published)
        if y and b >= a:
            return f"{y}-{a:02d}/{y}-{b:02d}"
        return None
    m = _MONTH_ONE.search(t)
    if ((m and m.start() == 0) or (m and not YEAR_RE.fullmatch(t))) and m:
        mon = MONTHS[m.group(1).lower().rstrip(".")]
        y = int(m.group(2)) if m.group(2) else (context_year or _month_year(mon, None, published))
        return f"{y}-{mon:02d}" if y else None
    m = YEAR_RE.search(t)
    if m:
        return m.group(1)
    m = _REL_YEAR.search(t)
    if m and py:
        w = m.group(1).lower()
        if w in ("last", "past", "previous"):
            return str(py - 1)
        if w in ("this", "current"):
            return str(py)
        if w == "next":
            return str(py + 1)
    m = _AGO.search(t)
    if m and py:
        n = _num(m.group(1))
        if n:
            return str(py - n)
    return None


def stock_period(period: str | None) -> str | None:
    """End-of-period form for a stock: "2020" → "2020-12", "2023-01/2023-04" → "2023-04"."""
    if not period:
        return None
    if re.fullmatch(r"\d{4}", period):
        return f"{period}-12"
    if "/" in period:
        end = period.split("/")[1]
        return end if "-" in end else f"{end}-12"
    return period


_DAY_RANGE = re.compile(
    rf"({_MONTH})\s+(\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:\s*(?:-|–|—|and|to|&)\s*(?:({_MONTH})\s+)?(\d{{1,2}})(?!\d)(?:st|nd|rd|th)?)?(?:,?\s*({_YEAR}))?",
    re.I,
)
_DAY_FIRST = re.compile(
    rf"(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|—|and|to|&)\s*(\d{{1,2}})(?:st|nd|rd|th)?)?\s+(?:of\s+)?({_MONTH})(?:,?\s*({_YEAR}))?",
    re.I,
)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEKDAY = re.compile(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s*(?:-|–|and|to|&)\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday))?", re.I)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve_dates(text: str, published: str | None = None, context_year: int | None = None) -> tuple[str | None, str | None]:
    """A DATE text → (start, end) ISO dates; a single day gives end == start... or None when
    the text is not a day. Years: stated, else ``context_year``, else the publication year."""
    t = " ".join(text.split())
    py = _pub_year(published)
    m = _ISO.search(t)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return (d.isoformat(), d.isoformat()) if d else (None, None)
    m = _DAY_RANGE.search(t)
    groups = None
    if m:
        groups = (m.group(1), m.group(2), m.group(3) or m.group(1), m.group(4), m.group(5))
    else:
        m2 = _DAY_FIRST.search(t)
        if m2:
            groups = (m2.group(3), m2.group(1), m2.group(3), m2.group(2), m2.group(4))
    if groups:
        mon1 = MONTHS[groups[0].lower().rstrip(".")]
        mon2 = MONTHS[groups[2].lower().rstrip(".")]
        y = int(groups[4]) if groups[4] else (context_year or py)
        if not y:
            return None, None
        d1 = _safe_date(y, mon1, int(groups[1]))
        d2 = _safe_date(y, mon2, int(groups[3])) if groups[3] else d1
        if d1 and d2 and d2 >= d1:
            return d1.isoformat(), d2.isoformat()
        return (d1.isoformat(), None) if d1 else (None, None)
    m = _WEEKDAY.search(t)
    if m and published:
        try:
            pub = date.fromisoformat(published[:10])
        except ValueError:
            return None, None
        wd1 = WEEKDAYS[m.group(1).lower()]
        # The nearest day with that weekday, within three days of publication.
        delta = (wd1 - pub.weekday() + 3) % 7 - 3
        d1 = pub + timedelta(days=delta)
        d2 = d1
        if m.group(2):
            wd2 = WEEKDAYS[m.group(2).lower()]
            d2 = d1 + timedelta(days=(wd2 - wd1) % 7)
        return d1.isoformat(), d2.isoformat()
    return None, None


def years_in(text: str) -> list[int]:
    return [int(m.group(1)) for m in YEAR_RE.finditer(text)]
