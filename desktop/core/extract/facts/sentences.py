"""Sentence splitting with offsets: abbreviations ("U.S.", "Corp.", "No."), initials and decimals."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "co", "corp", "inc", "ltd", "llc", "plc", "no", "nos", "vs", "etc", "e.g", "i.e", "approx", "est", "dept", "gov", "govt", "gen", "col", "lt", "sgt", "rep", "sen", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "fig", "vol", "pp", "int'l", "u.s", "u.k", "u.n", "e.u", "p.r", "u.s.a", "a.m", "p.m"]
)
# Abbreviations that usually sit before a name or number, so a capital after them is no new sentence.
_NEVER_FINAL = frozenset(["mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "gen", "col", "lt", "sgt", "rep", "sen", "fig", "vol", "pp"])

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed; newlines always end a sentence."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith("\n") or m.group()[0].isspace():
            cut = m.start()
        else:
            # The word before the period.
            i = m.start()
            j = i
            while j > start and not text[j - 1].isspace() and text[j - 1] not in "(\"“":
                j -= 1
            word = text[j:i].lower()
            if text[i] == "." and m.group().startswith(".") and len(m.group().rstrip("\"'”’)]")) == 1:
                w = word.rstrip(".")
                if w in ABBREVIATIONS or w.replace(".", "") in ("us", "uk", "un", "eu", "pr", "usa"):
                    if w in _NEVER_FINAL or "." in w or w in ("co", "corp", "inc", "ltd"):
                        # "U.S. President", "Corp. said": a following capital is not proof of a new
                        # sentence; accept the split only before a typical sentence opener.
                        nxt = text[m.end():m.end() + 12].lstrip()
                        if not re.match(r"(?:The|This|It|In|On|At|A|An|He|She|They|We|But|However)\b", nxt):
                            continue
                elif len(w) == 1 and w.isalpha() and text[j:i].isupper():
                    continue  # an initial: "J. Smith"
            cut = m.end()
        _add(text, start, cut, out)
        start = m.end()
    _add(text, start, len(text), out)
    return out


def _add(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))
