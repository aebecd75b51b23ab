"""Entity span families from the guidelines, each on new sentences written for these tests."""

from __future__ import annotations

from desktop.core.extract.pipeline import extract_entities


def ents(text: str) -> list[tuple[str, str]]:
    return [(s.label, s.text) for s in extract_entities(text)]


# --------------------------------------------------------------------------- ORG with a place inside


def test_official_name_with_country_is_one_org():
    got = ents("A delegation of the Ministry of Agriculture of Tajikistan visited Urumqi on Monday.")
    assert ("ORG", "Ministry of Agriculture of Tajikistan") in got
    assert ("COUNTRY", "Tajikistan") not in got


def test_agency_under_the_president_is_one_org():
    got = ents(
        "Figures from the Committee on Tourism under the President of the Republic of Tajikistan show growth."
    )
    assert ("ORG", "Committee on Tourism under the President of the Republic of Tajikistan") in got


def test_listed_org_with_country_qualifier():
    got = ents("Deputies of the Mejlis of Turkmenistan approved the budget.")
    assert ("ORG", "Mejlis of Turkmenistan") in got


def test_embassy_in_a_country_is_one_org():
    got = ents("The Embassy of Kyrgyzstan in China hosted a business evening in Beijing.")
    assert ("ORG", "Embassy of Kyrgyzstan in China") in got


def test_possessive_country_is_not_inside_the_org():
    got = ents("Uzbekistan's Ministry of Finance published the debt report.")
    assert ("COUNTRY", "Uzbekistan") in got and ("ORG", "Ministry of Finance") in got


# --------------------------------------------------------------------------- company suffixes


def test_company_suffix_with_dots_and_commas():
    got = ents("The contract went to Sichuan Road and Bridge Group Co., Ltd. The works start soon.")
    assert ("ORG", "Sichuan Road and Bridge Group Co., Ltd.") in got


def test_company_suffix_jsc_and_llc():
    got = ents(
        "Investors bought Kazakhstan Engineering Corporation JSC stock, and Tashkent Metro Construction Company LLC hired staff."
    )
    assert ("ORG", "Kazakhstan Engineering Corporation JSC") in got
    assert ("ORG", "Tashkent Metro Construction Company LLC") in got


# --------------------------------------------------------------------------- events and dates


def test_edition_ordinal_stays_in_event_name():
    got = ents("Ministers prepared the fourth Belt and Road Forum for International Cooperation in Beijing.")
    assert ("EVENT", "fourth Belt and Road Forum for International Cooperation") in got
    got = ents("Third China-Central Asia Summit Set for 2027\nOfficials confirmed the date.")
    assert ("EVENT", "Third China-Central Asia Summit") in got
    assert ("EVENT", "12th China-Eurasia Expo") in ents("Firms from Osh came to the 12th China-Eurasia Expo.")


def test_date_ranges_are_one_span():
    got = ents(
        "The programme runs from 2026 to 2030, after output doubled in 2019-2021 and between 2015 and 2017."
    )
    assert (
        ("DATE", "2026 to 2030") in got and ("DATE", "2019-2021") in got and ("DATE", "2015 and 2017") in got
    )
    got = ents("The fair is open October 14-18, and figures cover February-October 2025.")
    assert ("DATE", "October 14-18") in got and ("DATE", "February-October 2025") in got


def test_date_end_of_month_capitalised_relative_and_wire_dateline():
    got = ents(
        "ALMATY, 14 MAR 2025 (Kazinform). By the end of September 2024 reserves grew. Last week the bank cut rates."
    )
    assert ("DATE", "14 MAR 2025") in got
    assert ("DATE", "end of September 2024") in got
    assert ("DATE", "Last week") in got


# --------------------------------------------------------------------------- persons after long titles


def test_person_after_title_with_complement():
    got = ents("Minister of Economic Development and Trade Farrukh Hamralizoda opened the fair.")
    assert ("PERSON", "Farrukh Hamralizoda") in got
    assert not any(label == "PERSON" and "Development" in t for label, t in got)


def test_person_after_title_with_org_complement():
    got = ents("Head of the Investment Promotion Agency Aziz Karimov briefed the press.")
    assert ("PERSON", "Aziz Karimov") in got


# --------------------------------------------------------------------------- initiatives and facilities


def test_facility_named_after_one_place():
    got = ents(
        "Containers move through the Altynkol dry port, and the Kambarata-1 hydropower plant is planned."
    )
    assert ("INITIATIVE", "Altynkol dry port") in got
    assert ("INITIATIVE", "Kambarata-1 hydropower plant") in got
    got = ents("Investors toured the Samarkand free economic zone and the Osh-Irkeshtam border road.")
    assert ("INITIATIVE", "Samarkand free economic zone") in got
    assert ("INITIATIVE", "Osh-Irkeshtam border road") in got


def test_country_with_facility_word_is_no_name():
    got = ents("Analysts expect a new Kazakhstan power plant tender.")
    assert not any(label == "INITIATIVE" for label, _t in got)


def test_capitalised_name_before_lower_case_project():
    got = ents("Operators expanded the Smart Bishkek project and the Digital Tajikistan programme this year.")
    assert ("INITIATIVE", "Smart Bishkek") in got and ("INITIATIVE", "Digital Tajikistan") in got
    assert not any(label == "INITIATIVE" for label, _t in ents("Officials praised the Chinese project."))


def test_enterprise_plant_is_an_org_and_joint_venture_name():
    got = ents(
        "Output rose at the Pavlodar Aluminium Plant, and the Altynken gold mining joint venture hired staff."
    )
    assert ("ORG", "Pavlodar Aluminium Plant") in got
    assert ("ORG", "Altynken") in got


def test_ordinal_inside_company_name():
    got = ents("Plans were drafted by China Railway Fourth Survey and Design Institute Group for the line.")
    assert ("ORG", "China Railway Fourth Survey and Design Institute Group") in got


# --------------------------------------------------------------------------- places


def test_rivers_crossings_and_regions():
    got = ents(
        "Water from the Syr Darya reaches the Turkistan Region, while trucks cross at Kulma and Altynkol."
    )
    assert ("LOCATION", "Syr Darya") in got and ("LOCATION", "Turkistan Region") in got
    assert ("LOCATION", "Kulma") in got and ("LOCATION", "Altynkol") in got


def test_hyphenated_crossing_modifier_names_each_place():
    got = ents("Freight volumes at the Khorgos-Altynkol crossing and the Dostyk-Alashankou checkpoint rose.")
    assert ("LOCATION", "Dostyk") in got and ("LOCATION", "Alashankou") in got
    assert ("LOCATION", "Khorgos") in got and ("LOCATION", "Altynkol") in got


def test_route_number_and_plant_abbreviations():
    got = ents(
        "Funds go to the CAREC Corridor 3, the Sarez Industrial Zone 4,500 jobs aside, and the Kambarata-1 HPP."
    )
    assert ("INITIATIVE", "CAREC Corridor 3") in got
    assert ("INITIATIVE", "Kambarata-1 HPP") in got
    assert not any(t.endswith(" 4") for _l, t in got)


def test_person_after_diplomatic_title_with_places():
    got = ents(
        "Consul General of Uzbekistan in Urumqi Bakhtiyor Saidov and Ambassador of Turkmenistan to China Parahat Durdyyev spoke."
    )
    assert ("PERSON", "Bakhtiyor Saidov") in got and ("PERSON", "Parahat Durdyyev") in got
    got = ents("Ambassador Extraordinary and Plenipotentiary of Tajikistan to China Zohir Saidzoda attended.")
    assert ("PERSON", "Zohir Saidzoda") in got
    assert not any(label == "PERSON" and t == "Extraordinary" for label, t in got)


def test_state_concern_and_heat_and_power_plant():
    got = ents(
        "Turkmennebit State Concern and the Bishkek combined heat and power plant signed a supply deal."
    )
    assert ("ORG", "Turkmennebit State Concern") in got
    assert ("INITIATIVE", "Bishkek combined heat and power plant") in got
    assert ("LOCATION", "Zhambyl") in ents("A wind farm will be built in the Zhambyl region by 2027.")


def test_numbered_head_first_meeting_is_an_event():
    got = ents("Diplomats prepared the Fifth Meeting of China-Central Asia Foreign Ministers in Almaty.")
    assert ("EVENT", "Fifth Meeting of China-Central Asia Foreign Ministers") in got
    assert not any(
        label == "EVENT" for label, _t in ents("The Meeting of the Cabinet of Ministers approved it.")
    )


def test_headline_capitals_do_not_extend_a_listed_org():
    got = ents(
        "Uzbekistan's Statistics Agency Reports Record Trade With China\nTASHKENT, May 2 (Daryo) - Trade grew."
    )
    assert ("ORG", "Statistics Agency") in got


def test_person_after_director_general_and_general_director():
    got = ents(
        "Director General of the Asian Development Bank Bo Wang and General Director of Uztransgaz Akmal Rakhimov signed."
    )
    assert ("PERSON", "Akmal Rakhimov") in got
    assert ("ORG", "Asian Development Bank") in got and ("ORG", "Uztransgaz") in got


def test_acronym_inside_a_route_name():
    got = ents(
        "Crews started the Kazakhstan-Turkmenistan-Iran (KTI) railway upgrade; the KTI line carries grain."
    )
    assert ("INITIATIVE", "Kazakhstan-Turkmenistan-Iran (KTI) railway") in got
    assert [lab for lab, t in got if t == "KTI"] == ["INITIATIVE"]


def test_generic_capitalised_word_before_programme_is_no_name():
    got = ents("Officials discussed the Government programme and the State project with the World Bank.")
    assert not any(label == "INITIATIVE" for label, _t in got)


def test_company_of_country_is_company_and_country():
    got = ents("Sinopec of China and Uzbekneftegaz of Uzbekistan signed a gas deal.")
    assert ("ORG", "Sinopec") in got and ("COUNTRY", "China") in got
    assert ("ORG", "Uzbekneftegaz") in got and ("COUNTRY", "Uzbekistan") in got


# --------------------------------------------------------------------------- dates: parts of periods


def test_early_late_month_is_one_date():
    got = ents("The new freight terminal should open in late March, after tests in early February.")
    assert ("DATE", "late March") in got and ("DATE", "early February") in got


def test_first_days_of_a_month_is_one_date():
    got = ents("In the first ten days of March, 41 trains crossed the border; the first day of the fair was busy.")
    assert ("DATE", "first ten days of March") in got
    assert ("DATE", "first day") in got


def test_month_range_of_this_year_is_one_date():
    got = ents("Exports in February–August of last year fell by 3%.")
    assert ("DATE", "February–August of last year") in got


def test_bare_same_period_and_a_particular_season():
    got = ents("Coal shipments doubled over the same period and slowed during the winter.")
    assert ("DATE", "same period") in got and ("DATE", "winter") in got


def test_habitual_season_and_winter_wheat_are_no_dates():
    got = ents("The plant heats homes in winter and farmers sow winter wheat.")
    assert not any(label == "DATE" for label, _t in got)


def test_historic_year_after_a_preposition():
    got = ents("The caravanserai, built in 1742, was restored; the ferry carried 1742 passengers.")
    assert [t for label, t in got if label == "DATE"] == ["1742"]


# --------------------------------------------------------------------------- names of the field


def test_consultancies_postal_and_logistics_companies():
    got = ents("Rystad Energy and Chatham House analysts cited data from Uzbekistan Post and SF Express.")
    for name in ("Rystad Energy", "Chatham House", "Uzbekistan Post", "SF Express"):
        assert ("ORG", name) in got


def test_listed_pipeline_keeps_its_head_noun():
    got = ents("Gas flows through the Power of Siberia pipeline reached a record.")
    assert ("INITIATIVE", "Power of Siberia pipeline") in got


def test_possessive_country_after_of_is_not_inside_a_committee():
    got = ents("The Water Resources Committee of Uzbekistan's Ministry of Agriculture approved the canal.")
    assert ("ORG", "Water Resources Committee") in got and ("COUNTRY", "Uzbekistan") in got


def test_cross_border_cooperation_centre_is_an_initiative():
    got = ents("Traders met at the Kyrgyzstan-China Irkeshtam Boundary Cooperation Centre on Friday.")
    assert ("INITIATIVE", "Kyrgyzstan-China Irkeshtam Boundary Cooperation Centre") in got


def test_korean_hyphenated_given_name_after_a_title():
    got = ents("Lotte Group Chairman Choi Seong-min visited Tashkent; the Chinese-made cranes arrived.")
    assert ("PERSON", "Choi Seong-min") in got
