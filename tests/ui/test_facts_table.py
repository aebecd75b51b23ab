"""The facts table: model, delegates and view (pytest-qt, offscreen)."""

import hashlib

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem

from desktop.core.factquery import columns_for
from desktop.core.model import FACT_TYPES, FLOWS, QUALIFIERS, STATUSES, Document, Entity, Fact
from desktop.core.session import Session
from desktop.ui.facts import FactsView
from desktop.ui.facts.delegates import CURRENCIES, country_from_text
from desktop.ui.facts.model import FACT_ID_ROLE

TEXT1 = (
    "China and Kazakhstan met. Trade between China and Kazakhstan reached $41 billion in 2023. "
    "Investment in Kazakhstan was $5 billion."
)
TEXT2 = "In 2022, trade between China and Uzbekistan rose by 40 percent to about $9 billion. <b>bold</b>"


def add_doc(project, text, title, entities=(), facts=()):
    doc = Document(None, text, title=title, content_hash=hashlib.sha256(text.encode()).hexdigest())
    return project.add_document(doc, entities, facts)


def span(text, needle):
    i = text.index(needle)
    return i, i + len(needle)


@pytest.fixture
def setup(project, qtbot):
    s1 = span(TEXT1, "Trade between China and Kazakhstan reached $41 billion in 2023.")
    s2 = span(TEXT1, "Investment in Kazakhstan was $5 billion.")
    d1 = add_doc(project, TEXT1, "Kazinform: trade", facts=[
        Fact(None, 0, "trade", {"reporter": "CHN", "partner": "KAZ", "flow": "total", "period": "2023",
                                "value": 41e9, "currency": "USD"}, *s1, confidence=0.9),
        Fact(None, 0, "investment", {"investor": "CHN", "recipient": "KAZ", "value": 5e9, "currency": "USD"},
             *s2, confidence=0.7),
    ])
    ents2 = []
    for needle, label in (("2022", "DATE"), ("China", "COUNTRY"), ("Uzbekistan", "COUNTRY"),
                          ("40 percent", "PERCENT"), ("$9 billion", "MONEY")):
        a, b = span(TEXT2, needle)
        ents2.append(Entity(None, 0, a, b, label, needle))
    d2 = add_doc(project, TEXT2, "Daryo: Uzbekistan", ents2, facts=[
        Fact(None, 0, "event", {"name": "Summit"}, 0, len(TEXT2), confidence=0.5),
    ])
    session = Session(project)
    view = FactsView(session)
    qtbot.addWidget(view)
    view.resize(1400, 500)
    view.show()
    view.set_scope("all")
    return view, session, d1, d2


def col_of(view, key):
    i = view.model.query.column_index(key)
    assert i >= 0, key
    return i


def pindex(view, fact_id, key):
    row = view.model.row_of(fact_id)
    return view.proxy.mapFromSource(view.model.index(row, col_of(view, key)))


def fact_ids_by_type(project):
    return {f.type: f.id for f in project.facts()}


# ----------------------------------------------------------------- columns and display


def test_columns_come_from_the_registry(setup):
    view, *_ = setup
    titles = [view.proxy.headerData(i, Qt.Orientation.Horizontal) for i in range(view.proxy.columnCount())]
    assert titles == [c.title for c in columns_for(None)]
    view.type_combo.setCurrentIndex(view.type_combo.findData("event"))
    titles = [view.proxy.headerData(i, Qt.Orientation.Horizontal) for i in range(view.proxy.columnCount())]
    assert titles[5:] == [f.title for f in FACT_TYPES["event"].fields]
    assert view.filtered_fact_ids() == [f.id for f in view.session.project.facts() if f.type == "event"]


def test_display_is_readable_and_tooltips_are_plain_text(setup):
    view, session, *_ = setup
    trade = fact_ids_by_type(session.project)["trade"]
    assert pindex(view, trade, "value").data() == "41 bn"
    assert "Kazakhstan" in pindex(view, trade, "partner").data(Qt.ItemDataRole.ToolTipRole)
    event = fact_ids_by_type(session.project)["event"]
    tip = pindex(view, event, "evidence").data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold&lt;/b&gt;" in tip and "<b>bold" not in tip
    assert pindex(view, trade, "status").data(Qt.ItemDataRole.FontRole).italic()  # suggested


# ----------------------------------------------------------------- editing


def test_editing_a_value_through_the_delegate_stores_the_number_and_marks_edited(setup):
    view, session, *_ = setup
    trade = fact_ids_by_type(session.project)["trade"]
    index = pindex(view, trade, "value")
    editor = view.delegate.createEditor(view.table.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QLineEdit)
    view.delegate.setEditorData(editor, index)
    assert editor.text() == "41 bn"
    editor.setText("70.2 bn")
    view.delegate.setModelData(editor, view.proxy, index)
    fact = session.project.fact(trade)
    assert fact.fields["value"] == 70_200_000_000 and fact.status == "edited"
    assert pindex(view, trade, "value").data() == "70.2 bn"
    assert pindex(view, trade, "status").data() == "✎ edited"
    # the full form works too, through the model
    assert view.proxy.setData(pindex(view, trade, "value"), "70,300,000,000")
    assert session.project.fact(trade).fields["value"] == 70_300_000_000


@pytest.mark.parametrize(("key", "text", "reason"), [("value", "lots", "not a number"), ("period", "Q1", "not a period")])
def test_invalid_values_are_refused_with_the_reason_and_nothing_stored(setup, qtbot, key, text, reason):
    view, session, *_ = setup
    trade = fact_ids_by_type(session.project)["trade"]
    before = session.project.fact(trade)
    index = pindex(view, trade, key)
    view.table.setCurrentIndex(index)
    with qtbot.waitSignal(view.model.editRefused) as sig:
        assert view.proxy.setData(index, text) is False
    assert reason in sig.args[0]
    assert view.message_label.isVisible() and reason in view.message_label.text()
    assert session.project.fact(trade) == before
    assert not session.can_undo


def test_choice_editors_list_the_registry_choices(setup):
    view, session, *_ = setup
    ids = fact_ids_by_type(session.project)
    trade = ids["trade"]

    def items(key, fid=trade):
        index = pindex(view, fid, key)
        editor = view.delegate.createEditor(view.table.viewport(), QStyleOptionViewItem(), index)
        assert isinstance(editor, QComboBox)
        view.delegate.setEditorData(editor, index)
        return editor, [editor.itemData(i) for i in range(editor.count())]

    editor, data = items("flow")
    assert data == [None, *FLOWS] and editor.currentData() == "total"
    assert items("qualifier")[1] == [None, *QUALIFIERS]
    assert items("kind", ids["investment"])[1][1:] == list(FACT_TYPES["investment"].spec("kind").choices)
    assert items("status")[1] == list(STATUSES)
    assert items("type")[1] == list(FACT_TYPES)
    editor, data = items("partner")
    assert editor.isEditable() and "KAZ" in data and editor.currentText() == "KAZ — Kazakhstan"
    editor, _ = items("currency")
    assert [editor.itemText(i) for i in range(1, editor.count())] == list(CURRENCIES)
    assert country_from_text("Uzbekistan") == "UZB" and country_from_text("kgz — x") == "KGZ"
    # choosing in the combo edits the fact
    editor, _ = items("flow")
    editor.setCurrentIndex(editor.findData("export"))
    view.delegate.setModelData(editor, view.proxy, pindex(view, trade, "flow"))
    assert session.project.fact(trade).fields["flow"] == "export"


# ----------------------------------------------------------------- keys


def test_accept_reject_delete_with_keys(setup, qtbot):
    view, session, *_ = setup
    ids = fact_ids_by_type(session.project)
    view.table.setFocus()
    view.highlight_facts([ids["trade"]])
    qtbot.keyClick(view.table, Qt.Key.Key_A)
    assert session.project.fact(ids["trade"]).status == "accepted"
    assert view.selected_fact_ids() == [ids["investment"]]  # moved on to the next row
    qtbot.keyClick(view.table, Qt.Key.Key_X)
    assert session.project.fact(ids["investment"]).status == "rejected"
    assert pindex(view, ids["investment"], "status").data(Qt.ItemDataRole.FontRole).strikeOut()
    view.highlight_facts([ids["trade"], ids["investment"]])
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert [f.id for f in session.project.facts()] == [ids["event"]]
    assert view.filtered_fact_ids() == [ids["event"]]


def test_enter_starts_editing(setup, qtbot):
    view, session, *_ = setup
    trade = fact_ids_by_type(session.project)["trade"]
    view.table.setCurrentIndex(pindex(view, trade, "value"))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.table.state() == view.table.State.EditingState


# ----------------------------------------------------------------- scope, filters, selection


def test_scope_switch_and_status_and_search(setup, qtbot):
    view, session, d1, d2 = setup
    ids = fact_ids_by_type(session.project)
    assert len(view.filtered_fact_ids()) == 3
    view.set_scope("document")
    view.set_document(d1)
    assert view.filtered_fact_ids() == [ids["trade"], ids["investment"]]
    view.set_document(d2)
    assert view.filtered_fact_ids() == [ids["event"]]
    view.set_scope("all")
    view.status_combo.setCurrentIndex(view.status_combo.findData("reviewed"))
    assert view.filtered_fact_ids() == []
    view.status_combo.setCurrentIndex(0)
    view.search_edit.setText("uzbekistan")
    qtbot.waitUntil(lambda: view.filtered_fact_ids() == [ids["event"]])
    view.search_edit.setText("")
    qtbot.waitUntil(lambda: len(view.filtered_fact_ids()) == 3)


def test_chart_filter_chip_set_and_clear(setup, qtbot):
    view, session, d1, _ = setup
    ids = fact_ids_by_type(session.project)
    view.set_scope("document")
    view.set_document(d1)
    view.set_fact_filter([ids["trade"], ids["event"]], "Trade KAZ 2023")
    assert view.filter_chip.isVisible()
    assert view.filter_chip.text().startswith("Filtered by chart: Trade KAZ 2023")
    assert view.filtered_fact_ids() == [ids["trade"], ids["event"]]  # the chart spans all documents
    with qtbot.waitSignal(view.factFilterCleared):
        qtbot.mouseClick(view.filter_chip, Qt.MouseButton.LeftButton)
    assert not view.filter_chip.isVisible()
    assert view.scope_combo.currentData() == "document"
    assert view.filtered_fact_ids() == [ids["trade"], ids["investment"]]


def test_selection_emits_fact_selected_and_highlight_is_quiet(setup, qtbot):
    view, session, *_ = setup
    ids = fact_ids_by_type(session.project)
    heard = []
    view.factSelected.connect(heard.append)
    view.highlight_facts([ids["investment"]])
    assert view.selected_fact_ids() == [ids["investment"]] and heard == []
    view.table.selectRow(view.model.row_of(ids["trade"]))
    assert heard == [ids["trade"]]


# ----------------------------------------------------------------- adding, undo, sorting


def test_add_fact_from_selection_prefills_and_starts_editing(setup, qtbot):
    view, session, _, d2 = setup
    view.set_scope("document")
    view.set_document(d2)
    view.status_combo.setCurrentIndex(view.status_combo.findData("suggested"))  # new facts are "edited"
    start, end = span(TEXT2, "In 2022, trade between China and Uzbekistan rose by 40 percent to about $9 billion.")
    fid = view.add_fact_from_selection(d2, start, end)
    fact = session.project.fact(fid)
    assert fact.type == "trade" and (fact.evidence_start, fact.evidence_end) == (start, end)
    assert fact.fields["reporter"] == "CHN" and fact.fields["partner"] == "UZB"
    assert fact.fields["value"] == 9e9 and fact.fields["currency"] == "USD" and fact.fields["period"] == "2022"
    assert fact.fields["change_pct"] == 40 and fact.fields["qualifier"] == "about"
    assert fid in view.filtered_fact_ids()  # shown although the filter says "suggested"
    assert view.selected_fact_ids() == [fid]
    assert view.table.state() == view.table.State.EditingState


def test_undo_updates_rows_incrementally(setup, qtbot):
    view, session, *_ = setup
    ids = fact_ids_by_type(session.project)
    resets, inserted, removed, changed = [], [], [], []
    view.model.modelReset.connect(lambda: resets.append(1))
    view.model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    view.model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    view.model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    row = view.model.row_of(ids["investment"])
    session.delete_fact(ids["investment"])
    assert removed == [(row, row)] and ids["investment"] not in view.filtered_fact_ids()
    session.undo()
    assert inserted == [(row, row)] and view.filtered_fact_ids()[row] == ids["investment"]
    session.edit_fact(ids["trade"], "value", "1 bn")
    session.undo()
    r = view.model.row_of(ids["trade"])
    assert changed[-2:] == [(r, r), (r, r)]
    assert pindex(view, ids["trade"], "value").data() == "41 bn"
    assert resets == []


def test_sorting_by_value_puts_numbers_in_order(setup):
    view, session, *_ = setup
    ids = fact_ids_by_type(session.project)
    view.table.sortByColumn(col_of(view, "value"), Qt.SortOrder.AscendingOrder)
    assert view.filtered_fact_ids() == [ids["investment"], ids["trade"], ids["event"]]  # None last
    view.table.sortByColumn(col_of(view, "value"), Qt.SortOrder.DescendingOrder)
    assert view.filtered_fact_ids() == [ids["trade"], ids["investment"], ids["event"]]
    rows = [view.proxy.index(r, 0).data(FACT_ID_ROLE) for r in range(view.proxy.rowCount())]
    assert rows == view.filtered_fact_ids()
    assert view.proxy.mapToSource(view.proxy.index(0, 0)) != QModelIndex()


def test_typing_in_the_search_box_never_triggers_review_keys(setup, qtbot):
    view, session, *_ = setup
    trade = fact_ids_by_type(session.project)["trade"]
    view.highlight_facts([trade])
    view.search_edit.setFocus()
    qtbot.keyClicks(view.search_edit, "ax")
    assert session.project.fact(trade).status == "suggested"
    assert view.search_edit.text() == "ax"


def test_live_check_marks_a_bad_period_before_commit(setup):
    view, session, *_ = setup
    trade = fact_ids_by_type(session.project)["trade"]
    index = pindex(view, trade, "period")
    editor = view.delegate.createEditor(view.table.viewport(), QStyleOptionViewItem(), index)
    editor.setText("Q1")
    assert "not a period" in editor.toolTip() and editor.styleSheet()
    editor.setText("2023-01/2023-04")
    assert editor.toolTip() == "" and editor.styleSheet() == ""


def test_imported_documents_add_only_their_facts(setup, qtbot):
    view, session, *_ = setup
    resets, inserted = [], []
    view.model.modelReset.connect(lambda: resets.append(1))
    view.model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    text = "Exports to Tajikistan were $1 billion."
    d3 = add_doc(session.project, text, "Asia-Plus", facts=[Fact(None, 0, "trade", {"value": 1e9}, 0, len(text))])
    session.documents_added()
    assert resets == [] and inserted == [(3, 3)]
    (new,) = session.project.facts(d3)
    assert view.filtered_fact_ids()[-1] == new.id
    assert pindex(view, new.id, "document").data() == "Asia-Plus"


def test_a_document_committed_while_the_table_reads_is_not_skipped(setup, qtbot, monkeypatch):
    """The import thread commits documents while the window reads the new ones: a document
    committed between the read and the bookkeeping must still show on the next notice."""
    import desktop.ui.facts.model as fm

    view, session, *_ = setup
    text = "Exports to Tajikistan were $1 billion."
    d3 = add_doc(session.project, text, "Asia-Plus", facts=[Fact(None, 0, "trade", {"value": 1e9}, 0, len(text))])
    real = fm.load_rows
    late: list[int] = []

    def load_then_commit(project, *args, **kwargs):
        rows = real(project, *args, **kwargs)
        if kwargs.get("after_doc") is not None and not late:  # another document lands right after the read
            t = "Imports from Kyrgyzstan were $2 billion."
            late.append(add_doc(project, t, "24.kg", facts=[Fact(None, 0, "trade", {"value": 2e9}, 0, len(t))]))
        return rows

    monkeypatch.setattr(fm, "load_rows", load_then_commit)
    session.documents_added()
    monkeypatch.setattr(fm, "load_rows", real)
    session.documents_added()  # the next notice (the import announces itself every few seconds)
    view.set_scope("all")
    shown = set(view.filtered_fact_ids())
    assert {f.id for d in (d3, late[0]) for f in session.project.facts(d)} <= shown
    assert len(shown) == len(session.project.facts())


def test_many_changes_at_once_reset_the_table_once(setup, qtbot, monkeypatch):
    import desktop.ui.facts.model as fm

    monkeypatch.setattr(fm, "ROW_BY_ROW", 1)
    view, session, d1, _ = setup
    view.status_combo.setCurrentIndex(view.status_combo.findData("suggested"))
    resets = []
    view.model.modelReset.connect(lambda: resets.append(1))
    session.accept_all(d1)
    assert resets == [1]
    assert view.filtered_fact_ids() == [fact_ids_by_type(session.project)["event"]]
    session.undo()
    assert resets == [1, 1] and len(view.filtered_fact_ids()) == 3


def test_add_button_asks_the_window(project, qtbot):
    from PySide6.QtWidgets import QMainWindow

    class Window(QMainWindow):
        asked = 0

        def add_fact_from_selection(self):
            self.asked += 1

    window = Window()
    qtbot.addWidget(window)
    view = FactsView(Session(project), window)
    window.setCentralWidget(view)
    view.add_action.trigger()
    assert window.asked == 1
    heard = []
    view.addFactRequested.connect(lambda: heard.append(1))
    view.add_action.trigger()
    assert heard == [1] and window.asked == 1


def test_selection_survives_a_filter_change(setup):
    view, session, *_ = setup
    trade = fact_ids_by_type(session.project)["trade"]
    view.highlight_facts([trade])
    view.status_combo.setCurrentIndex(view.status_combo.findData("suggested"))
    assert view.selected_fact_ids() == [trade]
    view.type_combo.setCurrentIndex(view.type_combo.findData("trade"))
    assert view.selected_fact_ids() == [trade]


def test_clicking_the_value_header_sorts_numerically(setup, qtbot):
    from PySide6.QtCore import QPoint

    view, session, *_ = setup
    ids = fact_ids_by_type(session.project)
    header = view.table.horizontalHeader()
    c = col_of(view, "value")
    view.table.scrollTo(view.proxy.index(0, c))
    x = header.sectionViewportPosition(c) + header.sectionSize(c) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    first = view.filtered_fact_ids()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    second = view.filtered_fact_ids()
    assert {tuple(first), tuple(second)} == {
        (ids["investment"], ids["trade"], ids["event"]),
        (ids["trade"], ids["investment"], ids["event"]),
    }
