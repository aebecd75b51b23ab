"""The Excel workbook analysts hand on: one sheet per fact type, entities, documents, and an About sheet.

Written with openpyxl's write-only mode (rows stream to disk; lxml makes it fast), so a
100,000-fact project exports in seconds with modest memory (``benchmarks/bench_export.py``).

Sheets
    About           project, export time, Steppe version, which facts are included, counts per
                    type and status, how to send corrections back, the label legend (colours
                    from ``resources/labels.json``) and the project's learned gazetteer.
    Trade … People & roles
                    one per fact type (``FactType.sheet``): the type's fields in registry
                    order, then Status, Confidence, Document, Evidence, Source rule and the
                    stable ``steppe_id`` at the far right.
    Entities, Documents
    Lists           (hidden) the values the drop-down validations offer (country codes …).
    _steppe         (hidden) the ids of the exported facts with a checksum of each, so that
                    an edited workbook can come back (``workbook_import``): a deleted row
                    becomes a rejection, and a row changed in Steppe after the export is not
                    overwritten.

Formatting: every data sheet is an Excel Table (TableStyleMedium2) with a filter, a frozen
bold header row and fitted column widths. Dates are dates (``yyyy-mm-dd``); periods stay text
(2023-01/2023-04 is not a date). Money is a number with ``#,##0`` and the currency in its own
column. **Change %** holds the number of percent exactly as Steppe stores it (40 means 40 %),
shown with the number format ``0.0"%"`` so the cell reads "40.0%" while its value stays 40;
type 45 for 45 % (a cell the analyst re-formats as a real Excel percentage, 0.45 shown as
45 %, is understood on import too). Confidence shows two decimals.

Safety: every text cell is a string cell, never a formula, whatever it starts with; characters
XML cannot carry are dropped; the file is written under a temporary name and moved into
place when complete (``safety.write_atomically``).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from lxml.etree import fromstring
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

import desktop
from desktop.core.countries import party_codes
from desktop.core.export.safety import ExportCancelled, ExportError, clean_text, write_atomically
from desktop.core.export.tables import MODE_TEXT, Column, ExportData, Sheet
from desktop.core.model import (
    ENTITY_LABELS,
    FACT_TYPES,
    FLOWS,
    INVESTMENT_KINDS,
    LABEL_DESCRIPTIONS,
    QUALIFIERS,
    STATUSES,
)
from desktop.core.paths import resource_path
from desktop.core.store.project import Project

#: Bumped when the layout changes in a way ``workbook_import`` must know about.
FORMAT_VERSION = 1
META_SHEET = "_steppe"
LISTS_SHEET = "Lists"
ABOUT_SHEET = "About"
TABLE_STYLE = "TableStyleMedium2"

NUMBER_FORMATS = {
    "money": "#,##0",
    "number": "General",
    "percent": '0.0"%"',
    "date": "yyyy-mm-dd",
    "confidence": "0.00",
    "int": "0",
}
MAX_WIDTH, MIN_WIDTH = 60, 6
EXCEL_MAX_ROWS = 1_048_576
PROGRESS_EVERY = 2000

BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
LINK_FONT = Font(color="0563C1", underline="single")


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    path: Path
    mode: str
    n_facts: int
    facts_by_sheet: dict[str, int] = field(default_factory=dict)
    n_entities: int = 0
    n_documents: int = 0
    seconds: float = 0.0

    def describe(self) -> str:
        per = ", ".join(f"{n} {name}" for name, n in self.facts_by_sheet.items() if n)
        return (
            f"Wrote {self.path}: {self.n_facts} fact{'s' if self.n_facts != 1 else ''}"
            f"{f' ({per})' if per else ''}, {self.n_entities} entities, {self.n_documents} documents"
        )


def label_colours() -> dict[str, str]:
    """Label → light highlight colour (``#rrggbb``) from ``resources/labels.json``."""
    try:
        scheme = json.loads(resource_path("labels.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v["light"] for k, v in scheme.items() if isinstance(v, dict) and "light" in v}


class _Cells:
    """Makes write-only cells: text always as strings, styles shared per column."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def text(self, value: Any, font: Font | None = None, fill: PatternFill | None = None) -> Any:
        if value is None:
            return None
        cell = WriteOnlyCell(self.ws, clean_text(str(value)))
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        return cell

    def number(self, value: Any, fmt: str) -> Any:
        if value is None:
            return None
        cell = WriteOnlyCell(self.ws, value)
        cell.number_format = fmt
        return cell


class _FastRows:
    """Writes a table sheet's rows straight to openpyxl's write-only XML stream.

    openpyxl builds a cell object and runs type checks for every value, which costs most of
    an export's time; here one lxml ``<row>`` element is built per row from values whose
    types the column registry already fixed. Text is always an inline *string* cell (``t``
    is never ``str`` for a formula), cleaned of characters XML cannot carry. The header row,
    styles, tables, validations and hyperlinks stay openpyxl's.
    """

    def __init__(self, ws: Any, sheet: Sheet) -> None:
        self.ws = ws
        self.kinds = [c.kind for c in sheet.columns]
        self.letters = [get_column_letter(i + 1) for i in range(len(sheet.columns))]
        self.styles: list[str | None] = []
        for c in sheet.columns:
            probe = WriteOnlyCell(ws)
            fmt = NUMBER_FORMATS.get(c.kind)
            if fmt and fmt != "General":
                probe.number_format = fmt
            if c.kind == "url":
                probe.font = LINK_FONT
            self.styles.append(str(probe.style_id) if probe.has_style else None)
        self.prefix = [f' s="{st}"' if st is not None else "" for st in self.styles]

    def install(self) -> None:
        """Route ``ws.append`` of data rows through :meth:`write_row` (call after the header)."""
        self.ws._values_to_row = lambda values, row_idx: values
        self.ws._writer.write_row = self.write_row

    def write_row(self, xf: Any, row: tuple[Any, ...], row_idx: int) -> None:
        # The row's XML is assembled as text and parsed once: about twice as fast as building
        # it element by element. Text is escaped (``\r`` too, which a parser would turn into
        # ``\n``) after dropping the characters XML cannot carry.
        r = str(row_idx)
        parts = ['<row r="', r, '">']
        for i, v in enumerate(row):
            if v is None:
                continue
            kind = self.kinds[i]
            ref = self.letters[i] + r
            style = self.prefix[i]
            if isinstance(v, str) or kind in _TEXT_KINDS:
                text = clean_text(str(v))[:32767]
                space = ' xml:space="preserve"' if text != text.strip() else ""
                if _NEEDS_ESCAPE.search(text):
                    text = escape(text, _ESCAPES)
                parts.append(f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>')
                if kind == "url" and text.lower().startswith(("http://", "https://")):
                    self.ws._hyperlinks.append(Hyperlink(ref=ref, target=text))
                continue
            if isinstance(v, date):
                number: Any = (v - _EXCEL_EPOCH).days
            elif isinstance(v, float):
                if not math.isfinite(v):
                    continue
                number = int(v) if v.is_integer() and abs(v) < 1e15 else v
            else:
                number = v
            parts.append(f'<c r="{ref}"{style} t="n"><v>{number!r}</v></c>')
        parts.append("</row>")
        xf.write(fromstring("".join(parts)))


_TEXT_KINDS = frozenset({"text", "country", "currency", "period", "choice", "status", "url"})
_ESCAPES = {"\r": "&#13;"}
_NEEDS_ESCAPE = re.compile("[&<>\r]")
_EXCEL_EPOCH = date(1899, 12, 30)


_FIXED_WIDTHS = {"date": 10, "percent": 7, "confidence": 6}


def _column_width(values: list[Any], kind: str) -> int:
    """Characters the widest value of a column needs (as Excel will show it)."""
    present = [v for v in values if v is not None]
    if not present:
        return 0
    if kind in _FIXED_WIDTHS:
        return _FIXED_WIDTHS[kind]
    texts = [v for v in present if isinstance(v, str)]
    width = max(map(len, texts)) if texts else 0
    numbers = [abs(v) for v in present if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if numbers:
        biggest = max(numbers)
        shown = f"{biggest:,.0f}" if kind == "money" else (str(int(biggest)) if kind == "int" else f"{biggest:.6g}")
        width = max(width, len(shown) + 1)
    return width


def _fit_widths(sheet: Sheet) -> list[float]:
    """Column widths from the header and every value, capped (a long sentence wraps the view, not the sheet)."""
    widths = []
    for i, c in enumerate(sheet.columns):
        content = _column_width([row[i] for row in sheet.rows], c.kind)
        widths.append(max(MIN_WIDTH, min(MAX_WIDTH, max(len(c.header) + 4, content) + 2)))
    return widths


def _validations(sheet: Sheet, lists: dict[str, str], last_row: int) -> list[DataValidation]:
    out = []
    for i, col in enumerate(sheet.columns):
        ref = None
        if col.kind == "country":
            ref = lists["country"]
        elif col.kind == "status":
            ref = lists["status"]
        elif col.kind == "choice":
            ref = lists.get(col.field or "")
        if ref is None:
            continue
        letter = get_column_letter(i + 1)
        dv = DataValidation(
            type="list", formula1=ref, allow_blank=True, showErrorMessage=True,
            errorTitle=f"{col.header}", error=f"Choose a value from the list for {col.header}.",
        )
        dv.add(f"{letter}2:{letter}{last_row}")
        out.append(dv)
    return out


def _table_name(sheet_name: str) -> str:
    return "tbl" + "".join(ch for ch in sheet_name if ch.isalnum())


def _write_table_sheet(
    ws: Any, sheet: Sheet, lists: dict[str, str], tick: Callable[[int], None]
) -> None:
    if len(sheet.rows) >= EXCEL_MAX_ROWS:
        raise ExportError(
            f"The {sheet.name} sheet would have {len(sheet.rows):,} rows, more than Excel's {EXCEL_MAX_ROWS - 1:,}:"
            " export reviewed facts only or a filtered selection, or use CSV or JSONL"
        )
    ncols = len(sheet.columns)
    for i, w in enumerate(_fit_widths(sheet), 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    cells = _Cells(ws)
    fast = _FastRows(ws, sheet)
    ws.append([cells.text(c.header, font=BOLD) for c in sheet.columns])
    fast.install()
    append = ws.append
    for n, row in enumerate(sheet.rows, 1):
        append(row)
        if n % PROGRESS_EVERY == 0:
            tick(PROGRESS_EVERY)
    tick(len(sheet.rows) % PROGRESS_EVERY)
    last = max(len(sheet.rows) + 1, 2)
    ref = f"A1:{get_column_letter(ncols)}{last}"
    table = Table(displayName=_table_name(sheet.name), ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True, showColumnStripes=False)
    table.tableColumns = [TableColumn(id=i, name=c.header) for i, c in enumerate(sheet.columns, 1)]
    table.autoFilter = AutoFilter(ref=ref)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "add table columns manually": done above
        ws.add_table(table)
    for dv in _validations(sheet, lists, last + 1000):
        ws.data_validations.append(dv)


def _write_lists(ws: Any) -> dict[str, str]:
    """The hidden Lists sheet; returns the validation formula for each list."""
    columns = {
        "country": ("Country codes", party_codes()),
        "status": ("Status", list(STATUSES)),
        "flow": ("Flow", list(FLOWS)),
        "kind": ("Kind", list(INVESTMENT_KINDS)),
        "qualifier": ("Qualifier", list(QUALIFIERS)),
    }
    cells = _Cells(ws)
    keys = list(columns)
    ws.append([cells.text(columns[k][0], font=BOLD) for k in keys])
    longest = max(len(v[1]) for v in columns.values())
    for r in range(longest):
        ws.append([cells.text(columns[k][1][r]) if r < len(columns[k][1]) else None for k in keys])
    refs = {}
    for i, k in enumerate(keys, 1):
        letter = get_column_letter(i)
        refs[k] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(columns[k][1]) + 1}"
    return refs


def _right(cell: Any) -> Any:
    """Headers over numbers line up with them."""
    cell.alignment = Alignment(horizontal="right")
    return cell


def _type_status_counts(project: Project) -> dict[tuple[str, str], int]:
    rows = project.conn.execute("SELECT type, status, COUNT(*) FROM facts GROUP BY type, status")
    return {(t, s): n for t, s, n in rows}


def _write_about(ws: Any, project: Project, data: ExportData, exported_at: str) -> None:
    cells = _Cells(ws)
    t = cells.text
    for letter, width in zip("ABCDEFGH", (30, 22, 12, 12, 12, 12, 12, 12), strict=True):
        ws.column_dimensions[letter].width = width
    ws.append([t("Steppe export", font=TITLE_FONT)])
    ws.append([])
    ws.append([t("Project", font=BOLD), t(project.name)])
    ws.append([t("Project file", font=BOLD), t(str(project.path))])
    ws.append([t("Exported at", font=BOLD), t(exported_at)])
    ws.append([t("Steppe version", font=BOLD), t(desktop.__version__)])
    ws.append([t("Facts included", font=BOLD), t(f"{MODE_TEXT[data.mode]}: {data.n_facts}")])
    ws.append([])
    ws.append([t("Facts by type and status", font=BOLD)])
    ws.append([t("Type", font=BOLD), t("Sheet", font=BOLD)]
              + [_right(t(h, font=BOLD)) for h in (*STATUSES, "total", "exported")])
    counts = _type_status_counts(project)
    for name, ft in FACT_TYPES.items():
        per = [counts.get((name, s), 0) for s in STATUSES]
        ws.append([t(ft.title), t(ft.sheet), *per, sum(per), len(data.facts_by_type.get(name, []))])
    ws.append([])
    ws.append([t("Sending corrections back", font=BOLD)])
    for line in (
        "Edit values in the fact sheets, add rows (name the Document exactly as on the Documents sheet)"
        " or delete rows, then use File → Import corrections… (or steppe import-workbook).",
        "Deleted rows become rejected facts; a Status of 'rejected' rejects, 'edited' keeps a fact as edited.",
        "Change % holds the number of percent: 40 means 40 %. Money is in units of the Currency column.",
        "Never edit the steppe_id column: it ties each row to its fact. Document, Evidence, Source rule and"
        " Confidence are for reading; changes there are ignored.",
    ):
        ws.append([None, t(line)])
    ws.append([])
    ws.append([t("Entity labels", font=BOLD)])
    colours = label_colours()
    for label in ENTITY_LABELS:
        colour = colours.get(label, "#ffffff").lstrip("#")
        fill = PatternFill(fill_type="solid", fgColor=colour, bgColor=colour)
        ws.append([t(label, font=BOLD, fill=fill), t(LABEL_DESCRIPTIONS.get(label, ""))])
    ws.append([])
    learned = project.learned_terms()
    ws.append([t("Learned gazetteer", font=BOLD), t(f"{len(learned)} strings the analyst taught this project")])
    ws.append([t("Text", font=BOLD), t("Label", font=BOLD)])
    for text, label in learned.items():
        ws.append([t(text), t(label if label else "rejected (never proposed)")])


def _write_meta(ws: Any, project: Project, data: ExportData, exported_at: str) -> None:
    cells = _Cells(ws)
    ws.append([cells.text("steppe_export"), FORMAT_VERSION, cells.text(project.name), cells.text(exported_at),
               cells.text(data.mode)])
    ids = Sheet(META_SHEET, [Column("steppe_id", "int"), Column("type", "text"), Column("fingerprint", "int")], [],
                "meta")
    fast = _FastRows(ws, ids)
    ws.append([cells.text(c.header) for c in ids.columns])
    fast.install()
    for row in data.fact_ids_out():
        ws.append(row)


def _discard(wb: Workbook) -> None:
    """Close the streams of a workbook that will not be saved and delete their temporary files
    (left to the garbage collector, openpyxl's generators close out of order and complain)."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
        out = getattr(writer, "out", None)
        if isinstance(out, str):
            with contextlib.suppress(OSError):
                os.remove(out)


def export_workbook(
    project: Project,
    path: str | Path,
    *,
    fact_ids: Sequence[int] | None = None,
    only_reviewed: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportSummary:
    """Write the project's facts to an Excel workbook at ``path``.

    ``fact_ids`` limits the export to those facts (the current table filter); ``only_reviewed``
    to accepted and edited facts. ``progress(done, total)`` is called now and then;
    ``cancelled()`` returning true stops the export (:class:`ExportCancelled`) with nothing
    written. Raises :class:`~desktop.core.export.safety.ExportError` when the file cannot be
    written; an existing file is then left as it was.
    """
    started = time.perf_counter()
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx") if not path.suffix else path
    data = ExportData(project, fact_ids, only_reviewed)
    exported_at = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
    total = max(data.n_rows(), 1)
    done = 0
    counts: dict[str, int] = {}

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        if progress is not None:
            progress(min(done, total), total)

    def write(tmp: Path) -> None:
        wb = Workbook(write_only=True)
        try:
            fill(wb, tmp)
        except BaseException:
            _discard(wb)
            raise

    def fill(wb: Workbook, tmp: Path) -> None:
        about = wb.create_sheet(ABOUT_SHEET)
        sheet_names = [ft.sheet for ft in FACT_TYPES.values()] + ["Entities", "Documents"]
        sheets = {name: wb.create_sheet(name) for name in sheet_names}
        lists_ws = wb.create_sheet(LISTS_SHEET)
        meta_ws = wb.create_sheet(META_SHEET)
        lists_ws.sheet_state = "hidden"
        meta_ws.sheet_state = "hidden"
        lists = _write_lists(lists_ws)
        _write_about(about, project, data, exported_at)
        tick(0)
        for sheet in data.sheets():
            counts[sheet.name] = len(sheet.rows)
            _write_table_sheet(sheets[sheet.name], sheet, lists, tick)
        _write_meta(meta_ws, project, data, exported_at)
        tick(0)
        wb.save(tmp)

    write_atomically(path, write)
    if progress is not None:
        progress(total, total)
    return ExportSummary(
        path=path,
        mode=data.mode,
        n_facts=data.n_facts,
        facts_by_sheet={ft.sheet: counts.get(ft.sheet, 0) for ft in FACT_TYPES.values()},
        n_entities=counts.get("Entities", 0),
        n_documents=counts.get("Documents", 0),
        seconds=time.perf_counter() - started,
    )
