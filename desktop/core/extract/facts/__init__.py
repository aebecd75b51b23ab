"""Fact extraction: trade, investment, indicator, event and role facts from a document's text
and its entity spans.

``extract_facts(text, entities, published, zones)`` splits the text into sentences, drops
sentences in chrome zones, and asks each extractor for facts; every fact is validated against
the registry (:func:`desktop.core.model.validate_fields`) and given once per document.
Entity spans are optional help: money, percentages and dates are also found by light patterns.

Document-level rules applied after the sentence extractors:

- A headline (a short first line without final punctuation) restates the body's figures, rounded
  ("… trade nears 4 billion dollars" over "about 3.9 billion"): a headline figure within 10 % of
  a body figure of the same type is no fact of its own. Likewise a figure with no period that
  repeats (within 1 %) one given with its period; an undated investment that restates an earlier
  dated one of the same parties and kind, rounded ("The investment, about 2 billion dollars" after
  "$2.2 billion in 2023"), is no figure of its own.
- A pledge that is a portfolio of projects under way or an amount over "the next N years" gets no
  year (set C).
- A growth multiple of "the figure" / "a number that …" is the growth of the figure just given
  (its metric, subject and period).
- An investment pledge with no date of its own takes the year it was announced: that of the last
  dated event fact before it ("At the summit, China pledged …"), else the publication year.
- A deal — agreements or contracts signed, a loan agreed, approved or expected ("signed agreements
  worth $2 billion", "approved a $50 million loan", "expects to receive $1 billion in loans") —
  has no period at all: the day it was signed is not a period its money covers (house style of
  the independent gold); a pledge by a party that is no country (investor null) is not dated by
  the event or publication either; nor is any pledge dated by a day ("pledged … on January
  29-30": the day of the announcement is no period of the money).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.core.extract.facts.common import sentence_money
from desktop.core.extract.facts.context import build_context
from desktop.core.extract.facts.event import event_facts
from desktop.core.extract.facts.indicator import (
    accounted_facts,
    fold_word_facts,
    indicator_facts,
    money_indicator_facts,
    part_of_facts,
    share_facts,
    stake_facts,
)
from desktop.core.extract.facts.role import role_facts
from desktop.core.extract.facts.trade import money_facts
from desktop.core.model import FactProposal, InvalidValue, Span, Zone, validate_fields

__all__ = ["extract_facts"]

_DIGIT = re.compile(r"\d")
_FOLD_HINT = re.compile(r"fold|times|doubl|tripl|trebl|quadrupl", re.I)
_ANAPHOR = re.compile(r"^growth(?: of (?:the figure|this|it|that|the number|a number|a number that|the total|the volume|the amount))?$")

_KEY_FIELDS = {
    "trade": ("reporter", "partner", "flow", "period", "value", "currency"),
    "investment": ("investor", "recipient", "kind", "period", "value", "currency"),
    "indicator": ("subject", "value", "unit", "period"),
    "event": ("name",),
    "role": ("person",),
}


def _key(ftype: str, fields: dict) -> tuple:
    vals = []
    for k in _KEY_FIELDS[ftype]:
        v = fields.get(k)
        if isinstance(v, float):
            v = round(v, 6)
        elif isinstance(v, str):
            v = v.lower()
        vals.append(v)
    return (ftype, *vals)


def extract_facts(text: str, entities: Sequence[Span], published: str | None, zones: Sequence[Zone]) -> list[FactProposal]:
    """Facts proposed for one document, in text order of their evidence."""
    if not text:
        return []
    ctx = build_context(text, entities, published, zones)
    raw: list[tuple[str, dict, int, int, float]] = []
    for sent in ctx.sentences:
        if not _DIGIT.search(text, sent.start, sent.end):
            continue
        figs = money_facts(ctx, sent)
        raw.extend(figs)
        blocked = [(e.start, e.end) for e in sent.entities if e.label in ("MONEY", "PERCENT", "DATE", "EVENT", "ORG", "INITIATIVE")]
        blocked += [(m.start, m.end) for m in sentence_money(ctx, sent)]
        raw.extend(indicator_facts(ctx, sent, blocked))
        raw.extend(stake_facts(ctx, sent, blocked))
        if "share" in text[sent.start:sent.end]:
            raw.extend(share_facts(ctx, sent, blocked))
        stext = text[sent.start:sent.end]
        if "ccount" in stext or "made up" in stext:
            raw.extend(accounted_facts(ctx, sent))
        if "% of" in stext or "cent of" in stext:
            raw.extend(part_of_facts(ctx, sent))
        monies = sentence_money(ctx, sent)
        if monies:
            used = {(f[1]["value"], f[1].get("currency") or f[1].get("unit")) for f in figs}
            used |= {(f[1]["value_usd"], "USD") for f in figs if f[1].get("value_usd")}
            raw.extend(money_indicator_facts(ctx, sent, monies, used, blocked))
    for sent in ctx.sentences:
        if _FOLD_HINT.search(text, sent.start, sent.end):
            raw.extend(fold_word_facts(ctx, sent))
    raw.extend(event_facts(ctx, ctx.sentences))
    raw.extend(role_facts(ctx, ctx.sentences))
    out: list[FactProposal] = []
    seen: set[tuple] = set()
    head = _headline_end(text)
    # A figure repeated by the headline is kept with the body's evidence (the headline copy goes).
    for ftype, fields, a, b, conf in sorted(raw, key=lambda r: (r[2] < head, r[2])):
        try:
            clean = validate_fields(ftype, fields)
        except InvalidValue:
            continue
        key = _key(ftype, clean)
        if key in seen:
            continue
        seen.add(key)
        a = max(0, min(a, len(text)))
        b = max(a, min(b, len(text)))
        out.append(FactProposal(ftype, clean, a, b, conf, f"fact:{ftype}"))
    out.sort(key=lambda f: f.evidence_start)
    out = _drop_restated(text, out)
    _bare_metrics(out)
    _anaphoric_growth(out)
    _date_pledges(text, out, published)
    return out


_FIGURES = ("trade", "investment", "indicator")
_BARE = frozenset(("volume", "volumes", "capacity", "output", "traffic", "cargo", "throughput"))


def _bare_metrics(facts: list[FactProposal]) -> None:
    """"Volumes reached 2.76 million tonnes in 2023" after "Cargo shipments along the route …
    3.7 million tonnes": a bare measure word names the thing of the last indicator of that unit."""
    prev: dict[str, FactProposal] = {}
    for f in facts:
        if f.type != "indicator":
            continue
        unit = f.fields.get("unit")
        metric = (f.fields.get("metric") or "").lower()
        last = prev.get(unit)
        if metric in _BARE and last is not None and f.evidence_start - last.evidence_end < 600:
            f.fields["metric"] = last.fields["metric"]
            if f.fields.get("subject") is None:
                f.fields["subject"] = last.fields.get("subject")
        prev[unit] = f


_FLOW_NAME = {"total": "trade turnover", "export": "exports", "import": "imports"}


def _anaphoric_growth(facts: list[FactProposal]) -> None:
    """"The figure is 1.3 times higher", "a number that increased 1.3 times": a growth multiple of
    the figure just given — "growth of <its metric>" (a trade figure: "growth of trade turnover /
    exports / imports"), its subject and period when the multiple has none."""
    prev: FactProposal | None = None
    for f in facts:
        if f.type == "indicator" and f.fields.get("unit") == "fold" and _ANAPHOR.match(f.fields.get("metric") or "") \
                and prev is not None and f.evidence_start - prev.evidence_end < 400:
            if prev.type == "indicator":
                f.fields["metric"] = f"growth of {prev.fields['metric']}"
                owner = prev.fields.get("subject")
            else:
                f.fields["metric"] = f"growth of {_FLOW_NAME.get(prev.fields.get('flow'), 'trade turnover')}"
                owner = prev.fields.get("reporter")
            if f.fields.get("subject") is None:
                f.fields["subject"] = owner
            if f.fields.get("period") is None:
                f.fields["period"], f.fields["period_text"] = prev.fields.get("period"), prev.fields.get("period_text")
        if f.type in ("trade", "indicator") and f.fields.get("unit") != "fold":
            prev = f


def _close(a: object, b: object, tol: float) -> bool:
    if not isinstance(a, float) or not isinstance(b, float):
        return False
    return abs(a - b) <= tol * max(abs(a), abs(b))


def _headline_end(text: str) -> int:
    nl = text.find("\n")
    first = text[:nl] if nl > 0 else ""
    if not first.strip() or len(first.split()) > 25 or first.rstrip().endswith((".", "!", "?", ":", ";")):
        return -1
    return nl


def _digits(v: float) -> int:
    return len(f"{v:.6g}".split("e")[0].replace(".", "").strip("0"))


def _rounder(value, first) -> bool:
    """``value`` restates ``first`` rounded: within 10 % and with fewer significant digits."""
    return bool(value and first) and _close(value, first, 0.1) and _digits(value) < _digits(first)


def _drop_restated(text: str, facts: list[FactProposal]) -> list[FactProposal]:
    head = _headline_end(text)
    keep = []
    for f in facts:
        if f.type in _FIGURES:
            others = [g for g in facts if g is not f and g.type == f.type]
            value = f.fields.get("value")
            if f.evidence_start < head and any(g.evidence_start >= head and _close(value, g.fields.get("value"), 0.1) for g in others):
                continue
            if f.fields.get("period") is None and any(g.fields.get("period") and _close(value, g.fields.get("value"), 0.01) for g in others):
                continue
            if f.type == "investment" and f.fields.get("period") is None and any(
                g.evidence_start < f.evidence_start and g.fields.get("period") and _rounder(value, g.fields.get("value"))
                and all(g.fields.get(k) == f.fields.get(k) for k in ("investor", "recipient", "kind", "currency"))
                for g in others
            ):
                continue  # "The investment, about 2 billion dollars, …" after "$2.2 billion in 2023"
        keep.append(f)
    return keep


_DEAL = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|inked|agreements?|deals?|contracts?|memorand\w*|approv\w*|loans?|credit\s+lines?|"
    r"expects?\s+to\s+receive|expected\s+to\s+receive)\b",
    re.I,
)


_ONGOING = re.compile(r"\b(?:being\s+implemented|under\s+implementation|portfolio|over\s+the\s+(?:next|coming)\s+(?:\w+\s+)?"
                      r"(?:years?|decade))\b", re.I)
_DAY = re.compile(r"[A-Za-z]\.?\s+\d{1,2}(?!\d)|\b\d{1,2}\s+[A-Z][a-z]+|\d{4}-\d{2}-\d{2}")


def _date_pledges(text: str, facts: list[FactProposal], published: str | None) -> None:
    for f in facts:
        if f.type != "investment" or f.fields.get("kind") != "pledge":
            continue
        if _DEAL.search(text, f.evidence_start, f.evidence_end):
            f.fields["period"] = f.fields["period_text"] = None
            continue
        if f.fields.get("period") and _DAY.search(f.fields.get("period_text") or ""):
            # "pledged … at the forum on January 29-30": the day of an announcement is no period.
            f.fields["period"] = f.fields["period_text"] = None
        if f.fields.get("period") or not f.fields.get("investor"):
            continue
        if _ONGOING.search(text, f.evidence_start, f.evidence_end):
            # "projects worth $15.3 billion are being implemented", "plans to invest $3.4 billion over
            # the next three years": a portfolio or a future span, no year of its own.
            continue
        events = [e for e in facts if e.type == "event" and e.fields.get("start") and e.evidence_start <= f.evidence_start]
        year = events[-1].fields["start"][:4] if events else (published[:4] if published and published[:4].isdigit() else None)
        if year:
            f.fields["period"] = year
