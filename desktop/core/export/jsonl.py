"""JSON Lines export: one object per document, in the extraction contract of DESIGN.md.

    {"doc_id": "<file name without extension>", "path": "…", "published": "2023-05-19" | null,
     "id": 7, "title": "…",
     "entities": [{"label", "start", "end", "text", "source", "status", "confidence"}],
     "facts": [{"type", <fields…>, "evidence": {"start", "end"}, "confidence", "status", "id"}]}

Beyond the contract each record carries the project ``id`` and ``title`` of the document, and
each entity and fact its review ``status`` (facts their ``id`` too). ``doc_id`` is the source
file's name without extension, or ``doc-<id>`` for pasted text. With ``only_reviewed`` only
accepted and edited facts and entities are written; with ``fact_ids`` only those facts, and
only the documents they come from.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import Any

from desktop.core.export.safety import ExportCancelled, write_atomically
from desktop.core.model import REVIEWED_KEPT
from desktop.core.store.project import Project


def _doc_key(source_path: str | None, doc_id: int) -> str:
    if source_path:
        stem = PurePath(source_path.replace("\\", "/")).stem
        if stem:
            return stem
    return f"doc-{doc_id}"


def document_records(
    project: Project, *, fact_ids: Sequence[int] | None = None, only_reviewed: bool = False
) -> list[dict[str, Any]]:
    """The JSONL records, one per document (or per document with a chosen fact)."""
    keep = set(REVIEWED_KEPT) if only_reviewed else None
    wanted = set(fact_ids) if fact_ids is not None else None
    facts_by_doc: dict[int, list[dict[str, Any]]] = {}
    for f in project.facts(statuses=REVIEWED_KEPT if only_reviewed else None):
        if wanted is not None and f.id not in wanted:
            continue
        rec: dict[str, Any] = {"type": f.type, **f.fields}
        rec["evidence"] = (
            {"start": f.evidence_start, "end": f.evidence_end} if f.evidence_start is not None else None
        )
        rec["confidence"] = f.confidence
        rec["status"] = f.status
        rec["id"] = f.id
        facts_by_doc.setdefault(f.doc_id, []).append(rec)
    out = []
    for doc_id in project.document_ids():
        if wanted is not None and doc_id not in facts_by_doc:
            continue
        doc = project.document(doc_id)
        entities = [
            {"label": e.label, "start": e.start, "end": e.end, "text": e.text, "source": e.source,
             "status": e.status, "confidence": e.confidence}
            for e in project.entities(doc_id)
            if keep is None or e.status in keep
        ]
        out.append({
            "doc_id": _doc_key(doc.source_path, doc_id),
            "path": doc.source_path,
            "published": doc.published,
            "id": doc_id,
            "title": doc.title,
            "entities": entities,
            "facts": facts_by_doc.get(doc_id, []),
        })
    return out


def export_jsonl(
    project: Project,
    path: str | Path,
    *,
    fact_ids: Sequence[int] | None = None,
    only_reviewed: bool = False,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the records to ``path`` (UTF-8, one JSON object a line); return how many."""
    records = document_records(project, fact_ids=fact_ids, only_reviewed=only_reviewed)
    if cancelled is not None and cancelled():
        raise ExportCancelled()

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    write_atomically(Path(path), write)
    return len(records)
