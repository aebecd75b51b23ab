"""Gazetteer matching: the curated CSVs of ``data/gazetteers`` compiled into one regex.

Every surface (name and ``|``-separated aliases) of every file is spelled with both
apostrophes and all dash forms (:func:`tokens.variants`), and single-word names of places and
organisations also in capitals (a dateline's "BEIJING", a credit's "XINHUA"). All surfaces go
into a single trie-shaped regex with word boundaries, matched case-sensitively: acronyms
match exactly and lower-case words never match.

When two files list the same surface, the label of the more specific file wins:
events > initiatives > organisations > people > locations > countries. So "Taiwan" and
"Hong Kong" (ISO codes, but sub-national places in the guidelines) come out as LOCATION.

Demonyms ("Chinese", "Kazakh") are deliberately not entities.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from desktop.core.extract.overlap import confidence_for
from desktop.core.extract.tokens import trie_regex, variants
from desktop.core.model import Span
from desktop.core.paths import data_path

#: file stem → entity label, in increasing order of precedence.
FILES: tuple[tuple[str, str], ...] = (
    ("countries", "COUNTRY"),
    ("locations", "LOCATION"),
    ("people", "PERSON"),
    ("orgs", "ORG"),
    ("initiatives", "INITIATIVE"),
    ("events", "EVENT"),
)

#: ISO codes that the guidelines treat as places, not sovereign states.
TERRITORY_SOURCE_MARK = "territory"


@dataclass(frozen=True)
class Entry:
    surface: str
    label: str
    source: str  # "gazetteer:<file stem>"


def _split(value: str | None) -> list[str]:
    return [x.strip() for x in (value or "").split("|") if x.strip()]


def _rows(stem: str) -> list[dict[str, str]]:
    path = data_path("gazetteers", f"{stem}.csv")
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def entries() -> dict[str, Entry]:
    """Every gazetteer surface (with its spelling variants) → its entry."""
    table: dict[str, Entry] = {}
    for stem, label in FILES:
        for row in _rows(stem):
            lab = label
            if stem == "countries" and TERRITORY_SOURCE_MARK in (row.get("source") or ""):
                lab = "LOCATION"
            names = [row.get("name") or "", *_split(row.get("aliases"))]
            for name in names:
                name = name.strip()
                if not name or not (name[0].isupper() or name[0].isdigit()):
                    continue
                entry = Entry(name, lab, f"gazetteer:{stem}")
                forms = variants(name)
                if (
                    lab in ("COUNTRY", "LOCATION", "ORG")
                    and " " not in name
                    and len(name) >= 4
                    and not name.isupper()
                ):
                    forms |= {f.upper() for f in forms}
                for form in forms:
                    table[form] = entry
    return table


@cache
def _matcher() -> re.Pattern[str]:
    body = trie_regex(entries())
    return re.compile(r"(?<![\w])" + body + r"(?![\w])")


def match(text: str) -> list[Span]:
    """All gazetteer matches in ``text`` (leftmost-longest, non-overlapping among themselves)."""
    table = entries()
    out: list[Span] = []
    for m in _matcher().finditer(text):
        s = m.group()
        e = table.get(s)
        if e is None:  # pragma: no cover - the regex only matches table keys
            continue
        src = e.source if s == e.surface or s.upper() != s or e.surface.isupper() else "gazetteer:caps"
        out.append(Span(m.start(), m.end(), e.label, s, src, confidence_for(src)))
    return out


def rows(stem: str) -> list[dict[str, str]]:
    """The rows of one gazetteer file (for rules that derive word lists from it)."""
    return _rows(stem)


def split_aliases(value: str | None) -> list[str]:
    return _split(value)


@cache
def titles() -> tuple[str, ...]:
    """Titles from ``titles.csv``, longest first (for the structure rules)."""
    found = {r["title"].strip() for r in _rows("titles") if (r.get("title") or "").strip()}
    return tuple(sorted(found, key=len, reverse=True))


@cache
def surfaces_by_label(label: str) -> frozenset[str]:
    return frozenset(s for s, e in entries().items() if e.label == label)


@cache
def demonyms() -> frozenset[str]:
    out: set[str] = set()
    for row in _rows("countries"):
        out.update(_split(row.get("demonyms")))
    out.update({"Central Asian", "Eurasian", "Asian", "European", "African", "Western", "Eastern"})
    return frozenset(out)
