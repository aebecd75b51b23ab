"""Corrections that come back from Excel: read an exported workbook an analyst edited.

:func:`read_corrections` compares each fact sheet with the project and plans

* **edits** — a row with a ``steppe_id`` whose field cells differ from the fact (only the
  changed fields are sent; the fact becomes *edited*);
* **additions** — a row without an id; its Document cell must name a document of the
  project exactly as the Documents sheet does (case and spacing aside), otherwise the row
  is refused. When its Evidence cell is a sentence of that document, the new fact points at it;
* **rejections** — an id that the workbook was exported with (the hidden ``_steppe`` sheet)
  whose row is gone, or a row whose Status was set to *rejected*.

A Status typed in the Status column is applied (*edited* also revives a rejected fact with
new values). A row whose cells changed becomes *edited* whatever its Status says (noted).

It tolerates what Excel and LibreOffice do to a file: numbers stored as text
("70,200,000,000", "40%"), dates as date-times, a period typed as 2022 (a number) or turned
into a date (2023-04 → 2023-04-01), a Change % cell re-formatted as a real percentage (0.45
shown as 45 %), empty strings, extra columns, reordered columns and rows. A missing fact
sheet leaves its facts untouched. Columns for reading only (Document on existing rows,
Evidence, Source rule, Confidence) are ignored.

Refused rows are listed with sheet, row number and reason (a non-number in a value column,
an unknown country code, a bad period, an unknown or duplicated id, a row changed in Steppe
after the export …); the rest still applies. :func:`apply_corrections` applies the plan as
ONE undoable session operation, recorded in the audit log.
"""

from __future__ import annotations

import math
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.core.export.tables import (
    DOCUMENT_HEADER,
    EVIDENCE_HEADER,
    ID_HEADER,
    STATUS_HEADER,
    fact_fingerprint,
)
from desktop.core.export.xlsx import META_SHEET
from desktop.core.model import (
    EDITED,
    FACT_TYPES,
    REJECTED,
    STATUSES,
    Fact,
    InvalidValue,
    validate_field,
)
from desktop.core.session import Changes, FactEdit, NewFact, Session
from desktop.core.store.project import Project


class WorkbookError(Exception):
    """A workbook that cannot be read as a Steppe export; ``str(err)`` is meant for the user."""


@dataclass(frozen=True)
class Refusal:
    """A row (or cell) that was not applied, and why."""

    sheet: str
    row: int | None
    reason: str


@dataclass
class CorrectionPlan:
    path: Path
    edits: list[FactEdit] = field(default_factory=list)
    added: list[NewFact] = field(default_factory=list)
    rejected: list[int] = field(default_factory=list)
    #: Other status changes typed in the Status column (fact id → accepted/suggested/edited).
    statuses: dict[int, str] = field(default_factory=dict)
    refused: list[Refusal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.edits or self.added or self.rejected or self.statuses)

    def summary(self) -> str:
        restatus = f"{len(self.statuses)} status changed, " if self.statuses else ""
        return (
            f"{len(self.edits)} edited, {len(self.added)} added, {len(self.rejected)} rejected, "
            f"{restatus}{len(self.refused)} refused"
        )

    def describe(self) -> str:
        """The summary, notes and every refused row, one per line."""
        lines = [f"{self.path.name}: {self.summary()}"]
        lines += [f"note: {n}" for n in self.notes]
        lines += [
            f"refused: {r.sheet}" + (f" row {r.row}" if r.row is not None else "") + f": {r.reason}"
            for r in self.refused
        ]
        return "\n".join(lines)


# --------------------------------------------------------------------------- reading cells

_PCT_FORMAT = re.compile(r'"[^"]*"|\\.|%')


def _real_percent_format(fmt: Any) -> bool:
    """True when a number format shows value × 100 with a % sign (a quoted "%" does not)."""
    if not isinstance(fmt, str):
        return False
    return "%" in [m.group(0) for m in _PCT_FORMAT.finditer(fmt)]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_value(type_name: str, name: str, value: Any, fmt: Any) -> Any:
    """A workbook cell turned into a validated field value; raises :class:`InvalidValue`."""
    spec = FACT_TYPES[type_name].spec(name)
    kind = spec.kind
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise InvalidValue(f"{spec.title}: {value!r} is not a valid value")
    if kind in ("number", "percent"):
        if isinstance(value, (datetime, date)):
            raise InvalidValue(f"{spec.title}: {value:%Y-%m-%d} is a date, not a number")
        if isinstance(value, (int, float)):
            if not math.isfinite(value):
                raise InvalidValue(f"{spec.title}: not a finite number")
            if kind == "percent" and _real_percent_format(fmt):
                return round(float(value) * 100, 10)
            return float(value)
    elif kind == "date":
        if isinstance(value, (datetime, date)):
            return value.strftime("%Y-%m-%d")
        if isinstance(value, (int, float)):
            raise InvalidValue(f"{spec.title}: {value!r} is not a date (YYYY-MM-DD)")
    elif kind == "period":
        if isinstance(value, (datetime, date)):
            if value.day != 1:
                raise InvalidValue(f"{spec.title}: {value:%Y-%m-%d} is a day, not a period (2023-04, 2022 …)")
            return f"{value:%Y-%m}"  # Excel turned "2023-04" into 1 April 2023
        if isinstance(value, float) and value.is_integer():
            value = int(value)
    else:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, (datetime, date)):
            value = value.strftime("%Y-%m-%d")
    return validate_field(type_name, name, str(value))


def _same(a: Any, b: Any) -> bool:
    if _blank(a) and _blank(b):
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    return a == b


def _parse_id(value: Any) -> int | None:
    """A steppe_id cell as an int; ``None`` for an empty cell; raises ``ValueError`` otherwise."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d+(\.0+)?", text):
        return int(float(text))
    raise ValueError


def _norm_title(title: Any) -> str:
    return " ".join(str(title).split()).casefold()


def _header_key(value: Any) -> str:
    return " ".join(str(value).split()).casefold() if value is not None else ""


# --------------------------------------------------------------------------- reading a workbook


def _open(path: Path) -> Any:
    from openpyxl import load_workbook

    if not path.is_file():
        raise WorkbookError(f"There is no file {path}")
    if not zipfile.is_zipfile(path):
        raise WorkbookError(f"{path.name} is not an Excel workbook (.xlsx): it is not even a zip archive")
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for damaged or foreign files
        raise WorkbookError(f"{path.name} cannot be read as an Excel workbook (.xlsx): {err}") from None


def _read_meta(wb: Any) -> tuple[dict[int, tuple[str, int]] | None, str | None]:
    """Exported ids → (type, fingerprint), and the project name, from the hidden sheet."""
    if META_SHEET not in wb.sheetnames:
        return None, None
    rows = wb[META_SHEET].iter_rows(values_only=True)
    first = next(rows, None)
    if not first or first[0] != "steppe_export":
        return None, None
    project_name = first[2] if len(first) > 2 else None
    next(rows, None)  # header
    out: dict[int, tuple[str, int]] = {}
    for row in rows:
        if not row or row[0] is None:
            continue
        try:
            fid = _parse_id(row[0])
        except ValueError:
            continue
        if fid is not None:
            fp = row[2] if len(row) > 2 else None
            out[fid] = (str(row[1]), int(fp) if isinstance(fp, (int, float)) else -1)
    return out, project_name


def read_corrections(project: Project, path: str | Path) -> CorrectionPlan:
    """Plan the corrections in an edited Steppe workbook; nothing is applied.

    Raises :class:`WorkbookError` for a file that is not an xlsx workbook or has no Steppe sheets.
    """
    path = Path(path)
    wb = _open(path)
    try:
        return _plan(project, path, wb)
    finally:
        wb.close()


def _plan(project: Project, path: Path, wb: Any) -> CorrectionPlan:
    plan = CorrectionPlan(path)
    by_name = {_header_key(n): n for n in wb.sheetnames}
    present = {t: by_name.get(_header_key(ft.sheet)) for t, ft in FACT_TYPES.items()}
    exported, project_name = _read_meta(wb)
    if not any(present.values()):
        raise WorkbookError(
            f"{path.name} has no Steppe sheets ({', '.join(ft.sheet for ft in FACT_TYPES.values())}):"
            " it does not look like a workbook exported by Steppe. Nothing was changed."
        )
    if exported is None:
        plan.notes.append(
            "The workbook has no list of exported facts (hidden _steppe sheet): deleted rows cannot be"
            " recognised, so no fact was rejected for a missing row."
        )
    elif project_name and project_name != project.name:
        plan.notes.append(
            f"The workbook was exported from the project {project_name!r}, not {project.name!r}:"
            " check the changes before applying them."
        )
    facts = {f.id: f for f in project.facts()}
    titles: dict[str, list[int]] = {}
    for d in project.document_summaries():
        titles.setdefault(_norm_title(d.title), []).append(d.id)

    for type_name, sheet_name in present.items():
        ft = FACT_TYPES[type_name]
        if sheet_name is None:
            plan.notes.append(f"The {ft.sheet} sheet is missing: its facts were left unchanged.")
            continue
        seen = _read_sheet(plan, project, wb[sheet_name], type_name, facts, titles, exported)
        if seen is None or exported is None:
            continue
        for fid, (t, _fp) in exported.items():
            if t != type_name or fid in seen:
                continue
            f = facts.get(fid)
            if f is not None and f.status != REJECTED and f.type == type_name:
                plan.rejected.append(fid)
    return plan


def _read_sheet(
    plan: CorrectionPlan,
    project: Project,
    ws: Any,
    type_name: str,
    facts: dict[int, Fact],
    titles: dict[str, list[int]],
    exported: dict[int, tuple[str, int]] | None,
) -> set[int] | None:
    """Plan one fact sheet; return the ids it holds (``None`` if it has no id column)."""
    ft = FACT_TYPES[type_name]
    sheet = ws.title
    rows = ws.iter_rows()
    header = next(rows, None)
    if header is None:
        plan.notes.append(f"The {sheet} sheet is empty: its facts were left unchanged.")
        return None
    aliases: dict[str, str] = {}
    for spec in ft.fields:
        aliases[_header_key(spec.title)] = spec.name
        aliases[_header_key(spec.name)] = spec.name
    aliases |= {
        _header_key(STATUS_HEADER): "@status",
        _header_key(ID_HEADER): "@id",
        _header_key(DOCUMENT_HEADER): "@document",
        _header_key(EVIDENCE_HEADER): "@evidence",
    }
    columns: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = aliases.get(_header_key(getattr(cell, "value", None)))
        if key and key not in columns:
            columns[key] = i
    if "@id" not in columns:
        plan.refused.append(Refusal(sheet, 1, f"no {ID_HEADER} column: the sheet was not read"))
        return None
    field_cols = [(f.name, columns[f.name], f.kind == "percent") for f in ft.fields if f.name in columns]
    seen: dict[int, int] = {}
    for row_no, row in enumerate(rows, start=2):
        cells = list(row)

        def get(i: int, cells: list[Any] = cells) -> tuple[Any, Any]:
            """(value, cell) of column ``i``; the number format is looked up only when needed."""
            if i >= len(cells):
                return None, None
            return getattr(cells[i], "value", None), cells[i]

        if all(_blank(getattr(c, "value", None)) for c in cells):
            continue
        try:
            fid = _parse_id(get(columns["@id"])[0])
        except ValueError:
            plan.refused.append(Refusal(sheet, row_no, f"{ID_HEADER} {get(columns['@id'])[0]!r} is not a Steppe id"))
            continue
        values: dict[str, Any] = {}
        problem = None
        for name, i, percent in field_cols:
            raw, cell = get(i)
            fmt = getattr(cell, "number_format", None) if percent and isinstance(raw, (int, float)) else None
            try:
                values[name] = _cell_value(type_name, name, raw, fmt)
            except InvalidValue as err:
                problem = str(err)
                break
        status = None
        if "@status" in columns:
            raw_status = get(columns["@status"])[0]
            if not _blank(raw_status):
                status = str(raw_status).strip().lower()
                if status not in STATUSES and problem is None:
                    problem = f"Status: {raw_status!r} is not one of {', '.join(STATUSES)}"
        if fid is not None:
            if fid in seen:
                plan.refused.append(Refusal(sheet, row_no, f"{ID_HEADER} {fid} appears twice (rows {seen[fid]} and {row_no})"))
                continue
            seen[fid] = row_no
        if problem is not None:
            plan.refused.append(Refusal(sheet, row_no, problem))
            continue
        if fid is None:
            _plan_new(plan, project, sheet, row_no, type_name, values, status, get, columns, titles)
        else:
            _plan_existing(plan, sheet, row_no, type_name, fid, values, status, facts, exported)
    return set(seen)


def _plan_existing(
    plan: CorrectionPlan,
    sheet: str,
    row_no: int,
    type_name: str,
    fid: int,
    values: dict[str, Any],
    status: str | None,
    facts: dict[int, Fact],
    exported: dict[int, tuple[str, int]] | None,
) -> None:
    f = facts.get(fid)
    if f is None:
        plan.refused.append(Refusal(sheet, row_no, f"unknown {ID_HEADER} {fid}: this project has no such fact"))
        return
    if f.type != type_name:
        plan.refused.append(Refusal(
            sheet, row_no, f"{ID_HEADER} {fid} is a {f.type} fact, not {type_name}: move the row back to its sheet"
        ))
        return
    changed = {k: v for k, v in values.items() if not _same(v, f.fields.get(k))}
    status_change = status is not None and status != f.status
    if not changed and not status_change:
        return
    if exported is not None and fid in exported and exported[fid][1] != fact_fingerprint(f):
        plan.refused.append(Refusal(
            sheet, row_no,
            f"fact {fid} was changed in Steppe after this workbook was exported: export again and redo this row",
        ))
        return
    if status == REJECTED and status_change:
        plan.rejected.append(fid)
        if changed:
            plan.refused.append(Refusal(sheet, row_no, "the fact was rejected; its edited cells were not applied"))
        return
    if f.status == REJECTED and changed and status != EDITED:
        plan.refused.append(Refusal(
            sheet, row_no, "the fact is rejected: set its Status to 'edited' to revive it with these values"
        ))
        return
    if not changed:
        plan.statuses[fid] = status  # accepted, suggested or edited, typed in the Status column
        return
    if status_change and status != EDITED:
        plan.notes.append(f"{sheet} row {row_no}: cells were edited, so fact {fid} is 'edited', not '{status}'")
    plan.edits.append(FactEdit(fid, changed))


def _plan_new(
    plan: CorrectionPlan,
    project: Project,
    sheet: str,
    row_no: int,
    type_name: str,
    values: dict[str, Any],
    status: str | None,
    get: Any,
    columns: dict[str, int],
    titles: dict[str, list[int]],
) -> None:
    if all(v is None for v in values.values()):
        plan.refused.append(Refusal(sheet, row_no, "a new row without any field values"))
        return
    if status == REJECTED:
        plan.refused.append(Refusal(sheet, row_no, "a new row marked rejected was not added"))
        return
    doc_title = get(columns["@document"])[0] if "@document" in columns else None
    if _blank(doc_title):
        plan.refused.append(Refusal(
            sheet, row_no, "a new row must name its Document (a title from the Documents sheet)"
        ))
        return
    matches = titles.get(_norm_title(doc_title), [])
    if not matches:
        plan.refused.append(Refusal(sheet, row_no, f"Document {str(doc_title)!r}: no document of the project has that title"))
        return
    if len(matches) > 1:
        plan.refused.append(Refusal(
            sheet, row_no, f"Document {str(doc_title)!r}: {len(matches)} documents have that title"
        ))
        return
    doc_id = matches[0]
    for other in project.facts(doc_id):
        if other.type == type_name and all(_same(v, other.fields.get(k)) for k, v in values.items()):
            plan.refused.append(Refusal(
                sheet, row_no, f"the project already has this fact (id {other.id}): was the workbook imported before?"
            ))
            return
    start = end = None
    evidence = get(columns["@evidence"])[0] if "@evidence" in columns else None
    if not _blank(evidence):
        text = project.document(doc_id).text
        pos = text.find(str(evidence).strip())
        if pos >= 0:
            start, end = pos, pos + len(str(evidence).strip())
    plan.added.append(NewFact(doc_id, type_name, dict(values), start, end))


def apply_corrections(session: Session, plan: CorrectionPlan) -> Changes:
    """Apply a plan as one undoable operation (``Session.apply_fact_batch``).

    Raises :class:`desktop.core.session.OperationError` when the session refuses (nothing
    is applied then).
    """
    return session.apply_fact_batch(
        f"Import corrections from {plan.path.name}",
        edits=plan.edits,
        added=plan.added,
        statuses={fid: REJECTED for fid in plan.rejected} | plan.statuses,
    )
