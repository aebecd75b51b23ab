"""Indicators: any other figure with a number — capacities (GW, tonnes, cubic metres …), counts
of enterprises, projects, trains, flights …, "100-fold" growth.

Counts are taken only for nouns of the economic field (a whitelist), so "80 participants" or
"31 years" are no indicators; money and dates are never indicators, and a percentage only as a
stake ("China will hold 51 percent of the joint venture").

``metric`` is a short noun phrase for the thing measured or counted, in lower case (acronyms
such as GDP keep their capitals), without numbers or qualifiers:

- a measure word with up to three modifiers before the figure ("combined annual design
  capacity"), then "of" + the clause's subject when that subject is a named thing and not a
  country ("Line D of the … pipeline has a planned annual capacity of …" → "planned annual
  capacity of line d of the … pipeline"; an appositive name wins: "A fourth branch, Line D, …");
- a unit with no measure word: the unit's default measure ("length", "capacity", "volume" …),
  with the subject thing the same way ("The railway will run for 523 km" → "length of the railway");
- a count done by a subject ("China-Europe freight trains made 17,000 trips") → "china-europe
  freight train trips"; other counts → the counted noun phrase ("industrial equipment items");
- a figure reached by the clause's subject noun phrase ("Grain exports to China reached 1.1 million
  tonnes", "Rail freight through … grew 9% to 14.2 million tonnes") → that noun phrase, a leading
  possessive owner dropped (set C's convention);
- goods moved by a verb ("China imported 33.1 bcm of pipeline gas from Turkmenistan", "shipped
  305,000 cars and trucks to Central Asia") → "pipeline gas imported from turkmenistan", "cars and
  trucks shipped to central asia" (a count of cars and trucks is one of "vehicles");
- a forecast quantity ("analysts forecast that Turkmen exports to China could reach 65 bcm a year by
  2030") → "forecast turkmen exports to china", period the target year; "up from the current level
  of around 35 bcm" → "current turkmen exports to china", no period;
- a capacity before a facility ("a 1 GW solar power plant in the Samarkand region") → "capacity of
  solar power plant in the samarkand region";
- growth multiples ("100-fold", "fivefold", "seven times", "grew 2.3 times", "doubled") → unit
  "fold", metric "growth of <the clause subject>", else "growth".

Units are written out, as the gold sets do: "kilometers", "cubic meters" ("bcm" → value × 10⁹ cubic meters), "tonnes",
"GW"/"MW"/"kW"/"kWh"/"MWh"/"GWh"/"TWh", "hectares", "square meters"; counts keep their noun.

``subject`` is the country the figure belongs to: a possessive or actor demonym ("China's
platforms", "Chinese enterprises" — not a locator such as "in China's Xinjiang"), else a country
that is the clause's subject ("Turkmenistan supplied …") or leads its hyphenated subject
("China-Europe freight trains made …"), else the country of the cited source ("according to
China State Railway Group"), else none: the capacity of a pipeline or the length of a railway
through several countries belongs to none of them.

A share "X accounted for N% of Y's Z" is no trade fact (guidelines) but a percent indicator "share
of x in z" whose subject is Y (set C; the brief; the independent gold, which leaves such shares
out, is the exception).

A part of a whole ("or over 35% of all foreign direct investment received by the country", "about
60 percent of the capital's heat") is a percent indicator "share of <whole>" of the whole's owner
(else the home country); not for ranges ("20 to 30 percent"), changes, stakes or contributions
("will contribute 60 percent of the capital").

With no owner in its sentence, a figure belongs to the place it lies in ("312 km of the route lies
in Kyrgyzstan", "a plant in the Samarkand region"), else to none when it is a thing of several
countries (between, pipeline, railway, route, corridor, flights, cities, countries), else to the
document's home country — local news reports its own side's figures (set C; a bare "Volumes
reached …" is left to the figure before it). A demonym on counted visitors or on "companies with
Chinese capital" names their origin, not the owner: the host country (the clause's subject
country, a country they are "in", else the home country when the sentence says "the country").
An undated flow figure (exports, freight, trains, tourists …; not a capacity, length, reserve or
count of projects) or share takes the period of the dated figure just before it in the document,
unless it is someone's statement or about the future (said, told, will, expected, capacity …).
A share "X's share in Y's trade" belongs to Y, the owner of the whole; a demonym after "built by"
or "financed by" names the builder, not the owner.
"""

from __future__ import annotations

import re
from decimal import Decimal

from desktop.core.extract.facts.common import (
    find_change,
    parties_in,
    pick_period,
    qualifier_before,
    sentence_dates,
)
from desktop.core.extract.facts.context import DocContext, Sentence
from desktop.core.extract.facts.money import SCALE_WORDS
from desktop.core.extract.facts.parties import country_in
from desktop.core.extract.facts.units import normalise_unit

UNITS = (
    r"gigawatt[\s-]hours?|megawatt[\s-]hours?|kilowatt[\s-]hours?|gigawatts?|megawatts?|kilowatts?|GWh|MWh|kWh|TWh|GW|MW|kW|"
    r"(?:metric\s+)?tonnes?|(?:metric\s+)?tons?|barrels?(?:\s+(?:of\s+oil\s+)?per\s+day)?|"
    r"cubic\s+met(?:re|er)s?|bcm|kilomet(?:re|er)s?|km|hectares?|ha|square\s+met(?:re|er)s?|sq\.?\s*km|TEUs?|"
    r"passengers|containers|wagons|carriages"
)
NOUNS = (
    r"enterprises|companies|firms|businesses|projects|trains|train\s+trips|trips|journeys|flights|containers|items|jobs|arrivals|parcels|"
    r"agreements|contracts|deals|documents|memorand(?:a|ums)|vehicles|cars|trucks|tourists|visitors|students|"
    r"industrial\s+parks|parks|routes|warehouses|stores|shops|workers|employees|units|wells|plants|factories|"
    r"schools|hospitals|lines|stations|border\s+crossings|checkpoints|ventures|joint\s+ventures|investors|exhibitors|"
    r"products|goods|categories|tons|tonnes|pipelines|roads|bridges|houses|apartments|greenhouses|hectares"
)
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?P<scale>thousand|million|billion|trillion|mln|bln|mn|bn))?"
_MOD = r"(?:[A-Z][\w'’-]*|[a-z][\w-]*)"
_WORD_NUM = (r"(?P<wnum>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
             r"hundred|a\s+hundred|one\s+hundred)")
FOLD_WORDS_RE = re.compile(
    rf"\b(?:{_WORD_NUM}(?:-?fold\b|\s+times\b(?!\s+(?:a|an|per|each|every|in\s+a|this|that|since\s+then\b)\b))"
    r"|(?P<mult>doubled|doubling|tripled|trebled|tripling|quadrupled|quadrupling)"
    r"|(?:more\s+than\s+|nearly\s+|almost\s+)?(?P<dbl>double|triple)\s+(?=the\s+(?:number|figure|level|amount|volume)\b))",
    re.I,
)
_MULT = {"doubled": 2, "doubling": 2, "tripled": 3, "trebled": 3, "tripling": 3, "quadrupled": 4, "quadrupling": 4}
FIGURE_RE = re.compile(
    _NUM + _SCALE + r"(?:"
    r"(?P<fold>-?fold|\s+times(?!\s+(?:a|an|per|each|every|in\s+a)\b))"
    rf"|\s?(?P<unit>{UNITS})(?![\w])"
    rf"|(?P<np>(?:\s+{_MOD}){{0,4}}?\s+(?P<noun>{NOUNS}))(?![\w])"
    r")",
)
_METRIC_BEFORE = re.compile(
    r"((?:(?<![\w-])(?!(?:has|have|had|will|with|a|an|the|its|their|of|and|is|was|be|add|adds|added|expect|expects|plan|plans|want|wants|aim|aims|see|sees|increase|raise|boost|reach|double|expand|cut)\b)[a-z][\w-]*\s+){0,3}(?:capacity|length|output|production|volume|reserves|throughput|power|generation|area|"
    r"cargo|freight|traffic|transit|supply|supplies|consumption|shipments|harvest|yield))\s+(?:of|at|reached|reaching|"
    r"amounted\s+to|amounting\s+to|totall?ed|totall?ing|was|is|will\s+be|exceeded|hit|stood\s+at)\s+(?:about\s+|around\s+|over\s+|more\s+than\s+|nearly\s+|up\s+to\s+)?$",
    re.I,
)
_METRIC_WORD = re.compile(
    r"\b(?:capacity|length|output|production|volume|reserves|throughput|power|generation|area|cargo|freight|traffic|"
    r"transit|consumption|shipments|harvest|yield|supplies)\b"
)
_MODIFIERS = re.compile(
    r"((?:(?<![\w'’-])(?!(?:has|have|had|will|with|a|an|the|its|their|of|and|is|was|be|in|to|for|by|on|at|this|that|expect|expects|plan|plans|want|wants|aim|aims|see|sees|we|they|increase|raise|boost|reach|double|expand|cut)\b)[a-z][\w-]*\s+){0,2})$"
)
_AFTER_FOLD = re.compile(r"\s*(increase|growth|rise|jump|expansion)", re.I)
_STRIP_ADV = re.compile(r"^(?:a|an|the|some|about|over|nearly)\s+", re.I)
_OF_WHAT = re.compile(
    r"\s+of\s+((?:[A-Z][a-z]+\s+(?=[a-z]))?(?:(?!(?:to|in|from|for|by|was|were|a|an|the|per|each|annually|and|at|on|with|into|through|via)\b)[a-z][\w-]*\s*){1,3})"
)


def metric_case(phrase: str) -> str:
    """Lower case, acronyms kept ("GDP", "LNG"), spacing and a leading article dropped."""
    words = [w if (len(w) > 1 and w.isupper()) else w.lower() for w in phrase.split()]
    out = " ".join(words).strip(" ,;:")
    return re.sub(r"^(?:a|an|the|its|their|his|her|some)\s+", "", out)


# The subject of a clause: after a dateline ("ASTANA, May 2 (Kazinform) --") and an opening
# adverbial ("In 2023,", "According to X,"), up to its verb, a comma or a relative pronoun.
_DATELINE = re.compile(r"[^\n]{0,120}?(?:\)\s*[-–—]{1,2}\s|\s--\s|\s—\s|\s–\s)")
_OPENING = re.compile(
    r"(?:(?:In|By|During|Over|Since|According\s+to|As\s+of|At|On|For|Last|This|Meanwhile|Also|However|Moreover|"
    r"Besides|Overall|Altogether|Currently|Today|Now|So\s+far|To\s+date|Earlier|Later)\b[^,]{0,80},\s*"
    r"|[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,6}?\s+(?:said|says|noted|notes?|stressed|added|announced|reported|told\s+\w+|"
    r"say|believes?|estimates?|expects?)\s+(?:that\s+)?)+"
)
_SUBJ_STOP = re.compile(
    r"\s[a-z]{3,}ed(?=\s+(?:a|an|the|to|that|its|their|on|with|about|up|over)\b)|,|\(|;|:|\s(?:which|that|who|whose|where|while)\b|\s(?:has|have|had|is|are|was|were|will|would|can|could|may|might|"
    r"shall|should|must|hit|hits|reach(?:ed|es)?|gr[eo]w(?:s|n)?|r[io]se[sn]?|increas(?:ed|es)|made|makes?|carri(?:ed|es)|carry|"
    r"handl(?:ed|es)|ran|runs?|complet(?:ed|es)|exceed(?:ed|s)?|st(?:ood|ands)|total(?:l?ed|s)|amount(?:ed|s)|account(?:ed|s)|"
    r"suppli(?:ed|es)|supply|produc(?:ed|es)|generat(?:ed|es)|cross(?:ed|es)?|operat(?:ed|es)|connect(?:ed|s)|said|says|plans?|"
    r"planned|remain(?:ed|s)?|bec(?:ame|omes)|doubled|tripled|jump(?:ed|s)|surg(?:ed|es)|climb(?:ed|s)|fell|dropp(?:ed|s)|"
    r"declin(?:ed|es)|saw|sees|record(?:ed|s)|register(?:ed|s)|post(?:ed|s)|shipp(?:ed|s)|transport(?:ed|s)|deliver(?:ed|s)|"
    r"receiv(?:ed|es)|attract(?:ed|s)|employ(?:ed|s)?|cover(?:ed|s)?|span(?:ned|s)?|stretch(?:ed|es)?|extend(?:ed|s)?|"
    r"ha(?:ve|s)\s+been|reache?d?|tops?|topped|passe[sd]|surpass(?:ed|es)|export(?:ed|s)|import(?:ed|s)|sold|sells|bought|"
    r"buys|built|builds|launch(?:ed|es)|open(?:ed|s)|sign(?:ed|s)|invest(?:ed|s)|sen[dt]s?|purchas(?:ed|es)|mined|mines|"
    r"extract(?:ed|s)|harvest(?:ed|s)|add(?:ed|s)?|install(?:ed|s)|hosts?|hosted|welcom(?:ed|es)|employ(?:ed|s)|provid(?:ed|es)|"
    r"issu(?:ed|es)|grant(?:ed|s)|creat(?:ed|es)|want(?:ed|s)|aims?|aimed|expects?|expected)(?=\s)"
)
_COUNT_VERB = re.compile(
    r"\s(?:made|make|makes|completed|complete|completes|ran|run|runs|carried|carries|handled|handles|operated|operates|"
    r"conducted|performed|undertook|logged|registered|recorded)\s+(?:(?:about|around|over|more\s+than|nearly|almost|some|"
    r"up\s+to|at\s+least|a\s+record(?:\s+of)?|a\s+total\s+of)\s+)?$",
    re.I,
)
_APPOSITIVE = re.compile(r",\s*(?P<n>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|the|and|\d+))*)\s*,")


_BUILT_BY = re.compile(r"\b(?:built|constructed|designed|financed|operated|developed|run)\s+by\s+(?:an?\s+|the\s+)?$")
_LOOSE_DIGIT = re.compile(r"(?<![\w-])\d")  # a number of its own, not "Dushanbe-2", "Line 3"


def clause_subject(text: str, sent: Sentence) -> tuple[str, int, int] | None:
    """(subject noun phrase, start, end) of the sentence's main clause, when plain enough."""
    a = sent.start
    d = _DATELINE.match(text, a, sent.end)
    if d:
        a = d.end()
    o = _OPENING.match(text, a, sent.end)
    if o:
        a = o.end()
    m = _SUBJ_STOP.search(text, a, min(sent.end, a + 120))
    b = m.start() if m else min(sent.end, a + 120)
    np_ = text[a:b].strip()
    if not np_ or len(np_.split()) > 10 or _LOOSE_DIGIT.search(np_):
        return None
    if m and m.group() == ",":
        ap = _APPOSITIVE.match(text, m.start(), sent.end)
        if ap and len(ap.group("n").split()) <= 6:
            return ap.group("n"), ap.start("n"), ap.end("n")
    return np_, a, a + len(np_)


def _thing(ctx: DocContext, subj: tuple[str, int, int] | None, sent: Sentence | None = None) -> str | None:
    """The clause subject as the owner of a measure, when it is a thing (not a country, a person,
    a pronoun or a generic word)."""
    from desktop.core.extract.facts.parties import lookup

    if subj is None:
        return None
    np_ = subj[0]
    if sent is not None and any(
        (e.label == "PERSON" and e.start < subj[2] and subj[1] < e.end)
        or (e.label in ("ORG", "COUNTRY") and e.start <= subj[1] + 4 and e.end >= subj[2])
        for e in sent.entities
    ):
        return None  # a person, an organisation or a country acts; it is not the measured thing

    bare = re.sub(r"^(?:the|a|an)\s+", "", np_, flags=re.I)
    first = bare.split()[0].lower() if bare.split() else ""
    if not bare or first in ("it", "its", "they", "their", "this", "these", "those", "we", "he", "she", "there", "which",
                             "i", "you", "our", "my", "his", "her"):
        return None
    if re.search(r"[\"“”]", np_) or re.fullmatch(r"[A-Z'’-]{3,}", bare.split()[-1]):
        return None
    if lookup(bare) or lookup(bare.split()[0].rstrip(",")):
        return None
    if (any(c.isdigit() for c in bare) and not bare[:1].isupper()) or len(bare.split()) > 10:
        return None
    return _TRAIL_QUAL.sub("", np_)  # "imports … more than [doubled]"


_TRAIL_QUAL = re.compile(r"\s+(?:more\s+than|nearly|almost|about|around|roughly|over|some|also|have|has)$", re.I)


def _singular(w: str) -> str:
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-3] + "y" if w.endswith("ies") else w[:-1]
    return w


_FOLD_OF = re.compile(
    r"\s+(?:in|of)\s+((?:(?!(?:since|from|compared|over|between|during|in|to|and|by|as)\b)[\w'’-]+\s*){1,5})", re.I)


_OBJECT = re.compile(r"\s+(?!(?:this|that|last|next|each|every)\b)(?:the\s+|its\s+|their\s+)?((?:(?!(?:in|since|from|to|on|at|by|over|during|and|as|compared|"
                     r"year|within|after|between)\b)[a-z][\w-]*\s*){1,3})")


def _fold_metric(text: str, end: int, thing: str | None, transitive: bool = False) -> tuple[str, int]:
    """"100-fold increase in X" → "growth of X"; "doubled capacity" → "growth of capacity"; else
    "growth of <clause subject>"; else "growth"."""
    if transitive:
        ob = _OBJECT.match(text, end)
        if ob:
            return f"growth of {ob.group(1).strip()}", end
    w = _AFTER_FOLD.match(text, end)
    if w:
        end = w.end()
        of = _FOLD_OF.match(text, end)
        if of:
            return f"growth of {of.group(1).strip()}", end
    return (f"growth of {thing}" if thing else "growth"), end


_STAKE = re.compile(
    r"\b(?:hold|holds|holding|own|owns|owning|have|has|control|controls|retain|retains|take|takes|receive|receives|get|gets)"
    r"\s+(?:a\s+|an\s+)?(?:(?:controlling|majority|minority)\s+)?(?:(?:stake|share)\s+of\s+)?"
    r"(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s+cent\b)"
)
_STAKE_MORE = re.compile(
    r"(?:\s+(?:of|in)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)??)?\s*(?:,\s*(?:and\s+|while\s+)?|\s+and\s+|\s+while\s+)(?P<who>[A-Z][^,;.%\d]{0,70}?)\s+(?:(?:will\s+|would\s+)?"
    r"(?:hold|own|have|get|take|receive)s?\s+)?(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s+cent\b)(?P<each>\s+each)?"
)
_VENTURE = re.compile(r"\b(?:joint\s+venture|venture|consortium|joint\s+company|JV|company|enterprise|project)\b")


_SHARE = re.compile(
    r"\b(?P<np>(?:[A-Z][\w-]*(?:'s|’s)\s+|[a-z][\w-]*(?:'s|’s)\s+)?share\s+(?:of|in)\s+(?:(?!\b(?:had|has|have|was|is|were|rose|grew|fell|reached|exceeded)\b)[^.;%\d]){3,90}?)"
    r"\s+(?:had\s+|has\s+|have\s+)?(?:exceeded|reached|rose\s+to|grew\s+to|increased\s+to|stood\s+at|was|is|amounted\s+to|"
    r"hit|topped|surpassed|fell\s+to|dropped\s+to|declined\s+to|decreased\s+to|climbed\s+to)\s+"
    r"(?:(?:about|around|over|more\s+than|nearly|almost|some|roughly)\s+)?(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s+cent\b)"
)


def share_facts(ctx: DocContext, sent: Sentence, blocked: list[tuple[int, int]]) -> list[tuple[str, dict, int, int, float]]:
    """"the yuan's share in Russia's foreign trade settlements rose to 34.4%": a share stated with
    a verb of level is an indicator (unit "percent", metric the share's noun phrase); its subject
    is a country named possessively in the phrase, else the first country of the sentence."""
    text = ctx.text
    out = []
    for m in _SHARE.finditer(text, sent.start, sent.end):
        np_ = " ".join(m.group("np").split())
        parties = parties_in(ctx, sent.start, sent.end, [], sent)
        # The owner of the whole: "China's share in Uzbekistan's foreign trade" → UZB (the last possessive).
        own = [p for p, c in parties if m.start("np") <= p.start < m.end("np")
               and (c == "poss" or text[p.end - 2:p.end] in ("'s", "’s"))][::-1]
        anyp = [p for p, _c in parties if p.code not in ("CA5", "WORLD")]
        subject = own[0].code if own else (anyp[0].code if anyp else None)
        dates = sentence_dates(ctx, sent)
        period, period_text = pick_period(ctx, sent, dates, sent.start, sent.end, m.end())
        if period is None and not _NO_CARRY.search(text, sent.start, sent.end):
            period, period_text = ctx.cache.get("fig_period", (None, None))
        fields = {"subject": subject, "metric": metric_case(np_), "value": float(m.group("num")), "unit": "percent",
                  "period": period, "period_text": period_text, "change_pct": None,
                  "qualifier": qualifier_before(text, m.start("num"), sent.start) or (
                      "over" if re.search(r"\b(?:exceeded|topped|surpassed)\s+$", text[m.start("num") - 12:m.start("num")]) else None)}
        out.append(("indicator", fields, sent.start, sent.end, 0.55))
    return out


_ACCOUNTED = re.compile(
    r"(?P<x>\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+(?:accounted|accounts|accounting|made\s+up|makes\s+up)\s+for\s+"
    r"(?:(?:about|around|over|more\s+than|nearly|almost|some|roughly|just\s+over|just\s+under)\s+)?"
    r"(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s+cent\b)\s+of\s+(?:the\s+|all\s+)?(?P<y>[^,.;()]{3,80})"
)
_OWNER_POSS = re.compile(r"^(?P<o>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?|the\s+(?:country|region|republic))(?:'s|’s)\s+", re.I)


def accounted_facts(ctx: DocContext, sent: Sentence) -> list[tuple[str, dict, int, int, float]]:
    """"China accounted for 22.8% of Kazakhstan's total foreign trade" → indicator "share of china in
    total foreign trade", unit "percent"; its subject is the owner of the whole (a possessive
    country; "the region's"/"the country's" → the home country), else the home country."""
    from desktop.core.extract.facts.parties import lookup
    from desktop.core.extract.facts.role import home_country

    text = ctx.text
    out: list[tuple[str, dict, int, int, float]] = []
    for m in _ACCOUNTED.finditer(text, sent.start, sent.end):
        x = m.group("x")
        if x.lower() in ("it", "this", "they", "which"):
            continue
        y = " ".join(m.group("y").split())
        y = re.split(r"\s+(?:in|during|for|over|last|this|and|while|up|down|compared|second|ahead)\b", y)[0]
        owner = None
        po = _OWNER_POSS.match(y)
        if po:
            o = po.group("o")
            owner = home_country(ctx) if o.lower().startswith("the ") else lookup(o)
            region = None if owner or o.lower().startswith("the ") else o
            y = y[po.end():]
            if region:
                y = f"{o.lower()}'s {y}"
        subject = owner or home_country(ctx)
        dates = sentence_dates(ctx, sent)
        period, period_text = pick_period(ctx, sent, dates, sent.start, sent.end, m.end())
        if period is None and not _NO_CARRY.search(text, sent.start, sent.end):
            period, period_text = ctx.cache.get("fig_period", (None, None))
        fields = {"subject": subject, "metric": metric_case(f"share of {x} in {y}"), "value": float(m.group("num")),
                  "unit": "percent", "period": period, "period_text": period_text, "change_pct": None,
                  "qualifier": qualifier_before(text, m.start("num"), sent.start)}
        out.append(("indicator", fields, sent.start, sent.end, 0.55))
    return out


_PART_PCT = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s+cent\b)\s+of\s+"
    r"(?P<y>(?:(?:the|its|their|all|total)\s+|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?(?:'s|’s)\s+)*[a-z][^,.;()\d]{2,70})")
_PART_SKIP = re.compile(
    r"(?:\b(?:account\w*\s+for|stake|share|hold|holds|own|owns|up|down|by|rose|grew|fell|increase\w*|decrease\w*|"
    r"declin\w*|jump\w*|drop\w*|contribut\w*|provid\w*|financ\w*|cover\w*)\s+(?:(?:about|around|over|more\s+than|nearly|"
    r"almost|some|roughly)\s+)?|\d\s?(?:-|–|to)\s?)$", re.I)
_PART_END = re.compile(r"\s+(?:in|during|for|over|last|this|and|while|according|compared|from|since|after|as)\b.*$")
_WHOSE = re.compile(r"^(?:(?P<the>the\s+(?:country|capital|republic|region))(?:'s|’s)\s+|its\s+|their\s+|"
                    r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)(?:'s|’s)\s+)")


def part_of_facts(ctx: DocContext, sent: Sentence) -> list[tuple[str, dict, int, int, float]]:
    """"…, or over 35% of all foreign direct investment received by the country", "supplies about
    60 percent of the capital's heat", "roughly 34 percent of its total external debt": a part of a
    whole is a percent indicator "share of <whole>" (not a change, a stake or an "accounted for"
    share, which have their own rules); its subject is the whole's owner (a possessive country;
    "the country's", "its", "the capital's" → the home country), else the home country."""
    from desktop.core.extract.facts.parties import lookup
    from desktop.core.extract.facts.role import home_country

    text = ctx.text
    out: list[tuple[str, dict, int, int, float]] = []
    for m in _PART_PCT.finditer(text, sent.start, sent.end):
        if _PART_SKIP.search(text, max(sent.start, m.start() - 40), m.start()):
            continue
        y = " ".join(m.group("y").split())
        y = _PART_END.sub("", y)
        y = re.sub(r"\s+(?:by|of)\s+the\s+(?:country|republic)$", "", y)
        w = _WHOSE.match(y)
        owner = None
        if w and w.group("name"):
            owner = lookup(w.group("name"))
        if w and (owner or re.match(r"the\s+(?:country|republic)", w.group("the") or "")):
            y = y[w.end():]  # the owner is the subject, not part of the metric
        y = re.sub(r"^(?:the|its|their|all)\s+", "", y)
        if not y or _VENTURE.search(y) or re.fullmatch(r"(?:total|capital|it|them|that|this|the\s+total)", y):
            continue
        subject = owner or home_country(ctx)
        dates = sentence_dates(ctx, sent)
        period, period_text = pick_period(ctx, sent, dates, sent.start, sent.end, m.end())
        fields = {"subject": subject, "metric": metric_case(f"share of {y}"), "value": float(m.group("num")),
                  "unit": "percent", "period": period, "period_text": period_text, "change_pct": None,
                  "qualifier": qualifier_before(text, m.start(), sent.start)}
        out.append(("indicator", fields, sent.start, sent.end, 0.5))
    return out


def stake_facts(ctx: DocContext, sent: Sentence, blocked: list[tuple[int, int]]) -> list[tuple[str, dict, int, int, float]]:
    """Ownership shares: "China is expected to hold 51 percent and Kyrgyzstan and Uzbekistan 24.5
    percent each" → one "share in the joint venture" indicator per holder, unit "percent"."""
    text = ctx.text
    out: list[tuple[str, dict, int, int, float]] = []
    for m in _STAKE.finditer(text, sent.start, sent.end):
        parties = [p for p, _c in parties_in(ctx, sent.start, sent.end, [], sent)]
        holder = [p for p in parties if p.end <= m.start() and m.start() - p.end < 60]
        if not holder:
            continue
        v = _VENTURE.search(text, sent.start, sent.end)
        metric = f"share in the {v.group().lower() if v.group() != 'JV' else 'joint venture'}" if v else "share"
        rows = [(holder[-1].code, float(m.group("num")), m.start("num"))]
        pos = m.end()
        while True:
            more = _STAKE_MORE.match(text, pos, sent.end)
            if not more:
                break
            who = [p for p in parties if more.start("who") <= p.start and p.end <= more.end("who")]
            if not who:
                break
            for p in who if more.group("each") or len(who) == 1 else who[:1]:
                rows.append((p.code, float(more.group("num")), more.start("num")))
            pos = more.end()
        for code, value, at in rows:
            fields = {"subject": code, "metric": metric, "value": value, "unit": "percent", "period": None,
                      "period_text": None, "change_pct": None, "qualifier": qualifier_before(text, at, sent.start)}
            out.append(("indicator", fields, sent.start, sent.end, 0.55))
    return out


_GROW_BEFORE = re.compile(
    r"\b(?:gr[eo]w\w*|increas\w*|r[io]se\w*|expand\w*|jump\w*|multipl\w*|surg\w*|soar\w*|climb\w*|boost\w*|up|"
    r"higher|more|larger|bigger|greater|decreas\w*|fell|shr[ai]nk\w*|declin\w*)\b[^.;,\d]{0,25}$",
    re.I,
)
_GROW_AFTER = re.compile(r"\s+(?:more|higher|larger|bigger|greater|less|lower|smaller|as\s+(?:much|many|large|high|big)|over\s+the|compared|than|since)\b", re.I)


def is_multiple(text: str, start: int, end: int, floor: int) -> bool:
    """"N times" is a growth multiple only with a growth word ("grew 2.3 times", "seven times
    more", "25 times since 1992"), not a frequency ("visited Central Asia seven times")."""
    if not re.search(r"times\s*$", text[start:end], re.I):
        return True
    return bool(_GROW_BEFORE.search(text, max(floor, start - 40), start) or _GROW_AFTER.match(text, end))


def fold_word_facts(ctx: DocContext, sent: Sentence) -> list[tuple[str, dict, int, int, float]]:
    """Growth multiples in words: "fivefold", "seven times", "doubled", "tripled"."""
    from desktop.core.extract.facts.periods import NUMBER_WORDS

    text = ctx.text
    out: list[tuple[str, dict, int, int, float]] = []
    dates = None
    for m in FOLD_WORDS_RE.finditer(text, sent.start, sent.end):
        if m.group("dbl"):
            value = 2.0 if m.group("dbl").lower() == "double" else 3.0
        elif m.group("mult"):
            value = float(_MULT[m.group("mult").lower()])
        else:
            w = m.group("wnum").lower()
            value = 100.0 if "hundred" in w else float(NUMBER_WORDS.get(w, 0))
        if not value or not is_multiple(text, m.start(), m.end(), sent.start):
            continue
        subj = clause_subject(text, sent)
        thing = _thing(ctx, subj, sent) if subj and subj[2] <= m.start() else None
        metric, end = _fold_metric(text, m.end(), thing, bool(m.group("mult")))
        parties = parties_in(ctx, sent.start, sent.end, [], sent)
        if dates is None:
            dates = sentence_dates(ctx, sent)
        period, period_text = pick_period(ctx, sent, dates, sent.start, sent.end, end)
        span = _since_span(ctx, sent, end)
        if span:
            period, period_text = span
        fsubj = _subject(ctx, sent, parties, m.start()) or _between_first(text, sent, parties, m.start())
        fsubj = _owner_fix(ctx, sent, parties, fsubj, m.start(), end, metric)
        fields = {"subject": fsubj, "metric": metric_case(metric), "value": value,
                  "unit": "fold", "period": period, "period_text": period_text, "change_pct": None,
                  "qualifier": qualifier_before(text, m.start("dbl") if m.group("dbl") else m.start(), sent.start)}
        out.append(("indicator", fields, sent.start, sent.end, 0.55))
    return out


def _default_metric(unit: str) -> str:
    u = unit.lower()
    if re.search(r"watt|\b[gmkt]w\b", u):
        return "capacity" if not u.endswith("h") else "generation"
    if re.search(r"km|kilomet|mile", u):
        return "length"
    if re.search(r"hectare|\bha\b|square", u):
        return "area"
    if re.search(r"ton|barrel|cubic|bcm|teu|container|wagon|carriage", u):
        return "volume"
    if "passenger" in u:
        return "passengers"
    return unit


_SINCE = re.compile(
    r"\bsince\s+(?:(?P<year>(?:19|20)\d\d)\b|[^,.;]{0,60}?\b(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|thirty|forty|fifty)\s+years\s+ago\b)",
    re.I,
)


def _since_span(ctx: DocContext, sent: Sentence, pos: int) -> tuple[str, str] | None:
    """"… 100-fold increase since ties were established 31 years ago" → ("1992/2022", text):
    the start from the year or the years ago, the end from another year of the sentence, else
    the publication year."""
    from desktop.core.extract.facts.periods import NUMBER_WORDS, YEAR_RE

    text = ctx.text
    m = _SINCE.search(text, pos, sent.end)
    if not m:
        return None
    py = ctx.published_year
    if m.group("year"):
        start = int(m.group("year"))
    else:
        n = m.group("n").lower()
        k = int(n) if n.isdigit() else NUMBER_WORDS.get(n)
        if not k or not py:
            return None
        start = py - k
    others = [int(y) for y in YEAR_RE.findall(text[sent.start:sent.end]) if int(y) != start]
    end = others[0] if others else py
    if not end or end <= start:
        return None
    return f"{start}/{end}", " ".join(m.group().split())


_LOCATOR_AFTER = re.compile(r"\s*(?:[A-Z][\w'’-]+\s+){0,2}(?:Uygur\s+)?(?:Autonomous\s+Region|Province|province|region|city|capital)\b")


def _subject(ctx: DocContext, sent: Sentence, parties: list, pos: int, np_end: int | None = None) -> str | None:
    """The country a figure belongs to (see the module notes); None when nothing says so.
    ``np_end``: the end of the counted or measured noun phrase after the number, whose own
    countries own the figure ("2,500 companies with Chinese capital", "35 bcm of Russian gas")."""
    from desktop.core.extract.facts.event import location_country
    from desktop.core.extract.facts.parties import lookup

    text = ctx.text
    if np_end is not None:
        inner = [m for m, _c in parties if pos <= m.start and m.end <= np_end and m.code not in ("CA5", "WORLD")]
        if inner:
            return inner[0].code
    owners = []
    for m, cue in parties:
        if cue == "dem":
            if _BUILT_BY.search(text, max(sent.start, m.start - 40), m.start):
                continue  # "built by a Chinese company": the builder, not the owner
            owners.append(m)
        elif cue == "poss":
            nxt = re.match(r"\s*([A-Z][\w'’-]*)", text[m.end:m.end + 40])
            place = nxt and (location_country(nxt.group(1))[1] or any(
                e.label == "LOCATION" and e.start == m.end + nxt.start(1) for e in sent.entities))
            if not place and not _LOCATOR_AFTER.match(text, m.end):
                owners.append(m)
    if owners:
        return min(owners, key=lambda m: abs(m.start - pos)).code
    subj = clause_subject(text, sent)
    if subj and subj[1] < pos:
        np_ = re.sub(r"^(?:the)\s+", "", subj[0], flags=re.I)
        code = lookup(np_)
        if code and code != "WORLD":
            return code
        head = re.match(r"([A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*)?)-[A-Z]", np_)
        if head:
            code = lookup(head.group(1))
            if code and code not in ("CA5", "WORLD"):
                return code
    return None


_NUMBER_OF = re.compile(
    r"\b(?:the\s+)?(?:total\s+)?number\s+of\s+(?P<np>[A-Za-z][\w\s'’-]{2,120}?)\s+(?:has\s+|have\s+)?"
    r"(?:exceeded|reached|(?:rose|grew|increased|jumped|climbed)(?:\s+(?:by\s+)?\d+(?:\.\d+)?\s?(?:%|percent|per\s+cent|times|-fold))?\s+to|"
    r"stood\s+at|was|is|totall?ed|amounted\s+to|hit|topped|surpassed)\s+"
    r"(?:a\s+record\s+(?:of\s+|high\s+of\s+)?)?(?P<q>about\s+|around\s+|over\s+|more\s+than\s+|nearly\s+|almost\s+|some\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(?P<scale>thousand|million|billion))?(?![\w%$])"
)


_CAPITAL_NP = re.compile(
    r"\s+(?P<w>with\s+(?:[A-Z][\w'’-]*|foreign)\s+(?:capital|participation|investment|investors?|ownership))"
    r"(?:\s*,)?(?:(?:\s+(?:are|were|is|was|currently|now|still|already|have\s+been|had\s+been)){0,2}"
    r"\s+(?P<verb>operat\w*|register\w*|work\w*|active|based|located|set\s+up|established)\s+in\s+"
    r"(?P<where>the\s+(?:country|republic)|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?))?"
)
_PART_OF = re.compile(r"\b(?:of\s+which|of\s+them|among\s+them|including)\s*$", re.I)


def _verb_form(cap: re.Match) -> str:
    v = cap.group("verb").lower()
    return "operating" if v.startswith("operat") else "registered" if v.startswith("regist") else \
        "working" if v.startswith("work") else v


def _host(ctx: DocContext, cap: re.Match) -> tuple[str | None, str]:
    """(code, name as written) of the country after "operating in"; "the country"/"the republic"
    is the side of the document's pair that is not the investors'."""
    from desktop.core.countries import countries
    from desktop.core.extract.facts.parties import lookup

    where = cap.group("where") or ""
    if not where:
        return None, ""
    if where.lower().startswith("the "):
        owner = lookup(cap.group("w").split()[1])
        pair = ctx.pair
        if not pair:
            return None, where
        code = pair[1] if pair[0] == owner else pair[0]
        c = countries().get(code)
        return code, (c.name if c else where)
    return lookup(where), where


_TO_FIGURE = re.compile(r"\s(?:to|at)\s+(?:(?:about|around|over|more\s+than|nearly|almost|some|a\s+record)\s+)?$")
_BASE = re.compile(
    r"[^.;]{0,40}?,?\s+(?:compared\s+(?:with|to)|against|versus|up\s+from|down\s+from|from)\s+"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d%]|\s*(?:percent|per\s+cent|million|billion|thousand))(?:\s+[a-z]+)?\s+(?:in|during|for)\s+(?:the\s+)?"
    r"(?P<when>same\s+period\s+(?:of\s+|in\s+)?(?:(?:19|20)\d\d|last\s+year|a\s+year\s+earlier)|(?:19|20)\d\d)\b",
    re.I,
)


def _speaker_country(ctx: DocContext, sent: Sentence) -> str | None:
    """"Kazakh state railway company KTZ said …": the country of the body the figure is cited from."""
    m = re.search(r"\b([A-Z][a-z]+)\s+(?:state\s+|national\s+)?(?:[a-z]+\s+){0,3}(?:company|agency|operator|ministry|bureau|committee|"
                  r"railways?|corporation)\b[^.;]{0,40}?\b(?:said|says|reported|reports|announced)\b", ctx.text[sent.start:sent.end])
    if not m:
        return None
    from desktop.core.extract.facts.parties import lookup

    return lookup(m.group(1))


def _between_first(text: str, sent: Sentence, parties: list, pos: int) -> str | None:
    """"trade between Kyrgyzstan and China has grown fivefold": the first-named side."""
    if not re.search(r"\bbetween\b", text[sent.start:pos]):
        return None
    firsts = [p for p, c in parties if p.start < pos and c in ("between", "and", "with", "") and p.code not in ("CA5", "WORLD")]
    return firsts[0].code if firsts else None


def _base_period(when: str, period: str) -> str | None:
    """The comparison base's period: "same period of 2023" → the figure's months in 2023."""
    from desktop.core.extract.facts.periods import YEAR_RE

    y = YEAR_RE.search(when)
    if not re.match(r"same", when, re.I):
        return y.group(1) if y else None
    target = int(y.group(1)) if y else int(period[:4]) - 1
    return re.sub(r"(?:19|20)\d\d", str(target), period)


_WHICH_VERB = re.compile(
    r"(?:\bthe\s+)?(?P<np>(?:[A-Z][\w'’-]*\s+|[a-z][\w-]*\s+){0,4}?(?:port|terminal|hub|station|corridor|route|railway|"
    r"pipeline|line|airport|checkpoint|crossing|plant|mine|field)(?:\s+(?:through|in|of)\s+[A-Z][\w'’-]*)?)"
    r"(?:\s+(?:on|at|near)\s+(?:the\s+)?[\w\s]{0,25}?)?,\s+which\s+(?:has\s+|had\s+|also\s+)?"
    r"(?P<v>processed|handled|carried|shipped|received|transported|moved|served|transshipped|produced|pumped)\s+"
    r"(?:(?:about|around|over|more\s+than|nearly|some|almost)\s+)?$"
)
_LOCAL_PLACE = re.compile(r"\b[A-Z][\w'’-]+\s+(?:(?:dry|cargo|logistics|rail|river|sea|border)\s+)?(?:port|station|checkpoint|border\s+crossing|terminal|hub)\b")


# Between a clause subject and its figure: a verb of level, an optional change ("grew 9% to").
_LEVEL_GAP = re.compile(
    r"\s+(?:(?:has|have|had)\s+)?(?:reached|rose|grew|increased|climbed|jumped|fell|dropped|declined|decreased|totall?ed|"
    r"amounted|stood|hit|topped|exceeded|came)(?:\s+(?:by\s+)?(?:about\s+|around\s+|some\s+)?\d+(?:\.\d+)?\s?(?:%|percent|per\s+cent))?"
    r"\s*(?:to|at)?\s+(?:(?:a\s+record(?:\s+of)?|about|around|over|more\s+than|nearly|almost|some|roughly)\s+)?"
)
_LEAD = re.compile(
    r"(?:the\s+)?(?:[A-Z][\w'’.-]*(?:'s|’s)\s+)?(?P<np>[A-Za-z][^,;:\d\"“”()]{2,90}?)" + _LEVEL_GAP.pattern, re.I)
_NOT_NP = re.compile(r"\b(?:said|says|is|are|was|were|has|have|had|will|would|which|that|who|and\s+the|it|they)\b", re.I)


def _lead_metric(text: str, sent: Sentence, a: int) -> str | None:
    """"Grain exports to China reached 1.1 million tonnes", "Rail freight through … grew 9% to 14.2
    million tonnes", "Uzbekistan's gas exports to China fell to 2.9 bcm": the clause's subject noun
    phrase (a leading possessive owner dropped) is the metric."""
    a0 = sent.start
    d = _DATELINE.match(text, a0, sent.end)
    if d:
        a0 = d.end()
    o = _OPENING.match(text, a0, sent.end)
    if o:
        a0 = o.end()
    if a - a0 > 160:
        return None
    m = _LEAD.fullmatch(text, a0, a)
    if not m or _NOT_NP.search(m.group("np")):
        return None
    np_ = " ".join(m.group("np").split())
    if len(np_.split()) < 2 or np_.split()[0].lower() in ("it", "this", "that", "these", "volumes", "volume"):
        return None
    return np_


_FACILITY = re.compile(
    r"\s+((?:[a-z][\w-]*\s+){0,3}?(?:plant|farm|station|park|field|mine|factory|complex|facility|line|unit|project)"
    r"(?:\s+(?:with\s+[a-z]+\s+[a-z]+\s+)?in\s+the\s+[A-Z][\w'’-]+\s+region|\s+in\s+[A-Z][\w'’-]+)?)\b")


_COUNT_WAY = re.compile(r"\s+((?:from|to)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?=[\s,.;]|$)")


_GOODS_VERB = re.compile(
    r"\b(imported|exported|supplied|shipped|sold|delivered|purchased|bought|received|transported|pumped|carried|handled)\s+"
    r"(?:(?:about|around|over|more\s+than|nearly|almost|some|roughly|a\s+record(?:\s+of)?)\s+)?$", re.I)
_GOODS_OF = re.compile(
    r"\s*(?:\([^)]{1,12}\)\s*)?of\s+((?:(?!(?:from|to|in|via|through|by|and|for|worth|last|this|a|the)\b)[a-z][\w-]*\s*){1,3})"
    r"(?:\s*((?:from|to)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))?")


_CURRENT = re.compile(r"\b(?:the\s+)?current\s+(?:level|volume|figure)\s+of\s+(?:(?:about|around|some|roughly|nearly)\s+)?$", re.I)


def _forecast_metric(ctx: DocContext, sent: Sentence, a: int, end: int) -> str | None:
    """"Analysts forecast that Turkmen exports to China could reach 65 bcm a year by 2030" →
    "forecast turkmen exports to china" (the trade rule for money, :func:`target_indicator`, for
    quantities); "…, up from the current level of around 35 bcm" → "current turkmen exports to
    china". The year comes from the period rules ("by 2030")."""
    from desktop.core.extract.facts.trade import _DETERMINER, _GOAL, _SAID

    text = ctx.text
    cur = _CURRENT.search(text, max(sent.start, a - 40), a)
    g = _GOAL.search(text, max(sent.start, (cur.start() if cur else a) - 300 if cur else a - 110), cur.start() if cur else a)
    if cur:
        g = None
        for g2 in re.finditer(r"\b(?:could|may|might|(?:is|are)\s+(?:expected|forecast|projected|set|likely)\s+to)\s+"
                              r"(?:top|reach|exceed|hit|surpass|rise\s+to|grow\s+to)\b", text[sent.start:cur.start()]):
            g = g2
        if g is None:
            return None
        head_end = sent.start + g.start()
    else:
        if not g or not g.group("fc"):
            return None
        head_end = g.start()
    head = text[sent.start:head_end]
    cut = max(head.rfind(","), head.rfind('"'), head.rfind("“"))
    said = _SAID.search(head, cut + 1)
    what = head[(said.end() if said else cut + 1):].strip()
    what = re.sub(r"^(?:and|but|while|that)\s+", "", what, flags=re.I)
    what = _DETERMINER.sub("", what).strip()
    if not what or len(what.split()) > 8:
        return None
    return f"{'current' if cur else 'forecast'} {what}"


def _verb_goods(text: str, sent: Sentence, a: int, end: int) -> str | None:
    """"China imported 33.1 bcm of pipeline gas from Turkmenistan" → "pipeline gas imported from
    turkmenistan"; "Uzbekistan supplied 3.2 bcm of natural gas to China" → "natural gas supplied to
    china": the goods, the verb, the way they went."""
    v = _GOODS_VERB.search(text, max(sent.start, a - 40), a)
    if not v:
        return None
    g = _GOODS_OF.match(text, end, sent.end)
    if not g:
        return None
    way = g.group(2) or ""
    if not way:
        w = _COUNT_WAY.match(text, g.end(1) - 1 if text[g.end(1) - 1:g.end(1)].isspace() else g.end(1), sent.end)
        way = w.group(1) if w else ""
    return " ".join(f"{g.group(1).strip()} {v.group(1).lower()} {way}".split())


_AND_NOUN = re.compile(rf"\s+and\s+({NOUNS})\b")
_VEHICLE = re.compile(r"\b(?:cars|trucks|buses|vehicles|lorries)\b")


# Counted people or goods whose demonym names where they come from, not whose figure it is.
_ORIGIN_NOUN = re.compile(r"\b(?:tourists|visitors|arrivals|travell?ers|passengers|students|migrants|parcels|cars|trucks|vehicles)\b")
_DEM_CAPITAL = re.compile(r"\bwith\s+[A-Za-z][\w'’-]*\s+(?:capital|participation|investment|investors?|ownership)\b")
# A thing of several countries: its figure belongs to none of them.
_SHARED = re.compile(r"\b(?:between|pipelines?|railways?(?!\s+(?:company|operator|authority|group|administration))|rail\s+line|line|lines|route|corridor|highway|road|flights|countries|cities)\b"
                     r"|\bfrom\s+[A-Z][^.;]{0,60}?\bto\s+[A-Z]", re.I)
_IN_PLACE = re.compile(r"\b(?:lies|lie|located|situated|built|based|section|plant|farm|station|park|field|mine|deposit)\s+in\s+(?:the\s+)?(?P<p>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?:\s+(?:region|province|oblast))?")
# Flows (not levels): an undated one takes the period of the figure just before it.
# A statement in someone's words or about the future is no figure of the period just reported.
_NO_CARRY = re.compile(r"\b(?:told|(?:said|says|noted|stressed)\s+(?:that|the)|will|would|expected|designed|planned|can|could|"
                       r"capacity)\b")
_FLOW_METRIC = re.compile(
    r"\b(?:exports?|imports?|freight|cargo|shipments?|shipped|supplied|production|output|produced|carried|handled|goods|"
    r"trains|trips|tourists|visitors|arrivals|parcels|traffic|throughput|received)\b")


def _owner_fix(ctx: DocContext, sent: Sentence, parties: list, subject: str | None, a: int, end: int,
               metric: str) -> str | None:
    """"Chinese tourists", "companies with Chinese capital": the demonym says where they come from;
    the figure is the host's — a country that is the clause's subject ("Uzbekistan received …"),
    else one the figure is "in", else the home country. An owner-less figure: see
    :func:`_fallback_subject`."""
    from desktop.core.extract.facts.role import home_country

    text = ctx.text
    if subject is not None:
        dems = {p.code for p, _c in parties if p.kind == "demonym"}
        if subject in dems and (_ORIGIN_NOUN.search(metric) or _DEM_CAPITAL.search(metric)):
            host = [p.code for p, c in parties if c in ("", "poss") and p.code != subject and p.start < a
                    and p.code not in ("CA5", "WORLD")]
            inside = [p.code for p, c in parties if c == "to" and p.code != subject and p.code not in ("CA5", "WORLD")]
            if host or inside:
                return (host or inside)[0]
            home = home_country(ctx)
            if home and home != subject and re.search(r"\b(?:the\s+country|the\s+republic|in\s+the\s+country)\b",
                                                      text[sent.start:sent.end]):
                return home
        return subject
    return _fallback_subject(ctx, sent, a, end, metric)


def _fallback_subject(ctx: DocContext, sent: Sentence, a: int, end: int, metric: str) -> str | None:
    """An indicator whose sentence names no owner: a place it lies in ("312 km of the route lies in
    Kyrgyzstan", "a 1 GW plant in the Samarkand region"), else none for a thing of several countries
    (a route, a pipeline, flights between …), else the document's home country (local news reports
    its own side's figures)."""
    from desktop.core.extract.facts.event import location_country
    from desktop.core.extract.facts.parties import lookup
    from desktop.core.extract.facts.role import home_country

    text = ctx.text
    for m in _IN_PLACE.finditer(text, max(sent.start, a - 60), min(sent.end, end + 60)):
        name = m.group("p")
        code = lookup(name)
        if code and code not in ("CA5", "WORLD"):
            return code
        loc = location_country(name)[0]
        if loc:
            return loc
    if metric in ("volume", "volumes", "capacity", "output", "traffic", "cargo", "throughput"):
        return None  # a bare measure word: the thing of the figure before (``_bare_metrics``)
    near = next((x for x in _SHARED.finditer(text, max(sent.start, a - 80), sent.end) if x.start() < end + 40), None) \
        if not _SHARED.search(metric) else True
    if near:
        return None
    return home_country(ctx)


def indicator_facts(ctx: DocContext, sent: Sentence, blocked: list[tuple[int, int]]) -> list[tuple[str, dict, int, int, float]]:
    """``blocked``: spans already used by money facts, MONEY/PERCENT/DATE entities."""
    text = ctx.text
    out = []
    dates = None
    for m in FIGURE_RE.finditer(text, sent.start, sent.end):
        a = m.start()
        if a > 0 and (text[a - 1].isalnum() or text[a - 1] in "$€£¥.,"):
            continue
        if any(x <= a < y for x, y in blocked):
            continue
        dec = Decimal(m.group("num").replace(",", ""))
        if m.group("scale"):
            dec *= Decimal(str(SCALE_WORDS[m.group("scale").lower()]))
        num = float(dec)
        rel = None
        subj = clause_subject(text, sent)
        thing = _thing(ctx, subj, sent) if subj and subj[2] <= a else None
        if m.group("fold") and not is_multiple(text, a, m.end(), sent.start):
            continue
        if m.group("fold"):
            unit = "fold"
            metric, end = _fold_metric(text, m.end(), thing)
        elif m.group("unit"):
            unit, num = normalise_unit(m.group("unit"), num)
            own = None
            mb = _METRIC_BEFORE.search(text, max(sent.start, a - 70), a)
            rel = None if mb else _WHICH_VERB.search(text, max(sent.start, a - 160), a)
            lead = _lead_metric(text, sent, a)
            goods = _verb_goods(text, sent, a, m.end())
            if goods and thing and goods.split()[-1] in ("carried", "handled", "transported", "shipped"):
                goods = f"{goods} by {metric_case(thing)}"  # "The trains carried 6.4 million tonnes of goods"
            fc = _forecast_metric(ctx, sent, a, m.end())
            if fc:
                metric, thing, mb, rel = fc, None, None, None
            elif goods:
                metric, thing, mb, rel = goods, None, None, None
            elif lead:
                # "Grain exports to China reached 1.1 million tonnes": the clause subject is the metric.
                metric, thing, mb, rel = lead, None, None, None
            elif mb:
                metric = _STRIP_ADV.sub("", mb.group(1))
                own = metric
            elif rel:
                metric = _default_metric(unit)
            else:
                w0 = max(sent.start, a - 80)
                hits = list(_METRIC_WORD.finditer(text, w0, a))
                last = hits[-1] if hits else None
                if last:
                    mods = _MODIFIERS.search(text[w0:last.start()])
                    metric = ((mods.group(1) if mods else "") + last.group()).strip()
                    own = metric
                else:
                    ow = _OF_WHAT.match(text, m.end(), sent.end)
                    metric = ow.group(1).strip() if ow else _default_metric(unit)
                    own = None if ow else metric
                    fac = None if ow else _FACILITY.match(text, m.end(), sent.end)
                    if fac:
                        # "a 1 GW solar power plant in the Samarkand region" → "capacity of solar power
                        # plant in the samarkand region"
                        metric, own = f"{metric} of {' '.join(fac.group(1).split())}", None
            if rel:
                # "the Khorgos dry port, which processed 346,000 TEU": what the unit counts, the
                # verb, and the place that did it.
                thing = own = None
                metric = f"{'containers' if unit == 'TEU' else metric} {rel.group('v').lower()} by {' '.join(rel.group('np').split())}"
            if own and thing and metric.split()[-1].lower() not in thing.lower():
                metric = f"{metric} of {thing}"
            end = m.end()
        else:
            unit = " ".join(m.group("noun").split())
            metric = " ".join(m.group("np").split())
            end = m.end()
            if re.fullmatch(r"\d{4}", m.group("num")) and not m.group("scale"):
                continue  # a year before a noun: "2023 projects"
            also = _AND_NOUN.match(text, m.end(), sent.end)
            tail = m.end()
            if also:
                # "305,000 cars and trucks": one count of both.
                metric, tail = f"{metric} and {also.group(1)}", also.end()

            if _VEHICLE.fullmatch(unit) and len(set(_VEHICLE.findall(metric))) > 1:
                unit = "vehicles"  # "cars and trucks", "buses and trucks": one count of vehicles
            way = _COUNT_WAY.match(text, tail, sent.end)
            verb = _GOODS_VERB.search(text, max(sent.start, a - 30), a)
            if verb and (thing is None or not _COUNT_VERB.search(text, max(sent.start, a - 40), a)):
                metric = f"{metric} {verb.group(1).lower()}"  # "shipped 305,000 cars" → "cars shipped"
            if way:
                metric = f"{metric} {way.group(1)}"  # "160 million parcels from China"

            if thing and metric == unit and _COUNT_VERB.search(text, max(sent.start, a - 40), a):
                # "China-Europe freight trains made 17,000 trips" → "china-europe freight train trips"
                words = thing.split()
                metric = " ".join([*words[:-1], _singular(words[-1]), unit])
        host = None
        if m.group("np"):
            cap = _CAPITAL_NP.match(text, m.end(), sent.end)
            if cap:
                # "2,100 companies with Turkish capital operate in the republic" → the host country
                # owns the count; the metric keeps the whole noun phrase.
                host, where = _host(ctx, cap)
                metric = f"{metric} {cap.group('w')}" + (f" {_verb_form(cap)} in {where}" if cap.group("verb") else "")
            part = _PART_OF.search(text, max(sent.start, a - 20), a)
            if part and out and out[-1][1]["unit"] not in ("fold",):
                # "…, of which 900 were joint ventures": a part of the count just given.
                parent = out[-1][1]
                tail = re.search(r"\s(?:with|of)\s.*$", parent["metric"])
                own = re.sub(r"^(?:are|were|is|was|being|been)\s+", "", metric_case(metric))
                fields = {**parent, "metric": own + (tail.group() if tail else ""), "value": num,
                          "change_pct": None, "qualifier": qualifier_before(text, a, sent.start)}
                out.append(("indicator", fields, sent.start, sent.end, 0.55))
                continue
        metric = metric_case(metric)
        parties = parties_in(ctx, sent.start, sent.end, blocked, sent)
        np_end = None
        if m.group("unit") or m.group("np"):
            more = re.match(r"\s+(?:with|of)\s+(?:[A-Z][\w'’-]*\s+)?[\w-]+", text[m.end():sent.end])
            np_end = m.end() + (more.end() if more else 0)
        subject = host or _subject(ctx, sent, parties, a, np_end)
        if subject is None and m.group("unit") and rel:
            inner = [p for p, _c in parties if rel.start("np") <= p.start < rel.end("np")]
            subject = inner[0].code if inner else None
        if subject is None and _LOCAL_PLACE.search(text, max(sent.start, a - 160), min(sent.end, end + 80)):
            # A figure of a named port or border station whose country the text does not give:
            # local news reports its own side's ("… passed through the Khorgos port").
            from desktop.core.extract.facts.role import home_country

            subject = home_country(ctx)
        if dates is None:
            dates = sentence_dates(ctx, sent)
        period, period_text = pick_period(ctx, sent, dates, sent.start, sent.end, end)
        if unit == "fold":
            span = _since_span(ctx, sent, end)
            if span:
                period, period_text = span
        change = find_change(text, end, sent.end)
        if change is None:
            # "jumped 62% in the first ten months to 3.7 million tonnes": the change before the figure.
            pre = find_change(text, max(sent.start, a - 90), a)
            if pre and _TO_FIGURE.search(text, pre.end, a):
                change = pre
        if subject is None and unit == "fold":
            subject = _between_first(text, sent, parties, a)
        subject = _owner_fix(ctx, sent, parties, subject, a, end, metric)
        if metric.startswith("current "):
            period, period_text = None, None  # "the current level": not the forecast's year
        if period is None and _FLOW_METRIC.search(metric) and not _NO_CARRY.search(text, sent.start, min(sent.end, end + 30)):
            period, period_text = ctx.cache.get("fig_period", (None, None))
        elif period and dates:
            ctx.cache["fig_period"] = (period, period_text)
        fields = {
            "subject": subject, "metric": metric, "value": num, "unit": unit, "period": period,
            "period_text": period_text, "change_pct": change.value if change else None,
            "qualifier": qualifier_before(text, a, sent.start) or (
                "over" if re.search(r"\ban\s+over\s*$", text[max(0, a - 10):a]) else None) or (
                change.qualifier if change else None),  # "roughly 4% less": the seeds' trade precedent
        }
        out.append(("indicator", fields, sent.start, sent.end, 0.6))
        base = _BASE.match(text, end, sent.end)
        if base and period:
            # "rose to 427 in January-October, compared with 260 in the same period of 2023"
            p2 = _base_period(base.group("when"), period)
            if p2:
                value2 = float(base.group("num").replace(",", ""))
                out.append(("indicator", {**fields, "value": value2, "period": p2, "period_text": " ".join(base.group("when").split()),
                                          "change_pct": None, "qualifier": None}, sent.start, sent.end, 0.5))
    for m in _NUMBER_OF.finditer(text, sent.start, sent.end):
        a = m.start("num")
        if any(x <= a < y for x, y in blocked) or any(f[1]["value"] is not None and f[2] == -a for f in out):
            continue
        dec = Decimal(m.group("num").replace(",", ""))
        if m.group("scale"):
            dec *= Decimal(str(SCALE_WORDS[m.group("scale").lower()]))
        np_ = " ".join(m.group("np").split())
        parties = parties_in(ctx, sent.start, sent.end, blocked, sent)
        if dates is None:
            dates = sentence_dates(ctx, sent)
        period, period_text = pick_period(ctx, sent, dates, sent.start, sent.end, m.end())
        if period and dates:
            ctx.cache["fig_period"] = (period, period_text)
        head = re.split(r"\s+(?:from|to|in|of|along|via|through|with|at|on|by|sent|shipped|carried|operated|passing)\b", np_)[0].split()
        unit = next((w for w in reversed(head) if w.lower().endswith("s")), head[-1] if head else np_.split()[-1])
        origin = [(p, c) for p, c in parties if m.start("np") <= p.start < m.end("np") and c == "from"]
        owners = [pc for pc in parties if pc not in origin]
        fields = {
            "subject": _subject(ctx, sent, owners, m.start("np"), m.end("np") if not origin else None),
            "metric": metric_case(f"number of {np_}"), "value": float(dec), "unit": unit, "period": period,
            "period_text": period_text, "change_pct": ch.value if (ch := find_change(text, m.end(), sent.end)) else None,
            "qualifier": qualifier_before(text, a, sent.start),
        }
        if fields["subject"] is None and origin:
            from desktop.core.extract.facts.trade import recent_source

            fields["subject"] = recent_source(ctx, sent) or _speaker_country(ctx, sent)
        fields["subject"] = _owner_fix(ctx, sent, parties, fields["subject"], m.start("np"), m.end(), fields["metric"])
        out.append(("indicator", fields, sent.start, sent.end, 0.6))
        base = _BASE.match(text, m.end(), sent.end)
        if base and period:
            p2 = _base_period(base.group("when"), period)
            if p2:
                out.append(("indicator", {**fields, "value": float(base.group("num").replace(",", "")), "period": p2,
                                          "period_text": " ".join(base.group("when").split()), "change_pct": None,
                                          "qualifier": None}, sent.start, sent.end, 0.5))
    return out


_MONEY_METRIC = re.compile(
    r"\b(?:GDP|gross\s+domestic\s+product|gross\s+regional\s+product|GRP|budget(?:\s+revenues?|\s+spending|\s+deficit)?|"
    r"revenues?|income|sales|net\s+profit|profits?|reserves|authori[sz]ed\s+capital|charter\s+capital|market\s+capitali[sz]ation|"
    r"external\s+debt|public\s+debt|debt|spending|expenditures?|remittances|tax\s+revenues?|value\s+added|"
    r"average\s+(?:monthly\s+)?(?:salary|wage)|wages?|salary|price|tariffs?|fund|assets)\b"
)


_TO_LENDER = re.compile(r"\s+to\s+(the\s+(?:[A-Z][\w'’&-]*|of|and)(?:\s+(?:[A-Z][\w'’&-]*|of|and))*)")
_THE_COUNTRYS = re.compile(r"\b(?:the\s+country|the\s+republic)(?:'s|’s)\s", re.I)
_OWES = re.compile(r"\b(?:owes|owed|owing)\s+(?:(?:about|around|some|over|more\s+than|nearly|almost)\s+)?$", re.I)
_OWED_TO = re.compile(r"\s+to\s+(?:the\s+)?((?:[A-Z][\w'’&-]*|of|the|and)(?:\s+(?:[A-Z][\w'’&-]*|of|the|and))*)")


def money_indicator_facts(ctx: DocContext, sent: Sentence, monies: list, used: set[tuple[float, str]],
                          blocked: list[tuple[int, int]]) -> list[tuple[str, dict, int, int, float]]:
    """Amounts of money that are no trade or investment figure but a stated economic quantity
    ("GDP reached 119 trillion tenge", "budget revenues of $25 billion"): indicators whose unit is
    the currency code. Only with a metric word before the amount. "The country's debt to the
    Export-Import Bank of China stands at …" → "debt to the export-import bank of china", the home
    country's (a lender named after "to" is never the subject)."""
    text = ctx.text
    out = []
    dates = None
    for money in monies:
        if (money.value, money.currency) in used:
            continue
        if text[max(sent.start, money.start - 8):money.start].rstrip().endswith(("(", "(about", "(around", "or")):
            continue
        w0 = max(sent.start, money.start - 70)
        hits = list(_MONEY_METRIC.finditer(text, w0, money.start))
        owe = _OWES.search(text, w0, money.start)
        if owe:
            # "The country owes $1.1 billion to the Exim Bank of China": a debt to that lender.
            to = _OWED_TO.match(text, money.end, sent.end)
            metric = "debt owed" + (f" to {' '.join(to.group(1).split())}" if to else "")
            parties = parties_in(ctx, sent.start, sent.end, blocked, sent)
            lender = {p.code for p, _c in parties if to and to.start() <= p.start < to.end()}
            if to and country_in(to.group(1)):
                lender.add(country_in(to.group(1)))
            subject = next((p.code for p, c in parties if p.start < money.start and p.code not in lender and c != "to"), None)
            if subject is None and ctx.pair and re.search(r"\b(?:country|republic)\b", text[sent.start:owe.start()]):
                rest = [c for c in ctx.pair if c not in lender]
                subject = rest[0] if rest else None
            if dates is None:
                dates = sentence_dates(ctx, sent)
            period, period_text = pick_period(ctx, sent, dates, sent.start, sent.end, money.end)
            fields = {"subject": subject, "metric": metric, "value": money.value, "unit": money.currency, "period": period,
                      "period_text": period_text, "change_pct": None, "qualifier": qualifier_before(text, money.start, sent.start)}
            out.append(("indicator", fields, sent.start, sent.end, 0.55))
            continue
        if not hits:
            continue
        last = hits[-1]
        mods = _MODIFIERS.search(text[w0:last.start()])
        metric = ((mods.group(1) if mods else "") + last.group()).strip()
        to = _TO_LENDER.match(text, last.end(), money.start)
        if to:
            metric += " to " + " ".join(to.group(1).split())  # "debt to the Export-Import Bank of China"
        parties = parties_in(ctx, sent.start, sent.end, blocked, sent)
        if dates is None:
            dates = sentence_dates(ctx, sent)
        period, period_text = pick_period(ctx, sent, dates, sent.start, sent.end, money.end)
        change = find_change(text, money.end, sent.end) or find_change(text, last.end(), money.start)
        subject = _subject(ctx, sent, parties, money.start)
        if to:
            lender = {p.code for p, _c in parties if to.start() <= p.start < to.end()}
            if subject in lender:
                subject = None  # the lender is not the debtor
        if subject is None and _THE_COUNTRYS.search(text, max(sent.start, money.start - 120), money.start):
            from desktop.core.extract.facts.role import home_country

            subject = home_country(ctx)  # "The country's debt …"
        fields = {
            "subject": subject, "metric": metric_case(metric), "value": money.value,
            "unit": money.currency,
            "period": period, "period_text": period_text, "change_pct": change.value if change else None,
            "qualifier": qualifier_before(text, money.start, sent.start),
        }
        out.append(("indicator", fields, sent.start, sent.end, 0.55))
    return out
