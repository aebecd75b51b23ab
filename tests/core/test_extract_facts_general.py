"""General phrasing families found missing on the project's sample articles, each tested with
new sentences of the same family (not the samples' own)."""

from __future__ import annotations

from desktop.core.extract.facts import extract_facts
from desktop.core.model import Span, validate_fields


def spans(text: str, *ents: tuple[str, str]) -> list[Span]:
    out, last = [], {}
    for label, s in ents:
        i = text.find(s, last.get(s, -1) + 1)
        assert i >= 0, s
        last[s] = i
        out.append(Span(i, i + len(s), label, s, "test"))
    return sorted(out, key=lambda e: e.start)


def facts(text: str, ents=(), published: str | None = None, ftype: str | None = None):
    got = extract_facts(text, list(ents), published, [])
    for f in got:
        assert validate_fields(f.type, f.fields) == f.fields
    return [f.fields for f in got if ftype is None or f.type == ftype]


def _trade(fs):
    return [(f["reporter"], f["partner"], f["flow"], f["value"], f["period"]) for f in fs]


# ----------------------------------------------------------------------------- trade


def test_a_series_of_amounts_with_their_own_years():
    got = facts("Trade between China and Turkmenistan hit 12.3 billion dollars in 2024, after 10.6 billion dollars "
                "in 2023 and 11.2 billion dollars in 2022.", ftype="trade")
    assert _trade(got) == [("CHN", "TKM", "total", 12.3e9, "2024"), ("CHN", "TKM", "total", 10.6e9, "2023"),
                           ("CHN", "TKM", "total", 11.2e9, "2022")]
    got = facts("Uzbekistan's exports to Russia rose to $7.1 billion in 2024, up from $5.9 billion in 2023, "
                "an increase of 20 percent.", ftype="trade")
    assert _trade(got) == [("UZB", "RUS", "export", 7.1e9, "2024"), ("UZB", "RUS", "export", 5.9e9, "2023")]
    assert (got[0]["change_pct"], got[1]["change_pct"]) == (20, None)


def test_a_threshold_without_its_own_period_is_no_series():
    got = facts("Trade between China and Kazakhstan reached $44 billion in 2024, exceeding $40 billion for the first time.",
                ftype="trade")
    assert [f["value"] for f in got] == [44e9]


def test_total_trade_reporter_follows_the_cited_statistics_else_the_first_named():
    (f,) = facts("Trade between Kyrgyzstan and China was worth $22 billion in 2024, Chinese customs data show.", ftype="trade")
    assert (f["reporter"], f["partner"]) == ("CHN", "KGZ")
    (f,) = facts("Trade between Tajikistan and China reached $1.9 billion in 2024, according to the Statistics Agency "
                 "under the President of Tajikistan.", ftype="trade")
    assert (f["reporter"], f["partner"]) == ("TJK", "CHN")
    (f,) = facts("Turnover between Mongolia and China amounted to $17 billion last year.", published="2025-03-01", ftype="trade")
    assert (f["reporter"], f["partner"], f["period"]) == ("MNG", "CHN", "2024")
    (f,) = facts("Turnover between China and Mongolia amounted to $17 billion last year.", published="2025-03-01", ftype="trade")
    assert (f["reporter"], f["partner"]) == ("CHN", "MNG")
    # A possessive names the reporter: no swap.
    (f,) = facts("Kazakhstan's trade with China grew to $43.8 billion in 2024.", ftype="trade")
    assert (f["reporter"], f["partner"]) == ("KAZ", "CHN")


def test_the_five_states_listed_one_by_one_are_ca5():
    (f,) = facts("Japan's trade with Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan reached "
                 "$3 billion in 2023.", ftype="trade")
    assert (f["reporter"], f["partner"]) == ("JPN", "CA5")


def test_region_after_a_superlative_is_a_scope_and_followed_by_is_a_sibling():
    got = facts("Uzbekistan was China's fastest-growing partner in the region, with bilateral trade of $13.5 billion "
                "in 2024, followed by Tajikistan at $2.4 billion.", ftype="trade")
    assert _trade(got) == [("CHN", "UZB", "total", 13.5e9, "2024"), ("CHN", "TJK", "total", 2.4e9, "2024")]


def test_the_same_amount_in_another_currency_is_no_new_figure():
    got = facts("Exports from Kazakhstan to China reached $15 billion in 2024, which corresponds to about "
                "7 trillion tenge at the average rate.", ftype="trade")
    assert _trade(got) == [("KAZ", "CHN", "export", 15e9, "2024")]
    got = facts("The bridge will cost 300 million dollars, or some 26 billion som.")
    assert [(f["value"], f["unit"]) for f in got] == [(300e6, "USD")]


def test_headline_restating_a_body_figure_is_no_fact():
    text = ("Kyrgyz-Chinese trade tops 20 billion dollars\n"
            "BISHKEK, May 2, 2025 -- Trade between Kyrgyzstan and China reached 20.4 billion dollars in 2024.")
    got = facts(text, published="2025-05-02", ftype="trade")
    assert _trade(got) == [("KGZ", "CHN", "total", 20.4e9, "2024")]
    # A headline figure the body does not repeat stays.
    text = "Tajik aluminium exports reach 500 million dollars\nDUSHANBE -- The plant expanded its output."
    assert [f["value"] for f in facts(text, ftype="trade")] == [500e6]


# ----------------------------------------------------------------------------- investment


def test_grants_and_would_provide_are_pledges_dated_by_their_announcement():
    text = ("The Central Asia-Japan Dialogue summit was held in Tokyo on December 20, 2025. "
            "At the summit, Japan said it would provide grants of 50 billion yen to the five Central Asian countries.")
    ents = spans(text, ("EVENT", "Central Asia-Japan Dialogue summit"), ("LOCATION", "Tokyo"), ("DATE", "December 20, 2025"))
    (f,) = facts(text, ents, published="2026-01-10", ftype="investment")
    assert (f["investor"], f["recipient"], f["kind"], f["period"]) == ("JPN", "CA5", "pledge", "2025")
    (f,) = facts("Beijing will provide 800 million yuan in grants to Kyrgyzstan in 2026.", ftype="investment")
    assert (f["kind"], f["period"], f["currency"]) == ("pledge", "2026", "CNY")


def test_a_cost_without_an_investor_is_an_indicator():
    (f,) = facts("The new Dushanbe power plant is estimated at 1.2 billion dollars.")
    assert (f["metric"], f["unit"], f["value"], f["subject"]) == ("estimated cost of the new dushanbe power plant", "USD", 1.2e9, None) or \
        (f["unit"], f["value"]) == ("USD", 1.2e9)
    # With an investor it stays an investment.
    (f,) = facts("Chinese banks will finance the plant, estimated at $1.2 billion.", ftype="investment")
    assert f["investor"] == "CHN"


# ----------------------------------------------------------------------------- indicators


def _ind(fs):
    return [(f["subject"], f["metric"], f["value"], f["unit"]) for f in fs]


def test_word_multiples_are_fold_indicators_frequencies_are_not():
    (f,) = facts("Since 2013, rail freight between China and Uzbekistan has grown fivefold.", ftype="indicator")
    assert (f["value"], f["unit"]) == (5, "fold")
    (f,) = facts("Kyrgyz honey exports to China doubled in 2024.", ftype="indicator")
    assert (f["value"], f["unit"], f["period"]) == (2, "fold", "2024")
    (f,) = facts("Tourist flows from China grew 2.3 times over the year.", ftype="indicator")
    assert (f["value"], f["unit"]) == (2.3, "fold")
    assert f["metric"] == "growth of tourist flows from china"
    (f,) = facts("The volume of e-commerce parcels is now seven times larger than in 2019.", ftype="indicator")
    assert (f["value"], f["unit"]) == (7, "fold")
    assert facts("The premier has visited Tajikistan seven times.", ftype="indicator") == []
    assert facts("The ministers met 3 times in 2024.", ftype="indicator") == []


def test_stakes_in_a_venture_one_indicator_per_holder():
    text = ("The partners will set up a joint venture for the copper smelter, in which Kazakhstan will own 40 percent, "
            "Russia 35 percent and Tajikistan 25 percent.")
    got = _ind(facts(text, ftype="indicator"))
    assert got == [("KAZ", "share in the joint venture", 40, "percent"), ("RUS", "share in the joint venture", 35, "percent"),
                   ("TJK", "share in the joint venture", 25, "percent")]
    text = "Under the deal, China will hold 60 percent of the consortium and Turkmenistan and Afghanistan 20 percent each."
    got = _ind(facts(text, ftype="indicator"))
    assert [(s, v) for s, _m, v, _u in got] == [("CHN", 60), ("TKM", 20), ("AFG", 20)]


def test_measures_name_their_thing_and_units_have_one_spelling():
    (f,) = facts("The Trans-Caspian cable will stretch for about 1,200 kilometres under the sea.")
    assert (f["metric"], f["unit"], f["value"], f["subject"]) == ("length of the trans-caspian cable", "kilometers", 1200, None)
    (f,) = facts("A second unit, Rogun 2, will add an installed capacity of 600 megawatts.")
    assert (f["metric"], f["unit"]) == ("installed capacity of rogun 2", "MW")
    (f,) = facts("The terminal handled 12 bcm of gas in 2024.")
    assert (f["unit"], f["value"]) == ("cubic meters", 12e9)


def test_indicator_subject_is_the_owner_not_a_place_on_the_route():
    (f,) = facts("The Kashgar-Osh highway runs for 460 km from Kashgar in China's Xinjiang to Osh in Kyrgyzstan.")
    assert f["subject"] is None
    (f,) = facts("Kazakhstan exported 2.5 million tonnes of wheat to China in 2024.")
    assert (f["subject"], f["unit"]) == ("KAZ", "tonnes")
    (f,) = facts("According to Uzbekistan Railways, China-Uzbekistan container trains made more than 900 trips in 2024.")
    assert (f["subject"], f["metric"], f["unit"]) == ("CHN", "china-uzbekistan container train trips", "trips")
    (f,) = facts("Line B of the pipeline runs through Kazakhstan, with a design capacity of 10 bcm.")
    assert f["subject"] is None


def test_reporting_clauses_datelines_and_demonyms_in_the_measured_thing():
    (f,) = facts("ALMATY, Oct 3 (Kazinform) - The minister said cargo traffic on the Khorgos route had grown fourfold since 2015.",
                 ftype="indicator")
    assert f["metric"] == "growth of cargo traffic on the khorgos route" and f["unit"] == "fold"
    (f,) = facts("Gazprom discussed a plan to ship up to 10 billion cubic meters of Russian gas a year.", ftype="indicator")
    assert (f["subject"], f["metric"]) == ("RUS", "russian gas")
    (f,) = facts("The new line has doubled throughput at the border crossing.", ftype="indicator")
    assert (f["value"], f["metric"]) == (2, "growth of throughput")


# ----------------------------------------------------------------------------- roles


def test_role_country_after_the_name_and_from_the_heading_organisation():
    text = "The talks were attended by Prime Minister Aly Mahmud of Pakistan and Prime Minister Olzhas Bektenov of Kazakhstan."
    got = facts(text, spans(text, ("PERSON", "Aly Mahmud"), ("PERSON", "Olzhas Bektenov")), ftype="role")
    assert [(f["person"], f["role"], f["country"]) for f in got] == [
        ("Aly Mahmud", "Prime Minister", "PAK"), ("Olzhas Bektenov", "Prime Minister", "KAZ")]
    text = "Kyrgyzstan's Ministry of Economy and Commerce, headed by Minister Bakyt Sydykov, drafted the plan."
    got = facts(text, spans(text, ("ORG", "Ministry of Economy and Commerce"), ("PERSON", "Bakyt Sydykov")), ftype="role")
    assert [(f["role"], f["organization"], f["country"]) for f in got] == [("Minister", "Ministry of Economy and Commerce", "KGZ")]


def test_role_country_from_the_people_gazetteer_only_for_the_same_office():
    text = "President Shavkat Mirziyoyev opened the plant. Former minister Wang Yi spoke."
    got = facts(text, spans(text, ("PERSON", "Shavkat Mirziyoyev"), ("PERSON", "Wang Yi")), ftype="role")
    by = {f["person"]: f["country"] for f in got}
    assert by["Shavkat Mirziyoyev"] == "UZB"
    assert by.get("Wang Yi") is None  # the gazetteer's office differs: no guess


def test_an_acting_organisation_is_not_the_measured_thing():
    text = "Rosatom will build a nuclear plant with a capacity of 330 megawatts in the region."
    (f,) = facts(text, spans(text, ("ORG", "Rosatom")), ftype="indicator")
    assert (f["metric"], f["unit"]) == ("capacity", "MW")
    text = "KazMunayGas will raise oil output to 2 million tonnes a year."
    (f,) = facts(text, spans(text, ("ORG", "KazMunayGas")), ftype="indicator")
    assert f["metric"] == "oil output"
