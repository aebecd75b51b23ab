"""CSV export: one UTF-8 file with a byte-order mark per sheet (Excel then reads the accents right).

CSV has no types, so the workbook's protection (string cells) cannot carry over: a text
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with
a leading apostrophe (the OWASP guidance on CSV injection); spreadsheets show the text
without it. Numbers are written as numbers (``70200000000``, ``-12.5``), dates as ISO dates.
Each file is written under a temporary name and moved into place when complete.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.export.safety import ExportCancelled, ExportError, check_target, csv_text, write_atomically
from desktop.core.export.tables import ExportData, Sheet
from desktop.core.store.project import Project

NUMERIC_KINDS = ("money", "number", "percent", "confidence", "int")


def csv_file_name(sheet_name: str) -> str:
    """``People & roles`` → ``people_roles.csv``."""
    words = "".join(ch.lower() if ch.isalnum() else " " for ch in sheet_name).split()
    return "_".join(words) + ".csv"


def _value(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return csv_text(str(value))
    if isinstance(value, float) and kind in NUMERIC_KINDS:
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, int) and kind in NUMERIC_KINDS:
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return csv_text(str(value))


def write_sheet_csv(sheet: Sheet, path: Path) -> None:
    kinds = [c.kind for c in sheet.columns]

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow([csv_text(c.header) for c in sheet.columns])
            for row in sheet.rows:
                w.writerow([_value(v, kinds[i]) for i, v in enumerate(row)])

    write_atomically(path, write)


def export_csv(
    project: Project,
    folder: str | Path,
    *,
    fact_ids: Sequence[int] | None = None,
    only_reviewed: bool = False,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """Write one CSV file per sheet into ``folder`` (created if missing); return the files."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file, not a folder: choose a folder for the CSV files")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"Cannot create the folder {folder}: {err.strerror or err}") from None
    check_target(folder / "x.csv", kind="folder")
    data = ExportData(project, fact_ids, only_reviewed)
    written = []
    for sheet in data.sheets():
        if cancelled is not None and cancelled():
            raise ExportCancelled("Export cancelled: files already written were kept")
        path = folder / csv_file_name(sheet.name)
        write_sheet_csv(sheet, path)
        written.append(path)
    return written
