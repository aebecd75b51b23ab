"""Property tests: extraction never fails on bad input and always returns well-formed spans."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.extract.pipeline import extract, extract_entities


def check(text: str) -> None:
    spans = extract_entities(text)
    prev_end = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= prev_end
        assert text[s.start : s.end] == s.text
        prev_end = s.end


ALPHABET = st.characters(blacklist_categories=("Cs",))
WORDS = st.sampled_from(
    [
        "China",
        "Kazakhstan",
        "-",
        "Central",
        "Asia",
        "Summit",
        "Forum",
        "of",
        "the",
        "Ministry",
        "$",
        "5",
        "bn",
        "percent",
        "2023",
        "2024-2025",
        "May",
        "18",
        "and",
        "(",
        "SCO",
        ")",
        "said",
        ",",
        "Xi",
        "’",
        "'",
        "an",
        "\n",
        "新华社",
        "Москва",
        "1,2,3,4",
        "\x00",
        "\u2002",
        "President",
        "Wang",
        "Yi",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_random_text(text):
    check(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=80).map(" ".join))
def test_random_word_soup(text):
    check(text)
    extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        "新华社北京11月26日电",
        "Москва и Астана 2023",
        "1,2,3,4",
        "2023-2024-2025",
        "\x00\x01\x02 China \x7f",
        "((((SCO))))",
        "$$$ 5 bn bn bn",
        "May May May 18 and and 19",
    ],
)
def test_bad_inputs(text):
    check(text)


def test_one_long_line_in_bounded_time():
    text = ("China-Kazakhstan trade rose 5% to $1 bn in 2023 said Wang Yi " * 2000)[:100_000]
    t0 = time.perf_counter()
    check(text)
    assert time.perf_counter() - t0 < 10


def test_long_runs_of_capitals_and_symbols():
    for text in (
        "A " * 50_000,
        "Aa-" * 30_000,
        "$" * 100_000,
        "1," * 50_000,
        "(" * 50_000 + "SCO",
        "China-" * 20_000,
        "China-Kazakhstan-" * 5_000 + " pipeline",
        "Ministry of " * 8_000,
        "Good-Neighborliness, Friendship and " * 2_500 + "Committee",
        "President " * 10_000,
        "Zhang Wei, " * 9_000,
    ):
        t0 = time.perf_counter()
        check(text)
        assert time.perf_counter() - t0 < 10, text[:20]
