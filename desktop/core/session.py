"""The one place that changes a project: review operations, undo/redo, and change notices.

Every user action is one method here. It validates, applies its row changes in one
transaction (with audit entries), pushes itself on the undo stack and returns a
:class:`Changes` record naming what changed, which is also sent to every subscriber so
views refresh only that. The undo stack lives for the session; everything is saved the
moment it happens, so closing the window never loses work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.core.model import (
    ACCEPTED,
    EDITED,
    ENTITY_LABELS,
    FACT_TYPES,
    REJECTED,
    STATUSES,
    SUGGESTED,
    Entity,
    Fact,
    InvalidValue,
    validate_field,
    validate_fields,
    with_derived_fields,
)
from desktop.core.store.project import (
    Project,
    RowChange,
    entity_from_row,
    entity_row,
    fact_from_row,
    fact_row,
    now_iso,
)

ANALYST = "analyst"
LEARNED_SOURCE = "project:gazetteer"


class OperationError(ValueError):
    """An operation the session refuses; ``str(err)`` says why, for the user."""


@dataclass(frozen=True)
class Changes:
    """What one operation (or its undo/redo) changed."""

    operation: str
    doc_ids: frozenset[int] = frozenset()
    entity_ids: frozenset[int] = frozenset()
    fact_ids: frozenset[int] = frozenset()
    learned: bool = False
    documents_added: bool = False

    @property
    def empty(self) -> bool:
        return not (self.doc_ids or self.entity_ids or self.fact_ids or self.learned or self.documents_added)


@dataclass
class _Step:
    name: str
    changes: list[RowChange] = field(default_factory=list)


@dataclass(frozen=True)
class FactEdit:
    """A change to one fact's fields (used by the workbook round trip)."""

    fact_id: int
    fields: dict[str, Any]


@dataclass(frozen=True)
class NewFact:
    doc_id: int
    type: str
    fields: dict[str, Any]
    evidence_start: int | None = None
    evidence_end: int | None = None


_WORD = re.compile(r"[\w'’\-]", re.UNICODE)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a selection to whole words and trim surrounding spaces and punctuation.

    ``"Kazakh"`` selected as ``"azak"`` becomes ``"Kazakh"``; ``" China, "`` becomes ``"China"``.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and not text[start].isalnum() and text[start] not in "$€¥£":
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in "%.":
        end -= 1
    if end > start and text[end - 1] == "." and not (end - 2 >= start and text[end - 2].isupper()):
        end -= 1  # a sentence full stop, not "U.S."
    if start == end:
        return start, end
    while start > 0 and _WORD.match(text[start - 1]) and text[start - 1] not in "-":
        start -= 1
    while end < len(text) and _WORD.match(text[end]) and text[end] not in "-'’":
        end += 1
    return start, end


class Session:
    """Operations on one open project, with undo/redo and change notices."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self._listeners: list[Callable[[Changes], None]] = []

    # ------------------------------------------------------------------ notices

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Changes], None]) -> None:
        self._listeners.remove(listener)

    def notify(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            listener(changes)

    def documents_added(self) -> Changes:
        """Tell views that import added documents (imports are not undoable)."""
        changes = Changes("Import", documents_added=True)
        self.notify(changes)
        return changes

    # ------------------------------------------------------------------ undo / redo

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_name(self) -> str | None:
        return self._undo[-1].name if self._undo else None

    @property
    def redo_name(self) -> str | None:
        return self._redo[-1].name if self._redo else None

    def undo(self) -> Changes | None:
        if not self._undo:
            return None
        step = self._undo[-1]
        inverse = [ch.inverse() for ch in reversed(step.changes)]
        self.project.apply(f"Undo: {step.name}", inverse)
        self._undo.pop()
        self._redo.append(step)
        return self._announce(f"Undo {step.name}", step.changes)

    def redo(self) -> Changes | None:
        if not self._redo:
            return None
        step = self._redo[-1]
        self.project.apply(f"Redo: {step.name}", step.changes)
        self._redo.pop()
        self._undo.append(step)
        return self._announce(f"Redo {step.name}", step.changes)

    def _run(self, name: str, changes: Sequence[RowChange]) -> Changes:
        """Apply one user operation: one transaction, one undo step, one notice."""
        seen: set[tuple[str, Any]] = set()
        unique = []
        for ch in changes:
            if ch.before == ch.after or (ch.key is not None and (ch.table, ch.key) in seen):
                continue
            seen.add((ch.table, ch.key))
            unique.append(ch)
        changes = unique
        if not changes:
            return Changes(name)
        applied = self.project.apply(name, changes)
        self._undo.append(_Step(name, applied))
        self._redo.clear()
        return self._announce(name, applied)

    def _announce(self, name: str, changes: Sequence[RowChange]) -> Changes:
        docs: set[int] = set()
        ents: set[int] = set()
        facts: set[int] = set()
        learned = False
        for ch in changes:
            row = ch.after or ch.before or {}
            if ch.table == "entities":
                ents.add(ch.key)
                docs.add(row["doc_id"])
            elif ch.table == "facts":
                facts.add(ch.key)
                docs.add(row["doc_id"])
            elif ch.table == "learned_terms":
                learned = True
        result = Changes(name, frozenset(docs), frozenset(ents), frozenset(facts), learned)
        self.notify(result)
        return result

    # ------------------------------------------------------------------ entities

    def _entity(self, entity_id: int) -> Entity:
        e = self.project.entity(entity_id)
        if e is None:
            raise OperationError(f"Entity {entity_id} no longer exists")
        return e

    def add_entity(self, doc_id: int, start: int, end: int, label: str) -> Changes:
        """Add an accepted entity the analyst marked; the string is learned for other documents."""
        if label not in ENTITY_LABELS:
            raise OperationError(f"{label!r} is not an entity label")
        text = self.project.document(doc_id).text
        if not (0 <= start < end <= len(text)):
            raise OperationError("The selection lies outside the document text")
        for other in self.project.entities(doc_id):
            if other.status == REJECTED:
                continue
            if other.start < end and start < other.end and not (other.start == start and other.end == end):
                raise OperationError(
                    f"The selection crosses the {other.label} “{other.text}”: delete or reject it first"
                )
        surface = text[start:end]
        changes: list[RowChange] = []
        existing = [e for e in self.project.entities(doc_id) if e.start == start and e.end == end]
        if existing:
            e = existing[0]
            after = entity_row(e) | {"label": label, "status": ACCEPTED}
            changes.append(RowChange("entities", e.id, entity_row(e), after))
        else:
            new = Entity(None, doc_id, start, end, label, surface, ACCEPTED, ANALYST, 1.0)
            changes.append(RowChange("entities", None, None, entity_row(new)))
        changes += self._learn(surface, label, exclude_doc=doc_id)
        return self._run(f"Add {label} “{_short(surface)}”", changes)

    def relabel_entity(self, entity_id: int, label: str) -> Changes:
        if label not in ENTITY_LABELS:
            raise OperationError(f"{label!r} is not an entity label")
        e = self._entity(entity_id)
        after = entity_row(e) | {"label": label, "status": ACCEPTED}
        changes = [RowChange("entities", e.id, entity_row(e), after)]
        changes += self._learn(e.text, label, exclude_doc=e.doc_id)
        return self._run(f"Label “{_short(e.text)}” {label}", changes)

    def delete_entity(self, entity_id: int) -> Changes:
        e = self._entity(entity_id)
        return self._run(f"Delete “{_short(e.text)}”", [RowChange("entities", e.id, entity_row(e), None)])

    def set_entity_status(self, entity_ids: Iterable[int], status: str) -> Changes:
        """Accept or reject entities. Rejecting a suggestion teaches the project not to propose it."""
        if status not in STATUSES:
            raise OperationError(f"{status!r} is not a status")
        ents = [self._entity(i) for i in entity_ids]
        changes = [
            RowChange("entities", e.id, entity_row(e), entity_row(e) | {"status": status})
            for e in ents
            if e.status != status
        ]
        if status == REJECTED:
            for text in sorted({e.text for e in ents if e.source != ANALYST}):
                changes += self._learn(text, None, exclude_doc=None)
        verb = {ACCEPTED: "Accept", REJECTED: "Reject"}.get(status, f"Mark {status}")
        what = f"“{_short(ents[0].text)}”" if len(ents) == 1 else f"{len(ents)} entities"
        return self._run(f"{verb} {what}", changes)

    def accept_all(self, doc_id: int) -> Changes:
        """Accept every suggested entity and fact of a document."""
        changes = [
            RowChange("entities", e.id, entity_row(e), entity_row(e) | {"status": ACCEPTED})
            for e in self.project.entities(doc_id)
            if e.status == SUGGESTED
        ]
        changes += [
            RowChange("facts", f.id, fact_row(f), fact_row(f) | {"status": ACCEPTED})
            for f in self.project.facts(doc_id)
            if f.status == SUGGESTED
        ]
        return self._run("Accept all suggestions", changes)

    def _learn(self, text: str, label: str | None, exclude_doc: int | None) -> list[RowChange]:
        """Row changes that teach the project gazetteer ``text → label`` and apply it everywhere.

        A learned label is proposed (as a suggestion) at every uncovered exact occurrence in
        the other documents; a rejected string (``label is None``) withdraws the pending
        suggestions with that text in every document.
        """
        text = text.strip()
        if len(text) < 2:
            return []
        before = self.project.row("learned_terms", text)
        after = {"text": text, "label": label, "updated_at": now_iso()}
        changes = [RowChange("learned_terms", text, before, after)]
        conn = self.project.conn
        if label is None:
            rows = conn.execute(
                'SELECT id, doc_id, start, "end", label, text, status, source, confidence FROM entities'
                " WHERE text = ? AND status = 'suggested'",
                (text,),
            )
            for r in rows.fetchall():
                e = entity_from_row(r)
                changes.append(RowChange("entities", e.id, entity_row(e), entity_row(e) | {"status": REJECTED}))
            return changes
        pattern = re.compile(rf"(?<![\w]){re.escape(text)}(?![\w])")
        for doc_id, doc_text in conn.execute(
            "SELECT id, text FROM documents WHERE instr(text, ?) > 0", (text,)
        ).fetchall():
            if doc_id == exclude_doc:
                continue
            taken = [(e.start, e.end) for e in self.project.entities(doc_id) if e.status != REJECTED]
            for m in pattern.finditer(doc_text):
                if any(s < m.end() and m.start() < t for s, t in taken):
                    continue
                new = Entity(None, doc_id, m.start(), m.end(), label, text, SUGGESTED, LEARNED_SOURCE, 0.8)
                changes.append(RowChange("entities", None, None, entity_row(new)))
                taken.append((m.start(), m.end()))
        return changes

    # ------------------------------------------------------------------ facts

    def _fact(self, fact_id: int) -> Fact:
        f = self.project.fact(fact_id)
        if f is None:
            raise OperationError(f"Fact {fact_id} no longer exists")
        return f

    def add_fact(
        self,
        doc_id: int,
        fact_type: str,
        fields: dict[str, Any],
        evidence_start: int | None = None,
        evidence_end: int | None = None,
    ) -> Changes:
        return self.apply_fact_batch(
            f"Add {fact_type} fact", added=[NewFact(doc_id, fact_type, fields, evidence_start, evidence_end)]
        )

    def edit_fact(self, fact_id: int, name: str, value: Any) -> Changes:
        """Change one field (or ``type``/``status``); a hand-edited fact becomes *edited*."""
        f = self._fact(fact_id)
        if name == "status":
            return self.set_fact_status([fact_id], value)
        if name == "type":
            if value not in FACT_TYPES:
                raise OperationError(f"{value!r} is not a fact type: use {', '.join(FACT_TYPES)}")
            kept = {k: v for k, v in f.fields.items() if k in FACT_TYPES[value].field_names}
            new_fields = validate_fields(value, kept)
            after = fact_row(f) | {"type": value, "fields_json": _fields_json(new_fields), "status": EDITED}
            return self._run(f"Change fact type to {value}", [RowChange("facts", f.id, fact_row(f), after)])
        try:
            clean = validate_field(f.type, name, value)
        except KeyError:
            raise OperationError(f"{f.type} facts have no field {name!r}") from None
        except InvalidValue as err:
            raise OperationError(str(err)) from None
        fields = with_derived_fields(dict(f.fields) | {name: clean})
        after = fact_row(f) | {"fields_json": _fields_json(fields), "status": EDITED}
        title = FACT_TYPES[f.type].spec(name).title
        return self._run(f"Edit {title}", [RowChange("facts", f.id, fact_row(f), after)])

    def set_fact_status(self, fact_ids: Iterable[int], status: str) -> Changes:
        if status not in STATUSES:
            raise OperationError(f"{status!r} is not a status")
        facts = [self._fact(i) for i in fact_ids]
        changes = [
            RowChange("facts", f.id, fact_row(f), fact_row(f) | {"status": status}) for f in facts if f.status != status
        ]
        verb = {ACCEPTED: "Accept", REJECTED: "Reject"}.get(status, f"Mark {status}")
        return self._run(f"{verb} {len(facts)} fact{'s' if len(facts) != 1 else ''}", changes)

    def delete_fact(self, fact_id: int) -> Changes:
        return self.delete_facts([fact_id])

    def delete_facts(self, fact_ids: Iterable[int]) -> Changes:
        """Delete facts as one undoable operation."""
        facts = [self._fact(i) for i in fact_ids]
        name = f"Delete {facts[0].type} fact" if len(facts) == 1 else f"Delete {len(facts)} facts"
        return self._run(name, [RowChange("facts", f.id, fact_row(f), None) for f in facts])

    def apply_fact_batch(
        self,
        name: str,
        edits: Sequence[FactEdit] = (),
        added: Sequence[NewFact] = (),
        statuses: Mapping[int, str] | None = None,
    ) -> Changes:
        """Edits, additions and status changes as one undoable operation (e.g. an edited workbook).

        An edited fact becomes *edited* unless ``statuses`` names another status for it.
        """
        statuses = dict(statuses or {})
        bad = sorted(set(statuses.values()) - set(STATUSES))
        if bad:
            raise OperationError(f"{bad[0]!r} is not a status")
        changes: list[RowChange] = []
        for ed in edits:
            f = self._fact(ed.fact_id)
            try:
                fields = validate_fields(f.type, dict(f.fields) | ed.fields)
            except InvalidValue as err:
                raise OperationError(f"Fact {f.id}: {err}") from None
            status = statuses.pop(f.id, EDITED)
            after = fact_row(f) | {"fields_json": _fields_json(fields), "status": status}
            changes.append(RowChange("facts", f.id, fact_row(f), after))
        for new in added:
            doc = self.project.document(new.doc_id)
            if new.evidence_start is not None and not (
                0 <= new.evidence_start <= (new.evidence_end or 0) <= len(doc.text)
            ):
                raise OperationError("The evidence lies outside the document text")
            try:
                fields = validate_fields(new.type, new.fields)
            except InvalidValue as err:
                raise OperationError(str(err)) from None
            fact = Fact(None, new.doc_id, new.type, fields, new.evidence_start, new.evidence_end, EDITED, 1.0, ANALYST)
            changes.append(RowChange("facts", None, None, fact_row(fact)))
        for fid, status in statuses.items():
            f = self._fact(fid)
            if f.status != status:
                changes.append(RowChange("facts", f.id, fact_row(f), fact_row(f) | {"status": status}))
        return self._run(name, changes)


def _fields_json(fields: dict[str, Any]) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True)


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


__all__ = [
    "Changes",
    "FactEdit",
    "NewFact",
    "OperationError",
    "Session",
    "entity_from_row",
    "fact_from_row",
    "snap_to_words",
]
