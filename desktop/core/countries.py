"""Country and group codes: the one place that knows them.

The table lives in ``data/gazetteers/countries.csv`` (code, name, aliases, demonyms, source);
aliases and demonyms are ``|``-separated. Groups (``CA5``, ``WORLD``) are defined here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from desktop.core.paths import data_path

#: The five Central Asian states, the group the guidelines call "CA5".
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
GROUPS: dict[str, str] = {"CA5": "Central Asia (five states)", "WORLD": "World (total)"}


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


@cache
def countries() -> dict[str, Country]:
    """All countries by ISO 3166-1 alpha-3 code."""
    out: dict[str, Country] = {}
    with data_path("gazetteers", "countries.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            split = lambda s: tuple(x.strip() for x in (s or "").split("|") if x.strip())  # noqa: E731
            out[row["code"]] = Country(row["code"], row["name"], split(row["aliases"]), split(row["demonyms"]))
    return out


def is_party_code(code: str) -> bool:
    """True for an ISO alpha-3 country code or a group code (CA5, WORLD)."""
    return code in GROUPS or code in countries()


def party_codes() -> list[str]:
    """Every accepted party code, groups and the five Central Asian states first."""
    rest = sorted(c for c in countries() if c not in CENTRAL_ASIA and c != "CHN")
    return ["CHN", *CENTRAL_ASIA, *GROUPS, *rest]


def party_name(code: str) -> str:
    if code in GROUPS:
        return GROUPS[code]
    c = countries().get(code)
    return c.name if c else code


@cache
def _names() -> dict[str, str]:
    table: dict[str, str] = {}
    for code, c in countries().items():
        for name in (c.name, *c.aliases, code):
            table.setdefault(name.lower(), code)
    for code, name in GROUPS.items():
        table.setdefault(code.lower(), code)
        table.setdefault(name.lower(), code)
    for alias in ("central asia", "central asian countries", "five central asian countries",
                  "five central asian states", "central asian states", "c5", "c+c5"):
        table.setdefault(alias, "CA5")
    return table


def code_for_name(name: str) -> str | None:
    """A country name, alias or code as an analyst types it → its party code, else None.

    ``"Kazakhstan"`` → ``"KAZ"``, ``"the PRC"`` → ``"CHN"``, ``"Central Asia"`` → ``"CA5"``.
    """
    key = " ".join(name.strip().split()).lower()
    key = key.removeprefix("the ")
    return _names().get(key)
