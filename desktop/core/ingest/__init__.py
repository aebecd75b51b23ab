"""Import readers: one module per format, each returning the text the analyst will see.

The text a reader returns is fixed: every offset in a project points into it. Page chrome is
marked as :class:`~desktop.core.model.Zone` s, never removed. No Qt here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.core.ingest.base import build_document
from desktop.core.ingest.dates import detect_published
from desktop.core.ingest.docx import read_docx
from desktop.core.ingest.encoding import decode_bytes
from desktop.core.ingest.errors import IngestError
from desktop.core.ingest.html import read_html
from desktop.core.ingest.language import guess_language
from desktop.core.ingest.markdown import read_markdown
from desktop.core.ingest.pdf import read_pdf
from desktop.core.ingest.txt import read_txt
from desktop.core.ingest.zones import detect_zones
from desktop.core.model import Document

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "decode_bytes",
    "detect_published",
    "detect_zones",
    "document_from_text",
    "guess_language",
    "iter_import_paths",
    "read_document",
]

_READERS = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_READERS)


def read_document(path: Path) -> Document:
    """Read one file into a :class:`Document` (``id`` and ``imported_at`` left for the store).

    Raises :class:`IngestError` with one clear reason for anything that cannot be imported.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not os.path.lexists(path):
        raise IngestError("no such file")
    if path.is_dir():
        raise IngestError("a folder, not a file")
    reader = _READERS.get(suffix)
    if reader is None:
        raise IngestError(
            f"unsupported file type {suffix or '(no extension)'}; use {', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
    return reader(path)


def document_from_text(text: str, title: str | None = None, source_path: str | None = None) -> Document:
    """A :class:`Document` for pasted text, exactly as given; same zone, date and title detection."""
    if not text or not text.strip():
        raise IngestError("empty text")
    return build_document(text, title=title, source_path=source_path)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def iter_import_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders recursively (sorted; supported suffixes only; hidden files and folders skipped).

    Anything that is not a folder (a file, a missing path) is yielded as is, so that
    :func:`read_document` reports the problem for it. Symbolic links to folders are not followed.
    """
    for p in paths:
        p = Path(p)
        if not p.is_dir():
            yield p
            continue
        found: list[Path] = []
        for root, dirs, files in os.walk(p, followlinks=False):
            dirs[:] = [d for d in dirs if not _hidden(d)]
            found.extend(
                Path(root) / name
                for name in files
                if not _hidden(name) and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
            )
        yield from sorted(found, key=lambda f: f.relative_to(p).parts)
