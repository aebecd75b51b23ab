"""Run every ``benchmarks/bench_*.py`` and collect their output in one report.

    python benchmarks/run_all.py [--only scale,export] [--timeout 1800] [--out bench-out/report.txt]

Each benchmark runs in its own process (``QT_QPA_PLATFORM=offscreen``), one after the other
(they would disturb each other's timings in parallel). The report starts with the machine
(CPU, cores, RAM, Python, Qt) and ends with each benchmark's wall time and exit status. A
benchmark that fails or times out is reported, and the others still run.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def machine() -> list[str]:
    cpu = "?"
    try:
        for row in Path("/proc/cpuinfo").read_text().splitlines():
            if row.startswith("model name"):
                cpu = row.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for row in Path("/proc/meminfo").read_text().splitlines():
            if row.startswith("MemTotal"):
                ram = f"{int(row.split()[1]) / 1024 / 1024:.1f} GB"
                break
    except (OSError, ValueError):
        pass
    try:
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    try:
        import PySide6
        from PySide6 import QtCore

        qt = f"PySide6 {PySide6.__version__}, Qt {QtCore.qVersion()}"
    except ImportError:
        qt = "PySide6 not installed"
    return [
        f"date:    {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"cpu:     {cpu} × {os.cpu_count()} (nproc {len(os.sched_getaffinity(0))})",
        f"ram:     {ram}",
        f"os:      {platform.platform()}",
        f"python:  {platform.python_version()} ({sys.executable})",
        f"qt:      {qt}",
        f"load:    {load} (1/5/15 min, at the start)",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="run every benchmarks/bench_*.py")
    ap.add_argument("--only", default="", help="comma-separated names (e.g. scale,export)")
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--out", type=Path, default=ROOT / "bench-out" / "report.txt")
    args = ap.parse_args(argv)
    wanted = {w.strip() for w in args.only.split(",") if w.strip()}
    scripts = sorted(HERE.glob("bench_*.py"))
    if wanted:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in wanted or s.stem in wanted]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    report = ["Steppe benchmarks", *machine(), ""]
    print("\n".join(report), flush=True)
    summary = []
    for script in scripts:
        header = f"==== {script.name} " + "=" * max(0, 60 - len(script.name))
        print(header, flush=True)
        t0 = time.perf_counter()
        try:
            r = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env, capture_output=True,
                               text=True, timeout=args.timeout)
            out, err, status = r.stdout, r.stderr, f"exit {r.returncode}"
        except subprocess.TimeoutExpired as exc:
            out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
            err, status = "", f"timed out after {args.timeout:.0f} s"
        took = time.perf_counter() - t0
        print(out, end="" if out.endswith("\n") else "\n", flush=True)
        if status != "exit 0" and err:
            print("stderr (tail):\n" + "\n".join(err.strip().splitlines()[-15:]), flush=True)
        report += [header, out.rstrip("\n")]
        if status != "exit 0":
            report.append("stderr (tail):\n" + "\n".join(err.strip().splitlines()[-15:]))
        summary.append(f"{script.name:28} {took:8.1f} s   {status}")
    tail = ["", "==== summary " + "=" * 52, *summary]
    print("\n".join(tail), flush=True)
    report += tail
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"report written to {args.out}")
    return 0 if all(s.endswith("exit 0") for s in summary) else 1


if __name__ == "__main__":
    raise SystemExit(main())
