"""``steppe import PATH… [--project FILE]``: import files and folders, one line per file."""

from __future__ import annotations

import argparse
import sys

from desktop.cli import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL
from desktop.commands.common import add_project_arg, open_project
from desktop.core.importer import FAILED, import_paths
from desktop.core.store.project import ProjectError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import documents (.txt .html .md .docx .pdf, or folders)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    add_project_arg(p)
    p.add_argument("--no-extract", action="store_true", help="store the documents without extracting")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = open_project(args)
    if project is None:
        return EXIT_ERROR
    with project:
        try:
            results = import_paths(project, args.paths, extract=not args.no_extract)
        except ProjectError as err:
            print(f"steppe: {err}", file=sys.stderr)
            return EXIT_ERROR
    for r in results:
        detail = f" ({r.reason})" if r.reason else ""
        line = f"{r.status:9} {r.path}{detail}"
        print(line, file=sys.stderr if r.status == FAILED else sys.stdout)
    counts = {s: sum(r.status == s for r in results) for s in ("imported", "duplicate", "failed")}
    print(f"{counts['imported']} imported, {counts['duplicate']} duplicate, {counts['failed']} failed"
          f" → {project.path}")
    if not results:
        return EXIT_ERROR
    return EXIT_PARTIAL if counts["failed"] else EXIT_OK
