"""PDF files: the text layer, pages joined with a blank line.

A PDF without a text layer (a scan) or a truncated/damaged one is refused with a clear reason;
pypdf is used in non-strict mode but a file whose end marker is missing is refused outright,
since pypdf would otherwise "recover" a silently shortened document.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from desktop.core.ingest.base import build_document, read_bytes
from desktop.core.ingest.errors import IngestError
from desktop.core.model import Document


def pdf_to_document(data: bytes, source_path: str | None = None) -> Document:
    if not data.strip():
        raise IngestError("empty file")
    if b"%PDF-" not in data[:1024]:
        raise IngestError("not a PDF (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError("truncated or damaged PDF")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError("PDF is password-protected")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        info = reader.metadata
        title = (info.title if info else None) or None
    except IngestError:
        raise
    except DependencyError:
        raise IngestError("PDF is encrypted (cannot decrypt it here)") from None
    except Exception:  # pypdf raises many plain errors (KeyError, struct.error, zlib.error…) on bad files
        raise IngestError("truncated or damaged PDF") from None
    if not any(pages):
        raise IngestError("PDF has no text layer (scanned?)")
    text = "\n\n".join(p for p in pages if p) + "\n"
    return build_document(text, title=str(title).strip() if title else None, source_path=source_path)


def read_pdf(path: Path) -> Document:
    return pdf_to_document(read_bytes(path), str(path))
