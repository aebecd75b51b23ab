"""Word .docx files: paragraphs and tables in document order, one paragraph a line.

The archive is checked before python-docx sees it: it must be a zip holding
``word/document.xml``, and its members must not inflate beyond :data:`MAX_UNCOMPRESSED` bytes
or :data:`MAX_RATIO` times their compressed size (a zip bomb).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from desktop.core.ingest.base import build_document, read_bytes
from desktop.core.ingest.errors import IngestError
from desktop.core.model import Document

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
_RATIO_FLOOR = 10 * 1024 * 1024  # below this total, a high ratio is harmless (XML compresses well)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_archive(data: bytes) -> None:
    """Raise :class:`IngestError` unless ``data`` is a sane .docx zip archive."""
    if not data.strip():
        raise IngestError("empty file")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError("not a .docx (not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise IngestError(f"damaged .docx ({err})") from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise IngestError(
            f"refused: the .docx would unpack to {total // (1024 * 1024)} MB (limit {MAX_UNCOMPRESSED // (1024 * 1024)} MB; zip bomb?)"
        )
    if total > _RATIO_FLOOR and total > MAX_RATIO * max(packed, 1):
        raise IngestError(f"refused: the .docx inflates {total // max(packed, 1)}-fold (zip bomb?)")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise IngestError("not a .docx (no word/document.xml in the archive)")


def _block_texts(body) -> list[str]:
    out: list[str] = []
    for child in body.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            out.append(_para_text(child))
        elif tag == _W + "tbl":
            for row in child.iter(_W + "tr"):
                cells = [
                    " ".join(_para_text(p) for p in tc.iter(_W + "p")).strip() for tc in row.iter(_W + "tc")
                ]
                line = " | ".join(c for c in cells if c)
                if line:
                    out.append(line)
    return out


def _para_text(p) -> str:
    parts = []
    for el in p.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):
        if el.tag == _W + "t":
            parts.append(el.text or "")
        elif el.tag == _W + "tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def docx_to_document(data: bytes, source_path: str | None = None) -> Document:
    check_archive(data)
    import docx  # python-docx

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises KeyError, ValueError, lxml errors…
        raise IngestError(f"damaged .docx ({type(err).__name__})") from None
    paragraphs = [t.strip() for t in _block_texts(d.element.body)]
    paragraphs = [t for t in paragraphs if t]
    if not paragraphs:
        raise IngestError("no text in the document")
    text = "\n\n".join(paragraphs) + "\n"
    title = (d.core_properties.title or "").strip() or None
    return build_document(text, title=title, source_path=source_path)


def read_docx(path: Path) -> Document:
    return docx_to_document(read_bytes(path), str(path))
