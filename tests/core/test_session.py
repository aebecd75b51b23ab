import hashlib

import pytest

from desktop.core.model import Document, Entity, Fact
from desktop.core.session import FactEdit, NewFact, OperationError, Session, snap_to_words

TEXT = "China and Kazakhstan agreed. Trade between China and Kazakhstan reached $41 billion in 2023."


def add_doc(project, text=TEXT, entities=(), facts=()):
    doc = Document(None, text, title=text[:20], content_hash=hashlib.sha256(text.encode()).hexdigest())
    return project.add_document(doc, entities, facts)


@pytest.fixture
def session(project):
    return Session(project)


def snapshot(project):
    ents = [(e.start, e.end, e.label, e.status) for d in project.document_ids() for e in project.entities(d)]
    facts = [(f.id, f.type, f.fields, f.status) for f in project.facts()]
    return ents, facts, project.learned_terms()


def test_add_entity_learns_and_proposes_in_other_documents(project, session):
    d1 = add_doc(project)
    d2 = add_doc(project, "Officials from Kazakhstan met.")
    heard = []
    session.subscribe(heard.append)
    ch = session.add_entity(d1, 10, 20, "COUNTRY")
    assert [e.text for e in project.entities(d1)] == ["Kazakhstan"]
    assert project.entities(d1)[0].status == "accepted"
    other = project.entities(d2)
    assert [(e.text, e.status, e.source) for e in other] == [("Kazakhstan", "suggested", "project:gazetteer")]
    assert project.learned_terms() == {"Kazakhstan": "COUNTRY"}
    assert heard == [ch] and ch.doc_ids == {d1, d2} and ch.learned
    assert session.undo_name.startswith("Add COUNTRY")


def test_rejecting_a_suggestion_withdraws_it_everywhere(project, session):
    e = lambda s, t: Entity(None, 0, s, s + len(t), "ORG", t, source="rule:x")  # noqa: E731
    d1 = add_doc(project, "The Forum met.", [e(4, "Forum")])
    d2 = add_doc(project, "A Forum again.", [e(2, "Forum")])
    session.set_entity_status([project.entities(d1)[0].id], "rejected")
    assert project.entities(d2)[0].status == "rejected"
    assert project.learned_terms() == {"Forum": None}
    session.undo()
    assert project.entities(d2)[0].status == "suggested" and project.learned_terms() == {}


def test_entity_edits_are_refused_outside_text_or_across_another(project, session):
    d = add_doc(project, entities=[Entity(None, 0, 0, 5, "COUNTRY", "China")])
    with pytest.raises(OperationError, match="outside"):
        session.add_entity(d, 80, 500, "DATE")
    with pytest.raises(OperationError, match="crosses"):
        session.add_entity(d, 3, 9, "ORG")
    with pytest.raises(OperationError, match="label"):
        session.add_entity(d, 10, 20, "THING")
    assert not session.can_undo


@pytest.mark.parametrize("op", ["add", "relabel", "delete", "accept", "reject", "accept_all",
                                "add_fact", "edit_fact", "fact_type", "fact_status", "delete_fact", "delete_facts", "batch"])
def test_every_operation_undoes_and_redoes(project, session, op):
    d = add_doc(
        project,
        entities=[Entity(None, 0, 0, 5, "COUNTRY", "China", source="gazetteer:countries")],
        facts=[Fact(None, 0, "trade", {"reporter": "CHN", "partner": "KAZ", "value": 41e9}, 29, 95)],
    )
    eid = project.entities(d)[0].id
    fid = project.facts(d)[0].id
    before = snapshot(project)
    {
        "add": lambda: session.add_entity(d, 10, 20, "COUNTRY"),
        "relabel": lambda: session.relabel_entity(eid, "LOCATION"),
        "delete": lambda: session.delete_entity(eid),
        "accept": lambda: session.set_entity_status([eid], "accepted"),
        "reject": lambda: session.set_entity_status([eid], "rejected"),
        "accept_all": lambda: session.accept_all(d),
        "add_fact": lambda: session.add_fact(d, "event", {"name": "Summit"}, 0, 10),
        "edit_fact": lambda: session.edit_fact(fid, "value", "70.2 bn"),
        "fact_type": lambda: session.edit_fact(fid, "type", "investment"),
        "fact_status": lambda: session.set_fact_status([fid], "rejected"),
        "delete_fact": lambda: session.delete_fact(fid),
        "delete_facts": lambda: session.delete_facts([fid]),
        "batch": lambda: session.apply_fact_batch("Import corrections", [FactEdit(fid, {"period": "2023"})],
                                                  [NewFact(d, "event", {"name": "Forum"})], {fid: "rejected"}),
    }[op]()
    after = snapshot(project)
    assert after != before
    session.undo()
    assert snapshot(project) == before
    session.redo()
    assert snapshot(project) == after
    assert project.integrity_problems() == []


def test_fact_edit_validates_and_marks_edited(project, session):
    d = add_doc(project, facts=[Fact(None, 0, "trade", {"reporter": "CHN"}, 0, 10)])
    fid = project.facts(d)[0].id
    session.edit_fact(fid, "value", "70.2 bn")
    f = project.fact(fid)
    assert f.fields["value"] == 70.2e9 and f.status == "edited"
    for field, value, reason in [("value", "lots", "not a number"), ("period", "Q1", "not a period"),
                                 ("partner", "XXX", "alpha-3"), ("flow", "sideways", "one of")]:
        with pytest.raises(OperationError, match=reason):
            session.edit_fact(fid, field, value)
    assert project.fact(fid).fields["value"] == 70.2e9


def test_audit_log_records_operations_and_undo(project, session):
    d = add_doc(project)
    session.add_entity(d, 0, 5, "COUNTRY")
    session.undo()
    ops = [r[2] for r in project.audit_entries()]
    assert ops[0].startswith("Undo: Add COUNTRY") and any(o.startswith("Add COUNTRY") for o in ops)


@pytest.mark.parametrize(
    "sel, expected",
    [((1, 5), "Kazakhstan"), ((0, 11), "Kazakhstan"), ((12, 18), "$41 billion"), ((29, 33), "U.S."),
     ((38, 45), "40 percent")],
)
def test_snap_to_words(sel, expected):
    text = "Kazakhstan, $41 billion from U.S. up 40 percent."
    s, e = snap_to_words(text, *sel)
    assert text[s:e] == expected


def test_document_review_state_follows_the_review(project, session):
    ents = [Entity(None, 0, 0, 5, "COUNTRY", "China"), Entity(None, 0, 10, 20, "COUNTRY", "Kazakhstan")]
    d = add_doc(project, entities=ents)
    summary = lambda: project.document_summaries()[0]  # noqa: E731
    assert (summary().n_entities, summary().n_suggested, summary().review_state) == (2, 2, "not started")
    session.set_entity_status([project.entities(d)[0].id], "rejected")
    assert (summary().n_entities, summary().n_suggested, summary().review_state) == (1, 1, "in progress")
    session.accept_all(d)
    assert summary().review_state == "done"


def test_deleting_several_facts_is_one_undo_step(project, session):
    facts = [Fact(None, 0, "event", {"name": n}, 0, 5) for n in ("A", "B", "C")]
    d = add_doc(project, facts=facts)
    ids = [f.id for f in project.facts(d)]
    session.delete_facts(ids[:2])
    assert [f.fields["name"] for f in project.facts(d)] == ["C"]
    assert session.undo_name == "Delete 2 facts"
    session.undo()
    assert sorted(f.fields["name"] for f in project.facts(d)) == ["A", "B", "C"]


def test_a_usd_value_carries_its_usd_value_along(project, session):
    fields = {"reporter": "CHN", "value": 41e9, "currency": "USD", "value_usd": 41e9}
    d = add_doc(project, facts=[Fact(None, 0, "trade", fields, 0, 10)])
    fid = project.facts(d)[0].id
    session.edit_fact(fid, "value", "41.5 bn")
    assert project.fact(fid).fields["value_usd"] == 41.5e9
    session.apply_fact_batch("Import corrections", [FactEdit(fid, {"value": 42e9})])
    assert project.fact(fid).fields["value_usd"] == 42e9
    session.edit_fact(fid, "currency", "CNY")
    session.edit_fact(fid, "value", "300 bn")
    assert project.fact(fid).fields["value_usd"] == 42e9  # stated elsewhere: left to the analyst
