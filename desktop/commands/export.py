"""``steppe export --project FILE [--xlsx OUT] [--csv DIR] [--jsonl OUT] [--only-reviewed]``.

Writes any combination of the three formats and prints one line per file written. Exit 0
when everything was written, 1 when some format failed and another was written, 2 when
nothing could be done (no format chosen, the project cannot be opened, every target refused).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL
from desktop.commands.common import add_project_arg, open_project
from desktop.core.export.csv_export import export_csv
from desktop.core.export.jsonl import export_jsonl
from desktop.core.export.safety import ExportError
from desktop.core.export.xlsx import export_workbook
from desktop.core.store.project import ProjectError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export the facts as an Excel workbook, CSV files and/or JSON Lines")
    add_project_arg(p)
    p.add_argument("--xlsx", type=Path, metavar="OUT", help="write an Excel workbook (.xlsx)")
    p.add_argument("--csv", type=Path, metavar="DIR", help="write one CSV file per sheet into DIR")
    p.add_argument("--jsonl", type=Path, metavar="OUT", help="write one JSON object per document")
    p.add_argument("--only-reviewed", action="store_true", help="only accepted and edited facts")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not (args.xlsx or args.csv or args.jsonl):
        print("steppe export: choose at least one of --xlsx OUT, --csv DIR, --jsonl OUT", file=sys.stderr)
        return EXIT_ERROR
    if args.project is not None and not Path(args.project).exists():
        print(f"steppe: there is no project at {args.project}", file=sys.stderr)
        return EXIT_ERROR
    project = open_project(args, create=False, read_only=True)
    if project is None:
        return EXIT_ERROR
    ok = failed = 0
    with project:
        jobs = []
        if args.xlsx:
            jobs.append(("xlsx", lambda: [export_workbook(project, args.xlsx, only_reviewed=args.only_reviewed).describe()]))
        if args.csv:
            jobs.append(("csv", lambda: [f"Wrote {p}" for p in export_csv(project, args.csv, only_reviewed=args.only_reviewed)]))
        if args.jsonl:
            jobs.append(("jsonl", lambda: [
                f"Wrote {args.jsonl}: {export_jsonl(project, args.jsonl, only_reviewed=args.only_reviewed)} documents"
            ]))
        for name, job in jobs:
            try:
                for line in job():
                    print(line)
                ok += 1
            except (ExportError, ProjectError) as err:
                print(f"steppe export ({name}): {err}", file=sys.stderr)
                failed += 1
    if failed and not ok:
        return EXIT_ERROR
    return EXIT_PARTIAL if failed else EXIT_OK
