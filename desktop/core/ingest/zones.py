"""Page chrome zones: stretches of a document that are not the article.

Zones are *marked*, never deleted: each is a :class:`Zone` (start, end, kind) pointing into the
text. Kinds:

``navigation``  menus, breadcrumbs, login/sign-up/subscribe lines, copyright footers
``teaser``      "Top News" / "Related" / "Most Read" … headings and the headlines after them
``share``       share and comment widgets ("Share", "Facebook Twitter", "Please log in to comment")
``contact``     media-contact blocks, e-mail / phone / website lines
``editor``      "Editor: …", "(Editor: …)", "Source: Xinhua | Editor: …"
``byline``      "By …", "Author: …", "Source: …", stamp lines ("Published: …", "Source: X | date")
``photo``       photo credits ("(PHOTO: XINHUA)", "Photo: Xinhua", "(Xinhua/Li Ziheng)")
``foreign``     a trailing run of lines in another script than the article

Every rule works on single lines (no backtracking-prone patterns); for very long texts only the
head and the tail are scanned, since chrome sits around the article, not inside it.
"""

from __future__ import annotations

import re

from desktop.core.model import Zone

#: Texts longer than this are scanned only in their first and last ``_EDGE`` characters.
_FULL_SCAN = 2_000_000
_EDGE = 200_000

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|\d+|[^\W\d_]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

_NAV_STRONG = {
    "home", "homepage", "login", "logout", "signin", "signup", "register", "subscribe", "menu",
    "search", "newsletter", "newsletters", "rss", "sitemap", "privacy", "cookies",
    "главная", "войти", "регистрация", "поиск", "首页", "登录", "注册",
}  # fmt: skip
_NAV_WORDS = _NAV_STRONG | {
    "log", "in", "out", "sign", "up", "subscription", "subscriptions", "news", "about", "us", "contact",
    "contacts", "policy", "terms", "of", "use", "service", "account", "my", "more", "sections",
    "section", "archive", "archives", "en", "ru", "kz", "uz", "cn", "english", "русский", "қазақша",
    "中文", "language", "languages", "mobile", "app", "apps", "download", "advertising", "advertise",
    "careers", "jobs", "world", "business", "politics", "economy", "sports", "sport", "culture",
    "opinion", "opinions", "video", "videos", "photos", "photo", "society", "tech", "technology",
    "science", "travel", "life", "lifestyle", "health", "environment", "education", "multimedia",
    "special", "specials", "reports", "features", "analysis", "interviews", "editorial", "latest",
    "top", "main", "national", "international", "regions", "region", "local", "markets", "finance",
    "energy", "columns", "blogs", "podcasts", "live", "weather", "and", "&", "the",
    "china", "asia", "central", "europe", "americas", "africa", "middle", "east", "channel", "channels",
    "forgot", "password", "create", "free", "trial", "ok", "close", "skip", "to", "content", "our",
    "get", "daily", "weekly", "now", "for", "your", "e", "mail",
    "главная", "новости", "войти", "регистрация", "поиск", "首页", "登录", "注册",
}  # fmt: skip
_SECTION_WORDS = {
    "news", "world", "business", "politics", "economy", "sports", "sport", "culture", "opinion",
    "opinions", "video", "videos", "photos", "photo", "society", "tech", "technology", "science",
    "travel", "life", "lifestyle", "health", "environment", "education", "multimedia", "specials",
    "reports", "features", "analysis", "interviews", "editorial", "markets", "finance", "energy",
    "weather", "regions", "latest", "columns", "blogs", "podcasts", "live", "archive", "home",
    "english", "русский", "қазақша", "中文", "новости",
}  # fmt: skip
_SHARE_STRONG = {
    "share", "shares", "facebook", "twitter", "linkedin", "whatsapp", "telegram", "wechat", "weibo",
    "vk", "vkontakte", "reddit", "pinterest", "tweet", "comment", "comments", "print", "email",
    "odnoklassniki", "qzone", "viber", "messenger",
}  # fmt: skip
_SHARE_WORDS = _SHARE_STRONG | {
    "this", "article", "story", "page", "on", "via", "x", "e", "url", "please", "first", "after",
    "before", "log", "login", "in", "to", "or", "and", "leave", "a", "post", "add", "your", "view",
    "write", "now", "here", "the", "reply", "replies", "like", "likes", "follow", "us", "read",
    "sign", "up", "register", "be", "mail", "copy", "link", "line", "linked", "whats", "app", "we",
    "chat", "tube", "you", "поделиться", "комментарии", "分享", "评论", "microblog",
}  # fmt: skip

_TEASER_HEADING = re.compile(
    r"(?i)^\s*(?:top\s+(?:news|stories|story|headlines)|related(?:\s+(?:news|articles?|stories|posts|content|reading|links))?|"
    r"most\s+(?:read|popular|viewed|shared|commented)|editor'?s?['’]?\s*(?:picks?|choice)|trending(?:\s+now|\s+news)?|"
    r"latest(?:\s+(?:news|stories|articles))?|recommended(?:\s+(?:for\s+you|articles?|stories))?|"
    r"you\s+may\s+(?:also\s+)?like|you\s+might\s+(?:also\s+)?like|read\s+(?:more|also|next)|see\s+also|"
    r"more\s+(?:news|stories|from\s+[\w .]{1,30})|popular(?:\s+(?:news|now|stories))?|in\s+case\s+you\s+missed\s+it|"
    r"other\s+news|further\s+reading|читайте\s+также|похожие\s+новости|相关新闻|热点新闻|推荐阅读)\s*[:：]?\s*$"
)
_TEASER_INLINE = re.compile(
    r"(?i)^\s*(?:read\s+(?:more|also)|also\s+read|related|see\s+also|читайте\s+также)\s*[:：]\s*\S"
)

_BREADCRUMB = re.compile(
    r"(?i)^\s*(?:home|homepage|position|location|you\s+are\s+here|главная|首页|当前位置|您的位置)\b[^\n]{0,160}[>»›/]"
)
_CRUMB_SEP = re.compile(r"\s*[>»›]\s*")
_COPYRIGHT = re.compile(r"(?i)^\s*(?:©|\(c\)|copyright\b|all\s+rights\s+reserved)")

_CONTACT_HEADING = re.compile(
    r"(?i)^\s*(?:media|press|news|investor)?\s*(?:contacts?|enquiries|inquiries)(?:\s+information|\s+details)?\s*[:：]?\s*$"
    r"|^\s*(?:media|press)\s+contacts?\s*[:：]|^\s*for\s+(?:more\s+information|media\s+inquiries|further\s+information)\b.{0,80}(?:contact|:)\s*"
)
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_CONTACT_LINE = re.compile(
    r"(?i)^\s*(?:(?:e-?mail|tel(?:ephone)?|phone|ph|mob(?:ile)?|fax|web(?:site)?|url|wechat|whatsapp)\s*[.:：]"
    r"|[etmfw]\s*[:：])"
)
_PHONE = re.compile(r"(?<!\w)\+?\(?\d{1,4}\)?(?:[ .-]?\(?\d{2,4}\)?){2,5}(?!\w)")
_DATE_LIKE = re.compile(
    r"\b(?:19|20)\d\d[-/.][01]?\d[-/.][0-3]?\d\b|\b[0-3]?\d[./][01]?\d[./](?:19|20)\d\d\b|\d{1,2}:\d\d"
)
_URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+")

_EDITOR = re.compile(
    r"(?i)(?:\b(?:responsible\s+|chief\s+|managing\s+)?editors?\s*[:：]|\bedited\s+by\b|责任编辑|编辑\s*[:：])"
)
_EDITOR_PREFIX = re.compile(r"(?i)^\s*(?:[(\[]\s*|(?:source|来源)\s*[:：]\s*[^.!?|\n]{1,60})$")
_EDITOR_PAREN = re.compile(
    r"[(\[]\s*(?:(?:responsible\s+)?editors?\s*[:：]|edited\s+by\b|责任编辑)[^)\]\n]{0,120}[)\]]", re.I
)

_BYLINE = re.compile(
    r"(?i)^\s*(?:author|authors|reporter|reporters|correspondent|source|sources|published|updated|posted(?:\s+on)?|"
    r"last\s+updated|date|источник|автор|дата(?:\s+публикации)?|опубликовано|来源|作者|发布时间)\s*[:：]\s*\S"
)
# "By WANG Xiaoxia", "By Assel Satubaldina, 12 October 2023", "Written by Li Yan | Xinhua"
_BY = re.compile(
    r"^\s*(?:[Bb]y|BY|[Ww]ritten\s+by|[Rr]eported\s+by|[Pp]osted\s+by|[Бб]ы)\s+(?P<name>[^,|;\n–—(]{2,80})"
)
_NAME_WORD = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’.-]*|[a-z]{1,3}|and|и)$")
_SOURCES_NOTE = re.compile(r"(?i)^\s*(?:sources?|data\s+sources?|источники?|来源)\s*[:：]\s*\S")
_PR_SOURCE = re.compile(r"^\s*SOURCE\s+\S|^\s*View original content\b")

_PHOTO_LINE = re.compile(
    r"(?i)^\s*[(\[]?\s*(?:photo|photos|photograph|image|picture|pic|file\s+photo|фото|图片?)\s*"
    r"(?:(?:by|courtesy(?:\s+of)?)\s+\S|(?:credits?|source)?\s*[:：/])"
)
_PHOTO_PAREN = re.compile(
    r"[(\[]\s*(?:(?:photo|photos|image|file\s+photo|фото)\s*(?:(?:by|courtesy(?:\s+of)?)\s|(?:credits?)?\s*[:：/])[^)\]\n]{0,80}"
    r"|(?:Xinhua|XINHUA|CGTN|AP|AFP|Reuters|REUTERS|Sputnik|TASS|IC|VCG|CFP)\s*/\s*[^)\]\n]{1,60}"
    r"|Photo\s+provided\s+to\s+[^)\]\n]{1,40})[)\]]",
    re.I,
)


_SIGN_IN = re.compile(r"(?i)\b(?:sign|log)\s*(?:in|up|out|on)\b")


def _words(line: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(_CAMEL.sub(" ", line))]


def _script_of(line: str) -> str | None:
    """The dominant script of ``line``: 'latin', 'cyrillic', 'cjk' or None when there are no letters."""
    lat = cyr = cjk = 0
    for ch in line:
        o = ord(ch)
        if o < 0x80:
            if ch.isalpha():
                lat += 1
        elif 0x0400 <= o <= 0x04FF:
            cyr += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3040 <= o <= 0x30FF or 0xAC00 <= o <= 0xD7AF:
            cjk += 2  # one hanzi carries about as much as a word's couple of letters
        elif ch.isalpha():
            lat += 1
    best = max(lat, cyr, cjk)
    if best == 0:
        return None
    return "latin" if best == lat else "cyrillic" if best == cyr else "cjk"


def _widget_kind(line: str) -> str | None:
    """navigation/share when every word of a short line is widget or menu vocabulary."""
    if len(line) > 120:
        return None
    words = _words(line)
    if not words:
        return None
    if all(w in _SHARE_WORDS or w.isdigit() for w in words) and any(w in _SHARE_STRONG for w in words):
        return "share"
    if all(w in _NAV_WORDS for w in words):
        if any(w in _NAV_STRONG for w in words) or _SIGN_IN.search(line):
            return "navigation"
        stripped = line.strip()
        sections = sum(1 for w in words if w in _SECTION_WORDS)
        if len(words) >= 4 and sections >= 0.6 * len(words) and not stripped.endswith((".", "?", "!", ":")):
            return "navigation"  # a menu: "World Business Economy Sports Culture"
    # A menu line of short capitalised items separated by | or • or many spaces.
    items = [i.strip() for i in re.split(r"\s*[|•·]\s*|\s{3,}|\t", line.strip()) if i.strip()]
    if len(items) >= 4 and all(
        len(i.split()) <= 3 and i[:1].isupper() and not i.endswith(".") for i in items
    ):
        return "navigation"
    return None


def _line_kind(line: str) -> tuple[str, int, int] | None:
    """(kind, start, end) of chrome on one line, offsets relative to the line; None for body."""
    stripped = line.strip()
    if not stripped:
        return None
    lead = len(line) - len(line.lstrip())
    end = len(line.rstrip())
    short = len(stripped) <= 160
    if (short and _BREADCRUMB.match(line)) or (
        short
        and len(_CRUMB_SEP.findall(stripped)) >= 2
        and all(len(p.split()) <= 5 for p in _CRUMB_SEP.split(stripped))
    ):
        return "navigation", lead, end
    if short and _COPYRIGHT.match(line):
        return "navigation", lead, end
    kind = _widget_kind(line)
    if kind:
        return kind, lead, end
    if short and (_TEASER_INLINE.match(line)):
        return "teaser", lead, end
    m = _EDITOR_PAREN.search(line)
    if m:
        if line[: m.start()].strip() or line[m.end() :].strip():
            return "editor", m.start(), m.end()
        return "editor", lead, end
    m = _EDITOR.search(line) if short else None
    if m:
        prefix = line[: m.start()]
        if (
            not prefix.strip()
            or "|" in prefix
            or _EDITOR_PREFIX.match(prefix)
            or m.group().startswith(("责任编辑", "编辑"))
        ):
            return "editor", lead, end
    if short and (
        _CONTACT_LINE.match(line)
        or (len(stripped) <= 80 and (_EMAIL.search(line) or _URL.fullmatch(stripped)))
    ):
        return "contact", lead, end
    if len(stripped) <= 60 and not _DATE_LIKE.search(stripped):
        pm = _PHONE.search(stripped)
        if pm and sum(c.isdigit() for c in pm.group()) >= 8 and len(pm.group()) >= len(stripped) * 0.5:
            return "contact", lead, end
    if short and _PR_SOURCE.match(line):
        return "byline", lead, end
    if short and _BYLINE.match(line) and (len(stripped) <= 120 or "|" in stripped):
        return "byline", lead, end
    if len(stripped) <= 400 and _SOURCES_NOTE.match(line):
        return "byline", lead, end
    m = _BY.match(line) if len(stripped) <= 120 else None
    if m:
        name = m.group("name").split()
        if (
            1 <= len(name) <= 6
            and all(_NAME_WORD.match(w) for w in name)
            and not any(c.isdigit() for c in m.group("name"))
        ):
            return "byline", lead, end
    if short and _PHOTO_LINE.match(line):
        return "photo", lead, end
    m = _PHOTO_PAREN.search(line)
    if m:
        return "photo", m.start(), m.end()
    return None


def _lines(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """(start, end) of each line of text[start:stop], end excluding the line break."""
    out = []
    pos = start
    while pos < stop:
        nl = text.find("\n", pos, stop)
        end = stop if nl < 0 else nl
        e = end - 1 if end > pos and text[end - 1] == "\r" else end
        out.append((pos, e))
        pos = end + 1
    return out


def _block_end(text: str, lines: list[tuple[int, int]], i: int, max_len: int, allow_blank: int) -> int:
    """Index of the last line of a block that starts at line ``i``: following non-blank lines no
    longer than ``max_len``, crossing at most ``allow_blank`` consecutive blank lines, and
    stopping before a line that is chrome of another kind."""
    last = i
    blanks = 0
    for j in range(i + 1, len(lines)):
        s, e = lines[j]
        seg = text[s:e].strip()
        if not seg:
            blanks += 1
            if blanks > allow_blank:
                break
            continue
        if len(seg) > max_len or _other_chrome(seg):
            break
        blanks = 0
        last = j
    return last


def _other_chrome(seg: str) -> bool:
    hit = _line_kind(seg)
    return hit is not None and hit[0] not in ("teaser", "contact") and hit[2] - hit[1] >= len(seg.strip())


def _foreign_tail(text: str, lines: list[tuple[int, int]], main_script: str) -> int | None:
    """Index of the first line of a trailing run of lines in another script, if there is one.

    Lines that are chrome of their own kind (a share widget, an editor line) may sit inside the
    run, but they neither start it nor count towards it.
    """
    first = None
    chars = 0
    for k in range(len(lines) - 1, -1, -1):
        s, e = lines[k]
        seg = text[s : min(e, s + 5000)]
        script = _script_of(seg)
        if script is None:
            continue
        if script == main_script:
            if _line_kind(seg) is None or _TEASER_HEADING.match(seg):
                break
            continue
        if _line_kind(seg) is not None and first is None:
            continue
        first = k
        chars += e - s
    if first is None or chars < 20:
        return None
    return first


def _main_script(text: str, lines: list[tuple[int, int]]) -> str:
    """The script of the article: that of its first ~300 characters that are not chrome (so a long
    foreign tail cannot outvote a short article)."""
    head: list[str] = []
    size = 0
    for s, e in lines[:200]:
        seg = text[s : min(e, s + 2000)]
        if not seg.strip() or _line_kind(seg) is not None:
            continue
        head.append(seg)
        size += len(seg.strip())
        if size >= 300:
            break
    return _script_of("\n".join(head)) or _script_of(text[:400_000]) or "latin"


def detect_zones(text: str) -> list[Zone]:
    """Page-chrome zones of ``text``, sorted and non-overlapping."""
    if len(text) <= _FULL_SCAN:
        lines = _lines(text, 0, len(text))
    else:
        head_end = text.find("\n", _EDGE)
        tail_start = text.rfind("\n", 0, len(text) - _EDGE)
        head_end = _EDGE if head_end < 0 else head_end
        tail_start = max(tail_start, head_end)
        lines = _lines(text, 0, head_end) + _lines(text, tail_start + 1, len(text))
    zones: list[Zone] = []
    n = len(lines)
    half = len(text) // 2
    main = _main_script(text, lines)
    tail = _foreign_tail(text, lines, main)
    stop = tail if tail is not None else n
    i = 0
    while i < stop:
        s, e = lines[i]
        line = text[s:e]
        if len(line) > 2000:
            i += 1
            continue
        if _TEASER_HEADING.match(line):
            # In the second half of the text a teaser block runs over headlines and their one- or
            # two-sentence summaries; in the first half only over short headline lines.
            last = _block_end(text, lines[:stop], i, 400 if s >= half else 150, 3 if s >= half else 1)
            zones.append(
                Zone(
                    s + len(line) - len(line.lstrip()),
                    lines[last][0] + len(text[lines[last][0] : lines[last][1]].rstrip()),
                    "teaser",
                )
            )
            i = last + 1
            continue
        if _CONTACT_HEADING.match(line):
            last = _block_end(text, lines[:stop], i, 100, 0)
            zones.append(
                Zone(
                    s + len(line) - len(line.lstrip()),
                    lines[last][0] + len(text[lines[last][0] : lines[last][1]].rstrip()),
                    "contact",
                )
            )
            i = last + 1
            continue
        hit = _line_kind(line)
        if hit:
            kind, a, b = hit
            zones.append(Zone(s + a, s + b, kind))
        i += 1
    if tail is not None:
        s = lines[tail][0]
        seg = text[s:].rstrip()
        zones.append(Zone(s + len(text[s:]) - len(text[s:].lstrip()), s + len(seg), "foreign"))
        for k in range(tail + 1, n):  # chrome lines after the start of the tail keep their kind
            a, b = lines[k]
            hit = _line_kind(text[a : min(b, a + 5000)]) if b - a <= 2000 else None
            if hit:
                zones.append(Zone(a + hit[1], a + hit[2], hit[0]))
    return _tidy(zones, text)


def _tidy(zones: list[Zone], text: str) -> list[Zone]:
    """Sorted, non-empty, non-overlapping zones.

    Overlaps are clipped (the earlier zone keeps its ground), except that a ``foreign`` tail is
    cut around the chrome lines inside it, which keep their own kind.
    """
    out: list[Zone] = []
    foreign = [z for z in zones if z.kind == "foreign"]
    for z in sorted((z for z in zones if z.kind != "foreign"), key=lambda z: (z.start, -z.end)):
        start = z.start
        if out and start < out[-1].end:
            start = out[-1].end
        if start < z.end:
            out.append(Zone(start, z.end, z.kind))
    for f in foreign:
        pos = f.start
        pieces = []
        for z in out:
            if z.end <= pos or z.start >= f.end:
                continue
            pieces.append((pos, z.start))
            pos = max(pos, z.end)
        pieces.append((pos, f.end))
        for a, b in pieces:
            seg = text[a:b]
            a2 = a + len(seg) - len(seg.lstrip())
            b2 = a + len(seg.rstrip())
            if a2 < b2:
                out.append(Zone(a2, b2, "foreign"))
    return sorted(out, key=lambda z: z.start)
