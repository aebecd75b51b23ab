"""Opening a project the safe way: lock, damage check, backup. For the CLI and the window.

::

    from desktop.core.store.open import open_project_safely
    from desktop.core.store.backup import CorruptProjectError, restore_backup
    from desktop.core.store.lock import LockedProjectError

    try:
        opened = open_project_safely(path, read_only_if_locked=True)
    except CorruptProjectError as err:
        # err.path; err.detail (what is wrong); err.backup: Backup | None (.path, .created,
        # .describe_time()). Offer "Restore the backup from {err.backup.describe_time()}?";
        # on yes: restore_backup(err.path, err.backup), then open_project_safely again.
        ...
    except LockedProjectError as err:      # only without read_only_if_locked=True
        ...                                # err.holder: LockInfo | None (.pid, .hostname, .started_at)
    except ProjectError as err:            # not a project, a newer format, unreadable…
        ...                                # str(err) is the message for the user
    project = opened.project               # a desktop.core.store.project.Project
    if opened.notice:                      # e.g. read-only because another process has it open
        show_banner(opened.notice)
    ...
    opened.close()                         # or project.close(): both release the lock

What happens, in order:

1. **Lock** (``lock.py``): ``<project>.lock`` is flocked for as long as the project is open.
   If another process holds it: :class:`LockedProjectError`, or with
   ``read_only_if_locked=True`` the project opens read-only and ``opened.locked_by`` says who
   has it (``opened.read_only`` is then ``True``). ``read_only=True`` takes no lock.
2. **Damage check** (``backup.check_not_damaged``): the file header and
   ``PRAGMA quick_check`` (``check="full"``: integrity_check; ``"header"``: header only, for
   huge projects). Damage raises :class:`CorruptProjectError` naming the latest good backup;
   so does a project file that went missing while its backups are there (``err.detail``).
3. **Open** :class:`Project` (which migrates an older format; a backup is taken first,
   whatever the interval, so the old file can be recovered).
4. **Backup** (``backup.make_backup``): at most one per open, none if the newest backup is
   younger than ``backup_interval`` seconds (default 10 minutes, or ``$STEPPE_BACKUP_INTERVAL``);
   the newest ``keep`` (5, or ``$STEPPE_BACKUP_KEEP``) are kept. ``backup="background"``
   copies in a thread with its own connection (the project is usable at once;
   ``opened.wait_for_backup()`` joins it); ``backup="off"`` skips it.
   A failed backup never stops the open: ``opened.backup_error`` holds the reason.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.store import schema
from desktop.core.store.backup import (
    KEEP,
    MIN_INTERVAL,
    MISSING,
    Backup,
    CorruptProjectError,
    check_not_damaged,
    latest_good_backup,
    list_backups,
    make_backup,
)
from desktop.core.store.lock import LockedProjectError, LockInfo, ProjectLock, acquire_lock
from desktop.core.store.project import Project, ProjectError


@dataclass
class OpenedProject:
    """A project opened by :func:`open_project_safely`, with what the opener should know."""

    project: Project
    read_only: bool
    locked_by: LockInfo | None = None  # set when opened read-only because another process has it
    created: bool = False
    backup: Backup | None = None  # the backup this open made (None: none was due, or background)
    backup_error: str | None = None
    lock: ProjectLock | None = None
    _thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def notice(self) -> str | None:
        """A sentence for a banner, or ``None`` when there is nothing to say."""
        if self.locked_by is not None:
            return (
                f"{self.project.path.name} is open in another Steppe ({self.locked_by.describe()}): "
                "it is shown read-only and changes are not saved here."
            )
        if self.read_only:
            return f"{self.project.path.name} is open read-only: changes are not saved."
        if self.lock is not None and not self.lock.supported:
            return (
                f"The folder of {self.project.path.name} cannot lock files: make sure no other Steppe "
                "has this project open."
            )
        if self.backup_error:
            return f"The automatic backup failed: {self.backup_error}"
        return None

    def wait_for_backup(self, timeout: float | None = None) -> Backup | None:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.backup

    def close(self) -> None:
        self.wait_for_backup()
        self.project.close()  # releases the lock (registered with call_on_close)

    def __enter__(self) -> OpenedProject:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _env_number(name: str, default: float) -> float:
    try:
        return max(0.0, float(os.environ.get(name, default)))
    except ValueError:
        return default


def _file_version(path: Path) -> int | None:
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError:
        return None
    return int.from_bytes(head[60:64], "big") if len(head) == 100 else None


def open_project_safely(
    path: str | Path,
    *,
    create: bool = True,
    read_only: bool = False,
    read_only_if_locked: bool = False,
    check: str = "quick",
    backup: str = "sync",
    backup_interval: float | None = None,
    keep: int | None = None,
) -> OpenedProject:
    """Lock, check, open and back up a project; see the module docstring.

    Raises :class:`~desktop.core.store.backup.CorruptProjectError`,
    :class:`~desktop.core.store.lock.LockedProjectError` or
    :class:`~desktop.core.store.project.ProjectError` (all ``ProjectError``; ``str(err)`` is
    a message for the user).
    """
    if backup_interval is None:
        backup_interval = _env_number("STEPPE_BACKUP_INTERVAL", MIN_INTERVAL)
    if keep is None:
        keep = int(_env_number("STEPPE_BACKUP_KEEP", KEEP))
    if check not in ("quick", "full", "header"):
        raise ValueError(f"check must be quick, full or header, not {check!r}")
    if backup not in ("sync", "background", "off"):
        raise ValueError(f"backup must be sync, background or off, not {backup!r}")
    path = Path(path)
    exists = path.exists()
    if not exists:
        backup_left = latest_good_backup(path) if list_backups(path) else None
        if backup_left is not None:  # the file went missing, its backups did not: offer them
            raise CorruptProjectError(path, backup_left, MISSING)
        if read_only or not create:
            raise ProjectError(f"There is no project at {path}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)  # the lock file goes beside the project
        except OSError as err:
            raise ProjectError(f"Cannot create {path}: {err.strerror or err}") from None
    lock: ProjectLock | None = None
    locked_by: LockInfo | None = None
    if not read_only:
        try:
            lock = acquire_lock(path)
        except LockedProjectError as err:
            if not (read_only_if_locked and exists):
                raise
            read_only, locked_by = True, err.holder
    try:
        if exists:
            check_not_damaged(path, level=check)
            version = _file_version(path)
            if not read_only and backup != "off" and version is not None and version < schema.SCHEMA_VERSION:
                make_backup(path, keep=keep, min_interval=0)  # before the upgrade, whatever the interval
        project = Project(path, create=create, read_only=read_only)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if lock is not None:
        project.call_on_close(lock.release)
    opened = OpenedProject(project, read_only, locked_by, created=not exists, lock=lock)
    if exists and not read_only and backup != "off":
        if backup == "sync":
            try:
                opened.backup = make_backup(path, source=project.conn, keep=keep, min_interval=backup_interval)
            except ProjectError as err:
                opened.backup_error = str(err)
        else:
            opened._thread = threading.Thread(
                target=_background_backup, args=(opened, path, keep, backup_interval),
                name="steppe-backup", daemon=True,
            )
            opened._thread.start()
    return opened


def _background_backup(opened: OpenedProject, path: Path, keep: int, interval: float) -> None:
    try:
        source = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            source.execute("PRAGMA busy_timeout = 5000")
            opened.backup = make_backup(path, source=source, keep=keep, min_interval=interval)
        finally:
            source.close()
    except (ProjectError, sqlite3.Error) as err:
        opened.backup_error = str(err)


__all__ = ["OpenedProject", "open_project_safely"]
