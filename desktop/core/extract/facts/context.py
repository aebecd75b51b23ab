"""The per-document context every fact extractor reads: sentences, entities bucketed by sentence,
chrome zones, the publication date, the "bilateral" pair and acronym definitions.

Besides the zones it is given, a line "Related news" / "Read also" / "More stories" … in the
second half of the text starts a chrome tail of its own (teasers of other stories): no facts
come from it, even when the caller passes no zones (``steppe evaluate``)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.core.extract.facts.parties import document_pair, mentions_central_asia
from desktop.core.extract.facts.sentences import split_sentences
from desktop.core.model import Span, Zone

_ACRONYM_DEF = re.compile(r"([A-Z][\w’'&-]*(?:\s+(?:of|for|and|the|on|de|[A-Z][\w’'&-]*)){1,10})\s*\(([A-Z][A-Za-z&]{1,9})\)")

_PAREN_ACR = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")


def _acronym_defs(body: str) -> list[re.Match]:
    """The matches of ``_ACRONYM_DEF`` in ``body``, found from the parentheses backwards (a cheap
    scan for "(ABC)" first instead of trying the long-name pattern at every capital)."""
    out = []
    floor = 0
    for p in _PAREN_ACR.finditer(body):
        lo = max(floor, p.start() - 400)
        for m in _ACRONYM_DEF.finditer(body, lo, p.end()):
            if m.end() == p.end():
                out.append(m)
                floor = m.end()
                break
    return out


_TAIL_CHROME = re.compile(
    r"^[ \t]*(?:Related\s+(?:news|articles|stories|posts|content)|Read\s+(?:also|more)|More\s+(?:news|stories|on\s+this\s+topic)|"
    r"See\s+also|Recommended|Most\s+read|Latest\s+news)[ \t]*:?[ \t]*$",
    re.I | re.M,
)

KNOWN_ACRONYMS = {
    "SCO": "Shanghai Cooperation Organization",
    "NDRC": "National Development and Reform Commission",
    "MOFCOM": "Ministry of Commerce",
    "WTO": "World Trade Organization",
    "CICA": "Conference on Interaction and Confidence-Building Measures in Asia",
    "EAEU": "Eurasian Economic Union",
    "EEU": "Eurasian Economic Union",
    "AIIB": "Asian Infrastructure Investment Bank",
    "ADB": "Asian Development Bank",
    "EBRD": "European Bank for Reconstruction and Development",
    "CIS": "Commonwealth of Independent States",
    "UN": "United Nations",
    "IMF": "International Monetary Fund",
    "CAREC": "Central Asia Regional Economic Cooperation",
    "CNPC": "China National Petroleum Corporation",
    "CIIE": "China International Import Expo",
}


@dataclass
class Sentence:
    start: int
    end: int
    entities: list[Span]
    index: int
    para: int = 0  # paragraph number (a newline between sentences starts a new paragraph)


@dataclass
class DocContext:
    text: str
    published: str | None
    sentences: list[Sentence]
    central_asia: bool
    pair: tuple[str, str] | None
    acronyms: dict[str, str] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)

    @property
    def published_year(self) -> int | None:
        p = self.published
        return int(p[:4]) if p and p[:4].isdigit() else None

    def expand(self, org: str) -> str:
        return self.acronyms.get(org) or KNOWN_ACRONYMS.get(org) or org


def build_context(text: str, entities: Sequence[Span], published: str | None, zones: Sequence[Zone]) -> DocContext:
    spans = split_sentences(text)
    zs = sorted((z.start, z.end) for z in zones if z.end > z.start)
    tail = _TAIL_CHROME.search(text, len(text) // 2)
    if tail:
        # "Related news" / "Read also" near the end: teasers of other stories follow, no facts.
        zs = sorted([*zs, (tail.start(), len(text))])
    zstarts = [z[0] for z in zs]
    # Merge overlapping zones so a bisect finds the one that can cover a point.
    merged: list[list[int]] = []
    for a, b in zs:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    zstarts = [m[0] for m in merged]

    def in_chrome(a: int, b: int) -> bool:
        i = bisect_right(zstarts, a) - 1
        mid = (a + b) // 2
        for j in (i, i + 1):
            if 0 <= j < len(merged):
                za, zb = merged[j]
                if za <= mid < zb or (za <= a and b <= zb):
                    return True
        return False

    ents = sorted((e for e in entities if 0 <= e.start < e.end <= len(text)), key=lambda e: (e.start, -e.end))
    starts = [e.start for e in ents]
    sentences: list[Sentence] = []
    para, prev_end = 0, 0
    for a, b in spans:
        if "\n" in text[prev_end:a]:
            para += 1
        prev_end = b
        if zs and in_chrome(a, b):
            continue
        lo, hi = bisect_left(starts, a), bisect_left(starts, b)
        sentences.append(Sentence(a, b, [e for e in ents[lo:hi] if e.end <= b], len(sentences), para))
    body = "".join(text[s.start:s.end] + "\n" for s in sentences) if zs else text
    acronyms = {}
    for m in _acronym_defs(body):
        long, short = m.group(1).strip(), m.group(2)
        toks = long.split()
        for k in range(len(toks) - 1, -1, -1):
            tail = " ".join(toks[k:])
            tw = [w for w in re.split(r"[\s-]+", tail) if w[:1].isupper()]
            if "".join(w[0] for w in tw).upper() == short.upper():
                acronyms.setdefault(short, tail)
                break
    return DocContext(text, published, sentences, mentions_central_asia(body), document_pair(body), acronyms)
