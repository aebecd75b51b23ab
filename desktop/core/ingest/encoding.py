"""Turning the bytes of a text file into ``str`` exactly, without normalising anything.

Order: BOMs (UTF-8, UTF-32, UTF-16), strict UTF-8, then the legacy encodings of the field
(cp1251 for Cyrillic, GB18030 for Chinese) accepted only when the decoded text looks like
real text in that script. charset-normalizer was tried and mislabels short GB18030 Chinese as
EUC-JIS, so the legacy check is a small plausibility score of our own.
"""

from __future__ import annotations

import codecs
import re

from desktop.core.ingest.errors import IngestError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of binary formats that sometimes get renamed to .txt.
# (Only signatures with non-text bytes: a text may well start with "GIF8" or "%PDF-".)
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"MZ\x90\x00")

_SAMPLE = 200_000  # characters scored when judging a legacy encoding


def _bom(data: bytes) -> tuple[str, bytes] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, data[len(bom) :]
    return None


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF


def _is_cjk_punct(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or o in (0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0xB7)
    )


_CYRILLIC = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯіїєўґІЇЄЎҐ")
_MIXED = re.compile(r"[A-Za-z][\u0400-\u04FF]|[\u0400-\u04FF][A-Za-z]")


def _is_cyrillic_letter(ch: str) -> bool:
    """A letter of the Cyrillic alphabets met in the field (not the rare Serbian/Macedonian ones,
    which is what Chinese or Latin-1 bytes turn into when read as cp1251)."""
    return ch in _CYRILLIC


def _cp1251_score(text: str) -> float:
    """Share of non-ASCII characters that are Cyrillic letters or common typography (ties go to cp1251)."""
    non_ascii = [c for c in text[:_SAMPLE] if ord(c) > 0x7F]
    if not non_ascii:
        return 0.0
    ok = sum(1 for c in non_ascii if _is_cyrillic_letter(c) or c in "«»—–№…“”„‘’ \u00a0")
    score = ok / len(non_ascii)
    letters = [c for c in non_ascii if _is_cyrillic_letter(c)]
    # Real Cyrillic prose is mostly lower case; GB18030 bytes read as cp1251 give capitals.
    if letters and sum(1 for c in letters if c.isupper()) / len(letters) > 0.5:
        score *= 0.8
    # Latin-1 accents read as cp1251 put single Cyrillic letters inside Latin words ("Cafй").
    if letters and len(_MIXED.findall(text[:_SAMPLE])) > 0.1 * len(letters):
        score *= 0.5
    return score


def _gb18030_score(data: bytes, text: str) -> float:
    """Share of non-ASCII characters that are common Chinese characters or CJK punctuation.

    Characters from the GB2312 level-1 block (the 3,755 most common hanzi, lead bytes
    0xB0–0xD7) count fully; rarer hanzi count half, so Cyrillic cp1251 that happens to pair
    up into valid GB18030 sequences (mostly level-2 and extension hanzi) scores low.
    """
    sample = text[:_SAMPLE]
    non_ascii = [c for c in sample if ord(c) > 0x7F]
    if not non_ascii:
        return 0.0
    score = 0.0
    for c in non_ascii:
        if _is_cjk_punct(c):
            score += 1.0
        elif _is_cjk(c):
            try:
                lead = c.encode("gb2312")[0]
            except UnicodeEncodeError:
                score += 0.7  # traditional or rare hanzi
                continue
            score += 1.0 if 0xB0 <= lead <= 0xD7 else 0.5
    return score / len(non_ascii)


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return b"\x00" in head or any(head.startswith(m) for m in _BINARY_MAGIC)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding name)`` for the bytes of a text file, or raise :class:`IngestError`.

    The text is exactly the decoded bytes: a BOM is dropped, nothing else changes (no newline
    normalisation). Empty input gives ``("", "utf-8")``; the readers decide what empty means.
    """
    if not data:
        return "", "utf-8"
    bom = _bom(data)
    if bom is not None:
        name, rest = bom
        try:
            return codecs.decode(rest, name), name
        except UnicodeDecodeError:
            raise IngestError(
                f"damaged {name.upper()} text (starts with a BOM but does not decode)"
            ) from None
    if looks_binary(data):
        raise IngestError("binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    try:
        text = data.decode("cp1251")
        candidates.append((_cp1251_score(text), "cp1251", text))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        candidates.append((_gb18030_score(data, text), "gb18030", text))
    except UnicodeDecodeError:
        pass
    candidates.sort(key=lambda c: c[0], reverse=True)
    if candidates and candidates[0][0] >= 0.85:
        _score, name, text = candidates[0]
        if not any(ord(c) < 32 and c not in "\t\n\r\f\v" for c in text[:_SAMPLE]):
            return text, name
    raise IngestError("not valid UTF-8 and no other encoding fits")
