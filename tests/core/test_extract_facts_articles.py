"""Whole articles in the style of the field: figures across sentences, memory of the parties and
period, targets, pledges, indicators, events and roles together."""

from __future__ import annotations

from desktop.core.extract.facts import extract_facts
from desktop.core.model import Span, Zone

KAZINFORM = """ASTANA, March 12 (Kazinform) – Kazakhstan and China intend to bring bilateral trade to $40 billion by 2030, Kazakh Prime Minister Olzhas Bektenov said at a meeting with Chinese Vice Premier Ding Xuexiang on Tuesday.
According to the Bureau of National Statistics, trade turnover between the two countries totaled $41 billion in 2023, up 32% compared to 2022. Kazakhstan's exports to China amounted to $15.5 billion, while imports from China reached $25.5 billion.
Over the past 18 years, Chinese investors have invested more than $24 billion in Kazakhstan's economy. In 2023 alone, direct investment from China reached $1.5 billion.
The Kazakhstan-China cross-border freight volume through Khorgos exceeded 28 million tonnes last year.
The 2nd China-Central Asia Summit will be held in Astana on June 16-17, 2025.
Related news
China's exports to Russia rose 5% to $100 billion in 2023.
"""

XINHUA = """TASHKENT, Jan. 25 (Xinhua) -- China remained Uzbekistan's largest trading partner in 2023, with bilateral trade reaching 13.7 billion U.S. dollars, the Statistics Agency under the President of Uzbekistan said Thursday.
Uzbekistan's exports to China stood at 2.9 billion dollars, while imports from China amounted to 10.8 billion dollars, up 44 percent year on year.
In the first nine months of 2023, Kyrgyzstan's trade with China amounted to 145.2 billion soms, according to the National Statistical Committee of the Kyrgyz Republic.
Turkmenistan supplied over 30 billion cubic meters of natural gas to China in 2023.
The railway, with a total length of 523 km, is expected to cost about 4.7 billion dollars.
"""


def _spans(text, *pairs):
    out = []
    for label, s in pairs:
        i = text.find(s)
        assert i >= 0, s
        out.append(Span(i, i + len(s), label, s, "test"))
    return out


def _by_type(facts, t):
    return [f.fields for f in facts if f.type == t]


def test_kazinform_article():
    text = KAZINFORM
    ents = _spans(text, ("PERSON", "Minister Olzhas Bektenov"), ("PERSON", "Ding Xuexiang"),
                  ("EVENT", "2nd China-Central Asia Summit"), ("LOCATION", "Astana"), ("DATE", "June 16-17, 2025"),
                  ("LOCATION", "Khorgos"))
    teaser = text.index("Related news")
    facts = extract_facts(text, ents, "2024-03-12", [Zone(teaser, len(text), "teaser")])
    trade = _by_type(facts, "trade")
    got = [(f["reporter"], f["partner"], f["flow"], f["value"], f["period"]) for f in trade]
    assert ("CHN", "KAZ", "total", 41e9, "2023") in got or ("KAZ", "CHN", "total", 41e9, "2023") in got
    assert ("KAZ", "CHN", "export", 15.5e9, "2023") in got
    assert ("KAZ", "CHN", "import", 25.5e9, "2023") in got  # reporter and period from the sentence before
    assert all(f["value"] != 100e9 for f in trade)  # the teaser is chrome
    assert all(f["value"] != 40e9 for f in trade)  # a target, not a statistic: an indicator
    target = next(f.fields for f in facts if f.type == "indicator" and f.fields["value"] == 40e9)
    assert (target["metric"], target["unit"], target["period"]) == ("bilateral trade target", "USD", "2030")
    inv = {(f["investor"], f["recipient"], f["kind"], f["value"]) for f in _by_type(facts, "investment")}
    assert ("CHN", "KAZ", "flow", 24e9) in inv and ("CHN", "KAZ", "flow", 1.5e9) in inv
    (ind,) = [f for f in _by_type(facts, "indicator") if f["value"] != 40e9]
    assert (ind["metric"], ind["unit"], ind["value"], ind["period"]) == (
        "kazakhstan-china cross-border freight volume through khorgos", "tonnes", 28e6, "2023")
    (ev,) = _by_type(facts, "event")
    assert ev == {"name": "2nd China-Central Asia Summit", "start": "2025-06-16", "end": "2025-06-17",
                  "location": "Astana", "country": "KAZ"}
    roles = {f["person"]: (f["role"], f["country"]) for f in _by_type(facts, "role")}
    assert roles == {"Olzhas Bektenov": ("Prime Minister", "KAZ"), "Ding Xuexiang": ("Vice Premier", "CHN")}


def test_xinhua_article():
    facts = extract_facts(XINHUA, [], None, [])
    trade = {(f["reporter"], f["partner"], f["flow"], f["value"], f["currency"], f["period"]) for f in _by_type(facts, "trade")}
    assert ("UZB", "CHN", "total", 13.7e9, "USD", "2023") in trade  # "said Thursday" is no period
    assert ("UZB", "CHN", "export", 2.9e9, "USD", "2023") in trade
    assert ("KGZ", "CHN", "total", 145.2e9, "KGS", "2023-01/2023-09") in trade
    (gas,) = [f for f in _by_type(facts, "indicator") if f["unit"] == "cubic meters"]
    assert (gas["subject"], gas["metric"], gas["value"], gas["qualifier"]) == ("TKM", "natural gas supplied to china", 30e9, "over")
    (length,) = [f for f in _by_type(facts, "indicator") if f["unit"] == "kilometers"]
    assert length["metric"] == "total length of the railway"
    # A project cost with no investing party is an indicator (the samples' gold), not an investment.
    assert _by_type(facts, "investment") == []
    (cost,) = [f for f in _by_type(facts, "indicator") if f["unit"] == "USD"]
    assert (cost["metric"], cost["value"], cost["qualifier"], cost["subject"]) == ("cost of the railway", 4.7e9, "about", None)
