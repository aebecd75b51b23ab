"""A cheap script-based language guess: enough to tell English from Russian, Kazakh, Uzbek, Chinese."""

from __future__ import annotations

_KAZAKH = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_UZBEK = set("ўқғҳЎҚҒҲ")
_SAMPLE = 100_000


def guess_language(text: str) -> str | None:
    """'en' (Latin script), 'ru' / 'kk' / 'uz' (Cyrillic), 'zh' (CJK), or None without letters.

    Latin-script text is called 'en': the field's other Latin-script languages are rare in the
    sources an analyst imports, and a script guess cannot tell them apart reliably.
    """
    sample = text[:_SAMPLE]
    lat = cyr = cjk = kk = uz = 0
    for ch in sample:
        o = ord(ch)
        if o < 0x80:
            if ch.isalpha():
                lat += 1
        elif 0x0400 <= o <= 0x04FF:
            cyr += 1
            if ch in _KAZAKH:
                kk += 1
            elif ch in _UZBEK:
                uz += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            cjk += 1
        elif ch.isalpha() and o < 0x0250:
            lat += 1
    weighted_cjk = cjk * 2
    best = max(lat, cyr, weighted_cjk)
    if best == 0:
        return None
    if best == lat:
        return "en"
    if best == cyr:
        if kk >= max(3, cyr * 0.01):
            return "kk"
        if uz >= max(3, cyr * 0.01):
            return "uz"
        return "ru"
    return "zh"
