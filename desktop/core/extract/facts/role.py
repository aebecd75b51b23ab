"""Person roles: "Huo Fupeng, deputy director of the X at the Y", "Chinese President Xi Jinping",
"Tajikistan's ambassador to China Saidzoda Zohir", "Secretary-General of the SCO Vladimir Norov".
One role per person per document (a short name that is part of a known full name is the same
person).

Country, when the sentence does not give it before the name: "President X of Kazakhstan" (the
country right after the name), "Uzbekistan's Ministry of …, headed by Minister X" (the heading
organisation and its possessive), else the project's people gazetteer
(``data/gazetteers/people.csv``) when it lists the person with the same title ("President
Kassym-Jomart Tokayev" → KAZ): a known office-holder named by that office belongs to its country. A "Minister of …" or a bare
"(Deputy) Prime Minister" with no country is the home country's.

An organisation's country: a known national body, else a country named in it — not a demonym naming
what is studied ("Institute of Russian and Central Asian Studies") — else a city or province in it
("… at the Shanghai Institutes …" → CHN), else "<org> of <Country>'s …" elsewhere in the document.
"(ACR) Chairman X": the acronym is the organisation.
"""

from __future__ import annotations

import csv
import re
from functools import cache

from desktop.core.extract.facts.context import DocContext, Sentence
from desktop.core.extract.facts.parties import country_in, lookup
from desktop.core.paths import data_path

TITLE_WORDS = (
    r"president|vice[\s-]president|prime\s+minister|premier|minister|deputy|ambassador|envoy|consul(?:\s+general)?|"
    r"director(?:[\s-]general)?|head|chair(?:man|woman|person)?|secretary(?:[\s-]general)?|governor|mayor|akim|hokim|"
    r"ceo|cfo|coo|chief|executive|general\s+manager|manager|founder|co-founder|spokes(?:person|man|woman)|"
    r"commissioner|representative|counsel(?:l?or)|adviser|advisor|speaker|senator|deputy|undersecretary|"
    r"vice[\s-](?:chairman|minister|premier|governor|mayor|chair)|professor|researcher|analyst|economist|expert|"
    r"fellow|dean|rector|editor|correspondent|leader|king|emir|chancellor|officer|partner|attaché|attache|"
    r"member|lawmaker|deputy\s+head|press\s+secretary|state\s+councilor|councilor|councillor"
)
_TITLE_START = re.compile(rf"(?:(?:former|acting|then|first|deputy|vice|executive|senior|chief|special|permanent|general|honorary|incumbent|newly\s+appointed)[\s-]+)*(?:{TITLE_WORDS})\b", re.I)

# After the name: ", deputy director of the Department of Industry at the NDRC,"
_AFTER = re.compile(
    rf"\s*,\s*(?:the\s+|a\s+|an\s+)?(?P<cpre>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?['’]s\s+)?(?P<title>{_TITLE_START.pattern}(?:[\s-]+(?:{TITLE_WORDS}|general|of\s+state))*"
    r"(?:\s+of\s+the\s+(?:Management\s+|Supervisory\s+|Executive\s+)?Board)?"
    r"(?:\s+to\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)?)"
    r"(?:\s+(?:of|at|for|in|with)\s+(?:the\s+)?(?P<org>[A-Z][^,;:()“”\"]*?))?"
    r"\s*(?=,|;|:|\.(?:\s|$)|\)|$|\s+(?:who|said|says|told|noted|stressed|added|pointed|stated|while|when|during|in\s+an?\b)\b)",
    re.I,
)
_LEADING_TITLE = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+|(?:(?:Former|Acting|Deputy|Vice|First|Prime|Foreign|President|Minister|Premier|"
    r"Ambassador|Chairman|Governor|Mayor|Secretary|General|Director|Head|Senator|Speaker|CEO)\s+)+)"
)
_ORG_STOP = re.compile(r"\s+(?:who|said|says|told|noted|stressed|added|pointed|stated|while|when|during|on|in\s+an?)\b.*$", re.I)

# Known national institutions whose name carries no country (the field's usual suspects).
NATIONAL_ORGS = {
    "National Development and Reform Commission": "CHN", "NDRC": "CHN", "MOFCOM": "CHN",
    "Ministry of Commerce": "CHN", "General Administration of Customs": "CHN", "State Council": "CHN",
    "National Bureau of Statistics": "CHN", "People's Bank of China": "CHN", "Xinhua": "CHN",
    "CGTN": "CHN", "Sinopec": "CHN", "CNPC": "CHN", "PetroChina": "CHN", "CITIC": "CHN",
    "Silk Road Fund": "CHN", "State Grid": "CHN", "COSCO": "CHN", "Kazinform": "KAZ",
    "KazMunayGas": "KAZ", "Samruk-Kazyna": "KAZ", "Kazakhstan Temir Zholy": "KAZ", "Uzbekneftegaz": "UZB",
    "Communist Party of China": "CHN", "CPC": "CHN", "NPC": "CHN", "CPPCC": "CHN",
}
INTERNATIONAL = re.compile(
    r"Shanghai Cooperation|United Nations|World Bank|International Monetary|Asian Development|Asian Infrastructure|"
    r"Eurasian|Commonwealth|World Trade|European|Organization for|Organisation for|\bSCO\b|\bUN\b|\bWTO\b|\bIMF\b|"
    r"\bEAEU\b|\bCIS\b|\bAIIB\b|\bADB\b|\bCICA\b|\bOSCE\b|\bCAREC\b|\bBRICS\b",
)

_BEFORE_WORD = re.compile(r"[\w'’.-]+|[^\w\s]")
_SKIP_BEFORE = re.compile(r"(?:,|;|:|\(|“|\"|—|–)")


_ORG_HEAD = re.compile(
    r"\b(?:Department|Ministry|Commission|Committee|Organi[sz]ation|Bank|Corp(?:oration)?|Company|Co|Group|Council|"
    r"Agency|Administration|Institute|University|Academy|Fund|Association|Cent(?:er|re)|Office|Bureau|Board|Chamber|"
    r"Authority|Service|Union|Forum|Secretariat|Party|Government|Embassy|Consulate|Ltd|Inc|LLC|JSC|Holding|"
    r"Parliament|Assembly|Senate|Mazhilis|Majlis|Railways?|Airlines?|Exchange|Federation|Foundation|Society|Court)\b"
)
_CAPS = r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*"
_PORTFOLIO = re.compile(
    rf"(?P<p>{_CAPS}(?:(?:,\s*{_CAPS})*,?\s+and\s+{_CAPS})?)"
    rf"(?:\s+of\s+(?:the\s+)?(?P<c>{_CAPS}))?"
    r"(?=\s*(?:,|;|:|\.(?:\s|$)|\)|$)|\s+(?:who|said|says|told|noted|stressed|added|while|when)\b)"
)


PORTFOLIO_WORDS = frozenset(
    ["commerce", "trade", "foreign", "affairs", "economy", "economic", "economics", "investment", "investments", "industry", "industrial", "energy", "finance", "financial", "agriculture", "transport", "transportation", "communications", "justice", "defense", "defence", "education", "science", "health", "culture", "labour", "labor", "social", "protection", "development", "digital", "innovation", "innovations", "technology", "technologies", "information", "emergency", "situations", "internal", "interior", "ecology", "environment", "natural", "resources", "water", "national", "integration", "tourism", "sport", "sports", "youth", "policy", "construction", "infrastructure", "mining", "geology", "regional", "planning", "state", "property", "railways", "roads", "budget", "taxation", "customs", "security", "relations", "international", "cooperation", "reform", "strategic", "statistics", "housing", "utilities", "family", "women", "children", "welfare", "employment", "migration", "mineral"]
)


def _is_portfolio(o: str) -> bool:
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", o) if w.lower() not in ("and", "of", "the")]
    return bool(words) and all(w in PORTFOLIO_WORDS for w in words)


def _portfolio_only(name: str) -> bool:
    """A PERSON span made of portfolio words ("Economic Development") is a piece of a title."""
    words = name.split()
    return bool(words) and all(w.lower() in PORTFOLIO_WORDS or w.lower() == "and" for w in words)


_PORTFOLIO_TAIL = re.compile(r"\s*(?:[A-Z][a-z]+\s+)*?(?:(?:and\s+)?[A-Z][a-z]+\s*)+")
_OF_PORTFOLIO = re.compile(r"\b[Oo]f\s+(?:[A-Z][a-z]+\s*)+$")


def home_country(ctx: DocContext) -> str | None:
    """The country a document is written from/about: its dateline city's, else the side of its
    bilateral pair that is not China."""
    from desktop.core.extract.facts.event import location_country

    key = "home"
    if key in ctx.cache:
        return ctx.cache[key]
    code = None
    for line in ctx.text.split("\n", 10)[:10]:
        m = re.match(r"\s*([A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+)?)\s*(?:,|\(|\s[-–—])", line)
        if m and m.group(1).isupper():
            code = location_country(m.group(1).title())[0]
            if code:
                break
    if not code and ctx.pair:
        rest = [c for c in ctx.pair if c != "CHN"]
        code = rest[0] if rest else None
    ctx.cache[key] = code
    return code


def _is_org_entity(sent: Sentence, org: str) -> bool:
    return any(e.label == "ORG" and e.text == org for e in sent.entities)


def org_country(org: str | None, ctx: DocContext) -> str | None:
    """The country an organisation belongs to, when its name or a known list says so."""
    return _org_country(org, ctx)


def _org_country(org: str | None, ctx: DocContext) -> str | None:
    if not org:
        return None
    if INTERNATIONAL.search(org) or INTERNATIONAL.search(ctx.expand(org)):
        return None
    for name, code in NATIONAL_ORGS.items():
        if name in org:
            return code
    # "Institute of Russian and Central Asian Studies at the Shanghai Institutes …": a demonym naming
    # what is studied is not the institute's country; a city in the name is.
    bare = _STUDIED.sub(" ", org)
    code = country_in(bare)
    if code:
        return code
    from desktop.core.extract.facts.event import location_country

    for m in _CAP_WORD.finditer(bare):
        for name in (m.group(), m.group().split()[0]):
            loc, kind = location_country(name)
            if loc and kind in ("city", "province", "region"):
                return loc
    # "the Tourism Industry Committee of Kazakhstan's Ministry …" earlier in the document.
    of = re.search(re.escape(org) + r"\s+(?:of|under)\s+(?:the\s+)?([A-Z][\w'’-]*)", ctx.text)
    if of:
        return lookup(of.group(1))
    return None


_STUDIED = re.compile(r"\b(?:of|for|on)\s+(?:[A-Z][\w-]*\s+(?:and\s+)?)+(?:Studies|Affairs|Research|Languages|History)\b")
_CAP_WORD = re.compile(r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?")


def _clean_org(org: str, ctx: DocContext) -> str | None:
    org = _ORG_STOP.sub("", org).strip().rstrip(".,")
    org = re.sub(r"^the\s+", "", org)
    if not org:
        return None
    return ctx.expand(org)


_OPENERS = frozenset(
    ["in", "on", "at", "during", "after", "before", "meanwhile", "also", "then", "earlier", "later", "last", "this", "today", "yesterday", "the", "a", "an", "as", "by", "citing", "according", "speaking", "meeting", "while", "when", "and", "but", "however", "moreover", "besides", "addressing", "welcoming"]
)
_CALENDAR = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)


def _is_place(word: str) -> bool:
    from desktop.core.extract.facts.event import locations

    return word.strip(",") in locations()


def _split_title(title: str, ctx: DocContext) -> tuple[str, str | None, str | None]:
    """"Secretary-General of the SCO" → (title, org, country)."""
    m = re.match(r"(?P<t>.+?(?:\s+of\s+the\s+(?:Management\s+|Supervisory\s+|Executive\s+)?Board)?)\s+(?:of|at|for)\s+(?:the\s+)?(?P<o>[A-Z].*)$", title)
    if not m:
        return title, None, None
    t, o = m.group("t"), m.group("o")
    code = lookup(o)
    if code:
        return t, None, code
    if _is_portfolio(o):
        return title, None, None  # "Vice Minister of Commerce": a portfolio, part of the title.
    return t, ctx.expand(o), None


def _before(ctx: DocContext, sent: Sentence, start: int) -> tuple[str, str | None, str | None] | None:
    """Title words right before the name: "Chinese President", "Tajikistan's ambassador to China"."""
    text = ctx.text
    floor = max(sent.start, start - 120)
    for e in sent.entities:
        if e.label == "PERSON" and floor <= e.end <= start and e.start < start and not _portfolio_only(e.text):
            floor = e.end
    chunk = text[floor:start]
    # Cut at the last clause boundary, but not inside a portfolio list ("Minister of Investment,
    # Industry and Trade").
    bounds = (",", ";", ":", "(", "“", '"', "—", "–", "\n")
    cut = max(chunk.rfind(c) for c in bounds)
    while (cut > 0 and chunk[cut] == "," and _PORTFOLIO_TAIL.fullmatch(chunk[cut + 1:]) and _portfolio_only(chunk[cut + 1:])
           and (of := _OF_PORTFOLIO.search(chunk[:cut])) and _portfolio_only(of.group()[3:])):
        cut = max(chunk.rfind(c, 0, cut) for c in bounds)
    if cut >= 0:
        chunk = chunk[cut + 1:]
    chunk = chunk.rstrip()
    if not chunk:
        return None
    words = chunk.split()
    # Walk back: keep title words, capitalised words, "of/the/to/and"; stop at other lower-case.
    keep: list[str] = []
    for w in reversed(words):
        bare = w.strip(".")
        if bare[:1].isupper() or bare.lower() in ("of", "the", "to", "and", "for") or _TITLE_START.fullmatch(bare) or re.fullmatch(TITLE_WORDS, bare, re.I) or bare.lower() in ("former", "acting", "deputy", "vice", "first", "general"):
            keep.append(w)
        else:
            break
    keep.reverse()
    while keep and keep[0].lower() in ("of", "the", "to", "and", "for"):
        keep.pop(0)
    phrase = " ".join(keep)
    m = _TITLE_START.search(phrase)
    if not m:
        return None
    lead = phrase[: m.start()].strip()
    title = phrase[m.start():].strip()
    # A leading sentence-initial capital word like "Citing" is not a country.
    country = None
    org = None
    if lead:
        lw = lead.split()
        k = next((i for i in range(len(lw) - 1, -1, -1) if lookup(lw[i])), None)
        code = lookup(lead) or (lookup(lw[k]) if k is not None else None)
        if code:
            country = code
            rest = lw[k + 1:] if k is not None and not lookup(lead) else []
            if rest and all(w[:1].isupper() for w in rest):
                title = " ".join(rest) + " " + title  # "Kazakh Foreign Minister"
        else:
            lw = lead.split()
            # Title words just before the title: "Foreign Minister", "Trade Minister".
            while lw and lw[-1].lower() in PORTFOLIO_WORDS:
                title = lw.pop() + " " + title
            # Sentence openers, days, months and places are no organisation.
            while lw and (lw[0].lower().strip(",") in _OPENERS or lw[0].lower() in _CALENDAR or _is_place(lw[0])):
                lw.pop(0)
            rest = " ".join(lw).rstrip(")").strip()  # "China National Petroleum Corp (CNPC) Chairman"
            org = rest if rest and rest[:1].isupper() and len(lw) <= 6 else None
    title, org2, c2 = _split_title(title, ctx)
    org = org2 or (ctx.expand(org) if org else None)
    country = country or c2
    if not re.search(TITLE_WORDS, title, re.I):
        return None
    return title, org, country


_OF_COUNTRY_AFTER = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})")
_HEADED_BY = re.compile(r",?\s+(?:headed|led|chaired|run)\s+by\s+(?:\w+\s+){0,3}$")


@cache
def _people() -> dict[str, tuple[str, str]]:
    """Person name/alias → (title, country) from the people gazetteer (empty when absent)."""
    out: dict[str, tuple[str, str]] = {}
    try:
        with data_path("gazetteers", "people.csv").open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                title, country = (row.get("title") or "").strip(), (row.get("country") or "").strip()
                for n in [row.get("name") or "", *(row.get("aliases") or "").split("|")]:
                    n = " ".join(n.split())
                    if n and country:
                        out.setdefault(n, (title, country))
    except (OSError, KeyError, csv.Error):
        pass
    return out


def _known_country(person: str, role: str) -> str | None:
    hit = _people().get(person)
    if not hit:
        return None
    title = re.sub(r"\s*\(.*?\)", "", hit[0]).strip().lower()
    return hit[1] if title and title == role.strip().lower() else None


_NATIONAL_OFFICE = re.compile(r"(?:(?:First\s+)?(?:Deputy|Vice)[\s-]+)?(?:(?:Prime\s+)?Minister\s+of\s+[A-Z]|Prime\s+Minister$)", re.I)


def role_facts(ctx: DocContext, sentences: list[Sentence]) -> list[tuple[str, dict, int, int, float]]:
    out = _role_facts(ctx, sentences)
    for _t, f, *_rest in out:
        if f["country"] is None and f["organization"] is None:
            f["country"] = _known_country(f["person"], f["role"])
        if f["country"] is None and f["organization"] is None and _NATIONAL_OFFICE.match(f["role"]):
            # "Minister of Economic Development and Trade X", "Deputy Prime Minister X" in a Tajik
            # article: a national office of the country the article is about.
            f["country"] = home_country(ctx)
    return out


def _role_facts(ctx: DocContext, sentences: list[Sentence]) -> list[tuple[str, dict, int, int, float]]:
    text = ctx.text
    out: list[tuple[str, dict, int, int, float]] = []
    persons: list[str] = []
    for sent in sentences:
        for e in sent.entities:
            if e.label != "PERSON":
                continue
            name = " ".join(e.text.split())
            estart = e.start
            if _portfolio_only(name):
                continue
            tm = _LEADING_TITLE.match(name)
            if tm and tm.end() < len(name):
                # The entity span swallowed a title ("Minister Olzhas Bektenov"): split it off.
                name = name[tm.end():]
                estart = e.start + (len(e.text) - len(e.text.lstrip())) + tm.end()
                estart = text.find(name.split()[0], e.start, e.end) if name else estart
            toks = set(name.split())
            if any(name == p or (toks and toks <= set(p.split())) for p in persons):
                continue
            shorter = next((k for k, p in enumerate(persons) if set(p.split()) < toks), None)
            found = None
            m = _AFTER.match(text, e.end, sent.end)
            if m:
                title = m.group("title").strip()
                org = _clean_org(m.group("org"), ctx) if m.group("org") else None
                country = lookup(m.group("cpre").strip()) if m.group("cpre") else None
                end_at = m.end()
                if org and not lookup(org) and _is_portfolio(org) and not _is_org_entity(sent, org):
                    # "Minister of Investment, Industry and Trade of Uzbekistan": a portfolio.
                    pm = _PORTFOLIO.match(text, m.start("org"), sent.end)
                    if pm:
                        title = f"{title} of {pm.group('p')}"
                        org = None
                        if pm.group("c"):
                            country = lookup(pm.group("c")) or country
                            if not country:
                                org = ctx.expand(pm.group("c"))
                        end_at = pm.end()
                if org:
                    code = lookup(org)
                    if code:
                        country, org = code, None
                country = country or _org_country(org, ctx)
                found = (title, org, country, e.start, end_at)
            else:
                b = _before(ctx, sent, estart)
                if b:
                    title, org, country = b
                    after = _OF_COUNTRY_AFTER.match(text, e.end, sent.end)
                    if after and lookup(after.group(1)):
                        country = lookup(after.group(1))  # "President X of Kazakhstan"
                    hb = _HEADED_BY.search(text, max(sent.start, estart - 40), estart)
                    if hb and not org:
                        # "Uzbekistan's Ministry of …, headed by Minister X"
                        heads = [x for x in sent.entities if x.label == "ORG" and x.end <= hb.start() and hb.start() - x.end <= 3]
                        if heads:
                            o = heads[-1]
                            org = o.text
                            pm = re.search(r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)['’]s\s+$", text[max(sent.start, o.start - 30):o.start])
                            country = country or (lookup(pm.group(1)) if pm else None)
                    country = country or _org_country(org, ctx)
                    s0 = max(sent.start, text.rfind(title.split()[0], sent.start, estart))
                    found = (title, org, country, s0, e.end)
            if shorter is not None:
                # "President Xi …" first, "Xi Jinping" later: one person, the full name; the later
                # mention fills what the first left unknown.
                old = persons[shorter]
                persons[shorter] = name
                for i, r in enumerate(out):
                    if r[1]["person"] == old:
                        merged = {**r[1], "person": name}
                        if found:
                            for k, v in zip(("organization", "country"), found[1:3], strict=True):
                                if merged[k] is None and v:
                                    merged[k] = v
                        out[i] = (r[0], merged, r[2], r[3], r[4])
                continue
            if not found:
                continue
            title, org, country, ea, eb = found
            # Whole-word title sanity: at least one title word, not a long clause.
            if len(title.split()) > 12:
                continue

            persons.append(name)
            fields = {"person": name, "role": title, "organization": org, "country": country}
            out.append(("role", fields, ea, max(eb, ea + 1), 0.8))
    return out
