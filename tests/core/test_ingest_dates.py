"""Publication dates: stamps and datelines count, dates inside article sentences do not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.ingest import detect_published, read_document

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")


@needs_seeds
@pytest.mark.parametrize(
    ("stem", "expected"),
    [("000", None), ("001", "2023-05-25"), ("002", None), ("003", "2023-05-18"), ("004", "2023-05-19")],
)
def test_seed_publication_dates(stem, expected):
    path = next(SEEDS.glob(f"{stem}_*.txt"))
    gold = json.loads((SEEDS / "gold" / (path.stem + ".json")).read_text(encoding="utf-8"))
    assert gold["published"] == expected
    assert read_document(path).published == expected


BODY = "\n\nChina and Kazakhstan agreed to expand trade, officials said on Thursday.\n"

POSITIVE = [
    # PR Newswire / agency datelines with a year
    ("BEIJING, May 19, 2023 /PRNewswire/ -- CGTN reports." + BODY, "2023-05-19"),
    ("ALMATY, Kazakhstan, Nov. 2, 2022 /PRNewswire/ -- A company said." + BODY, "2022-11-02"),
    ("URUMQI, China, Sept 14, 2023 /PRNewswire-Asia/ -- The expo opened." + BODY, "2023-09-14"),
    ("DUSHANBE, March 5, 2024, Asia-Plus -- Trade grew." + BODY, "2024-03-05"),
    ("BAKU, Azerbaijan, March 14, 2024 (Trend) -- Turkmenistan said." + BODY, "2024-03-14"),
    ("TASHKENT (Daryo) -- Title line\n2024-01-25 11:40:00" + BODY, "2024-01-25"),
    # stamp lines of Chinese outlets
    ("Title here\nSource: Xinhua | 2023-05-18 10:42:14 | Editor: Li Yan" + BODY, "2023-05-18"),
    ("Title\nUpdated: 2023-05-18 09:15" + BODY, "2023-05-18"),
    ("Title\nBy Zhang Wei | chinadaily.com.cn | Updated: 2023-06-07 14:52" + BODY, "2023-06-07"),
    ("Q&A on trade with Central Asia?(2023-05-25)" + BODY, "2023-05-25"),
    ("Title\n2023/05/18" + BODY, "2023-05-18"),
    ("Title\n2023年5月18日 10:30 来源：新华网" + BODY, "2023-05-18"),
    # Central Asian outlets
    ("Title\nPublished: 19 May 2023" + BODY, "2023-05-19"),
    ("Title\n18.05.2023, 14:20" + BODY, "2023-05-18"),
    ("Title\nNov 2,2016" + BODY, "2016-11-02"),
    ("Title\nFriday, May 19, 2023" + BODY, "2023-05-19"),
    ("Title\n19 May 2023, 11:05 | Kun.uz" + BODY, "2023-05-19"),
    ("Title\nPosted on: June 1, 2023" + BODY, "2023-06-01"),
    ("Title\nBy Assel Satubaldina, 12 October 2023" + BODY, "2023-10-12"),
    ("Title\nДата публикации: 18.05.2023" + BODY, "2023-05-18"),
    # a year-less agency dateline with the year from a stamp line
    ("Title\nPublished: 2023\nASTANA, May 18 (Xinhua) -- Kazakhstan said." + BODY, "2023-05-18"),
]

NEGATIVE = [
    # agency dateline without a year: no publication date
    "ASTANA, May 18 (Xinhua) -- Kazakhstan and China signed deals." + BODY,
    "TASHKENT, Oct 17 (Trend) -- Uzbekistan said." + BODY,
    # dates inside article sentences are event dates
    "The summit was held in Xi'an on May 18 and 19, 2023, the ministry said." + BODY,
    "On May 19, 2023, the two presidents signed a joint declaration in Xi'an, Shaanxi Province." + BODY,
    "Trade reached $70.2 billion in 2022, up 40 percent from 2021." + BODY,
    "The forum was concluded in Lanzhou on October 17, and a joint initiative was released." + BODY,
    # impossible or far-off dates
    "Title\n2023-02-30 10:00" + BODY,
    "Title\nPublished: 31 June 2023" + BODY,
    "Title\n1066-10-14 09:00" + BODY,
    # a date line far down the body is not a stamp of this article
    "Title\n" + ("Long paragraph about trade and investment. " * 40 + "\n\n") * 3 + "May 19, 2023\n",
    "",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_stamps_and_datelines(text, expected):
    assert detect_published(text) == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_publication_date(text):
    assert detect_published(text) is None


def test_labelled_stamp_in_the_tail():
    text = (
        "Title\n"
        + "A long article sentence about trade with numbers 2022. " * 100
        + "\n\nPublished: 19 May 2023\n"
    )
    assert detect_published(text) == "2023-05-19"


def test_published_stamp_beats_updated_stamp():
    text = "Title\nUpdated: 2023-05-20 10:00\nPublished: 2023-05-19 08:00" + BODY
    assert detect_published(text) == "2023-05-19"


def test_first_of_equal_stamps_wins():
    text = "Title\n2023-05-20 10:00\nSome words\n2023-05-19 08:00" + BODY
    assert detect_published(text) == "2023-05-20"


def test_linear_on_big_text():
    text = "May 19, 2023 " * 2_000_000
    assert detect_published(text) is None or isinstance(detect_published(text), str)
