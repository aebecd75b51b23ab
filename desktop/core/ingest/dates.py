"""Publication date from the stamps and datelines of a news text.

Only *stamps* count: a dateline ("BEIJING, May 19, 2023 /PRNewswire/ --"), a labelled stamp
("Published: 19 May 2023", "Updated: 2023-05-18"), a date with a time ("2023-05-18 10:42:14"),
a date in parentheses or brackets ("(2023-05-25)"), a date standing alone on a short line or in
a "Source: … | date | Author: …" / "By … | date" line. A date inside an article sentence
("the summit was held on May 19, 2023") is an event date and is never taken.

Only the head of the text is searched (and, for labelled stamps, the tail), so the cost does not
grow with the length of the document.
"""

from __future__ import annotations

import re
from datetime import date

HEAD_CHARS = 3000
TAIL_CHARS = 2000
_MAX_STAMP_LINE = 220

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MON = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Each pattern names its groups year/mon(th)/day; the leading and trailing guards keep a date
# from being cut out of a longer number.
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2023-05-18, 2023/05/18, 2023.05.18, 2023-05-18T10:42
    re.compile(r"(?<![\d.])" + _YEAR + r"(?P<sep>[-/.])(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)(?![\d])"),
    # 2023年5月18日
    re.compile(_YEAR + r"\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日"),
    # May 19, 2023 / Nov 2,2016 / May 19 2023
    re.compile(r"\b" + _MON + r"\s+" + _DAY + r"\s*,?\s*" + _YEAR + r"\b"),
    # 19 May 2023 / 19 May, 2023
    re.compile(r"(?<![\d])" + _DAY + r"\s+" + _MON + r",?\s+" + _YEAR + r"\b"),
    # 18.05.2023 (day first, the habit of Russian-language outlets); 18/05/2023 is ambiguous: skipped
    re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d])"),
)
# A month and a day without a year, as in an agency dateline: "ASTANA, May 18 (Xinhua) --".
_MONTH_DAY = re.compile(r"\b" + _MON + r"\s+" + _DAY + r"\b")

_TIME_AFTER = re.compile(r"^\s*(?:,|\||at|-|T)?\s*\d{1,2}:\d\d")
_LABEL_BEFORE = re.compile(
    r"(?i)(?:published|publication\s+date|updated|last\s+updated|posted|released|issued|date|time|"
    r"опубликовано|обновлено|дата(?:\s+публикации)?|发布时间|发布日期|更新时间|时间|日期)\s*(?:on|at)?\s*[:：]?\s*$"
)
_PUBLISHED_LABEL = re.compile(
    r"(?i)(?:published|publication|posted|released|issued|опубликовано|публикации|发布)\W*(?:on|at)?\W*$"
)
_DATELINE_BEFORE = re.compile(r"^\s*[A-ZА-Я][A-ZА-Я .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?,\s*$")
_AGENCY_AFTER = re.compile(r"^\s*(?:/[^/\n]{2,40}/|\((?:[A-Z][\w .-]{1,30})\)|\s*[-–—]{1,2}\s)")
_BYLINE_START = re.compile(r"(?i)^\s*(?:by|source|author|posted\s+by|written\s+by)\b")
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|urday|sday)?\.?,?\s*)?"


def _valid(year: int, month: int, day: int) -> str | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    month = _MONTHS[g["mon"].lower().rstrip(".")] if g.get("mon") else int(g["month"])
    return _valid(int(g["year"]), month, int(g["day"]))


def parse_date(value: str) -> str | None:
    """The first full date written in ``value`` (ISO, "May 19, 2023", "19 May 2023", "18.05.2023"…)."""
    best: tuple[int, str] | None = None
    for pat in _DATE_PATTERNS:
        for m in pat.finditer(value):
            iso = _from_match(m)
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
            break
    return best[1] if best else None


def _is_stamp(line: str, start: int, end: int) -> bool:
    """Whether the date at ``line[start:end]`` is a stamp rather than a date in a sentence."""
    before, after = line[:start], line[end:]
    if _TIME_AFTER.match(after):
        return True
    if _LABEL_BEFORE.search(before):
        return True
    if before.rstrip().endswith(("(", "[")) and after.lstrip().startswith((")", "]")):
        return True
    if _DATELINE_BEFORE.match(before):
        return True  # "BEIJING, May 19, 2023 …": a capitalised place opening the line, then the date
    if len(line) <= _MAX_STAMP_LINE:
        # alone on its line (perhaps after a weekday), or a field of a "a | b | c" stamp line
        if re.fullmatch(r"\s*" + _WEEKDAY, before) and re.fullmatch(r"[\s.,;|·•]*", after):
            return True
        if "|" in line or "·" in line or "•" in line:
            fields = re.split(r"[|·•]", line)
            pos = 0
            for f in fields:
                if pos <= start and end <= pos + len(f):
                    return len(f.strip()) <= (end - start) + 25
                pos += len(f) + 1
        if _BYLINE_START.match(line) and len(line) <= 120:
            return True
    return False


def _year_stamp(lines: list[str]) -> int | None:
    """A year given alone in a labelled stamp line ("Published: 2023")."""
    for line in lines:
        m = re.search(
            r"(?i)(?:published|updated|posted|date|year)\s*[:：]\s*((?:19|20)\d\d)\b(?![-./\d])", line
        )
        if m:
            return int(m.group(1))
    return None


def _stamps(lines: list[str]) -> list[str]:
    """Stamp dates in order; one labelled "published" (rather than "updated") comes first."""
    found: list[tuple[int, int, str]] = []
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        hits: list[tuple[int, str]] = []
        for pat in _DATE_PATTERNS:
            for m in pat.finditer(line):
                iso = _from_match(m)
                if iso and _is_stamp(line, m.start(), m.end()):
                    hits.append((m.start(), iso))
        if hits:
            start, iso = min(hits)
            rank = 0 if _PUBLISHED_LABEL.search(line[:start]) else 1
            found.append((rank, n, iso))
    return [iso for _rank, _n, iso in sorted(found)]


def detect_published(text: str) -> str | None:
    """The publication date (``YYYY-MM-DD``) stated by a stamp or dateline of ``text``, else ``None``."""
    head = text[:HEAD_CHARS].splitlines()
    if len(text) > HEAD_CHARS and head:
        head = head[:-1]  # the last line may be cut in the middle
    stamps = _stamps(head)
    if stamps:
        return stamps[0]
    tail_text = text[-TAIL_CHARS:] if len(text) > HEAD_CHARS else ""
    tail = tail_text.splitlines()[1:]
    labelled = [
        ln for ln in tail if _LABEL_BEFORE.search(ln.split(":")[0] + ":") and len(ln) <= _MAX_STAMP_LINE
    ]
    stamps = _stamps(labelled)
    if stamps:
        return stamps[0]
    # A dateline without a year ("ASTANA, May 18 (Xinhua) --") with the year from a stamp line.
    year = _year_stamp(head)
    if year is not None:
        for line in head:
            m = _MONTH_DAY.search(line)
            if m and _DATELINE_BEFORE.match(line[: m.start()]) and _AGENCY_AFTER.match(line[m.end() :]):
                return _valid(year, _MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("day")))
    return None
