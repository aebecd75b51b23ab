"""Helpers shared by the fact extractors: numbers near a figure (percent changes, qualifiers),
dates in a clause, party mentions with their prepositions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.extract.facts.context import DocContext, Sentence
from desktop.core.extract.facts.money import Money, find_money, parse_money
from desktop.core.extract.facts.parties import PartyMention, find_parties
from desktop.core.extract.facts.periods import YEAR_RE, resolve_period
from desktop.core.model import Span

PERCENT_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s+cent\b|pct\b|percentage\s+points?\b)", re.I)

_QUAL_ABOUT = r"about|around|approximately|approx\.?|roughly|some|nearly|almost|close\s+to|an\s+estimated|estimated|circa|~"
_QUAL_OVER = r"over|more\s+than|above|exceed(?:ing|ed|s)|surpass(?:ing|ed|es)|top(?:ping|ped|s)|in\s+excess\s+of|upwards\s+of|at\s+least|beyond|surpassing|topping"
_QUAL_UNDER = r"under|less\s+than|below|up\s+to|at\s+most|fewer\s+than"
QUALIFIER_BEFORE = re.compile(
    rf"(?:(?P<about>{_QUAL_ABOUT})|(?P<over>{_QUAL_OVER})|(?P<under>{_QUAL_UNDER}))\s*(?:a\s+(?:record|combined|total\s+of)\s+|the\s+)?$",
    re.I,
)
_UP = r"up|increas\w*|grew|grow\w*|rose|rise|rising|risen|surg\w*|jump\w*|soar\w*|climb\w*|gain\w*|expand\w*|higher|added|boost\w*|leap\w*"
_DOWN = r"down|decreas\w*|declin\w*|fell|fall\w*|dropp?\w*|shrank|shrink\w*|contract\w*|lower|slump\w*|plung\w*|dipp?\w*|reduc\w*|slid\w*"
CHANGE_BEFORE = re.compile(rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b[^.;%\d]{{0,30}}$", re.I)
CHANGE_AFTER = re.compile(
    rf"^\s*(?:(?P<up>{_UP}|more)|(?P<down>{_DOWN}|less))?\s*(?:year[\s-]on[\s-]year|y/y|yoy|from\s+a\s+year|over\s+the\s+same|compared|than\s+(?:a|the|in|last)|annually|on\s+an\s+annual|against)",
    re.I,
)


_QUAL_WORDS = frozenset(
    ["about", "around", "approximately", "approx", "approx.", "roughly", "some", "nearly", "almost", "close", "estimated", "circa", "~", "over", "more", "above", "exceeding", "exceeded", "exceeds", "surpassing", "surpassed", "surpasses", "topping", "topped", "tops", "excess", "upwards", "least", "beyond", "under", "less", "below", "up", "most", "fewer"]
)


def qualifier_before(text: str, pos: int, floor: int = 0) -> str | None:
    lo = max(floor, pos - 30)
    if not any(w.lower() in _QUAL_WORDS for w in text[lo:pos].split()[-5:]):
        return None
    m = QUALIFIER_BEFORE.search(text, lo, pos)
    if not m:
        return None
    return "about" if m.group("about") else "over" if m.group("over") else "under"


@dataclass
class Change:
    start: int
    end: int
    value: float
    qualifier: str | None


def find_change(text: str, a: int, b: int, skip: tuple[tuple[int, int], ...] = ()) -> Change | None:
    """The first percentage in text[a:b] that states a change (up/down …, year on year …)."""
    for m in PERCENT_RE.finditer(text, a, b):
        if any(x <= m.start() < y for x, y in skip):
            continue
        v = float(m.group(1))
        before = CHANGE_BEFORE.search(text, max(a, m.start() - 45), m.start())
        after = CHANGE_AFTER.match(text[m.end(): min(b, m.end() + 40)]) or _CHANGE_NOUN.match(text, m.end(), b)
        if not before and not after:
            continue
        down = bool((before and before.group("down")) or (after and after.group("down") and not before))
        return Change(m.start(), m.end(), -v if down else v, qualifier_before(text, m.start(), a))
    f = _FRACTION_CHANGE.search(text, a, b)
    if f:
        # "rose by a fifth" → +20; "fell by a third" → −33.3
        v = _FRACTIONS[f.group("f").lower()]
        return Change(f.start("f"), f.end(), -v if f.group("down") else v, None)
    return None


# "a 7 percent drop", "a 12% increase": the change named by a noun after the percentage.
_CHANGE_NOUN = re.compile(r"\s*(?:(?P<up>increase|rise|growth|jump|gain|surge)|(?P<down>drop|decline|decrease|fall|contraction|slump))\b",
                          re.I)
_FRACTIONS = {"fifth": 20.0, "quarter": 25.0, "third": 33.3, "half": 50.0}
_FRACTION_CHANGE = re.compile(
    r"\b(?:(?:rose|grew|increased|jumped|climbed|soared|surged|expanded)|(?P<down>fell|dropped|declined|decreased|shrank|slumped))"
    r"\s+(?:by\s+)?(?:a|one)\s+(?P<f>fifth|quarter|third|half)\b",
    re.I,
)


def sentence_money(ctx: DocContext, sent: Sentence) -> list[Money]:
    """Money in a sentence: the MONEY entity spans parsed, plus any the entity extractor missed."""
    key = ("money", sent.start)
    hit = ctx.cache.get(key)
    if hit is not None:
        return hit
    text = ctx.text
    sent_text = text[sent.start:sent.end]
    out: list[Money] = []
    for e in sent.entities:
        if e.label == "MONEY":
            got = parse_money(e.text, sent_text)
            if got:
                out.append(Money(e.start, e.end, got[0], got[1]))
    for m in find_money(text, sent.start, sent.end, sent_text):
        if not any(o.start < m.end and m.start < o.end for o in out):
            out.append(m)
        else:
            # Keep the range bound if the regex saw one.
            for i, o in enumerate(out):
                if o.start < m.end and m.start < o.end and m.high and not o.high:
                    out[i] = Money(o.start, o.end, o.value, o.currency, m.high)
    out.sort(key=lambda m: m.start)
    ctx.cache[key] = out
    return out


_DATE_FALLBACK = re.compile(
    r"(?:(?:the\s+)?(?:first|past|last)\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+months(?:\s+of\s+(?:19|20)\d\d)?"
    r"|(?:first|second|third|fourth)\s+(?:quarter|half)(?:\s+of\s+(?:19|20)\d\d)?"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s*(?:-|–|to|through)\s*(?:January|February|March|April|May|June|July|August|September|October|November|December))?(?:\s+\d{1,2}(?!\d))?(?:,?\s*(?:19|20)\d\d)?"
    r"|(?:19|20)\d\d(?:\s*(?:-|–|to)\s*(?:19|20)\d\d)?"
    r"|(?:same\s+period\s+)?(?:[Ll]ast|[Tt]his|[Pp]revious|[Pp]ast)\s+year)",
)


@dataclass
class DateMention:
    start: int
    end: int
    text: str


def sentence_dates(ctx: DocContext, sent: Sentence) -> list[DateMention]:
    out = [DateMention(e.start, e.end, e.text) for e in sent.entities if e.label == "DATE"]
    for m in _DATE_FALLBACK.finditer(ctx.text, sent.start, sent.end):
        if m.group().isdigit() and ctx.text[m.end():m.end() + 1] in ("%",):
            continue
        if not any(d.start < m.end() and m.start() < d.end for d in out):
            out.append(DateMention(m.start(), m.end(), m.group()))
    out.sort(key=lambda d: d.start)
    return out


_COMPARATIVE = re.compile(
    r"(?:(?:compared\s+(?:with|to)|than|from|versus|vs\.?|against|since|over\s+the\s+same\s+period\s+(?:of|in))\s+(?:the\s+|that\s+of\s+)?"
    r"|same\s+(?:period|time|months?)\s+(?:of|in|last)\s+"
    # "compared with 1,937 at the start of the year": the base's date, not the figure's
    r"|(?:compared\s+(?:with|to)|from|versus|against)\s+(?:about\s+|around\s+)?[\d.,]+(?:\s+\w+)?\s+(?:at|in|on|by)\s+(?:the\s+)?)$",
    re.I,
)


_DURATION = re.compile(
    r"\b\w+-(?:day|week|month|year)\b|\b(?:days?|weeks?|hours?|decades?)\b|\b(?:past|last|recent|next|coming)\s+(?:\w+\s+)?years\b",
    re.I,
)
_REPORTED = re.compile(
    r"\b(?:report(?:ed|s)|sa(?:id|ys)|announc(?:ed|es)|told|stat(?:ed|es)|not(?:ed|es)|publish(?:ed|es)|wrote|informed|"
    r"disclosed|released)\s+(?:\w+\s+)?(?:on\s+)?(?:\d{1,2}\s+)?$"
)
_WEEKDAY_ONLY = re.compile(r"(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:and|to|-)\s+\w+day)?", re.I)
_DATELINE_HEAD = re.compile(r"[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+)?,\s+[^()\n]{3,30}?\s*\([^)\n]{2,30}\)\s*[-–—]")
_DAY_LEVEL = re.compile(r"[A-Za-z]\.?\s+\d{1,2}(?!\d)|\b\d{1,2}\s+[A-Z][a-z]+|\d{4}-\d{2}-\d{2}")


def pick_period(ctx: DocContext, sent: Sentence, dates: list[DateMention], a: int, b: int, pos: int,
                stock: bool = False) -> tuple[str | None, str | None]:
    """(period, period_text) for a figure at ``pos`` in clause text[a:b]; the nearest usable DATE
    (never the day of a dateline, "ASTANA, May 3, 2025 (Kazinform) -")."""
    text = ctx.text
    cands = []
    for d in dates:
        low = d.text.lower()
        if "same period" in low or "ago" in low or "decade" in low:
            continue
        if _COMPARATIVE.search(text, max(sent.start, d.start - 45), d.start):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", d.text.strip()) and re.match(r"\s*(?:-|–)?\s*(?:year|plan|strategy|agenda|vision)", text[d.end:d.end + 12], re.I):
            continue
        if _DURATION.search(d.text) and not YEAR_RE.search(d.text):
            continue  # "the four-day expo", "two weeks": a duration, not a period
        if _REPORTED.search(text, max(sent.start, d.start - 30), d.start):
            continue  # "Daryo reported on 2 March 2024": the day of reporting
        if _WEEKDAY_ONLY.fullmatch(d.text.strip()):
            continue  # "said Thursday": the day of reporting, never a period
        if d.start - sent.start < 40 and _DATELINE_HEAD.match(text, sent.start, d.end + 30) and _DAY_LEVEL.search(d.text):
            continue  # "ASTANA, May 3, 2025 (Kazinform) -": the day of the report, never a period
        in_clause = a <= d.start < b
        dist = d.start - pos if d.start >= pos else (pos - d.end) * 1.5
        day = bool(_DAY_LEVEL.search(d.text))
        cands.append((0 if in_clause else 1, day, dist, d))
    if not cands:
        return None, None
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    d = cands[0][3]
    cy = None if YEAR_RE.search(d.text) else context_year(ctx, sent)
    period = resolve_period(_anaphoric_months(d.text), cy, ctx.published)
    return period, re.sub(r"^the\s+", "", d.text.strip(), flags=re.I)


_COMPARED_YEAR = re.compile(
    r"\b(?:from\s+(?:(?:about|around|nearly|some|over|more\s+than|just|only)\s+)?(?=US\$|\$|USD|RMB|€|\d)|than|compared\s+(?:with|to)|"
    r"against|versus|vs\.?|same\s+(?:period|time|months?)\s+(?:of|in|last))(?:[^.;]|\.(?=\d)){0,60}$", re.I
)


def context_year(ctx: DocContext, sent: Sentence) -> int | None:
    """The year a yearless period ("January-June", "Q3", "the nine months") belongs to: the
    sentence's first year that is not a comparison base ("up 5.1% from $6.09 billion in H1
    2023"), else — with no publication date to resolve against — the last such year stated
    earlier in the document; else None (the publication date decides)."""
    text = ctx.text
    for m in YEAR_RE.finditer(text, sent.start, sent.end):
        if not _COMPARED_YEAR.search(text, max(sent.start, m.start() - 80), m.start()):
            return int(m.group(1))
    if ctx.published:
        return None
    last = None
    for m in YEAR_RE.finditer(text, 0, sent.start):
        if not _COMPARED_YEAR.search(text, max(0, m.start() - 80), m.start()):
            last = int(m.group(1))
    return last


_N_MONTHS = re.compile(r"^(?:the\s+|over\s+the\s+|in\s+the\s+)?((?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+months)\b", re.I)


def _anaphoric_months(date_text: str) -> str:
    """"the nine months" (the reporting period just named) → "first nine months"."""
    m = _N_MONTHS.match(date_text.strip())
    return f"first {m.group(1)}" if m else date_text


_DEM_ACTOR = re.compile(
    r"\s+(?:(?:state|private|direct|foreign|leading|major|large|big)\s+)?(?:companies|company|investors?|firms?|businesses|banks?|"
    r"enterprises?|investments?|capital|side|government|exporters?|importers?|trade|exports?|imports?|goods|products|"
    r"partners?|contractors?|corporations?|groups?|funds?|developers?|loans?|credits?|financing|funding|FDI|banks?)\b",
    re.I,
)


def parties_in(ctx: DocContext, a: int, b: int, exclude: list[tuple[int, int]],
               sent: Sentence | None = None, orgs: bool = False) -> list[tuple[PartyMention, str]]:
    """Party mentions in text[a:b] with the preposition/role cue before them:
    "from", "to", "with", "between", "poss" (X's), "dem" (demonym) or ""."""
    text = ctx.text
    out = []
    lo, hi = (sent.start, sent.end) if sent is not None else (a, b)
    key = ("parties", lo, hi)
    every = ctx.cache.get(key)
    if every is None:
        every = find_parties(text, lo, hi, central_asia_context=ctx.central_asia, pair=ctx.pair)
        ctx.cache[key] = every
    ms = [m for m in every if a <= m.start and m.end <= b] if (lo, hi) != (a, b) else every
    if orgs and sent is not None:
        ms = sorted([*ms, *_org_parties(ctx, sent, a, b)], key=lambda m: m.start)
    ms = _merge_enumeration(text, ms)
    ms = [m for m in ms if not (m.kind == "group" and _SCOPE.search(text, max(0, m.start - 50), m.start))]
    has_group = any(m.code == "CA5" and m.kind == "group" for m in ms)
    prev: tuple[PartyMention, str] | None = None
    for m in ms:
        if m.kind != "org" and any(x < m.end and m.start < y for x, y in exclude):
            continue
        if m.kind == "name" and _ROUTE_NAME.match(text, m.end) and re.search(r"[A-Z][\w'’]+-$", text[max(0, m.start - 20):m.start]):
            continue  # "the Dushanbe-Uzbekistan border road": a route's name, no party
        if has_group and m.code in ("KAZ", "KGZ", "TJK", "TKM", "UZB") and m.kind != "pair":
            # "the five Central Asian countries, namely Kazakhstan, Kyrgyzstan …": an enumeration.
            continue
        pre = text[max(a, m.start - 14):m.start].lower()
        mt = text[m.start:m.end]
        cue = ""
        pm = re.search(r"\b(from|to|with|between|and|into|in|by|of)\s+(?:the\s+)?$", pre)
        if pm:
            cue = {"into": "to", "in": "to", "and": "and"}.get(pm.group(1), pm.group(1))
            if pm.group(1) == "in" and m.kind == "demonym" and _DEM_ACTOR.match(text, m.end):
                cue = "dem"  # "$2 billion in Chinese loans": the lender, not a place
        elif mt.endswith(("'s", "’s")):
            cue = "poss"
        elif m.kind == "demonym":
            cue = "dem" if _DEM_ACTOR.match(text, m.end) else "adj"
            if prev is not None and text[prev[0].end:m.start] in ("-", "–") and cue == "dem":
                # "Kyrgyz-Chinese trade": a hyphenated pair names both sides, neither reports.
                cue = "pair"
                out[-1] = (prev[0], "pair")
        if cue == "and" and prev is not None and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[prev[0].end:m.start]):
            cue = prev[1]  # "exports to Afghanistan and Uzbekistan": both are "to"
        out.append((m, cue))
        prev = (m, cue)
    return out


_CA = frozenset(("KAZ", "KGZ", "TJK", "TKM", "UZB"))
_ROUTE_NAME = re.compile(r"\s+(?:border\s+)?(?:road|highway|railway|railroad|rail\s+line|pipeline|motorway|route|crossing|bridge|power\s+line)\b")
# "the largest trading partner in the region": the region is a scope, not a party.
_SCOPE = re.compile(
    r"\b(?:largest|biggest|main|leading|top|key|major|most\s+\w+|first|second|third|fastest[\w-]*)\s+"
    r"(?:[\w-]+\s+){0,2}(?:in|of|among)\s+(?:the\s+)?$",
    re.I,
)


def _merge_enumeration(text: str, ms: list[PartyMention]) -> list[PartyMention]:
    """"Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan" named together → CA5."""
    if sum(1 for m in ms if m.code in _CA) < 5:
        return ms
    out: list[PartyMention] = []
    i = 0
    while i < len(ms):
        j = i
        codes = set()
        while j < len(ms) and ms[j].code in _CA and ms[j].kind == "name" and (
            j == i or re.fullmatch(r"\s*(?:,|and|,\s*and|&)\s*", text[ms[j - 1].end:ms[j].start])
        ):
            codes.add(ms[j].code)
            j += 1
        if codes == _CA:
            out.append(PartyMention(ms[i].start, ms[j - 1].end, "CA5", "enum"))
            i = j
            continue
        out.append(ms[i])
        i += 1
    return out


_CREDIT_END = re.compile(r"\)\s*[-–—]")


def _org_parties(ctx: DocContext, sent: Sentence, a: int, b: int) -> list[PartyMention]:
    """ORG entities of a known country act as that country ("CNPC has invested …" → CHN); the
    agency credited in a dateline ("ASTANA, May 3 (Kazinform) --") is no actor."""
    from desktop.core.extract.facts.role import org_country

    out = []
    for e in sent.entities:
        if e.label == "ORG" and a <= e.start and e.end <= b:
            if ctx.text[e.start - 1:e.start] == "(" and _CREDIT_END.match(ctx.text, e.end):
                continue  # "ASTANA, May 3 (Kazinform) --": the agency's credit, no actor
            code = org_country(e.text, ctx)
            if code:
                out.append(PartyMention(e.start, e.end, code, "org"))
    return out


def excluded_spans(sent: Sentence, labels: tuple[str, ...] = ("ORG", "EVENT", "INITIATIVE", "PERSON")) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in sent.entities if e.label in labels]


def inside(pos: int, spans: list[tuple[int, int]] | list[Span]) -> bool:
    for s in spans:
        a, b = (s.start, s.end) if isinstance(s, Span) else s
        if a <= pos < b:
            return True
    return False
