"""How long the charts take on a large project (a benchmark, not a test).

    python benchmarks/bench_charts.py [--facts 100000] [--entities 200000]

Builds a temporary project (many documents, facts of every type and status, entities),
then times each analytics frame and each chart's redraw in an offscreen ChartsView.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.core import analytics as an
from desktop.core.countries import CENTRAL_ASIA
from desktop.core.model import Document, Entity, Fact
from desktop.core.store.project import Project

STATUSES = ("accepted", "edited", "suggested", "rejected")
PEOPLE = ("Xi Jinping", "Kassym-Jomart Tokayev", "Shavkat Mirziyoyev", "Wang Yi", "Sadyr Japarov")
ORGS = ("SCO", "MOFCOM", "NDRC", "General Administration of Customs", "Xinhua", "CNPC")


def build(path: Path, n_facts: int, n_entities: int, per_doc: int = 50) -> Project:
    rng = random.Random(7)
    project = Project(path)
    n_docs = max(1, n_facts // per_doc)
    ents_per_doc = max(1, n_entities // n_docs)
    text = "China and Kazakhstan. " * 40
    for d in range(n_docs):
        facts = []
        for _ in range(per_doc):
            r = rng.random()
            status = rng.choice(STATUSES)
            partner = rng.choice(("CA5", *CENTRAL_ASIA))
            if r < 0.5:
                period = str(rng.randint(2012, 2024)) if rng.random() < 0.8 else f"{rng.randint(2015, 2024)}-01/2023-04"
                currency = "USD" if rng.random() < 0.8 else "CNY"
                fields = {"reporter": "CHN", "partner": partner, "flow": rng.choice(("total", "export", "import")),
                          "period": period, "value": rng.uniform(1e8, 9e10), "currency": currency, "value_usd": None}
                facts.append(Fact(None, 0, "trade", fields, 0, 10, status, rng.random(), "bench"))
            elif r < 0.7:
                fields = {"investor": "CHN", "recipient": partner, "kind": rng.choice(("stock", "flow", "pledge")),
                          "period": str(rng.randint(2015, 2024)), "value": rng.uniform(1e7, 2e10), "currency": "USD"}
                facts.append(Fact(None, 0, "investment", fields, 0, 10, status, rng.random(), "bench"))
            else:
                facts.append(Fact(None, 0, "role", {"person": rng.choice(PEOPLE), "role": "President"}, 0, 10, status))
        ents = []
        for i in range(ents_per_doc):
            label, surface = rng.choice(
                [("PERSON", rng.choice(PEOPLE)), ("ORG", rng.choice(ORGS)), ("COUNTRY", "China")]
            )
            ents.append(Entity(None, 0, i, i + 1, label, surface, rng.choice(STATUSES), "bench", 1.0))
        project.add_document(Document(None, text, title=f"doc {d}", content_hash=f"bench{d}"), ents, facts)
    return project


def timed(name: str, fn):
    t0 = time.perf_counter()
    out = fn()
    print(f"{name:42} {1000 * (time.perf_counter() - t0):8.1f} ms")
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--facts", type=int, default=100_000)
    ap.add_argument("--entities", type=int, default=200_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = timed(f"build {args.facts:,} facts", lambda: build(Path(tmp) / "b.steppe", args.facts, args.entities))
        frame = timed("facts_frame (accepted+edited)", lambda: an.facts_frame(project))
        everything = timed("facts_frame (all statuses)", lambda: an.facts_frame(project, statuses=None))
        timed("trade_series (total)", lambda: an.trade_series(frame, "total"))
        timed("trade_series (all statuses)", lambda: an.trade_series(everything, "total"))
        timed("investment_by_recipient", lambda: an.investment_by_recipient(frame))
        timed("review_progress", lambda: an.review_progress(project))
        timed("top_actors", lambda: an.top_actors(project))

        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        from desktop.core.session import Session

        session = Session(project)
        view = timed("ChartsView created (imports pyqtgraph)", lambda: __import__(
            "desktop.ui.charts", fromlist=["ChartsView"]).ChartsView(session))
        view.resize(1400, 900)
        view.show()
        app.processEvents()
        for key in view.charts:
            view.show_chart(key)
            app.processEvents()
            view.invalidate()
            timed(f"redraw {key} (cold)", lambda key=key: view.refresh({key}))
            timed(f"redraw {key} (cached facts)", lambda key=key: view.refresh({key}))
        some = [f.id for f in project.facts(statuses=("suggested",))[:20]]
        session.set_fact_status(some, "accepted")
        view.show_chart("trade")
        timed("redraw trade after accepting 20 facts", lambda: view.refresh({"trade"}))
        timed("export all as PNG", lambda: view.export_all(Path(tmp) / "png"))
        view.shutdown()
        project.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
