"""The extraction pipeline: small registered components, one overlap policy.

Each component is a pure function ``(text, spans_so_far) -> list[Span]`` registered with
:func:`component`; :data:`PIPELINE` runs them in order, each seeing what the earlier ones
proposed. Offsets are the truth; ``source`` names the rule or resource ("gazetteer:countries",
"pattern:money", "rule:title-person", …) and sets the confidence (see ``overlap.CONFIDENCE``).
Afterwards spans the guidelines never annotate are dropped (lower-case starts, text touching
CJK or Cyrillic characters, strings the analyst rejected) and :func:`overlap.resolve` keeps a
sorted, non-overlapping set.

``learned`` is the project's own gazetteer: surface → label proposes every exact occurrence
(source ``project:gazetteer``, first on ties); surface → ``None`` is a rejected string: no
span with exactly that text is ever proposed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from desktop.core.extract import gazetteer, names, patterns
from desktop.core.extract.overlap import confidence_for, resolve
from desktop.core.extract.tokens import FOREIGN_RE, touches_foreign
from desktop.core.model import ENTITY_LABELS, FactProposal, Span, Zone

Component = Callable[[str, list[Span]], list[Span]]


@dataclass(frozen=True)
class Extraction:
    entities: list[Span]  # sorted by start, non-overlapping
    facts: list[FactProposal] = field(default_factory=list)


PIPELINE: list[tuple[str, Component]] = []


def component(name: str) -> Callable[[Component], Component]:
    """Register ``fn`` as a pipeline component (appended in registration order)."""

    def deco(fn: Component) -> Component:
        PIPELINE.append((name, fn))
        return fn

    return deco


@component("gazetteer")
def _gazetteer(text: str, spans: list[Span]) -> list[Span]:
    return gazetteer.match(text)


component("money")(patterns.money)
component("percent")(patterns.percent)
component("date")(patterns.date)
component("title-person")(names.title_person)
component("appositive-person")(names.appositive_person)
component("said-person")(names.said_person)
component("byline-person")(names.byline_person)
component("shape-person")(names.shape_person)
component("suffix-names")(names.suffix_names)
component("org-qualifier")(names.org_qualifier)
component("event-edition")(names.event_edition)
component("joint-venture")(names.joint_venture)
component("named-project")(names.named_project)
component("infrastructure")(names.infrastructure)
component("kind-head")(names.kind_head)
component("strategy-year")(names.strategy_year)
component("place-cue")(names.place_cue)
component("acronym-def")(names.acronym_def)
component("propagate")(names.propagate)

_PATTERN_LABELS = frozenset({"MONEY", "PERCENT", "DATE"})


@lru_cache(maxsize=32)
def _learned_regex(keys: tuple[str, ...]) -> re.Pattern[str] | None:
    if not keys:
        return None
    parts = []
    for k in sorted(keys, key=len, reverse=True):
        p = re.escape(k)
        if k[0].isalnum() or k[0] == "_":
            p = r"(?<![\w])" + p
        if k[-1].isalnum() or k[-1] == "_":
            p = p + r"(?![\w])"
        parts.append(p)
    return re.compile("|".join(parts))


def _learned_spans(text: str, learned: Mapping[str, str | None]) -> list[Span]:
    keys = tuple(sorted(k for k, v in learned.items() if k and v in ENTITY_LABELS))
    rx = _learned_regex(keys)
    if rx is None:
        return []
    conf = confidence_for("project:gazetteer")
    out = []
    # overlapping occurrences: scan from every start so a shorter learned string is not hidden
    pos = 0
    while True:
        m = rx.search(text, pos)
        if not m:
            break
        out.append(Span(m.start(), m.end(), learned[m.group()], m.group(), "project:gazetteer", conf))  # type: ignore[arg-type]
        pos = m.start() + 1
    return out


def _keep(text: str, s: Span, rejected: frozenset[str], has_foreign: bool = True) -> bool:
    if s.end <= s.start or s.start < 0 or s.end > len(text) or s.label not in ENTITY_LABELS:
        return False
    if s.text in rejected or s.text != text[s.start : s.end]:
        return False
    if s.source == "project:gazetteer":
        return True
    # lower-case words are never entities; an edition ordinal may start an event name
    if (
        s.label not in _PATTERN_LABELS
        and not (s.text[0].isupper() or s.text[0].isdigit())
        and not (s.label == "EVENT" and any(ch.isupper() for ch in s.text))
    ):
        return False
    return not (has_foreign and touches_foreign(text, s.start, s.end))


def extract_entities(text: str, learned: Mapping[str, str | None] | None = None) -> list[Span]:
    """Entity spans of ``text``: sorted by start, non-overlapping, offsets into ``text``."""
    if not text:
        return []
    learned = learned or {}
    spans: list[Span] = []
    for _name, fn in PIPELINE:
        spans.extend(fn(text, spans))
        if _name == "date" and learned:
            spans.extend(_learned_spans(text, learned))
    rejected = frozenset(k for k, v in learned.items() if v is None)
    has_foreign = FOREIGN_RE.search(text) is not None
    return resolve(s for s in spans if _keep(text, s, rejected, has_foreign))


def _extract_facts(text: str, entities: Sequence[Span], published: str | None, zones: Sequence[Zone]):
    try:
        from desktop.core.extract.facts import extract_facts
    except ModuleNotFoundError as err:
        if err.name and err.name.startswith("desktop.core.extract.facts"):
            return []
        raise
    except ImportError:
        return []
    return list(extract_facts(text, entities, published, zones))


def extract(
    text: str,
    published: str | None = None,
    zones: Sequence[Zone] = (),
    learned: Mapping[str, str | None] | None = None,
) -> Extraction:
    """Entities and facts of one document."""
    entities = extract_entities(text, learned)
    facts = _extract_facts(text, entities, published, zones) if text else []
    return Extraction(entities, facts)
