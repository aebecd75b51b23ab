"""Synthetic projects for export tests and the export benchmark (no real news needed)."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from desktop.core.model import ACCEPTED, EDITED, REJECTED, SUGGESTED, Document, Entity, Fact
from desktop.core.store.project import Project

HOSTILE_TITLES = ('=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1)", "-2+3")

_PARTNERS = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "CA5")
_STATUSES = (SUGGESTED, ACCEPTED, EDITED, REJECTED)


def _doc(i: int, title: str, sentences: list[str], url: str | None = None) -> tuple[Document, list[tuple[int, int]]]:
    text, spans = "", []
    for s in sentences:
        start = len(text)
        text += s + " "
        spans.append((start, start + len(s)))
    doc = Document(
        None, text, title=title, outlet="Example News", url=url or f"https://example.org/news/{i}",
        published=f"2023-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}",
        content_hash=hashlib.sha256(f"{i}:{text}".encode()).hexdigest(), source_path=f"/news/doc{i}.txt",
    )
    return doc, spans


def _facts(rng: random.Random, i: int, spans: list[tuple[int, int]]) -> list[Fact]:
    out = []
    for j, (s, e) in enumerate(spans):
        kind = j % 5
        status = _STATUSES[(i + j) % 4]
        partner = _PARTNERS[(i + j) % len(_PARTNERS)]
        value = float(rng.randrange(1, 900)) * 1e8
        if kind == 0:
            f = Fact(None, 0, "trade", {"reporter": "CHN", "partner": partner, "flow": "total",
                                        "period": str(2015 + (i + j) % 9), "period_text": None, "value": value,
                                        "currency": "USD", "value_usd": value, "change_pct": 40.0,
                                        "qualifier": "about"}, s, e, status, 0.9, "fact:trade")
        elif kind == 1:
            f = Fact(None, 0, "investment", {"investor": "CHN", "recipient": partner, "kind": "stock",
                                             "period": "2022-12", "period_text": None, "value": value,
                                             "currency": "USD", "value_usd": value, "change_pct": None,
                                             "qualifier": None}, s, e, status, 0.8, "fact:investment")
        elif kind == 2:
            f = Fact(None, 0, "indicator", {"subject": partner, "metric": "freight trains", "value": 1500.0 + j,
                                            "unit": "trains", "period": "2023-01/2023-04", "period_text": None,
                                            "change_pct": -12.5, "qualifier": "over"}, s, e, status, 0.7,
                     "fact:indicator")
        elif kind == 3:
            f = Fact(None, 0, "event", {"name": "China-Central Asia Summit", "start": "2023-05-18",
                                        "end": "2023-05-19", "location": "Xi'an", "country": "CHN"},
                     s, e, status, 0.95, "fact:event")
        else:
            f = Fact(None, 0, "role", {"person": "Huo Fupeng", "role": "deputy director",
                                       "organization": "NDRC", "country": "CHN"}, s, e, status, 0.85, "fact:role")
        out.append(f)
    return out


def make_sample_project(
    path: str | Path, n_docs: int = 3, facts_per_doc: int = 5, *, hostile: bool = False, seed: int = 1
) -> Project:
    """A project of ``n_docs`` documents with ``facts_per_doc`` facts and two entities per fact.

    With ``hostile`` the first documents carry titles and sentences that look like formulas.
    """
    rng = random.Random(seed)
    project = Project(path)
    for i in range(n_docs):
        sentences = [
            f"Trade between China and Kazakhstan reached ${rng.randrange(1, 90)} billion in {2015 + j % 9} (item {j})."
            for j in range(facts_per_doc)
        ]
        title = f"Article {i}: China and Central Asia"
        if hostile and i < len(HOSTILE_TITLES):
            title = HOSTILE_TITLES[i]
            sentences = [HOSTILE_TITLES[(i + k) % len(HOSTILE_TITLES)] + f" sentence {k}." for k in range(facts_per_doc)]
        doc, spans = _doc(i, title, sentences)
        entities = []
        for s, _e in spans:
            entities.append(Entity(None, 0, s, s + 5, "COUNTRY", doc.text[s : s + 5], SUGGESTED, "rule:test", 0.9))
            entities.append(Entity(None, 0, s + 6, s + 9, "ORG", doc.text[s + 6 : s + 9], ACCEPTED, "rule:test", 0.6))
        project.add_document(doc, entities, _facts(rng, i, spans))
    return project
