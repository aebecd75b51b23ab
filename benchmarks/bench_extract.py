"""Extraction throughput: words per second of ``extract()`` on one core.

Builds a corpus of at least 5 MB by repeating the seed articles (``../shared/seeds`` beside the
repository, when present) and the project's own test articles, runs extraction document by
document (entities, and facts when the facts module exists) and prints words/s.

    python benchmarks/bench_extract.py [--mb 5] [--entities-only]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.extract.pipeline import extract, extract_entities  # noqa: E402

TARGET_WORDS_PER_S = 100_000


def corpus_texts() -> list[str]:
    dirs = [ROOT.parent / "shared" / "seeds", ROOT / "tests" / "data" / "texts"]
    texts = []
    for d in dirs:
        if d.is_dir():
            texts += [p.read_bytes().decode("utf-8-sig") for p in sorted(d.glob("*.txt"))]
    if not texts:
        raise SystemExit("no texts found for the benchmark")
    return texts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--entities-only", action="store_true", help="time entity extraction only")
    args = ap.parse_args(argv)
    base = corpus_texts()
    docs: list[str] = []
    size = 0
    while size < args.mb * 1_000_000:
        for t in base:
            docs.append(t)
            size += len(t.encode("utf-8"))
    words = sum(len(t.split()) for t in docs)
    extract_entities(base[0])  # compile the gazetteer and patterns outside the timing
    t0 = time.perf_counter()
    c0 = time.process_time()
    n_ent = n_facts = 0
    for t in docs:
        if args.entities_only:
            n_ent += len(extract_entities(t))
        else:
            ex = extract(t)
            n_ent += len(ex.entities)
            n_facts += len(ex.facts)
    wall = time.perf_counter() - t0
    dt = time.process_time() - c0  # CPU time of this one process: robust to a busy machine
    wps = words / dt
    what = "entities" if args.entities_only else "entities+facts"
    print(
        f"{len(docs)} documents, {size / 1e6:.1f} MB, {words:,} words: {dt:.2f} s CPU ({wall:.2f} s wall), "
        f"{wps:,.0f} words/s ({what}; {n_ent:,} entities, {n_facts:,} facts); target {TARGET_WORDS_PER_S:,}"
    )
    return 0 if wps >= TARGET_WORDS_PER_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
