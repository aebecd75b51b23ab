"""MONEY, PERCENT and DATE patterns.

Span rules from the guidelines: a leading "the" and approximators ("about", "over", "more
than", "nearly", "around", "almost", "up to") are never part of a span (the patterns simply
do not include them); a range is one span ("$5bn-$6bn", "5-6 percent", "2020 to 2025",
"May 18 and 19").
"""

from __future__ import annotations

import re

from desktop.core.extract.overlap import confidence_for
from desktop.core.extract.tokens import MONTHS, NUMBER_WORDS, ORDINAL_WORDS, WEEKDAYS, trie_regex
from desktop.core.model import Span

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = (
    r"(?:trillion|billion|million|thousand|Trillion|Billion|Million|tln|trln|bln|mln|mn|bn|tn|Bn|Mln|"
    r"[mMbBkK](?![a-zA-Z]))"
)
_SYM = r"(?:U\.S\.\s?\$|US\s?\$|USD\s?\$?|\$|€|£|¥|₸|₽|RMB\s?¥?|CNY\s?|EUR\s?|KZT\s?|UZS\s?|RUB\s?|KGS\s?|TJS\s?|TMT\s?|GBP\s?|JPY\s?|Rs\.?\s?)"
_CUR_WORD = (
    r"(?:(?:U\.S\.|US|American|Hong Kong|Singapore|Australian|Canadian)\s+dollars?|dollars?|yuan|renminbi|RMB|"
    r"tenge|soms?|sums?|soums?|somonis?|manats?|rubles?|roubles?|euros?|yen|pounds?(?:\s+sterling)?|"
    r"rupees?|lira|liras|won|dirhams?|riyals?|francs?|USD|CNY|EUR|KZT|UZS|RUB|KGS|TJS|TMT)"
)
_RANGE = r"\s?(?:-|–|—|to)\s?"

# "in 2024 to 4.9 billion soms": a year is not the low end of a range
_NOT_YEAR_RANGE = r"(?!(?:19|20)\d\d\s?(?:-|–|to)\s?\d)"
_SYM_AMOUNT = rf"{_SYM}\s?(?:{_NUM})(?:\s?{_SCALE})?"
MONEY_RE = re.compile(
    rf"(?<![\w$€£¥.])(?:"
    # tens of billions of dollars, several billion yuan
    rf"(?:(?:tens|hundreds|dozens)\sof\s)?(?:billions|millions|trillions)\sof\s{_CUR_WORD}(?![\w])"
    rf"|(?:several|a\sfew)\s(?:billion|million|trillion)\s{_CUR_WORD}(?![\w])|"
    # $5bn-$6bn, US$ 15 bn, USD 1.2bn, RMB 5 billion, $70.2 billion yuan? no: symbol forms
    rf"{_SYM_AMOUNT}(?:{_RANGE}(?:{_SYM})?\s?(?:{_NUM})(?:\s?{_SCALE})?)?(?:\s{_CUR_WORD}(?![\w]))?"
    rf"|"
    # 46 billion U.S. dollars, 1.5 trillion tenge, 5-6 billion yuan, 1 million somonis
    rf"{_NOT_YEAR_RANGE}(?:{_NUM})(?:\s?{_SCALE})?(?:{_RANGE}(?:{_NUM})(?:\s?{_SCALE})?)?\s?{_CUR_WORD}(?![\w])"
    rf")"
)

PERCENT_RE = re.compile(
    rf"(?<![\w.]){_NOT_YEAR_RANGE}(?:{_NUM})(?:\s?%?\s?(?:-|–|to)\s?(?:{_NUM}))?\s?(?:%|percent(?:age points?)?|per\s?cent|pct|percentage points?)(?![\w])"
)

_MONTH = r"(?:" + "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)"
_MON_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
_MON_UP = r"(?:JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)"
_MONTH_NOMAY = r"(?:" + "|".join(m for m in MONTHS if m != "May") + r")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_WD = "|".join(WEEKDAYS)
_NW = "|".join(NUMBER_WORDS)
_NWC = "|".join(w.capitalize() for w in NUMBER_WORDS)
_ORD = "|".join(ORDINAL_WORDS[:12])
_CNT = rf"(?:\d+|{_NW}|{_NWC}|a few|few|several|couple of|{_NW}-\w+|{_NWC}-\w+)"
_UNIT = r"(?:years?|decades?|months?|weeks?|days?|quarters?|centur(?:y|ies))"
_MAY_BEFORE = [
    "in",
    "In",
    "since",
    "by",
    "until",
    "till",
    "of",
    "last",
    "this",
    "next",
    "early",
    "late",
    "from",
    "through",
    "to",
    "and",
]
# a season with "the" is a particular one ("during the autumn"); "heat in winter" is habitual
_SEASON_AFTER = "(?<=the )"
_PERIODWORD = r"(?:quarter|half|half-year|months|weeks|days)"

# every DATE alternative starts with a digit, a capital or one of these words: checking that
# first (a trie) lets the scanner skip most word starts without trying each alternative
_DATE_STARTS = trie_regex(
    [
        *NUMBER_WORDS,
        *ORDINAL_WORDS,
        "a",
        "last",
        "this",
        "next",
        "past",
        "coming",
        "previous",
        "recent",
        "same",
        "end",
        "beginning",
        "start",
        "middle",
        "turn",
        "close",
        "early",
        "mid",
        "late",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "final",
        "few",
        "several",
        "couple",
    ]
)
DATE_RE = re.compile(
    rf"(?<![\w.,$€£¥/-])(?=[0-9A-Z]|(?:{_DATE_STARTS})\b)(?:"
    # May 18 and 19 / May 18-19, 2023 / May 19, 2023 / October 17
    rf"(?:{_MONTH}|{_MON_ABBR})\s{_DAY}(?:(?:\s?(?:-|–)\s?|\s(?:and|to|through)\s)(?:{_MONTH}\s)?{_DAY})?(?:,?\s{_YEAR})?(?![\d])"
    # 18 May 2023 / 18-19 May / 18 and 19 May 2023
    rf"|{_DAY}(?:(?:\s?(?:-|–)\s?|\s(?:and|to)\s){_DAY})?\s{_MONTH}(?:,?\s{_YEAR})?"
    # 8 NOV 2024 / 8 Nov 2024 (wire-service datelines)
    rf"|{_DAY}\s(?:{_MON_UP}|{_MON_ABBR}|May)\.?,?\s{_YEAR}"
    # January-May 2025 / January to May / January-May
    rf"|{_MON_ABBR}\.?\s?(?:-|–)\s?(?:{_MON_ABBR}|May)\.?(?:,?\s{_YEAR})?(?![\w])"
    rf"|{_MONTH}(?:\s?(?:-|–)\s?|\s(?:to|through|and)\s){_MONTH}(?:,?\s(?:of\s)?{_YEAR}|\sof\s(?:this|last|the\sprevious|the\scurrent)\syear)?"
    # May 2023 / mid-May
    rf"|(?:(?:early|mid|late)-?\s?)?{_MONTH},?\s(?:of\s)?{_YEAR}"
    rf"|(?:(?:early|mid|late)-|(?:early|late)\s)?{_MONTH_NOMAY}"
    rf"|(?:" + "|".join(f"(?<={w} )" for w in _MAY_BEFORE) + r")May"
    # 27.12.2024 / 27/12/2024
    rf"|(?:[0-3]?\d)([./])(?:[01]?\d)\1{_YEAR}"
    # seven to eight days, two to three weeks
    rf"|(?:{_NW}|{_NWC}|\d+)(?:\s(?:to|or)\s|-)(?:{_NW}|\d+)\s(?:days|weeks|months|years|decades)"
    rf"|(?:{_NW}|{_NWC}|\d+)\s(?:days|weeks)"
    # ISO date
    rf"|{_YEAR}-[01]\d-[0-3]\d"
    # 2024-2025 academic year, fiscal year 2024
    rf"|{_YEAR}(?:\s?[-–/]\s?(?:{_YEAR}|\d\d))?\s(?:academic|fiscal|financial|school|marketing|budget)\s(?:year|season)"
    rf"|(?:fiscal|financial|budget)\syear\s{_YEAR}"
    # years: 2020 to 2025, 2023-2024, 2023-24, 1990s
    rf"|{_YEAR}(?:\s?(?:-|–|/)\s?(?:{_YEAR}|\d\d)(?![\d])|\s(?:to|through|and)\s{_YEAR})"
    rf"|(?:(?:early|mid|late)-?\s?)?{_YEAR}s?"
    # quarters and halves
    rf"|(?:Q[1-4]|H[12])(?:\s?[-–]\s?(?:Q[1-4]|H[12]))?(?:\s?{_YEAR})?"
    rf"|(?:\d{{1,2}}(?:st|nd|rd|th)|{_ORD}|{_ORD.title()})\s(?:century|Century)"
    rf"|(?:{_ORD}|last|past|final)\s(?:{_PERIODWORD})(?:\s(?:of\s)?(?:{_YEAR}|(?:this|last|next|the)\syear))?"
    rf"|(?:{_ORD}|last|past)\s(?:{_CNT}\s)?(?:months|weeks|years|days|quarters)(?:\s(?:of\s)?(?:{_YEAR}|(?:this|last|next|the)\syear|{_MONTH}(?:,?\s{_YEAR})?))?"
    rf"|(?:first|last|final|opening|closing|second|third)\s(?:day|week|month)(?:\sof\s(?:{_YEAR}|{_MONTH}(?:,?\s{_YEAR})?))?"
    # end of 2022 / beginning of the year / end of this year
    rf"|(?:end|beginning|start|middle|turn|close)\sof\s(?:{_YEAR}|(?:this|last|next|the)\s(?:year|month|decade)|{_MONTH}(?:,?\s{_YEAR})?)"
    rf"|(?:end|start)-{_YEAR}"
    # relative periods
    rf"|same\speriod(?:\s(?:of\s)?(?:last\syear|the\sprevious\syear|{_YEAR}))?"
    rf"|(?:last|this|next|previous|past|coming|Last|This|Next|Previous|Past)\s(?:year|month|week|decade|quarter|century)"
    rf"|(?:past|last|next|coming|previous|recent)\s(?:{_CNT}\s)?{_UNIT}"
    rf"|(?:recent|Recent)\s(?:years|months|decades|weeks|days)"
    rf"|{_CNT}\s{_UNIT}\s(?:ago|earlier|later)"
    rf"|(?:{_NW}|{_NWC}|\d+)\s(?:months|weeks)\s(?:of\s)?(?:{_YEAR}|(?:this|last|the)\syear)"
    rf"|(?:{_NW}|{_NWC})\s(?:decades|years|months)"
    rf"|\d+\s(?:decades|years)(?!\sold)"
    # seasons, "a year earlier", "four-day"
    rf"|(?:(?:early|late|mid)-?\s?)?(?:spring|summer|autumn|fall|winter|Spring|Summer|Autumn|Winter)(?:\sof)?\s{_YEAR}"
    rf"|(?:a|one|A|One)\s(?:year|month|week|decade)\s(?:earlier|ago|later|before)"
    # a bare season after "the": "during the autumn"
    rf"|" + _SEASON_AFTER + r"(?:spring|summer|autumn|winter)(?!\s(?:wheat|crops?|school|camp|sowing|pastures?|holidays?|games|Olympics))"
    # an older year in history after a preposition: "opened in 1881", "since 1924"
    rf"|(?:(?<=in\s)|(?<=In\s)|(?<=since\s)|(?<=Since\s)|(?<=until\s)|(?<=back\sto\s))1[5-9]\d\d(?=[,.;:)]|\s(?:and|when|the|as|by|after|under|with|it|he|she|they)\b|$)"
    rf"|(?:\d+|{_NW}|{_NWC})-(?:day|week|month|year|decade)(?=\s)"
    # weekdays
    rf"|(?:{_WD})(?:\s(?:and|or|to)\s(?:{_WD}))?"
    rf"|(?:this|last|next)\s(?:{_WD})"
    rf")(?![\w])"
)


def _spans(regex: re.Pattern[str], text: str, label: str, source: str) -> list[Span]:
    conf = confidence_for(source)
    out = []
    for m in regex.finditer(text):
        s, e = m.span()
        # never end on whitespace or a dot that ends the sentence
        while e > s and text[e - 1] in " \t":
            e -= 1
        if e > s:
            out.append(Span(s, e, label, text[s:e], source, conf))
    return out


def money(text: str, spans: list[Span] | None = None) -> list[Span]:
    return _spans(MONEY_RE, text, "MONEY", "pattern:money")


def percent(text: str, spans: list[Span] | None = None) -> list[Span]:
    return _spans(PERCENT_RE, text, "PERCENT", "pattern:percent")


def date(text: str, spans: list[Span] | None = None) -> list[Span]:
    return _spans(DATE_RE, text, "DATE", "pattern:date")
