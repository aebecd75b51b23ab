"""HTML pages: the visible text, block elements as line breaks; metadata from <head>.

Nothing is executed or fetched: lxml parses with ``no_network``; scripts, styles, templates,
frames and embedded objects are skipped; images are never loaded. The walk over the tree is
iterative (``etree.iterwalk``), so deeply nested pages cannot raise ``RecursionError``.
"""

from __future__ import annotations

import html.parser as _stdlib_html_parser
import re
from pathlib import Path

import lxml.html
from lxml import etree

from desktop.core.ingest.base import build_document, read_bytes
from desktop.core.ingest.dates import parse_date
from desktop.core.ingest.encoding import decode_bytes
from desktop.core.ingest.errors import IngestError
from desktop.core.model import Document

_SKIP = {"script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
         "svg", "math", "canvas", "head", "title", "meta", "link", "select", "option", "button", "audio", "video"}  # fmt: skip
_PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl",
              "figure", "article", "section", "header", "footer", "nav", "aside", "main", "form", "address",
              "hr", "fieldset", "details", "summary"}  # fmt: skip
_LINE = {"br", "div", "li", "tr", "dt", "dd", "figcaption", "caption", "center", "legend", "body"}
_CELL = {"td", "th"}
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "pubdate", "publishdate",
    "publish_date", "publication_date", "date", "dc.date", "dc.date.issued", "dcterms.date",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "datepublished", "article.published",
)  # fmt: skip


def _decode(data: bytes) -> str:
    m = _CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = m.group(1).decode("ascii", "replace").lower()
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)[0]


def _parse(markup: str) -> tuple[etree._Element, bool]:
    """The tree and whether libxml2 gave up part of it (excessive depth)."""
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=True
    )
    try:
        root = lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as err:
        raise IngestError(f"not readable as HTML ({err})") from None
    if root is None:
        raise IngestError("no text in the document")
    truncated = any("depth" in (e.message or "").lower() for e in parser.error_log)
    return root, truncated


class _TextBuilder:
    """Collects visible text from start/end/data events; block breaks collapse to the largest."""

    def __init__(self) -> None:
        self.parts: list[str | int] = []
        self.skip_depth = 0
        self.pre_depth = 0

    def data(self, s: str | None) -> None:
        if not s or self.skip_depth:
            return
        self.parts.append(s if self.pre_depth else re.sub(r"[ \t\r\n\f]+", " ", s))

    def start(self, tag: str) -> None:
        if self.skip_depth or tag in _SKIP:
            self.skip_depth += 1
            return
        if tag == "pre":
            self.pre_depth += 1
        self._brk(tag)

    def end(self, tag: str) -> None:
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        if tag in _CELL:
            self.parts.append(" | ")
        elif tag != "br":
            self._brk(tag)

    def _brk(self, tag: str) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _PARAGRAPH:
            self.parts.append(2)
        elif tag in _LINE:
            self.parts.append(1)

    def text(self) -> str:
        out: list[str] = []
        pending = 0
        for p in self.parts:
            if isinstance(p, int):
                pending = max(pending, p)
                continue
            if pending:
                out.append("\n" * pending)
                pending = 0
            out.append(p)
        raw = "".join(out)
        lines = [ln.strip(" \t") for ln in raw.split("\n")]
        text = "\n".join(lines)
        text = re.sub(r"\n{3,}", "\n\n", text)
        text = re.sub(r"(?m)^\|\s*|\s*\|\s*$", "", text)
        return text.strip("\n ") + "\n" if text.strip() else ""


def _tag(el: etree._Element) -> str:
    return el.tag.lower().rsplit("}", 1)[-1] if isinstance(el.tag, str) else "#skip"


def _visible_text(root: etree._Element) -> str:
    b = _TextBuilder()
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = _tag(el)
        if event == "start":
            b.start(tag)
            b.data(el.text)
        else:
            b.end(tag)
            if el is not root:
                b.data(el.tail)
    return b.text()


class _StreamText(_stdlib_html_parser.HTMLParser):
    """Fallback for pages nested deeper than libxml2 will build (it stops at depth 256/2048)."""

    _VOID = {
        "br",
        "img",
        "hr",
        "meta",
        "link",
        "input",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "wbr",
        "param",
        "track",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.b = _TextBuilder()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.b.start(tag)
        if tag in self._VOID:
            self.b.end(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.b.start(tag)
        self.b.end(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._VOID:
            self.b.end(tag)

    def handle_data(self, data: str) -> None:
        self.b.data(data)


def _stream_text(markup: str) -> str:
    p = _StreamText()
    p.feed(markup)
    p.close()
    return p.b.text()


def _meta(root: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in out:
            out[key] = value
    return out


def _published(root: etree._Element, meta: dict[str, str]) -> str | None:
    for key in _PUBLISHED_META:
        if key in meta:
            iso = parse_date(meta[key])
            if iso:
                return iso
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if (el.get("itemprop") or "").lower() == "datepublished":
            iso = parse_date(el.get("datetime") or el.get("content") or el.text_content()[:100])
            if iso:
                return iso
    for el in root.iter("time"):
        if el.get("datetime"):
            iso = parse_date(el.get("datetime"))
            if iso:
                return iso
    return None


def html_to_document(data: bytes, source_path: str | None = None) -> Document:
    if not data.strip():
        raise IngestError("empty file")
    markup = _decode(data)
    root, truncated = _parse(markup)
    meta = _meta(root)
    title = meta.get("og:title") or meta.get("twitter:title")
    if not title:
        t = root.find(".//title")
        if t is not None and t.text_content().strip():
            title = t.text_content().strip()
    if not title:
        h1 = root.find(".//h1")
        if h1 is not None:
            title = h1.text_content().strip() or None
    url = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            url = link.get("href").strip()
            break
    url = url or meta.get("og:url")
    text = _stream_text(markup) if truncated else _visible_text(root)
    if not text.strip():
        raise IngestError("no text in the document")
    return build_document(
        text,
        title=" ".join(title.split()) if title else None,
        outlet=meta.get("og:site_name") or None,
        url=url,
        published=_published(root, meta),
        source_path=source_path,
    )


def read_html(path: Path) -> Document:
    return html_to_document(read_bytes(path), str(path))
