"""Markdown: the text with its syntax lightly stripped, line by line (no nesting, linear time).

Heading marks, emphasis markers, inline code ticks, blockquote marks, code fences and link
targets go ("[text](url)" → "text", "![alt](src)" → "alt"); reference-link definitions and a YAML
front matter block are dropped (the front matter's title/date/url/source are used as metadata).
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.ingest.base import build_document, read_bytes
from desktop.core.ingest.dates import parse_date
from desktop.core.ingest.encoding import decode_bytes
from desktop.core.ingest.errors import IngestError
from desktop.core.model import Document

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HR = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_REFDEF = re.compile(r"^ {0,3}\[[^\]\n]{1,200}\]:\s*\S+")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_LINK = re.compile(r"\[([^\]\n]{0,500})\](?:\([^)\n]{0,2000}\)|\[[^\]\n]{0,200}\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]{1,2000})>")
_CODE = re.compile(r"`([^`\n]{1,2000})`")
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]{0,2000}?\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{0,2000}?\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)([^_\n]{0,2000}?\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)([^\n]{0,2000}?\S)~~")
_FRONT_KEY = re.compile(r"^(\w[\w-]*)\s*:\s*(.*)$")


def _inline(line: str) -> str:
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    line = _STRONG.sub(r"\2", line)
    line = _EM_STAR.sub(r"\1", line)
    line = _EM_UNDER.sub(r"\1", line)
    return _STRIKE.sub(r"\1", line)


def markdown_to_document(source: str, source_path: str | None = None) -> Document:
    lines = source.splitlines()
    meta: dict[str, str] = {}
    i = 0
    if lines and lines[0].strip() == "---":
        for j in range(1, min(len(lines), 200)):
            if lines[j].strip() in ("---", "..."):
                for ln in lines[1:j]:
                    m = _FRONT_KEY.match(ln.strip())
                    if m:
                        meta[m.group(1).lower()] = m.group(2).strip().strip("\"'")
                i = j + 1
                break
    out: list[str] = []
    title = None
    in_fence = False
    for line in lines[i:]:
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        if _REFDEF.match(line):
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            if title is None and line.strip().startswith("="):
                title = out[-1].strip()
            continue
        if _HR.match(line):
            out.append("")
            continue
        m = _HEADING.match(line)
        if m:
            line = _inline(m.group(2))
            if title is None:
                title = line.strip()
            out.append(line)
            continue
        line = _QUOTE.sub("", line)
        out.append(_inline(line).rstrip())
    text = "\n".join(out).strip("\n")
    if not text.strip():
        raise IngestError("empty file")
    published = parse_date(meta["date"]) if meta.get("date") else None
    return build_document(
        text + "\n",
        title=meta.get("title") or title,
        outlet=meta.get("source") or meta.get("outlet") or None,
        url=meta.get("url") or meta.get("link") or None,
        published=published,
        source_path=source_path,
    )


def read_markdown(path: Path) -> Document:
    data = read_bytes(path)
    if not data.strip():
        raise IngestError("empty file")
    source, _encoding = decode_bytes(data)
    return markdown_to_document(source, str(path))
