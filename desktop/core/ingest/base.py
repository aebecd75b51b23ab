"""What every reader shares: reading the bytes of a file, and building the :class:`Document`."""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop.core.ingest.dates import detect_published
from desktop.core.ingest.errors import IngestError
from desktop.core.ingest.language import guess_language
from desktop.core.ingest.outlets import detect_outlet
from desktop.core.ingest.zones import detect_zones
from desktop.core.model import Document

#: Files larger than this are refused before they are read into memory.
MAX_FILE_BYTES = 512 * 1024 * 1024
TITLE_CHARS = 200


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, with OS errors turned into one clear :class:`IngestError`."""
    try:
        with open(path, "rb") as fh:
            size = fh.seek(0, 2)
            if size > MAX_FILE_BYTES:
                raise IngestError(
                    f"file too large ({size // (1024 * 1024)} MB; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)"
                )
            fh.seek(0)
            return fh.read()
    except FileNotFoundError:
        raise IngestError("no such file") from None
    except IsADirectoryError:
        raise IngestError("a folder, not a file") from None
    except PermissionError:
        raise IngestError("permission denied") from None
    except OSError as err:
        raise IngestError(f"cannot read the file ({err.strerror or err})") from None


def _trim_title(line: str) -> str:
    line = " ".join(line[:1000].split())
    if len(line) <= TITLE_CHARS:
        return line
    cut = line[:TITLE_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def first_line_title(text: str, zones: list | None = None) -> str:
    """The first non-empty line of ``text`` that is not page chrome, trimmed to ~200 characters."""
    pos = 0
    zones = sorted(zones or [], key=lambda z: z.start)
    limit = min(len(text), 200_000)
    while pos < limit:
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        if line.strip() and not any(z.start <= pos + len(line) - len(line.lstrip()) < z.end for z in zones):
            return _trim_title(line)
        pos = end + 1
    for line in text[:200_000].splitlines():
        if line.strip():
            return _trim_title(line)
    return ""


def build_document(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    source_path: str | None = None,
) -> Document:
    """A :class:`Document` for ``text`` (never modified): zones, date, language, title, outlet, hash."""
    if not text.strip():
        raise IngestError("no text in the document")
    zones = detect_zones(text)
    if not title or not title.strip():
        title = first_line_title(text, zones)
    else:
        title = _trim_title(title)
    if published is None:
        published = detect_published(text)
    if outlet is None:
        outlet = detect_outlet(text, [(z.start, z.end) for z in zones if z.kind == "photo"])
    return Document(
        id=None,
        text=text,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        language=guess_language(text),
        content_hash=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        imported_at=None,
        source_path=source_path,
        zones=zones,
    )
