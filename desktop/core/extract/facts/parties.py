"""Country names, aliases, demonyms and group phrases → party codes (ISO alpha-3, CA5, WORLD).

Built from :func:`desktop.core.countries.countries` (``data/gazetteers/countries.csv``), so it
follows the gazetteer; group phrases ("the five countries", "Central Asian countries", "the
region" when the document is about Central Asia) are handled here.
"""

from __future__ import annotations

import re
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
_GROUP_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"(?:the\s+)?(?:five|5)\s+Central\s+Asian\s+(?:countries|nations|states|republics|economies|partners)", "CA5"),
    (r"(?:the\s+)?Central\s+Asian\s+(?:countries|nations|states|republics|region|economies|partners)", "CA5"),
    (r"(?:the\s+)?(?:five|5)\s+(?:countries|nations|states|republics)\s+of\s+(?:the\s+)?(?:Central\s+Asia|region)", "CA5"),
    (r"(?:the\s+)?(?:five|5)\s+(?:countries|nations|states|republics)", "CA5?"),
    (r"(?:the\s+)?(?:countries|nations|states)\s+of\s+(?:the\s+)?region", "CA5?"),
    (r"(?:the\s+)?region(?:'s|’s)?", "CA5?"),
    (r"Central\s+Asia(?:'s|’s)?", "CA5"),
    (r"(?:the\s+)?(?:rest\s+of\s+the\s+)?world(?:'s|’s)?|global(?:ly)?", "WORLD?"),
    (r"(?:the\s+)?two\s+(?:countries|nations|states|sides)|both\s+(?:countries|nations|sides)|bilateral", "pair"),
)


@cache
def _name_table() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    table: dict[str, tuple[str, str]] = {}
    for code, c in countries().items():
        for name in (c.name, *c.aliases):
            table.setdefault(name, (code, "name"))
        for dem in c.demonyms:
            table.setdefault(dem, (code, "demonym"))
    names = sorted(table, key=len, reverse=True)
    alts = []
    for n in names:
        esc = re.escape(n).replace(r"\ ", r"\s+")
        # Possessive forms: "China's", "Kazakhstan’s".
        alts.append(esc)
    pat = re.compile(r"(?<![\w.])(?:" + "|".join(alts) + r")(?:['’]s)?(?!\w)(?!\s?\$)")
    return pat, table


_GROUP_RE = re.compile(
    "|".join(f"(?P<g{i}>(?<!\\w){p}(?!\\w))" for i, (p, _c) in enumerate(_GROUP_PATTERNS)), re.I
)


def _strip_possessive(s: str) -> str:
    if len(s) > 2 and s[-2] in APOS and s[-1] == "s":
        return s[:-2]
    return s


def lookup(name: str) -> str | None:
    """The party code of a country name, alias or demonym (exact, possessive allowed), else None."""
    _pat, table = _name_table()
    s = _strip_possessive(re.sub(r"\s+", " ", name.strip()))
    hit = table.get(s)
    if hit:
        return hit[0]
    low = s.lower()
    for k, v in table.items():
        if k.lower() == low and len(k) > 3:
            return v[0]
    if re.fullmatch(r"(?:the\s+)?(?:five\s+)?Central\s+Asi(?:a|an\s+countries)", s, re.I):
        return "CA5"
    return None


def find_parties(text: str, start: int = 0, end: int | None = None, *, central_asia_context: bool = True,
                 pair: tuple[str, str] | None = None) -> list[PartyMention]:
    """Party mentions in ``text[start:end]`` in text order (offsets into ``text``).

    ``central_asia_context``: the document is about Central Asia, so "the five countries" and
    "the region" mean CA5. ``pair``: the two countries "bilateral" refers to, if known.
    """
    end = len(text) if end is None else end
    seg = text[start:end]
    pat, table = _name_table()
    out: list[PartyMention] = []
    taken: list[tuple[int, int]] = []
    for m in _GROUP_RE.finditer(seg):
        key = m.lastgroup
        code = _GROUP_PATTERNS[int(key[1:])][1] if key else ""
        a, b = m.start() + start, m.end() + start
        if code == "CA5?":
            if not central_asia_context:
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
    for m in pat.finditer(seg):
        a, b = m.start() + start, m.end() + start
        if any(x < b and a < y for x, y in taken):
            continue
        hit = table.get(_strip_possessive(re.sub(r"\s+", " ", m.group())))
        if not hit:
            continue
        # "China-Central Asia": a hyphen after a name is still a mention (handled by the regex).
        out.append(PartyMention(a, b, hit[0], hit[1]))
    out.sort(key=lambda p: (p.start, p.code))
    return out


def document_pair(text: str) -> tuple[str, str] | None:
    """The two most mentioned countries of a document (China first when present), for "bilateral"."""
    pat, table = _name_table()
    counts: dict[str, int] = {}
    for m in pat.finditer(text):
        hit = table.get(_strip_possessive(re.sub(r"\s+", " ", m.group())))
        if hit and hit[1] == "name":
            counts[hit[0]] = counts.get(hit[0], 0) + 1
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
    pat, table = _name_table()
    for m in pat.finditer(text):
        hit = table.get(_strip_possessive(re.sub(r"\s+", " ", m.group())))
        if hit:
            return hit[0]
    return None
