"""Making exported files safe to open and safe to write.

* Text from the news is untrusted. In a workbook every text cell is written as a string
  cell (never a formula); in a CSV file, which has no types, a text cell that starts with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with an apostrophe,
  as the OWASP guidance on CSV injection recommends (spreadsheets hide the apostrophe).
* Characters that XML 1.0 cannot carry (control characters) are dropped instead of
  crashing the export.
* A file is written beside its target under a temporary name and moved into place only
  when complete, so a failed or cancelled export leaves an existing file byte-identical.
  A target that another program holds open (an office lock file beside it), a read-only
  file or folder, or a folder with the target's name is refused before anything is written.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

#: Characters that make a spreadsheet treat a CSV cell as a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """An export that could not be written; ``str(err)`` is meant for the user."""


class ExportCancelled(ExportError):
    """The user cancelled; nothing was written."""

    def __init__(self, message: str = "Export cancelled: nothing was written") -> None:
        super().__init__(message)


_MORE_ILLEGAL = re.compile("[\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """``value`` without the characters XML 1.0 forbids: C0 controls but tab, newline and
    carriage return; lone surrogates; U+FFFE and U+FFFF."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return _MORE_ILLEGAL.sub("", value) if not value.isascii() else value


def csv_text(value: str) -> str:
    """A text cell for CSV: cleaned, and apostrophe-prefixed when it would read as a formula."""
    value = clean_text(value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def lock_files(target: Path) -> list[Path]:
    """Lock files that office programs keep beside a file they have open."""
    return [
        target.with_name(f".~lock.{target.name}#"),  # LibreOffice / OpenOffice
        target.with_name(f"~${target.name}"),  # Microsoft Office
    ]


def _read_only_mode(st: os.stat_result) -> bool:
    # Mode bits rather than os.access: os.access says "writable" to root for everything.
    return not (st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def check_target(target: Path, *, kind: str = "file") -> None:
    """Refuse a target that cannot be replaced safely; raise :class:`ExportError` saying why."""
    target = Path(target)
    folder = target.parent
    if target.exists() and target.is_dir() and kind == "file":
        raise ExportError(f"{target} is a folder: choose a file name")
    if not folder.exists():
        raise ExportError(f"The folder {folder} does not exist")
    if not folder.is_dir():
        raise ExportError(f"{folder} is not a folder")
    if _read_only_mode(folder.stat()) or not os.access(folder, os.W_OK):
        raise ExportError(f"The folder {folder} is read-only: choose another place to save")
    if kind == "file":
        for lock in lock_files(target):
            if lock.exists():
                raise ExportError(
                    f"{target.name} is open in another program (lock file {lock.name}); close it and try again"
                )
        if target.exists() and (_read_only_mode(target.stat()) or not os.access(target, os.W_OK)):
            raise ExportError(f"{target} is read-only: it was left unchanged; choose another name")


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``target``, then move it into place.

    Any exception (including :class:`ExportCancelled`) removes the temporary file and leaves
    ``target`` as it was. OS errors become :class:`ExportError`.
    """
    target = Path(target)
    check_target(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp" + target.suffix, dir=target.parent)
    except OSError as err:
        raise ExportError(f"Cannot write in {target.parent}: {err.strerror or err}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        if target.exists():
            # Keep the permissions the analyst gave the old file.
            with contextlib.suppress(OSError):
                os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except ExportError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"Cannot write {target}: {err.strerror or err}. Nothing was changed.") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
