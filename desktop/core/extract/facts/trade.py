"""Trade figures (turnover, exports, imports) and the shared routine that turns the money of a
sentence into trade and investment facts.

Every amount of money is attached to the nearest trade or investment cue before it (else the
nearest after it); each cue takes only its first amount, so a threshold mentioned later
("exceeding 50 billion yuan for the first time") does not become a second fact. A USD amount in
parentheses right after another amount is its stated USD value, not a new figure.

Conventions, from the seeds' precedent and the guidelines:

- Total trade is symmetric, so the reporter is the side whose statistics the sentence cites
  ("according to the General Administration of Customs of China" → CHN, "Kazakhstan's statistics
  bureau" → KAZ), in the sentence or in one of the two before it in the same or the previous
  paragraph (a lead that names the source, then the figures); with no source, a possessive or
  actor demonym names the reporter ("Kazakhstan's trade with …", "Chinese exports to …"), else
  the first-named party ("Trade between Turkmenistan and China …" → TKM; "Kyrgyz-Chinese trade"
  → KGZ).
- An export or import with no cue on either side ("…, with imports accounting for $2.4 billion")
  is reported by the side whose statistics are cited.
- A series of amounts of one cue, each with its own period ("reached $41 billion in 2023, up from
  $31 billion in 2022"; "$94.8 billion in 2024, after $89.4 billion in 2023 and $70.2 billion in
  2022") gives one fact per amount with the same parties.
- "…, followed by Kyrgyzstan at $19.8 billion" is a sibling figure: the same reporter and period,
  the new partner.
- An amount that restates another in a second currency ("or 400 billion som", "corresponds to
  18 trillion tenge at the exchange rate") is no figure of its own.
- A country's own investment or lending ("investment in fixed capital", "capital investments in the
  economy", "loans … to small businesses") is an indicator of that country (unit the currency), not a
  cross-border investment.
- A cost or valuation with no investing party in its clause ("Its cost has been estimated at
  $4.7 billion") is an indicator (metric "estimated cost", unit the currency), not an investment;
  a named facility that opens the sentence owns it ("The Dushanbe-2 thermal power plant, built … at
  a cost of $349 million" → "cost of the dushanbe-2 thermal power plant", the home country's).
- A ranking after a total ("Russia followed with $8.7 billion, and Kazakhstan came third with $3.5
  billion") gives siblings of the last total (same reporter, flow, period; the named partner);
  "X remained China's largest trading partner … with $43.8 billion" is a trade figure, and each
  further "… and Uzbekistan with $13.8 billion" / "followed by X with $N" a sibling of it.
- "up 4.1% from $20.46 billion in the same period of 2023": the base amount is a figure of the same
  months in that year (a year before when the year is not stated).
- An undirected trade figure ("Trade with Turkmenistan reached …") takes the reporter of the trade
  just before it (same or next paragraph), else the home country; an undated one takes the period
  of the last trade figure with the same reporter in the same or the previous paragraph.
- A goal or a forecast is no statistic ("aim to raise bilateral trade to $40 billion by 2030",
  "trade … could top $100 billion in 2025", "aims to attract $110 billion of foreign investment over
  the next five years"): an indicator "<thing> target" / "forecast <thing>", unit the currency,
  period the target year (none for "the next N years"), subject the country that aims, else the
  home country (set C's convention, the guidelines' "any other figure").
- Investment money with no stated destination ("Chinese companies signed deals totalling $4.8
  billion" in a Tashkent report) goes to the document's home country (dateline, else the
  non-Chinese side of its pair), unless that is China or the investor.
- An investment pledge with no date of its own takes the year it was announced: that of the
  dated event named before it in the document, else the publication year (see ``__init__``).
- Money near investment words that states no investment: "investment" naming another thing
  ("investment climate/forum/ministry/agency/promotion …") is no cue; an amount right after a
  company's or a budget's own metric ("net profit of", "assets worth", "with a capital of", "foreign
  debt stood at", "GDP reached") is that metric's, not an investment's (a new joint vehicle's
  capital in a signed deal stays a pledge); an amount takes no investment cue that comes after it
  in another clause ("holds assets worth $70 billion, and plans to invest …"); a loan to a company
  ("… to the Kazakh subsidiary of …") with no lending country, or from a local bank to a borrower
  of the same country, is no cross-border investment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.extract.facts.common import (
    excluded_spans,
    find_change,
    inside,
    parties_in,
    pick_period,
    qualifier_before,
    sentence_dates,
    sentence_money,
)
from desktop.core.extract.facts.context import DocContext, Sentence
from desktop.core.extract.facts.investment import COST_CUE, INVEST_CUE, investment_kind, investment_parties
from desktop.core.extract.facts.money import Money
from desktop.core.extract.facts.periods import stock_period

TRADE_CUE = re.compile(
    r"\b(?=[fbmtoecisFBMTOECIS])(?:(?:foreign|bilateral|mutual|total|two-way|overall|external|cross-border)\s+)?"
    r"(?:(?:import\s+and\s+export|export\s+and\s+import|imports?\s+and\s+exports?|exports?\s+and\s+imports?|trade)"
    r"(?:\s+(?:volume|value|turnover|totall?ed|amounted|reached|stood))?"
    r"|(?:commodity|goods|trade|merchandise)\s+turnover|turnover"
    r"|exports?|exported|exporting|imports?|imported|importing|shipments?|shipped|supplies|supplied|trading\s+partners?)\b",
    re.I,
)
_EXPORT = re.compile(r"^(?:\w+\s+)*?export|^(?:\w+\s+)*?shipment|^shipped|^suppl", re.I)
_IMPORT = re.compile(r"^(?:\w+\s+)*?import", re.I)
_BOTH = re.compile(r"import\w*\s+and\s+export|export\w*\s+and\s+import|trade|turnover", re.I)
# A part of the figure just given: "…, of which China accounted for $1.1 billion".
_PART_CUE = re.compile(
    r"\b(?:[Oo]f\s+which|[Ii]ncluding|[Aa]mong\s+(?:them|which)|followed\s+by|trailed\s+by)\b"
    r"|\bwith\s+(?=(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:receiving|accounting\s+for|taking|getting|attracting|absorbing|making\s+up)\b)"
)
_IN_NAME = re.compile(r"(?:\b[A-Z][\w'’-]*,?\s+|\b(?:of|and|for|&)\s+)$")
_NAME_AFTER = re.compile(r"\s+(?:and\s+)?[A-Z][a-z]")
_MODIFIER_OF = re.compile(
    r"[ -](?:cent(?:er|re)s?|house|houses|mission|fair|fairs|zone|zones|union|organi[sz]ation|policy|policies|route|routes|"
    r"corridor|hub|hubs|port|ports|representative|office|agreements?|war|wars|barriers?|facilitation|relations|ties|"
    r"cooperation|partners?|credit|credits|agency|licen[cs]es?|bans?|dut(?:y|ies)|tax|taxes|restrictions?|quotas?|"
    r"potential|opportunities|platforms?|logistics|infrastructure|mechanisms?|talks|negotiations|disputes?)\b",
    re.I,
)
_TARGET = re.compile(
    r"\b(?:target\w*|aim\w*|goal|plan\w*|intend\w*|bring|expected\s+to|projected|forecast\w*|could\s+reach|"
    r"will\s+reach|to\s+reach|to\s+increase|to\s+raise|by\s+(?:19|20)\d\d)\b",
    re.I,
)
# Where the figures come from: a statistics/customs body, its country read from its name.
_SOURCE = re.compile(
    r"(?:(?:[A-Z][\w'’]*|of|the)\s+){0,4}(?:[Cc]ustoms|[Ss]tatistic(?:s|al)|Bureau|National\s+Bank|GACC|GAC)\b"
    r"(?:\s+(?:of|in|under|the|for|and|on|[A-Z][\w'’]*)\b){0,8}"
)
_CONVERSION = re.compile(
    r"(?:\b(?:correspond\w*|equivalent|equal\w*|convert\w*|translat\w*)\s+(?:to\s+|of\s+)?|,?\s\bor\s+)"
    r"(?:(?:about|around|roughly|nearly|some|almost|over|more\s+than|less\s+than|approximately)\s+)?$",
    re.I,
)
_SERIES_GAP = re.compile(
    r"(?:\bfrom|\bafter|\band|\bcompared\s+(?:with|to)|\bagainst|\bversus|\bvs\.?|,)\s+"
    r"(?:(?:about|around|roughly|nearly|some|almost|over|more\s+than|less\s+than|approximately|just|only)\s+)?$",
    re.I,
)
_SAME_PERIOD = re.compile(r"\s+(?:in|during|for)\s+the\s+same\s+period\s+(?:(?:of|in)\s+((?:19|20)\d\d)|(?:of\s+)?last\s+year|a\s+year\s+(?:earlier|ago))", re.I)
_OWN_PERIOD = re.compile(
    r"\s+(?:in|for|during)\s+(?:the\s+|all\s+of\s+)?(?:(?:19|20)\d\d\b|(?:first|second|third|fourth|same|previous)\b|[HQ][1-4]\s+(?:19|20)\d\d\b|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b[^.;,]{0,14}(?:19|20)\d\d\b)",
    re.I,
)


# A country's own investment or lending (national accounts, bank credit), no cross-border investment.
_DOMESTIC = re.compile(
    r"\b(?:(?:capital\s+)?investments?\s+in\s+(?:fixed\s+(?:capital|assets)|the\s+(?:national\s+)?economy)|"
    r"(?:fixed\s+)?capital\s+investments?|fixed\s+investment|"
    r"loans?\s+(?:worth\s+[^.;]{0,30}?\s+)?to\s+(?:small\s+(?:and\s+medium[\w-]*\s+)?businesses|SMEs|entrepreneurs|farmers|"
    r"households|the\s+population|residents|individuals))\b",
    re.I,
)
_NEED = re.compile(
    r"(?:\bthat\s+|^|,\s+)(?P<what>[a-z][\w'’-]*(?:\s+[\w'’-]+){0,8}?)\s+(?:will|would|could|may|might)?\s*"
    r"(?:requires?|needs?|call\s+for)\s+(?:(?:about|around|some|over|more\s+than|at\s+least|up\s+to)\s+)?$",
    re.I,
)
# A clause boundary between an amount and a cue after it: the cue is another clause's.
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:and|while|but|whereas|which|as|adding|although|though)\b|\.\s")
_INVEST_MODIFIER = re.compile(
    r"\s+(?:climate|environment|forums?|ministry|ministries|agency|agencies|polic(?:y|ies)|potential|opportunities|"
    r"attractiveness|promotion|committee|council|conference|summit|law|laws|legislation|regime|incentives|"
    r"destination|cooperation|ties|relations|dialogue|roadshow|guarantees?|protection|disputes?)\b",
    re.I,
)
# A company's or a budget's own figure just before the amount ("revenue of", "with a capital of").
_METRIC_BEFORE = re.compile(
    r"\b(?:revenues?|profits?|income|earnings|sales|assets|(?:registered\s+|authori[sz]ed\s+)?capital|capitali[sz]ation|"
    r"budget|GDP|dividends?|salar(?:y|ies)|wages?|reserves|debts?|deficit|spending|expenditures?)\b"
    r"(?:\s+[\w-]+){0,2}?\s*(?:of|worth|at|to|reached|rose|fell|hit|grew|totall?ed|amounted\s+to|stood\s+at|was|were|is|are|,)?\s*"
    r"(?:about|around|nearly|almost|over|more\s+than|some|up\s+to|approximately)?\s*$",
    re.I,
)
_LOAN = re.compile(r"\b(?:loans?|credit\s+line|financing)\b", re.I)
_TO_COMPANY = re.compile(
    r"\bto\s+(?:a|an|the|its)\s+(?:[\w-]+\s+){0,2}?(?:[A-Z][a-z]+\s+)(?:[\w-]+\s+){0,2}?"
    r"(?:bank|company|firm|subsidiary|carmaker|producer|retailer|operator|lender|enterprise|miner|developer|unit)\b"
)
_NEW_VEHICLE = re.compile(r"\b(?:sign(?:ed|s|ing)?|memorand\w*|agreements?|establish\w*|set\s+up|launch\w*|creat\w*)\b", re.I)
_LOCAL_LENDER = re.compile(
    r"\bfrom\s+(?:a\s+|the\s+)?(?:local|domestic|[A-Z][a-z]+)\s+(?:state[\w-]*\s+|commercial\s+|private\s+)?(?:banks?|lenders?)\b"
)
_OUR = re.compile(r"\b(?:our|bilateral|mutual|two-way)\s+(?:\w+\s+)?(?:trade|turnover)\b", re.I)
_THE_COUNTRY = re.compile(r"\b(?:in|into|to)\s+the\s+(?:country|republic)(?:'s|’s)?\b", re.I)
_RECEIVES = re.compile(r"\s+(?:\w+\s+){0,2}?(?:to\s+)?(?:receiv|attract|obtain)\w*\b", re.I)
# "… accounted for the bulk of the turnover at $4.41 billion": the turnover named again, no cue.
_OF_THE = re.compile(r"\b(?:of|in)\s+(?:the|total|overall)\s+$", re.I)


def _place_country(ctx: DocContext, sent: Sentence, a: int, b: int) -> str | None:
    """The country of the first known city or province named in text[a:b] (the project's place)."""
    from desktop.core.extract.facts.event import location_country

    for m in re.finditer(r"\b[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?", ctx.text[a:b]):
        code, kind = location_country(m.group())
        if code and kind in ("city", "province", "region"):
            return code
    return None


def recent_source(ctx: DocContext, sent: Sentence) -> str | None:
    """The statistics source of the sentence, else of one of the two sentences before it (same or
    previous paragraph)."""
    code = source_country(ctx, sent)
    for back in (1, 2):
        if code or sent.index - back < 0:
            break
        prev = ctx.sentences[sent.index - back]
        if sent.para - prev.para > 1:
            break
        code = source_country(ctx, prev)
    return code


def source_country(ctx: DocContext, sent: Sentence) -> str | None:
    """The country whose statistics a sentence cites, if it says so."""
    from desktop.core.extract.facts.role import org_country

    for m in _SOURCE.finditer(ctx.text, sent.start, sent.end):
        lo = max(sent.start, m.start() - 16)
        code = org_country(ctx.text[lo:m.end()], ctx)
        if code:
            return code
    return None


CURRENCY_COUNTRY = {"KZT": "KAZ", "UZS": "UZB", "KGS": "KGZ", "TJS": "TJK", "TMT": "TKM", "RUB": "RUS", "CNY": "CHN"}
_WORLD = re.compile(r"\b(?:foreign|external|total|overall)\s+trade\b", re.I)


@dataclass
class Cue:
    start: int
    end: int
    kind: str  # trade | investment
    text: str


def _flow(cue: str) -> str:
    if _BOTH.search(cue):
        return "total"
    if _IMPORT.search(cue):
        return "import"
    if _EXPORT.search(cue):
        return "export"
    return "total"


def _cues(ctx: DocContext, sent: Sentence) -> list[Cue]:
    text = ctx.text
    skip = excluded_spans(sent, ("ORG", "EVENT", "INITIATIVE", "PERSON"))
    out = []
    for rx, kind in ((TRADE_CUE, "trade"), (INVEST_CUE, "investment")):
        for m in rx.finditer(text, sent.start, sent.end):
            if inside(m.start(), skip):
                continue
            if m.group()[:1].isupper() and not m.group()[:2].isupper() and _IN_NAME.search(text, max(sent.start, m.start() - 30), m.start()):
                # "Ministry of Investment, Industry and Trade": a capitalised cue inside a name.
                continue
            if m.group()[:1].isupper() and _NAME_AFTER.match(text, m.end()):
                continue  # "Trade Organization", "Investment Forum"
            if kind == "trade" and _MODIFIER_OF.match(text, m.end()):
                continue  # "trade center", "export credit": a modifier of another thing
            if kind == "investment" and _INVEST_MODIFIER.match(text, m.end()):
                continue  # "investment climate", "the investment ministry": no investment stated
            if kind == "trade" and out and out[-1].kind == "trade" and _OF_THE.search(text, max(sent.start, m.start() - 12), m.start()):
                continue  # "Imports … accounted for the bulk of the turnover": the whole named again
            out.append(Cue(m.start(), m.end(), kind, m.group()))
    if out:
        for m in _PART_CUE.finditer(text, sent.start, sent.end):
            out.append(Cue(m.start(), m.end(), "part", m.group()))
    out.sort(key=lambda c: (c.start, -c.end))
    # Drop cues nested in an earlier one ("trade" inside "bilateral trade volume").
    res: list[Cue] = []
    for c in out:
        if res and c.start < res[-1].end:
            # Investment inside a trade cue or the reverse: keep the longer.
            if c.end - c.start > res[-1].end - res[-1].start:
                res[-1] = c
            continue
        res.append(c)
    final: list[Cue] = []
    for c in res:
        if c.kind == "part":
            if not final:
                continue
            parent = next((p for p in reversed(final) if p.kind != "part"), None)
            if parent is None:
                continue
            final.append(Cue(c.start, c.end, "part:" + parent.kind, parent.text))
            continue
        final.append(c)
    return final


def _trade_parties(parties: list, flow: str, cue_text: str, ctx: DocContext,
                   source: str | None = None) -> tuple[str | None, str | None]:
    reporter = partner = None
    stated = False
    if flow == "export":
        for m, c in parties:
            if c == "to" and partner is None:
                partner = m.code
            elif c in ("from", "poss", "dem") and reporter is None:
                reporter = m.code
    elif flow == "import":
        for m, c in parties:
            if c == "from" and partner is None:
                partner = m.code
            elif c in ("poss", "dem", "to", "by") and reporter is None:
                reporter = m.code
    else:
        for m, c in parties:
            if c in ("poss", "dem") and reporter is None:
                reporter = m.code
                stated = True
            elif c in ("with", "and") and partner is None and m.code != reporter:
                partner = m.code
    codes: list[str] = []
    # Destinations of exports and origins of imports are partners, never the reporter.
    side = {"export": "to", "import": "from"}.get(flow)
    only_side = {m.code for m, c in parties if c == side} - {m.code for m, c in parties if c != side}
    for m, _c in parties:
        if m.code not in codes:
            codes.append(m.code)
    if flow != "total" and reporter is None and partner is None and source and len(codes) <= 2:
        # "…, according to Kyrgyzstan's statistics, with imports accounting for $2.4 billion": with
        # no cue on either side, the side whose statistics are cited reports.
        reporter = source
    for c in codes:
        if reporter is None and c != partner and c not in only_side:
            reporter = c
        elif partner is None and c != reporter:
            partner = c
    if reporter == partner:
        partner = None
    if reporter is not None and partner is None and _WORLD.search(cue_text):
        partner = "WORLD"
    if reporter == "CA5" and partner and partner not in ("CA5", "WORLD") and flow == "total":
        reporter, partner = partner, reporter  # "Central Asia's trade with China": China reports.
    if flow == "total" and not stated and reporter and partner and partner != "WORLD":
        # Symmetric: the side whose statistics are cited reports; else the first-named.
        first = source if source in (reporter, partner) else None
        if first and first != reporter:
            reporter, partner = partner, reporter
    return reporter, partner


def _from_memory(ctx: DocContext, a: str | None, b: str | None, para: int) -> tuple[str | None, str | None, bool]:
    """Fill a missing party from the last complete pair of the document ("…, while imports from
    China reached $25.5 billion" after "Kazakhstan's exports to China …")."""
    mem = ctx.cache.get("pair_mem")
    filled = False
    if mem and (not a or not b) and para - mem[2] <= 1:
        x, y = mem[0], mem[1]
        if a and not b:
            b = y if a == x else x if a == y else None
        elif b and not a:
            a = x if b == y else y if b == x else None
        elif not a and not b:
            a, b = x, y
        filled = bool(a and b)
    if a and b and a not in ("WORLD",) and b not in ("WORLD",):
        ctx.cache["pair_mem"] = (a, b, para)
    return a, b, filled


def money_facts(ctx: DocContext, sent: Sentence) -> list[tuple[str, dict, int, int, float]]:
    """(type, fields, evidence_start, evidence_end, confidence) for the sentence's trade and
    investment figures."""
    text = ctx.text
    monies = sentence_money(ctx, sent)
    if not monies:
        return []
    cues = _cues(ctx, sent)
    if not cues:
        return _rank_siblings(ctx, sent, monies)
    # Parenthesised conversions: "173.05 billion yuan ($24.8 billion)".
    stated_usd: dict[int, float] = {}
    main: list[Money] = []
    for m in monies:
        if main and m.currency == "USD" and text[main[-1].end:m.start].strip() in ("(", "(about", "(around", "(approx.", "(or", ", or", "(some", "or"):
            stated_usd[id(main[-1])] = m.value
            continue
        if is_conversion(text, sent, m, main[-1] if main else None):
            continue
        main.append(m)
    # Assign each amount to the nearest cue before it, else after it; a cue takes one amount.
    taken: dict[int, Money] = {}
    for m in main:
        before = [i for i, c in enumerate(cues) if c.end <= m.start]
        after = [i for i, c in enumerate(cues) if c.start >= m.end]
        idx = before[-1] if before else (after[0] if after else None)
        if idx is None or idx in taken:
            continue
        if not before and cues[idx].kind == "investment" and _CLAUSE_BREAK.search(text, m.end, cues[idx].start):
            continue  # "holds assets worth $70 billion, and plans to invest …": another clause's cue
        metric = _METRIC_BEFORE.search(text, max(cues[idx].end if before else sent.start, m.start - 60), m.start) \
            if cues[idx].kind == "investment" else None
        if metric and not ("capital" in metric.group().lower() and _NEW_VEHICLE.search(text, sent.start, sent.end)):
            # ("… signed a memorandum to establish a joint investment platform with an initial capital
            # of $1 billion" is the money of a new joint vehicle, a pledge.)
            continue  # "posted net profit of $1.9 billion … and invested": a company's metric, no investment
        if cues[idx].kind.startswith("part:") and idx - 1 not in taken and not any(
            j < idx and j in taken for j in range(idx)
        ):
            # A "part" cue with no whole before it: the amount belongs to the real cue.
            idx = max((j for j in range(idx) if not cues[j].kind.startswith("part:")), default=idx)
            if idx in taken:
                continue
        # A cue far behind, with another amount between, belongs to that amount.
        taken[idx] = m
    if not taken:
        return []
    series = _series(text, main, taken)
    in_series = {id(x) for v in series.values() for x in v}
    taken_ids = {id(x) for x in taken.values()}
    extra = [m for m in main if id(m) not in taken_ids and id(m) not in in_series]
    dates = sentence_dates(ctx, sent)
    source = recent_source(ctx, sent)
    exclude = [(m.start, m.end) for m in monies] + excluded_spans(sent, ("ORG", "EVENT", "INITIATIVE", "PERSON"))
    order = sorted(taken.items(), key=lambda kv: kv[1].start)
    out = []
    for k, (ci, money) in enumerate(order):
        cue = cues[ci]
        prev_end = order[k - 1][1].end if k else sent.start
        a = min(prev_end, cue.start) if k else sent.start
        a = max(a, prev_end) if k else a
        nxt = order[k + 1] if k + 1 < len(order) else None
        b = cues[nxt[0]].start if nxt and cues[nxt[0]].start > money.end else (nxt[1].start if nxt else sent.end)
        b = max(b, money.end)
        clause = text[a:b]
        orgs = cue.kind.endswith("investment")
        parties = parties_in(ctx, a, b, exclude, sent, orgs)
        if not parties and k:
            parties = parties_in(ctx, sent.start, b, exclude, sent, orgs)
        if orgs:
            parties = [(pm, "to") if c == "" and _RECEIVES.match(text, pm.end) else (pm, c) for pm, c in parties]
        change = find_change(text, a, b)
        qual = qualifier_before(text, money.start, a) or (change.qualifier if change else None)
        part = cue.kind.startswith("part:")
        kind_type = cue.kind.split(":")[-1]
        parent_fields = out[-1][1] if part and out and out[-1][0] == kind_type else None
        if not parent_fields:
            nxt_money = next((m2.start for m2 in main if m2.start > money.start), sent.end)
            goal = target_indicator(ctx, sent, money, nxt_money, qual)
            if goal:
                out.append(goal)
                continue
        stock = False
        if kind_type == "investment":
            kind = investment_kind(clause, cue.text)
            stock = kind == "stock"
        period, period_text = pick_period(ctx, sent, dates, a, b, money.end, stock)
        value_usd = money.value if money.currency == "USD" else stated_usd.get(id(money))
        conf = 0.85
        if kind_type == "trade":
            flow = _flow(cue.text)
            reporter, partner = _trade_parties(parties, flow, cue.text, ctx, source)
            if parent_fields:
                own = [pm.code for pm, _c in parties if pm.code != parent_fields["reporter"]]
                if not own:
                    continue
                reporter, partner = parent_fields["reporter"], (own[0] if own else None)
                if period is None:
                    period, period_text = parent_fields["period"], parent_fields["period_text"]
            home = CURRENCY_COUNTRY.get(money.currency)
            if reporter and not partner and home and home != reporter and money.currency != "CNY":
                partner = home
            elif not reporter and home and money.currency != "CNY":
                reporter = home
            fields = {
                "reporter": reporter, "partner": partner, "flow": flow, "period": period,
                "period_text": period_text, "value": money.value, "currency": money.currency,
                "value_usd": value_usd, "change_pct": change.value if change else None, "qualifier": qual,
            }
            reporter, partner, filled = _from_memory(ctx, reporter, partner, sent.para)
            last = ctx.cache.get("last_trade")
            if not reporter and partner and last and sent.para - last[1] <= 1 and last[0]["reporter"] not in (None, partner):
                # "Trade with Turkmenistan reached …" after China's figures: China still reports.
                reporter, filled = last[0]["reporter"], True
            if not reporter and partner:
                # "Imports of goods from China … were worth $1.5 billion" in a Kazakh report: local
                # news gives its own country's trade.
                from desktop.core.extract.facts.role import home_country

                home = home_country(ctx)
                if home and home != partner:
                    reporter, filled = home, True
                    ctx.cache["pair_mem"] = (reporter, partner, sent.para)
            if reporter and not partner and ctx.pair and reporter in ctx.pair and _OUR.search(clause):
                # "our trade", "bilateral trade": the other side of the document's pair.
                partner = ctx.pair[1] if reporter == ctx.pair[0] else ctx.pair[0]
                filled = True
            fields["reporter"], fields["partner"] = reporter, partner
            if not reporter or not partner:
                conf -= 0.25
            elif filled:
                conf -= 0.15
            if _TARGET.search(clause):
                conf -= 0.3  # a target, not a statistic
        else:
            if not parent_fields and COST_CUE.search(cue.text) and not [p for p in parties if p[1] != "adj"]:
                out.append(_cost_indicator(ctx, sent, dates, a, b, money, qual))
                continue
            dom = _DOMESTIC.search(clause)
            if not parent_fields and dom and not re.search(r"\b(?:foreign|FDI|direct)\b", dom.group(), re.I):
                # "Investment in fixed capital rose 7% to 18 trillion tenge", "loans worth 3 trillion
                # soums to small businesses": a country's own investment or lending, an indicator.
                from desktop.core.extract.facts.role import home_country

                own = [pm.code for pm, _c in parties if pm.code not in ("CA5", "WORLD")]
                fields = {"subject": own[0] if own else home_country(ctx), "metric": re.sub(r"\s+worth\s+.*?\s+to\s+", " to ", " ".join(dom.group().lower().split())),
                          "value": money.value, "unit": money.currency, "period": period, "period_text": period_text,
                          "change_pct": change.value if change else None, "qualifier": qual}
                out.append(("indicator", fields, sent.start, sent.end, 0.55))
                continue
            need = _NEED.search(text, max(sent.start, money.start - 120), money.start)
            if not parent_fields and need and not [p for p in parties if p[1] in ("from", "poss", "dem", "by")]:
                # "removing bottlenecks will require $5bn of investment": a need, no investment made.
                what = " ".join(need.group("what").split())
                period, period_text = pick_period(ctx, sent, dates, a, b, money.end)
                fields = {"subject": None, "metric": f"investment needed for {what}", "value": money.value,
                          "unit": money.currency, "period": period, "period_text": period_text, "change_pct": None,
                          "qualifier": qual}
                out.append(("indicator", fields, sent.start, sent.end, 0.55))
                continue
            investor, recipient = investment_parties(parties, ctx.pair)
            if parent_fields:
                own = [pm.code for pm, _c in parties if pm.code != parent_fields["investor"]]
                if not own:
                    continue
                investor, recipient = parent_fields["investor"], (own[0] if own else None)
            if stock:
                period = stock_period(period)
            fields = {
                "investor": investor, "recipient": recipient, "kind": kind, "period": period,
                "period_text": period_text, "value": money.value, "currency": money.currency,
                "value_usd": value_usd, "change_pct": change.value if change else None, "qualifier": qual,
            }
            if not recipient and not investor:
                recipient = _place_country(ctx, sent, money.start, b)  # "a loan to upgrade the Dushanbe-… road"
            if investor and not recipient and ctx.pair and investor in ctx.pair and _THE_COUNTRY.search(clause):
                recipient = ctx.pair[1] if investor == ctx.pair[0] else ctx.pair[0]  # "in the country's economy"
            investor, recipient, filled = _from_memory(ctx, investor, recipient, sent.para)
            if investor != "CHN" and recipient == "CHN" and filled:
                investor, recipient = recipient, investor
            if recipient is None:
                # "Chinese companies signed deals totalling $4.8 billion" in a Tashkent report: money
                # that comes with no stated destination goes to the document's home country.
                from desktop.core.extract.facts.role import home_country

                home = home_country(ctx)
                if home and home not in ("CHN", investor):
                    recipient = home
            from desktop.core.extract.facts.role import home_country

            codes = {pm.code for pm, _c in parties}
            if not parent_fields and _LOAN.search(cue.text) and (
                (investor is None and _TO_COMPANY.search(clause))
                or (recipient is None and len(codes) == 1 and _LOCAL_LENDER.search(clause) and codes == {home_country(ctx)})
            ):
                # "Halyk Bank extended a loan … to the Kazakh subsidiary of …", "UzAuto received a loan
                # from Uzbek state bank Asaka": lending between companies or within one country.
                continue
            fields["investor"], fields["recipient"] = investor, recipient
            if not investor:
                conf -= 0.25
            elif filled:
                conf -= 0.15
        if period is None and not dates:
            mem = ctx.cache.get("period_mem")
            pair = {fields.get("reporter") or fields.get("investor"), fields.get("partner") or fields.get("recipient")}
            same_side = kind_type == "trade" and fields.get("reporter") in mem[3] if mem else False
            if mem and (mem[0] == sent.para or (sent.para - mem[0] <= 1 and (pair == mem[3] or same_side))):
                fields["period"], fields["period_text"] = mem[1], mem[2]
                period = mem[1]
                if kind_type == "investment" and fields["kind"] == "stock":
                    fields["period"] = stock_period(period)
                conf -= 0.1
        if period is None:
            conf -= 0.1
        elif fields["period_text"] and kind_type == "trade":
            if dates:
                ctx.cache["fig_period"] = (period, fields["period_text"])
            ctx.cache["period_mem"] = (sent.para, period, fields["period_text"], {fields["reporter"], fields["partner"]})
        out.append((kind_type, fields, sent.start, sent.end, round(conf, 2)))
        if kind_type == "trade" and fields["reporter"]:
            ctx.cache["last_trade"] = (fields, sent.para)
            if fields["flow"] == "total" and fields["partner"] not in (None, "WORLD"):
                ctx.cache["last_total"] = (fields, sent.para)
        for sm in series.get(id(money), ()):
            # "…, up from about $31 billion in 2022": the same parties, the amount's own period.
            p2, pt2 = pick_period(ctx, sent, dates, sm.end, min(sent.end, sm.end + 40), sm.end, stock)
            same = _SAME_PERIOD.match(text, sm.end) if fields["period"] else None
            if same:
                # "up 4.1% from $20.46 billion in the same period of 2023": the figure's months a year before.
                year = same.group(1) or str(int(fields["period"][:4]) - 1)
                p2, pt2 = re.sub(r"(?:19|20)\d\d", year, fields["period"]), " ".join(same.group(0).split()[2:])
            if p2 is None or p2 == fields["period"]:
                continue
            f2 = {**fields, "period": stock_period(p2) if stock else p2, "period_text": pt2, "value": sm.value,
                  "currency": sm.currency, "value_usd": sm.value if sm.currency == "USD" else None,
                  "change_pct": None, "qualifier": qualifier_before(text, sm.start, money.end)}
            out.append((kind_type, f2, sent.start, sent.end, round(conf - 0.05, 2)))
    for m in extra:
        # "…, followed by Kyrgyzstan with 22.7 billion dollars and Uzbekistan with 13.8 billion dollars":
        # a further partner of the same list, a sibling of the trade figure before it.
        w = _AND_WITH.search(text, max(sent.start, m.start - 50), m.start)
        prev = next((f for f in reversed(out) if f[0] == "trade" and f[1]["value"] != m.value), None)
        if not w or prev is None:
            continue
        from desktop.core.extract.facts.parties import lookup

        code = lookup(w.group("who"))
        if not code or code == prev[1]["reporter"]:
            continue
        f2 = {**prev[1], "partner": code, "value": m.value, "currency": m.currency,
              "value_usd": m.value if m.currency == "USD" else None, "change_pct": None,
              "qualifier": qualifier_before(text, m.start, sent.start)}
        out.append(("trade", f2, sent.start, sent.end, 0.6))
    return out


_GOAL = re.compile(
    r"(?:\b(?P<aim>aim(?:s|ed|ing)?|plans?|planning|targets?|targeting|seeks?|seeking|intends?|wants?|hopes?|goal\s+is|(?<=\band\s)|(?<=,\s))\s*to\s+"
    r"(?P<verb>raise|increase|bring|boost|attract|reach|lift|expand|grow|double|take)\b(?P<obj>[^.;:$€¥\d]{0,60}?)\s*"
    r"(?:\bto\s+)?"
    r"|\b(?P<fc>could|may|might|(?:is|are|was|were)\s+(?:expected|forecast|projected|set|likely)\s+to|(?:is|are)\s+on\s+track\s+to)\s+"
    r"(?P<fv>top|reach|exceed|hit|surpass|rise\s+to|grow\s+to|increase\s+to|climb\s+to|approach)\s+"
    r"|\b(?P<tgt>target|goal)\s+of\s+)"
    r"(?:(?:about|around|over|more\s+than|nearly|some|at\s+least|up\s+to)\s+)?$",
    re.I,
)
_GOAL_YEAR = re.compile(r"\s+(?:by|in|until|before)\s+(?:the\s+end\s+of\s+)?((?:19|20)\d\d)\b")
_GOAL_SPAN = re.compile(r"\b(?:over|in|within|during)\s+the\s+(next\s+(?:\w+\s+)?(?:years?|months?|decade))\b", re.I)
_GOAL_OF = re.compile(r"\s+(?:of|in)\s+((?:(?!(?:over|in|by|to|and|from|within|during|for|the)\b)[a-z][\w-]*\s*){1,3})")
_SAID = re.compile(r".*\b(?:say|says|said|expect|expects|believe|believes|think|thinks|estimate|estimates|forecast|forecasts|predict|predicts|project|projects)\s+(?:that\s+)?", re.I)
_DETERMINER = re.compile(r"^(?:the\s+)?(?:(?:[A-Za-z]+(?:'s|’s)|its|their|our|his|her)\s+)?", re.I)


def target_indicator(ctx: DocContext, sent: Sentence, money: Money, limit: int,
                     qual: str | None) -> tuple[str, dict, int, int, float] | None:
    """A goal or a forecast is no statistic: "aim to raise bilateral trade to $40 billion by 2030"
    → indicator "bilateral trade target"; "trade … could top $100 billion in 2025" → "forecast
    trade …"; "aims to attract $110 billion of foreign investment over the next five years" →
    "foreign investment target". Unit = the currency; period = the target year stated after the
    amount (none for "the next five years"); subject = the country that aims or whose figure is
    forecast, else the document's home country."""
    from desktop.core.extract.facts.role import home_country

    text = ctx.text
    g = _GOAL.search(text, max(sent.start, money.start - 110), money.start)
    if not g:
        return None
    tail = text[money.end:limit]
    parties = parties_in(ctx, sent.start, sent.end, [], sent)
    subject = None
    if g.group("fc"):
        head = text[sent.start:g.start()]
        cut = max(head.rfind(","), head.rfind('"'), head.rfind("“"))
        said = _SAID.search(head, cut + 1)
        cut = said.end() - 1 if said else cut
        what = head[cut + 1:].strip()
        what = re.sub(r"^(?:and|but|while|that)\s+", "", what, flags=re.I)
        metric = f"forecast {_DETERMINER.sub('', what)}".strip()
        lo = sent.start + cut + 1
        inner = [p for p, _c in parties if lo <= p.start < g.start() and p.code not in ("CA5", "WORLD")]
        subject = inner[0].code if inner else None
    else:
        obj = " ".join((g.group("obj") or "").split()) if g.group("verb") else ""
        obj = _DETERMINER.sub("", re.sub(r"\s+to$", "", obj))
        if not obj:
            of = _GOAL_OF.match(text, money.end, limit)
            obj = " ".join(of.group(1).split()) if of else ""
        if not obj and g.group("tgt"):
            pre = re.search(r"((?:[a-z][\w-]*\s+){1,2})(?:target|goal)\s+of\s+", text[max(sent.start, g.start() - 40):g.end()])
            obj = pre.group(1).strip() if pre else ""
        metric = f"{obj} target".strip()
        before = [p for p, _c in parties if p.end <= g.start() and g.start() - p.end <= 4]
        subject = before[-1].code if before else None
    if subject is None:
        subject = home_country(ctx)
    y = _GOAL_YEAR.match(tail) or _GOAL_YEAR.search(tail[:40])
    span = _GOAL_SPAN.search(tail)
    period = y.group(1) if y else None
    if qual is None and g.group("fc") and g.group("fv").lower() in ("top", "exceed", "surpass"):
        qual = "over"
    period_text = y.group(1) if y else (span.group(1) if span else None)
    fields = {"subject": subject, "metric": metric.lower(), "value": money.value, "unit": money.currency,
              "period": period, "period_text": period_text, "change_pct": None, "qualifier": qual}
    return ("indicator", fields, sent.start, sent.end, 0.55)


_RANK = re.compile(
    r"(?P<who>\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+(?:followed|came\s+(?:second|third|fourth|fifth|next)|"
    r"ranked\s+(?:second|third|fourth|fifth|next)|was\s+(?:second|third|fourth|fifth))\s+with\s+"
    r"(?:(?:about|around|over|more\s+than|nearly|almost|some)\s+)?$"
)


def _rank_siblings(ctx: DocContext, sent: Sentence, monies: list[Money]) -> list[tuple[str, dict, int, int, float]]:
    """"Russia followed with $8.7 billion, and Kazakhstan came third with $3.5 billion" after a
    trade figure: a ranking of partners, each a sibling of that figure (same reporter, flow and
    period; the named partner)."""
    from desktop.core.extract.facts.parties import lookup

    last = ctx.cache.get("last_total")
    if not last or sent.para - last[1] > 2:
        return []
    text = ctx.text
    parent = last[0]
    out = []
    for money in monies:
        lo = max(sent.start, money.start - 60)
        r = (_RANK.search(text, lo, money.start) or _AND_WITH.search(text, lo, money.start)
             or _FOLLOWED.search(text, lo, money.start))
        code = lookup(r.group("who")) if r else None
        if not code or code in (parent["reporter"], "WORLD"):
            continue
        fields = {**parent, "partner": code, "value": money.value, "currency": money.currency,
                  "value_usd": money.value if money.currency == "USD" else None, "change_pct": None,
                  "qualifier": qualifier_before(text, money.start, sent.start)}
        out.append(("trade", fields, sent.start, sent.end, 0.6))
    return out


_FOLLOWED = re.compile(
    r"\b(?:followed|trailed)\s+by\s+(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+(?:with|at)\s+"
    r"(?:(?:about|around|over|more\s+than|nearly|almost|some)\s+)?$")
_AND_WITH = re.compile(
    r"(?:,\s*|\s+and\s+)(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+(?:with|at)\s+"
    r"(?:(?:about|around|over|more\s+than|nearly|almost|some)\s+)?$")


def is_conversion(text: str, sent: Sentence, m: Money, prev: Money | None) -> bool:
    """"…, or 400 billion som", "corresponds to more than 18 trillion tenge": the same amount in
    another currency."""
    lo = max(sent.start, m.start - 40)
    hit = _CONVERSION.search(text, lo, m.start)
    if not hit:
        return False
    if "or" in hit.group().lower().split():
        return prev is not None and prev.currency != m.currency and m.start - prev.end < 12
    return True


def _series(text: str, main: list[Money], taken: dict[int, Money]) -> dict[int, list[Money]]:
    """Amounts no cue took that continue a taken amount as a series of periods."""
    taken_ids = {id(m) for m in taken.values()}
    out: dict[int, list[Money]] = {}
    head: Money | None = None
    prev: Money | None = None
    for m in main:
        if id(m) in taken_ids:
            head = prev = m
            continue
        if head is None or prev is None or m.currency != head.currency or m.start - prev.end > 160:
            continue
        if not _SERIES_GAP.search(text, prev.end, m.start) or not _OWN_PERIOD.match(text, m.end):
            continue
        out.setdefault(id(head), []).append(m)
        prev = m
    return out


_NAMED_FACILITY = re.compile(
    r"(?:The\s+)?(?P<n>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}\s+(?:[a-z][\w-]*\s+){0,3}(?:plant|station|factory|mine|"
    r"complex|facility|bridge|tunnel|airport|terminal|dam|refinery|smelter))\b")


def _cost_indicator(ctx: DocContext, sent: Sentence, dates: list, a: int, b: int, money: Money,
                    qual: str | None) -> tuple[str, dict, int, int, float]:
    text = ctx.text
    clause = text[a:b]
    metric = "estimated cost" if re.search(r"\bestimat", clause, re.I) else "cost"
    if re.search(r"\bvalued\s+at\b", clause, re.I):
        metric = "value"
    owner = re.search(r"\b(?:[Tt]he|[Ii]ts)\s+(?P<n>(?:[a-z][\w-]*\s+){0,2}?(?:railway|road|pipeline|project|line|plant|"
                      r"station|bridge|corridor|tunnel|port|park|complex|facility|airport|highway|terminal))\b", clause)
    subject = None
    if owner and owner.start() < money.start - a:
        metric += f" of the {owner.group('n')}"
    else:
        named = _NAMED_FACILITY.match(text, sent.start, money.start)
        if named:
            # "The Dushanbe-2 thermal power plant, built by TBEA at a cost of $349 million": a named
            # facility owns its cost; with no country in the sentence, it is the home country's.
            from desktop.core.extract.facts.indicator import _fallback_subject

            name = " ".join(named.group("n").split())
            metric += f" of the {name.lower()}"
            subject = _fallback_subject(ctx, sent, money.start, money.end, metric)
    period, period_text = pick_period(ctx, sent, dates, a, b, money.end)
    fields = {"subject": subject, "metric": metric, "value": money.value, "unit": money.currency, "period": period,
              "period_text": period_text, "change_pct": None, "qualifier": qual}
    return ("indicator", fields, sent.start, sent.end, 0.6)
