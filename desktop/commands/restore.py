"""``steppe restore --project FILE [--backup PATH] [--list]``: put a backup in place of a damaged project.

Without ``--backup`` the newest backup that passes SQLite's integrity check is used. The
damaged file is moved aside (``<name>.damaged-<timestamp>``), never deleted.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC
from pathlib import Path

from desktop.cli import EXIT_ERROR, EXIT_OK
from desktop.commands.common import add_project_arg
from desktop.core.paths import default_project_path
from desktop.core.store.backup import Backup, latest_good_backup, list_backups, restore_backup, verify
from desktop.core.store.lock import acquire_lock
from desktop.core.store.project import ProjectError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("restore", help="restore a damaged project from its newest good backup")
    add_project_arg(p)
    p.add_argument("--backup", type=Path, default=None, metavar="PATH",
                   help="restore this backup rather than the newest good one")
    p.add_argument("--list", action="store_true", help="list the backups and whether each is usable")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path: Path = args.project or default_project_path()
    if args.list:
        backups = list_backups(path)
        for b in backups:
            problem = verify(b.path)
            print(f"{b.describe_time()}  {'ok     ' if problem is None else 'DAMAGED'}  {b.path}")
        print(f"{len(backups)} backup{'s' if len(backups) != 1 else ''} of {path}")
        return EXIT_OK
    if args.backup is not None:
        backup: Backup | None = Backup(args.backup, _created(args.backup))
    else:
        backup = latest_good_backup(path)
        if backup is None:
            print(f"steppe: no usable backup of {path} was found", file=sys.stderr)
            return EXIT_ERROR
    try:
        with acquire_lock(path):
            aside = restore_backup(path, backup)
    except ProjectError as err:
        print(f"steppe: {err}", file=sys.stderr)
        return EXIT_ERROR
    print(f"restored {path} from the backup of {backup.describe_time()} ({backup.path})")
    if aside is not None:
        print(f"the damaged file was kept as {aside}")
    return EXIT_OK


def _created(path: Path):
    from datetime import datetime

    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return datetime.now(UTC)
