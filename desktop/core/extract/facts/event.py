"""Named events (EVENT entities): name, start/end dates, location (city) and its country.

An event becomes a fact at its first mention that shows it taking place (held, hosted, attend,
during, at …, or a date/location in the sentence); a name mentioned only in passing ("the
mechanism including the X Meeting") is no fact. Each event once per document; fields the first
mention leaves empty are filled from its later mentions, and from the sentences right after a
mention that refer back to it with its head noun ("the summit, held on May 18 and 19").

Conventions (guidelines, "Decisions taken while annotating the seeds"):

- An edition ordinal stays in the name ("first China-Central Asia Summit", "8th … Forum"): the
  first and the second summit are two events. When the entity span leaves out an ordinal word
  just before it ("the third [Belt and Road Forum]"), the name takes it back; a capitalised
  ordinal ("Second …" in a headline) is written in lower case. (Seed 001's gold writes the bare
  name for "The first China-Central Asia Summit"; the scorer tolerates a one-sided ordinal.)
- start/end: a day or day range; a year missing from the date comes from a year in the same
  sentence, else from ``published`` (the month after the publication month → the year before);
  a weekday resolves against ``published``; a month or year alone gives no start.
- "opened on Thursday and will run until Friday": the end is the day after "until/through".
- location: the named city after the mention ("… Summit in Astana"), never an all-caps
  dateline; with no city, ``country`` still comes from "in <Country>" after the mention or from
  the host ("Kazakhstan is due to host the …"); with none at all, a city in the event's own name
  ("3rd Tashkent International Investment Forum" → Tashkent, UZB).
"""

from __future__ import annotations

import csv
import re
from functools import cache

from desktop.core.extract.facts.context import DocContext, Sentence
from desktop.core.extract.facts.parties import country_in
from desktop.core.extract.facts.periods import resolve_dates
from desktop.core.paths import data_path

_OCCURS = re.compile(
    r"\b(?:held|hold(?:s|ing)?|host(?:s|ed|ing)?|co-host\w*|take\s+place|took\s+place|taking\s+place|takes\s+place|"
    r"attend\w*|during|opened|opens|open(?:ing)?\s+ceremony|conclud\w*|closed|kick(?:ed)?\s+off|launched|"
    r"convened?|scheduled|set\s+to|will\s+be\s+held|on\s+the\s+sidelines|participat\w*|at\s+the|gather\w*|"
    r"organi[sz]ed|was\s+staged|staged|addressed|speech\s+at|remarks\s+at)\b",
    re.I,
)
_ORDINALS = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|inaugural|\d+(?:st|nd|rd|th)"
_ORDINAL_WORD = re.compile(rf"^(?:{_ORDINALS})\s+", re.I)
_NOT_NAME = re.compile(r"^(?:the\s+)?(?:upcoming|recent|latest|forthcoming|next|last|previous|annual|this\s+year's)\s+", re.I)
_ORDINAL_BEFORE = re.compile(rf"\b(?P<o>{_ORDINALS})\s+$", re.I)
_IN_BEFORE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")
_HOST = re.compile(r"\s+(?:is\s+|was\s+|will\s+)?(?:(?:due|set|scheduled|expected|to)\s+)*(?:to\s+)?(?:host|hosts|hosted|hosting)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_BROAD_REGIONS = {"CA5", ""}

# Used only when data/gazetteers/locations.csv is absent.
_FALLBACK_LOCATIONS = {
    "Xi'an": "CHN", "Beijing": "CHN", "Shanghai": "CHN", "Lanzhou": "CHN", "Urumqi": "CHN",
    "Kashgar": "CHN", "Khorgos": "CHN", "Horgos": "CHN", "Chongqing": "CHN", "Chengdu": "CHN",
    "Astana": "KAZ", "Almaty": "KAZ", "Shymkent": "KAZ", "Aktau": "KAZ", "Tashkent": "UZB",
    "Samarkand": "UZB", "Bukhara": "UZB", "Bishkek": "KGZ", "Osh": "KGZ", "Cholpon-Ata": "KGZ",
    "Dushanbe": "TJK", "Khujand": "TJK", "Ashgabat": "TKM", "Moscow": "RUS",
}


def norm_apostrophe(s: str) -> str:
    return s.replace("’", "'").replace("‘", "'").replace("`", "'").replace("´", "'")


@cache
def locations() -> dict[str, tuple[str, str]]:
    """Location name/alias (apostrophes normalised) → (country code or "", kind)."""
    out: dict[str, tuple[str, str]] = {}
    path = data_path("gazetteers", "locations.csv")
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                names = [row.get("name") or "", *(row.get("aliases") or "").split("|")]
                for n in names:
                    n = norm_apostrophe(n.strip())
                    if n:
                        out.setdefault(n, ((row.get("country") or "").strip(), (row.get("kind") or "").strip()))
    except (OSError, KeyError, csv.Error):
        pass
    if not out:
        out = {k: (v, "city") for k, v in _FALLBACK_LOCATIONS.items()}
    return out


def location_country(name: str) -> tuple[str | None, str]:
    hit = locations().get(norm_apostrophe(name))
    if hit:
        return (hit[0] or None), hit[1]
    return country_in(name), ""


def event_name(raw: str, before: str = "") -> str:
    """The event name of an EVENT span; ``before``: the text just before the span."""
    name = " ".join(raw.split())
    name = _NOT_NAME.sub("", name)
    m = _ORDINAL_BEFORE.search(before[-20:]) if not _ORDINAL_WORD.match(name) else None
    if m:
        name = f"{m.group('o')} {name}"
    o = _ORDINAL_WORD.match(name)
    if o:
        name = o.group().lower() + name[o.end():]
    return name


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def _bare(key: str) -> str:
    o = _ORDINAL_WORD.match(key)
    return key[o.end():] if o else key


def _head(name: str) -> str:
    words = re.findall(r"[A-Za-z]+", name)
    return words[-1].lower() if words else ""


_DAY_SPAN = re.compile(r"\d{1,2}\s*(?:-|–|—|and|to|&)\s*(?:[A-Z][a-z]+\s+)?\d{1,2}(?!\d)")
_DAY_NUM = re.compile(r"[A-Za-z]\.?\s+\d{1,2}(?!\d)|\b\d{1,2}\s+[A-Z][a-z]+")
_DATELINE_AFTER = re.compile(r"\s*(?:\(|--|—|–|/|\.\s*/)")


def _rank(ctx: DocContext, d) -> int:
    """Day ranges ("June 26-30") first, then days, then the rest (weekdays): an event's own
    dates are stated days; "on Wednesday" is often the day of the report. A dateline's day
    ("URUMQI, June 27 (Xinhua) --") ranks last."""
    if _DATELINE_AFTER.match(ctx.text, d.end):
        return 3
    if _DAY_SPAN.search(d.text):
        return 0
    return 1 if _DAY_NUM.search(d.text) else 2


def _dates(ctx: DocContext, sent: Sentence, dates: list) -> tuple[str | None, str | None]:
    years = [int(y) for y in _YEAR.findall(ctx.text[sent.start:sent.end])]
    for d in sorted(dates, key=lambda d: _rank(ctx, d)):
        if _YEAR.search(d.text):
            cy = None
        elif years:
            cy = years[0]
        else:
            cy = None
        s, e = resolve_dates(d.text, ctx.published, cy)
        if s and cy is None and not _YEAR.search(d.text) and ctx.published and s > ctx.published[:10] and not re.search(
            r"\b(?:will|to\s+be|is\s+to|scheduled|set\s+to|due|upcoming|next)\b", ctx.text[sent.start:sent.end]
        ) and not re.search(r"day\b", d.text, re.I):
            # A past event ("attended … on May 18 and 19") dated after publication: the year before.
            y = int(s[:4]) - 1
            s, e = f"{y}{s[4:]}", (f"{y}{e[4:]}" if e else e)
        if s:
            if e in (None, s):
                # "opened on Thursday and will run until Friday": the end from the other day.
                for d2 in dates:
                    if d2 is d or not _UNTIL.search(ctx.text, max(sent.start, d2.start - 12), d2.start):
                        continue
                    s2, _e2 = resolve_dates(d2.text, ctx.published, cy)
                    if s2 and s2 > s and s2[:4] == s[:4]:
                        e = s2
                        break
            return s, e
    return None, None


_UNTIL = re.compile(r"\b(?:until|till|through|to)\s+$")


def _place(ctx: DocContext, sent: Sentence, ev_end: int) -> tuple[str | None, str | None]:
    """(location, country) of an event mention ending at ``ev_end``."""
    text = ctx.text
    locs = [e for e in sent.entities if e.label == "LOCATION" and not (e.text.isupper() and len(e.text) > 3)]
    after = [e for e in locs if e.start >= ev_end]
    before = [e for e in locs if e.end <= ev_end]
    for loc in [*after, *reversed(before)]:
        code, kind = location_country(loc.text)
        if kind in ("region",) or (code in _BROAD_REGIONS and kind != "city"):
            continue
        if kind == "province" and any(location_country(x.text)[1] == "city" for x in locs):
            continue
        return norm_apostrophe(loc.text), code
    for e in sent.entities:
        if e.label == "COUNTRY" and e.start >= ev_end and _IN_BEFORE.search(text, max(sent.start, e.start - 8), e.start):
            code = country_in(e.text)
            if code:
                return None, code
        if e.label == "COUNTRY" and e.end <= ev_end and _HOST.match(text, e.end, ev_end):
            code = country_in(e.text)
            if code:
                return None, code
    return None, None


def event_facts(ctx: DocContext, sentences: list[Sentence]) -> list[tuple[str, dict, int, int, float]]:
    seen: dict[str, int] = {}
    out: list[tuple[str, dict, int, int, float]] = []
    text = ctx.text
    last_key: str | None = None
    for sent in sentences:
        evs = [e for e in sent.entities if e.label == "EVENT"]
        dates = [e for e in sent.entities if e.label == "DATE"]
        if not evs:
            # "… chaired the summit, held on May 18 and 19": the last event, referred back to.
            if last_key is not None and dates:
                i = seen[last_key]
                f = out[i][1]
                head = _head(f["name"])
                if head and re.search(rf"\bthe\s+{head}\b", text[sent.start:sent.end]):
                    _fill(f, *_dates(ctx, sent, dates), None, None)
            continue
        stext = text[sent.start:sent.end]
        last_key = None
        for k, ev in enumerate(evs):
            if k and text[evs[k - 1].end:ev.start].strip() == "(":
                continue  # "China Import and Export Fair (Canton Fair)": an alias.
            name = event_name(ev.text, text[max(sent.start, ev.start - 20):ev.start])
            key = _key(name)
            if not key:
                continue
            same = next((x for x in seen if x == key or (_bare(x) == key and key == _bare(key))
                         or (_bare(key) == x and x == _bare(x))), None)
            start, end = _dates(ctx, sent, dates)
            location, country = _place(ctx, sent, ev.end)
            if same is not None:
                i = seen[same]
                f = out[i][1]
                if same != key and _ORDINAL_WORD.match(key) and not _ORDINAL_WORD.match(same):
                    # "Second … Summit" (headline, taken bare) and then "the second … Summit".
                    del seen[same]
                    seen[key] = i
                    f["name"] = name
                _fill(f, start, end, location, country)
                last_key = key if key in seen else same
                continue
            if any(_bare(x) == key for x in seen):
                continue  # a bare name after two editions were named: which one is unknown
            if not (_OCCURS.search(stext) or dates or any(e.label == "LOCATION" for e in sent.entities)):
                continue
            seen[key] = len(out)
            last_key = key
            fields = {"name": name, "start": start, "end": end, "location": location, "country": country}
            conf = 0.8 if (start or location) else 0.6
            out.append(("event", fields, sent.start, sent.end, conf))
    for _t, f, *_rest in out:
        if f["location"] is None:
            # "3rd Tashkent International Investment Forum": the city in the name hosts it.
            for m in re.finditer(r"\b[A-Z][a-z'’-]+", f["name"]):
                code, kind = location_country(m.group())
                if kind == "city" and code:
                    f["location"], f["country"] = m.group(), f["country"] or code
                    break
    return out


def _fill(f: dict, start: str | None, end: str | None, location: str | None, country: str | None) -> None:
    """Fill an event's empty fields from another mention; a day range that contains the single
    day known so far replaces it ("wrapped up … on Friday", then "held on May 18 and 19")."""
    if start and (f["start"] is None or (f["start"] == f["end"] and end and end != start and start <= f["start"] <= end)):
        f["start"], f["end"] = start, end
    if location and f["location"] is None:
        f["location"], f["country"] = location, country
    elif country and f["country"] is None:
        f["country"] = country
