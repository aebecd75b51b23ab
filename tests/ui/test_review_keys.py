"""Keyboard review through the real widgets: what the user sees and what is stored."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.uihelpers import TEXT_1, TEXT_2

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focus_text(qtbot, w):
    w.viewer.text_view.setFocus()
    qtbot.waitUntil(lambda: w.viewer.text_view.hasFocus(), timeout=2000)


def put_cursor(w, offset):
    w.viewer.select_range(offset, offset, center=False)


def entity(project, doc_id, text):
    return [e for e in project.entities(doc_id) if e.text == text]


def test_j_k_switch_documents(qtbot, two_docs, make_window):
    project, d1, d2 = two_docs
    w = make_window(project)
    assert w.current_doc_id == d1
    assert w.viewer.text_view.toPlainText() == TEXT_1
    focus_text(qtbot, w)
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_J)
    assert w.current_doc_id == d2
    assert w.viewer.header.text() == "Uzbekistan forum"
    assert w.viewer.text_view.toPlainText() == TEXT_2
    assert w.documents.current_id() == d2
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_K)
    assert w.current_doc_id == d1
    # J also works from the documents list
    w.documents.table.setFocus()
    qtbot.keyClick(w.documents.table, Qt.Key.Key_J)
    assert w.current_doc_id == d2


def test_single_keys_do_not_fire_while_typing(qtbot, two_docs, make_window):
    project, d1, _ = two_docs
    w = make_window(project)
    edit = w.documents.filter_edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "ja3x")
    assert edit.text() == "ja3x"
    assert w.current_doc_id == d1
    assert not any(e.status != "suggested" for e in project.entities(d1))


def test_select_and_key_3_adds_country_with_highlight(qtbot, two_docs, make_window):
    project, d1, _ = two_docs
    w = make_window(project)
    before = w.viewer.extra_selection_count()
    start = TEXT_1.index("Russia")
    w.viewer.select_range(start + 1, start + 4)  # "uss": snapped to the whole word
    focus_text(qtbot, w)
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_3)
    rows = entity(project, d1, "Russia")
    assert len(rows) == 1 and rows[0].label == "COUNTRY" and rows[0].status == "accepted"
    assert (rows[0].start, rows[0].end) == (start, start + 6)
    assert w.viewer.extra_selection_count() == before + 1
    assert w.act_undo.isEnabled()
    assert w.act_undo.text().replace("&", "") == "Undo Add COUNTRY “Russia”"
    assert w.entities_panel.count_items()["COUNTRY"] == 3  # Kazakhstan, China, Russia
    assert "Add COUNTRY" in w.statusBar().currentMessage()


def test_relabel_with_a_number_and_from_context_menu(qtbot, two_docs, make_window):
    project, d1, _ = two_docs
    w = make_window(project)
    put_cursor(w, TEXT_1.index("Astana") + 2)
    focus_text(qtbot, w)
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_2)
    (e,) = entity(project, d1, "Astana")
    assert (e.label, e.status) == ("ORG", "accepted")
    assert w.act_undo.text().replace("&", "") == "Undo Label “Astana” ORG"
    # the menu route: Review → Label as → LOCATION
    w.viewer.select_range(e.start, e.end)
    w.label_actions["LOCATION"].trigger()
    (e,) = entity(project, d1, "Astana")
    assert e.label == "LOCATION"


def test_delete_key_removes_the_entity_under_the_cursor(qtbot, two_docs, make_window):
    project, d1, _ = two_docs
    w = make_window(project)
    before = w.viewer.extra_selection_count()
    put_cursor(w, TEXT_1.index("Xi Jinping") + 3)
    focus_text(qtbot, w)
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_Delete)
    assert entity(project, d1, "Xi Jinping") == []
    assert w.viewer.extra_selection_count() == before - 1
    assert "PERSON" not in w.entities_panel.count_items()


def test_a_accepts_x_rejects_and_moves_on(qtbot, two_docs, make_window):
    project, d1, _ = two_docs
    w = make_window(project)
    put_cursor(w, 0)
    focus_text(qtbot, w)
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_A)
    assert entity(project, d1, "Kazakhstan")[0].status == "accepted"
    # the cursor moved on to the next suggestion, "China"
    assert w.viewer.selected_text() == "China"
    before = w.viewer.extra_selection_count()
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_X)
    assert entity(project, d1, "China")[0].status == "rejected"
    assert w.viewer.extra_selection_count() == before - 1  # rejected mentions are not shown
    assert w.viewer.selected_text() == "Astana"


def test_n_p_walk_the_suggestions(qtbot, two_docs, make_window):
    project, _, _ = two_docs
    w = make_window(project)
    put_cursor(w, 0)
    focus_text(qtbot, w)
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_N)
    assert w.viewer.selected_text() == "Kazakhstan"
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_N)
    assert w.viewer.selected_text() == "China"
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_P)
    assert w.viewer.selected_text() == "Kazakhstan"


def test_accept_all_and_undo_redo(qtbot, two_docs, make_window):
    project, d1, d2 = two_docs
    w = make_window(project)
    focus_text(qtbot, w)
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_A, CTRL | SHIFT)
    assert {e.status for e in project.entities(d1)} == {"accepted"}
    assert {f.status for f in project.facts(d1)} == {"accepted"}
    assert {e.status for e in project.entities(d2)} == {"suggested"}
    row = w.documents.model.rows[w.documents.model.row_of(d1)]
    assert row.review_state == "done"
    assert w.progress_label.text() == "1 / 2 facts reviewed"
    assert w.act_undo.text().replace("&", "") == "Undo Accept all suggestions"
    assert not w.act_redo.isEnabled()

    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_Z, CTRL)
    assert {e.status for e in project.entities(d1)} == {"suggested"}
    assert w.progress_label.text() == "0 / 2 facts reviewed"
    assert w.act_redo.isEnabled()
    assert w.act_redo.text().replace("&", "") == "Redo Accept all suggestions"
    assert not w.act_undo.isEnabled() and w.act_undo.text().replace("&", "") == "Undo"

    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert {e.status for e in project.entities(d1)} == {"accepted"}
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_Y, CTRL)
    assert {e.status for e in project.entities(d1)} == {"accepted"}


def test_undo_of_an_added_entity_removes_its_highlight(qtbot, two_docs, make_window):
    project, d1, _ = two_docs
    w = make_window(project)
    before = w.viewer.extra_selection_count()
    start = TEXT_1.index("Friday")
    w.viewer.select_range(start, start + 6)
    focus_text(qtbot, w)
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_9)
    assert entity(project, d1, "Friday")[0].label == "DATE"
    w.act_undo.trigger()
    assert entity(project, d1, "Friday") == []
    assert w.viewer.extra_selection_count() == before
    w.act_redo.trigger()
    assert entity(project, d1, "Friday")[0].label == "DATE"
    assert w.viewer.extra_selection_count() == before + 1


def test_refused_operation_goes_to_the_status_bar(qtbot, two_docs, make_window):
    project, d1, _ = two_docs
    w = make_window(project)
    # "China signed" crosses the suggested "China" and is refused by the session
    start = TEXT_1.index("China signed")
    w.viewer.select_range(start + 2, start + 9)
    focus_text(qtbot, w)
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_4)
    assert "crosses" in w.statusBar().currentMessage()
    assert entity(project, d1, "China signed") == []


def test_find_in_document(qtbot, two_docs, make_window):
    project, _, _ = two_docs
    w = make_window(project)
    focus_text(qtbot, w)
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_F, CTRL)
    bar = w.viewer.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "china")
    first = TEXT_1.index("China")
    assert w.viewer.selection_range() == (first, first + 5)
    assert bar.status.text() == "1 of 2"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    second = TEXT_1.index("China", first + 1)
    assert w.viewer.selection_range() == (second, second + 5)
    assert bar.status.text() == "2 of 2"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_find_across_the_corpus_and_open_a_hit(qtbot, two_docs, make_window):
    project, _d1, d2 = two_docs
    w = make_window(project)
    focus_text(qtbot, w)
    qtbot.keyClick(w.viewer.text_view, Qt.Key.Key_F, CTRL | SHIFT)
    panel = w.search_panel
    assert w.search_dock.isVisible() and panel.edit.hasFocus()
    qtbot.keyClicks(panel.edit, "uzbekistan")
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert len(panel.hit_items()) == 2 and panel.list.count() == 3  # a heading, then the hits
    assert panel.list.item(0).text() == "Uzbekistan forum  (2 hits)" and panel.list.item(0).font().bold()
    assert "2 hits in 1 document" in panel.summary.text()
    panel.list.setFocus()
    panel.list.setCurrentRow(2)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)  # activation: Enter or a double click
    assert w.current_doc_id == d2
    second = TEXT_2.index("Uzbekistan", 1)
    assert w.viewer.selection_range() == (second, second + len("Uzbekistan"))


def test_f1_sheet_lists_every_shortcut(qtbot, two_docs, make_window):
    project, _, _ = two_docs
    w = make_window(project)
    qtbot.keyClick(w, Qt.Key.Key_F1)
    dlg = w.shortcuts_dialog
    qtbot.waitUntil(dlg.isVisible)
    rows = {(text, keys) for _g, text, keys in dlg.rows}
    assert ("Next document", "J") in rows
    assert ("Label as COUNTRY", "3") in rows
    assert ("Accept all suggestions", "Ctrl+Shift+A") in rows
    assert ("Redo", "Ctrl+Shift+Z,  Ctrl+Y") in rows
    assert ("Keyboard shortcuts", "F1,  ?") in rows
    with_keys = [a for a in w.actions_list if any(not k.isEmpty() for k in a.shortcuts())]
    assert dlg.data_row_count() >= len(with_keys) >= 25
    # actions other panels put on their own widgets are listed too, under their panel
    from PySide6.QtGui import QAction

    others = [a for a in w.findChildren(QAction) if a not in w.actions_list
              and any(not k.isEmpty() for k in a.shortcuts())]
    assert dlg.data_row_count() == len(with_keys) + len(others)
    # grouped: one heading per group, in two columns, each group whole in one column
    from desktop.ui.shortcuts import HEADING_ROLE

    headings = [t.item(r, 0).text() for t in dlg.tables for r in range(t.rowCount())
                if t.item(r, 0).data(HEADING_ROLE)]
    assert len(dlg.tables) == 2
    assert len(headings) == len(set(headings)) == len({g for g, _t, _k in dlg.rows})
    assert {"File", "Edit", "Help", "Facts table"} <= set(headings)


def test_entities_panel_groups_and_jumps(qtbot, two_docs, make_window):
    project, d1, _ = two_docs
    w = make_window(project)
    counts = w.entities_panel.count_items()
    assert counts == {"PERSON": 1, "COUNTRY": 2, "LOCATION": 1, "MONEY": 1, "DATE": 1}
    tree = w.entities_panel.tree
    top = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
               if tree.topLevelItem(i).text(0).startswith("MONEY"))
    assert top.text(0) == "MONEY  (1)"
    child = top.child(0)
    tree.scrollToItem(child)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(child).center())
    assert w.viewer.selected_text() == "$31 billion"
    # A works on the mention picked in the list
    qtbot.keyClick(tree, Qt.Key.Key_A)
    assert entity(project, d1, "$31 billion")[0].status == "accepted"


def test_tooltip_text_and_legend(qtbot, two_docs, make_window):
    project, _, _ = two_docs
    w = make_window(project)
    e = w.viewer.entity_at(TEXT_1.index("Astana") + 1)
    tip = w.viewer.describe(e)
    assert "LOCATION “Astana”" in tip and "Suggested" in tip and "0.90" in tip and "rule:test" in tip
    assert "A accepts" in tip  # what to do with it
    chips = w.legend.chips
    assert list(chips) == ["PERSON", "ORG", "COUNTRY", "LOCATION", "EVENT", "INITIATIVE", "MONEY", "PERCENT", "DATE"]
    assert chips["COUNTRY"].text() == "3  COUNTRY"
