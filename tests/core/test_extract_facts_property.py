"""Property: extract_facts never raises, and every fact is valid with evidence inside the text,
whatever the text and whatever (valid) spans and zones it is given."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.extract.facts import extract_facts
from desktop.core.model import ENTITY_LABELS, Span, Zone, validate_fields

PIECES = [
    "China", "Kazakhstan's", "Uzbek", "the five Central Asian countries", "bilateral", "trade", "exports to",
    "imports from", "investment", "accumulated", "signed", "agreements worth", "$70.2 billion", "173.05 billion yuan",
    "($24.8 billion)", "1.5 trillion tenge", "3 million som", "$5bn-$6bn", "up 12.5%", "down 3 percent", "around",
    "over", "in 2022", "first four months", "January-May 2025", "last year", "Thursday and Friday", "May 18 and 19",
    "100-fold", "90,000 freight train trips", "capacity of 55 billion cubic metres", "President", "Xi Jinping", ",",
    ".", "\n", " ", "(", ")", "Summit", "held in", "Xi’an", "U.S.", "No.", "3.5", "of", "the", "deputy director of",
    "Ministry of Commerce", "’s", "—", "-", "%", "2023-05-18", "Corp.", "\u00a0", "新華社", "а", "\u2002",
]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
)


@st.composite
def doc(draw):
    text = draw(texts)
    n = len(text)
    spans = []
    if n:
        for _ in range(draw(st.integers(0, 12))):
            a = draw(st.integers(0, n - 1))
            b = draw(st.integers(a + 1, n))
            spans.append(Span(a, b, draw(st.sampled_from(ENTITY_LABELS)), text[a:b], "test"))
    zones = []
    if n:
        for _ in range(draw(st.integers(0, 2))):
            a = draw(st.integers(0, n - 1))
            zones.append(Zone(a, draw(st.integers(a + 1, n)), "teaser"))
    published = draw(st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
    return text, spans, published, zones


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc())
def test_extract_facts_never_raises_and_evidence_is_inside(d):
    text, spans, published, zones = d
    for f in extract_facts(text, spans, published, zones):
        assert 0 <= f.evidence_start <= f.evidence_end <= len(text)
        assert validate_fields(f.type, f.fields) == f.fields
        assert f.source == f"fact:{f.type}"
