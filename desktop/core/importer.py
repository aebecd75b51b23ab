"""Import files into a project: read, recognise duplicates, extract, store.

Used by ``steppe import`` and by the window's background import. Each document is stored
with its extracted entities and facts in one transaction, so a cancelled or crashed import
keeps every document it finished and nothing half-imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.core.ingest import IngestError, iter_import_paths, read_document
from desktop.core.model import Document, Entity, Fact
from desktop.core.store.project import Project, ProjectError

IMPORTED, DUPLICATE, FAILED = "imported", "duplicate", "failed"


@dataclass(frozen=True)
class ImportResult:
    path: str
    status: str  # imported | duplicate | failed
    reason: str = ""
    doc_id: int | None = None
    title: str = ""


def extract_into_records(doc: Document, learned: dict[str, str | None]) -> tuple[list[Entity], list[Fact]]:
    """Run the extraction pipeline on a document and turn its output into storable records."""
    from desktop.core.extract.pipeline import extract

    result = extract(doc.text, published=doc.published, zones=doc.zones, learned=learned)
    entities = [Entity(None, 0, s.start, s.end, s.label, s.text, "suggested", s.source, s.confidence)
                for s in result.entities]
    facts = [Fact(None, 0, f.type, dict(f.fields), f.evidence_start, f.evidence_end, "suggested",
                  f.confidence, f.source) for f in result.facts]
    return entities, facts


def import_document(project: Project, doc: Document, *, extract: bool = True,
                    learned: dict[str, str | None] | None = None) -> ImportResult:
    """Store one already-read document (with extraction) and say what happened."""
    path = doc.source_path or doc.title
    existing = project.has_content(doc.content_hash)
    if existing is not None:
        return ImportResult(path, DUPLICATE, f"same content as document {existing}", existing, doc.title)
    entities, facts = extract_into_records(doc, learned or {}) if extract else ([], [])
    doc_id = project.add_document(doc, entities, facts)
    if doc_id is None:
        return ImportResult(path, DUPLICATE, "same content already in the project", None, doc.title)
    return ImportResult(path, IMPORTED, "", doc_id, doc.title)


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    *,
    extract: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ImportResult]:
    """Import files and folders (recursively). Never raises for a bad file: it is reported."""
    files: Sequence[Path] = list(iter_import_paths(Path(p) for p in paths))
    learned = project.learned_terms()
    results: list[ImportResult] = []
    for i, path in enumerate(files):
        if cancelled and cancelled():
            break
        if progress:
            progress(i, len(files), str(path))
        try:
            doc = read_document(path)
            results.append(import_document(project, doc, extract=extract, learned=learned))
        except IngestError as err:
            results.append(ImportResult(str(path), FAILED, str(err)))
        except ProjectError:
            raise  # the project itself cannot be written: stop, nothing of this file was stored
        except Exception as err:  # a reader bug must not lose the rest of the batch
            results.append(ImportResult(str(path), FAILED, f"unexpected error: {type(err).__name__}: {err}"))
    if progress:
        progress(len(results), len(files), "")
    return results
