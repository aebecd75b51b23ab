"""Names found from the structure of the text rather than from a list.

* PERSON after a title ("Kazakh Foreign Minister Murat Nurtleu", "ambassador to China
  Saidzoda Zohir", "Secretary-General of the SCO Vladimir Norov"), before an appositive title
  ("Huo Fupeng, deputy director of …"), around reporting verbs ("said Jamshid Kuchkarov",
  "Du Zhenli said"), in bylines ("By WANG Xiaoxia"); later mentions of a found person's surname.
* Capitalised sequences ending in a head word: …Ministry/Committee/Bank/Corp (ORG),
  …Forum/Summit/Expo (EVENT, with an edition "8th"/"first" inside), …Initiative/Railway/
  Corridor/Zone (INITIATIVE), …Province/Region/Basin (LOCATION); head-first forms
  ("Ministry of Commerce", "Meeting of the Ministers of Economy and Trade").
* A name that contains a place stays one span (guidelines): "Ministry of Energy of Uzbekistan",
  "Statistics Agency under the President of Uzbekistan", "Embassy of China in Kazakhstan",
  company suffixes "Co., Ltd."/"JSC"; a possessive before the name is not in it
  ("Kazakhstan's Bureau of National Statistics" → COUNTRY + ORG). A unit and its parent stay two
  ORGs ("Department of Industry at the NDRC"). An edition ordinal before a known event joins it.
* Named infrastructure from a place compound and a lower-case head
  ("China-Kazakhstan crude oil pipeline", "China-Europe freight trains"), facilities named after
  one place ("Khorgos dry port", "Dushanbe-2 power plant", "Navoi free economic zone"), and a
  capitalised name before a lower-case "project"/"programme" ("the Safe City project").
* Acronyms defined in parentheses ("Shanghai Cooperation Organization (SCO)"): both spans, and
  every later use of the acronym with the same label.

Every component is ``(text, spans_so_far) -> list[Span]`` and never looks at Qt.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from desktop.core.extract import gazetteer
from desktop.core.extract.overlap import confidence_for, resolve
from desktop.core.extract.tokens import (
    MONTHS,
    ORDINAL_WORDS,
    STOP_CAPS,
    WEEKDAYS,
    is_cap_word,
    trie_regex,
    variants,
)
from desktop.core.model import Span

# --------------------------------------------------------------------------- helpers

TOKEN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*(?:[-–—][A-Za-z0-9'’]+)*|[^\sA-Za-z0-9]")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_NOT_NAME = STOP_CAPS | set(MONTHS) | set(WEEKDAYS)

CHINESE_SURNAMES = frozenset(
    [
        "Wang",
        "Li",
        "Zhang",
        "Liu",
        "Chen",
        "Yang",
        "Huang",
        "Zhao",
        "Wu",
        "Zhou",
        "Xu",
        "Sun",
        "Ma",
        "Zhu",
        "Hu",
        "Guo",
        "He",
        "Gao",
        "Lin",
        "Luo",
        "Zheng",
        "Liang",
        "Xie",
        "Song",
        "Tang",
        "Han",
        "Feng",
        "Deng",
        "Cao",
        "Peng",
        "Zeng",
        "Xiao",
        "Tian",
        "Dong",
        "Pan",
        "Yuan",
        "Cai",
        "Jiang",
        "Yu",
        "Du",
        "Ye",
        "Cheng",
        "Wei",
        "Su",
        "Lu",
        "Ding",
        "Ren",
        "Yao",
        "Shen",
        "Zhong",
        "Cui",
        "Tan",
        "Fu",
        "Fan",
        "Jin",
        "Huo",
        "Qin",
        "Xi",
        "Yi",
        "Kong",
        "Bai",
        "Mao",
        "Qiu",
        "Hou",
        "Shi",
        "Lei",
        "Long",
        "Duan",
        "Hao",
        "Kang",
        "Shao",
        "Wan",
        "Gu",
        "Lai",
        "Yin",
        "Yan",
        "Ou",
        "Xue",
        "Qian",
        "Niu",
        "Hong",
        "Ge",
        "Mo",
        "Meng",
        "Zhai",
        "Lan",
        "Ji",
        "Shu",
        "Ling",
        "Chang",
        "Gong",
        "Wen",
        "Pang",
        "Bi",
        "Chu",
        "Dai",
        "Fang",
        "Guan",
        "Jia",
        "Kou",
        "Lyu",
        "Lü",
        "Miao",
        "Ni",
        "Qi",
        "Rao",
        "Sheng",
        "Tao",
        "Wei",
        "Xiang",
        "Xing",
        "Yue",
        "Zhan",
    ]
)

ORG_HEADS = [
    "Ministry",
    "Committee",
    "Commission",
    "Agency",
    "Bank",
    "Corporation",
    "Corp",
    "Company",
    "Co",
    "Group",
    "Fund",
    "Association",
    "Council",
    "Department",
    "University",
    "Institute",
    "Organization",
    "Organisation",
    "Academy",
    "Administration",
    "Bureau",
    "Office",
    "Authority",
    "Chamber",
    "Federation",
    "Union",
    "Service",
    "Centre",
    "Center",
    "Holding",
    "Holdings",
    "Ltd",
    "LLC",
    "JSC",
    "PJSC",
    "Inc",
    "Government",
    "Parliament",
    "Assembly",
    "Senate",
    "Secretariat",
    "Society",
    "Foundation",
    "Exchange",
    "Daily",
    "Times",
    "Herald",
    "Journal",
    "Gazette",
    "Tribune",
    "Airlines",
    "Airways",
    "Railways",
    "Party",
    "Cabinet",
    "Consortium",
    "Alliance",
    "College",
    "School",
    "Court",
    "Inspectorate",
    "Directorate",
    "Trust",
    "Press",
    "Television",
    "Network",
    "Club",
    "Embassy",
    "Consulate",
    "Consulate General",
    "Mission",
    "Customs",
    "Concern",
]
EVENT_HEADS = [
    "Forum",
    "Summit",
    "Expo",
    "Exposition",
    "Fair",
    "Conference",
    "Dialogue",
    "Meeting",
    "Congress",
    "Symposium",
    "Games",
    "Festival",
    "Week",
    "Session",
    "Sessions",
    "Roundtable",
    "Exhibition",
    "Olympiad",
    "Olympics",
]
INITIATIVE_HEADS = [
    "Initiative",
    "Railway",
    "Railroad",
    "Pipeline",
    "Corridor",
    "Highway",
    "Expressway",
    "Zone",
    "Project",
    "Strategy",
    "Programme",
    "Program",
    "Park",
    "Port",
    "Plan",
    "Vision",
    "Agenda",
    "Area",
    "Route",
    "Belt",
    "Bridge",
    "Tunnel",
    "Platform",
    "Hub",
    "Concept",
    "Plant",
    "Dam",
    "Station",
    "Terminal",
]
LOCATION_HEADS = [
    "Province",
    "Region",
    "Oblast",
    "Prefecture",
    "County",
    "District",
    "City",
    "Basin",
    "Valley",
    "Mountains",
    "Lake",
    "River",
    "Sea",
    "Desert",
    "Plateau",
    "Island",
    "Islands",
    "Peninsula",
    "Oasis",
    "Gulf",
    "Strait",
]

_ORG_HEAD_SET = frozenset(ORG_HEADS)
HEAD_LABEL: dict[str, tuple[str, str]] = {}
for _h in ORG_HEADS:
    HEAD_LABEL[_h] = ("ORG", "rule:org-suffix")
for _h in EVENT_HEADS:
    HEAD_LABEL[_h] = ("EVENT", "rule:event-suffix")
for _h in INITIATIVE_HEADS:
    HEAD_LABEL[_h] = ("INITIATIVE", "rule:initiative-suffix")
for _h in LOCATION_HEADS:
    HEAD_LABEL[_h] = ("LOCATION", "rule:location-suffix")

HEAD_RE = re.compile(r"(?<![\w'’-])(?:" + trie_regex(HEAD_LABEL) + r")(?![\w'’-])")
_LEFT_CONNECTORS = frozenset({"of", "and", "for", "on", "&", "+", "de", "-", "–"})
_TAIL_STARTS = frozenset({"of", "on", "for"})
_NEXT_WORD_RE = re.compile(r"[^\S\n]([A-Za-z][\w'’]*(?:[-–—][\w'’]+)*)")
_EDITION_RE = re.compile(r"^(?:\d+(?:st|nd|rd|th)|(?:19|20)\d\d|" + "|".join(ORDINAL_WORDS) + r")$")


class _Mask:
    """Which characters are already covered by spans of given labels (fast overlap tests)."""

    def __init__(self, n: int, spans: list[Span], skip_labels: frozenset[str] = frozenset()):
        self.buf = bytearray(n)
        for s in spans:
            if s.label not in skip_labels and s.end > s.start:
                self.buf[s.start : s.end] = b"\x01" * (s.end - s.start)

        self.exact_spans = {(s.start, s.end) for s in spans if s.label not in skip_labels}

    def hit(self, start: int, end: int) -> bool:
        return b"\x01" in self.buf[start:end]

    def exact(self, start: int, end: int) -> bool:
        return (start, end) in self.exact_spans


def _line_bounds(text: str, pos: int, back: int = 240, fwd: int = 240) -> tuple[int, int]:
    ls = text.rfind("\n", max(0, pos - back), pos) + 1
    if ls == 0:
        ls = max(0, pos - back)
    le = text.find("\n", pos, pos + fwd)
    if le == -1:
        le = min(len(text), pos + fwd)
    return ls, le


def _space(gap: str) -> bool:
    return len(gap) == 1 and gap.isspace() and gap != "\n"


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start() + start, m.end() + start, m.group()) for m in TOKEN_RE.finditer(text[start:end])]


def _name_token(tok: str) -> bool:
    """A capitalised token that can be part of a name (no possessive, no sentence starter)."""
    if tok in _NOT_NAME or not is_cap_word(tok):
        return False
    # "China's" ends a name; "People's" and a plural "Ministers'" may be inside one
    return not (
        _POSSESSIVE_RE.search(tok) and not tok.startswith("People") and not tok.endswith(("s'", "s’"))
    )


@cache
def _title_words() -> frozenset[str]:
    words = {w for t in gazetteer.titles() for w in re.split(r"\s+", t)}
    return frozenset(w for w in words if w[:1].isupper())


@cache
def _complement_words() -> frozenset[str]:
    """Capitalised words of organisation names and titles ("Economic", "Development", "Trade")
    that are no part of a listed person's name: they belong to a title's "of …" complement."""
    words: set[str] = set(_title_words())
    for row in gazetteer.rows("orgs"):
        for name in [row.get("name") or "", *gazetteer.split_aliases(row.get("aliases"))]:
            words.update(w for w in name.split() if w[:1].isupper() and w[1:].islower())
    people: set[str] = set()
    for row in gazetteer.rows("people"):
        for name in [row.get("name") or "", *gazetteer.split_aliases(row.get("aliases"))]:
            people.update(name.split())
    return frozenset(words - people - CHINESE_SURNAMES)


def _person_token(tok: str) -> bool:
    if not _name_token(tok) or tok in HEAD_LABEL or tok in _title_words():
        return False
    if tok.isupper() and len(tok) > 1 and not tok.isalpha():
        return False
    return not any(ch.isdigit() for ch in tok)


def _span(text: str, s: int, e: int, label: str, source: str) -> Span:
    return Span(s, e, label, text[s:e], source, confidence_for(source))


# --------------------------------------------------------------------------- persons


@cache
def _title_re() -> re.Pattern[str]:
    forms = set(gazetteer.titles()) | {t.lower() for t in gazetteer.titles()}
    alt = trie_regex(forms)
    return re.compile(r"(?<![\w-])(?:" + alt + r")(?![\w-])(?=[^\S\n]+(?:[A-Z]|(?:to|of|at|for)[^\S\n]))")


_APPOS_TITLES = (
    r"(?i:(?:the\s+|a\s+|an\s+)?(?:former\s+|then\s+|acting\s+|current\s+|first\s+|executive\s+|honorary\s+)?"
    r"(?:deputy|vice|chief|senior|executive|general|head|member|representative|expert|founder|associate|"
    r"assistant|director|chairman|chairwoman|chair|president|minister|ambassador|secretary|spokesperson|"
    r"spokesman|spokeswoman|governor|mayor|professor|researcher|analyst|economist|ceo|manager|partner|"
    r"prime\s+minister|premier|leader|envoy|consul|commissioner|dean|editor|correspondent|advisor|adviser|"
    r"counsellor|counselor|akim|hokim|deputy\s+prime\s+minister|first\s+deputy|secretary-general|"
    r"director-general|head\s+of|chief\s+executive))\b"
)
_NAME2 = r"[A-Z][A-Za-z'’]*(?:-[A-Z][A-Za-z'’]*)?(?:[^\S\n]+[A-Z][A-Za-z'’]*(?:-[A-Z][A-Za-z'’]*)?)"


@cache
def _appos_re() -> re.Pattern[str]:
    demonym = r"(?:(?:" + trie_regex(gazetteer.demonyms()) + r")\s+)?"
    return re.compile(
        rf"(?<![\w’'-])(?P<name>{_NAME2})\s*,\s+(?:(?:the\s+)?[A-Z][\w-]*(?:\s[A-Z][\w-]*)?['’]s\s+)?"
        rf"{demonym}{_APPOS_TITLES}"
    )


SAID_AFTER_RE = re.compile(
    rf"\b(?:said|says|according\s+to|noted|added)\s+(?P<name>{_NAME2})(?=\s*[,.;:)]|\s+on\b|\s+at\b|\s+in\b)"
)
MET_RE = re.compile(
    rf"\b(?:met|meets|meeting|received|receives|talks|talked)\s+(?:with\s+)?(?P<name>{_NAME2})(?=[^\S\n]*[,.;:)]|\s+(?:on|in|at|and|who|to)\b)"
)
SAID_BEFORE_RE = re.compile(
    rf"(?<![\w’'-])(?P<name>{_NAME2})\s+(?:said|says|noted|added|stressed|told|stated|emphasized|emphasised|"
    r"pointed\s+out|remarked|explained|underlined|highlighted|announced|urged|believes|thinks)\b"
)
BYLINE_RE = re.compile(
    r"(?m)^[^\S\n]*(?:By|BY|Written by|Reporter:?|Author:|Authors:|Editor:|Photo by|Text by)[^\S\n]+"
    r"(?P<name>[A-Z][A-Za-z'’-]+(?:[^\S\n]+[A-Z][A-Za-z'’-]+){1,2})"
    r"(?:[^\S\n]*(?:,|and|&)[^\S\n]*(?P<name2>[A-Z][A-Za-z'’-]+[^\S\n]+[A-Z][A-Za-z'’-]+)(?![\w'’-]))?"
)
CREDIT_RE = re.compile(
    r"\b(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Cc]ompiled|[Tt]ranslated|[Pp]hotos?|[Vv]ideo|[Rr]eported|[Ww]ritten)"
    r"[^\S\n]+by[^\S\n]+(?P<name>[A-Z][A-Za-z'’-]+(?:[^\S\n]+[A-Z][A-Za-z'’-]+){1,2})"
)
CONTACT_RE = re.compile(r"(?m)^[^\S\n]*(?P<name>[A-Z][a-z]+(?:-[a-z]+)?\s+[A-Z][a-z]+(?:-[a-z]+)?),[^\S\n]*$")


def _clean_person(text: str, toks: list[tuple[int, int, str]], mask: _Mask) -> tuple[int, int] | None:
    # strip a trailing possessive, leading sentence starters
    while toks and toks[0][2] in _NOT_NAME:
        toks = toks[1:]
    if not toks:
        return None
    s, e = toks[0][0], toks[-1][1]
    last = toks[-1][2]
    if last.endswith(("'s", "’s")):
        e -= 2
    if any(
        not _person_token(t[2].removesuffix("'s").removesuffix("’s"))
        and not (i and _HYPHEN_GIVEN_RE.fullmatch(t[2].removesuffix("'s").removesuffix("’s")))
        for i, t in enumerate(toks)
    ):
        return None
    if mask.hit(s, e):
        return None
    return s, e


# a Korean given name after the family name: "Kim Dong-cheol", "Lee Jae-yong" (its second
# part is lower case); "-made", "-owned" and the like are modifiers, not names
_HYPHEN_GIVEN_RE = re.compile(
    r"[A-Z][a-z]{1,5}-(?!(?:made|owned|based|led|funded|backed|run|built|style|related|speaking|language|"
    r"born|era|bound|oriented|type|class|level|scale|term|wide)$)[a-z]{2,5}"
)


def title_person(text: str, spans: list[Span]) -> list[Span]:
    """PERSON after a title: "President Xi Jinping", "ambassador to China Saidzoda Zohir"."""
    mask = _Mask(len(text), spans, frozenset({"PERSON"}))
    out: list[Span] = []
    for m in _title_re().finditer(text):
        _ls, le = _line_bounds(text, m.end(), 0, 160)
        toks = _tokens(text, m.end(), le)[:12]
        if not toks:
            continue
        mid = False
        i = 0
        if toks[0][2] in ("to", "of", "at", "for"):
            mid = True
            i = 1
            if i < len(toks) and toks[i][2] == "the":
                i += 1
        run: list[tuple[int, int, str]] = []
        while i < len(toks):
            t = toks[i][2]
            if (
                _name_token(t)
                or (t.endswith(("'s", "’s")) and is_cap_word(t))
                or (len(run) == 1 and _HYPHEN_GIVEN_RE.fullmatch(t))
            ):
                run.append(toks[i])
                if t.endswith(("'s", "’s")):
                    break
            elif mid and t in ("of", "the", "and", "in", "to") and run:
                run.append(toks[i])
            else:
                break
            i += 1

        # the name ends a run of capitalised words: the person-like words at the end of the
        # first run (between connectors) that has two of them ("of Industry and Trade Denis Manturov")
        def person_like(tok: tuple[int, int, str], first: object = run[0] if run else None) -> bool:
            bare = tok[2].removesuffix("'s").removesuffix("’s")
            if tok is not first and _HYPHEN_GIVEN_RE.fullmatch(bare):
                return not mask.hit(tok[0], tok[1])
            return (
                not mask.hit(tok[0], tok[1])
                and _person_token(bare)
                and not (bare.isupper() and len(bare) > 1)
            )

        segments: list[list[tuple[int, int, str]]] = [[]]
        for tok in run:
            if tok[2] in ("of", "the", "and", "in", "to"):
                segments.append([])
            else:
                segments[-1].append(tok)
        cand = []
        for seg in segments:
            tail: list[tuple[int, int, str]] = []
            for tok in reversed(seg):
                if not person_like(tok):
                    break
                tail.insert(0, tok)
            if mid:
                # "Minister of Economic Development and Trade Zavqi Zavqizoda": words of the
                # title's complement (names of offices and sectors) are not the person
                while tail and tail[0][2] in _complement_words():
                    tail = tail[1:]
                if len(tail) >= 2:
                    cand = tail[-2:]
                    break
            else:
                if seg and tail and tail[0] is seg[0]:
                    cand = tail[:2]
                break
        if not cand:
            continue
        se = _clean_person(text, cand, mask)
        if se:
            out.append(_span(text, *se, "PERSON", "rule:title-person"))
    return out


_SAID_VERB_RE = re.compile(
    r"\s(?:said|says|noted|added|stressed|told|stated|emphasized|emphasised|pointed\s+out|remarked|explained|"
    r"underlined|highlighted|announced|urged|believes|thinks)\b"
)
_CREDIT_BY_RE = re.compile(r"[^\S\n]+by[^\S\n]+[A-Z]")


def _anchored(
    regex: re.Pattern[str], anchor: re.Pattern[str], text: str, back: int, fwd: int = 0
) -> list[re.Match[str]]:
    """The matches of ``regex`` that contain a match of the cheap ``anchor`` (a reporting verb,
    "by"): searched only in a window before each anchor, then re-matched on the whole text."""
    out: dict[int, re.Match[str]] = {}
    for a in anchor.finditer(text):
        pos = max(0, a.start() - back)
        while True:
            m = regex.search(text, pos, a.end() + fwd)
            if m is None:
                break
            full = regex.match(text, m.start())
            if full is not None and full.start() <= a.start() and full.end() >= a.end():
                out.setdefault(full.start(), full)
                break
            pos = m.start() + 1
    return [out[k] for k in sorted(out)]


def _regex_person(
    text: str, spans: list[Span], regex: re.Pattern[str], source: str, anchor: re.Pattern[str] | None = None
) -> list[Span]:
    mask = _Mask(len(text), spans, frozenset({"PERSON"}))
    out = []
    for m in regex.finditer(text) if anchor is None else _anchored(regex, anchor, text, 120):
        s, e = m.span("name")
        toks = _tokens(text, s, e)
        if len(toks) < 2 or any(t[2] in ("-", "–") for t in toks):
            continue
        se = _clean_person(text, toks, mask)
        if se and len(_tokens(text, *se)) >= 2:
            out.append(_span(text, *se, "PERSON", source))
    return out


def appositive_person(text: str, spans: list[Span]) -> list[Span]:
    """PERSON before ", deputy director of …" / ", First Deputy Prime Minister of …"."""
    return _regex_person(text, spans, _appos_re(), "rule:appositive-person")


def said_person(text: str, spans: list[Span]) -> list[Span]:
    """PERSON around reporting verbs: "said Jamshid Kuchkarov", "Du Zhenli said"."""
    return (
        _regex_person(text, spans, SAID_AFTER_RE, "rule:said-person")
        + _regex_person(text, spans, SAID_BEFORE_RE, "rule:said-person", _SAID_VERB_RE)
        + _regex_person(text, spans, MET_RE, "rule:said-person")
    )


def byline_person(text: str, spans: list[Span]) -> list[Span]:
    """PERSON in bylines ("By WANG Xiaoxia") and media-contact lines ("Liu Gehua,")."""
    mask = _Mask(len(text), spans, frozenset({"PERSON"}))
    out = []
    found: list[tuple[int, int]] = []
    for regex in (BYLINE_RE, CREDIT_RE, CONTACT_RE):
        found_by = (
            _anchored(regex, _CREDIT_BY_RE, text, 40, 80) if regex is CREDIT_RE else regex.finditer(text)
        )
        for m in found_by:
            found.append(m.span("name"))
            if "name2" in regex.groupindex and m.group("name2"):
                found.append(m.span("name2"))
    for s, e in found:
        toks = _tokens(text, s, e)
        if any(t[2] in _NOT_NAME or t[2] in HEAD_LABEL for t in toks) or mask.hit(s, e):
            continue
        out.append(_span(text, s, e, "PERSON", "rule:byline-person"))
    return out


# ---- names recognisable by their shape: "Aigerim Sultanova", "Zhang Hanhui"

_SURNAME_SUFFIX_RE = re.compile(
    r"^[A-Z][a-z]+(?:ov|ev|yev|iev|ova|eva|yeva|ieva|uly|kyzy|zoda|zade|zada|enko|skiy|sky|dze|shvili|yan|bekov|bayev|bayeva)$"
)
_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxzcsryw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|e|i|o|u|ü|v)"
)
_PINYIN_RE = re.compile(rf"^(?:{_PINYIN_SYLLABLE}){{1,3}}$")
_PREV_WORD_RE = re.compile(r"([A-Za-z][\w'’-]*)[^\S\n]$")
_SHAPE_RE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[^\S\n]([A-Z][a-zü]+)(?![\w'’-])")


def _shape_person(first: str, second: str) -> bool:
    if first in CHINESE_SURNAMES and _PINYIN_RE.match(second.lower()) and len(second) <= 9:
        return True
    return bool(_SURNAME_SUFFIX_RE.match(second))


def shape_person(text: str, spans: list[Span]) -> list[Span]:
    """PERSON from the shape of a two-word name: a Central Asian or Russian surname ending
    ("-ov", "-eva", "-uly", "-zoda") or a Chinese surname with a pinyin given name."""
    mask = _Mask(len(text), spans, frozenset({"PERSON"}))
    out = []
    for m in _SHAPE_RE.finditer(text):
        first, second = m.group(1), m.group(2)
        if not _shape_person(first, second):
            continue
        if not (_person_token(first) and _person_token(second)) or mask.hit(*m.span()):
            continue
        # not inside a longer capitalised sequence ("Kazakhstan Temir Zholy")
        prev = _PREV_WORD_RE.search(text, max(0, m.start() - 40), m.start())
        if (
            prev
            and _name_token(prev.group(1))
            and prev.group(1) not in _title_words()
            and not mask.hit(prev.start(1), prev.end(1))
        ):
            continue
        nxt = _NEXT_WORD_RE.match(text, m.end())
        if nxt and _name_token(nxt.group(1)):
            continue
        out.append(_span(text, *m.span(), "PERSON", "rule:name-shape"))
    return out


# --------------------------------------------------------------------------- head-word names


def _sentence_initial(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in "\n.!?:“\"'‘(" or text[j] == "\u201c"


_SMALL_WORDS = frozenset("a an the of and in on for to with at by as from into via or vs amid over".split())  # noqa: SIM905
_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")


def _title_case_line(text: str, pos: int, cache_: dict[int, bool]) -> bool:
    """Is the line around ``pos`` a Title Case Headline? There capitals say little about names."""
    ls = text.rfind("\n", 0, pos) + 1
    if ls in cache_:
        return cache_[ls]
    le = text.find("\n", pos)
    line = text[ls : le if le != -1 else len(text)]
    words = [w for w in _WORD_RE.findall(line[:400]) if w.lower() not in _SMALL_WORDS]
    caps = sum(1 for w in words if w[0].isupper())
    out = len(words) >= 4 and caps >= 0.8 * len(words) and not line.rstrip().endswith(".")
    cache_[ls] = out
    return out


_UNDER_RE = re.compile(
    r"[^\S\n]under[^\S\n]the[^\S\n](?:President|Government|Cabinet[^\S\n]of[^\S\n]Ministers)"
    r"[^\S\n]of[^\S\n](?:the[^\S\n])?"
)
_OF_COUNTRY_RE = re.compile(r"[^\S\n]of[^\S\n](?:the[^\S\n])?")
# "Committee of Kazakhstan's Ministry of …": the possessive country belongs to the next name
_COUNTRY_POSSESSIVE_RE = re.compile(r"['’]s?(?![\w])")
_IN_PLACE_RE = re.compile(r"[^\S\n]in[^\S\n](?:the[^\S\n])?")
_COMPANY_SUFFIX_RE = re.compile(
    r"(?:(?:(?<=\bLtd)|(?<=\bInc)|(?<=\bCorp)|(?<=\bCo))\.)?"
    r"(?:(?:,[^\S\n]?|[^\S\n])(?:(?:Ltd|Inc|Corp|Co)\.?|LLC|LLP|JSC|PJSC|OJSC|CJSC|PLC|AG|GmbH|Limited)(?![\w]))*"
)
_BORDER_CENTRE_RE = re.compile(r"(?:Border|Boundary|Cross-[Bb]order)[^\S\n]+Cooperation[^\S\n]+Cent(?:er|re)$")
_DIPLOMATIC = frozenset({"Embassy", "Consulate", "Consulate General", "Mission"})


def _org_qualifiers(
    text: str, end: int, head: str, country_starts: dict[int, int], place_starts: dict[int, int]
) -> int:
    """Extend an organisation name over the parts an official name carries after it: "of
    Kazakhstan" after a head-only name, "under the President of Uzbekistan", "in Kazakhstan"
    after an embassy, and company suffixes ("Co., Ltd.", "JSC")."""
    m = _OF_COUNTRY_RE.match(text, end)
    if m and m.end() in country_starts and not _COUNTRY_POSSESSIVE_RE.match(text, country_starts[m.end()]):
        end = country_starts[m.end()]
    m = _UNDER_RE.match(text, end)
    if m and m.end() in country_starts and not _COUNTRY_POSSESSIVE_RE.match(text, country_starts[m.end()]):
        end = country_starts[m.end()]
    if head in _DIPLOMATIC:
        m = _IN_PLACE_RE.match(text, end)
        if m and m.end() in place_starts:
            end = place_starts[m.end()]
    m = _COMPANY_SUFFIX_RE.match(text, end)
    if m:
        end = m.end()
    return end


_ORDINALS_CAP = "|".join(ORDINAL_WORDS + [w.capitalize() for w in ORDINAL_WORDS])
_EVENT_EDITION_RE = re.compile(rf"(?<![\w-])(?:\d{{1,3}}(?:st|nd|rd|th)|{_ORDINALS_CAP})[^\S\n]+$")


def event_edition(text: str, spans: list[Span]) -> list[Span]:
    """An edition ordinal stays inside an event name: "third Belt and Road Forum for
    International Cooperation", "Second China-Central Asia Summit", "5th China-Eurasia Expo"."""
    out: list[Span] = []
    for s in spans:
        if s.label != "EVENT":
            continue
        m = _EVENT_EDITION_RE.search(text, max(0, s.start - 16), s.start)
        if m:
            out.append(_span(text, m.start(), s.end, "EVENT", "rule:event-suffix"))
    return out


_OFFICIAL_KINDS = frozenset({"ministry", "agency", "government", "parliament", "central bank", "council"})


@cache
def _official_orgs() -> frozenset[str]:
    """Surfaces of listed state bodies, whose official name carries "of <country>"."""
    out: set[str] = set()
    for row in gazetteer.rows("orgs"):
        if (row.get("kind") or "").strip() in _OFFICIAL_KINDS:
            for name in [row.get("name") or "", *gazetteer.split_aliases(row.get("aliases"))]:
                out |= variants(name.strip())
    return frozenset(out)


def org_qualifier(text: str, spans: list[Span]) -> list[Span]:
    """A listed organisation with its official qualifier is one ORG: "Halk Maslahaty of
    Turkmenistan", "Ministry of Foreign Affairs of China", "Statistics Agency under the President
    of Uzbekistan", "China State Railway Group Co., Ltd." (the place inside gets nothing)."""
    country_starts = {s.start: s.end for s in spans if s.label == "COUNTRY"}
    place_starts = {s.start: s.end for s in spans if s.label in ("COUNTRY", "LOCATION")}
    out: list[Span] = []
    official = _official_orgs()
    for s in spans:
        if s.label != "ORG" or not s.source.startswith("gazetteer") or s.text.isupper():
            continue
        head = s.text.rsplit(None, 1)[-1]
        if s.text in official:
            end = _org_qualifiers(text, s.end, head, country_starts, place_starts)
        else:
            # "CNPC of China" is a company and where it is from; only its legal suffix joins it
            m = _COMPANY_SUFFIX_RE.match(text, s.end)
            end = m.end() if m else s.end
        if end > s.end:
            out.append(_span(text, s.start, end, "ORG", "rule:org-suffix"))
    return out


#: "… Metallurgical Plant", "… Tractor Plant": an enterprise (ORG), not a power-plant project
_ENTERPRISE_WORDS = frozenset(
    [
        "Metallurgical",
        "Tractor",
        "Automobile",
        "Chemical",
        "Cement",
        "Machine-Building",
        "Engineering",
        "Aluminium",
        "Aluminum",
        "Steel",
        "Iron",
        "Mining",
        "Processing",
        "Refining",
        "Textile",
        "Glass",
        "Pharmaceutical",
        "Tyre",
        "Tire",
        "Electrotechnical",
        "Mechanical",
        "Locomotive",
        "Car-Building",
        "Wagon-Building",
        "Carriage",
        "Metal",
        "Copper",
        "Zinc",
        "Gold",
        "Titanium",
        "Magnesium",
    ]
)
_JOINT_VENTURE_RE = re.compile(
    r"(?<![\w'’-])(?:the|The)[^\S\n]+(?P<name>[A-Z][\w'’-]+(?:[^\S\n][A-Z][\w'’-]+)?)[^\S\n]+"
    r"(?:[a-z][\w-]*[^\S\n]+){0,3}(?:joint[^\S\n]+venture|JV)(?![\w])"
)


def joint_venture(text: str, spans: list[Span]) -> list[Span]:
    """ORG: the name of a joint venture ("the Zeravshan gold mining joint venture")."""
    out: list[Span] = []
    if "joint venture" not in text and " JV" not in text:
        return out
    known = _Mask(len(text), [s for s in spans if s.label in ("COUNTRY", "LOCATION", "PERSON")])
    dem = gazetteer.demonyms()
    for m in _JOINT_VENTURE_RE.finditer(text):
        s0, e0 = m.span("name")
        toks = m.group("name").split()
        if known.hit(s0, e0) or any(
            t in dem or t in _NOT_NAME or ("-" in t and t.split("-")[0] in dem) for t in toks
        ):
            continue
        out.append(_span(text, s0, e0, "ORG", "rule:org-suffix"))
    return out


_NAMED_PROJECT_RE = re.compile(
    r"(?<![\w'’-])(?:the|The|its|a)[^\S\n]+(?P<name>[A-Z][\w'’-]*(?:[^\S\n][A-Z][\w'’-]*){0,3})[^\S\n]+"
    r"(?:project|programme|program|initiative|scheme)(?![\w-])"
)


_PROJECT_WORD_RE = re.compile(r" (?:project|programme|program|initiative|scheme)(?![\w-])")


def named_project(text: str, spans: list[Span]) -> list[Span]:
    """INITIATIVE: a capitalised name before a lower-case "project"/"programme" ("the Safe City
    project" → "Safe City"), unless the name is a known place, country, organisation or person,
    a demonym or a sentence starter."""
    out: list[Span] = []
    known = _Mask(len(text), [s for s in spans if s.label not in ("DATE", "MONEY", "PERCENT", "INITIATIVE")])
    dem = gazetteer.demonyms()
    matches = []
    for k in _PROJECT_WORD_RE.finditer(text):
        m = _NAMED_PROJECT_RE.search(text, max(0, k.start() - 80), k.end())
        while m and m.end() != k.end():
            m = _NAMED_PROJECT_RE.search(text, m.start() + 1, k.end())
        if m:
            matches.append(m)
    for m in matches:
        s0, e0 = m.span("name")
        toks = m.group("name").split()
        if known.hit(s0, e0) and not (known.exact(s0, e0) and toks[-1] in HEAD_LABEL):
            # a known name alone is not the project's name; "Digital Kazakhstan" is
            words = [(w.start() + s0, w.end() + s0) for w in re.finditer(r"\S+", m.group("name"))]
            if all(known.hit(a, b) for a, b in words):
                continue
        if any(t in dem or t in _NOT_NAME or t.upper() == t for t in toks):
            continue
        generic = _complement_words()
        if (len(toks) == 1 and (toks[0] in generic or toks[0] in HEAD_LABEL)) or all(
            t in HEAD_LABEL or t in _title_words() for t in toks
        ):
            continue  # "the Government programme", "the State project": no name
        out.append(_span(text, s0, e0, "INITIATIVE", "rule:named-project"))
    return out


# "CAREC Corridor 1": a route number ends the name when a clause boundary follows it
_ROUTE_NUMBER_RE = re.compile(
    r"[^\S\n]\d{1,2}(?=[;:)]|[,.](?!\d)|[^\S\n]+(?:and|or|to|in|on|with|is|was|will|would|has|had|which|that|"
    r"project|route|line)\b|[^\S\n]*$)",
    re.M,
)
_INNER_ORDINALS = frozenset(
    {"First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth"}
)


def suffix_names(text: str, spans: list[Span]) -> list[Span]:
    """ORG / EVENT / INITIATIVE / LOCATION from capitalised sequences around a head word."""
    known = _Mask(len(text), [s for s in spans if s.label in ("COUNTRY", "LOCATION")])
    org_starts = {s.start for s in spans if s.label in ("ORG", "PERSON")}
    country_starts = {s.start: s.end for s in spans if s.label == "COUNTRY"}
    place_starts = {s.start: s.end for s in spans if s.label in ("COUNTRY", "LOCATION")}
    whole = _Mask(len(text), [s for s in spans if s.source.startswith("gazetteer")])
    gaz_end = {s.start: s.end for s in spans if s.source.startswith("gazetteer") and s.label == "ORG"}
    titled: dict[int, bool] = {}
    out: list[Span] = []
    for m in HEAD_RE.finditer(text):
        head = m.group()
        label, source = HEAD_LABEL[head]
        hs, he = m.span()
        ls, le = _line_bounds(text, hs, 110, 160)
        headline = _title_case_line(text, hs, titled)
        # ---- left extension
        left = _tokens(text, ls, hs)
        start = hs
        names = 0
        pending: list[tuple[int, int, str]] = []
        seen_and = False
        k = len(left) - 1
        while k >= 0:
            s0, e0, tok = left[k]
            gap = text[e0:start] if not pending else text[e0 : pending[-1][0]]
            if "\n" in gap or len(gap) > 2:
                break
            if tok == "." and k > 0 and len(left[k - 1][2]) == 1 and left[k - 1][2].isupper() and names:
                start = left[k - 1][0]  # an initial: "L.N. Gumilyov Eurasian National University"
                k -= 2
                continue
            if (
                _name_token(tok)
                or (
                    # "China Railway First Survey and Design Institute Group": an ordinal inside
                    tok in _INNER_ORDINALS
                    and names
                    and label == "ORG"
                    and k > 0
                    and _name_token(left[k - 1][2])
                )
            ) and (not headline or whole.hit(s0, e0) or tok.isupper()):
                start = s0
                names += 1
                pending = []
            elif tok in _LEFT_CONNECTORS and k > 0 and _name_token(left[k - 1][2]):
                if tok == "and" and (
                    whole.hit(left[k - 1][0], left[k - 1][1])
                    or whole.exact(start, he)
                    or left[k - 1][2] in HEAD_LABEL
                ):
                    break  # "Uzbekneftegaz and China National Petroleum Corporation": two names
                pending.append(left[k])
                seen_and = seen_and or tok == "and"
            elif (
                tok == ","
                and seen_and
                and k > 0
                and _name_token(left[k - 1][2])
                and not known.hit(left[k - 1][0], left[k - 1][1])
            ):
                pending.append(left[k])
            elif names and (
                (label == "EVENT" and _EDITION_RE.match(tok))
                or (label == "INITIATIVE" and re.match(r"^\d+(?:st|nd|rd|th)$", tok))
            ):
                start = s0
                break
            else:
                break
            k -= 1
        # a sentence-initial verb or adverb is not part of the name ("Revived China-Japan-ROK Summit")
        if names >= 2 and _sentence_initial(text, start):
            first = TOKEN_RE.match(text, start)
            if first and first.group().endswith(("ed", "ing", "ly")) and not known.hit(start, first.end()):
                nxt = TOKEN_RE.search(text, first.end())
                if nxt:
                    start = nxt.start()
                    names -= 1
        if head == "Plant" and start < hs:
            prev_word = text[start:hs].split()[-1]
            if prev_word in _ENTERPRISE_WORDS or any(w in _ENTERPRISE_WORDS for w in prev_word.split("-")):
                label, source = "ORG", "rule:org-suffix"  # "Ulba Metallurgical Plant": a company
        # ---- right extension (head-first forms: "Ministry of Commerce")
        end = he
        nxt = _NEXT_WORD_RE.match(text, he)
        if nxt and _name_token(nxt.group(1)) and not headline:
            continue  # the head word is inside a longer name ("Press Conference Homepage")
        right = _tokens(text, he, le)[:24] if nxt and nxt.group(1) in _TAIL_STARTS else []
        tail_names = 0
        if len(right) >= 2 and right[0][2] in _TAIL_STARTS and _space(text[he : right[0][0]]):
            i = 1
            if right[i][2] == "the":
                i += 1
            last_ok = he
            prev_end = right[i - 1][1]
            while i < len(right):
                s0, e0, tok = right[i]
                if len(text[prev_end:s0]) > 1 or "\n" in text[prev_end:s0]:
                    break
                if _name_token(tok):
                    if label == "ORG" and s0 in org_starts:
                        break  # "Committee of the Shanghai Cooperation Organization": two names
                    prev_word = right[i - 2][2] if right[i - 1][2] == "the" and i >= 2 else right[i - 1][2]
                    if label == "ORG" and tail_names and s0 in country_starts and prev_word == "of":
                        # "Ministry of Energy of Uzbekistan": a name that contains a place is one
                        # span; the country ends the name
                        last_ok = country_starts[s0]
                        tail_names += 1
                        break
                    last_ok = e0
                    tail_names += 1
                elif (
                    (
                        tok in ("of", "and", "for", "on", "&")
                        and i + 1 < len(right)
                        and (
                            _name_token(right[i + 1][2])
                            or (right[i + 1][2] == "the" and (tok != "and" or label == "EVENT"))
                        )
                    )
                    or (tok == "the" and right[i - 1][2] in ("of", "for", "on"))
                    or (tok == "the" and label == "EVENT" and right[i - 1][2] == "and")
                    or (
                        tok == ","
                        and label == "EVENT"
                        and i + 1 < len(right)
                        and _name_token(right[i + 1][2])
                    )
                ):
                    pass
                else:
                    break
                prev_end = e0
                i += 1
            if tail_names:
                end = last_ok
                if label == "ORG" and any(w in _ORG_HEAD_SET for w in text[he:end].split()):
                    end = he  # "Office of the Central Commission for …": the parent is its own name
                if headline and gaz_end.get(start, gaz_end.get(hs, end)) < end:
                    # a Title Case headline: capitals after a listed name are the headline's words
                    end = gaz_end.get(start, gaz_end.get(hs, end))
        if label == "INITIATIVE" and (names or tail_names):
            m_num = _ROUTE_NUMBER_RE.match(text, end)
            if m_num:
                end = m_num.end()  # "CAREC Corridor 1", "Line 2"
        if label == "ORG" and (names or tail_names):
            end = _org_qualifiers(text, end, head, country_starts, place_starts)
        if names == 0 and tail_names == 0:
            continue
        if names == 0 and label == "EVENT" and tail_names:
            # "Fourth Meeting of China-Central Asia Foreign Ministers": an edition names it
            ed = _EVENT_EDITION_RE.search(text, max(0, hs - 16), hs)
            if ed:
                start = ed.start()
                names = 1
        if names == 0 and label in ("LOCATION", "EVENT"):
            continue  # "Meeting of the Cabinet of Ministers" is a meeting, not a named event
        if start == hs and end == he:
            continue
        if label == "ORG" and _BORDER_CENTRE_RE.search(text, start, end):
            label = "INITIATIVE"  # a cross-border cooperation centre is a zone, not a body
        out.append(_span(text, start, end, label, source))
    return out


# --------------------------------------------------------------------------- infrastructure


_INFRA_MODS = (
    r"crude|oil|natural|gas|road-rail|rail|road|transport|freight|international|cross-border|multimodal|"
    r"transit|power|transmission|high-speed|electricity|motor|automobile|logistics|economic|energy|"
    r"fiber-optic|optical|cable|water|container|passenger|cargo|express|trans-border|border"
)
_INFRA_HEADS = (
    r"pipelines?|railways?|railroads?|highways?|corridors?|freight\s+trains?|express\s+trains?|"
    r"expressways?|bridges?|tunnels?|power\s+lines?|transmission\s+lines?|canal|routes?|train\s+services?|roads?"
)


# a facility named after one place: "Khorgos dry port", "Dushanbe-2 power plant",
# "Navoi free economic zone" (singular heads only: "Xinjiang industrial parks" names no one)
_FACILITY_HEADS = (
    r"dry\s+port|(?:hydro|hydroelectric|thermal|solar|wind|coal-fired|gas-fired|nuclear)?\s?power\s+(?:plant|station)|"
    r"hydropower\s+(?:plant|station|project)|hydroelectric\s+(?:plant|station)|wind\s+farm|solar\s+park|"
    r"(?:combined\s+)?heat\s+and\s+power\s+(?:plant|station)|"
    r"(?:special|free)\s+economic\s+zone|free\s+trade\s+zone|industrial\s+(?:park|zone)|technology\s+park|"
    r"logistics\s+(?:center|centre|hub)|border\s+road|HPP|TPP|CHPP|CHP|SEZ|FEZ"
)
_INFRA_HEAD_RE = re.compile(rf"\s(?:{_INFRA_HEADS})(?![\w])")
# the last word of every facility head, found fast; the full head is checked in a window before it
_FACILITY_LAST_RE = re.compile(
    r" (?:port|plant|station|farm|park|zone|center|centre|hub|road|HPP|TPP|CHPP|CHP|SEZ|FEZ)(?![\w-])"
)


@cache
def _infra_re(loose: bool = False) -> re.Pattern[str]:
    places = gazetteer.surfaces_by_label("COUNTRY") | gazetteer.surfaces_by_label("LOCATION")
    places = frozenset(p for p in places if not p.isupper() or len(p) <= 4)
    p = trie_regex(places)
    # strict: starts with a known place ("ChinaKyrgyzstanUzbekistan highway" too); loose: an
    # unknown first part before a dash ("Lolazor-Khatlon power line"), kept only when a known
    # place is inside. Atomic groups and a bounded possessive repeat keep the time linear.
    first = rf"(?>{p}|[A-Z][a-z]+(?=[-–—]))" if loose else rf"(?>{p})"
    return re.compile(
        rf"(?<![\w]){first}(?:(?>\s?[-–—+/]\s?)?(?>{p})|[-–—][A-Z][a-z]+){{1,6}}+"
        rf"(?:\s\([A-Z]{{2,8}}\))?(?:\s+(?:{_INFRA_MODS}))*\s+(?:{_INFRA_HEADS})(?![\w])"
    )


_YEAR_SUFFIX_RE = re.compile(r"[A-Za-z]-20[2-9]\d")


@cache
def _strategy_year_re() -> re.Pattern[str]:
    countries = trie_regex(p for p in gazetteer.surfaces_by_label("COUNTRY") if not p.isupper())
    return re.compile(rf"(?<![\w-])(?:[A-Z][a-z]+[^\S\n])?(?:{countries})-20[2-9]\d(?![\w-])")


def strategy_year(text: str, spans: list[Span]) -> list[Span]:
    """INITIATIVE: a national programme named by country and target year ("Digital Uzbekistan-2030")."""
    out: list[Span] = []
    if not _YEAR_SUFFIX_RE.search(text):
        return out
    for m in _strategy_year_re().finditer(text):
        s0 = m.start()
        first = text[s0 : text.find(" ", s0, m.end())] if " " in m.group() else ""
        if first and (first in _NOT_NAME or first in gazetteer.demonyms()):
            s0 += len(first) + 1
        out.append(_span(text, s0, m.end(), "INITIATIVE", "rule:strategy-year"))
    return out


@cache
def _facility_re() -> re.Pattern[str]:
    # named after a city or site, not a country ("a Kazakhstan power plant" is no name)
    places = gazetteer.surfaces_by_label("LOCATION")
    p = trie_regex(frozenset(x for x in places if not x.isupper()))
    return re.compile(
        rf"(?<![\w'’-])(?>{p})(?:[-–—](?:\d{{1,2}}|[A-Z][a-z]+))?[^\S\n]+(?:{_FACILITY_HEADS})(?![\w-])"
    )


def infrastructure(text: str, spans: list[Span]) -> list[Span]:
    """INITIATIVE: a place compound with a lower-case infrastructure head; at least one part
    of the compound is a known place ("Bakhty-Ayagoz railway", "Lolazor-Khatlon power line")."""
    out: list[Span] = []
    if _INFRA_HEAD_RE.search(text):
        places = _Mask(len(text), [s for s in spans if s.label in ("COUNTRY", "LOCATION")])
        for m in _infra_re().finditer(text):
            out.append(_span(text, *m.span(), "INITIATIVE", "rule:infrastructure"))
        for m in _infra_re(loose=True).finditer(text):
            if places.hit(*m.span()):
                out.append(_span(text, *m.span(), "INITIATIVE", "rule:infrastructure"))
    rx = _facility_re()
    for h in _FACILITY_LAST_RE.finditer(text):
        # the place name sits just before the head: search a short window only
        for m in rx.finditer(text, max(0, h.start() - 72), h.end()):
            if m.end() == h.end():
                out.append(_span(text, *m.span(), "INITIATIVE", "rule:infrastructure"))
    return out


_KIND_HEADS = frozenset({"pipeline", "railway", "highway", "corridor", "road"})
_KIND_HEAD_RE = re.compile(r"[^\S\n]+(pipeline|railway|highway|corridor|road)(?![\w-])")


@cache
def _initiative_kinds() -> dict[str, str]:
    """Surface → kind of listed initiatives whose kind is an infrastructure head noun."""
    out: dict[str, str] = {}
    for row in gazetteer.rows("initiatives"):
        kind = (row.get("kind") or "").strip()
        if kind in _KIND_HEADS:
            for name in [row.get("name") or "", *gazetteer.split_aliases(row.get("aliases"))]:
                for v in variants(name.strip()):
                    out[v] = kind
    return out


def kind_head(text: str, spans: list[Span]) -> list[Span]:
    """A listed pipeline/railway named with its own head noun is one INITIATIVE: "Power of
    Siberia pipeline" (the head must be the row's kind: "Belt and Road project" stays apart)."""
    kinds = _initiative_kinds()
    out: list[Span] = []
    for s in spans:
        if s.label != "INITIATIVE" or not s.source.startswith("gazetteer"):
            continue
        m = _KIND_HEAD_RE.match(text, s.end)
        if m and kinds.get(s.text) == m.group(1):
            out.append(_span(text, s.start, m.end(), "INITIATIVE", "rule:infrastructure"))
    return out


_PLACE_CUE_RE = re.compile(
    r"\b(?:village|town|city|settlement|district|region|province|county|oblast|port|villages|towns)"
    r"[^\S\n]+of[^\S\n]+(?P<name>[A-Z][a-z]+(?:[-–][A-Z][a-z]+)?(?:[^\S\n][A-Z][a-z]+)?)"
    r"|(?P<lake>\b(?:Lake|Mount|Mt\.|Cape|Port)[^\S\n]+[A-Z][a-z]+(?:[-–][A-Z][a-z]+)?)"
)


def place_cue(text: str, spans: list[Span]) -> list[Span]:
    """LOCATION after "the village/town/city of …", and "Lake …"/"Mount …" names."""
    mask = _Mask(len(text), spans)
    out = []
    for m in _PLACE_CUE_RE.finditer(text):
        group = "name" if m.group("name") else "lake"
        s0, e0 = m.span(group)
        toks = text[s0:e0].split()[(1 if group == "lake" else 0) :]
        if any(t in _NOT_NAME or t in HEAD_LABEL for t in toks) or mask.hit(s0, e0):
            continue
        out.append(_span(text, s0, e0, "LOCATION", "rule:place-cue"))
    return out


# --------------------------------------------------------------------------- acronyms


ACRONYM_RE = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9&.-]*[A-Za-z0-9.])\s*\)")


def _caps_of(tok: str) -> str:
    return "".join(ch for ch in tok if ch.isupper())


def _covering(resolved: list[Span], starts: list[int], start: int, end: int) -> Span | None:
    """The name span (not a number or date) that strictly contains ``start:end``, if any."""
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0:
        s = resolved[i]
        if s.start < start and s.end >= end and s.label in ("ORG", "EVENT", "INITIATIVE"):
            return s
    return None


def acronym_def(text: str, spans: list[Span]) -> list[Span]:
    """ "Long Name (ACR)": the long name and every use of ACR get one label."""
    resolved = resolve(spans)
    by_end = {s.end: s for s in resolved if s.label not in ("DATE", "MONEY", "PERCENT")}
    starts = [s.start for s in resolved]
    out: list[Span] = []
    defined: dict[str, str] = {}
    for m in ACRONYM_RE.finditer(text):
        acr = m.group("acr")
        if sum(ch.isupper() for ch in acr) < 2 or len(acr) > 15:
            continue
        j = m.start()
        while j > 0 and text[j - 1] == " ":
            j -= 1
        inside = _covering(resolved, starts, m.start(), m.end())
        if inside is not None:
            # "China-Kyrgyzstan-Uzbekistan (CKU) railway": the acronym of the name around it
            defined.setdefault(acr, inside.label)
            continue
        prev = by_end.get(j)
        if prev is not None and not (prev.label in ("COUNTRY", "LOCATION") and acr[0] != prev.text[0]):
            defined.setdefault(acr, prev.label)
            continue
        # guess the long form from initials
        ls, _ = _line_bounds(text, j, 200, 0)
        toks = [t for t in _tokens(text, ls, j) if t[2] != ","][-10:]
        best = None
        for k in range(len(toks) - 1, -1, -1):
            t = toks[k][2]
            if not (_name_token(t) or t in ("of", "and", "for", "the", "&", "on")):
                break
            if not _name_token(t):
                continue
            caps = "".join(_caps_of(x[2]) for x in toks[k:] if _name_token(x[2]))
            it = iter(caps)
            if t[0] == acr[0] and all(ch in it for ch in acr if ch.isupper()):
                best = k
                break
        if best is None:
            continue
        s0 = toks[best][0]
        last = toks[-1][2]
        label = HEAD_LABEL.get(last, ("ORG", ""))[0]
        out.append(_span(text, s0, j, label, "rule:acronym-def"))
        defined.setdefault(acr, label)
    if defined:
        rx = re.compile(
            r"(?<![\w])(?:"
            + "|".join(re.escape(a) for a in sorted(defined, key=len, reverse=True))
            + r")(?![\w])"
        )
        for m in rx.finditer(text):
            out.append(_span(text, *m.span(), defined[m.group()], "rule:acronym-def"))
    return out


# --------------------------------------------------------------------------- propagation


def propagate(text: str, spans: list[Span]) -> list[Span]:
    """Later mentions of names found by rules: full names, and persons' surnames ("Huo")."""
    resolved = resolve(spans)
    surfaces: dict[str, tuple[str, str]] = {}
    for s in resolved:
        if s.label == "PERSON":
            toks = s.text.split()
            if len(toks) >= 2:
                surfaces.setdefault(s.text, ("PERSON", "propagate:name"))
                first, last = toks[0], toks[-1]
                sur = first if (first.capitalize() in CHINESE_SURNAMES and len(toks) == 2) else last
                if sur[:1].isupper() and sur not in _NOT_NAME and len(sur) >= 2:
                    surfaces.setdefault(sur, ("PERSON", "rule:person-repeat"))
        elif (
            s.label in ("ORG", "EVENT", "INITIATIVE", "LOCATION")
            and s.source.startswith("rule:")
            and s.text[:1].isupper()
        ):
            surfaces.setdefault(s.text, (s.label, "propagate:name"))
    if not surfaces:
        return []
    rx = re.compile(
        r"(?<![\w'’-])(?:"
        + "|".join(re.escape(x) for x in sorted(surfaces, key=len, reverse=True))
        + r")(?![\w]|['’]\w\w)"
    )
    return [_span(text, *m.span(), *surfaces[m.group()]) for m in rx.finditer(text)]
