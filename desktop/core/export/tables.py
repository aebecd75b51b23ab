"""The tables every export format shares: which facts go out, and their rows and columns.

Columns come from the fact registry (``desktop.core.model.FACT_TYPES``): a fact sheet has
its type's fields in registry order, then status, confidence, document title, evidence
sentence, source rule, and the stable ``steppe_id`` at the far right. Row values are plain
Python values (``str``, ``float``, ``int``, ``datetime.date``, ``None``); each writer
decides how to show them.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.core.model import FACT_TYPES, REVIEWED_KEPT, STATUSES, Fact, FactType
from desktop.core.store.project import DocumentSummary, Project

#: The id column of fact sheets: the fact's id in the project, never to be edited.
ID_HEADER = "steppe_id"
STATUS_HEADER = "Status"
CONFIDENCE_HEADER = "Confidence"
DOCUMENT_HEADER = "Document"
EVIDENCE_HEADER = "Evidence"
SOURCE_HEADER = "Source rule"

ALL, REVIEWED, FILTER = "all", "reviewed", "filter"
MODE_TEXT = {
    ALL: "all facts",
    REVIEWED: "reviewed facts only (accepted and edited)",
    FILTER: "the facts of the current table filter",
}


@dataclass(frozen=True)
class Column:
    header: str
    #: text, country, currency, money, number, percent, period, date, choice, status,
    #: confidence, int, url
    kind: str
    field: str | None = None
    choices: tuple[str, ...] = ()


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: list[tuple[Any, ...]]
    #: "facts", "entities" or "documents"
    role: str
    fact_type: str | None = None


def fact_columns(ft: FactType) -> list[Column]:
    money = "currency" in ft.field_names
    cols = []
    for spec in ft.fields:
        kind = spec.kind
        if kind == "number" and money and spec.name in ("value", "value_usd"):
            kind = "money"
        cols.append(Column(spec.title, kind, spec.name, spec.choices))
    cols += [
        Column(STATUS_HEADER, "status", "status", STATUSES),
        Column(CONFIDENCE_HEADER, "confidence"),
        Column(DOCUMENT_HEADER, "text"),
        Column(EVIDENCE_HEADER, "text"),
        Column(SOURCE_HEADER, "text"),
        Column(ID_HEADER, "int"),
    ]
    return cols


ENTITY_COLUMNS = [
    Column("Document", "text"),
    Column("Label", "text"),
    Column("Text", "text"),
    Column("Start", "int"),
    Column("End", "int"),
    Column("Status", "status", choices=STATUSES),
    Column("Source", "text"),
    Column("Confidence", "confidence"),
    Column("id", "int"),
]

DOCUMENT_COLUMNS = [
    Column("id", "int"),
    Column("Title", "text"),
    Column("Outlet", "text"),
    Column("URL", "url"),
    Column("Published", "date"),
    Column("Review state", "text"),
    Column("Entities", "int"),
    Column("Facts", "int"),
]


def fact_fingerprint(fact: Fact) -> int:
    """A short checksum of a fact's fields and status, to notice changes made after an export."""
    payload = json.dumps(fact.fields, ensure_ascii=False, sort_keys=True) + "|" + fact.status
    return zlib.crc32(payload.encode("utf-8"))


def as_date(value: Any) -> date | str | None:
    """An ISO date string as a ``date``; anything else unchanged."""
    if not value:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10]) if len(value) >= 10 else value
        except ValueError:
            return value
    return value


def _cell(kind: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if kind in ("money", "number", "percent"):
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    if kind == "date":
        return as_date(value)
    return str(value)


@dataclass
class ExportData:
    """The facts, entities and documents one export writes, gathered from a project."""

    project: Project
    fact_ids: Sequence[int] | None = None
    only_reviewed: bool = False
    mode: str = ALL
    facts_by_type: dict[str, list[Fact]] = field(default_factory=dict)
    evidence: dict[int, str] = field(default_factory=dict)
    documents: list[DocumentSummary] = field(default_factory=list)
    titles: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        p = self.project
        self.mode = FILTER if self.fact_ids is not None else (REVIEWED if self.only_reviewed else ALL)
        facts = p.facts(statuses=REVIEWED_KEPT if self.only_reviewed else None)
        if self.fact_ids is not None:
            wanted = set(self.fact_ids)
            facts = [f for f in facts if f.id in wanted]
        self.facts_by_type = {t: [] for t in FACT_TYPES}
        current_doc, text = None, ""
        for f in facts:  # ordered by document: each text is read once
            if f.type not in self.facts_by_type:
                continue
            self.facts_by_type[f.type].append(f)
            if f.evidence_start is not None and f.evidence_end is not None:
                if f.doc_id != current_doc:
                    current_doc, text = f.doc_id, p.document(f.doc_id).text
                self.evidence[f.id] = text[f.evidence_start : f.evidence_end]
        summaries = p.document_summaries()
        self.titles = {d.id: d.title for d in summaries}
        if self.fact_ids is not None:
            used = {f.doc_id for fs in self.facts_by_type.values() for f in fs}
            summaries = [d for d in summaries if d.id in used]
        self.documents = summaries

    @property
    def n_facts(self) -> int:
        return sum(len(v) for v in self.facts_by_type.values())

    def fact_ids_out(self) -> Iterator[tuple[int, str, int]]:
        """(id, type, fingerprint) of every exported fact."""
        for t, facts in self.facts_by_type.items():
            for f in facts:
                yield f.id, t, fact_fingerprint(f)

    # ------------------------------------------------------------------ sheets

    def fact_sheet(self, type_name: str) -> Sheet:
        ft = FACT_TYPES[type_name]
        cols = fact_columns(ft)
        specs = [(c.field, c.kind) for c in cols if c.field and c.field != "status"]
        rows = []
        titles, evidence = self.titles, self.evidence
        for f in self.facts_by_type[type_name]:
            values = [_cell(kind, f.fields.get(name)) for name, kind in specs]
            values += [
                f.status,
                float(f.confidence) if f.confidence is not None else None,
                titles.get(f.doc_id, ""),
                evidence.get(f.id),
                f.source or None,
                f.id,
            ]
            rows.append(tuple(values))
        return Sheet(ft.sheet, cols, rows, "facts", type_name)

    def entity_sheet(self) -> Sheet:
        docs = {d.id for d in self.documents}
        keep = set(REVIEWED_KEPT) if self.only_reviewed else None
        rows = [
            (self.titles.get(e.doc_id, ""), e.label, e.text, e.start, e.end, e.status, e.source or None,
             float(e.confidence), e.id)
            for e in self.project.all_entities()
            if e.doc_id in docs and (keep is None or e.status in keep)
        ]
        return Sheet("Entities", ENTITY_COLUMNS, rows, "entities")

    def document_sheet(self) -> Sheet:
        rows = [
            (d.id, d.title, d.outlet, d.url, as_date(d.published), d.review_state, d.n_entities, d.n_facts)
            for d in self.documents
        ]
        return Sheet("Documents", DOCUMENT_COLUMNS, rows, "documents")

    def sheets(self) -> Iterator[Sheet]:
        """Every table sheet, built one at a time (so only one is in memory at once)."""
        for t in FACT_TYPES:
            yield self.fact_sheet(t)
        yield self.entity_sheet()
        yield self.document_sheet()

    def n_rows(self) -> int:
        """An estimate of the rows to write, for progress."""
        return self.n_facts + self.project.counts()["entities"] + len(self.documents)
