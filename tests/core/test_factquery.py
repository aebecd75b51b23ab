"""The facts table's Qt-free state: rows, columns, sorting, filtering, incremental updates."""

import hashlib

import pytest

from desktop.core.factquery import (
    REVIEWED,
    SCOPE_ALL,
    SCOPE_DOCUMENT,
    FactQuery,
    FactRow,
    Filter,
    cell_text,
    columns_for,
    edit_text,
    filter_rows,
    guess_fact,
    load_rows,
    row_from_fact,
    sort_rows,
)
from desktop.core.model import FACT_TYPES, Document, Entity, Fact
from desktop.core.numbers import parse_amount


def row(id, value=None, *, doc=1, type="trade", status="suggested", title="Doc", evidence="", start=None, **fields):
    f = {"value": value, **fields} if type in ("trade", "investment", "indicator") else dict(fields)
    return FactRow(id, doc, type, f, status, 0.9, title, evidence, start if start is not None else id * 10, None)


def col(key, fact_type=None):
    return next(c for c in columns_for(fact_type) if c.key == key)


# ----------------------------------------------------------------- columns


def test_columns_are_common_then_the_union_of_registry_fields():
    cols = columns_for(None)
    assert [c.key for c in cols[:5]] == ["status", "type", "document", "confidence", "evidence"]
    union = []
    for ft in FACT_TYPES.values():
        union += [n for n in ft.field_names if n not in union]
    assert [c.key for c in cols[5:]] == union
    assert all(c.field is not None for c in cols[5:])


def test_single_type_columns_are_that_types_fields():
    for name, ft in FACT_TYPES.items():
        assert [c.key for c in columns_for(name)[5:]] == list(ft.field_names)


# ----------------------------------------------------------------- rows and display


def test_row_from_fact_cuts_evidence_and_builds_search_text():
    text = "Intro. Trade between China and Kazakhstan reached $41 billion in 2023."
    fact = Fact(7, 3, "trade", {"reporter": "CHN", "partner": "KAZ", "value": 41e9, "change_pct": 37.3},
                7, len(text), "accepted", 0.8, "fact:trade")
    r = row_from_fact(fact, "Kazinform story", text)
    assert r.evidence.startswith("Trade between") and r.id == 7 and r.doc_id == 3
    assert "kazakhstan" in r.search and "41 bn" in r.search and "kazinform" in r.search
    assert cell_text(r, col("value")) == "41 bn"
    assert cell_text(r, col("change_pct")) == "37.3 %"
    assert cell_text(r, col("status")) == "accepted"
    assert cell_text(r, col("type")) == "Trade"
    assert cell_text(r, col("name")) == ""  # not a trade field


def test_edit_text_round_trips_exactly():
    for v in (70_200_000_000.0, 70_234_567_891.0, 1234.5, 0.0, 41e9, 3e20, 0.00001, -2.5):
        assert parse_amount(edit_text("number", v)) == v
    assert edit_text("number", 70.2e9) == "70.2 bn"
    assert edit_text("percent", 40.0) == "40"


def test_load_rows_reads_project_with_titles_and_evidence(project):
    text = "China and Kazakhstan. Trade reached $41 billion in 2023."
    doc = Document(None, text, title="T1", content_hash=hashlib.sha256(text.encode()).hexdigest())
    d = project.add_document(doc, (), [Fact(None, 0, "trade", {"value": 41e9}, 22, len(text))])
    rows = load_rows(project)
    assert len(rows) == 1 and rows[0].doc_id == d and rows[0].doc_title == "T1"
    assert rows[0].evidence == text[22:]
    assert load_rows(project, [rows[0].id])[0].fields == {"value": 41e9}
    assert load_rows(project, [999]) == []
    other = "Nothing here."
    project.add_document(Document(None, other, title="no facts", content_hash="x"))
    third = "Exports to Uzbekistan: $2 billion."
    d3 = project.add_document(Document(None, third, title="T3", content_hash="y"), (), [
        Fact(None, 0, "trade", {"value": 2e9}, 0, 7), Fact(None, 0, "event", {"name": "X"}),
    ])
    rows = load_rows(project)
    assert [(r.doc_id, r.doc_title, r.evidence) for r in rows] == [
        (d, "T1", text[22:]), (d3, "T3", ""), (d3, "T3", "Exports"),
    ]
    assert [r.evidence for r in load_rows(project, [r.id for r in rows])] == [text[22:], "", "Exports"]


# ----------------------------------------------------------------- sorting


def test_sort_numbers_numerically_with_none_last_both_ways():
    rows = [row(1, 5e9), row(2, None), row(3, 70.2e9), row(4, 9e8), row(5, None), row(6, 5e9)]
    asc = sort_rows(rows, col("value"))
    assert [r.id for r in asc] == [4, 1, 6, 3, 2, 5]
    desc = sort_rows(rows, col("value"), descending=True)
    assert [r.id for r in desc] == [3, 1, 6, 4, 2, 5]  # ties stable, None still last


def test_sort_text_case_insensitive_and_default_order():
    rows = [row(1, title="beta"), row(2, title="Alpha"), row(3, title=""), row(4, title="alpha2")]
    assert [r.id for r in sort_rows(rows, col("document"))] == [2, 4, 1, 3]
    shuffled = [rows[2], rows[0], rows[3], rows[1]]
    assert [r.id for r in sort_rows(shuffled, None)] == [1, 2, 3, 4]


# ----------------------------------------------------------------- filtering


@pytest.fixture
def rows():
    return [
        row(1, 41e9, doc=1, status="suggested", evidence="Trade with Kazakhstan", reporter="CHN", partner="KAZ"),
        row(2, 5e9, doc=1, type="investment", status="accepted", evidence="Investment in Uzbekistan"),
        row(3, None, doc=2, type="event", status="edited", name="China-Central Asia Summit"),
        row(4, 1e6, doc=2, status="rejected", evidence="Exports to Kyrgyzstan"),
    ]


def test_filter_by_scope_type_status_text_and_ids(rows):
    ids = lambda f: [r.id for r in filter_rows(rows, f)]  # noqa: E731
    assert ids(Filter()) == [1, 2, 3, 4]
    assert ids(Filter(scope=SCOPE_DOCUMENT, doc_id=2)) == [3, 4]
    assert ids(Filter(scope=SCOPE_DOCUMENT, doc_id=None)) == []
    assert ids(Filter(scope=SCOPE_ALL, doc_id=2)) == [1, 2, 3, 4]
    assert ids(Filter(fact_type="trade")) == [1, 4]
    assert ids(Filter(status="accepted")) == [2]
    assert ids(Filter(status=REVIEWED)) == [2, 3]
    assert ids(Filter(text="kazakhstan")) == [1]  # the country name of KAZ and the evidence
    assert ids(Filter(text="SUMMIT central")) == [3]  # words, any order, any case
    assert ids(Filter(text="41 bn")) == [1]
    assert ids(Filter(fact_ids=frozenset({2, 4}))) == [2, 4]
    assert ids(Filter(fact_type="trade", status="rejected", text="kyrgyz")) == [4]


def test_query_keeps_sort_across_filters_and_changes_columns(rows):
    q = FactQuery(rows)
    q.set_sort("value", descending=True)
    assert q.visible_ids() == [1, 2, 4, 3]
    assert q.set_filter(fact_type="trade") is True
    assert [c.key for c in q.columns[5:]] == list(FACT_TYPES["trade"].field_names)
    q.refresh()
    assert q.visible_ids() == [1, 4]
    assert q.set_filter(status="rejected") is False
    assert q.refresh() and q.visible_ids() == [4]
    q.set_filter(fact_type="indicator", status=None)
    assert q.sort_column == "value"  # indicators have a value column too
    q.set_filter(fact_type="event")
    assert q.sort_column is None  # events have none: the sort falls back to project order


def test_put_reports_single_row_changes(rows):
    q = FactQuery(rows)
    q.set_filter(status="suggested")
    q.refresh()
    assert q.visible_ids() == [1]
    # accepted: leaves the filter → remove
    accepted = row(1, 41e9, status="accepted")
    action = q.put(1, accepted)
    assert action == ("remove", 0)
    q.apply(*action, accepted)
    assert q.visible_ids() == []
    # back to suggested (undo): insert where the sort puts it
    back = row(1, 41e9, status="suggested")
    assert q.put(1, back) == ("insert", 0)
    q.apply("insert", 0, back)
    # a value edit on a pinned row stays, as a change
    q.pinned.add(1)
    edited = row(1, 42e9, status="edited")
    assert q.put(1, edited) == ("change", 0)
    q.apply("change", 0, edited)
    # deleted
    assert q.put(1, None) == ("remove", 0)
    q.apply("remove", 0, None)
    assert q.row(1) is None and len(q) == 3
    # a new fact outside the filter: nothing to show
    assert q.put(9, row(9, status="accepted")) == ("none", -1)
    assert len(q) == 4


def test_insert_position_follows_sort_with_none_last(rows):
    q = FactQuery(rows)
    q.set_sort("value")
    assert q.visible_ids() == [4, 2, 1, 3]
    assert q.insert_position(row(8, 2e9)) == 1
    assert q.insert_position(row(8, None)) == 4
    q.set_sort("value", descending=True)
    assert q.insert_position(row(8, 2e9)) == 2
    q.set_sort(None)
    assert q.insert_position(row(8, None, doc=1, start=15)) == 1


# ----------------------------------------------------------------- a fact from a sentence


def ent(text, sentence, label, offset=0):
    i = sentence.index(text)
    return Entity(None, 1, offset + i, offset + i + len(text), label, text)


def test_guess_trade_fact_from_sentence():
    s = "In 2022, trade between China and Kazakhstan rose by 34 percent to about $31 billion."
    offset = 100
    ents = [ent(t, s, lab, offset) for t, lab in
            (("2022", "DATE"), ("China", "COUNTRY"), ("Kazakhstan", "COUNTRY"), ("34 percent", "PERCENT"),
             ("$31 billion", "MONEY"))]
    ftype, fields = guess_fact(s, ents, offset)
    assert ftype == "trade"
    assert fields == {"reporter": "CHN", "partner": "KAZ", "flow": "total", "period": "2022",
                      "period_text": "2022", "value": 31e9, "currency": "USD", "value_usd": 31e9,
                      "change_pct": 34.0, "qualifier": "about"}


def test_guess_other_types():
    s = "Chinese firms invested 2 billion yuan in Uzbekistan in 2023."
    t, f = guess_fact(s, [ent("2 billion yuan", s, "MONEY"), ent("Uzbekistan", s, "COUNTRY"), ent("2023", s, "DATE")])
    assert t == "investment" and f["value"] == 2e9 and f["currency"] == "CNY"
    assert (f["investor"], f["recipient"]) == ("CHN", "UZB")  # the extraction rules read "Chinese firms … in Uzbekistan"
    s = "The China-Central Asia Summit was held in Xi'an, China."
    t, f = guess_fact(s, [ent("China-Central Asia Summit", s, "EVENT"), ent("Xi'an", s, "LOCATION"),
                          ent("China", s[30:], "COUNTRY", 30)])
    assert t == "event" and f == {"name": "China-Central Asia Summit", "location": "Xi'an", "country": "CHN"}
    s = "Huo Fupeng of the NDRC spoke."
    t, f = guess_fact(s, [ent("Huo Fupeng", s, "PERSON"), ent("NDRC", s, "ORG")])
    assert t == "role" and f == {"person": "Huo Fupeng", "organization": "NDRC"}
    s = "Over 100 freight trains ran in 2023."
    t, f = guess_fact(s, [ent("2023", s, "DATE")])
    assert t == "indicator" and f["value"] == 100 and f["unit"] == "trains" and f["period"] == "2023"


def test_cached_key_sort_matches_plain_sort_after_changes():
    import random

    rng = random.Random(3)
    parties = ["KAZ", "UZB", "CA5", None, ""]
    rows = [
        row(i, rng.choice([None, 1e9, 2.5e9, 7e8, rng.random() * 1e10]), doc=rng.randint(1, 5),
            title=rng.choice(["b", "A", "", "c"]), partner=rng.choice(parties), start=rng.randint(0, 50),
            status=rng.choice(["suggested", "accepted"]))
        for i in range(1, 400)
    ]
    q = FactQuery(rows)
    keys = ("value", "partner", "document", "status", "type", "confidence", None)

    def check():
        for key in keys:
            for desc in (False, True) if key else (False,):
                expected = [r.id for r in sort_rows(q.visible, col(key) if key else None, desc)]
                assert [r.id for r in q.set_sort(key, desc)] == expected, (key, desc)

    check()  # builds every column's key cache
    q.put(5, row(5, 3.3e9, partner="TJK", title="z"))  # new text values: those caches drop
    q.put(6, row(6, None, partner="KAZ", title="A", status="accepted"))  # known values: updated in place
    q.put(7, None)
    q.put(1000, row(1000, 1.0, title="A"))
    q.refresh()
    check()
    for i in range(8, 200):  # many edits after the caches exist: arrays grow
        q.put(i, row(i, float(i % 7) or None, partner=parties[i % 5], title=["b", "A", ""][i % 3]))
    q.refresh()
    check()


def test_put_inserts_new_rows_at_their_sorted_place(rows):
    q = FactQuery(rows)
    q.set_sort("value")  # [4 (1e6), 2 (5e9), 1 (41e9), 3 (None)]
    assert q.put(8, row(8, 2e9)) == ("insert", 1)
    q.apply("insert", 1, q.row(8))
    assert q.put(9, row(9, None)) == ("insert", 5)
    q.apply("insert", 5, q.row(9))
    q.set_sort("value", descending=True)
    assert q.visible_ids() == [1, 2, 8, 4, 3, 9]
    assert q.put(10, row(10, 3e9)) == ("insert", 2)
    q.apply("insert", 2, q.row(10))
    q.set_sort("document")
    q.set_sort(None)
    assert q.visible_ids() == [1, 2, 8, 9, 10, 3, 4]  # project order: document, evidence start
    assert q.put(11, row(11, doc=1, start=15)) == ("insert", 1)


def test_put_many_then_refresh(rows):
    q = FactQuery(rows)
    q.set_sort("value")
    q.put_many({1: None, 2: row(2, 9e10, type="investment", status="accepted"), 20: row(20, 1.0)})
    q.refresh()
    assert q.visible_ids() == [20, 4, 2, 3]


def test_country_names_as_analysts_type_them():
    from desktop.core.countries import code_for_name

    assert code_for_name("Kazakhstan") == "KAZ" and code_for_name("the PRC") == "CHN"
    assert code_for_name("Central Asia") == "CA5" and code_for_name("Atlantis") is None
