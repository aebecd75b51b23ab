"""Indicators: any other figure with a number — capacities (GW, tonnes, cubic metres …), counts
of enterprises, projects, trains, flights …, "100-fold" growth.

Counts are taken only for nouns of the economic field (a whitelist), so "80 participants" or
"31 years" are no indicators; money, percentages and dates are never indicators.
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

UNITS = (
    r"gigawatt[\s-]hours?|megawatt[\s-]hours?|kilowatt[\s-]hours?|gigawatts?|megawatts?|kilowatts?|GWh|MWh|kWh|TWh|GW|MW|kW|"
    r"(?:metric\s+)?tonnes?|(?:metric\s+)?tons?|barrels?(?:\s+(?:of\s+oil\s+)?per\s+day)?|"
    r"cubic\s+met(?:re|er)s?|bcm|kilomet(?:re|er)s?|km|hectares?|ha|square\s+met(?:re|er)s?|TEUs?|"
    r"passengers|containers|wagons|carriages"
)
NOUNS = (
    r"enterprises|companies|firms|businesses|projects|trains|train\s+trips|trips|journeys|flights|containers|items|jobs|"
    r"agreements|contracts|deals|documents|memorand(?:a|ums)|vehicles|cars|trucks|tourists|visitors|students|"
    r"industrial\s+parks|parks|routes|warehouses|stores|shops|workers|employees|units|wells|plants|factories|"
    r"schools|hospitals|lines|stations|border\s+crossings|checkpoints|ventures|joint\s+ventures|investors|exhibitors|"
    r"products|goods|categories|tons|tonnes|pipelines|roads|bridges|houses|apartments|greenhouses|hectares"
)
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?P<scale>thousand|million|billion|trillion|mln|bln|mn|bn))?"
_MOD = r"(?:[A-Z][\w'’-]*|[a-z][\w-]*)"
FIGURE_RE = re.compile(
    _NUM + _SCALE + r"(?:"
    r"(?P<fold>-fold|\s+times)"
    rf"|\s?(?P<unit>{UNITS})(?![\w])"
    rf"|(?P<np>(?:\s+{_MOD}){{0,4}}?\s+(?P<noun>{NOUNS}))(?![\w])"
    r")",
)
_METRIC_BEFORE = re.compile(
    r"((?:(?!(?:has|have|had|will|with|a|an|the|its|their|of|and|is|was|be)\b)[a-z][\w-]*\s+){0,2}(?:capacity|length|output|production|volume|reserves|throughput|power|generation|area|"
    r"cargo|freight|traffic|transit|supply|supplies|consumption|shipments|harvest|yield))\s+(?:of|at|reached|reaching|"
    r"amounted\s+to|amounting\s+to|totall?ed|totall?ing|was|is|will\s+be|exceeded|hit|stood\s+at)\s+(?:about\s+|around\s+|over\s+|more\s+than\s+|nearly\s+|up\s+to\s+)?$",
    re.I,
)
_METRIC_WORD = re.compile(
    r"\b(?:capacity|length|output|production|volume|reserves|throughput|power|generation|area|cargo|freight|traffic|"
    r"transit|consumption|shipments|harvest|yield|supplies)\b"
)
_MODIFIERS = re.compile(
    r"((?:(?<![\w'’-])(?!(?:has|have|had|will|with|a|an|the|its|their|of|and|is|was|be|in|to|for|by|on|at|this|that)\b)[a-z][\w-]*\s+){0,2})$"
)
_AFTER_FOLD = re.compile(r"\s*(increase|growth|rise|jump|expansion)", re.I)
_STRIP_ADV = re.compile(r"^(?:a|an|the|some|about|over|nearly)\s+", re.I)
_OF_WHAT = re.compile(
    r"\s+of\s+((?:(?!(?:to|in|from|for|by|was|were|a|an|the|per|each|annually|and|at|on|with|into|through|via)\b)[a-z][\w-]*\s*){1,3})"
)


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


def _subject(parties: list, pos: int) -> str | None:
    """The country a figure is about: a possessive or actor demonym nearest to it ("China's
    platforms", "Chinese enterprises"), else the first country of the sentence, groups last."""
    owners = [m for m, cue in parties if cue in ("poss", "dem")]
    if owners:
        return min(owners, key=lambda m: abs(m.start - pos)).code
    plain = [m for m, _cue in parties if m.code not in ("CA5", "WORLD")]
    if plain:
        return plain[0].code
    return parties[0][0].code if parties else None


_NUMBER_OF = re.compile(
    r"\b(?:the\s+)?(?:total\s+)?number\s+of\s+(?P<np>[A-Za-z][\w\s'’-]{2,60}?)\s+(?:has\s+|have\s+)?"
    r"(?:exceeded|reached|rose\s+to|grew\s+to|increased\s+to|stood\s+at|was|is|totall?ed|amounted\s+to|hit|topped|surpassed)\s+"
    r"(?P<q>about\s+|around\s+|over\s+|more\s+than\s+|nearly\s+|almost\s+|some\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(?P<scale>thousand|million|billion))?(?![\w%$])"
)


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
        if m.group("fold"):
            unit = "fold"
            w = _AFTER_FOLD.match(text, m.end())
            metric = w.group(1).lower() if w else "growth"
            end = w.end() if w else m.end()
        elif m.group("unit"):
            unit = " ".join(m.group("unit").split())
            mb = _METRIC_BEFORE.search(text, max(sent.start, a - 60), a)
            if mb:
                metric = _STRIP_ADV.sub("", mb.group(1)).lower()
            else:
                w0 = max(sent.start, a - 80)
                hits = list(_METRIC_WORD.finditer(text, w0, a))
                last = hits[-1] if hits else None
                if last:
                    mods = _MODIFIERS.search(text[w0:last.start()])
                    metric = ((mods.group(1) if mods else "") + last.group()).strip()
                else:
                    ow = _OF_WHAT.match(text, m.end(), sent.end)
                    metric = ow.group(1).strip() if ow else _default_metric(unit)
            end = m.end()
        else:
            unit = " ".join(m.group("noun").split())
            metric = " ".join(m.group("np").split())
            end = m.end()
            if re.fullmatch(r"\d{4}", m.group("num")) and not m.group("scale"):
                continue  # a year before a noun: "2023 projects"
        parties = parties_in(ctx, sent.start, sent.end, blocked, sent)
        subject = _subject(parties, a)
        if dates is None:
            dates = sentence_dates(ctx, sent)
        period, period_text = pick_period(ctx, sent, dates, sent.start, sent.end, end)
        if unit == "fold":
            span = _since_span(ctx, sent, end)
            if span:
                period, period_text = span
        change = find_change(text, end, sent.end)
        fields = {
            "subject": subject, "metric": metric, "value": num, "unit": unit, "period": period,
            "period_text": period_text, "change_pct": change.value if change else None,
            "qualifier": qualifier_before(text, a, sent.start) or (
                "over" if re.search(r"\ban\s+over\s*$", text[max(0, a - 10):a]) else None),
        }
        out.append(("indicator", fields, sent.start, sent.end, 0.6))
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
        fields = {
            "subject": _subject(parties, a), "metric": f"number of {np_}", "value": float(dec),
            "unit": np_.split()[0] if np_.split()[0].endswith("s") else np_.split()[-1], "period": period,
            "period_text": period_text, "change_pct": None, "qualifier": qualifier_before(text, a, sent.start),
        }
        out.append(("indicator", fields, sent.start, sent.end, 0.6))
    return out


_MONEY_METRIC = re.compile(
    r"\b(?:GDP|gross\s+domestic\s+product|gross\s+regional\s+product|GRP|budget(?:\s+revenues?|\s+spending|\s+deficit)?|"
    r"revenues?|income|sales|net\s+profit|profits?|reserves|authori[sz]ed\s+capital|charter\s+capital|market\s+capitali[sz]ation|"
    r"external\s+debt|public\s+debt|debt|spending|expenditures?|remittances|tax\s+revenues?|value\s+added|"
    r"average\s+(?:monthly\s+)?(?:salary|wage)|wages?|salary|price|tariffs?|fund|assets)\b"
)


def money_indicator_facts(ctx: DocContext, sent: Sentence, monies: list, used: set[tuple[float, str]],
                          blocked: list[tuple[int, int]]) -> list[tuple[str, dict, int, int, float]]:
    """Amounts of money that are no trade or investment figure but a stated economic quantity
    ("GDP reached 119 trillion tenge", "budget revenues of $25 billion"): indicators whose unit is
    the currency code. Only with a metric word before the amount."""
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
        if not hits:
            continue
        last = hits[-1]
        mods = _MODIFIERS.search(text[w0:last.start()])
        metric = ((mods.group(1) if mods else "") + last.group()).strip()
        parties = parties_in(ctx, sent.start, sent.end, blocked, sent)
        if dates is None:
            dates = sentence_dates(ctx, sent)
        period, period_text = pick_period(ctx, sent, dates, sent.start, sent.end, money.end)
        change = find_change(text, money.end, sent.end) or find_change(text, last.end(), money.start)
        fields = {
            "subject": _subject(parties, money.start), "metric": metric, "value": money.value, "unit": money.currency,
            "period": period, "period_text": period_text, "change_pct": change.value if change else None,
            "qualifier": qualifier_before(text, money.start, sent.start),
        }
        out.append(("indicator", fields, sent.start, sent.end, 0.55))
    return out
