"""``steppe import-workbook --project FILE IN.xlsx [--dry-run]``: bring an edited export back.

Prints the plan (edited, added, rejected, refused rows with sheet, row and reason) and
applies it as one undoable operation unless ``--dry-run``. Exit 0 when applied (or nothing
to do), 1 when applied but some rows were refused, 2 when the workbook or project cannot be
used (nothing applied).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL
from desktop.commands.common import add_project_arg, open_project
from desktop.core.export.workbook_import import WorkbookError, apply_corrections, read_corrections
from desktop.core.session import OperationError, Session
from desktop.core.store.project import ProjectError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import-workbook", help="apply the corrections of an edited Steppe workbook")
    p.add_argument("workbook", type=Path, metavar="IN.xlsx")
    add_project_arg(p)
    p.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.project is not None and not Path(args.project).exists():
        print(f"steppe: there is no project at {args.project}", file=sys.stderr)
        return EXIT_ERROR
    project = open_project(args, create=False, read_only=args.dry_run)
    if project is None:
        return EXIT_ERROR
    with project:
        try:
            plan = read_corrections(project, args.workbook)
        except WorkbookError as err:
            print(f"steppe import-workbook: {err}", file=sys.stderr)
            return EXIT_ERROR
        print(plan.describe())
        if args.dry_run:
            print("dry run: nothing was changed")
        elif plan.empty:
            print("nothing to apply")
        else:
            try:
                apply_corrections(Session(project), plan)
            except (OperationError, ProjectError) as err:
                print(f"steppe import-workbook: {err}. Nothing was changed.", file=sys.stderr)
                return EXIT_ERROR
            print(f"applied: {plan.summary()} (one step in the project's audit log)")
    return EXIT_PARTIAL if plan.refused else EXIT_OK
