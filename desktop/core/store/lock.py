"""One project, one writer: a lock file beside the project.

``<project>.lock`` holds the pid, host name and start time of the process that has the
project open. The lock itself is an exclusive, non-blocking ``fcntl.flock`` on that file,
held for as long as the project is open: the operating system drops it when the process
ends in any way (a crash, ``SIGKILL``, a power cut), so a stale lock never blocks anyone.
The file's contents are only there to tell the second opener who holds the lock.

Within one process, opening the same project twice shares the one lock (a reference
count): the application's own threads and windows are its own business.

API::

    lock = acquire_lock(path)          # raises LockedProjectError(holder=LockInfo | None)
    ...
    lock.release()                     # or ``with acquire_lock(path): ...``

``holder_of(path)`` reads who holds a project (``None`` when nobody does).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.store.project import ProjectError

try:
    import fcntl
except ImportError:  # not a POSIX system: projects open without a lock (``lock.supported`` False)
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class LockInfo:
    """Who holds a project open."""

    pid: int
    hostname: str
    started_at: str  # ISO 8601, UTC

    @property
    def here(self) -> bool:
        return self.hostname == socket.gethostname()

    def describe(self) -> str:
        where = "this computer" if self.here else self.hostname
        return f"process {self.pid} on {where}, since {self.started_at.replace('T', ' ')}"


class LockedProjectError(ProjectError):
    """Another process has the project open. ``holder`` says which, when it can be read."""

    def __init__(self, path: Path, holder: LockInfo | None) -> None:
        self.path = Path(path)
        self.holder = holder
        who = f" by {holder.describe()}" if holder else " by another Steppe"
        super().__init__(
            f"{self.path.name} is open{who}: close it there first."
        )


def lock_path(project_path: str | Path) -> Path:
    p = Path(project_path)
    return p.with_name(p.name + ".lock")


def _key(project_path: str | Path) -> str:
    return str(Path(project_path).resolve())


_NO_LOCKING = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}

_held: dict[str, ProjectLock] = {}
_held_guard = threading.Lock()


class ProjectLock:
    """An exclusive lock on one project, held by this process until :meth:`release`."""

    def __init__(self, project_path: Path, fd: int | None, info: LockInfo, *, supported: bool = True) -> None:
        self.project_path = project_path
        self.path = lock_path(project_path)
        self.info = info
        #: False when the file system cannot lock files (some network shares): the project is
        #: open, but another computer could open it too.
        self.supported = supported
        self._fd: int | None = fd
        self._count = 1

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Give up this holder's share; the lock goes when the last share is released."""
        with _held_guard:
            if self._fd is None:
                return
            self._count -= 1
            if self._count > 0:
                return
            _held.pop(_key(self.project_path), None)
            fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)  # the file stays (removing it would race with a new opener)
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> ProjectLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_info(path: Path) -> LockInfo | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockInfo(int(data["pid"]), str(data["hostname"]), str(data["started_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def holder_of(project_path: str | Path) -> LockInfo | None:
    """Who holds ``project_path`` open, or ``None`` when nobody does (never takes the lock)."""
    path = lock_path(project_path)
    if fcntl is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return _read_info(path)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def acquire_lock(project_path: str | Path) -> ProjectLock:
    """Take the project's lock or raise :class:`LockedProjectError` at once (never waits).

    Raises :class:`ProjectError` when the lock file cannot be created (a read-only folder).
    """
    project_path = Path(project_path)
    key = _key(project_path)
    with _held_guard:
        mine = _held.get(key)
        if mine is not None and mine.held:
            mine._count += 1
            return mine
    path = lock_path(project_path)
    if fcntl is None:
        info = LockInfo(os.getpid(), socket.gethostname(), datetime.now(UTC).isoformat(timespec="seconds"))
        return ProjectLock(project_path, None, info, supported=False)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as err:
        raise ProjectError(
            f"Cannot lock {project_path.name}: {err.strerror or err} ({path.parent})"
        ) from None
    info = LockInfo(os.getpid(), socket.gethostname(), datetime.now(UTC).isoformat(timespec="seconds"))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        os.close(fd)
        if err.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise LockedProjectError(project_path, _read_info(path)) from None
        if err.errno in _NO_LOCKING:  # some network file systems: open, but say so
            return ProjectLock(project_path, None, info, supported=False)
        raise ProjectError(f"Cannot lock {project_path.name}: {err.strerror or err}") from None
    try:
        payload = json.dumps({"pid": info.pid, "hostname": info.hostname, "started_at": info.started_at})
        os.ftruncate(fd, 0)
        os.pwrite(fd, payload.encode("utf-8"), 0)
    except OSError:
        pass  # the flock is what matters; the description is a courtesy
    lock = ProjectLock(project_path, fd, info)
    with _held_guard:
        _held[key] = lock
    return lock


__all__ = ["LockInfo", "LockedProjectError", "ProjectLock", "acquire_lock", "holder_of", "lock_path"]
