"""``steppe list [--project FILE]``: the project's documents, one per line."""

from __future__ import annotations

import argparse

from desktop.cli import EXIT_ERROR, EXIT_OK
from desktop.commands.common import add_project_arg, open_project


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list the documents of a project")
    add_project_arg(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = open_project(args, create=False, read_only=False)
    if project is None:
        return EXIT_ERROR
    with project:
        summaries = project.document_summaries()
    print(f"{'id':>5}  {'published':10}  {'entities':>8}  {'facts':>5}  {'review':11}  title")
    for d in summaries:
        print(f"{d.id:>5}  {d.published or '—':10}  {d.n_entities:>8}  {d.n_facts:>5}  {d.review_state:11}  {d.title}")
    print(f"{len(summaries)} document{'s' if len(summaries) != 1 else ''}")
    return EXIT_OK
