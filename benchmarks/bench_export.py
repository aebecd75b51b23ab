"""Benchmark: write a 100,000-fact project to Excel (target: < 20 s, < 500 MB peak RSS).

    python benchmarks/bench_export.py [--facts 100000] [--per-doc 20] [--csv] [--jsonl]

Builds a synthetic project in a temporary folder (``desktop.core.export.sample``: every
fact type, two entities per fact), then times ``export_workbook`` alone. Peak RSS is the
process's maximum resident size (``resource.getrusage``), measured before and after the
export, so the figure includes building the project; the export's own share is printed too.

Measured on the 2-core development machine (2026-11, openpyxl 3.1.5, lxml 6.1): 100,000 facts
and 200,000 entities → 10.2–13.1 s wall (≈10 s CPU; slower while other jobs load the cores),
a 14.9 MB file, peak RSS 327 MB (50 MB before the export). CSV 3.8 s, JSONL 1.9 s.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.export.csv_export import export_csv
from desktop.core.export.jsonl import export_jsonl
from desktop.core.export.sample import make_sample_project
from desktop.core.export.xlsx import export_workbook


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=int, default=100_000)
    ap.add_argument("--per-doc", type=int, default=20)
    ap.add_argument("--csv", action="store_true", help="also time the CSV export")
    ap.add_argument("--jsonl", action="store_true", help="also time the JSONL export")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        project = make_sample_project(Path(tmp) / "bench.steppe", args.facts // args.per_doc, args.per_doc)
        counts = project.counts()
        print(f"built project: {counts['documents']} documents, {counts['facts']} facts, "
              f"{counts['entities']} entities in {time.perf_counter() - t0:.1f} s; peak RSS {peak_mb():.0f} MB")
        before = peak_mb()
        t0, c0 = time.perf_counter(), time.process_time()
        summary = export_workbook(project, Path(tmp) / "bench.xlsx")
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        size = summary.path.stat().st_size / 1e6
        print(f"xlsx: {summary.n_facts} facts, {summary.n_entities} entities in {seconds:.1f} s ({cpu:.1f} s CPU), "
              f"{size:.1f} MB file; peak RSS {peak_mb():.0f} MB (was {before:.0f} MB before the export)")
        if args.csv:
            t0 = time.perf_counter()
            export_csv(project, Path(tmp) / "csv")
            print(f"csv: {time.perf_counter() - t0:.1f} s; peak RSS {peak_mb():.0f} MB")
        if args.jsonl:
            t0 = time.perf_counter()
            export_jsonl(project, Path(tmp) / "bench.jsonl")
            print(f"jsonl: {time.perf_counter() - t0:.1f} s; peak RSS {peak_mb():.0f} MB")
        project.close()
        ok = seconds < 20 and peak_mb() < 500
        print("PASS" if ok else "FAIL", "(target: < 20 s and < 500 MB)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
