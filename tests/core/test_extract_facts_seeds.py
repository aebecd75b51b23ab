"""Fact extraction on the five seed articles, with their gold entity spans as input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.extract.fact_scoring import add_scores, gold_entity_spans, proposal_to_dict, score_facts
from desktop.core.extract.facts import extract_facts

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = sorted((SEEDS / "gold").glob("*.json")) if (SEEDS / "gold").is_dir() else []

pytestmark = pytest.mark.skipif(not GOLD, reason=f"no seed gold files under {SEEDS} (shared folder absent)")


def _zones(path: Path, text: str):
    """Chrome zones from the ingest readers when they exist and agree on the text; else none."""
    try:
        from desktop.core.ingest import read_document
    except ImportError:
        return []
    try:
        doc = read_document(path)
    except Exception:
        return []
    return list(doc.zones) if doc.text == text else []


def _load(gold_path: Path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    path = SEEDS / gold["source_file"]
    text = path.read_text(encoding="utf-8-sig")
    return gold, path, text


def _predict(gold, path, text, zones=True):
    ents = gold_entity_spans(text, gold["entities"])
    props = extract_facts(text, ents, gold["published"], _zones(path, text) if zones else [])
    return [proposal_to_dict(p, text) for p in props]


def test_gold_entity_spans_point_at_their_text():
    for gp in GOLD:
        gold, _path, text = _load(gp)
        spans = gold_entity_spans(text, gold["entities"])
        assert len(spans) == len(gold["entities"])
        assert all(text[s.start:s.end] == s.text for s in spans)


def test_seed_scores_reach_the_targets():
    scores = []
    for gp in GOLD:
        gold, path, text = _load(gp)
        scores.append(score_facts(gold["facts"], _predict(gold, path, text)))
    total = add_scores(scores)
    assert total["f1"] >= 0.85, total
    assert total["fully_right_rate"] >= 0.70, total


def test_seed_facts_are_valid_and_evidence_inside_text():
    for gp in GOLD:
        gold, _path, text = _load(gp)
        ents = gold_entity_spans(text, gold["entities"])
        for f in extract_facts(text, ents, gold["published"], []):
            assert 0 <= f.evidence_start < f.evidence_end <= len(text)
            assert f.source == f"fact:{f.type}"


def test_seed_trade_facts_fully_right():
    """Every gold trade and investment figure of the seeds comes out with all fields right."""
    for gp in GOLD:
        gold, path, text = _load(gp)
        s = score_facts(gold["facts"], _predict(gold, path, text))
        for t in ("trade", "investment"):
            assert s["types"][t]["fully_right"] == s["types"][t]["gold"], (gold["doc_id"], t, s["types"][t])


def test_seed_scores_with_the_real_entity_pipeline():
    """The same targets with the entity pipeline's spans instead of gold spans (if it exists)."""
    try:
        from desktop.core.extract.pipeline import extract_entities
    except ImportError:
        pytest.skip("entity pipeline not available")
    scores = []
    for gp in GOLD:
        gold, path, text = _load(gp)
        props = extract_facts(text, extract_entities(text), gold["published"], _zones(path, text))
        scores.append(score_facts(gold["facts"], [proposal_to_dict(p, text) for p in props]))
    total = add_scores(scores)
    assert total["f1"] >= 0.85, total
    assert total["fully_right_rate"] >= 0.70, total


def test_extraction_work_grows_linearly(monkeypatch):
    """No quadratic loops, checked without a clock (timings live in benchmarks/bench_extract.py):
    the number of calls into the per-sentence helpers grows in proportion to the text."""
    from desktop.core.extract.facts import common
    from desktop.core.model import Span

    gold, _path, text = _load(GOLD[-1])
    ents = gold_entity_spans(text, gold["entities"])
    calls = {"n": 0}
    real_parties = common.find_parties

    def count_parties(*a, **k):
        calls["n"] += 1
        return real_parties(*a, **k)

    monkeypatch.setattr(common, "find_parties", count_parties)

    def run(k: int) -> int:
        big, spans = "", []
        for _ in range(k):
            off = len(big)
            big += text + "\n\n"
            spans += [Span(s.start + off, s.end + off, s.label, s.text, s.source) for s in ents]
        calls["n"] = 0
        extract_facts(big, spans, gold["published"], [])
        return calls["n"]

    small, large = run(4), run(40)
    assert small > 0
    assert large <= 10 * small + 10, (small, large)
