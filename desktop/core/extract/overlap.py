"""The one overlap policy of entity extraction.

Components propose spans freely, overlapping each other. :func:`resolve` keeps a sorted,
non-overlapping subset:

1. **Longer span wins** (more characters). "China-Central Asia Summit" beats "China" and
   "Central Asia" inside it; "May 19, 2023" beats "2023".
2. On equal length, the **higher-priority source** wins (see :data:`SOURCE_PRIORITY`): the
   analyst's own project gazetteer first, then curated gazetteers, then patterns, then
   structural rules, then propagation of names found elsewhere in the document.
3. Then the **earlier start** wins, then the higher confidence.

The winners are chosen greedily in that order; a span that overlaps an already kept span is
dropped. The result is sorted by start.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from desktop.core.model import Span

#: Lower number = higher priority. Matched on the source prefix before ":" and then on the full source.
SOURCE_PRIORITY: dict[str, int] = {
    "project": 0,
    "gazetteer": 1,
    "pattern": 2,
    "rule": 3,
    "propagate": 4,
}

#: Confidence given to spans by source (full source first, then its prefix).
CONFIDENCE: dict[str, float] = {
    "project:gazetteer": 0.99,
    "gazetteer:countries": 0.97,
    "gazetteer:locations": 0.93,
    "gazetteer:orgs": 0.93,
    "gazetteer:people": 0.95,
    "gazetteer:initiatives": 0.9,
    "gazetteer:events": 0.92,
    "gazetteer:caps": 0.8,
    "pattern:money": 0.95,
    "pattern:percent": 0.97,
    "pattern:date": 0.9,
    "rule:title-person": 0.85,
    "rule:appositive-person": 0.8,
    "rule:said-person": 0.75,
    "rule:byline-person": 0.75,
    "rule:person-repeat": 0.8,
    "rule:name-shape": 0.65,
    "rule:acronym-def": 0.85,
    "rule:org-suffix": 0.75,
    "rule:event-suffix": 0.75,
    "rule:initiative-suffix": 0.7,
    "rule:location-suffix": 0.7,
    "rule:infrastructure": 0.75,
    "rule:named-project": 0.78,
    "rule:strategy-year": 0.75,
    "rule:place-cue": 0.7,
    "propagate": 0.7,
}


_PRIORITY_CACHE: dict[str, int] = {}


def priority(source: str) -> int:
    p = _PRIORITY_CACHE.get(source)
    if p is None:
        p = _PRIORITY_CACHE[source] = SOURCE_PRIORITY.get(source.split(":", 1)[0], 9)
    return p


def confidence_for(source: str) -> float:
    if source in CONFIDENCE:
        return CONFIDENCE[source]
    return CONFIDENCE.get(source.split(":", 1)[0], 0.6)


def resolve(spans: Iterable[Span]) -> list[Span]:
    """Apply the overlap policy above; return non-overlapping spans sorted by start."""
    ranked = sorted(spans, key=lambda s: (-(s.end - s.start), priority(s.source), s.start, -s.confidence))
    kept: list[Span] = []
    taken: list[tuple[int, int]] = []  # sorted intervals of kept spans
    for s in ranked:
        if s.end <= s.start:
            continue
        i = bisect.bisect_left(taken, (s.start, s.end))
        if i > 0 and taken[i - 1][1] > s.start:
            continue
        if i < len(taken) and taken[i][0] < s.end:
            continue
        taken.insert(i, (s.start, s.end))
        kept.append(s)
    kept.sort(key=lambda s: s.start)
    return kept
