"""Country names, aliases, demonyms and group phrases → party codes (ISO alpha-3, CA5, WORLD).

Built from :func:`desktop.core.countries.countries` (``data/gazetteers/countries.csv``), so it
follows the gazetteer; group phrases ("the five countries", "Central Asian countries", "the
region" when the document is about Central Asia) are handled here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from desktop.core.countries import CENTRAL_ASIA, countries

APOS = "'’`´"


@dataclass(frozen=True)
class PartyMention:
    start: int
    end: int
    code: str
    kind: str  # "name" | "demonym" | "group" | "pair"


# Group phrases → code. "pair" means "the two countries / bilateral": resolved by the caller.
_GROUPS_WORDS = r"(?:countries|nations|states|republics|economies|partners)"
_GROUP_PATTERNS: tuple[tuple[str, str], ...] = (
    (rf"(?:[Ff]ive|5)\s+Central\s+Asian\s+{_GROUPS_WORDS}", "CA5"),
    (rf"Central\s+Asian\s+(?:{_GROUPS_WORDS[3:-1]}|region)", "CA5"),
    (r"(?:[Ff]ive|5)\s+(?:countries|nations|states|republics)\s+of\s+(?:the\s+)?(?:Central\s+Asia|region)", "CA5"),
    (r"(?:[Ff]ive|5)\s+(?:countries|nations|states|republics)", "CA5?"),
    (r"(?:countries|nations|states)\s+of\s+(?:the\s+)?region", "CA5?"),
    (r"region(?:'s|’s)?", "CA5?"),
    (r"Central\s+Asia(?:'s|’s)?", "CA5"),
    (r"world(?:'s|’s)?|[Gg]lobal(?:ly)?", "WORLD?"),
    (r"(?:[Tt]wo\s+(?:countries|nations|states|sides)|[Bb]oth\s+(?:countries|nations|sides)|[Bb]ilateral)", "pair"),
)


@cache
def _name_table() -> tuple[dict[str, list[tuple[str, str, str]]], dict[str, tuple[str, str]]]:
    """(index by first word → [(name, code, kind)] longest first, name → (code, kind))."""
    table: dict[str, tuple[str, str]] = {}
    for code, c in countries().items():
        for name in (c.name, *c.aliases):
            table.setdefault(name, (code, "name"))
        for dem in c.demonyms:
            table.setdefault(dem, (code, "demonym"))
    index: dict[str, list[tuple[str, str, str]]] = {}
    for name in sorted(table, key=len, reverse=True):
        if name[:1].isupper():
            index.setdefault(_first_word(name), []).append((name, *table[name]))
    return index, table


def _first_word(s: str) -> str:
    m = _TOKEN.match(s)
    return m.group() if m else s


# A capitalised token; names are looked up by their first token.
_TOKEN = re.compile(r"[A-Z\u00C0-\u00DE][\w.]*?(?=[^\w.]|\.(?:[^\w]|$)|$)|[A-Z\u00C0-\u00DE][\w.]*")
_TOKENS = re.compile(r"(?<![\w.])[A-Z\u00C0-\u00DE][\w]*(?:\.[A-Z\w][\w]*)*\.?")
_POSS = ("'s", "’s")


def _scan_names(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, code, kind) of every country name/alias/demonym in text[start:end]."""
    end = len(text) if end is None else end
    index, _table = _name_table()
    out = []
    last = -1
    for m in _TOKENS.finditer(text, start, end):
        i = m.start()
        if i < last:
            continue
        tok = m.group()
        cands = index.get(tok) or (index.get(tok[:-1]) if tok.endswith(".") else None)
        if not cands:
            continue
        for name, code, kind in cands:
            j = i + len(name)
            if j > end or not text.startswith(name, i):
                continue
            j2 = j + 2 if text[j:j + 2] in _POSS else j
            nxt = text[j2:j2 + 1]
            if nxt and (nxt.isalnum() or nxt == "_"):
                continue
            if text[j2:j2 + 2].lstrip().startswith("$"):
                continue  # "US$": a currency, not the country
            out.append((i, j2, code, kind))
            last = j2
            break
    return out


_GROUP_RE = re.compile(
    r"\b(?=[FfCc5cnsrwGgTtBb])(?:" + "|".join(f"(?P<g{i}>{p})" for i, (p, _c) in enumerate(_GROUP_PATTERNS)) + r")(?!\w)"
)


_CA_CUE = re.compile(r"Central\s+Asia|Kazakhstan|Kyrgyzstan|Tajikistan|Turkmenistan|Uzbekistan|five\s+countries")
_SUBNATIONAL = re.compile(r"Autonomous\s+Region|Province|province|Xinjiang|Gansu|Shaanxi|oblast|Oblast|[a-z]\s+region\b|Region\b")


def _region_is_central_asia(text: str, pos: int) -> bool:
    """"the region" means Central Asia unless a sub-national region was named more recently."""
    window = text[max(0, pos - 600):pos]
    ca = [m.end() for m in _CA_CUE.finditer(window)]
    sub = [m.end() for m in _SUBNATIONAL.finditer(window)]
    if not ca:
        return False
    return not sub or ca[-1] > sub[-1]


def _strip_possessive(s: str) -> str:
    if len(s) > 2 and s[-2] in APOS and s[-1] == "s":
        return s[:-2]
    return s


def lookup(name: str) -> str | None:
    """The party code of a country name, alias or demonym (exact, possessive allowed), else None."""
    _index, table = _name_table()
    s = _strip_possessive(_SPACES.sub(" ", name.strip()))
    hit = table.get(s)
    if hit:
        return hit[0]
    low = _lower_table(table).get(s.lower())
    if low is not None:
        return low
    if _CA_NAME.fullmatch(s):
        return "CA5"
    return None


_SPACES = re.compile(r"\s+")
_CA_NAME = re.compile(r"(?:the\s+)?(?:five\s+)?Central\s+Asi(?:a|an\s+countries)", re.I)
_LOWER: dict[int, dict[str, str]] = {}


def _lower_table(table: dict) -> dict[str, str]:
    """The name table keyed in lower case (names longer than three letters; the first entry wins,
    as the former linear scan did), built once per table."""
    got = _LOWER.get(id(table))
    if got is None:
        got = {}
        for k, v in table.items():
            if len(k) > 3:
                got.setdefault(k.lower(), v[0])
        _LOWER.clear()
        _LOWER[id(table)] = got
    return got


def find_parties(text: str, start: int = 0, end: int | None = None, *, central_asia_context: bool = True,
                 pair: tuple[str, str] | None = None) -> list[PartyMention]:
    """Party mentions in ``text[start:end]`` in text order (offsets into ``text``).

    ``central_asia_context``: the document is about Central Asia, so "the five countries" and
    "the region" mean CA5. ``pair``: the two countries "bilateral" refers to, if known.
    """
    end = len(text) if end is None else end
    seg = text[start:end]
    out: list[PartyMention] = []
    taken: list[tuple[int, int]] = []
    for m in _GROUP_RE.finditer(seg):
        key = m.lastgroup
        code = _GROUP_PATTERNS[int(key[1:])][1] if key else ""
        a, b = m.start() + start, m.end() + start
        if code == "CA5?":
            if not central_asia_context or (m.group().lower().startswith("region") and not _region_is_central_asia(text, a)):
                continue
            code = "CA5"
        elif code == "WORLD?":
            code = "WORLD"
        if code == "pair":
            if not pair:
                continue
            out.append(PartyMention(a, b, pair[0], "pair"))
            out.append(PartyMention(a, b, pair[1], "pair"))
        else:
            out.append(PartyMention(a, b, code, "group"))
        taken.append((a, b))
    for a, b, code, kind in _doc_names(text, start, end):
        if any(x < b and a < y for x, y in taken):
            continue
        out.append(PartyMention(a, b, code, kind))
    out.sort(key=lambda p: (p.start, p.code))
    return out


_LAST_DOC: list = [None, []]


def _doc_names(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, str]]:
    """:func:`_scan_names` of text[start:end], read from one scan of the whole text kept for the
    last document (its sentences are scanned many times; a name never spans two sentences)."""
    if _LAST_DOC[0] is not text:
        _LAST_DOC[0], _LAST_DOC[1] = text, _scan_names(text)
    names = _LAST_DOC[1]
    end = len(text) if end is None else end
    if start == 0 and end == len(text):
        return names
    i = bisect_left(names, (start,))
    out = []
    for n in names[i:]:
        if n[0] >= end:
            break
        if n[1] <= end:
            out.append(n)
    return out


def document_pair(text: str) -> tuple[str, str] | None:
    """The two most mentioned countries of a document (China first when present), for "bilateral"."""
    counts: dict[str, int] = {}
    for _a, _b, code, kind in _doc_names(text):
        if kind == "name":
            counts[code] = counts.get(code, 0) + 1
    if len(counts) < 2:
        return None
    top = sorted(counts, key=lambda c: -counts[c])[:2]
    if "CHN" in top and top[0] != "CHN":
        top.reverse()
    return top[0], top[1]


def mentions_central_asia(text: str) -> bool:
    return bool(re.search(r"Central\s+Asia", text)) or sum(
        1 for c in CENTRAL_ASIA if countries().get(c) and countries()[c].name in text
    ) >= 2


def country_in(text: str) -> str | None:
    """The first country named (or demonym used) in a short text such as an organisation name."""
    for _a, _b, code, _kind in _scan_names(text):
        return code
    return None
