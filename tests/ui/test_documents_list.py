"""The documents list sorts and filters in Python (no proxy sort through ``data()``), takes new
documents without reloading, and the window takes an import's documents and facts from the
worker; the facts table can read its rows in a thread."""

from __future__ import annotations

import hashlib

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt

from desktop.core.factquery import last_document_id, load_rows
from desktop.core.model import Document, Fact
from desktop.core.session import Session
from desktop.core.store.project import Project
from desktop.ui.documents import COLUMNS, DocumentsPanel
from desktop.ui.import_worker import ImportBatch

DOCS = [  # title, outlet, published
    ("Bravo pipeline", "Daryo", "2023-02-01"),
    ("alpha railway", "Kazinform", "2022-05-01"),
    ("Charlie summit", None, "2024-01-01"),
    ("Alpha railway", "akipress", None),
    ("Delta trade", "Daryo", "2023-02-01"),
]


def add(project, title, outlet=None, published=None, n_facts=0, text=None):
    text = text or f"{title}. China and Kazakhstan traded goods worth $1 billion in 2023."
    doc = Document(None, text, title=title, outlet=outlet, published=published,
                   content_hash=hashlib.sha256((title + text).encode()).hexdigest())
    facts = [Fact(None, 0, "trade", {"value": float(i + 1)}, 0, len(title)) for i in range(n_facts)]
    return project.add_document(doc, [], facts)


@pytest.fixture
def panel(project, qtbot):
    for i, (title, outlet, published) in enumerate(DOCS):
        add(project, title, outlet, published, n_facts=i % 3)
    p = DocumentsPanel(Session(project))
    qtbot.addWidget(p)
    return p


def expected(panel, col, descending, needle=""):
    """Qt's stable sort of the old proxy, as a reference: ties keep import order both ways."""
    keys = (lambda s: s.title.lower(), lambda s: (s.outlet or "").lower(), lambda s: s.published or "",
            lambda s: s.n_entities, lambda s: s.n_facts,
            lambda s: {"in progress": 1, "done": 2}.get(s.review_state, 0))
    rows = [s for s in panel.model.rows
            if needle.lower() in f"{s.title}\n{s.outlet or ''}\n{s.published or ''}\n{s.review_state}".lower()]
    return [s.id for s in sorted(rows, key=keys[col], reverse=descending)]


def test_the_list_sorts_by_every_column_both_ways_and_back_to_import_order(panel):
    ids = [s.id for s in panel.model.rows]
    assert panel.ordered_ids() == ids  # no sort: import order
    for col in range(len(COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            panel.table.sortByColumn(col, order)
            assert panel.ordered_ids() == expected(panel, col, order == Qt.SortOrder.DescendingOrder), (col, order)
            shown = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
            assert shown == [panel.model.rows[panel.model.row_of(i)].title for i in panel.ordered_ids()]
    panel.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert panel.ordered_ids() == ids


def test_filter_and_sort_together_and_selecting_a_hidden_document_clears_the_filter(panel, qtbot):
    panel.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    panel.filter_edit.setText("daryo")
    assert panel.ordered_ids() == expected(panel, 0, True, "daryo")
    assert len(panel.ordered_ids()) == 2
    hidden = next(s.id for s in panel.model.rows if s.outlet != "Daryo")
    panel.select(hidden)
    assert panel.filter_edit.text() == "" and panel.current_id() == hidden
    assert panel.ordered_ids() == expected(panel, 0, True)


def test_sorting_keeps_the_current_document(panel):
    target = panel.model.rows[2].id
    panel.select(target)
    for col in range(len(COLUMNS)):
        panel.table.sortByColumn(col, Qt.SortOrder.DescendingOrder)
        assert panel.current_id() == target


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_new_documents_are_inserted_where_the_sort_puts_them(panel, project, order):
    panel.table.sortByColumn(0, order)
    panel.select(panel.model.rows[1].id)
    current = panel.current_id()
    inserted = []
    panel.model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    resets = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    for title in ("Echo corridor", "alpha railway", "Able port"):
        add(project, title, "Trend", "2024-03-03", text=f"{title} text {len(inserted)}")
    assert panel.add_new() is False
    assert len(inserted) == 3 and resets == []
    assert panel.ordered_ids() == expected(panel, 0, order == Qt.SortOrder.DescendingOrder)
    assert panel.current_id() == current
    assert len(panel.model.rows) == len(DOCS) + 3


def test_new_documents_that_miss_the_filter_are_listed_but_not_shown(panel, project):
    panel.filter_edit.setText("daryo")
    add(project, "Foxtrot", "Trend")
    add(project, "Golf", "Daryo")
    panel.add_new()
    assert len(panel.model.rows) == len(DOCS) + 2
    titles = [panel.model.rows[panel.model.row_of(i)].title for i in panel.ordered_ids()]
    assert titles == ["Bravo pipeline", "Delta trade", "Golf"]


def test_add_new_reads_at_most_limit_documents_at_a_time(panel, project):
    for i in range(5):
        add(project, f"Batch {i}")
    assert panel.add_new(limit=3) is True
    assert len(panel.model.rows) == len(DOCS) + 3
    panel.add_new(limit=3)
    assert len(panel.model.rows) == len(DOCS) + 5


def test_fed_documents_show_in_slices_and_known_ones_are_not_doubled(panel, project, qtbot, monkeypatch):
    monkeypatch.setattr(DocumentsPanel, "FEED_SLICE", 2)
    new = [add(project, f"Hotel {i}") for i in range(5)]
    shown = []
    panel.documentsShown.connect(lambda: shown.append(len(panel.model.rows)))
    panel.feed(project.document_summaries(new))
    panel.add_new()  # a notice in between: nothing above what was handed over is read twice
    assert len(panel.model.rows) == len(DOCS)
    qtbot.waitUntil(lambda: len(panel.model.rows) == len(DOCS) + 5)
    assert shown == [len(DOCS) + 2, len(DOCS) + 4, len(DOCS) + 5]
    panel.feed(project.document_summaries(new[:2]))  # handed over again: counts replaced, not added
    panel.flush_feed()
    assert len(panel.ordered_ids()) == len(set(panel.ordered_ids())) == len(DOCS) + 5


# ----------------------------------------------------------------------------- the window during an import


def test_an_import_batch_shows_its_documents_and_facts_without_rereading(qtbot, project, make_window):
    add(project, "Existing", n_facts=2)
    w = make_window(project)
    qtbot.waitUntil(lambda: w.facts_view is not None and not w.facts_view.model.loading)
    other = Project(project.path, create=False)  # the worker's own connection
    mark0 = last_document_id(other)
    new = [add(other, f"Imported {i}", n_facts=2) for i in range(3)]
    mark = last_document_id(other)
    batch = ImportBatch(mark, other.document_summaries(new), load_rows(other, after_doc=mark0))
    other.close()
    w._import_batch(batch)
    model = w.facts_view.model
    qtbot.waitUntil(lambda: len(w.documents.model.rows) == 4 and len(model.query) == 8)
    assert set(new) <= set(w.documents.ordered_ids())
    assert {r.id for r in model.query.all_rows()} == {f.id for f in project.facts()}


def test_documents_and_facts_appear_while_importing_and_the_table_is_complete(
        qtbot, project, make_window, tmp_path, monkeypatch):
    import desktop.ui.import_worker as iw

    monkeypatch.setattr(iw, "BATCH_INTERVAL", 0.0)  # a batch after every document
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"n{i:02}.txt").write_text(
            f"Report {i}\n\nTrade between China and Kazakhstan reached ${i + 1} billion in 2023, officials in"
            f" Astana said on day {i}.\n", encoding="utf-8")
    w = make_window(project)
    qtbot.waitUntil(lambda: w.facts_view is not None and not w.facts_view.model.loading)
    batches = []
    worker = w.start_import([str(folder)])
    worker.batchReady.connect(lambda b: batches.append(b))
    qtbot.waitUntil(lambda: w.import_worker is None, timeout=20000)
    qtbot.waitUntil(lambda: not w.documents._feed and not w.facts_view.model._feed)
    assert len(batches) > 1  # handed over during the import, not only at its end
    assert sorted(w.documents.ordered_ids()) == project.document_ids()
    shown = [r.id for r in w.facts_view.model.query.all_rows()]
    assert len(shown) == len(set(shown))
    assert set(shown) or not project.facts()
    assert set(shown) == {f.id for f in project.facts()}


# ----------------------------------------------------------------------------- facts read in a thread


def test_the_facts_table_can_load_in_the_background_and_keeps_changes_made_meanwhile(qtbot, project):
    from desktop.ui.facts import FactsView

    d1 = add(project, "One", n_facts=3)
    session = Session(project)
    view = FactsView(session, background=True)
    qtbot.addWidget(view)
    assert view.model.loading and len(view.model.query) == 0
    assert "Loading" in view._empty_text()
    fid = project.facts(d1)[0].id
    session.set_fact_status([fid], "accepted")  # while the thread reads
    d2 = add(project, "Two", n_facts=2)
    session.documents_added()
    qtbot.waitUntil(lambda: not view.model.loading)
    rows = {r.id: r for r in view.model.query.all_rows()}
    assert set(rows) == {f.id for d in (d1, d2) for f in project.facts(d)}
    assert rows[fid].status == "accepted"


def test_the_window_hands_the_gil_over_sooner_only_while_importing(qtbot, project, make_window, tmp_path):
    import sys

    from desktop.ui.main_window import IMPORT_SWITCH_INTERVAL

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"n{i}.txt").write_text(f"Report {i}\n\nText number {i}.\n", encoding="utf-8")
    before = sys.getswitchinterval()
    w = make_window(project)
    w.start_import([str(folder)], extract=False)
    assert sys.getswitchinterval() == pytest.approx(IMPORT_SWITCH_INTERVAL)
    qtbot.waitUntil(lambda: w.import_worker is None, timeout=20000)
    assert sys.getswitchinterval() == pytest.approx(before)


def test_loaded_fact_rows_are_kept_out_of_the_cyclic_collector(qtbot, project):
    import gc

    from desktop.ui.facts.model import FactsTableModel

    add(project, "One", n_facts=3)
    gc.unfreeze()
    model = FactsTableModel(Session(project))
    try:
        assert len(model.query) == 3 and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
