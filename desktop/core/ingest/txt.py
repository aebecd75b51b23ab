"""Plain text: decoded exactly (see :mod:`encoding`), nothing normalised, offsets index it as is."""

from __future__ import annotations

from pathlib import Path

from desktop.core.ingest.base import build_document, read_bytes
from desktop.core.ingest.encoding import decode_bytes
from desktop.core.ingest.errors import IngestError
from desktop.core.model import Document


def read_txt(path: Path) -> Document:
    data = read_bytes(path)
    if not data.strip():
        raise IngestError("empty file")
    text, _encoding = decode_bytes(data)
    if not text.strip():
        raise IngestError("empty file")
    return build_document(text, source_path=str(path))
