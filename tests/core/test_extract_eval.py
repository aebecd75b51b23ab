"""Entity F1 on the seeds (development set) and on our own gold articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.extract.evaluate import evaluate_dirs, find_occurrence, gold_spans

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATA = Path(__file__).resolve().parents[1] / "data"


def test_find_occurrence_counts_inside_words():
    text = "Central Asian states and Central Asia"
    assert find_occurrence(text, "Central Asia", 1) == 0
    assert find_occurrence(text, "Central Asia", 2) == 25
    assert find_occurrence(text, "Central Asia", 3) == -1


def test_gold_spans_reports_unlocated():
    spans, missing = gold_spans(
        "abc",
        {
            "entities": [
                {"label": "ORG", "text": "b", "occurrence": 1},
                {"label": "ORG", "text": "z", "occurrence": 1},
            ]
        },
    )
    assert spans == {(1, 2, "ORG")} and len(missing) == 1


def test_seed_f1():
    seeds = SHARED / "seeds"
    if not (seeds / "gold").is_dir():
        pytest.skip(f"the shared seeds are not here ({seeds})")
    res = evaluate_dirs(seeds / "gold", seeds, with_facts=False)
    assert res["entities"]["micro"]["f1"] >= 0.85, res["entities"]


@pytest.mark.parametrize("sub", ["", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9"])
def test_own_gold_f1(sub):
    base = DATA / sub if sub else DATA
    res = evaluate_dirs(base / "gold", base / "texts", with_facts=False)
    assert not any(d.get("unlocated_gold") for d in res["documents"])
    assert res["entities"]["micro"]["f1"] >= 0.9, res["entities"]
