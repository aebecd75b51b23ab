"""Layout details found by using the window: readable titles, paragraph gaps, column widths,
a review-state key, docks in proportion, muted text that stays readable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from desktop.core.session import Session
from desktop.ui import theme
from desktop.ui.document_viewer import DocumentViewer
from desktop.ui.documents import COLUMNS, REVIEW_MARKS, DocumentsPanel
from tests.ui.uihelpers import TEXT_1, ent, make_doc


def test_document_title_column_takes_the_spare_width(qtbot, two_docs):
    project, _, _ = two_docs
    panel = DocumentsPanel(Session(project))
    qtbot.addWidget(panel)
    panel.resize(560, 400)
    panel.show()
    qtbot.waitExposed(panel)
    h = panel.table.horizontalHeader()
    widths = [h.sectionSize(c) for c in range(len(COLUMNS))]
    assert widths[0] == max(widths)
    assert widths[0] > 560 - sum(widths[1:]) - 40  # the title has what the others leave
    # the others fit their content: the outlet and the date are not cut
    fm = panel.table.fontMetrics()
    assert widths[1] >= fm.horizontalAdvance("Test Wire") + 8
    assert widths[2] >= fm.horizontalAdvance("2023-05-19") + 8


def test_review_state_is_explained(qtbot, two_docs):
    project, d1, _ = two_docs
    panel = DocumentsPanel(Session(project))
    qtbot.addWidget(panel)
    model = panel.model
    tip = model.headerData(5, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert all(mark in tip for mark in REVIEW_MARKS.values())
    cell = model.data(model.index(model.row_of(d1), 5), Qt.ItemDataRole.ToolTipRole)
    assert "not started" in cell and "suggestions left" in cell
    assert all(mark in panel.review_key.text() for mark in REVIEW_MARKS.values())


def test_paragraphs_get_a_gap_but_the_text_is_unchanged(qtbot, project):
    text = "First paragraph.\nSecond paragraph.\n\nAfter a blank line.\nLast."
    d = project.add_document(make_doc(text, "Gaps"), [ent("Second", text, "COUNTRY")])
    viewer = DocumentViewer(Session(project))
    qtbot.addWidget(viewer)
    viewer.resize(600, 400)
    viewer.show()
    viewer.set_document(d)
    tv = viewer.text_view
    assert tv.toPlainText() == text
    doc = tv.document()
    lay = doc.documentLayout()
    heights = [lay.blockBoundingRect(doc.findBlockByNumber(i)).height() for i in range(doc.blockCount())]
    # "First…" and "After a blank line." are followed by a paragraph: a gap; the blank line
    # already separates, so neither it nor the line before it gets one
    assert heights[0] == heights[3] > heights[1] == heights[2]
    # offsets still land on the right characters
    assert [s.cursor.selectedText() for s in tv.extraSelections()] == ["Second"]
    viewer.select_range(text.index("Last"), text.index("Last") + 4)
    assert viewer.selected_text() == "Last"
    pos = tv.cursorRect().center()
    assert viewer.offsets.to_py(tv.cursorForPosition(pos).position()) in range(text.index("Last"), len(text) + 1)


def test_facts_columns_evidence_wide_codes_narrow_document_hidden_in_one_document(qtbot, two_docs, make_window):
    project, _, _ = two_docs
    w = make_window(project)
    qtbot.waitUntil(lambda: w.facts_view is not None, timeout=3000)
    fv = w.facts_view
    q = fv.model.query
    width = {c.key: fv.table.columnWidth(i) for i, c in enumerate(q.columns) if not fv.table.isColumnHidden(i)}
    assert width["evidence"] >= 2 * max(v for k, v in width.items() if k != "evidence")
    assert width["reporter"] < 100 and width["currency"] < 100
    hfm = fv.table.horizontalHeader().fontMetrics()
    for i, c in enumerate(q.columns):  # no header is cut
        if not fv.table.isColumnHidden(i):
            assert fv.table.columnWidth(i) >= hfm.horizontalAdvance(c.title) + 8, c.key
    doc_col = q.column_index("document")
    assert fv.table.isColumnHidden(doc_col)  # "This document": every row has the same one
    fv.set_scope("all")
    assert not fv.table.isColumnHidden(doc_col) and fv.table.columnWidth(doc_col) > 100
    fv.set_fact_filter(None)
    fv.set_scope("document")
    assert fv.table.isColumnHidden(doc_col)


def test_docks_are_in_proportion_to_the_window(qtbot, two_docs, make_window):
    project, _, _ = two_docs
    w = make_window(project)
    w.resize(1280, 800)
    w._default_dock_sizes()
    qtbot.wait(10)
    docs = w.documents_dock.width()
    assert 0.28 * 1280 <= docs <= 0.45 * 1280
    assert w.viewer.width() >= 0.35 * 1280  # the text keeps a readable width
    assert w.facts_dock.height() >= 240


def test_muted_text_is_readable_on_light_and_dark():
    light = QPalette(QColor("#efefef"))
    dark = QPalette(QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    for pal in (light, dark):
        fg = theme.muted_text_color(pal)
        bg = pal.color(QPalette.ColorRole.Window)
        assert abs(fg.lightness() - bg.lightness()) >= 80


def test_viewer_header_is_title_then_outlet_and_date(qtbot, two_docs):
    project, d1, _ = two_docs
    viewer = DocumentViewer(Session(project))
    qtbot.addWidget(viewer)
    viewer.set_document(d1)
    assert viewer.header.text() == "Kazakhstan and China sign a deal"
    assert viewer.meta.text() == "Test Wire  ·  2023-05-19"
    assert TEXT_1.startswith(viewer.text_view.toPlainText()[:20])


def test_very_long_or_crowded_documents_use_the_plain_layout(qtbot, project):
    from desktop.ui import document_viewer as dv

    text = ("Kazakhstan and China trade. " * 10 + "\n") * 800  # ~225,000 characters
    big = project.add_document(make_doc(text, "Long"), [ent("China", text, "COUNTRY")])
    small = project.add_document(make_doc("China\nKazakhstan", "Short"), [ent("China", "China\nKazakhstan", "COUNTRY")])
    viewer = DocumentViewer(Session(project))
    qtbot.addWidget(viewer)
    viewer.set_document(big)
    assert len(text) > dv.PARAGRAPH_GAP_LIMIT
    assert viewer.text_view.document() is viewer.text_view.plain_document
    assert viewer.text_view.toPlainText() == text
    viewer.set_document(small)
    assert viewer.text_view.document() is viewer.text_view.spaced_document
    assert [s.cursor.selectedText() for s in viewer.text_view.extraSelections()] == ["China"]
    viewer.set_document(big)  # and back: the document switch keeps highlights and text right
    assert [s.cursor.selectedText() for s in viewer.text_view.extraSelections()] == ["China"]


def test_view_menu_brings_the_charts_to_the_front(qtbot, two_docs, make_window):
    project, _, _ = two_docs
    w = make_window(project)
    assert w.charts_dock.isHidden()
    w.charts_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: not w.charts_dock.visibleRegion().isEmpty(), timeout=3000)
    assert w.facts_dock.visibleRegion().isEmpty()  # Facts is the tab behind it now


def test_a_chart_filter_shows_the_table_from_its_first_column(qtbot, two_docs, make_window):
    project, _, _ = two_docs
    w = make_window(project)
    qtbot.waitUntil(lambda: w.facts_view is not None, timeout=3000)
    fv = w.facts_view
    fv.table.resize(400, 200)
    bar = fv.table.horizontalScrollBar()
    bar.setValue(bar.maximum())
    ids = [f.id for f in project.facts()]
    w.apply_fact_filter(ids, "Trade facts")
    assert bar.value() == 0
    assert fv.filter_chip.isVisible() and "Trade facts" in fv.filter_chip.text()
    bar.setValue(bar.maximum())
    fv.filter_chip.click()
    assert not fv.filter_chip.isVisible() and bar.value() == 0


def test_a_dark_palette_switches_highlights_legend_and_muted_text(qtbot, two_docs, make_window):
    from PySide6.QtWidgets import QApplication

    from desktop.core.model import SUGGESTED

    project, _, _ = two_docs
    w = make_window(project)
    app = QApplication.instance()
    light = app.palette()
    dark = QPalette(light)
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#e6e6e6")):
        dark.setColor(role, QColor(colour))
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: theme.is_dark(w.viewer.text_view.palette()), timeout=2000)
        e = next(x for x in w.viewer.entities if x.status == SUGGESTED)
        sel = next(s for s in w.viewer.text_view.extraSelections()
                   if s.cursor.selectionStart() == w.viewer.offsets.to_qt(e.start))
        assert sel.format.background().color() == theme.suggestion_color(e.label, dark=True)
        assert sel.format.background().color().lightness() < 128  # light text stays readable on it
        assert theme.highlight_color("COUNTRY", dark=True).name() in w.legend.chips["COUNTRY"].styleSheet()
        assert theme.muted_text_color(dark).name() in w.viewer.meta.styleSheet()
    finally:
        app.setPalette(light)


def test_resizing_the_window_keeps_the_docks_in_proportion(qtbot, two_docs, make_window):
    project, _, _ = two_docs
    w = make_window(project)
    w.resize(1600, 1000)
    w._default_dock_sizes()
    qtbot.wait(50)
    share = w.documents_dock.width() / w.width()
    w.resize(1280, 800)
    qtbot.wait(50)
    assert abs(w.documents_dock.width() / w.width() - share) < 0.05
    assert w.viewer.width() >= 0.35 * 1280
    legend = w.legend
    assert legend.note.height() >= legend.note.sizeHint().height() - 1  # the key under the chips is not cut


def test_a_narrow_documents_list_gives_the_outlet_less_room_than_the_title(qtbot, project):
    long_outlet = "The Astana Times International Edition"
    for i in range(3):
        text = f"Document {i} about China and Kazakhstan."
        project.add_document(make_doc(text, f"A rather long title number {i} about trade", outlet=long_outlet), [])
    panel = DocumentsPanel(Session(project))
    qtbot.addWidget(panel)
    panel.resize(460, 300)  # the list's share of a 1280-pixel window
    panel.show()
    qtbot.waitExposed(panel)
    h = panel.table.horizontalHeader()
    assert h.sectionSize(1) <= 0.2 * panel.width() + 1
    assert h.sectionSize(0) > h.sectionSize(1)
    panel.resize(900, 300)
    qtbot.wait(10)
    assert h.sectionSize(1) > 0.2 * 460  # room again: the outlet grows back


def test_a_long_headline_is_cut_to_two_lines_with_the_whole_title_in_the_tooltip(qtbot, project):
    title = ("The first China-Central Asia Summit was held on May 18 and 19 in Xi’an. What achievements have "
             "been made on trade and economic fronts? What measures will be taken to promote trade connectivity "
             "between China and Central Asian countries?")
    d = project.add_document(make_doc("China and Kazakhstan.", title), [])
    viewer = DocumentViewer(Session(project))
    qtbot.addWidget(viewer)
    viewer.resize(600, 500)
    viewer.show()
    qtbot.waitExposed(viewer)
    viewer.set_document(d)
    assert viewer.header.toolTip() == title
    assert viewer.header.text().endswith("…") and len(viewer.header.text()) < len(title)
    line = viewer.header.fontMetrics().lineSpacing()
    assert viewer.header.heightForWidth(viewer.header.width()) <= 2 * line + 20
    viewer.resize(3000, 500)
    qtbot.wait(10)
    assert viewer.header.text() == title  # room for all of it


def test_empty_tables_say_why_and_what_to_do(qtbot, project, two_docs):
    from desktop.core.store.project import Project
    from desktop.ui.facts import FactsView

    empty = Project(project.path.with_name("empty.steppe"), create=True)
    try:
        panel = DocumentsPanel(Session(empty))
        qtbot.addWidget(panel)
        panel.show()
        assert panel.empty_hint.label.isVisible() and "Import files" in panel.empty_hint.label.text()
        facts = FactsView(Session(empty))
        qtbot.addWidget(facts)
        facts.show()
        assert facts.empty_hint.label.isVisible() and "as documents are imported" in facts.empty_hint.label.text()
    finally:
        empty.close()
    full, d1, _ = two_docs
    panel = DocumentsPanel(Session(full))
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.empty_hint.label.isVisible()
    panel.filter_edit.setText("nothing like this")
    assert panel.empty_hint.label.isVisible() and "matches the filter" in panel.empty_hint.label.text()
    facts = FactsView(Session(full))
    qtbot.addWidget(facts)
    facts.show()
    facts.set_document(d1)
    assert not facts.empty_hint.label.isVisible()
    facts.status_combo.setCurrentIndex(facts.status_combo.findData("rejected"))
    assert facts.empty_hint.label.isVisible() and "match the filters" in facts.empty_hint.label.text()
