"""The store's queries at scale keep their meaning: document summaries against a naive count,
and the benchmark project generator's output is a sound project."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from desktop.core.model import STATUSES
from desktop.core.store.project import Project

REPO = Path(__file__).resolve().parents[2]


def naive_summaries(p: Project) -> dict[int, tuple[int, int, int, int]]:
    out = {}
    for doc_id in p.document_ids():
        ents = [r[0] for r in p.conn.execute("SELECT status FROM entities WHERE doc_id = ?", (doc_id,))]
        facts = [r[0] for r in p.conn.execute("SELECT status FROM facts WHERE doc_id = ?", (doc_id,))]
        both = ents + facts
        out[doc_id] = (
            sum(s != "rejected" for s in ents),
            sum(s != "rejected" for s in facts),
            sum(s == "suggested" for s in both),
            sum(s in ("accepted", "edited", "rejected") for s in both),
        )
    return out


def generated(tmp_path: Path, docs: int, facts: int) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from generate_project import generate
    finally:
        sys.path.pop(0)
    path = tmp_path / "gen.steppe"
    generate(path, docs, facts, seed=3)
    return path


def test_document_summaries_match_a_naive_count(tmp_path):
    path = generated(tmp_path, 60, 300)
    with Project(path) as p:
        rng = random.Random(1)
        ids = [r[0] for r in p.conn.execute("SELECT id FROM entities")]
        for i in rng.sample(ids, 200):  # statuses in every combination, some documents emptied
            p.conn.execute("UPDATE entities SET status = ? WHERE id = ?", (rng.choice(STATUSES), i))
        p.conn.execute("DELETE FROM entities WHERE doc_id IN (3, 4)")
        p.conn.execute("DELETE FROM facts WHERE doc_id IN (4, 5)")
        expected = naive_summaries(p)
        summaries = p.document_summaries()
        assert [s.id for s in summaries] == sorted(expected)
        for s in summaries:
            assert (s.n_entities, s.n_facts, s.n_suggested, s.n_reviewed) == expected[s.id], s.id
            assert s.title and s.url and s.imported_at
        some = p.document_summaries([7, 3, 4, 999_999])
        assert [s.id for s in some] == [3, 4, 7]
        assert some[1].n_entities == some[1].n_facts == 0
        assert p.document_summaries([]) == []


def test_generated_project_is_sound(tmp_path):
    path = generated(tmp_path, 40, 400)
    with Project(path) as p:
        assert p.integrity_problems() == []
        c = p.counts()
        assert c["documents"] == 40 and c["facts"] == 400 and 20 * 40 < c["entities"] < 45 * 40
        for f in p.facts()[:50]:
            doc = p.document(f.doc_id)
            assert 0 <= f.evidence_start < f.evidence_end <= len(doc.text)
        assert all(3000 <= len(p.document(d).text) <= 7000 for d in p.document_ids())
