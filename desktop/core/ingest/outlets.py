"""Naming the outlet of a text when it says so plainly (a dateline, a source line, a credit)."""

from __future__ import annotations

import re

#: (canonical name, pattern). Patterns are case-sensitive so that common words ("trend",
#: "daily") do not match; ambiguous names only match in an unambiguous form.
OUTLETS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("PRNewswire", r"/?PRNewswire(?:-Asia)?/?|PR Newswire"),
        ("Xinhua", r"\bXinhua\b|\bXINHUA\b|新华社|新華社"),
        ("China Daily", r"\bChina Daily\b|chinadaily\.com\.cn"),
        ("Global Times", r"\bGlobal Times\b|globaltimes\.cn"),
        ("CGTN", r"\bCGTN\b"),
        ("People's Daily", r"\bPeople['’]s Daily\b"),
        ("Kazinform", r"\bKazinform\b|\bKAZINFORM\b|inform\.kz"),
        ("Trend", r"\(Trend\)|\bTrend News Agency\b|\bTrend\.az\b|trend\.az"),
        ("The Astana Times", r"\b(?:The )?Astana Times\b|astanatimes\.com"),
        ("Daryo", r"\bDaryo\b|daryo\.uz"),
        ("Kun.uz", r"\bKun\.uz\b"),
        ("24.kg", r"(?<![\w.])24\.kg\b"),
        ("AKIpress", r"\bAKIpress\b|\bAKI ?press\b"),
        ("Asia-Plus", r"\bAsia-Plus\b|asiaplustj\.info"),
        ("Tengrinews", r"\bTengrinews\b|tengrinews\.kz"),
        ("Gazeta.uz", r"\bGazeta\.uz\b"),
        ("UzA", r"\bUzA\b|\buza\.uz\b"),
        ("Kabar", r"\bKabar\b"),
        ("Khovar", r"\bKhovar\b"),
        ("TASS", r"\bTASS\b"),
        ("Reuters", r"\bReuters\b|\bREUTERS\b"),
        ("South China Morning Post", r"\bSouth China Morning Post\b|\bSCMP\b"),
        ("Caixin", r"\bCaixin\b"),
        ("Eurasianet", r"\bEurasianet\b"),
        ("The Diplomat", r"\bThe Diplomat\b"),
    )
)
_SOURCE_LINE = re.compile(r"(?im)^\s*(?:source|sources|источник|来源)\s*[:：]\s*([^|\n]{2,80}?)\s*(?:\||$)")
_PUBLICATION = re.compile(
    r"(?i)\b(?:daily|times|news|post|herald|gazette|tribune|journal|review|agency|online|network|press|"
    r"weekly|telegraph|observer|magazine|radio|tv|television|broadcasting)\b|\.(?:com|cn|kz|uz|kg|tj|tm|ru|net|org)\b"
)
_HEAD = 1500
_TAIL = 1500


def known_outlet(fragment: str) -> str | None:
    best: tuple[int, str] | None = None
    for name, pat in OUTLETS:
        m = pat.search(fragment)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


def detect_outlet(text: str, skip: list[tuple[int, int]] = ()) -> str | None:  # type: ignore[assignment]
    """The outlet a text names in a source line or its head, else None.

    ``skip`` are (start, end) stretches not to look at (photo credits name agencies that did not
    write the article).
    """
    head, tail = text[:_HEAD], text[-_TAIL:] if len(text) > _HEAD else ""
    for part in (head, tail):
        for m in _SOURCE_LINE.finditer(part):
            value = m.group(1).strip().rstrip(".,;")
            known = known_outlet(value)
            if known:
                return known
            # an outlet we do not know, named in a "Source: X | date" stamp of the head
            if part is head and m.group(0).rstrip().endswith("|") and _PUBLICATION.search(value):
                return value
    masked = list(head)
    for a, b in skip:
        for i in range(max(a, 0), min(b, len(masked))):
            masked[i] = " "
    return known_outlet("".join(masked))
