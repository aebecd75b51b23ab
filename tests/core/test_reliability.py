"""Backups, damage detection, restore and the one-writer lock (store/backup, lock, open)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.cli import main as cli_main
from desktop.core.model import Document, Entity, Fact
from desktop.core.store.backup import (
    CorruptProjectError,
    backup_dir,
    latest_good_backup,
    list_backups,
    make_backup,
    restore_backup,
    verify,
)
from desktop.core.store.lock import LockedProjectError, holder_of, lock_path
from desktop.core.store.open import open_project_safely
from desktop.core.store.project import Project, ProjectError

REPO = Path(__file__).resolve().parents[2]


def fill(path: Path, n_docs: int = 40) -> None:
    with Project(path) as p:
        for i in range(n_docs):
            text = f"Document {i}: China and Kazakhstan signed {i} agreements in Astana. " * 30
            doc = Document(None, text, title=f"Doc {i}", content_hash=hashlib.sha256(text.encode()).hexdigest())
            ents = [Entity(None, 0, text.index("China"), text.index("China") + 5, "COUNTRY", "China")]
            facts = [Fact(None, 0, "event", {"name": f"Signing {i}"}, 0, 20)]
            p.add_document(doc, ents, facts)


@pytest.fixture(autouse=True)
def default_backup_settings(monkeypatch):
    monkeypatch.delenv("STEPPE_BACKUP_INTERVAL", raising=False)
    monkeypatch.delenv("STEPPE_BACKUP_KEEP", raising=False)


@pytest.fixture
def proj(tmp_path) -> Path:
    path = tmp_path / "work.steppe"
    fill(path)
    return path


def counts(path: Path) -> dict[str, int]:
    with Project(path, read_only=True) as p:
        return p.counts()


# ----------------------------------------------------------------------------- backups


def test_open_makes_a_verified_backup_and_respects_the_interval(proj):
    with open_project_safely(proj) as opened:
        assert opened.backup is not None and opened.backup.path.parent == backup_dir(proj)
        assert opened.notice is None
    assert verify(opened.backup.path) is None
    with open_project_safely(proj) as again:  # within 10 minutes: no new backup
        assert again.backup is None
    assert len(list_backups(proj)) == 1
    with Project(opened.backup.path, read_only=True) as b:
        assert b.counts() == counts(proj)


def test_backup_interval_and_count_from_the_environment(proj, monkeypatch):
    monkeypatch.setenv("STEPPE_BACKUP_INTERVAL", "0")
    monkeypatch.setenv("STEPPE_BACKUP_KEEP", "2")
    for _ in range(4):
        open_project_safely(proj).close()
    assert len(list_backups(proj)) == 2


def test_a_new_project_in_a_new_folder(tmp_path):
    with open_project_safely(tmp_path / "a" / "b" / "new.steppe") as opened:
        assert opened.created and opened.project.counts()["documents"] == 0


def test_new_project_is_not_backed_up(tmp_path):
    with open_project_safely(tmp_path / "new.steppe") as opened:
        assert opened.created and opened.backup is None
    assert list_backups(tmp_path / "new.steppe") == []


def test_rotation_keeps_the_newest_five(proj):
    t0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    made = [make_backup(proj, now=t0 + timedelta(minutes=11 * i)) for i in range(8)]
    assert all(made)
    kept = list_backups(proj)
    assert [b.path for b in kept] == [b.path for b in reversed(made[-5:])]
    assert make_backup(proj, now=t0 + timedelta(minutes=11 * 7 + 5)) is None  # too soon
    assert make_backup(proj, now=t0 + timedelta(minutes=11 * 7 + 5), min_interval=0) is not None
    assert not list(backup_dir(proj).glob("*.partial"))


def test_background_backup(proj):
    opened = open_project_safely(proj, backup="background")
    assert opened.project.counts()["documents"] == 40  # usable while the copy runs
    b = opened.wait_for_backup(timeout=30)
    opened.close()
    assert b is not None and verify(b.path) is None


def test_latest_good_backup_skips_damaged_ones(proj):
    t0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    older = make_backup(proj, now=t0)
    newer = make_backup(proj, now=t0 + timedelta(hours=1))
    with newer.path.open("r+b") as fh:
        fh.truncate(newer.path.stat().st_size // 2)
    assert latest_good_backup(proj) == older


# ----------------------------------------------------------------------------- damage


def _damage_pages(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as fh:
        for offset in range(4096 * 3, size - 4096, 4096 * 5):
            fh.seek(offset)  # b-tree page headers and overflow chain pointers
            fh.write(b"\xfe" * 12)


@pytest.mark.parametrize("damage", ["truncate", "garbage pages", "zeroed header", "empty"])
def test_damage_is_detected_and_names_the_backup(proj, damage):
    with open_project_safely(proj) as opened:
        backup = opened.backup
    before = counts(proj)
    if damage == "truncate":
        with proj.open("r+b") as fh:
            fh.truncate(proj.stat().st_size // 3)
    elif damage == "garbage pages":
        _damage_pages(proj)
    elif damage == "zeroed header":
        with proj.open("r+b") as fh:
            fh.write(b"\x00" * 100)
    else:
        proj.write_bytes(b"")
    damaged_bytes = proj.read_bytes()
    with pytest.raises(CorruptProjectError) as info:
        open_project_safely(proj)
    err = info.value
    assert err.backup == backup and err.path == proj
    assert "is damaged" in str(err) and "steppe restore --project" in str(err)
    assert not lock_path(proj).exists() or holder_of(proj) is None  # the failed open let go of the lock
    assert proj.read_bytes() == damaged_bytes  # the check never wrote to the damaged file
    aside = restore_backup(proj, err.backup)
    assert aside is not None and aside.read_bytes() == damaged_bytes and ".damaged-" in aside.name
    with open_project_safely(proj) as opened:
        assert opened.project.counts() == before
        assert opened.project.integrity_problems() == []


def test_the_damage_check_reads_a_pending_wal_and_writes_nothing(proj):
    """Committed work still in the -wal counts; a damaged file and its -wal stay byte for byte."""
    p = Project(proj)
    p.conn.execute("PRAGMA wal_autocheckpoint = 0")
    with p.transaction() as c:
        c.execute("DELETE FROM facts WHERE id > 10")
    wal = proj.with_name(proj.name + "-wal")
    pending = wal.read_bytes()
    main_bytes = proj.read_bytes()
    p.conn.close()  # (this checkpoints: put the crash-time files back)
    proj.write_bytes(main_bytes)
    wal.write_bytes(pending)
    proj.with_name(proj.name + "-shm").unlink(missing_ok=True)
    with open_project_safely(proj, backup="off") as opened:  # a sound project with a pending WAL
        assert opened.project.counts()["facts"] == 10
    make_backup(proj)
    proj.write_bytes(main_bytes)
    wal.write_bytes(pending)
    _damage_pages(proj)
    damaged, damaged_wal = proj.read_bytes(), wal.read_bytes()
    with pytest.raises(CorruptProjectError):
        open_project_safely(proj)
    assert proj.read_bytes() == damaged and wal.read_bytes() == damaged_wal


def test_a_missing_project_with_backups_is_offered_its_backup(proj):
    with open_project_safely(proj) as opened:
        backup = opened.backup
    proj.unlink()
    with pytest.raises(CorruptProjectError, match="missing") as info:
        open_project_safely(proj)  # not silently replaced by a new, empty project
    assert info.value.backup == backup
    assert restore_backup(proj, backup) is None  # nothing to move aside
    assert counts(proj)["documents"] == 40


def test_a_hot_rollback_journal_is_recovered_not_called_damaged(tmp_path):
    """A process killed inside a transaction on a rollback-journal file (an old project)
    leaves a hot journal: the read-only check cannot replay it, the open must."""
    import shutil

    path = tmp_path / "old.steppe"
    shutil.copyfile(REPO / "tests" / "fixtures" / "project_v1.steppe", path)
    crash = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1')\n"
        "c.execute('BEGIN')\n"
        "c.execute(\"UPDATE documents SET text = text || printf('%.5000c', 'x')\")\n"
        "c.execute('DELETE FROM facts')\n"
        "os._exit(9)\n"
    )
    r = subprocess.run([sys.executable, "-c", crash, str(path)], cwd=REPO)
    assert r.returncode == 9
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    with open_project_safely(path) as opened:
        assert opened.project.counts()["facts"] == 3  # the half transaction was rolled back
        assert opened.project.integrity_problems() == []


def test_a_file_that_is_not_a_project_is_not_called_damaged(tmp_path):
    path = tmp_path / "notes.steppe"
    path.write_text("just some notes, not a database " * 10)
    with pytest.raises(ProjectError) as info:
        open_project_safely(path)
    assert not isinstance(info.value, CorruptProjectError)
    assert path.read_text().startswith("just some notes")


def test_damage_without_backup_says_so(proj):
    with proj.open("r+b") as fh:
        fh.truncate(50)
    with pytest.raises(CorruptProjectError, match="no usable backup") as info:
        open_project_safely(proj)
    assert info.value.backup is None


def test_restore_moves_a_stale_wal_aside(proj):
    backup = make_backup(proj)
    p = Project(proj)
    p.conn.execute("PRAGMA wal_autocheckpoint = 0")
    with p.transaction() as c:
        c.execute("DELETE FROM facts")
    wal = proj.with_name(proj.name + "-wal")
    stale = wal.read_bytes()
    assert stale
    p.close()
    wal.write_bytes(stale)  # as a crash would leave it
    aside = restore_backup(proj, backup)
    assert not wal.exists() and aside is not None
    assert aside.with_name(aside.name + "-wal").read_bytes() == stale
    with Project(proj) as restored:
        assert restored.counts()["facts"] == 40


def test_restore_refuses_a_damaged_backup(proj, tmp_path):
    bad = tmp_path / "bad.steppe"
    bad.write_bytes(proj.read_bytes()[:5000])
    with pytest.raises(ProjectError, match="not usable"):
        restore_backup(proj, bad)
    assert verify(proj) is None  # untouched


def test_cli_reports_damage_and_restores(proj, capsys):
    assert cli_main(["list", "--project", str(proj)]) == 0  # makes the first backup
    capsys.readouterr()
    with proj.open("r+b") as fh:
        fh.truncate(proj.stat().st_size // 2)
    assert cli_main(["list", "--project", str(proj)]) == 2
    err = capsys.readouterr().err
    assert "is damaged" in err and "a backup from" in err and f"steppe restore --project {proj}" in err
    assert cli_main(["restore", "--project", str(proj), "--list"]) == 0
    assert "ok" in capsys.readouterr().out
    assert cli_main(["restore", "--project", str(proj)]) == 0
    out = capsys.readouterr().out
    assert "restored" in out and "damaged file was kept" in out
    assert cli_main(["list", "--project", str(proj)]) == 0
    assert "40 documents" in capsys.readouterr().out


def test_cli_restores_a_chosen_backup(proj, capsys):
    t0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    older = make_backup(proj, now=t0)
    with Project(proj) as p, p.transaction() as c:
        c.execute("DELETE FROM facts")
    make_backup(proj, now=t0 + timedelta(hours=1))  # the newest has no facts
    assert cli_main(["restore", "--project", str(proj), "--backup", str(older.path)]) == 0
    assert "restored" in capsys.readouterr().out
    assert counts(proj)["facts"] == 40


def test_cli_restore_without_backups_fails_cleanly(tmp_path, capsys):
    assert cli_main(["restore", "--project", str(tmp_path / "x.steppe")]) == 2
    assert "no usable backup" in capsys.readouterr().err


# ----------------------------------------------------------------------------- the lock

HOLDER = textwrap.dedent(
    """
    import sys, time
    from desktop.core.store.open import open_project_safely
    opened = open_project_safely(sys.argv[1], backup="off")
    print("READY", flush=True)
    sys.stdin.readline()
    opened.close()
    print("CLOSED", flush=True)
    """
)


def _holder(path: Path) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "READY"
    return child


def test_a_second_process_is_refused_or_gets_read_only(proj):
    child = _holder(proj)
    try:
        with pytest.raises(LockedProjectError) as info:
            open_project_safely(proj)
        holder = info.value.holder
        assert holder is not None and holder.pid == child.pid and holder.here
        assert str(child.pid) in str(info.value)
        assert holder_of(proj) == holder
        with open_project_safely(proj, read_only_if_locked=True) as opened:
            assert opened.read_only and opened.project.read_only and opened.locked_by == holder
            assert "read-only" in opened.notice and str(child.pid) in opened.notice
            assert opened.project.counts()["documents"] == 40
            assert opened.backup is None  # the writer's business
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "CLOSED"
        with open_project_safely(proj) as opened:  # released on close
            assert not opened.read_only
    finally:
        child.kill()
        child.wait()


def test_a_killed_holder_leaves_no_stale_lock(proj):
    child = _holder(proj)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert lock_path(proj).exists()  # the file stays, the lock does not
    assert holder_of(proj) is None
    with open_project_safely(proj) as opened:
        assert not opened.read_only
        assert holder_of(proj).pid == os.getpid()


TRY_OPEN = (
    "import sys\nfrom desktop.core.store.open import open_project_safely\n"
    "try:\n    open_project_safely(sys.argv[1]).close()\n    print('opened')\n"
    "except Exception as err:\n    print(type(err).__name__)\n"
)


def _try_open_elsewhere(path: Path) -> str:
    out = subprocess.run([sys.executable, "-c", TRY_OPEN, str(path)], cwd=REPO, capture_output=True, text=True)
    return out.stdout.strip()


def test_one_process_shares_its_lock_and_releases_it_with_the_last_close(proj):
    a = open_project_safely(proj)
    b = open_project_safely(proj)
    a.close()
    assert _try_open_elsewhere(proj) == "LockedProjectError"
    b.close()
    assert _try_open_elsewhere(proj) == "opened"


def test_a_file_system_without_locks_still_opens_and_says_so(proj, monkeypatch):
    import errno

    import desktop.core.store.lock as lock_module

    def no_flock(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock_module.fcntl, "flock", no_flock)
    with open_project_safely(proj, backup="off") as opened:
        assert not opened.read_only and not opened.lock.supported
        assert "cannot lock files" in opened.notice


def test_cli_refuses_a_project_open_elsewhere(proj, capsys, tmp_path):
    make_backup(proj)
    child = _holder(proj)
    try:
        note = tmp_path / "note.txt"
        note.write_text("China and Kazakhstan signed a deal.")
        assert cli_main(["import", str(note), "--project", str(proj), "--no-extract"]) == 2
        capsys.readouterr()
        assert cli_main(["restore", "--project", str(proj)]) == 2  # never under a running window
        assert "is open by process" in capsys.readouterr().err
        assert cli_main(["list", "--project", str(proj)]) == 2
        err = capsys.readouterr().err
        assert "is open by process" in err and "close it there first" in err
    finally:
        child.kill()
        child.wait()
