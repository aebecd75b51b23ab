"""Fact extraction on sentences written in the style of the field (Xinhua, Kazinform, Trend,
Daryo, Astana Times, China Daily …), and the normalisation helpers behind it."""

from __future__ import annotations

import pytest

from desktop.core.extract.facts import extract_facts
from desktop.core.extract.facts.money import find_money, parse_money
from desktop.core.extract.facts.parties import find_parties, lookup
from desktop.core.extract.facts.periods import resolve_dates, resolve_period, stock_period
from desktop.core.extract.facts.sentences import split_sentences
from desktop.core.model import Span, Zone, validate_fields


def spans(text: str, *ents: tuple[str, str]) -> list[Span]:
    """Entity spans for (label, string) pairs, each the next occurrence of its string."""
    out, last = [], {}
    for label, s in ents:
        i = text.find(s, last.get(s, -1) + 1)
        assert i >= 0, s
        last[s] = i
        out.append(Span(i, i + len(s), label, s, "test"))
    return out


def facts(text: str, ents=(), published: str | None = None, zones=(), ftype: str | None = None):
    got = extract_facts(text, list(ents), published, list(zones))
    for f in got:
        assert validate_fields(f.type, f.fields) == f.fields
        assert 0 <= f.evidence_start < f.evidence_end <= len(text)
        assert f.source == f"fact:{f.type}"
        assert 0 < f.confidence <= 1
    return [f.fields for f in got if ftype is None or f.type == ftype]


# ----------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("$70.2 billion", 70.2e9, "USD"),
        ("US$ 15 bn", 15e9, "USD"),
        ("USD 1.2bn", 1.2e9, "USD"),
        ("46 billion U.S. dollars", 46e9, "USD"),
        ("173.05 billion yuan", 173.05e9, "CNY"),
        ("$964 mln", 964e6, "USD"),
        ("1 million somonis", 1e6, "TJS"),
        ("1.5 trillion tenge", 1.5e12, "KZT"),
        ("$5bn-$6bn", 5e9, "USD"),
        ("500 billion soums", 500e9, "UZS"),
        ("3 million som", 3e6, "KGS"),
        ("2.1 billion rubles", 2.1e9, "RUB"),
        ("€2 billion", 2e9, "EUR"),
        ("RMB 3.5 billion", 3.5e9, "CNY"),
    ],
)
def test_parse_money(text, value, currency):
    v, c = parse_money(text)
    assert v == pytest.approx(value) and c == currency


def test_money_range_keeps_upper_bound_and_som_context():
    (m,) = find_money("worth $5bn-$6bn")
    assert (m.value, m.high) == (5e9, 6e9)
    (m,) = find_money("Uzbek exporters earned 3 million som")
    assert m.currency == "UZS"
    assert parse_money("2022") is None


@pytest.mark.parametrize(
    ("text", "year", "published", "period"),
    [
        ("2022", None, None, "2022"),
        ("first four months", None, "2023-05-19", "2023-01/2023-04"),
        ("first four months", None, None, None),
        ("April", None, "2023-05-19", "2023-04"),
        ("December", None, "2023-05-19", "2022-12"),
        ("January-May 2025", None, None, "2025-01/2025-05"),
        ("last year", None, "2024-02-01", "2023"),
        ("2017-2024", None, None, "2017/2024"),
        ("first quarter of 2024", None, None, "2024-01/2024-03"),
        ("first half", 2023, None, "2023-01/2023-06"),
        ("same period last year", None, "2023-05-19", None),
    ],
)
def test_resolve_period(text, year, published, period):
    assert resolve_period(text, year, published) == period


def test_resolve_dates_and_stock():
    assert resolve_dates("May 18 and 19", "2023-05-25") == ("2023-05-18", "2023-05-19")
    assert resolve_dates("Thursday and Friday", "2023-05-19") == ("2023-05-18", "2023-05-19")
    assert resolve_dates("Friday", None) == (None, None)
    assert resolve_dates("October 17", None) == (None, None)
    assert resolve_dates("18-19 May 2023") == ("2023-05-18", "2023-05-19")
    assert stock_period("2020") == "2020-12"
    assert stock_period("2023-01/2023-04") == "2023-04"


def test_sentences_respect_abbreviations_and_decimals():
    text = "The U.S. Department said trade rose 3.5 percent. It grew. China Int'l Corp. said No. 5 works! Mr. Li agreed."
    got = [text[a:b] for a, b in split_sentences(text)]
    assert got == [
        "The U.S. Department said trade rose 3.5 percent.",
        "It grew.",
        "China Int'l Corp. said No. 5 works!",
        "Mr. Li agreed.",
    ]


def test_parties():
    text = "China's trade with the five Central Asian countries, Kazakh exporters, US$ 5 bn, Chinese firms"
    codes = [p.code for p in find_parties(text)]
    assert codes == ["CHN", "CA5", "KAZ", "CHN"]
    assert lookup("Kyrgyzstan’s") == "KGZ" and lookup("Uzbek") == "UZB"


# ----------------------------------------------------------------------------- trade


def test_bilateral_trade_china_kazakhstan_usd_with_change():
    text = ("Trade turnover between Kazakhstan and China reached $31.5 billion in 2023, up 22.6% year on year, "
            "the Kazakh Ministry of Trade and Integration said.")
    (f,) = facts(text, published="2024-02-10")
    assert f["reporter"] in ("KAZ", "CHN") and {f["reporter"], f["partner"]} == {"KAZ", "CHN"}
    assert f["flow"] == "total" and f["period"] == "2023"
    assert f["value"] == 31.5e9 and f["currency"] == "USD" and f["value_usd"] == 31.5e9
    assert f["change_pct"] == 22.6


def test_uzbek_exports_to_china_in_a_month_range_with_decrease():
    text = ("In January-May 2025, Uzbekistan exported goods worth $1.2 billion to China, a decrease of "
            "5.4 percent compared to the same period of 2024.")
    (f,) = facts(text)
    assert (f["reporter"], f["partner"], f["flow"]) == ("UZB", "CHN", "export")
    assert f["period"] == "2025-01/2025-05" and f["change_pct"] == -5.4


def test_kyrgyz_imports_from_china_last_year():
    text = "Kyrgyzstan's imports from China amounted to $4.1 billion last year, according to the National Statistical Committee."
    (f,) = facts(text, published="2024-03-01")
    assert (f["reporter"], f["partner"], f["flow"], f["period"]) == ("KGZ", "CHN", "import", "2023")
    assert f["value"] == 4.1e9


def test_cny_with_stated_usd_and_relative_period():
    text = ("China's import and export volume with Central Asian countries amounted to 173.05 billion yuan "
            "($24.8 billion) in the first four months, an increase of 37.3 percent compared with the same period last year.")
    (f,) = facts(text, published="2023-05-19")
    assert (f["reporter"], f["partner"], f["currency"]) == ("CHN", "CA5", "CNY")
    assert f["value"] == 173.05e9 and f["value_usd"] == 24.8e9
    assert f["period"] == "2023-01/2023-04" and f["period_text"] == "first four months"
    assert f["change_pct"] == 37.3 and f["qualifier"] is None


def test_tenge_trade_with_qualifier_and_no_second_fact_for_a_threshold():
    text = ("Kazakhstan's trade with China grew by 13 percent to about 2.2 trillion tenge over January-April, "
            "exceeding 2 trillion tenge for the first time.")
    (f,) = facts(text, published="2024-05-15")
    assert f["currency"] == "KZT" and f["value"] == 2.2e12 and f["qualifier"] == "about"
    assert f["period"] == "2024-01/2024-04" and f["value_usd"] is None


def test_world_total_and_part_of_which():
    text = "Foreign trade of Tajikistan amounted to 3.9 billion dollars in 2022, of which China accounted for 1.1 billion dollars."
    got = facts(text, ftype="trade")
    assert [(f["reporter"], f["partner"], f["value"]) for f in got] == [("TJK", "WORLD", 3.9e9), ("TJK", "CHN", 1.1e9)]


def test_bilateral_resolves_to_the_documents_two_countries():
    text = ("Kyrgyzstan and China discussed cooperation. The two countries' trade turnover in 2023 was $3.5 billion. "
            "China is Kyrgyzstan's largest partner.")
    (f,) = facts(text, ftype="trade")
    assert {f["reporter"], f["partner"]} == {"CHN", "KGZ"} and f["period"] == "2023"


def test_som_amount_and_percent_share_is_no_trade_fact():
    text = ("Kyrgyzstan's exports to China reached 12 billion som in 2023. "
            "Kazakhstan accounted for 49.5% of China's trade with the region.")
    got = facts(text, ftype="trade")
    assert len(got) == 1 and got[0]["currency"] == "KGS" and got[0]["flow"] == "export"


# ----------------------------------------------------------------------------- investment


def test_investment_stock_and_flow():
    text = "The volume of accumulated direct Chinese investments in five countries of the region amounted to about $15 billion in 2020."
    (f,) = facts(text, ftype="investment")
    assert (f["investor"], f["recipient"], f["kind"], f["period"]) == ("CHN", "CA5", "stock", "2020-12")
    assert f["qualifier"] == "about" and f["period_text"] == "2020"
    text = ("China's trade value with Central Asia surged by around 40 percent to $70.2 billion in 2022, and the outbound "
            "direct investment from China to the five countries reached $970 million.")
    got = extract_facts(text, [], None, [])
    kinds = [(f.type, f.fields.get("kind"), f.fields["value"], f.fields["period"]) for f in got]
    assert kinds == [("trade", None, 70.2e9, "2022"), ("investment", "flow", 970e6, "2022")]
    assert got[0].fields["qualifier"] == "about" and got[0].fields["change_pct"] == 40


def test_investment_pledges():
    (f,) = facts("Chinese companies will invest $5bn-$6bn in Kazakhstan's energy sector, the minister said.")
    assert (f["investor"], f["recipient"], f["kind"], f["value"]) == ("CHN", "KAZ", "pledge", 5e9)
    got = facts("Uzbekistan and China signed 50 agreements worth $24 billion during the visit.")
    inv = [f for f in got if "kind" in f]
    assert inv and inv[0]["kind"] == "pledge" and inv[0]["value"] == 24e9 and inv[0]["investor"] == "CHN"
    assert any(f.get("unit") == "agreements" and f["value"] == 50 for f in got)


def test_stock_as_of_end_of_year():
    (f,) = facts("As of the end of 2022, China's direct investment stock in Uzbekistan exceeded $11 billion.")
    assert (f["investor"], f["recipient"], f["kind"], f["period"], f["qualifier"]) == ("CHN", "UZB", "stock", "2022-12", "over")


# ----------------------------------------------------------------------------- indicators


def test_indicators():
    (f,) = facts("More than 90,000 China-Europe freight train trips have been made since 2011.")
    assert f["value"] == 90000 and f["qualifier"] == "over" and "trips" in f["unit"]
    (f,) = facts("The Line D of the gas pipeline will have a capacity of 55 billion cubic metres a year.")
    # One spelling per unit; the named subject owns the measure.
    assert f["value"] == 55e9 and f["unit"] == "cubic meters" and f["metric"] == "capacity of the line d of the gas pipeline"
    (f,) = facts("More than 3,000 Chinese enterprises operate in Kazakhstan, the ambassador said.")
    assert (f["subject"], f["value"], f["unit"]) == ("CHN", 3000, "enterprises")
    (f,) = facts("In 2022, China-Central Asia trade volume hit $70.2 billion, an over 100-fold increase since 1992.", ftype="indicator")
    assert (f["value"], f["unit"], f["qualifier"]) == (100, "fold", "over")
    assert facts("In April, more than 80 participants from 31 countries attended the course in 2023.") == []


# ----------------------------------------------------------------------------- events


def test_event_with_dates_location_and_once_per_document():
    text = ("The first China-Central Asia Summit was held on May 18 and 19 in Xi’an. "
            "The China-Central Asia Summit adopted the Xi'an Declaration.")
    ents = spans(text, ("EVENT", "first China-Central Asia Summit"), ("DATE", "May 18 and 19"), ("LOCATION", "Xi’an"))
    i = text.rfind("China-Central Asia Summit")
    ents.append(Span(i, i + len("China-Central Asia Summit"), "EVENT", "China-Central Asia Summit", "test"))
    (f,) = facts(text, ents, published="2023-05-25", ftype="event")
    # The guidelines keep an edition ordinal in the name; the bare later mention is the same event.
    assert f == {"name": "first China-Central Asia Summit", "start": "2023-05-18", "end": "2023-05-19",
                 "location": "Xi'an", "country": "CHN"}


def test_event_editions_are_distinct_and_ordinal_before_the_span_is_kept():
    text = ("Turkmenistan will host the fourth Central Asia-EU Investors Forum in Ashgabat on March 3, 2026. "
            "The fifth Central Asia-EU Investors Forum is to take place in Uzbekistan in 2028.")
    ents = spans(text, ("COUNTRY", "Turkmenistan"), ("EVENT", "Central Asia-EU Investors Forum"), ("LOCATION", "Ashgabat"),
                 ("DATE", "March 3, 2026"), ("EVENT", "fifth Central Asia-EU Investors Forum"), ("COUNTRY", "Uzbekistan"),
                 ("DATE", "2028"))
    got = facts(text, ents, published="2025-11-02", ftype="event")
    assert got == [
        {"name": "fourth Central Asia-EU Investors Forum", "start": "2026-03-03", "end": "2026-03-03",
         "location": "Ashgabat", "country": "TKM"},
        {"name": "fifth Central Asia-EU Investors Forum", "start": None, "end": None, "location": None, "country": "UZB"},
    ]


def test_event_host_country_and_later_mention_fill_the_fields():
    text = ("Mongolia is due to host the Second Eurasian Transit Forum next year.\n"
            "Ministers opened the Second Eurasian Transit Forum in Ulaanbaatar on Tuesday. "
            "Officials said the forum, held on September 9 and 10, drew 40 delegations.")
    ents = spans(text, ("COUNTRY", "Mongolia"), ("EVENT", "Second Eurasian Transit Forum"), ("LOCATION", "Ulaanbaatar"),
                 ("DATE", "Tuesday"), ("DATE", "September 9 and 10"))
    i = text.rfind("Second Eurasian Transit Forum")
    ents.append(Span(i, i + len("Second Eurasian Transit Forum"), "EVENT", "Second Eurasian Transit Forum", "test"))
    ents.sort(key=lambda e: e.start)
    (f,) = facts(text, ents, published="2025-09-11", ftype="event")
    assert f["name"] == "second Eurasian Transit Forum"
    assert (f["start"], f["end"]) == ("2025-09-09", "2025-09-10")
    assert f["country"] == "MNG"


def test_event_past_attendance_takes_the_year_of_its_sentence():
    text = "The minister visited Tashkent in October 2024 and attended the Tashkent International Investment Forum on October 8."
    ents = spans(text, ("LOCATION", "Tashkent"), ("DATE", "October 2024"),
                 ("EVENT", "Tashkent International Investment Forum"), ("DATE", "October 8"))
    (f,) = facts(text, ents, published="2025-02-01", ftype="event")
    assert (f["start"], f["end"]) == ("2024-10-08", "2024-10-08")


def test_event_weekdays_and_unknown_year():
    text = "Leaders are in Xi’an, northwest China’s Shaanxi Province, to attend the China-Central Asia Summit, which is scheduled for Thursday and Friday."
    ents = spans(text, ("LOCATION", "Xi’an"), ("LOCATION", "Shaanxi Province"), ("EVENT", "China-Central Asia Summit"),
                 ("DATE", "Thursday and Friday"))
    (f,) = facts(text, ents, published="2023-05-19", ftype="event")
    assert (f["start"], f["end"], f["location"], f["country"]) == ("2023-05-18", "2023-05-19", "Xi'an", "CHN")
    (f,) = facts(text, ents, published=None, ftype="event")
    assert f["start"] is None and f["end"] is None
    text = "The 8th China-Central Asia Cooperation Forum was concluded in Lanzhou on October 17."
    ents = spans(text, ("EVENT", "8th China-Central Asia Cooperation Forum"), ("LOCATION", "Lanzhou"), ("DATE", "October 17"))
    (f,) = facts(text, ents, ftype="event")
    assert (f["name"], f["start"], f["location"]) == ("8th China-Central Asia Cooperation Forum", None, "Lanzhou")


def test_event_mentioned_in_passing_is_no_fact():
    text = "We will leverage the mechanism including the China-Central Asia Meeting of the Ministers of Economy and Trade."
    ents = spans(text, ("EVENT", "China-Central Asia Meeting of the Ministers of Economy and Trade"))
    assert facts(text, ents, ftype="event") == []


# ----------------------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("text", "person", "role", "org", "country"),
    [
        ("Huo Fupeng, deputy director of the Department of Industry at the National Development and Reform Commission, said so.",
         "Huo Fupeng", "deputy director", "Department of Industry at the National Development and Reform Commission", "CHN"),
        ("Chinese President Xi Jinping met the leaders.", "Xi Jinping", "President", None, "CHN"),
        ("\"We are ready,\" said Alikhan Smailov, First Deputy Prime Minister of Kazakhstan.", "Alikhan Smailov",
         "First Deputy Prime Minister", None, "KAZ"),
        ("Tajikistan’s ambassador to China Saidzoda Zohir pointed out the growth.", "Saidzoda Zohir", "ambassador to China", None, "TJK"),
        ("The Shanghai Cooperation Organization (SCO) met. Secretary-General of the SCO Vladimir Norov said it helps.",
         "Vladimir Norov", "Secretary-General", "Shanghai Cooperation Organization", None),
        ("Kazakh Foreign Minister Murat Nurtleu met the envoy.", "Murat Nurtleu", "Foreign Minister", None, "KAZ"),
        ("Wang Wentao, China's Minister of Commerce, said the two sides will expand trade.", "Wang Wentao",
         "Minister of Commerce", None, "CHN"),
        ("According to Laziz Kudratov, Minister of Investment, Industry and Trade of Uzbekistan, exports grew.",
         "Laziz Kudratov", "Minister of Investment, Industry and Trade", None, "UZB"),
        ("On Tuesday President Tokayev met the delegation.", "Tokayev", "President", None, "KAZ"),  # people gazetteer: same office
        ("In Astana Foreign Minister Murat Nurtleu said so.", "Murat Nurtleu", "Foreign Minister", None, None),
        ("Sinopec Chairman Ma Yongsheng visited Almaty.", "Ma Yongsheng", "Chairman", "Sinopec", "CHN"),
        ("Du Zhenli, director of the Overseas Economic Cooperation Department at China International Engineering Consulting Corp, who said so.",
         "Du Zhenli", "director", "Overseas Economic Cooperation Department at China International Engineering Consulting Corp", "CHN"),
    ],
)
def test_roles(text, person, role, org, country):
    (f,) = facts(text, spans(text, ("PERSON", person)), ftype="role")
    assert f == {"person": person, "role": role, "organization": org, "country": country}


def test_role_once_per_person_and_short_names():
    text = "Chinese President Xi Jinping spoke. President Xi held talks. Mr. Li said trade grew."
    ents = spans(text, ("PERSON", "Xi Jinping"), ("PERSON", "Xi"), ("PERSON", "Li"))
    got = facts(text, ents, ftype="role")
    assert [f["person"] for f in got] == ["Xi Jinping"]


# ----------------------------------------------------------------------------- document level


def test_chrome_zones_give_no_facts_and_figures_are_given_once():
    body = "China's trade with Kazakhstan reached $31.5 billion in 2023. Trade between China and Kazakhstan hit $31.5 billion in 2023."
    teaser = "\nTop News\nChina's exports to Russia rose 5% to $100 billion in 2023."
    text = body + teaser
    got = facts(text, zones=[Zone(len(body), len(text), "teaser")], ftype="trade")
    assert len(got) == 1 and got[0]["value"] == 31.5e9
    assert len(facts(text, ftype="trade")) == 2


def test_no_entities_no_digits_and_empty_text():
    assert extract_facts("", [], None, []) == []
    assert facts("China and Kazakhstan agreed to deepen cooperation in trade and investment.") == []


def test_entity_money_spans_are_used():
    text = "Bilateral trade between China and Turkmenistan hit US$ 11.2 bn in 2022."
    ents = spans(text, ("COUNTRY", "China"), ("COUNTRY", "Turkmenistan"), ("MONEY", "US$ 11.2 bn"), ("DATE", "2022"))
    (f,) = facts(text, ents)
    assert (f["reporter"], f["partner"], f["value"], f["period"]) == ("CHN", "TKM", 11.2e9, "2022")


# ----------------------------------------------------------------------------- harder phrasing


def test_dateline_capitalised_cue_and_names_with_trade():
    text = ("ASTANA, April 12 (Kazinform) – Trade turnover between Kazakhstan and China reached $31.5 billion in 2023. "
            "According to Laziz Kudratov, Minister of Investment, Industry and Trade of Uzbekistan, the projects are worth $5 billion.")
    got = facts(text, ftype="trade")
    assert [f["value"] for f in got] == [31.5e9]


def test_conjoined_destinations_and_currency_home():
    text = "Prime Minister Kokhir Rasulzoda said electricity exports to Afghanistan and Uzbekistan brought in 1.1 billion somonis in 2023."
    (f,) = facts(text, ftype="trade")
    assert (f["reporter"], f["partner"], f["flow"], f["currency"]) == ("TJK", "AFG", "export", "TJS")


def test_org_of_a_country_invests():
    text = "CNPC has invested about $3.7 billion in Uzbekistan over the past decade."
    (f,) = facts(text, spans(text, ("ORG", "CNPC")), ftype="investment")
    assert (f["investor"], f["recipient"], f["kind"], f["qualifier"]) == ("CHN", "UZB", "flow", "about")


def test_the_region_after_a_chinese_province_is_not_central_asia():
    text = ("The Xinjiang Uygur Autonomous Region Department of Commerce said foreign trade of the region hit a record "
            "357.3 billion yuan in 2023, up 45.9 percent year on year.")
    (f,) = facts(text, ftype="trade")
    assert f["reporter"] != "CA5" and f["partner"] != "CA5" and f["change_pct"] == 45.9
    text = "Central Asia is a priority. China's trade with the region grew to $89.4 billion in 2023."
    (f,) = facts(text, ftype="trade")
    assert (f["reporter"], f["partner"]) == ("CHN", "CA5")


def test_number_of_and_durations_are_no_periods():
    (f,) = facts("The number of companies with Chinese capital in Uzbekistan exceeded 2,500 as of 2024.")
    assert f["metric"].startswith("number of companies with chinese capital")
    assert (f["value"], f["qualifier"], f["unit"]) == (2500, "over", "companies")
    (f,) = facts("Contracts worth 373.2 billion yuan (about US$51.6 billion) were signed during the four-day expo.")
    assert (f["kind"], f["currency"], f["value_usd"], f["period"], f["period_text"]) == ("pledge", "CNY", 51.6e9, None, None)


def test_chinese_loans_and_title_chains():
    (f,) = facts("Chinese loans for the Galkynysh project are estimated at $4 billion to $5 billion.", ftype="investment")
    assert (f["investor"], f["value"]) == ("CHN", 4e9)
    text = "Kazakh Deputy Prime Minister and Minister of Trade and Integration Serik Zhumangarin said on Thursday."
    (f,) = facts(text, spans(text, ("PERSON", "Serik Zhumangarin")), ftype="role")
    assert f == {"person": "Serik Zhumangarin", "role": "Deputy Prime Minister and Minister of Trade and Integration",
                 "organization": None, "country": "KAZ"}


def test_money_indicators_and_ranges_that_are_changes():
    (f,) = facts("Kazakhstan's GDP grew 5.1 percent in 2023 to 119 trillion tenge.")
    assert (f["subject"], f["metric"], f["value"], f["unit"], f["period"], f["change_pct"]) == (
        "KAZ", "GDP", 119e12, "KZT", "2023", 5.1)
    (f,) = facts("The joint venture has an authorized capital of $50 million.")
    assert (f["metric"], f["unit"]) == ("authorized capital", "USD")
    (f,) = facts("Kazakhstan's exports to China rose from 5 to 6 billion dollars in 2023.")
    assert f["value"] == 6e9
    (f,) = facts("China's exports to Kazakhstan reached $24.7 billion (about 173 billion yuan) in 2023.")
    assert f["value"] == 24.7e9 and f["currency"] == "USD"


def test_short_name_first_then_full_name_is_one_person():
    text = "President Xi held talks on Monday. Later, Chinese President Xi Jinping said trade grew."
    ents = spans(text, ("PERSON", "Xi"), ("PERSON", "Xi Jinping"))
    got = facts(text, ents, ftype="role")
    assert got == [{"person": "Xi Jinping", "role": "President", "organization": None, "country": "CHN"}]


def test_reporting_dates_committees_default_metrics_and_receiving_parts():
    (f,) = facts("Over 1,000 Chinese trucks cross the Torugart checkpoint each day, Daryo reported on 2 March 2024.")
    assert f["period"] is None and f["unit"] == "trucks"
    text = ("In 2022, Chinese direct investments in Kyrgyzstan amounted to $243.3 million, or 35.5% of total FDI inflows, "
            "according to the National Statistical Committee.")
    (f,) = facts(text, ftype="investment")
    assert (f["investor"], f["recipient"], f["kind"], f["period"]) == ("CHN", "KGZ", "flow", "2022")
    (f,) = facts("The China-Kyrgyzstan-Uzbekistan railway will be 454 km long.")
    assert (f["metric"], f["unit"], f["value"]) == ("length of the china-kyrgyzstan-uzbekistan railway", "kilometers", 454)
    got = facts("Chinese investment in Central Asia totaled $40 billion in 2005-2023, with Kazakhstan receiving $21.4 billion.")
    assert [(f["recipient"], f["value"], f["period"]) for f in got] == [("CA5", 40e9, "2005/2023"), ("KAZ", 21.4e9, "2005/2023")]
    assert resolve_period("2 March 2024") == "2024-03"


def test_fold_growth_since_years_ago_gives_a_span():
    text = "In 2022, China-Central Asia trade volume hit $70.2 billion, an over 100-fold increase since diplomatic ties were established 31 years ago."
    (f,) = facts(text, published="2023-05-19", ftype="indicator")
    assert (f["value"], f["unit"], f["period"], f["qualifier"]) == (100, "fold", "1992/2022", "over")
    (f,) = facts("Trade has grown 25 times since 1992, reaching $31 billion in 2023.", ftype="indicator")
    assert (f["unit"], f["period"]) == ("fold", "1992/2023")


def test_trade_as_a_modifier_is_no_trade_figure():
    assert facts("The trade center, worth $50 million, opened in Almaty.", ftype="trade") == []
    assert facts("The export credit agency provided $100 million to Uzbekistan.", ftype="trade") == []
    assert len(facts("China's trade with Kazakhstan reached $31 billion in 2023.", ftype="trade")) == 1
