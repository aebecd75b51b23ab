"""Hostile and odd input through the importer: every bad file is reported, never fatal; the
project stays sound; nothing is fetched from the network; scripts never become text.
Property-based tests over the decoders and the extraction invariants."""

from __future__ import annotations

import io
import itertools
import socket
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.importer import DUPLICATE, FAILED, IMPORTED, import_paths
from desktop.core.ingest import IngestError, decode_bytes, document_from_text, read_document
from tests.files import minimal_pdf

ARTICLE = (
    "China and Kazakhstan sign trade deals\n\n"
    "ASTANA, May 19, 2023 — Trade between China and Kazakhstan reached $31.5 billion in 2022, "
    "the two governments said on Friday. The Khorgos gateway handled 20 percent more freight.\n"
)




def _docx(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _zip_bomb() -> bytes:
    """A .docx-looking zip whose document.xml inflates ~2000-fold to 40 MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as member:
            chunk = b"\x20" * (1024 * 1024)
            for _ in range(40):
                member.write(chunk)
    return buf.getvalue()


def _import_one(project, path: Path):
    [result] = import_paths(project, [path], extract=False)
    return result


# ----------------------------------------------------------------------------- the foundation's bad files

BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 20, "binary"),
    "invalid.txt": (b"Trade \xff\xfe\xfa\x80 between \xc3\x28 \x81\x82 and \xa0\xa1\xfe", "not valid UTF-8"),
    "cut.pdf": (minimal_pdf(["Trade between China and Kazakhstan grew."])[:180], "truncated"),
    "notzip.docx": (b"This is plain text pretending to be a Word document." * 20, "not a zip"),
    "scan.pdf": (minimal_pdf(None), "no text layer"),
    "bomb.docx": (None, "zip bomb"),
    "blank.html": (b"<html><body>   \n </body></html>", "no text"),
    "spaces.md": (b"   \n\n\t  \n", "empty"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_reported_with_a_clear_reason(project, tmp_path, name):
    data, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(_zip_bomb() if data is None else data)
    result = _import_one(project, path)
    assert result.status == FAILED and result.path == str(path)
    assert reason in result.reason, result.reason
    assert "unexpected error" not in result.reason
    assert project.counts()["documents"] == 0
    assert project.integrity_problems() == []


def test_nonexistent_and_unreadable_paths(project, tmp_path, monkeypatch):
    import desktop.core.ingest.base as base

    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE)
    real_open = open

    def guarded_open(file, *args, **kwargs):
        if Path(file) == secret:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(base, "open", guarded_open, raising=False)
    results = import_paths(project, [tmp_path / "missing.txt", secret], extract=False)
    assert [(r.status, r.reason) for r in results] == [(FAILED, "no such file"), (FAILED, "permission denied")]
    assert project.integrity_problems() == []


def test_html_with_scripts_and_remote_resources_fetches_nothing(project, tmp_path, monkeypatch):
    attempts = []

    def no_network(self, address):
        attempts.append(address)
        raise OSError("network access attempted during import")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: attempts.append(a) or [])
    page = (
        '<!DOCTYPE html><html><head><title>Khorgos freight</title>'
        '<script src="http://tracker.example/t.js"></script>'
        '<script>document.write("SCRIPT_TEXT_MUST_NOT_APPEAR"); fetch("http://evil.example/x")</script>'
        '<link rel="stylesheet" href="http://cdn.example/site.css">'
        '<style>@import url("http://cdn.example/more.css"); body { color: red } /* STYLE_TEXT */</style>'
        '<base href="http://evil.example/"></head><body>'
        '<img src="http://images.example/a.png" onerror="alert(\'ONERROR_TEXT\')">'
        '<iframe src="http://evil.example/frame">IFRAME_FALLBACK</iframe>'
        '<p>The Khorgos gateway handled 20 percent more freight in 2023.</p>'
        '<object data="http://evil.example/x.swf"></object><video src="http://v.example/v.mp4"></video>'
        '<noscript><img src="http://pixel.example/p.gif"></noscript>'
        '<svg><script>SVG_SCRIPT_TEXT</script><image href="http://evil.example/i.png"/></svg>'
        '<script type="module">import "http://evil.example/m.js"; MODULE_SCRIPT_TEXT</script>'
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    result = _import_one(project, path)
    assert result.status == IMPORTED, result.reason
    text = project.document(result.doc_id).text
    assert "Khorgos gateway handled 20 percent" in text
    for marker in ("SCRIPT_TEXT_MUST_NOT_APPEAR", "evil.example", "SVG_SCRIPT_TEXT", "MODULE_SCRIPT_TEXT",
                   "STYLE_TEXT", "ONERROR_TEXT", "color: red"):
        assert marker not in text, marker
    assert attempts == []


def test_deeply_nested_html_imports(project, tmp_path):
    depth = 10_000
    page = "<html><body>" + "<div>" * depth + "<p>Deep text about Astana.</p>" + "</div>" * depth + "</body></html>"
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    t0 = time.perf_counter()
    result = _import_one(project, path)
    assert time.perf_counter() - t0 < 10
    assert result.status == IMPORTED, result.reason
    assert "Deep text about Astana." in project.document(result.doc_id).text
    unclosed = tmp_path / "unclosed.html"
    unclosed.write_text("<div><span>" * depth + "Unclosed but readable.", encoding="utf-8")
    result = _import_one(project, unclosed)
    assert result.status == IMPORTED, result.reason
    assert "Unclosed but readable." in project.document(result.doc_id).text
    assert project.integrity_problems() == []


RTL_TEXTS = {
    "arabic.txt": "الصين وكازاخستان توقعان اتفاقيات تجارية\n\nبلغ حجم التجارة 31.5 مليار دولار في عام 2022.\n",
    "hebrew.txt": "סין וקזחסטן חתמו על הסכמי סחר\n\nהסחר הגיע ל-31.5 מיליארד דולר בשנת 2022.\n",
    "mixed.md": (
        "# China–Kazakhstan / Китай–Казахстан / 中国—哈萨克斯坦 / الصين\n\n"
        "Trade reached $31.5 billion (31,5 млрд долларов; 315亿美元; ‏31.5 مليار دولار‏) in 2022 — "
        "the Khorgos (Хоргос, 霍尔果斯) gateway. Emoji 🚂🇨🇳🇰🇿 and a combining é and RLO \u202e text \u202c.\n"
    ),
}


@pytest.mark.parametrize("name", sorted(RTL_TEXTS))
def test_right_to_left_and_mixed_scripts_are_kept_exactly(project, tmp_path, name):
    path = tmp_path / name
    path.write_text(RTL_TEXTS[name], encoding="utf-8")
    result = _import_one(project, path)
    assert result.status == IMPORTED, result.reason
    doc = project.document(result.doc_id)
    if name.endswith(".txt"):
        assert doc.text == RTL_TEXTS[name]
    else:
        assert "中国—哈萨克斯坦" in doc.text and "🚂🇨🇳🇰🇿" in doc.text and "مليار دولار" in doc.text
    assert doc.title.strip()
    assert project.integrity_problems() == []


def test_right_to_left_text_survives_extraction_offsets():
    pipeline = pytest.importorskip("desktop.core.extract.pipeline", reason="extraction pipeline not built yet")
    for text in RTL_TEXTS.values():
        result = pipeline.extract(text)
        for s in result.entities:
            assert text[s.start:s.end] == s.text


def test_a_50_mb_text_file(project, tmp_path):
    path = tmp_path / "huge.txt"
    paragraph = ARTICLE.encode() * 10 + b"\n"
    with path.open("wb") as fh:
        written = 0
        while written < 50 * 1024 * 1024:
            fh.write(paragraph)
            written += len(paragraph)
    t0 = time.perf_counter()
    result = _import_one(project, path)
    elapsed = time.perf_counter() - t0
    assert result.status in (IMPORTED, FAILED)
    if result.status == FAILED:
        assert "unexpected error" not in result.reason and result.reason
    else:
        assert project.document(result.doc_id).text == path.read_text(encoding="utf-8")
    assert elapsed < 60, f"50 MB took {elapsed:.1f} s"
    assert project.integrity_problems() == []


def test_a_thousand_documents_with_twenty_bad_ones(project, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    bad = {}
    kinds = [
        ("txt", b""), ("txt", b"\x00\x01\x02binary" * 50), ("pdf", b"%PDF-1.4 cut"), ("docx", b"not a zip"),
        ("html", b"<html><body></body></html>"),
    ]
    for i in range(1000):
        if i % 50 == 7:
            suffix, data = kinds[(i // 50) % len(kinds)]
            name = f"doc{i:04d}.{suffix}"
            bad[name] = data
            (folder / name).write_bytes(data)
        else:
            body = (
                f"Report {i}: trade between China and Kazakhstan\n\n"
                f"ASTANA — Freight volume {i} through Khorgos rose {i % 40} percent in {2010 + i % 15}. "
                f"The corridor serial is {i * 7919}.\n"
            )
            (folder / f"doc{i:04d}.txt").write_text(body, encoding="utf-8")
    (folder / "doc0001-copy.txt").write_bytes((folder / "doc0001.txt").read_bytes())  # a duplicate
    results = import_paths(project, [folder], extract=False)
    by_status = {s: [r for r in results if r.status == s] for s in (IMPORTED, DUPLICATE, FAILED)}
    assert len(bad) == 20
    assert len(by_status[IMPORTED]) == 980
    assert len(by_status[DUPLICATE]) == 1
    assert Path(by_status[DUPLICATE][0].path).name in ("doc0001.txt", "doc0001-copy.txt")
    assert sorted(Path(r.path).name for r in by_status[FAILED]) == sorted(bad)
    assert all(r.reason and "unexpected error" not in r.reason for r in by_status[FAILED])
    assert project.counts()["documents"] == 980
    assert project.integrity_problems() == []


def test_a_batch_with_extraction_keeps_going_past_bad_files(project, tmp_path):
    pytest.importorskip("desktop.core.extract.pipeline", reason="extraction pipeline not built yet")
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(200):
        if i % 40 == 3:
            (folder / f"bad{i:03d}.docx").write_bytes(b"PK\x03\x04 broken")
            continue
        (folder / f"doc{i:03d}.txt").write_text(
            f"China and Kazakhstan agree on {i} projects\n\nASTANA, May {1 + i % 28}, 2023 — Trade between China and"
            f" Kazakhstan reached ${10 + i % 50}.{i % 10} billion in 2022, up {i % 30} percent, officials said."
            f" Kassym-Jomart Tokayev met Xi Jinping in Xi'an. Serial {i}.\n",
            encoding="utf-8",
        )
    results = import_paths(project, [folder], extract=True)
    failed = [r for r in results if r.status == FAILED]
    assert [Path(r.path).name for r in failed] == [f"bad{i:03d}.docx" for i in range(3, 200, 40)]
    assert all("unexpected error" not in r.reason for r in failed)
    assert sum(r.status == IMPORTED for r in results) == 195
    assert project.counts()["entities"] > 195 * 3
    assert project.integrity_problems() == []


# ----------------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_decode_of_any_bytes_returns_text_or_ingest_error(data):
    try:
        text, encoding = decode_bytes(data)
    except IngestError as err:
        assert str(err)
        return
    assert isinstance(text, str) and isinstance(encoding, str)


_SUFFIXES = [".txt", ".html", ".md", ".docx", ".pdf"]
_GOOD_FILES = [
    minimal_pdf(["Trade between China and Kazakhstan"]), _docx(["Hello", "China and Uzbekistan"]),
    b"PK\x03\x04" + b"\x00" * 40, b"<html><body><p>Astana</p><script>x()</script></body></html>",
    "# Title\n\nBody with ‘quotes’ and 中文.\n".encode(),
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(_GOOD_FILES).flatmap(lambda good: st.integers(0, len(good)).map(lambda n: good[:n])),
    st.sampled_from(_GOOD_FILES).flatmap(lambda good: st.tuples(
        st.integers(0, len(good) - 1), st.binary(min_size=1, max_size=8),
    ).map(lambda t: good[:t[0]] + t[1] + good[t[0] + len(t[1]):])),  # a few bytes overwritten
), suffix=st.sampled_from(_SUFFIXES))
def test_every_reader_raises_only_ingest_error(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("prop") / f"f{suffix}"
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except IngestError as err:
        assert str(err)
        return
    assert isinstance(doc.text, str) and doc.text.strip()
    for z in doc.zones:
        assert 0 <= z.start <= z.end <= len(doc.text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_pasted_text_is_kept_exactly(text):
    try:
        doc = document_from_text(text)
    except IngestError:
        assert not text.strip()
        return
    assert doc.text == text


_NEWS_WORDS = st.sampled_from([
    "China", "Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Xi", "Jinping", "Tokayev",
    "Mirziyoyev", "Astana", "Tashkent", "Beijing", "Khorgos", "Belt", "and", "Road", "Initiative", "CNPC",
    "Sinopec", "ministry", "signed", "trade", "reached", "billion", "million", "$", "USD", "yuan", "2022", "2023",
    "in", "percent", "%", ",", ".", ";", "—", "(", ")", "Ташкент", "中国", "الصين", "\n", "\n\n",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.lists(_NEWS_WORDS, max_size=120).map(" ".join),
    st.text(max_size=600),
))
def test_extraction_spans_are_sound(text):
    pipeline = pytest.importorskip("desktop.core.extract.pipeline", reason="extraction pipeline not built yet")
    result = pipeline.extract(text)
    spans = list(result.entities)
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
    keys = [(s.start, s.end) for s in spans]
    assert keys == sorted(keys), "entities are not sorted"
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start, f"overlapping entities {a} and {b}"
    for f in result.facts:
        assert 0 <= f.evidence_start <= f.evidence_end <= len(text)
