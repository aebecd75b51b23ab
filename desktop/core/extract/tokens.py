"""Small text helpers shared by the extraction components (no state, no Qt).

* :func:`variants` spells a gazetteer surface with both apostrophes (' and ’) and with
  hyphen, en dash and em dash, so one CSV row matches every typographic form.
* :func:`trie_regex` compiles many literal strings into one regex shaped like a character
  trie. Python's ``re`` then scans a text once, at C speed, and the greedy optional groups
  make the longest entry win at a given start.
* :func:`foreign` tells whether a character is CJK or Cyrillic: such text is never annotated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

APOSTROPHES = ("'", "’")
DASHES = ("-", "–", "—")

#: Lower-case words that may sit inside a capitalised name ("Ministry of Commerce").
CONNECTORS = frozenset({"of", "and", "for", "on", "&", "+", "de", "the", "in", "at"})

#: Capitalised words that start sentences and never start a name.
STOP_CAPS = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "In",
        "On",
        "At",
        "During",
        "By",
        "For",
        "From",
        "With",
        "Its",
        "Their",
        "His",
        "Her",
        "Our",
        "Your",
        "My",
        "As",
        "After",
        "Before",
        "Since",
        "While",
        "When",
        "And",
        "But",
        "Under",
        "Over",
        "Both",
        "All",
        "Each",
        "Every",
        "Some",
        "Many",
        "Several",
        "Other",
        "Such",
        "It",
        "They",
        "We",
        "He",
        "She",
        "You",
        "I",
        "There",
        "Here",
        "If",
        "Meanwhile",
        "However",
        "Also",
        "Then",
        "Thus",
        "Moreover",
        "Furthermore",
        "According",
        "Among",
        "Amid",
        "Between",
        "Despite",
        "Through",
        "Via",
        "Within",
        "Without",
        "Following",
        "Besides",
        "Last",
        "Next",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Why",
        "What",
        "How",
        "Where",
        "Who",
        "Which",
        "Whose",
        "Only",
        "Not",
        "No",
        "Yes",
        "Please",
        "Source",
        "Photo",
        "Editor",
        "Home",
        "Top",
        "Share",
        "Related",
        "Read",
        "More",
        "Latest",
    ]
)

#: Sentence adverbs that are capitalised only because they start a sentence ("Later Huo said").
STOP_CAPS = STOP_CAPS | frozenset(
    """Later Earlier Today Yesterday Tomorrow Now Recently Previously Currently Finally Additionally Still
    Yet Instead Indeed Overall Separately Similarly Likewise Nevertheless Nonetheless Accordingly Therefore
    Hence Otherwise Again Once Soon Further First Second Third Fourth Fifth Ultimately Notably""".split()  # noqa: SIM905
)

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
]
ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
]

FOREIGN_RE = re.compile(
    r"[\u0400-\u04ff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]"
)


def foreign(ch: str) -> bool:
    """True for a CJK or Cyrillic character (text the guidelines leave unannotated)."""
    return bool(ch) and FOREIGN_RE.match(ch) is not None


def touches_foreign(text: str, start: int, end: int) -> bool:
    """True when the span contains, or directly touches, CJK or Cyrillic characters."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u3000":
        i -= 1
    if i >= 0 and foreign(text[i]):
        return True
    j = end
    while j < len(text) and text[j] in " \t\u3000":
        j += 1
    if j < len(text) and foreign(text[j]):
        return True
    return FOREIGN_RE.search(text, start, end) is not None


def variants(surface: str) -> set[str]:
    """The surface with each apostrophe and dash spelling (at most nine forms)."""
    out = {surface}
    if any(a in surface for a in APOSTROPHES):
        base = surface.replace("’", "'")
        out = {base.replace("'", a) for a in APOSTROPHES}
    if any(d in surface for d in DASHES):
        more = set()
        for s in out:
            base = s.replace("–", "-").replace("—", "-")
            more.update(base.replace("-", d) for d in DASHES)
        out = more
    return out


def trie_regex(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored as a character trie (longest first)."""
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        keys = sorted(k for k in node if k != "")
        if not keys:
            return ""
        alts = [re.escape(k) + emit(node[k]) for k in keys]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return emit(trie)


def is_cap_word(tok: str) -> bool:
    """A capitalised word or acronym whose hyphenated parts are all capitalised or numbers."""
    if not tok or not (tok[0].isupper() or tok[0].isdigit()):
        return False
    if tok[0].isdigit():
        return False
    parts = re.split(r"[-–—]", tok)
    return all(p and (p[0].isupper() or p.isdigit()) for p in parts)
