from __future__ import annotations

import pytest

from desktop.core.extract.fact_scoring import (
    add_scores,
    gold_entity_spans,
    match,
    proposal_to_dict,
    score_facts,
)
from desktop.core.model import FactProposal

TRADE = {"type": "trade", "reporter": "CHN", "partner": "CA5", "flow": "total", "period": "2022", "period_text": "2022",
         "value": 70.2e9, "currency": "USD", "value_usd": 70.2e9, "change_pct": 40.0, "qualifier": "about", "evidence": "x"}
ROLE = {"type": "role", "person": "Huo Fupeng", "role": "deputy director", "organization": "NDRC", "country": "CHN"}
EVENT = {"type": "event", "name": "China-Central Asia Summit", "start": "2023-05-18", "end": "2023-05-19",
         "location": "Xi'an", "country": "CHN"}
IND = {"type": "indicator", "subject": "CHN", "metric": "items", "value": 73e6, "unit": "items", "period": None,
       "period_text": None, "change_pct": None, "qualifier": "over"}


def test_perfect_prediction():
    gold = [TRADE, ROLE, EVENT, IND]
    s = score_facts(gold, [dict(g) for g in gold])
    assert (s["found"], s["fully_right"], s["f1"], s["fully_right_rate"]) == (4, 4, 1.0, 1.0)
    assert s["types"]["trade"]["fully_right"] == 1


def test_found_but_not_fully_right_and_tolerances():
    pred = dict(TRADE, value=70.8e9, evidence="other", period_text="in 2022")  # 0.85 % off: found only
    s = score_facts([TRADE], [pred])
    assert s["found"] == 1 and s["fully_right"] == 0
    pred = dict(TRADE, value=70.2e9 * 1.004, evidence="other", period_text="in 2022")  # 0.4 %: fully right
    assert score_facts([TRADE], [pred])["fully_right"] == 1
    pred = dict(TRADE, partner="CHN", reporter="CA5")  # parties in either order still find
    s = score_facts([TRADE], [pred])
    assert s["found"] == 1 and s["fully_right"] == 0
    pred = dict(TRADE, value=80e9)
    assert score_facts([TRADE], [pred])["found"] == 0


def test_value_and_period_find_without_parties():
    pred = dict(TRADE, reporter=None, partner=None)
    assert score_facts([TRADE], [pred])["found"] == 1


def test_strings_case_insensitive_and_apostrophes():
    pred = dict(EVENT, name="china-central asia summit", location="Xi’an")
    assert score_facts([EVENT], [pred])["fully_right"] == 1
    pred = dict(ROLE, role="Deputy Director")
    assert score_facts([ROLE], [pred])["fully_right"] == 1


def test_greedy_one_to_one():
    gold = [TRADE, dict(TRADE, period="2021", period_text="2021")]
    pred = [dict(TRADE)]
    pairs = match(gold, pred)
    assert pairs == [(0, 0, True)]
    s = score_facts(gold, pred)
    assert s["recall"] == 0.5 and s["precision"] == 1.0


def test_precision_recall_and_sum():
    s1 = score_facts([TRADE], [TRADE, ROLE])
    s2 = score_facts([EVENT, IND], [])
    total = add_scores([s1, s2])
    assert (total["gold"], total["predicted"], total["found"]) == (3, 2, 1)
    assert total["precision"] == 0.5 and total["recall"] == pytest.approx(1 / 3)
    assert total["types"]["event"]["recall"] == 0.0


def test_helpers():
    text = "Xi met Xi again; Xi."
    spans = gold_entity_spans(text, [{"label": "PERSON", "text": "Xi", "occurrence": 3}])
    assert (spans[0].start, spans[0].end) == (17, 19)
    d = proposal_to_dict(FactProposal("role", {"person": "Xi"}, 0, 2, 0.8, "fact:role"), text)
    assert d == {"type": "role", "person": "Xi", "evidence": "Xi"}


def test_event_names_dashes_and_ordinals():
    en_dash = dict(EVENT, name="the China–Central Asia Summit")
    assert score_facts([EVENT], [en_dash])["fully_right"] == 1
    first = dict(EVENT, name="first China-Central Asia Summit")
    # One-sided ordinal: found (gold practice differs) but not fully right.
    s = score_facts([EVENT], [first])
    assert (s["found"], s["fully_right"]) == (1, 0)
    second = dict(EVENT, name="second China - Central Asia Summit")
    assert score_facts([first], [second])["found"] == 0
    assert score_facts([dict(EVENT, name="China-Central Asia Forum")], [EVENT])["found"] == 0


def test_metric_lenient_by_content_words_strict_on_request():
    gold = dict(IND, metric="planned annual capacity of Line D of the Central Asia-China gas pipeline")
    close = dict(gold, metric="planned annual capacity of line d")
    far = dict(gold, metric="capacity")
    assert score_facts([gold], [close])["fully_right"] == 1
    assert score_facts([gold], [close], strict=True)["fully_right"] == 0
    assert score_facts([gold], [far])["fully_right"] == 0
    # Roles stay strict.
    assert score_facts([ROLE], [dict(ROLE, role="deputy director general")])["fully_right"] == 0


@pytest.mark.parametrize("strict", [False, True])
def test_unit_spellings_of_one_family_are_equal(strict):
    gold = dict(IND, unit="kilometers", metric="length of the road", value=880.0)
    for unit in ("km", "Kilometres", "kilometer"):
        assert score_facts([gold], [dict(gold, unit=unit)], strict)["fully_right"] == 1
    assert score_facts([dict(gold, unit="TEU")], [dict(gold, unit="TEUs")], strict)["fully_right"] == 1
    assert score_facts([dict(gold, unit="tonnes")], [dict(gold, unit="metric tons")], strict)["fully_right"] == 1
    assert score_facts([gold], [dict(gold, unit="tonnes")], strict)["fully_right"] == 0


def test_acronym_equals_its_expansion_as_organization():
    gold = dict(ROLE, organization="Asian Development Bank")
    assert score_facts([gold], [dict(gold, organization="ADB")])["fully_right"] == 1
    assert score_facts([dict(gold, organization="ADB")], [gold])["fully_right"] == 1
    # initials of the capitalised words, when the acronym is not a known one
    g2 = dict(ROLE, organization="Kyrgyz Railway Company")
    assert score_facts([g2], [dict(g2, organization="KRC")])["fully_right"] == 1
    assert score_facts([g2], [dict(g2, organization="KTZ")])["fully_right"] == 0
