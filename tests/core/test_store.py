import sqlite3

import pytest

from desktop.core.model import Document, Entity, Fact, Zone
from desktop.core.store import schema
from desktop.core.store.project import Project, ProjectError, RowChange


def make_doc(text="China and Kazakhstan signed a deal.", **kw):
    import hashlib

    return Document(None, text, title=kw.pop("title", "A deal"), content_hash=hashlib.sha256(text.encode()).hexdigest(),
                    zones=[Zone(0, 5, "navigation")], **kw)


def test_new_project_has_current_schema_and_wal(tmp_path):
    p = Project(tmp_path / "a.steppe")
    assert p.schema_version() == schema.SCHEMA_VERSION
    assert p.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert p.conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID


def test_document_round_trip_and_duplicates(project):
    doc = make_doc(published="2023-05-19")
    ents = [Entity(None, 0, 0, 5, "COUNTRY", "China", source="gazetteer:countries")]
    facts = [Fact(None, 0, "event", {"name": "X"}, 0, 10)]
    doc_id = project.add_document(doc, ents, facts)
    assert doc_id is not None
    assert project.add_document(make_doc(published="2023-05-19")) is None  # same content
    back = project.document(doc_id)
    assert back.text == doc.text and back.published == "2023-05-19"
    assert back.zones == [Zone(0, 5, "navigation")]
    assert [e.text for e in project.entities(doc_id)] == ["China"]
    assert project.facts(doc_id)[0].fields == {"name": "X"}
    s = project.document_summaries()[0]
    assert (s.n_entities, s.n_facts, s.review_state) == (1, 1, "not started")
    assert project.integrity_problems() == []


def test_apply_is_atomic(project):
    doc_id = project.add_document(make_doc())
    good = RowChange("entities", None, None, {"doc_id": doc_id, "start": 0, "end": 5, "label": "COUNTRY",
                                              "text": "China", "status": "accepted", "source": "", "confidence": 1})
    bad = RowChange("entities", None, None, {"doc_id": doc_id, "start": 5, "end": 2, "label": "COUNTRY",
                                             "text": "x", "status": "accepted", "source": "", "confidence": 1})
    with pytest.raises(sqlite3.IntegrityError):
        project.apply("two changes", [good, bad])
    assert project.entities(doc_id) == []  # the good half was rolled back too
    assert not any(r[2] == "two changes" for r in project.audit_entries())


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"hello, this is a text file and not a database at all" * 3, "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\x00" * 20, "truncated"),
    ],
)
def test_refuses_files_that_are_not_projects(tmp_path, content, message):
    path = tmp_path / "x.steppe"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match=message):
        Project(path)
    assert path.read_bytes() == content  # never overwritten


def test_refuses_foreign_sqlite_and_newer_version(tmp_path):
    other = tmp_path / "other.steppe"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.commit()
    before = other.read_bytes()
    with pytest.raises(ProjectError, match="not a Steppe project"):
        Project(other)
    assert other.read_bytes() == before
    newer = tmp_path / "newer.steppe"
    Project(newer).close()
    c = sqlite3.connect(newer)
    c.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    c.commit()
    c.close()
    with pytest.raises(ProjectError, match="newer Steppe"):
        Project(newer)


def test_migrates_a_version_1_project(tmp_path):
    path = tmp_path / "v1.steppe"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.create(conn, version=1)
    conn.execute("INSERT INTO documents(title, text, content_hash, imported_at) VALUES ('t', 'China', 'h', 'now')")
    conn.execute("INSERT INTO entities(doc_id, start, \"end\", label, text) VALUES (1, 0, 5, 'COUNTRY', 'China')")
    conn.close()
    p = Project(path)
    assert p.schema_version() == schema.SCHEMA_VERSION
    assert p.entities(1)[0].text == "China"
    assert p.learned_terms() == {}


def test_read_only_project_refuses_writes(tmp_path):
    path = tmp_path / "ro.steppe"
    Project(path).close()
    p = Project(path, read_only=True)
    with pytest.raises(ProjectError, match="read-only"):
        p.add_document(make_doc())


def test_search_across_corpus(project):
    project.add_document(make_doc("China trades with Kazakhstan. china again."))
    hits = project.search("CHINA")
    assert [pos for _, pos in hits] == [0, 30]


def test_a_project_deleted_while_open_is_refused_and_rescued(tmp_path):
    path = tmp_path / "gone.steppe"
    p = Project(path)
    p.add_document(make_doc())
    path.unlink()
    with pytest.raises(ProjectError, match="deleted, moved or replaced") as err:
        p.add_document(make_doc("Another text about Uzbekistan."))
    rescued = list(tmp_path.glob("gone.rescued-*.steppe"))
    assert len(rescued) == 1 and str(rescued[0]) in str(err.value)
    with Project(rescued[0]) as back:
        assert len(back.document_ids()) == 1
