"""decode_bytes: exact decoding of every encoding of the field, and clear refusals."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from desktop.core.ingest import IngestError, decode_bytes, detect_zones

RU = "Товарооборот Казахстана и Китая вырос на 37,3% и достиг 8,2 млрд долларов.\r\nАстана, 19 мая.\n"
ZH = "中国与中亚五国贸易额增长百分之四十，达到七百零二亿美元。\n新华社北京5月19日电\n"
EN = "China–Central Asia trade hit $70.2 billion in 2022.\r\nSecond line\n"


def test_utf8_exact_with_crlf_kept():
    assert decode_bytes(EN.encode("utf-8")) == (EN, "utf-8")


def test_utf8_bom_dropped_nothing_else_changed():
    text, enc = decode_bytes(codecs.BOM_UTF8 + EN.encode("utf-8"))
    assert text == EN and enc == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    data = EN.encode(codec)
    if codec == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    text, enc = decode_bytes(data)
    assert text == EN
    assert enc.startswith("utf-16")


def test_utf32_with_bom():
    assert decode_bytes(codecs.BOM_UTF32_LE + RU.encode("utf-32-le"))[0] == RU


@pytest.mark.parametrize(
    "sample",
    [RU, "Привет мир", "Министерство экономики сообщило о росте.", "Да", "«Один пояс — один путь»"],
)
def test_cp1251_detected(sample):
    assert decode_bytes(sample.encode("cp1251")) == (sample, "cp1251")


@pytest.mark.parametrize(
    "sample",
    [
        ZH,
        "中亚",
        "习近平主席",
        "新華社北京11月26日電 普華永道會計師事務所",
        "中国—中亚峰会于5月18日至19日在西安举行。",
    ],
)
def test_gb18030_detected(sample):
    assert decode_bytes(sample.encode("gb18030")) == (sample, "gb18030")


def test_empty_bytes_give_empty_text():
    assert decode_bytes(b"") == ("", "utf-8")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        b"abc\x00def",
        b"PK\x03\x04rest of a zip",
    ],
)
def test_binary_refused(data):
    with pytest.raises(IngestError, match=r"binary data, not text"):
        decode_bytes(data)


def test_garbage_refused():
    garbage = bytes([0x81, 0x30, 0xC3, 0x28, 0xFF, 0xFE, 0x9F, 0x41, 0x98, 0x7F, 0x90]) * 20
    with pytest.raises(IngestError, match=r"not valid UTF-8 and no other encoding fits"):
        decode_bytes(garbage)


def test_latin1_accents_are_not_passed_off_as_cyrillic():
    with pytest.raises(IngestError):
        decode_bytes("Café au lait à Genève, façade, über.".encode("latin-1"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_decode_bytes_only_raises_ingest_error(data):
    try:
        text, enc = decode_bytes(data)
    except IngestError:
        return
    assert isinstance(text, str) and isinstance(enc, str)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.sampled_from(
                [
                    "Home | News | Login",
                    "Top News",
                    "Share",
                    "Media Contact:",
                    "E: a@b.cn",
                    "Editor: Li",
                    "By WANG Xiaoxia",
                    "(PHOTO: XINHUA)",
                    "新華社北京11月26日電",
                    "Привет мир",
                    "",
                    "\r",
                ]
            ),
        ),
        max_size=30,
    )
)
def test_zones_within_text_sorted_and_disjoint(lines):
    text = "\n".join(lines)
    zones = detect_zones(text)
    prev_end = 0
    for z in zones:
        assert 0 <= z.start < z.end <= len(text)
        assert z.start >= prev_end
        prev_end = z.end


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        min_size=1,
        max_size=300,
    )
)
def test_utf8_round_trip_is_exact(text):
    assume(not text.startswith("\ufeff"))  # a leading BOM is dropped on purpose
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
