"""Named events (EVENT entities): name, start/end dates, location (city) and its country.

An event becomes a fact at its first mention that shows it taking place (held, hosted, attend,
during, at …, or a date/location in the sentence); a name mentioned only in passing ("the
mechanism including the X Meeting") is no fact. Each event once per document.
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
_ORDINAL_WORD = re.compile(
    r"^(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|inaugural|upcoming|recent|latest)\s+",
)
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


def event_name(raw: str) -> str:
    name = " ".join(raw.split())
    name = _ORDINAL_WORD.sub("", name)
    return name


def _key(name: str) -> str:
    k = re.sub(r"^(?:\d+(?:st|nd|rd|th)\s+)", "", name.lower())
    return re.sub(r"[^a-z0-9]+", " ", k).strip()


def event_facts(ctx: DocContext, sentences: list[Sentence]) -> list[tuple[str, dict, int, int, float]]:
    seen: dict[str, int] = {}
    out = []
    text = ctx.text
    for sent in sentences:
        evs = [e for e in sent.entities if e.label == "EVENT"]
        if not evs:
            continue
        stext = text[sent.start:sent.end]
        dates = [e for e in sent.entities if e.label == "DATE"]
        locs = [e for e in sent.entities if e.label == "LOCATION"]
        for k, ev in enumerate(evs):
            if k and text[evs[k - 1].end:ev.start].strip() == "(":
                continue  # "China Import and Export Fair (Canton Fair)": an alias.
            name = event_name(ev.text)
            key = _key(name)
            if not key or any(key == k or k.endswith(" " + key) or key.endswith(" " + k) for k in seen):
                continue
            if not (_OCCURS.search(stext) or dates or locs):
                continue
            seen[key] = len(out)
            start = end = None
            for d in dates:
                s, e = resolve_dates(d.text, ctx.published)
                if s:
                    start, end = s, e
                    break
            location = country = None
            for loc in locs:
                code, kind = location_country(loc.text)
                if kind in ("region",) or (code in _BROAD_REGIONS and kind != "city"):
                    continue
                if kind == "province" and any(location_country(x.text)[1] == "city" for x in locs):
                    continue
                location, country = norm_apostrophe(loc.text), code
                break
            fields = {"name": name, "start": start, "end": end, "location": location, "country": country}
            conf = 0.8 if (start or location) else 0.6
            out.append(("event", fields, sent.start, sent.end, conf))
    return out
