"""Phrasing families found missing on development set C, each tested with new sentences of the
same family (never the set's own sentences)."""

from __future__ import annotations

from desktop.core.extract.facts import extract_facts
from desktop.core.model import validate_fields


def facts(text: str, published: str | None = None, ftype: str | None = None):
    got = extract_facts(text, [], published, [])
    for f in got:
        assert validate_fields(f.type, f.fields) == f.fields
    return [f.fields for f in got if ftype is None or f.type == ftype]


# ----------------------------------------------------------------------------- targets and forecasts


def test_a_trade_goal_is_a_target_indicator_not_a_trade_figure():
    text = ("BISHKEK, March 3, 2025 (Kabar) - Officials said Kyrgyzstan and China intend to increase mutual "
            "trade to $30 billion by 2028.")
    assert facts(text, "2025-03-03", "trade") == []
    (ind,) = facts(text, "2025-03-03", "indicator")
    assert ind["metric"] == "mutual trade target" and ind["unit"] == "USD" and ind["value"] == 30e9
    assert ind["period"] == "2028"


def test_a_forecast_with_could_top_is_a_forecast_indicator_over():
    text = "Analysts say turnover between Kazakhstan and China could top $50 billion in 2026."
    assert facts(text, ftype="trade") == []
    (ind,) = facts(text, ftype="indicator")
    assert ind["metric"].startswith("forecast turnover between kazakhstan and china")
    assert (ind["subject"], ind["qualifier"], ind["period"]) == ("KAZ", "over", "2026")


def test_an_investment_goal_over_coming_years_has_no_year():
    text = ("DUSHANBE, June 4, 2025 (Khovar) - Tajikistan wants to attract $9 billion of foreign investment over the next "
            "four years and to bring its exports to $3 billion by 2030.")
    assert facts(text, "2025-06-04", "investment") == []
    got = {f["metric"]: f for f in facts(text, "2025-06-04", "indicator")}
    assert got["foreign investment target"]["period"] is None
    assert got["foreign investment target"]["subject"] == "TJK"
    assert got["exports target"]["period"] == "2030"


# ----------------------------------------------------------------------------- investment recipient


def test_deals_with_no_destination_go_to_the_home_country():
    text = ("ASTANA, October 9, 2025 (Kazinform) - Chinese firms signed contracts worth $2.7 billion at the "
            "forum on Wednesday.")
    (inv,) = facts(text, "2025-10-09", "investment")
    assert (inv["investor"], inv["recipient"], inv["kind"]) == ("CHN", "KAZ", "pledge")


# ----------------------------------------------------------------------------- indicator subject and metric


def test_the_clause_subject_is_the_metric_and_local_news_owns_it():
    text = ("BISHKEK, April 2, 2025 (Kabar) - Cotton shipments to Turkey rose 12% to 48,000 tonnes in the first "
            "quarter. Coal output at the Kara-Keche mine reached 1.9 million tonnes.")
    got = facts(text, "2025-04-02", "indicator")
    assert [(f["metric"], f["subject"]) for f in got] == [("cotton shipments to turkey", "KGZ"),
                                                         ("coal output at the kara-keche mine", "KGZ")]
    assert got[0]["change_pct"] == 12


def test_a_plant_in_a_region_belongs_to_its_country_and_a_route_to_none():
    text = "Officials said a 300 MW wind farm in the Navoi region will be completed next year."
    (ind,) = facts(text, ftype="indicator")
    assert (ind["subject"], ind["unit"]) == ("UZB", "MW")
    text = ("ASTANA, May 5, 2025 (Kazinform) - A new freight route between Lanzhou and Tbilisi will be 4,100 km long.")
    (ind,) = facts(text, "2025-05-05", "indicator")
    assert ind["subject"] is None


def test_visitors_named_by_a_demonym_belong_to_the_host():
    text = "Tajikistan welcomed 48,000 Chinese tourists in 2024, officials said."
    (ind,) = facts(text, ftype="indicator")
    assert (ind["subject"], ind["value"]) == ("TJK", 48000)


def test_a_country_accounting_for_a_share_of_a_whole_is_a_percent_indicator():
    text = ("TASHKENT, August 1, 2025 (UzA) - Trade with Russia reached $5.1 billion in January-June 2025. "
            "Russia accounted for 17.5% of Uzbekistan's foreign trade.")
    got = [f for f in facts(text, "2025-08-01", "indicator") if f["unit"] == "percent"]
    assert [(f["subject"], f["metric"], f["value"], f["period"]) for f in got] == [
        ("UZB", "share of russia in foreign trade", 17.5, "2025-01/2025-06")]
    assert all(f["value"] != 17.5 for f in facts(text, "2025-08-01", "trade"))


# ----------------------------------------------------------------------------- trade rankings and headlines


def _trade(fs):
    return [(f["reporter"], f["partner"], f["flow"], f["value"], f["period"]) for f in fs]


def test_a_ranking_of_partners_after_a_total_gives_siblings():
    text = ("ASHGABAT, March 2, 2025 (TDH) - Turkmenistan's trade turnover with Turkey reached $4.2 billion in 2024.\n\n"
            "Exports of cotton yarn rose.\n\n"
            "Iran followed with $1.9 billion, and Afghanistan came third with $0.8 billion.")
    got = _trade(facts(text, "2025-03-02", "trade"))
    assert ("TKM", "IRN", "total", 1.9e9, "2024") in got and ("TKM", "AFG", "total", 0.8e9, "2024") in got


def test_the_largest_trading_partner_with_an_amount_is_a_trade_figure():
    text = ("Beijing, Feb 3 (Xinhua) - China's trade with Mongolia reached 18.1 billion dollars in 2024. "
            "Inner Mongolia remained the busiest gateway.\n\n"
            "Mongolia remained China's largest trading partner in the area with 18.1 billion dollars. "
            "Trade with Nepal reached 1.9 billion dollars.")
    got = _trade(facts(text, "2025-02-03", "trade"))
    assert ("CHN", "NPL", "total", 1.9e9, "2024") in got


def test_a_headline_figure_does_not_swallow_the_body_figure():
    text = ("Kyrgyz-Chinese trade hits $22.7 billion in 2024\n\n"
            "Trade between Kyrgyzstan and China reached $22.7 billion in 2024, up 15% from $19.7 billion in 2023.")
    got = _trade(facts(text, None, "trade"))
    assert ("KGZ", "CHN", "total", 22.7e9, "2024") in got and ("KGZ", "CHN", "total", 19.7e9, "2023") in got


# ----------------------------------------------------------------------------- growth, counts, changes


def test_a_fraction_of_change_in_words():
    (t,) = facts("Tajikistan's exports to China fell by a third to $120 million in 2024.", ftype="trade")
    assert t["change_pct"] == -33.3
    (t,) = facts("Kyrgyz exports to China grew by a quarter to $90 million in 2024.", ftype="trade")
    assert t["change_pct"] == 25


def test_a_growth_multiple_of_the_figure_just_given():
    text = ("Uzbekistan received 80,000 parcels from Turkey in 2024, a number that increased 1.8 times compared to 2023.")
    got = facts(text, ftype="indicator")
    fold = [f for f in got if f["unit"] == "fold"]
    assert fold and fold[0]["metric"] == "growth of parcels received from turkey" and fold[0]["value"] == 1.8
    assert fold[0]["subject"] == "UZB" and fold[0]["period"] == "2024"


def test_more_than_double_the_number_and_a_count_that_rose_n_times_to():
    text = "Trucks now make 900 trips a month, more than double the number in 2022."
    fold = [f for f in facts(text, ftype="indicator") if f["unit"] == "fold"]
    assert fold and (fold[0]["value"], fold[0]["qualifier"]) == (2.0, "over")
    text = "The number of Indian students in the country rose 1.5 times to 14,000 in 2024, the ministry said."
    counts = [f for f in facts(text, ftype="indicator") if f["unit"] != "fold"]
    assert [f["value"] for f in counts] == [14000]


def test_undirected_trade_in_local_news_is_the_home_countrys():
    text = ("DUSHANBE, May 6, 2025 (Asia-Plus) - Cement sales rose.\n\n"
            "Imports of machinery from Iran were worth $140 million in 2024, the customs service said.")
    (t,) = facts(text, "2025-05-06", "trade")
    assert (t["reporter"], t["partner"], t["flow"]) == ("TJK", "IRN", "import")


# ----------------------------------------------------------------------------- goods moved by a verb


def test_goods_moved_by_a_verb_name_the_metric():
    (f,) = facts("Kazakhstan exported 1.4 million tonnes of sunflower oil to Iran in 2024.", ftype="indicator")
    assert (f["metric"], f["subject"], f["unit"]) == ("sunflower oil exported to iran", "KAZ", "tonnes")
    got = facts("Turkey sold about 12,000 buses and trucks to Uzbekistan in 2024, worth $900 million.")
    ind = [f for f in got if "value" in f and f.get("unit") == "vehicles"]
    assert ind and ind[0]["metric"] == "buses and trucks sold to uzbekistan"


# ----------------------------------------------------------------------------- investment kinds and periods


def test_a_portfolio_of_projects_is_an_undated_pledge():
    text = ("BISHKEK, June 9, 2025 (Kabar) - The portfolio of joint projects with Turkish companies exceeds $3 billion, "
            "the ministry said.")
    (inv,) = facts(text, "2025-06-09", "investment")
    assert (inv["investor"], inv["recipient"], inv["kind"], inv["period"], inv["qualifier"]) == (
        "TUR", "KGZ", "pledge", None, "over")


def test_an_amount_over_the_next_years_has_no_year():
    text = ("TASHKENT, June 9, 2025 (UzA) - Korean companies plan to invest $2 billion in Uzbekistan over the next "
            "four years.")
    (inv,) = facts(text, "2025-06-09", "investment")
    assert (inv["investor"], inv["recipient"], inv["kind"], inv["period"]) == ("KOR", "UZB", "pledge", None)


def test_a_share_belongs_to_the_owner_of_the_whole():
    (f,) = facts("Russia's share in Kyrgyzstan's foreign trade reached 27.4% in 2024.", ftype="indicator")
    assert (f["subject"], f["value"], f["unit"]) == ("KGZ", 27.4, "percent")


def test_companies_with_foreign_capital_belong_to_the_host():
    text = "The number of firms with Turkish capital operating in Turkmenistan rose to 610 as of July 1, 2025."
    (f,) = facts(text, ftype="indicator")
    assert (f["subject"], f["value"]) == ("TKM", 610)


def test_a_long_counted_phrase_and_a_record():
    text = ("The number of container trains passing through the Dostyk station on the border with China in eastern "
            "Kazakhstan hit a record 5,210 in 2024, up 6 percent.")
    (f,) = facts(text, ftype="indicator")
    assert (f["value"], f["period"], f["change_pct"]) == (5210, "2024", 6)


def test_a_named_plant_with_a_number_in_its_name_owns_its_capacity():
    text = ("DUSHANBE, June 2, 2025 (Khovar) - The Yavan-3 solar power plant, built by a Chinese company, "
            "has a capacity of 200 MW.")
    (f,) = facts(text, "2025-06-02", "indicator")
    assert (f["subject"], f["unit"]) == ("TJK", "MW") and "yavan-3 solar power plant" in f["metric"]


def test_an_undirected_flow_is_reported_by_the_cited_statistics():
    text = ("According to the statistics agency of Tajikistan, trade with Iran amounted to $410 million in 2024, "
            "with exports accounting for $120 million.")
    got = _trade(facts(text, ftype="trade"))
    assert ("TJK", "IRN", "export", 120e6, "2024") in got


def test_a_part_of_a_whole_is_a_percent_share_of_its_owner():
    text = ("BISHKEK, May 4, 2025 (Kabar) - Hydropower plants generate about 90 percent of the country's electricity. "
            "Remittances equal 20 to 30 percent of GDP. Rosatom will contribute 49 percent of the capital.")
    got = facts(text, "2025-05-04", "indicator")
    assert [(f["subject"], f["metric"], f["value"], f["qualifier"]) for f in got if f["unit"] == "percent"] == [
        ("KGZ", "share of electricity", 90.0, "about")]


# ----------------------------------------------------------------------------- money indicators


def test_the_countrys_debt_to_a_lender_and_a_named_plants_cost():
    text = ("BISHKEK, May 4, 2025 (Kabar) - The country's debt to the Asian Development Bank stands at about $900 "
            "million, the finance ministry said. The Kambarata-1 hydropower plant, built by a consortium at a cost "
            "of $3 billion, will be the largest in the region.")
    got = {f["metric"]: f for f in facts(text, "2025-05-04", "indicator")}
    debt = got["debt to the asian development bank"]
    assert (debt["subject"], debt["unit"], debt["qualifier"]) == ("KGZ", "USD", "about")
    cost = got["cost of the kambarata-1 hydropower plant"]
    assert (cost["subject"], cost["value"]) == ("KGZ", 3e9)


# ----------------------------------------------------------------------------- roles


def _roles(text, published=None):
    from desktop.core.extract.pipeline import extract

    return {f.fields["person"]: f.fields for f in extract(text).facts if f.type == "role"}


def test_role_organisations_their_country_and_a_bare_deputy_prime_minister():
    text = ("ASTANA, March 3, 2025 (Kazinform) - Kazakhstan expects more Chinese investment, Deputy Prime Minister "
            "Roman Sklyar said on Monday. \"Demand is strong,\" said Zhou Lin, director of the Center for Russian "
            "Studies at the Shanghai Academy of Social Sciences. China Energy Engineering Corp (CEEC) Chairman Song Hailiang "
            "visited Astana.")
    got = _roles(text)
    assert got["Roman Sklyar"]["country"] == "KAZ"
    assert got["Zhou Lin"]["country"] == "CHN"
    assert got["Song Hailiang"]["organization"] in ("CEEC", "China Energy Engineering Corp")


def test_an_approximate_change_makes_the_indicator_approximate():
    (f,) = facts("Turkmenistan exported 2.1 million tonnes of cotton to Turkey in 2024, around 5% more than a year earlier.",
                 ftype="indicator")
    assert (f["qualifier"], f["change_pct"]) == ("about", 5)


def test_a_base_in_the_same_period_and_a_list_of_partners_with_amounts():
    text = ("Tajikistan's trade with Iran amounted to $310 million in January-March 2025, up 9% from $284 million in the "
            "same period of 2024.")
    got = _trade(facts(text, ftype="trade"))
    assert ("TJK", "IRN", "total", 284e6, "2024-01/2024-03") in got
    text = ("Turkey's trade with Central Asia reached $12 billion in 2024. Kazakhstan was Turkey's largest trading partner with "
            "$6.1 billion, followed by Uzbekistan with $3.9 billion and Turkmenistan with $1.2 billion.")
    got = _trade(facts(text, ftype="trade"))
    assert ("TUR", "TKM", "total", 1.2e9, "2024") in got


def test_a_ranking_sentence_without_a_trade_word():
    text = ("Turkey's trade with Central Asia reached $12 billion in 2024. Kazakhstan came first with $6.1 billion, "
            "followed by Uzbekistan with $3.9 billion and Turkmenistan with $1.2 billion.")
    got = _trade(facts(text, ftype="trade"))
    assert ("TUR", "UZB", "total", 3.9e9, "2024") in got and ("TUR", "TKM", "total", 1.2e9, "2024") in got


def test_a_forecast_quantity_and_its_current_level():
    text = ("Analysts at Fitch forecast that Kazakh oil exports to China could reach 15 million tonnes a year by 2030, "
            "up from the current level of about 11 million tonnes.")
    got = {f["value"]: f for f in facts(text, ftype="indicator")}
    assert got[15e6]["metric"] == "forecast kazakh oil exports to china" and got[15e6]["period"] == "2030"
    assert got[11e6]["metric"] == "current kazakh oil exports to china" and got[11e6]["period"] is None


# ----------------------------------------------------------------------------- events


def test_an_event_named_after_its_city_and_running_until_a_weekday():
    from desktop.core.model import Span

    text = ("Deals worth $2 billion were signed at the 2nd Almaty Investment Forum, which opened on Thursday and "
            "will run until Friday, the ministry said.")
    ents = []
    for label, part in (("EVENT", "2nd Almaty Investment Forum"), ("DATE", "Thursday"), ("DATE", "Friday")):
        i = text.index(part)
        ents.append(Span(i, i + len(part), label, part, "test"))
    got = [f.fields for f in extract_facts(text, ents, "2025-10-10", []) if f.type == "event"]
    assert got == [{"name": "2nd Almaty Investment Forum", "start": "2025-10-09", "end": "2025-10-10",
                    "location": "Almaty", "country": "KAZ"}]


# ----------------------------------------------------------------------------- what is no investment


def test_domestic_investment_and_lending_are_indicators():
    text = ("DUSHANBE, June 2, 2025 (Khovar) - Investment in fixed assets in Tajikistan grew 11% to 14 billion somoni "
            "in 2024. Banks issued loans worth 5 billion somoni to farmers.")
    assert facts(text, "2025-06-02", "investment") == []
    got = {f["metric"]: f for f in facts(text, "2025-06-02", "indicator")}
    assert got["investment in fixed assets"]["subject"] == "TJK"
    assert got["loans to farmers"]["unit"] == "TJS"


def test_a_dateline_day_is_no_period():
    (f,) = facts("ASTANA, May 3, 2025 (Kazinform) - The new terminal is valued at $500 million.", "2025-05-03", "indicator")
    assert f["period"] is None


def test_goods_carried_take_the_period_of_the_count_before_and_a_railway_company_is_no_route():
    text = ("ALMATY, Feb 3, 2025 (Kazinform) - The number of container trains passing through the Dostyk station hit "
            "a record 5,100 last year. The trains carried 2.2 million tonnes of cargo, the operator said on Monday.\n\n"
            "Coal shipments to China grew 5% to 3.1 million tonnes, according to the national railway company KTZ.")
    got = {f["value"]: f for f in facts(text, "2025-02-03", "indicator")}
    assert got[2.2e6]["metric"] == "cargo carried by trains" and got[2.2e6]["period"] == "2024"
    assert got[3.1e6]["subject"] == "KAZ"


def test_a_change_named_by_a_noun_after_the_percentage():
    (t,) = facts("Kyrgyz exports to Turkey were worth $95 million in 2024, a 12 percent decline caused by weaker gold sales.",
                 ftype="trade")
    assert t["change_pct"] == -12
    (t,) = facts("Kazakh imports from Korea reached $2.3 billion in 2024, a 9% increase.", ftype="trade")
    assert t["change_pct"] == 9


def test_a_growth_word_after_a_reporting_verb_names_its_thing():
    text = ("TASHKENT, Dec 1, 2025 (UzA) - Experts note that imports of Korean household appliances more than "
            "doubled this year.")
    fold = [f for f in facts(text, "2025-12-01", "indicator") if f["unit"] == "fold"]
    assert fold and fold[0]["metric"] == "growth of imports of korean household appliances"
    assert (fold[0]["subject"], fold[0]["qualifier"]) == ("UZB", "over")


def test_the_date_of_a_comparison_base_is_not_the_figures():
    text = ("The number of companies with Turkish capital operating in Kyrgyzstan rose to 820 as of July 1, "
            "compared with 760 at the start of the year.")
    (f,) = [x for x in facts(text, "2025-08-01", "indicator") if x["value"] == 820]
    assert f["period"] == "2025-07"


# ----------------------------------------------------------------------------- money that is no investment
# Sentences written for this family (not taken from any data set): money near investment words
# that states no investment, and a few that do.


def pipeline_facts(text: str, ftype: str):
    from desktop.core.extract.pipeline import extract

    return [f.fields for f in extract(text).facts if f.type == ftype]


def test_a_project_cost_under_an_agency_dateline_is_a_cost_not_an_investment():
    text = ("ASTANA, March 3 (Kazinform) -- The project to build a new terminal at Almaty airport will cost "
            "200 million U.S. dollars, the company said.")
    assert pipeline_facts(text, "investment") == []
    (ind,) = pipeline_facts(text, "indicator")
    assert ind["value"] == 200e6 and ind["unit"] == "USD" and "cost" in ind["metric"]


def test_a_company_metric_before_the_amount_is_no_investment():
    for text in (
        "ASTANA, May 5 (Kazinform) -- KazMunayGas posted net profit of 1.9 billion dollars in 2023 and invested in new fields.",
        "BEIJING, Nov 11 (Xinhua) -- The Silk Road Fund, with a capital of 40 billion U.S. dollars, supports investment in Central Asia.",
        "TASHKENT, March 8 (Kazinform) -- Uzbekistan's foreign debt stood at 64 billion dollars, according to the investment ministry.",
    ):
        assert pipeline_facts(text, "investment") == [], text


def test_an_investment_cue_in_another_clause_after_the_amount_takes_no_amount():
    text = ("ASTANA, Jul 7 (Reuters) -- Kazakhstan's sovereign wealth fund Samruk-Kazyna holds assets worth 70 billion "
            "dollars, and plans to invest in renewable energy.")
    assert pipeline_facts(text, "investment") == []


def test_investment_climate_forum_or_ministry_names_no_investment():
    for text in (
        "ASTANA, Sept 9 (Kazinform) -- The President noted the improving investment climate, adding that the country's GDP "
        "reached 260 billion dollars in 2023.",
        "TASHKENT, Feb 2 (Kazinform) -- Uzbekistan's annual tourism revenue reached 2 billion dollars, according to the "
        "investment ministry.",
        "XI'AN, May 19 (Xinhua) -- Speaking at the China-Central Asia investment forum, the minister said bilateral trade had "
        "reached 70 billion dollars in 2022.",
    ):
        assert pipeline_facts(text, "investment") == [], text


def test_loans_between_companies_or_within_one_country_are_no_investment():
    for text in (
        "ASTANA, Nov 3 (Kazinform) -- Halyk Bank extended a loan of 100 million dollars to the Kazakh subsidiary of a Russian retailer.",
        "DUSHANBE, Feb 2 (Reuters) -- The Asian Development Bank approved a 50 million dollar loan to a Tajik commercial bank.",
        "TASHKENT, Sept 3 (Reuters) -- Uzbek carmaker UzAuto Motors received a loan of 300 million dollars from Uzbek state bank Asaka.",
    ):
        assert pipeline_facts(text, "investment") == [], text


def test_a_loan_from_foreign_banks_and_a_multilateral_road_loan_stay_investments():
    (inv,) = pipeline_facts("ASTANA, Nov 3 (Kazinform) -- The project received a loan of 100 million dollars from Chinese banks.",
                            "investment")
    assert (inv["investor"], inv["recipient"], inv["value"]) == ("CHN", "KAZ", 100e6)
    text = ("BISHKEK, July 9 (Kabar) - The Asian Infrastructure Investment Bank (AIIB) has approved a $250 million loan to "
            "upgrade the Naryn-Torugart road, the Ministry of Finance of the Kyrgyz Republic reported.")
    assert [f["value"] for f in pipeline_facts(text, "investment")] == [250e6]


def test_loans_from_china_inside_a_debt_total_are_chinas_and_the_total_is_debt():
    text = ("TASHKENT, March 8 (Kazinform) -- Uzbekistan's foreign debt stood at 64 billion dollars, including loans from "
            "China of 4 billion dollars.")
    (inv,) = pipeline_facts(text, "investment")
    assert (inv["investor"], inv["recipient"], inv["value"]) == ("CHN", "UZB", 4e9)
    assert [f["value"] for f in pipeline_facts(text, "indicator")] == [64e9]


def test_a_rounded_restatement_of_a_dated_investment_is_no_new_figure():
    text = ("TASHKENT, March 1 (Xinhua) -- China invested 2.2 billion U.S. dollars in Uzbekistan in 2023. The investment, "
            "about 2 billion dollars, went mainly into energy and mining.")
    (inv,) = pipeline_facts(text, "investment")
    assert (inv["investor"], inv["recipient"], inv["value"], inv["period"]) == ("CHN", "UZB", 2.2e9, "2023")


def test_real_investments_are_still_found():
    (a,) = pipeline_facts("ASTANA, March 3 (Kazinform) -- China's direct investment in Kazakhstan reached 2.5 billion "
                          "U.S. dollars in 2023.", "investment")
    assert (a["investor"], a["recipient"], a["kind"], a["period"]) == ("CHN", "KAZ", "flow", "2023")
    (b,) = pipeline_facts("ASTANA, March 12 (Kazinform) -- Chinese direct investment in Kazakhstan reached 1.5 trillion "
                          "tenge, or 3.3 billion U.S. dollars, in 2023.", "investment")
    assert (b["value"], b["currency"], b["value_usd"]) == (1.5e12, "KZT", 3.3e9)
    (c,) = pipeline_facts("ALMATY, June 3 (Kazinform) -- According to the investment promotion agency, 40 joint projects "
                          "with Chinese participation worth $9.1 billion are under way in the country.", "investment")
    assert (c["investor"], c["recipient"], c["kind"], c["value"]) == ("CHN", "KAZ", "pledge", 9.1e9)
