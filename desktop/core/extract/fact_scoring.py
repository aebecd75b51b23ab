"""Scoring predicted facts against gold facts (the seeds' ``gold/*.json`` form).

A predicted fact *finds* a gold fact when they have the same type and the same key:

- trade / investment: the same two parties (in either order) and a value within 1 %, or the
  same value (within 1 %) and the same period;
- indicator: a value within 1 %;
- event: the same name, compared case-insensitively with dashes (– — ‑ −), apostrophes, spacing
  around dashes and a leading "the" normalised; an edition ordinal written on one side only
  ("first China-Central Asia Summit" vs "China-Central Asia Summit") still *finds* (the seed gold
  is not consistent about it), but two different ordinals ("first" vs "second") never do;
- role: the same person (case-insensitive).

It is *fully right* when, in addition, every schema field is equal: floats within 0.5 %,
strings case-insensitive (apostrophes and spacing normalised); evidence and period_text are
ignored. Matching is greedy and one-to-one, fully-right pairs first.

One documented leniency (off with ``strict=True``): an indicator's ``metric`` is a free noun
phrase whose wording rarely matches gold exactly, so it counts as equal when the content-word
sets of the two phrases (lower case, split at spaces, hyphens and punctuation, stop words and
numbers dropped) have a Dice overlap 2|A∩B| / (|A|+|B|) of at least 0.5. Roles, organisations,
event names and every other string stay strict.

Two equivalences hold in both modes, since they are spellings of one value, not wording:

- an indicator ``unit`` is compared in a canonical spelling per unit family ("km", "kilometres"
  and "kilometers" are one unit; "tons"/"metric tonnes"/"tonnes"; "%"/"per cent"/"percent";
  "TEUs"/"TEU"; "cubic metres"/"cubic meters");
- an ``organization`` written as an acronym equals its expansion when the acronym is the
  initials of the expansion's capitalised words ("CNPC" = "China National Petroleum
  Corporation") or a known acronym of the field (``KNOWN_ACRONYMS``).
"""

from __future__ import annotations

import re
from typing import Any

from desktop.core.extract.facts.context import KNOWN_ACRONYMS
from desktop.core.extract.facts.units import canonical_unit
from desktop.core.model import FACT_TYPES, FactProposal, Span

IGNORED = ("evidence", "period_text")
_PARTIES = {"trade": ("reporter", "partner"), "investment": ("investor", "recipient")}


_DASHES = re.compile(r"\s*[-‐‑‒–—―−]\s*")
_ORDINAL = re.compile(
    r"^(?:(?:\d+(?:st|nd|rd|th))|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|inaugural)\s+"
)
_STOP = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "for", "to", "from", "by", "with", "and", "or", "its", "their", "this", "that", "per", "each", "as", "into", "over", "under", "about", "than"]
)


def _norm_str(s: str) -> str:
    s = s.replace("’", "'").replace("‘", "'").replace("`", "'").replace("´", "'")
    return re.sub(r"\s+", " ", s).strip().lower()


def norm_event_name(s: str) -> str:
    """Event name for comparison: lower case, one dash form, apostrophes and spacing normalised,
    no leading "the"."""
    s = _DASHES.sub("-", _norm_str(s))
    return re.sub(r"^the\s+", "", s)


def _same_event(gold: Any, pred: Any, *, allow_one_sided_ordinal: bool) -> bool:
    if not isinstance(gold, str) or not isinstance(pred, str):
        return False
    g, p = norm_event_name(gold), norm_event_name(pred)
    if g == p:
        return True
    if not allow_one_sided_ordinal:
        return False
    gm, pm = _ORDINAL.match(g), _ORDINAL.match(p)
    if bool(gm) == bool(pm):
        return False  # both bare (and different) or two ordinals (different editions)
    return g[gm.end():] == p if gm else p[pm.end():] == g  # type: ignore[union-attr]


def metric_tokens(s: str) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", _norm_str(s)) if w and w not in _STOP and not w.isdigit()}


def same_metric(gold: Any, pred: Any) -> bool:
    """The lenient metric comparison: Dice overlap of content words ≥ 0.5."""
    if not isinstance(gold, str) or not isinstance(pred, str):
        return _eq(gold, pred)
    a, b = metric_tokens(gold), metric_tokens(pred)
    if not a or not b:
        return _eq(gold, pred)
    return 2 * len(a & b) / (len(a) + len(b)) >= 0.5


def norm_unit(u: Any) -> Any:
    """A unit in its family's canonical spelling (lower case)."""
    if not isinstance(u, str):
        return u
    return canonical_unit(_norm_str(u)).lower()


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
    return "".join(w[0] for w in words).upper()


def same_org(a: Any, b: Any) -> bool:
    """Organisations equal as written, or an acronym and its expansion."""
    if _eq(a, b):
        return True
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    for short, long in ((a.strip(), b.strip()), (b.strip(), a.strip())):
        acronym = re.fullmatch(r"[A-Z][A-Za-z&]{1,9}", short) and sum(c.isupper() for c in short) >= 2
        if acronym and (_norm_str(KNOWN_ACRONYMS.get(short, "")) == _norm_str(long) or _initials(long) == short.upper()):
            return True
    return False


def _close(a: Any, b: Any, tol: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError):
        return False
    if fa == fb:
        return True
    return abs(fa - fb) <= tol * max(abs(fa), abs(fb))


def _eq(a: Any, b: Any) -> bool:
    if isinstance(a, str) and not a.strip():
        a = None
    if isinstance(b, str) and not b.strip():
        b = None
    if a is None or b is None:
        return a is None and b is None
    if (isinstance(a, (int, float)) and not isinstance(a, bool)) or (isinstance(b, (int, float)) and not isinstance(b, bool)):
        return _close(a, b, 0.005)
    return _norm_str(str(a)) == _norm_str(str(b))


def finds(gold: dict, pred: dict) -> bool:
    t = gold.get("type")
    if t != pred.get("type"):
        return False
    if t in _PARTIES:
        f1, f2 = _PARTIES[t]
        same_value = _close(gold.get("value"), pred.get("value"), 0.01)
        gp = {gold.get(f1), gold.get(f2)}
        pp = {pred.get(f1), pred.get(f2)}
        if same_value and gp == pp:
            return True
        return same_value and gold.get("period") is not None and gold.get("period") == pred.get("period")
    if t == "indicator":
        return _close(gold.get("value"), pred.get("value"), 0.01)
    if t == "event":
        return _same_event(gold.get("name"), pred.get("name"), allow_one_sided_ordinal=True)
    if t == "role":
        return _eq(gold.get("person"), pred.get("person"))
    return False


def _field_equal(t: str, f: str, a: Any, b: Any, strict: bool) -> bool:
    if t == "event" and f == "name":
        return _same_event(a, b, allow_one_sided_ordinal=False)
    if t == "indicator" and f == "metric" and not strict:
        return same_metric(a, b)
    if t == "indicator" and f == "unit":
        return _eq(norm_unit(a), norm_unit(b))
    if f == "organization":
        return same_org(a, b)
    return _eq(a, b)


def differing_fields(gold: dict, pred: dict, strict: bool = False) -> list[str]:
    t = gold["type"]
    return [f for f in FACT_TYPES[t].field_names
            if f not in IGNORED and not _field_equal(t, f, gold.get(f), pred.get(f), strict)]


def match(gold: list[dict], predicted: list[dict], strict: bool = False) -> list[tuple[int, int, bool]]:
    """Greedy one-to-one matching: (gold index, predicted index, fully right)."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if finds(g, p):
                pairs.append((len(differing_fields(g, p, strict)), i, j))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for nd, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j, nd == 0))
    return out


def _prf(found: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    p = found / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = found / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_facts(gold: list[dict], predicted: list[dict], strict: bool = False) -> dict:
    """Per type and overall: gold, predicted, found, fully_right, precision, recall, f1 and
    fully_right_rate (fully right / gold). Pass the facts of one document, or of many documents
    concatenated only if they cannot match across documents (score per document and use
    :func:`add_scores` to sum). ``strict``: no metric leniency."""
    pairs = match(gold, predicted, strict)
    out: dict[str, Any] = {"types": {}}
    for t in FACT_TYPES:
        g = sum(1 for x in gold if x.get("type") == t)
        p = sum(1 for x in predicted if x.get("type") == t)
        found = sum(1 for i, _j, _ok in pairs if gold[i].get("type") == t)
        full = sum(1 for i, _j, ok in pairs if ok and gold[i].get("type") == t)
        out["types"][t] = _finish({"gold": g, "predicted": p, "found": found, "fully_right": full})
    out.update(_finish({"gold": len(gold), "predicted": len(predicted), "found": len(pairs),
                        "fully_right": sum(1 for *_x, ok in pairs if ok)}))
    return out


def _finish(c: dict) -> dict:
    p, r, f = _prf(c["found"], c["gold"], c["predicted"])
    c.update(precision=p, recall=r, f1=f, fully_right_rate=c["fully_right"] / c["gold"] if c["gold"] else 1.0)
    return c


def add_scores(scores: list[dict]) -> dict:
    """Sum the counts of several :func:`score_facts` results and recompute the rates."""
    keys = ("gold", "predicted", "found", "fully_right")
    out: dict[str, Any] = {"types": {}}
    for t in FACT_TYPES:
        out["types"][t] = _finish({k: sum(s["types"][t][k] for s in scores) for k in keys})
    out.update(_finish({k: sum(s[k] for s in scores) for k in keys}))
    return out


def proposal_to_dict(fact: FactProposal, text: str = "") -> dict:
    """A proposal in the gold/contract form: {"type", fields…, "evidence"}."""
    d = {"type": fact.type, **fact.fields}
    d["evidence"] = text[fact.evidence_start:fact.evidence_end] if text else {"start": fact.evidence_start, "end": fact.evidence_end}
    return d


def gold_entity_spans(text: str, entities: list[dict]) -> list[Span]:
    """Gold entities (text + occurrence, counted as ``str.find`` would) → offset spans."""
    out = []
    for e in entities:
        s, n = e["text"], int(e.get("occurrence", 1))
        pos = -1
        for _ in range(n):
            pos = text.find(s, pos + 1)
            if pos < 0:
                break
        if pos >= 0:
            out.append(Span(pos, pos + len(s), e["label"], s, "gold"))
    out.sort(key=lambda sp: (sp.start, -sp.end))
    return out
