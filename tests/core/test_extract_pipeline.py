"""The pipeline API: extract(), extract_entities(), the learned project gazetteer, facts hand-off."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from desktop.core.extract import pipeline
from desktop.core.extract.pipeline import Extraction, extract, extract_entities
from desktop.core.model import FactProposal, Span

TEXT = "Kazakh President Kassym-Jomart Tokayev met Wang Wentao in Astana on May 18, 2023."


def test_extract_returns_sorted_disjoint_spans():
    ex = extract(TEXT, "2023-05-19")
    assert isinstance(ex, Extraction)
    ents = ex.entities
    assert all(isinstance(s, Span) for s in ents)
    assert all(a.end <= b.start for a, b in itertools.pairwise(ents))
    assert all(TEXT[s.start : s.end] == s.text for s in ents)
    assert all(0 < s.confidence <= 1 for s in ents)
    assert {(s.label, s.text) for s in ents} >= {
        ("PERSON", "Kassym-Jomart Tokayev"),
        ("PERSON", "Wang Wentao"),
        ("LOCATION", "Astana"),
        ("DATE", "May 18, 2023"),
    }


def test_empty_text():
    assert extract_entities("") == []
    assert extract("").entities == [] and extract("").facts == []


def test_learned_label_proposes_every_occurrence():
    text = "The Qazaq Green Hub opened. Qazaq Green Hub will grow; qazaq green hub no."
    spans = extract_entities(text, {"Qazaq Green Hub": "INITIATIVE"})
    got = [(s.label, s.text, s.source) for s in spans if s.text == "Qazaq Green Hub"]
    assert got == [("INITIATIVE", "Qazaq Green Hub", "project:gazetteer")] * 2


def test_learned_label_overrides_equal_span():
    spans = extract_entities("Astana grew.", {"Astana": "ORG"})
    assert [(s.label, s.source) for s in spans] == [("ORG", "project:gazetteer")]


def test_learned_rejection_removes_exact_text_only():
    text = "Huo Fupeng, deputy director of the Office, spoke. Huo said China grew."
    base = [(s.label, s.text) for s in extract_entities(text)]
    assert ("PERSON", "Huo") in base
    spans = extract_entities(text, {"Huo": None, "China": None})
    got = [(s.label, s.text) for s in spans]
    assert ("PERSON", "Huo") not in got and ("COUNTRY", "China") not in got
    assert ("PERSON", "Huo Fupeng") in got


def test_facts_missing_module_gives_empty_list(monkeypatch):
    monkeypatch.setitem(sys.modules, "desktop.core.extract.facts", None)  # import raises ImportError
    ex = extract("China's trade with Kazakhstan reached $31 billion in 2023.")
    assert ex.facts == [] and ex.entities


def test_facts_are_called_with_entities(monkeypatch):
    import types

    seen = {}

    def fake(text, entities, published, zones):
        seen["args"] = (text, list(entities), published, tuple(zones))
        return [FactProposal("event", {"name": "X"}, 0, 1, 0.5, "fact:test")]

    mod = types.ModuleType("desktop.core.extract.facts")
    mod.extract_facts = fake
    monkeypatch.setitem(sys.modules, "desktop.core.extract.facts", mod)
    ex = pipeline.extract(TEXT, "2023-05-19")
    assert ex.facts[0].source == "fact:test"
    assert seen["args"][0] == TEXT and seen["args"][2] == "2023-05-19"
    assert seen["args"][1] == ex.entities


def test_core_extract_has_no_qt():
    import desktop.core.extract.pipeline as p

    src = Path(p.__file__).read_text(encoding="utf-8")
    assert "PySide6" not in src and "pyqtgraph" not in src
