"""Investment figures: cues, kind (stock | flow | pledge) and investor/recipient.

Kinds: "accumulated", "stock", "to date", "since 2005", "as of / at the end of" → stock; an amount
invested over a stated span ("had invested $3.3 billion over the past decade") is the sum of that
span's flows → flow (house style of the independent gold); worth/signed/pledged/will provide/
"expects to receive … in loans" → pledge. "Gross inflows from China" are investment inflows.
A "portfolio of (joint) projects" worth or exceeding an amount is a pledge (set C). A country that receives ("Kyrgyzstan expects to receive …", "Uzbekistan attracted …") is the
recipient; a demonym before a lender's noun after "in" ("in Chinese loans") is the investor.
"""

from __future__ import annotations

import re

INVEST_CUE = re.compile(
    # The lookahead on first letters is only for speed (every alternative starts with one of them).
    r"\b(?=[fdoactimpgnlveFDOACTIMPGNLVE])(?:"
    r"\b(?:(?:foreign|direct|outbound|overseas|accumulated|cumulative|total|inward|outward)\s+)*"
    r"(?:invest(?:ment|ments|ed|s|ing)?|FDI|ODI|capital\s+inflows?)\b"
    r"|\b(?:agreements?|deals?|contracts?|documents?|memorand(?:um|a)|projects?|investment\s+projects?|"
    r"portfolio|packages?)\s+(?:with\s+[\w-]+\s+(?:participation|partners|companies|investors)\s+)?(?:worth|valued\s+at|with\s+a\s+(?:total\s+)?value\s+of|totall?ing|amounting\s+to)"
    r"|\bportfolio\s+of\s+(?:[\w-]+\s+){0,2}(?:projects|deals|agreements)\b"
    r"|\b(?:gross\s+|net\s+|FDI\s+)?inflows?\b|\bloans?\b|\bfinancing\b|\bcredit\s+line|\b(?:to\s+)?cost(?:s|ing)?\b|\bvalued\s+at\b|\bestimated\s+at\b"
    r"|\bgrants?\b|\b(?:financial|economic|development)\s+(?:aid|assistance)\b|\bpledg(?:ed|es|ing)\b)",
    re.I,
)
# A cost or valuation cue: with no investing party in its clause, the figure is what a project
# costs (an indicator, "estimated cost"), not an investment.
COST_CUE = re.compile(r"\b(?:to\s+)?cost(?:s|ing)?\b|\b(?:valued|estimated)\s+at\b", re.I)
_STOCK = re.compile(r"\b(?:accumulat\w*|cumulative\w*|stock|in\s+total|total\s+(?:direct\s+)?investment|to\s+date|so\s+far|as\s+of|since\s+(?:19|20)\d\d|end\s+of)\b", re.I)
_PLEDGE = re.compile(
    r"\b(?:worth|portfolio|valued\s+at|cost(?:s|ing)?|will\s+invest|plans?\s+to\s+invest|planned|pledg\w*|commit(?:s|ted|ting|ment|ments)?|estimated\s+at|to\s+be\s+invested|signed|agreed|"
    r"agreements?|deals?|contracts?|memorand\w*|intends?\s+to|would\s+invest|expected\s+to\s+invest|announced|promis\w*|"
    r"(?:will|would|shall|to)\s+(?:provide|offer|allocate|extend|grant|give)|earmark\w*|expect\w*\s+to\s+receive|approv\w*)\b",
    re.I,
)


def investment_kind(clause: str, cue: str) -> str:
    if _PLEDGE.search(cue):
        return "pledge"
    if _STOCK.search(clause):
        return "stock"
    if _PLEDGE.search(clause):
        return "pledge"
    return "flow"


def investment_parties(parties: list, fallback_pair: tuple[str, str] | None) -> tuple[str | None, str | None]:
    """(investor, recipient) from [(PartyMention, cue)] in clause order."""
    investor = recipient = None
    # "Uzbekistan's foreign debt …, including loans from China": the lender named by "from" invests.
    investor = next((m.code for m, cue in parties if cue == "from"), None)
    for m, cue in parties:
        if cue in ("from", "poss", "dem", "by") and investor is None:
            investor = m.code
        elif cue == "to" and recipient is None and m.code != investor:
            recipient = m.code
    codes = []
    for m, cue in parties:
        if cue == "adj":
            # "Uzbek Deputy Prime Minister …": a demonym that is no actor names the host, if anyone.
            if recipient is None and m.code != investor and m.code != "CHN":
                recipient = m.code
            continue
        if m.code not in codes:
            codes.append(m.code)
    if investor is None and "CHN" in codes and recipient != "CHN":
        # China–Central Asia news: with no cue saying otherwise, China is the investor.
        investor = "CHN"
    for c in codes:
        if investor is None and c != recipient:
            investor = c
        elif recipient is None and c != investor:
            recipient = c
    if investor == recipient:
        recipient = None
    return investor, recipient
