"""A project made by the first Steppe format (tests/fixtures/project_v1.steppe) opens in this one."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from desktop.core.store import schema
from desktop.core.store.backup import list_backups
from desktop.core.store.open import open_project_safely
from desktop.core.store.project import Project

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project_v1.steppe"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def v1_copy(tmp_path) -> Path:
    target = tmp_path / "old.steppe"
    shutil.copyfile(FIXTURE, target)
    return target


def test_fixture_is_version_1():
    head = FIXTURE.read_bytes()[:100]
    assert int.from_bytes(head[60:64], "big") == 1
    assert int.from_bytes(head[68:72], "big") == schema.APPLICATION_ID


def test_v1_project_opens_upgraded_with_all_data(v1_copy):
    original = digest(FIXTURE)
    with Project(v1_copy) as p:
        assert p.schema_version() == schema.SCHEMA_VERSION
        assert p.integrity_problems() == []
        docs = p.document_summaries()
        assert [d.title for d in docs] == ["China–Kazakhstan trade reaches record", "Uzbekistan–China investment forum"]
        d1, d2 = (p.document(d.id) for d in docs)
        assert d1.outlet == "Xinhua" and d1.published == "2024-01-12" and d1.url == "https://example.org/a"
        assert d1.source_path == "/home/analyst/news/1.txt" and [z.kind for z in d1.zones] == ["navigation"]
        assert "Ташкент — مرحبا — שלום." in d2.text and d2.url is None
        ents = [(e.text, e.label, e.status, e.source) for e in p.entities(d1.id)]
        assert ents == [
            ("China", "COUNTRY", "accepted", "gazetteer:countries"),
            ("Kazakhstan", "COUNTRY", "suggested", "gazetteer:countries"),
            ("$41 billion", "MONEY", "edited", "rule:money"),
            ("General Administration of Customs", "ORG", "rejected", "gazetteer:orgs"),
        ]
        for e in p.entities(d1.id) + p.entities(d2.id):
            doc = d1 if e.doc_id == d1.id else d2
            assert doc.text[e.start:e.end] == e.text
        facts = p.facts()
        assert [(f.type, f.status) for f in facts] == [
            ("trade", "accepted"), ("investment", "suggested"), ("event", "edited"),
        ]
        trade = facts[0]
        assert trade.fields["value"] == 41e9 and trade.fields["partner"] == "KAZ"
        assert d1.text[trade.evidence_start:trade.evidence_end].startswith("Trade between China")
        audit = p.audit_entries()
        assert [a[2] for a in reversed(audit)] == ["Import document", "Import document", "Accept “China”"]
        assert p.learned_terms() == {}  # the v2 table exists and is empty
        assert p.counts()["documents"] == 2
    assert digest(FIXTURE) == original  # the committed fixture is never modified


def test_safe_open_backs_up_the_old_format_before_upgrading(v1_copy):
    with open_project_safely(v1_copy) as opened:
        assert opened.project.schema_version() == schema.SCHEMA_VERSION
    backups = list_backups(v1_copy)
    assert backups, "an upgrade must leave a copy of the old file"
    oldest = backups[-1]
    head = oldest.path.read_bytes()[:100]
    assert int.from_bytes(head[60:64], "big") == 1  # the pre-upgrade copy is still version 1
