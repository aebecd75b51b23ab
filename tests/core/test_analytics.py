"""desktop.core.analytics against values computed by hand on a small project."""

from __future__ import annotations

import csv
import hashlib

import pytest

from desktop.core import analytics as an
from desktop.core.model import Document, Entity, Fact
from desktop.core.paths import data_path

TEXT = "Xi Jinping met Xi Jinping's guests. Xi Jinping and Xi spoke in Xi'an. China and China. SCO, SCO. " * 3


def _rate(currency: str, year: int) -> float:
    """The rate as data/exchange_rates.csv states it (read here independently of fx.py)."""
    with data_path("exchange_rates.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["currency"] == currency and int(row["year"]) == year:
                return float(row["usd_per_unit"])
    raise LookupError(f"no {currency} rate for {year}")


def trade(reporter, partner, flow, period, value, currency="USD", value_usd=None, **kw):
    return {"reporter": reporter, "partner": partner, "flow": flow, "period": period, "value": value,
            "currency": currency, "value_usd": value_usd, **kw}


def invest(recipient, kind, period, value, currency="USD", investor="CHN"):
    return {"investor": investor, "recipient": recipient, "kind": kind, "period": period, "value": value,
            "currency": currency, "value_usd": value if currency == "USD" else None}


#: tag → (doc, type, fields, status, confidence)
FACTS = {
    "kaz22": (1, "trade", trade("CHN", "KAZ", "total", "2022", 31.2e9), "accepted", 0.9),
    "kaz22_dup": (2, "trade", trade("CHN", "KAZ", "total", "2022", 31.0e9), "suggested", 0.95),
    "kaz23": (1, "trade", trade("CHN", "KAZ", "total", "2023", 41e9), "edited", 1.0),
    "kaz23_rej": (2, "trade", trade("CHN", "KAZ", "total", "2023", 99e9), "rejected", 0.99),
    "kaz23_sugg": (2, "trade", trade("CHN", "KAZ", "total", "2021", 25.3e9), "suggested", 0.8),
    "ca5_22": (1, "trade", trade("CHN", "CA5", "total", "2022", 70.2e9, value_usd=70.2e9), "accepted", 0.9),
    "ca5_ytd": (2, "trade", trade("CHN", "CA5", "total", "2023-01/2023-04", 173.05e9, "CNY"), "accepted", 0.9),
    "uzb_mirror": (2, "trade", trade("UZB", "CHN", "export", "2023", 5e9), "accepted", 0.9),
    "rus": (1, "trade", trade("CHN", "RUS", "total", "2022", 190e9), "accepted", 0.9),
    "inv_kaz_20": (1, "investment", invest("KAZ", "stock", "2020-12", 10e9), "accepted", 0.9),
    "inv_kaz_22": (2, "investment", invest("KAZ", "stock", "2022-12", 12e9), "accepted", 0.9),
    "inv_ca5_flow": (1, "investment", invest("CA5", "flow", "2022", 0.97e9), "accepted", 0.9),
    "pledge_1": (1, "investment", invest("UZB", "pledge", "2023", 1e9), "accepted", 0.9),
    "pledge_2": (2, "investment", invest("UZB", "pledge", "2023", 2e9), "edited", 0.9),
    "pledge_2_dup": (1, "investment", invest("UZB", "pledge", "2023", 2e9), "accepted", 0.5),
    "pledge_kzt": (2, "investment", invest("KAZ", "pledge", "2022", 100e9, "KZT"), "accepted", 0.9),
    "role": (1, "role", {"person": "Xi Jinping", "role": "President", "country": "CHN"}, "accepted", 0.9),
    "role_s": (2, "role", {"person": "Xi", "role": "President", "country": "CHN"}, "suggested", 0.9),
}

ENTITIES = [  # doc, text, label, status
    (1, "Xi Jinping", "PERSON", "accepted"), (1, "Xi Jinping", "PERSON", "suggested"),
    (1, "Xi Jinping", "PERSON", "accepted"), (2, "Xi Jinping", "PERSON", "suggested"),
    (1, "Xi", "PERSON", "accepted"), (1, "Xi'an", "LOCATION", "accepted"),
    (1, "China", "COUNTRY", "accepted"), (2, "China", "COUNTRY", "accepted"), (2, "China", "COUNTRY", "accepted"),
    (1, "SCO", "ORG", "accepted"), (1, "SCO", "ORG", "rejected"), (2, "Xi Jinping", "ORG", "rejected"),
]


def build(project) -> dict[str, int]:
    """Add two documents with the facts and entities above; return tag → fact id."""
    doc_ids = {}
    for doc in (1, 2):
        text = f"Document {doc}. " + TEXT
        ents = []
        for d, surface, label, status in ENTITIES:
            if d != doc:
                continue
            start = text.find(surface, ents[-1].end if ents else 0)
            ents.append(Entity(None, 0, start, start + len(surface), label, surface, status, "test", 1.0))
        facts = [
            Fact(None, 0, t, fields, 0, 10, status, conf, f"test:{tag}")
            for tag, (d, t, fields, status, conf) in FACTS.items()
            if d == doc
        ]
        doc_ids[doc] = project.add_document(
            Document(None, text, title=f"Doc {doc}", content_hash=hashlib.sha1(text.encode()).hexdigest()),
            ents, facts,
        )
    return {f.source.split(":", 1)[1]: f.id for f in project.facts()}


@pytest.fixture
def ids(project):
    return build(project)


def test_facts_frame_flattens_fields_and_filters_statuses(project, ids):
    frame = an.facts_frame(project)
    assert set(frame["status"]) == {"accepted", "edited"}
    assert len(frame) == sum(1 for v in FACTS.values() if v[3] in ("accepted", "edited"))
    row = frame.set_index("id").loc[ids["kaz22"]]
    assert (row["type"], row["reporter"], row["partner"], row["period"], row["value"]) == (
        "trade", "CHN", "KAZ", "2022", 31.2e9
    )
    assert row["recipient"] is None and row["doc_id"] == 1
    everything = an.facts_frame(project, statuses=None)
    assert len(everything) == len(FACTS)
    assert an.facts_frame(project.facts(), statuses=("rejected",))["id"].tolist() == [ids["kaz23_rej"]]


def _rows(series):
    return {(r.partner, r.period): r for r in series.itertuples()}


def test_trade_series_reviewed_only(project, ids):
    s = an.trade_series(an.facts_frame(project), "total")
    rows = _rows(s)
    assert set(rows) == {("CA5", "2022"), ("CA5", "2023-01/2023-04"), ("KAZ", "2022"), ("KAZ", "2023")}
    kaz22 = rows[("KAZ", "2022")]
    assert (kaz22.value_usd, kaz22.n_facts, kaz22.fact_ids, kaz22.suggested) == (31.2e9, 1, [ids["kaz22"]], False)
    kaz23 = rows[("KAZ", "2023")]
    assert kaz23.value_usd == 41e9 and kaz23.fact_ids == [ids["kaz23"]]  # the rejected 99 bn never counts
    assert rows[("CA5", "2022")].period_kind == "year"
    assert "RUS" not in set(s["partner"])


def test_cny_value_is_converted_at_the_years_rate_and_kept_apart_from_years(project, ids):
    s = an.trade_series(an.facts_frame(project), "total")
    ytd = _rows(s)[("CA5", "2023-01/2023-04")]
    assert ytd.period_kind == "months: Jan–Apr"
    assert ytd.period_label == "Jan–Apr 2023"
    assert ytd.converted
    assert ytd.value_usd == pytest.approx(173.05e9 * _rate("CNY", 2023))
    annual = s[s["period_kind"] == "year"]
    assert not annual["converted"].any()
    assert ytd.year == 2023 and ("CA5", "2023") not in _rows(annual)


def test_duplicates_count_once_and_suggested_is_flagged(project, ids):
    s = an.trade_series(an.facts_frame(project, statuses=("accepted", "edited", "suggested")), "total")
    rows = _rows(s)
    kaz22 = rows[("KAZ", "2022")]
    # the accepted 31.2 bn wins over the suggested 31.0 bn (status first, then confidence)
    assert kaz22.value_usd == 31.2e9
    assert kaz22.n_facts == 2 and kaz22.fact_ids == sorted([ids["kaz22"], ids["kaz22_dup"]])
    assert kaz22.suggested
    assert rows[("KAZ", "2021")].suggested and rows[("KAZ", "2021")].value_usd == 25.3e9
    assert not rows[("KAZ", "2023")].suggested


def test_mirrored_reporter_swaps_the_flow(project, ids):
    frame = an.facts_frame(project)
    assert "UZB" not in set(an.trade_series(frame, "total")["partner"])
    assert "UZB" not in set(an.trade_series(frame, "export")["partner"])
    imports = an.trade_series(frame, "import")
    (row,) = imports[imports["partner"] == "UZB"].itertuples()
    assert (row.period, row.value_usd, row.mirrored, row.fact_ids) == ("2023", 5e9, True, [ids["uzb_mirror"]])
    with pytest.raises(ValueError):
        an.trade_series(frame, "both")


def test_period_info_kinds():
    assert an.period_info("2022") == ("year", 2022, "2022")
    assert an.period_info("2022-01/2022-12") == ("year", 2022, "2022")
    assert an.period_info("2023-01/2023-05")[0] == "months: Jan–May"
    assert an.period_info("2023-04") == ("month", 2023, "Apr 2023")
    assert an.period_info("2017/2024") == ("years", 2024, "2017–2024")
    assert an.period_info(None) is None and an.period_info("last year") is None


def test_investment_by_recipient(project, ids):
    inv = an.investment_by_recipient(an.facts_frame(project))
    rows = {(r.recipient, r.kind): r for r in inv.itertuples()}
    assert set(rows) == {("KAZ", "stock"), ("CA5", "flow"), ("UZB", "pledge"), ("KAZ", "pledge")}
    stock = rows[("KAZ", "stock")]
    assert (stock.value_usd, stock.period, stock.fact_ids, stock.n_facts) == (12e9, "2022-12", [ids["inv_kaz_22"]], 1)
    assert stock.basis == "as of end Dec 2022"
    assert rows[("CA5", "flow")].value_usd == 0.97e9
    pledge = rows[("UZB", "pledge")]
    assert pledge.value_usd == 3e9  # 1 bn + 2 bn; the 2 bn stated twice counts once
    assert pledge.fact_ids == sorted([ids["pledge_1"], ids["pledge_2"], ids["pledge_2_dup"]])
    assert pledge.basis == "sum of 2 pledges"
    kzt = rows[("KAZ", "pledge")]
    assert kzt.converted and kzt.value_usd == pytest.approx(100e9 * _rate("KZT", 2022))
    assert list(inv["kind"]) == sorted(inv["kind"], key=["stock", "flow", "pledge"].index)


def test_review_progress(project, ids):
    rp = an.review_progress(project)
    assert list(rp.columns) == ["suggested", "accepted", "rejected", "edited"]
    assert list(rp.index[:5]) == ["trade", "investment", "indicator", "event", "role"]
    assert rp.loc["trade"].to_dict() == {"suggested": 2, "accepted": 5, "rejected": 1, "edited": 1}
    assert rp.loc["investment"].to_dict() == {"suggested": 0, "accepted": 6, "rejected": 0, "edited": 1}
    assert rp.loc["role"].to_dict() == {"suggested": 1, "accepted": 1, "rejected": 0, "edited": 0}
    assert rp.loc["event"].sum() == 0
    # the same from a frame of every fact
    assert an.review_progress(an.facts_frame(project, statuses=None)).equals(rp)
    assert an.review_fact_ids(project, "trade", "rejected") == [ids["kaz23_rej"]]


def test_top_actors(project, ids):
    top = an.top_actors(project)
    rows = {(r.text, r.label): r for r in top.itertuples()}
    assert ("Xi'an", "LOCATION") not in rows  # not one of the labels asked for
    assert ("Xi Jinping", "ORG") not in rows  # rejected
    xi = rows[("Xi Jinping", "PERSON")]
    assert (xi.mentions, xi.documents) == (4, 2)
    assert (rows[("China", "COUNTRY")].mentions, rows[("China", "COUNTRY")].documents) == (3, 2)
    assert rows[("SCO", "ORG")].mentions == 1  # one of the two was rejected
    assert rows[("Xi", "PERSON")].mentions == 1  # not merged with "Xi Jinping"
    assert list(top["text"][:2]) == ["Xi Jinping", "China"]
    non_rejected = sorted(f.id for f in project.facts() if f.status != "rejected")
    assert xi.fact_ids == non_rejected
    assert len(an.top_actors(project, n=2)) == 2
    only_doc2 = an.top_actors(project, doc_ids=[2])
    assert dict(zip(only_doc2["text"], only_doc2["mentions"], strict=True)) == {"China": 2, "Xi Jinping": 1}
    assert an.top_actors(project, labels=("LOCATION",))["text"].tolist() == ["Xi'an"]


def test_empty_project(project):
    frame = an.facts_frame(project)
    assert frame.empty
    assert an.trade_series(frame).empty
    assert an.investment_by_recipient(frame).empty
    assert an.review_progress(project).to_numpy().sum() == 0
    assert an.top_actors(project).empty
