"""Pieces every subcommand shares: the --project option and opening the project."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.core.paths import default_project_path
from desktop.core.store.open import open_project_safely
from desktop.core.store.project import Project, ProjectError


def add_project_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--project", type=Path, default=None, metavar="FILE",
        help="the project file (.steppe); default: the user's default project",
    )


def open_project(args: argparse.Namespace, *, create: bool = True, read_only: bool = False) -> Project | None:
    """Open the project named by ``--project``; print the reason and return None if it cannot be.

    Opens through :func:`open_project_safely`: the project is locked while open (the lock goes
    with ``project.close()``), checked for damage (the message names a backup and
    ``steppe restore``) and backed up at most every 10 minutes.
    """
    path = args.project or default_project_path()
    try:
        return open_project_safely(path, create=create, read_only=read_only).project
    except ProjectError as err:
        print(f"steppe: {err}", file=sys.stderr)
        return None
