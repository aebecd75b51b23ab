"""Rotating backups of a project, damage detection and restore.

Backups live in ``<project>.backups/`` beside the project, named
``<stem>-YYYYMMDD-HHMMSS.steppe`` (UTC). They are written with SQLite's online backup API
(a consistent snapshot even while the project is in use) into a temporary file that is
moved into place only when complete, so a crash during a backup never leaves a half
backup that looks real. The last :data:`KEEP` are kept.

API::

    make_backup(path, *, keep=5, min_interval=600)  -> Backup | None   (None: a recent one exists)
    list_backups(path)                              -> [Backup], newest first
    latest_good_backup(path)                        -> Backup | None   (PRAGMA integrity_check passes)
    check_not_damaged(path)                         raises CorruptProjectError(path, backup, detail)
    restore_backup(path, backup)                    -> Path of the damaged file, moved aside

``restore_backup`` never deletes anything: the damaged project (and its ``-wal``/``-shm``
companions) are renamed ``<name>.damaged-<timestamp>`` and the backup is copied into place.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.store.project import ProjectError, check_project_file

#: How many backups are kept per project.
KEEP = 5
#: No new backup if the newest is younger than this many seconds.
MIN_INTERVAL = 600.0

#: ``CorruptProjectError.detail`` when the project file is gone but its backups are not.
MISSING = "the project file is missing"

_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.*)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.steppe$")


class CorruptProjectError(ProjectError):
    """The project file is damaged. ``backup`` is the newest backup that checks out, if any."""

    def __init__(self, path: Path, backup: Backup | None, detail: str) -> None:
        self.path = Path(path)
        self.backup = backup
        self.detail = detail
        if backup is not None:
            advice = (
                f"; a backup from {backup.describe_time()} exists: "
                f"run `steppe restore --project {self.path}`"
            )
        else:
            advice = "; no usable backup was found"
        what = "is missing" if detail == MISSING else f"is damaged ({detail})"
        super().__init__(f"{self.path} {what}{advice}")


@dataclass(frozen=True)
class Backup:
    path: Path
    created: datetime  # UTC

    def describe_time(self) -> str:
        local = self.created.astimezone()
        return local.strftime("%Y-%m-%d %H:%M")


def backup_dir(project_path: str | Path) -> Path:
    p = Path(project_path)
    return p.with_name(p.name + ".backups")


def list_backups(project_path: str | Path) -> list[Backup]:
    """The project's backups, newest first (temporary and foreign files are ignored)."""
    folder = backup_dir(project_path)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    out = []
    for name in names:
        m = _NAME.match(name)
        if not m:
            continue
        try:
            created = datetime.strptime(m["stamp"], _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        out.append((created, int(m["n"] or 0), Backup(folder / name, created)))
    out.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [b for _, _, b in out]


def verify(path: str | Path, *, quick: bool = False) -> str | None:
    """``None`` if ``path`` is a sound Steppe project, else the problem (never writes to it)."""
    path = Path(path)
    try:
        check_project_file(path)
    except ProjectError as err:
        return str(err)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as err:
        return str(err)
    try:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
        if rows != ["ok"]:
            return "; ".join(rows[:3])
        conn.execute("SELECT COUNT(*) FROM documents").fetchone()
        return None
    except sqlite3.Error as err:
        return str(err)
    finally:
        conn.close()


def latest_good_backup(project_path: str | Path) -> Backup | None:
    """The newest backup that passes ``PRAGMA integrity_check`` (damaged ones are skipped)."""
    for b in list_backups(project_path):
        if verify(b.path) is None:
            return b
    return None


def make_backup(
    project_path: str | Path,
    *,
    source: sqlite3.Connection | None = None,
    keep: int = KEEP,
    min_interval: float = MIN_INTERVAL,
    now: datetime | None = None,
) -> Backup | None:
    """Copy the project into its backups folder, unless the newest backup is younger than
    ``min_interval`` seconds; then drop all but the ``keep`` newest. Returns the new backup.

    ``source`` is an open connection to the project (else one is opened read-only).
    Raises :class:`ProjectError` if the backup cannot be written (the project is untouched).
    """
    project_path = Path(project_path)
    now = now or datetime.now(UTC)
    existing = list_backups(project_path)
    if existing and min_interval > 0:
        age = (now - existing[0].created).total_seconds()
        if 0 <= age < min_interval:
            return None
    folder = backup_dir(project_path)
    stem = project_path.stem
    name = f"{stem}-{now.strftime(_STAMP)}.steppe"
    n = 1
    while (folder / name).exists():
        name = f"{stem}-{now.strftime(_STAMP)}-{n}.steppe"
        n += 1
    target = folder / name
    tmp = folder / (name + ".partial")
    own = source is None
    try:
        folder.mkdir(exist_ok=True)
        tmp.unlink(missing_ok=True)
        if own:
            source = sqlite3.connect(f"{project_path.resolve().as_uri()}?mode=ro", uri=True)
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
            # a backup is a self-contained file: no -wal beside it
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as err:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise ProjectError(f"Cannot back up {project_path.name}: {getattr(err, 'strerror', None) or err}") from None
    finally:
        if own and source is not None:
            source.close()
    for old in list_backups(project_path)[max(keep, 1):]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    for leftover in folder.glob("*.partial"):  # from a crash during an earlier backup
        with contextlib.suppress(OSError):
            leftover.unlink()
    return Backup(target, now.replace(microsecond=0))


def check_not_damaged(project_path: str | Path, *, level: str = "quick") -> None:
    """Raise :class:`CorruptProjectError` if the project file is damaged; plain
    :class:`ProjectError` if it is not a project at all (and has no backups) or too new.

    Damage: an empty or truncated file, a file whose header was overwritten (when the project
    has backups), or one that fails ``PRAGMA quick_check`` (``level="full"``: integrity_check;
    ``"header"``: the header only). Never writes to the file.
    """
    project_path = Path(project_path)
    try:
        check_project_file(project_path)
    except ProjectError as err:
        msg = str(err)
        if "newer Steppe" in msg or "Cannot read" in msg:
            raise
        damaged = "empty" in msg or "truncated" in msg
        backup = latest_good_backup(project_path)
        if damaged or backup is not None:
            raise CorruptProjectError(project_path, backup, _detail(msg)) from None
        raise
    if level == "header":
        return
    problem = _check_database(project_path, quick=level != "full")
    if problem is not None:
        raise CorruptProjectError(project_path, latest_good_backup(project_path), problem)


def _detail(message: str) -> str:
    for key, detail in (
        ("empty", "the file is empty"),
        ("truncated", "the file is truncated"),
        ("not an SQLite", "the file header is not a database's"),
        ("not a Steppe", "the file header is not a Steppe project's"),
    ):
        if key in message:
            return detail
    return message


def _check_database(path: Path, *, quick: bool) -> str | None:
    """Run SQLite's check on the file as it would be opened (a ``-wal`` beside it included).

    Read-only first: a pending WAL is read but never checkpointed into a damaged file. A
    crash can leave recovery that needs writing (a hot rollback journal, a WAL without its
    index): then the check runs again through a normal connection, which recovers the file
    exactly as opening the project would.
    """
    problem = _run_check(f"{path.resolve().as_uri()}?mode=ro", quick)
    if problem is not None and _needs_write(problem):
        problem = _run_check(str(path), quick, uri=False)
    return problem


def _needs_write(problem: str) -> bool:
    low = problem.lower()
    return "readonly" in low or "read-only" in low or "unable to open" in low


def _run_check(target: str, quick: bool, uri: bool = True) -> str | None:
    try:
        conn = sqlite3.connect(target, uri=uri, isolation_level=None)
    except sqlite3.Error as err:
        return f"database check failed: {err}"
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check")]
        if rows != ["ok"]:
            return "database check failed: " + "; ".join(rows[:3])
        conn.execute("SELECT COUNT(*) FROM documents").fetchone()
        return None
    except sqlite3.DatabaseError as err:
        return f"database check failed: {err}"
    finally:
        conn.close()


_COMPANIONS = ("-wal", "-shm", "-journal")


def restore_backup(project_path: str | Path, backup: Backup | str | Path) -> Path | None:
    """Put ``backup`` in place of the project. The damaged file (with its ``-wal``/``-shm``)
    is moved aside to ``<name>.damaged-<timestamp>``, never deleted; returns that path
    (``None`` when there was no project file). The caller must not have the project open.
    """
    project_path = Path(project_path)
    source = backup.path if isinstance(backup, Backup) else Path(backup)
    problem = verify(source)
    if problem is not None:
        raise ProjectError(f"The backup {source.name} is not usable either: {problem}")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = project_path.with_name(f"{project_path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        aside = project_path.with_name(f"{project_path.name}.damaged-{stamp}-{n}")
        n += 1
    tmp = project_path.with_name(project_path.name + ".restoring")
    try:
        shutil.copyfile(source, tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        moved = None
        if project_path.exists():
            os.replace(project_path, aside)
            moved = aside
        for suffix in _COMPANIONS:  # a stale WAL must never be replayed onto the backup
            companion = project_path.with_name(project_path.name + suffix)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + suffix))
        os.replace(tmp, project_path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise ProjectError(f"Cannot restore {project_path.name}: {err.strerror or err}") from None
    return moved


__all__ = [
    "KEEP",
    "MIN_INTERVAL",
    "Backup",
    "CorruptProjectError",
    "backup_dir",
    "check_not_damaged",
    "latest_good_backup",
    "list_backups",
    "make_backup",
    "restore_backup",
    "verify",
]
