"""Documents and entities for UI tests, built directly with the model classes."""

from __future__ import annotations

import hashlib

from desktop.core.model import Document, Entity

TEXT_1 = (
    "Kazakhstan and China signed a trade deal in Astana on Friday, Russia said.\n"
    "Trade between China and Kazakhstan reached $31 billion in 2022, up 20 percent.\n"
    "The Belt and Road Initiative was discussed by Xi Jinping."
)
TEXT_2 = (
    "Uzbekistan hosted the Tashkent Investment Forum.\n"
    "Chinese investment in Uzbekistan reached $11 billion by 2022.\n"
)


def make_doc(text: str, title: str, **kw) -> Document:
    return Document(None, text, title=title, outlet=kw.pop("outlet", "Test Wire"),
                    published=kw.pop("published", "2023-05-19"),
                    content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(), **kw)


def ent(text: str, doc_text: str, label: str, status: str = "suggested", occurrence: int = 1) -> Entity:
    pos = -1
    for _ in range(occurrence):
        pos = doc_text.find(text, pos + 1)
    assert pos >= 0, text
    return Entity(None, 0, pos, pos + len(text), label, text, status, "rule:test", 0.9)


