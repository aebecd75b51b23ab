"""The document viewer: exact text, highlights, offsets with emoji, HTML shown literally, speed."""

from __future__ import annotations

import time

from PySide6.QtGui import QTextCursor

from desktop.core.session import Session
from desktop.ui.document_viewer import DocumentViewer
from desktop.ui.offsets import OffsetMap
from tests.ui.uihelpers import ent, make_doc


def test_offset_map_with_emoji_and_crlf():
    text = "Hi 😀 China\r\nKazakh 🇰🇿 flag"
    m = OffsetMap(text)
    qt_text_len = len(text.encode("utf-16-le")) // 2 - text.count("\r\n")
    assert m.qt_length == qt_text_len
    for i, ch in enumerate(text):
        assert m.to_py(m.to_qt(i)) == i or text[i - 1 : i + 1] == "\r\n"
        del ch
    china = text.index("China")
    assert m.to_qt(china) == china + 1  # one emoji before it takes two UTF-16 units
    kazakh = text.index("Kazakh")
    assert m.to_qt(kazakh) == kazakh + 1 - 1  # +1 emoji, -1 for "\r\n"
    assert OffsetMap("plain ascii").identity


def test_highlight_lands_on_the_right_characters_after_an_emoji(qtbot, project):
    text = "Breaking 😀😀 news: 🚄 China and Kazakhstan open a railway 𠀋 today."
    d = project.add_document(make_doc(text, "Emoji"), [ent("China", text, "COUNTRY"),
                                                       ent("Kazakhstan", text, "COUNTRY", "accepted")])
    viewer = DocumentViewer(Session(project))
    qtbot.addWidget(viewer)
    viewer.set_document(d)
    assert viewer.text_view.toPlainText() == text
    sels = viewer.text_view.extraSelections()
    assert [s.cursor.selectedText() for s in sels] == ["China", "Kazakhstan"]
    # selection ↔ offsets both ways
    k = text.index("Kazakhstan")
    viewer.select_range(k, k + 10)
    assert viewer.text_view.textCursor().selectedText() == "Kazakhstan"
    assert viewer.selection_range() == (k, k + 10)
    assert viewer.entity_at(k + 3).text == "Kazakhstan"


def test_html_is_shown_literally(qtbot, project):
    text = 'Title <b>bold</b><script>alert("x")</script> &amp; <img src=x onerror=1> end'
    d = project.add_document(make_doc(text, "<i>not italic</i>"))
    viewer = DocumentViewer(Session(project))
    qtbot.addWidget(viewer)
    viewer.set_document(d)
    assert viewer.text_view.toPlainText() == text
    assert viewer.header.text() == "<i>not italic</i>"
    c = QTextCursor(viewer.text_view.document())
    c.setPosition(text.index("bold") + 1)
    assert not c.charFormat().font().bold()


def test_suggested_and_accepted_look_different_rejected_hidden_chrome_dimmed(qtbot, project):
    from desktop.core.model import Zone

    text = "China and Kazakhstan and Russia. Read more: other story"
    doc = make_doc(text, "Styles")
    doc.zones = [Zone(text.index("Read more"), len(text), "teaser")]
    d = project.add_document(doc, [ent("China", text, "COUNTRY"), ent("Kazakhstan", text, "COUNTRY", "accepted"),
                                   ent("Russia", text, "COUNTRY", "rejected")])
    viewer = DocumentViewer(Session(project))
    qtbot.addWidget(viewer)
    viewer.set_document(d)
    sels = viewer.text_view.extraSelections()
    by_text = {s.cursor.selectedText(): s.format for s in sels}
    assert "Russia" not in by_text
    zone = by_text["Read more: other story"]
    assert zone.foreground().color().name() == "#8a8a8a"
    sugg, acc = by_text["China"], by_text["Kazakhstan"]
    assert sugg.background().color() != acc.background().color()
    assert sugg.underlineStyle() != acc.underlineStyle()
    assert viewer.highlight_count == 2


def test_a_1mb_document_with_10000_highlights_opens_fast(qtbot, project):
    words = ["Kazakhstan", "China", "trade", "reached", "billion", "railway", "Astana", "and"]
    parts, ents, pos = [], [], 0
    i = 0
    while pos < 1_000_000:
        w = words[i % len(words)]
        parts.append(w)
        if w[0].isupper() and len(ents) < 10_000:
            ents.append((pos, pos + len(w), w))
        pos += len(w) + 1
        i += 1
        if i % 17 == 0:
            parts.append("\n")
            pos += 1
    text = " ".join(parts)
    # recompute offsets on the joined text (newlines are joined with spaces too)
    ents = []
    start = 0
    for w in parts:
        if w[:1].isupper() and len(ents) < 10_000:
            from desktop.core.model import Entity

            ents.append(Entity(None, 0, start, start + len(w), "COUNTRY", w, "suggested", "rule:test", 0.9))
        start += len(w) + 1
    assert len(text) >= 1_000_000 and len(ents) == 10_000
    d = project.add_document(make_doc(text, "Big"), ents)
    viewer = DocumentViewer(Session(project))
    qtbot.addWidget(viewer)
    viewer.resize(900, 700)
    viewer.show()
    t0 = time.perf_counter()
    viewer.set_document(d)
    qtbot.wait(0)  # let it paint once
    elapsed = time.perf_counter() - t0
    print(f"1 MB, 10,000 highlights: opened in {elapsed:.3f} s")
    assert elapsed < 0.6  # the target is 0.3 s; the test leaves room for a loaded CI machine
    assert viewer.highlight_count == 10_000
    # the highlights near the visible text are given to Qt; scrolling moves the window
    shown = viewer.text_view.extraSelections()
    assert 0 < len(shown) < 10_000
    assert shown[0].cursor.selectedText() == ents[0].text
    viewer.select_range(ents[-1].start, ents[-1].end)  # scrolls to the end
    qtbot.waitUntil(lambda: any(s.cursor.selectionStart() == ents[-1].start
                                for s in viewer.text_view.extraSelections()), timeout=2000)
    last = [s for s in viewer.text_view.extraSelections() if s.cursor.selectionStart() == ents[-1].start]
    assert last[0].cursor.selectedText() == ents[-1].text
    # switching to another document drops the old highlights quickly
    d2 = project.add_document(make_doc("China and Kazakhstan", "Small"), [ent("China", "China and Kazakhstan", "COUNTRY")])
    t0 = time.perf_counter()
    viewer.set_document(d2)
    assert time.perf_counter() - t0 < 0.3
    assert viewer.extra_selection_count() == 1
