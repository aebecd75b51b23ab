"""Page-chrome zones: marked on the seeds and on texts written for the purpose, never on facts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.ingest import detect_zones, read_document

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")


def seed(stem: str) -> str:
    return next(SEEDS.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")


def marked(text: str) -> list[tuple[str, str]]:
    return [(z.kind, text[z.start : z.end]) for z in detect_zones(text)]


def covered(text: str, needle: str) -> set[str]:
    """Kinds of the zones overlapping the first occurrence of ``needle``."""
    start = text.find(needle)
    assert start >= 0, needle
    end = start + len(needle)
    return {z.kind for z in detect_zones(text) if z.start < end and start < z.end}


# --------------------------------------------------------------------------- seeds


@needs_seeds
def test_seed_000_comment_widget():
    text = seed("000")
    assert marked(text) == [("share", "First, please LoginComment After ~")]


@needs_seeds
def test_seed_001_breadcrumb():
    text = seed("001")
    assert marked(text) == [("navigation", "Home > Press Conference Homepage>Bi- and Multilateral Relations")]


@needs_seeds
def test_seed_002_media_contact_source_share():
    text = seed("002")
    got = marked(text)
    assert [k for k, _ in got] == ["contact", "byline", "share"]
    assert got[0][1].startswith("Media Contact:\nLiu Gehua,") and got[0][1].endswith("www.Huanqiu.com")
    assert got[1][1] == "Source: Global Times Online"
    assert got[2][1] == "Share."


@needs_seeds
def test_seed_003_navigation_byline_photo_editor_teasers():
    text = seed("003")
    got = marked(text)
    assert [k for k, _ in got] == ["navigation", "byline", "photo", "byline", "editor", "teaser"]
    assert got[0][1].startswith("position: EnglishChannel")
    assert got[1][1].startswith("Source: Science and Technology Daily | 2023-05-18 10:42:14")
    assert got[2][1] == "(PHOTO:\u2002XINHUA)"
    assert got[3][1] == "By\u2002WANG\u2002Xiaoxia"
    assert got[4][1] == "Editor: 王晓夏"
    assert got[5][1].startswith("Top News\n\nRevived China-Japan-ROK Summit")
    assert text[: detect_zones(text)[-1].end].rstrip() == text.rstrip()  # the teasers run to the end
    # the headline, which contains "Share", is not a share widget
    assert covered(text, "China, Central Asian Countries Share High-quality Development") == set()


@needs_seeds
def test_seed_004_foreign_tail():
    text = seed("004")
    got = marked(text)
    assert [k for k, _ in got] == ["foreign"]
    assert got[0][1].startswith("【息息相關】REITs")
    assert text.rstrip().endswith(got[0][1][-20:])
    # the section headings of the article are not menus
    for heading in ("Mutual trust, solidarity", "Mutual respect, support", "Mutual benefit, cooperation"):
        assert covered(text, heading) == set()


@needs_seeds
@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_seed_fact_evidence_is_never_in_a_zone(stem):
    path = next(SEEDS.glob(f"{stem}_*.txt"))
    text = path.read_text(encoding="utf-8")
    gold = json.loads((SEEDS / "gold" / (path.stem + ".json")).read_text(encoding="utf-8"))
    for fact in gold["facts"]:
        assert covered(text, fact["evidence"]) == set(), fact["evidence"]


@needs_seeds
def test_seed_titles_outlets_languages():
    docs = {p.name[:3]: read_document(p) for p in sorted(SEEDS.glob("*.txt"))}
    assert docs["000"].title == "China and 5 Central Asian nations to deepen trade ties"
    assert docs["001"].title.startswith("The first China-Central Asia Summit was held")
    assert docs["003"].title == "China, Central Asian Countries Share High-quality Development"
    assert docs["004"].title.startswith("CGTN: How to open up a new era")
    assert docs["002"].outlet == "Global Times"
    assert docs["003"].outlet == "Science and Technology Daily"
    assert docs["004"].outlet == "CGTN"
    assert docs["000"].outlet is None
    assert {d.language for d in docs.values()} == {"en"}


# --------------------------------------------------------------------------- own texts

ARTICLE = (
    "Kazakhstan and China sign 47 deals\n"
    "\n"
    "ASTANA, May 19 (Xinhua) -- Kazakhstan and China signed 47 agreements worth $22 billion on Friday.\n"
    "\n"
    "Trade between the two countries reached $31 billion in 2022, up 34 percent, customs data showed.\n"
)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Home | News | Politics | Economy | Login", "navigation"),
        ("Home > News > Economy", "navigation"),
        ("Sign up   Log in", "navigation"),
        ("Subscribe to our newsletter", "navigation"),
        ("World Business Economy Sports Culture", "navigation"),
        ("© 2023 Kazinform. All rights reserved.", "navigation"),
        ("Share", "share"),
        ("Share this article", "share"),
        ("Facebook Twitter LinkedIn WhatsApp Telegram", "share"),
        ("Comments (0)", "share"),
        ("Please log in to comment", "share"),
        ("Editor: Liu Xin", "editor"),
        ("(Editor: Zhang Zhouxiang)", "editor"),
        ("Source: Xinhua | Editor: Wang Yi", "editor"),
        ("Responsible editor: Li Yan", "editor"),
        ("By Assel Satubaldina", "byline"),
        ("Author: Kamila Aliyeva", "byline"),
        ("Source: Kun.uz", "byline"),
        ("SOURCE CGTN", "byline"),
        ("Photo: Xinhua", "photo"),
        ("(Photo by Li Ziheng)", "photo"),
        ("Tel: +86 10 6307 1234", "contact"),
        ("E-mail: press@mfa.kz", "contact"),
        ("+7 (7172) 72-00-00", "contact"),
        ("www.example.kz", "contact"),
        ("Read more: China, Uzbekistan agree on railway", "teaser"),
        (
            "Sources: General Administration of Customs of China (2023 trade); Ministry of Foreign Affairs of China.",
            "byline",
        ),
    ],
)
def test_chrome_lines(line, kind):
    text = ARTICLE + "\n" + line + "\n"
    got = marked(text)
    assert (kind, line) in got, got
    # the article itself is untouched
    assert covered(text, "Kazakhstan and China signed 47 agreements") == set()
    assert covered(text, "Trade between the two countries reached $31 billion") == set()


def test_cyrillic_menu_on_top():
    text = "Главная | Новости | Войти\n\n" + ARTICLE
    assert marked(text) == [("navigation", "Главная | Новости | Войти")]


def test_editor_parenthesis_after_a_sentence_marks_only_the_parenthesis():
    text = "Trade grew 20 percent in 2022, the ministry said. (Editor: Li Yan)\n"
    assert marked(text) == [("editor", "(Editor: Li Yan)")]


def test_caption_with_agency_credit():
    text = ARTICLE + "\nPresidents meet in Xi'an, May 18, 2023. (Xinhua/Li Xueren)\n"
    assert ("photo", "(Xinhua/Li Xueren)") in marked(text)


def test_teaser_block_at_the_end_runs_over_headlines_and_summaries():
    tail = (
        "Related News\n\n"
        "Uzbekistan, China to build new railway\n\n"
        "The two countries agreed on the route of the China-Kyrgyzstan-Uzbekistan railway, officials said.\n\n"
        "Kyrgyzstan boosts exports\n"
    )
    text = ARTICLE + "\n" + tail
    got = marked(text)
    assert got == [("teaser", tail.rstrip())]


def test_teaser_block_in_the_head_stops_at_the_article():
    head = "Most Read\nChina opens new border crossing\nKazakh tenge weakens\n\n"
    body = (
        "Kazakhstan and China signed 47 agreements worth $22 billion on Friday, "
        "the presidential press service said in a statement published on its website after the talks in Xi'an, "
        "where the two leaders also discussed energy, transport and agriculture.\n"
    )
    text = head + body
    got = marked(text)
    assert got == [("teaser", head.rstrip())]
    assert covered(text, "Kazakhstan and China signed 47 agreements") == set()


def test_media_contact_block():
    block = "Media contact:\nAigerim Bekova\nTel: +7 727 123 45 67\nEmail: a.bekova@example.kz"
    text = ARTICLE + "\n" + block + "\n"
    assert marked(text) == [("contact", block)]


def test_cyrillic_tail_after_english_article():
    tail = "Читайте также\nКазахстан и Китай подписали соглашения на 22 млрд долларов.\nТоварооборот вырос на 34%."
    text = ARTICLE + "\n\n" + tail + "\n"
    got = marked(text)
    assert got == [("foreign", tail)]


def test_english_tail_after_russian_article_is_foreign():
    body = (
        "Казахстан и Китай подписали 47 соглашений на сумму 22 млрд долларов.\n\nТоварооборот вырос на 34%.\n"
    )
    tail = "Kazakhstan and China sign deals\nRead the English version"
    got = marked(body + "\n" + tail + "\n")
    assert got == [("foreign", tail)]


def test_plain_article_has_no_zones():
    text = (
        "China, Central Asia trade hits record\n\n"
        "China's trade with the five Central Asian countries rose to $70.2 billion in 2022.\n\n"
        "Home appliances and machinery led exports, while imports were mostly natural gas and metals.\n\n"
        "Share prices of logistics firms rose after the announcement.\n\n"
        "Contact between the two sides will continue, officials said.\n"
    )
    assert detect_zones(text) == []


def test_zones_on_empty_and_blank_text():
    assert detect_zones("") == []
    assert detect_zones("\n\n  \n") == []


def test_share_widget_inside_a_foreign_tail_keeps_its_kind():
    tail = "Казахстан и Китай подписали соглашения на 22 млрд долларов."
    text = ARTICLE + "\n" + tail + "\nShare\nТоварооборот вырос на 34 процента.\n"
    got = marked(text)
    assert got == [("foreign", tail), ("share", "Share"), ("foreign", "Товарооборот вырос на 34 процента.")]


def test_share_line_after_russian_article_is_not_foreign():
    body = (
        "Казахстан и Китай подписали 47 соглашений на сумму 22 млрд долларов.\n\nТоварооборот вырос на 34%.\n"
    )
    assert marked(body + "\nFacebook Twitter Telegram\n") == [("share", "Facebook Twitter Telegram")]


@pytest.mark.parametrize(
    "line",
    [
        "China and Central Asia",
        "By 2030, trade to double",
        "Sources close to the ministry",
        "M. Tokayev attends forum",
        "E. Rahmon meets Chinese envoy",
        "Home appliances lead exports",
        "Latest figures show growth",
        "Search for new markets continues",
        "Editorial independence matters to readers of the report",
        "Business and Economy in Central Asia grew",
        "2024-01-25 11:40:00",
        "- Nothing in the Editor:/Related: chrome yields a fact",
        "Photos of the summit were published widely",
    ],
)
def test_body_lines_that_look_like_chrome_are_not_marked(line):
    text = (
        ARTICLE
        + "\n"
        + line
        + "\n\nMore article text follows here with numbers: 12 percent growth in 2023.\n"
    )
    assert covered(text, line) == set(), marked(text)


def test_teaser_block_stops_at_other_chrome():
    text = ARTICLE + "\nRelated:\nTajikistan and Kyrgyzstan continue border talks\nEditor: Li Yan\n"
    assert marked(text) == [
        ("teaser", "Related:\nTajikistan and Kyrgyzstan continue border talks"),
        ("editor", "Editor: Li Yan"),
    ]


def test_long_foreign_tail_does_not_outvote_the_article():
    tail = "\n".join(["中国与中亚五国贸易额增长百分之四十，达到七百零二亿美元。"] * 100)
    text = ARTICLE + "\n" + tail + "\n"
    assert marked(text) == [("foreign", tail)]
