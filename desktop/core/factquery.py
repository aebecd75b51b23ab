"""The facts table without Qt: rows as plain Python data, columns from the registry,
filters (scope, type, status, text, an external id set) and sorting.

The Qt model (``desktop.ui.facts.model``) is a thin view over a :class:`FactQuery`: all the
work that must scale to 100,000 facts happens here, in list comprehensions and ``list.sort``
over precomputed keys, never in per-cell Qt callbacks. Every function here is testable
without a display.

Sorting puts unknown values (``None``, empty text) last in both directions; numbers sort
numerically. Ties keep the project order (document, evidence position, id).
"""

from __future__ import annotations

import bisect
import json
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

try:  # numpy comes with pandas; without it sorting falls back to list.sort
    import numpy as np
except ImportError:  # pragma: no cover
    np = None

from desktop.core.countries import party_name
from desktop.core.model import (
    ACCEPTED,
    EDITED,
    ENTITY_LABELS,
    FACT_TYPES,
    REJECTED,
    REVIEWED_KEPT,
    STATUSES,
    SUGGESTED,
    Entity,
    Fact,
    FieldSpec,
    Span,
)
from desktop.core.numbers import format_amount, parse_amount

# --------------------------------------------------------------------------- columns

SCOPE_DOCUMENT, SCOPE_ALL = "document", "all"
#: The status filter value meaning "accepted or edited".
REVIEWED = "reviewed"
STATUS_FILTERS: tuple[str, ...] = (*STATUSES, REVIEWED)

#: Common columns, before the fields: key → (title, kind).
COMMON_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("status", "Status", "status"),
    ("type", "Type", "type"),
    ("document", "Document", "document"),
    ("confidence", "Confidence", "confidence"),
    ("evidence", "Evidence", "evidence"),
)
SNIPPET_LENGTH = 90


@dataclass(frozen=True)
class Column:
    """One column of the facts table. ``field`` is set for fact-field columns."""

    key: str
    title: str
    kind: str  # status | type | document | confidence | evidence | a FieldSpec kind
    field: FieldSpec | None = None

    @property
    def is_field(self) -> bool:
        return self.field is not None


def columns_for(fact_type: str | None = None) -> list[Column]:
    """The common columns plus the fields of ``fact_type``, or of all types (union, in
    registry order) when ``fact_type`` is ``None``."""
    cols = [Column(k, t, kind) for k, t, kind in COMMON_COLUMNS]
    types = [FACT_TYPES[fact_type]] if fact_type else list(FACT_TYPES.values())
    seen: set[str] = set()
    for ft in types:
        for spec in ft.fields:
            if spec.name not in seen:
                seen.add(spec.name)
                cols.append(Column(spec.name, spec.title, spec.kind, spec))
    return cols


# --------------------------------------------------------------------------- rows


class FactRow:
    """A fact as the table shows it: plain data plus a lowercase search string (built on
    first use: most rows of a large project are never searched before they are replaced)."""

    __slots__ = (
        "_search",
        "confidence",
        "doc_id",
        "doc_title",
        "ev_end",
        "ev_start",
        "evidence",
        "fields",
        "id",
        "slot",
        "source",
        "status",
        "type",
    )

    def __init__(
        self,
        id: int,
        doc_id: int,
        type: str,
        fields: dict[str, Any],
        status: str = SUGGESTED,
        confidence: float = 1.0,
        doc_title: str = "",
        evidence: str = "",
        ev_start: int | None = None,
        ev_end: int | None = None,
        source: str = "",
    ) -> None:
        self.id = id
        self.doc_id = doc_id
        self.type = type
        self.fields = fields
        self.status = status
        self.confidence = confidence
        self.doc_title = doc_title or ""
        self.evidence = evidence or ""
        self.ev_start = ev_start
        self.ev_end = ev_end
        self.source = source or ""
        self._search: str | None = None
        self.slot = -1  # position in FactQuery's key caches

    @property
    def search(self) -> str:
        """Everything a text filter may match, lowercased (see :func:`search_text`)."""
        s = self._search
        if s is None:
            s = self._search = search_text(self)
        return s

    def __repr__(self) -> str:
        return f"FactRow({self.id}, {self.type}, {self.status})"

    def value(self, name: str) -> Any:
        return self.fields.get(name)

    def has_field(self, name: str) -> bool:
        ft = FACT_TYPES.get(self.type)
        return ft is not None and name in ft.field_names


def row_from_fact(fact: Fact, doc_title: str = "", doc_text: str | None = None) -> FactRow:
    """Build a row from a stored fact; the evidence is cut from ``doc_text`` when given."""
    evidence = ""
    if doc_text is not None and fact.evidence_start is not None and fact.evidence_end is not None:
        evidence = doc_text[fact.evidence_start : fact.evidence_end]
    return FactRow(
        fact.id, fact.doc_id, fact.type, dict(fact.fields), fact.status, fact.confidence,
        doc_title, evidence, fact.evidence_start, fact.evidence_end, fact.source,
    )


_ROWS_SQL = (
    "SELECT f.id, f.doc_id, f.type, f.fields_json, f.status, f.confidence, d.title,"
    " CASE WHEN f.evidence_start IS NOT NULL AND f.evidence_end IS NOT NULL"
    "  THEN substr(d.text, f.evidence_start + 1, f.evidence_end - f.evidence_start) END,"
    " f.evidence_start, f.evidence_end, f.source"
    " FROM facts f JOIN documents d ON d.id = f.doc_id"
)


_FACTS_SQL = (
    "SELECT id, doc_id, type, fields_json, status, confidence, evidence_start, evidence_end, source"
    " FROM facts ORDER BY doc_id, evidence_start, id"
)
_DOCS_SQL = "SELECT id, title, text FROM documents WHERE id IN (SELECT DISTINCT doc_id FROM facts) ORDER BY id"


def load_rows(
    project: Any, fact_ids: Iterable[int] | None = None, *, after_doc: int | None = None
) -> list[FactRow]:
    """Rows for every fact of ``project`` (or only ``fact_ids``, or only the facts of the
    documents whose id is above ``after_doc``), in project order.

    All facts: two ordered reads merged in Python, each document's text read once and let
    go before the next. A few facts: one query, the evidence cut by SQLite. Reads only; the
    session remains the one writer.
    """
    conn = project.conn
    loads = json.loads
    out: list[FactRow] = []
    if after_doc is not None:
        rows = conn.execute(
            _ROWS_SQL + " WHERE f.doc_id > ? ORDER BY f.doc_id, f.evidence_start, f.id", (after_doc,)
        ).fetchall()
        for fid, doc_id, type_, fields_json, status, conf, title, ev, s, e, source in rows:
            out.append(FactRow(fid, doc_id, type_, loads(fields_json), status, conf, title, ev or "", s, e, source))
        return out
    if fact_ids is not None:
        ids = list(fact_ids)
        rows = []
        for i in range(0, len(ids), 900):  # SQLite's parameter limit
            chunk = ids[i : i + 900]
            rows += conn.execute(_ROWS_SQL + f" WHERE f.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        rows.sort(key=lambda r: (r[1], -1 if r[8] is None else r[8], r[0]))  # project order
        for fid, doc_id, type_, fields_json, status, conf, title, ev, s, e, source in rows:
            out.append(FactRow(fid, doc_id, type_, loads(fields_json), status, conf, title, ev or "", s, e, source))
        return out
    docs = conn.execute(_DOCS_SQL)
    doc_id_now, title, text = -1, "", ""
    for fid, doc_id, type_, fields_json, status, conf, s, e, source in conn.execute(_FACTS_SQL).fetchall():
        while doc_id_now < doc_id:
            nxt = docs.fetchone()
            if nxt is None:
                doc_id_now, title, text = doc_id, "", ""
                break
            doc_id_now, title, text = nxt
        ev = text[s:e] if s is not None and e is not None and doc_id_now == doc_id else ""
        out.append(FactRow(fid, doc_id, type_, loads(fields_json), status, conf, title or "", ev, s, e, source))
    return out


def last_document_id(project: Any) -> int:
    """The highest document id (ids only grow: documents above it are new)."""
    return project.conn.execute("SELECT COALESCE(MAX(id), 0) FROM documents").fetchone()[0]


# --------------------------------------------------------------------------- display


def format_percent(value: Any) -> str:
    """40 → "40 %", 37.3 → "37.3 %"."""
    if value is None or isinstance(value, bool):
        return ""
    if not isinstance(value, (int, float)):
        return str(value)
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} %"


def format_number(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if not isinstance(value, (int, float)):
        return str(value)
    return format_amount(float(value))


def edit_text(kind: str, value: Any) -> str:
    """The text an editor starts with: exact (it must round-trip) yet readable."""
    if value is None:
        return ""
    if kind in ("number", "percent") and isinstance(value, (int, float)) and not isinstance(value, bool):
        if kind == "number":
            short = format_amount(float(value))
            try:
                if parse_amount(short) == float(value):
                    return short
            except ValueError:
                pass
        v = float(value)
        if v == int(v):
            return f"{int(v):,}" if kind == "number" else str(int(v))
        text = repr(v)
        return f"{v:.12f}".rstrip("0").rstrip(".") if "e" in text else text
    return str(value)


def display_value(kind: str, value: Any) -> str:
    """A field value as a table cell shows it."""
    if value is None:
        return ""
    if kind == "number":
        return format_number(value)
    if kind == "percent":
        return format_percent(value)
    return str(value)


def snippet(text: str, length: int = SNIPPET_LENGTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def cell_text(row: FactRow, col: Column) -> str:
    """The display text of one cell (only called for the rows on screen)."""
    k = col.key
    if k == "status":
        return "✎ edited" if row.status == EDITED else row.status
    if k == "type":
        ft = FACT_TYPES.get(row.type)
        return ft.title if ft else row.type
    if k == "document":
        return row.doc_title
    if k == "confidence":
        return f"{row.confidence:.2f}" if isinstance(row.confidence, (int, float)) else ""
    if k == "evidence":
        return snippet(row.evidence)
    if not row.has_field(k):
        return ""
    return display_value(col.kind, row.fields.get(k))


_SPECS: dict[str, tuple[tuple[str, str], ...]] = {
    name: tuple((f.name, f.kind) for f in ft.fields) for name, ft in FACT_TYPES.items()
}
_TYPE_WORDS = {
    name: name if ft.title.lower() == name else f"{name}\n{ft.title}" for name, ft in FACT_TYPES.items()
}
_PARTY_WORDS: dict[str, str] = {}


def _party_words(code: str) -> str:
    words = _PARTY_WORDS.get(code)
    if words is None:
        words = _PARTY_WORDS[code] = f"{code}\n{party_name(code)}"
    return words


def search_text(row: FactRow) -> str:
    """Everything a search may match in a row (shown values, country names, document
    title, evidence), lowercased once."""
    fields = row.fields
    parts = [row.status, _TYPE_WORDS.get(row.type, row.type), row.doc_title, row.evidence]
    specs = _SPECS.get(row.type)
    if specs is None:
        parts += [str(v) for v in fields.values() if v is not None]
    else:
        for name, kind in specs:
            v = fields.get(name)
            if v is None:
                continue
            if kind == "number":
                parts.append(format_number(v))
            elif kind == "percent":
                parts.append(format_percent(v))
            elif kind == "country" and type(v) is str:
                parts.append(_party_words(v))
            else:
                parts.append(v if type(v) is str else str(v))
    return "\n".join(parts).lower()


# --------------------------------------------------------------------------- sorting


def default_key(row: FactRow) -> tuple[int, int, int]:
    """Project order: document, evidence position, id."""
    return (row.doc_id, row.ev_start if row.ev_start is not None else -1, row.id)


def sort_key_function(col: Column) -> Callable[[FactRow], Any]:
    """A key for ``col`` that returns ``None`` for unknown values (sorted last)."""
    k = col.key
    if k == "status":
        return lambda r: r.status
    if k == "type":
        titles = {name: ft.title.lower() for name, ft in FACT_TYPES.items()}
        return lambda r: titles.get(r.type, r.type)
    if k == "document":
        return lambda r: r.doc_title.lower() or None
    if k == "confidence":
        return lambda r: r.confidence if isinstance(r.confidence, (int, float)) else None
    if k == "evidence":
        return lambda r: r.evidence.lower() or None
    if col.kind in ("number", "percent"):

        def number(r: FactRow) -> Any:
            v = r.fields.get(k)
            return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None

        return number

    def text(r: FactRow) -> Any:
        v = r.fields.get(k)
        if v is None:
            return None
        s = str(v).lower()
        return s or None

    return text


def sort_rows(rows: Sequence[FactRow], col: Column | None, descending: bool = False) -> list[FactRow]:
    """Rows sorted by ``col`` (``None``: project order), unknown values last, stable.

    The fast path pulls the raw values out with C-level ``map``/``attrgetter`` calls, turns
    text into ranks by sorting only the *distinct* values, and lets numpy's stable argsort
    order the rows (unknown values become NaN, which sorts last both ways). Anything
    unexpected (numpy missing, odd values in the data) falls back to ``list.sort``.
    """
    if col is None:
        out = sorted(rows, key=default_key)
        if descending:
            out.reverse()
        return out
    rows = list(rows)
    try:
        order = _fast_order(rows, col, descending)
    except (ImportError, TypeError, ValueError):
        order = None
    if order is not None:
        return list(map(rows.__getitem__, order))
    return _slow_sort(rows, col, descending)


def _slow_sort(rows: list[FactRow], col: Column, descending: bool) -> list[FactRow]:
    key = sort_key_function(col)
    keys = list(map(key, rows))
    present = [i for i, k in enumerate(keys) if k is not None]
    missing = [rows[i] for i, k in enumerate(keys) if k is None]
    present.sort(key=keys.__getitem__, reverse=descending)
    return [rows[i] for i in present] + missing


_NUMERIC_TYPES = frozenset((int, float, type(None)))
_SLOT = operator.attrgetter("slot")
_ALL_COLUMNS = {c.key: c for c in columns_for(None)}


def _raw_values(rows: list[FactRow], col: Column) -> list[Any]:
    k = col.key
    if k in ("status", "type", "confidence", "evidence"):
        return list(map(operator.attrgetter(k), rows))
    if k == "document":
        return list(map(operator.attrgetter("doc_title"), rows))
    return list(map(operator.methodcaller("get", k), map(operator.attrgetter("fields"), rows)))


def _text_transform(col: Column) -> Callable[[Any], Any]:
    if col.key == "type":
        return lambda v: FACT_TYPES[v].title.lower() if v in FACT_TYPES else (str(v).lower() or None)
    return lambda v: None if v is None else (str(v).lower() or None)


def key_array(rows: list[FactRow], col: Column) -> Any:
    """A float numpy array of sort keys for ``rows`` (text as ranks, unknown as NaN), or
    ``None`` when the values need the careful path."""
    keys, _rank = _keys_and_ranks(rows, col)
    return keys


def _keys_and_ranks(rows: list[FactRow], col: Column) -> tuple[Any, dict[Any, float] | None]:
    """Key array plus, for text columns, the rank of every distinct raw value."""
    if np is None:
        return None, None
    raw = _raw_values(rows, col)
    if col.kind in ("number", "percent", "confidence"):
        if not set(map(type, raw)) <= _NUMERIC_TYPES:
            return None, None  # a stray string or bool in the data
        return np.array(raw, dtype=float), None  # None → NaN
    transform = _text_transform(col)
    distinct = {v: transform(v) for v in set(raw)}
    ordered = sorted((t, i) for i, t in enumerate(distinct.values()) if t is not None)
    values = list(distinct)
    rank = {values[i]: float(r) for r, (_t, i) in enumerate(ordered)}
    return np.array(list(map(rank.get, raw)), dtype=float), rank  # unknown → None → NaN


def _argsort(keys: Any, descending: bool) -> list[int]:
    """Stable order of a key array; NaN (unknown) last both ways."""
    return np.argsort(-keys if descending else keys, kind="stable").tolist()


def _fast_order(rows: list[FactRow], col: Column, descending: bool) -> list[int] | None:
    keys = key_array(rows, col)
    return None if keys is None else _argsort(keys, descending)


# --------------------------------------------------------------------------- filtering


@dataclass(frozen=True)
class Filter:
    """What the table shows. ``fact_ids`` is an external filter (a chart click)."""

    scope: str = SCOPE_ALL
    doc_id: int | None = None
    fact_type: str | None = None
    status: str | None = None  # a status, REVIEWED, or None for all
    text: str = ""
    fact_ids: frozenset[int] | None = None

    def statuses(self) -> frozenset[str] | None:
        if self.status is None:
            return None
        if self.status == REVIEWED:
            return frozenset(REVIEWED_KEPT)
        return frozenset((self.status,))

    def words(self) -> list[str]:
        return self.text.lower().split()


def make_predicate(flt: Filter) -> Callable[[FactRow], bool]:
    """One function deciding whether a row is shown."""
    doc_id = flt.doc_id
    by_doc = flt.scope == SCOPE_DOCUMENT
    fact_type = flt.fact_type
    statuses = flt.statuses()
    words = flt.words()
    ids = flt.fact_ids

    def accept(r: FactRow) -> bool:
        if by_doc and r.doc_id != doc_id:
            return False
        if fact_type is not None and r.type != fact_type:
            return False
        if statuses is not None and r.status not in statuses:
            return False
        if ids is not None and r.id not in ids:
            return False
        s = r.search
        return all(w in s for w in words)

    return accept


def filter_rows(rows: Sequence[FactRow], flt: Filter) -> list[FactRow]:
    """The rows ``flt`` keeps, in their given order. Cheap tests go first, as comprehensions."""
    out: Sequence[FactRow] = rows
    if flt.scope == SCOPE_DOCUMENT:
        d = flt.doc_id
        out = [r for r in out if r.doc_id == d]
    if flt.fact_ids is not None:
        ids = flt.fact_ids
        out = [r for r in out if r.id in ids]
    if flt.fact_type is not None:
        t = flt.fact_type
        out = [r for r in out if r.type == t]
    statuses = flt.statuses()
    if statuses is not None:
        if len(statuses) == 1:
            (st,) = statuses
            out = [r for r in out if r.status == st]
        else:
            out = [r for r in out if r.status in statuses]
    for w in flt.words():
        out = [r for r in out if w in r.search]
    return list(out)


# --------------------------------------------------------------------------- the state


class FactQuery:
    """The facts view's state: all rows, the filter, the sort, and the visible rows.

    ``visible`` is what the table shows, in order. Changes to single facts
    (:meth:`put`) keep the rest of ``visible`` untouched so a view can announce just them.
    ``pinned`` ids stay visible while the filter is unchanged (the fact being edited, a fact
    just added), so a row does not vanish under the analyst's hands.
    """

    def __init__(self, rows: Iterable[FactRow] = ()) -> None:
        self.filter = Filter()
        self.filter_description = ""
        self.sort_column: str | None = None
        self.descending = False
        self.pinned: set[int] = set()
        self._base: list[FactRow] = []
        self._by_id: dict[int, FactRow] = {}
        self.visible: list[FactRow] = []
        self.columns: list[Column] = columns_for(None)
        self.load(rows)

    # -------------------------------------------------------------- loading

    def load(self, rows: Iterable[FactRow]) -> None:
        self._base = sorted(rows, key=default_key)
        self._by_id = {r.id: r for r in self._base}
        for i, r in enumerate(self._base):
            r.slot = i
        self._next_slot = len(self._base)
        self._keys: dict[str, Any] = {}
        self.refresh()

    def __len__(self) -> int:
        return len(self._base)

    def row(self, fact_id: int) -> FactRow | None:
        return self._by_id.get(fact_id)

    def all_rows(self) -> list[FactRow]:
        return list(self._base)

    # -------------------------------------------------------------- filter and sort

    def set_filter(self, **changes: Any) -> bool:
        """Change filter fields (``scope``, ``doc_id``, ``fact_type``, ``status``, ``text``,
        ``fact_ids``). Returns True when the columns changed too. Call :meth:`refresh` after."""
        if "fact_ids" in changes and changes["fact_ids"] is not None:
            changes["fact_ids"] = frozenset(changes["fact_ids"])
        if changes.get("status") == "":
            changes["status"] = None
        if changes.get("fact_type") == "":
            changes["fact_type"] = None
        old_type = self.filter.fact_type
        self.filter = Filter(**(self.filter.__dict__ | changes))
        self.pinned.clear()
        if self.filter.fact_type != old_type:
            self.columns = columns_for(self.filter.fact_type)
            if self.sort_column is not None and self.column(self.sort_column) is None:
                self.sort_column = None
            return True
        return False

    def column(self, key: str) -> Column | None:
        for c in self.columns:
            if c.key == key:
                return c
        return None

    def column_index(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        return -1

    def matches(self, row: FactRow) -> bool:
        return make_predicate(self.filter)(row)

    def refresh(self) -> list[FactRow]:
        """Recompute ``visible`` from the filter and the sort."""
        rows = filter_rows(self._base, self.filter)
        if self.pinned:
            shown = {r.id for r in rows}
            extra = [self._by_id[i] for i in self.pinned if i in self._by_id and i not in shown]
            if extra:
                rows = sorted(rows + extra, key=default_key)
        self.visible = self._sorted(rows)
        return self.visible

    def set_sort(self, column: str | None, descending: bool = False) -> list[FactRow]:
        """Sort the visible rows (no re-filtering)."""
        self.sort_column = column if column is None or self.column(column) is not None else None
        self.descending = descending and self.sort_column is not None
        if self.sort_column is None:
            self.visible = self._by_keys(self.visible, None, False) or sorted(self.visible, key=default_key)
        else:
            self.visible = self._sorted(self.visible)
        return self.visible

    def _sorted(self, rows: list[FactRow]) -> list[FactRow]:
        if self.sort_column is None:
            return rows  # filter_rows keeps project order
        col = self.column(self.sort_column)
        assert col is not None
        fast = self._by_keys(rows, col, self.descending)
        return fast if fast is not None else sort_rows(rows, col, self.descending)

    def _by_keys(self, rows: list[FactRow], col: Column | None, descending: bool) -> list[FactRow] | None:
        """Sort with the cached key array of ``col`` (``None``: project order), gathered by
        each row's slot; ``None`` when there is no usable cache."""
        keys = self._key_cache(col)
        if keys is None:
            return None
        slots = np.fromiter(map(_SLOT, rows), dtype=np.intp, count=len(rows))
        if len(slots) and slots.min() < 0:
            return None
        return list(map(rows.__getitem__, _argsort(keys[slots], descending)))

    def _key_cache(self, col: Column | None) -> Any:
        """Sort keys of every row by slot, built once per column and kept up to date by
        :meth:`put` (see :meth:`_update_keys`)."""
        if np is None:
            return None
        name = "" if col is None else col.key
        if name not in self._keys:
            entry = None
            if col is None:
                base = np.fromiter(map(_SLOT, self._base), dtype=np.intp, count=len(self._base))
                keys = np.full(self._next_slot, np.nan)
                keys[base] = np.arange(len(base), dtype=float)
                entry = (keys, None)
            else:
                rows = list(self._by_id.values())
                arr, rank = _keys_and_ranks(rows, col)
                if arr is not None:
                    slots = np.fromiter(map(_SLOT, rows), dtype=np.intp, count=len(rows))
                    keys = np.full(self._next_slot, np.nan)
                    keys[slots] = arr
                    entry = (keys, rank)
            self._keys[name] = entry
        entry = self._keys[name]
        return None if entry is None else entry[0]

    def _update_keys(self, row: FactRow | None) -> None:
        """Give a new or changed row its keys in every cached column, so a sort after an
        edit does not rebuild 100,000 keys. A text value never seen before drops that
        column's cache (its ranks would shift)."""
        self._keys.pop("", None)  # project positions shift on insert
        if row is None or np is None:
            return
        for name, entry in list(self._keys.items()):
            if entry is None:
                continue
            keys, rank = entry
            col = _ALL_COLUMNS.get(name)
            if col is None:
                del self._keys[name]
                continue
            raw = _raw_values([row], col)[0]
            if rank is None:
                if type(raw) not in _NUMERIC_TYPES:
                    del self._keys[name]
                    continue
                key = np.nan if raw is None else float(raw)
            else:
                try:
                    key = rank.get(raw)
                except TypeError:  # an unhashable value
                    key = None
                if key is None:
                    if raw is None or (type(raw) is str and _text_transform(col)(raw) is None):
                        key = np.nan
                    else:
                        del self._keys[name]
                        continue
            if row.slot >= len(keys):
                keys = np.concatenate([keys, np.full(max(len(keys), 64), np.nan)])
                self._keys[name] = (keys, rank)
            keys[row.slot] = key

    def visible_ids(self) -> list[int]:
        return [r.id for r in self.visible]

    def index_of(self, fact_id: int) -> int:
        """Position of a fact in ``visible``, or -1."""
        row = self._by_id.get(fact_id)
        if row is None:
            return -1
        try:
            return self.visible.index(row)
        except ValueError:
            return -1

    def positions(self, fact_ids: Iterable[int]) -> dict[int, int]:
        """Visible positions of the given facts (the ones not shown are left out)."""
        ids = list(fact_ids)
        if len(ids) <= 32:
            out = {}
            for fid in ids:
                i = self.index_of(fid)
                if i >= 0:
                    out[fid] = i
            return out
        want = set(ids)
        return {r.id: i for i, r in enumerate(self.visible) if r.id in want}

    # -------------------------------------------------------------- single-row changes

    def put(self, fact_id: int, row: FactRow | None) -> tuple[str, int]:
        """Store the new state of one fact (``None``: deleted) in the base rows and say what
        the visible list must do: ``("change", i)``, ``("remove", i)``, ``("insert", i)`` or
        ``("none", -1)``. ``visible`` itself is not touched: the caller applies the action
        (with :meth:`apply`) between the matching Qt begin/end calls."""
        old = self._store(fact_id, row)
        self._update_keys(row)
        pos = -1
        if old is not None:
            try:
                pos = self.visible.index(old)
            except ValueError:
                pos = -1
        show = row is not None and (fact_id in self.pinned or self.matches(row))
        if pos >= 0:
            return ("change", pos) if show else ("remove", pos)
        if show:
            assert row is not None
            return ("insert", self.insert_position(row))
        return ("none", -1)

    def apply(self, action: str, pos: int, row: FactRow | None) -> None:
        if action == "change":
            self.visible[pos] = row  # type: ignore[assignment]
        elif action == "remove":
            del self.visible[pos]
        elif action == "insert":
            self.visible.insert(pos, row)  # type: ignore[arg-type]

    def insert_position(self, row: FactRow) -> int:
        """Where a row not yet shown goes in ``visible`` under the current sort (unknown
        values last). Project order: a bisection; a column: one vectorised pass over the
        cached keys (a Python loop only without numpy)."""
        if self.sort_column is None:
            return bisect.bisect_right(self.visible, default_key(row), key=default_key)
        col = self.column(self.sort_column)
        assert col is not None
        keys = self._key_cache(col) if row.slot >= 0 else None
        if keys is not None and row.slot < len(keys):
            k = keys[row.slot]
            n = len(self.visible)
            if np.isnan(k) or n == 0:
                return n
            slots = np.fromiter(map(_SLOT, self.visible), dtype=np.intp, count=n)
            vk = keys[slots]
            after = ((vk < k) if self.descending else (vk > k)) | np.isnan(vk)
            i = int(np.argmax(after))
            return i if after[i] else n
        keyf = sort_key_function(col)
        k = keyf(row)
        if k is None:
            return len(self.visible)
        desc = self.descending
        for i, r in enumerate(self.visible):
            kk = keyf(r)
            if kk is None or (kk < k if desc else kk > k):
                return i
        return len(self.visible)

    def put_many(self, rows: dict[int, FactRow | None]) -> None:
        """Store many changed facts at once (``None``: deleted). ``visible`` is left alone:
        call :meth:`refresh` after, and reset the view."""
        for fact_id, row in rows.items():
            self._store(fact_id, row)
        self._keys.clear()

    def _store(self, fact_id: int, row: FactRow | None) -> FactRow | None:
        """Replace one fact's row in the base rows; returns the row it replaced."""
        old = self._by_id.pop(fact_id, None)
        if old is not None:
            self._remove_base(old)
        if row is not None:
            bisect.insort(self._base, row, key=default_key)
            self._by_id[fact_id] = row
            row.slot = self._next_slot
            self._next_slot += 1
        return old

    def _remove_base(self, old: FactRow) -> None:
        i = bisect.bisect_left(self._base, default_key(old), key=default_key)
        while i < len(self._base) and self._base[i] is not old:
            i += 1
        if i < len(self._base):
            del self._base[i]
        else:  # not where its key says: search the whole list
            self._base.remove(old)


# --------------------------------------------------------------------------- a fact from a sentence

TRADE_WORDS = re.compile(r"\b(trade|trading|turnover|exports?|imports?|exported|imported|shipments?)\b", re.I)
INVEST_WORDS = re.compile(
    r"\b(invest\w*|FDI|loans?|lending|financ\w*|capital|funds?|funding|credit)\b", re.I
)
_EXPORT = re.compile(r"\bexport", re.I)
_IMPORT = re.compile(r"\bimport", re.I)
_PLEDGE = re.compile(r"\b(pledg\w*|sign\w*|agree\w*|deal|will|plan\w*|commit\w*|contract\w*)\b", re.I)
_STOCK = re.compile(r"\b(stock|accumulated|cumulative|total)\b", re.I)
_GROWTH = re.compile(r"\b(up|rose|rise|grew|grow\w*|increas\w*|surg\w*|jump\w*|climb\w*|down|fell|declin\w*|decreas\w*|drop\w*)\b", re.I)
_FALL = re.compile(r"\b(down|fell|declin\w*|decreas\w*|drop\w*)\b", re.I)
_QUALIFIER_WORDS = (
    ("about", re.compile(r"\b(about|around|nearly|almost|approximately|some|roughly|close to)\s*$", re.I)),
    ("over", re.compile(r"\b(over|more than|above|exceed\w*|in excess of)\s*$", re.I)),
    ("under", re.compile(r"\b(under|less than|below|up to)\s*$", re.I)),
)

_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def parse_percent(text: str) -> float | None:
    m = re.search(r"\d+(?:\.\d+)?", text)
    return float(m.group(0)) if m else None


def guess_fact(
    text: str, entities: Sequence[Entity], offset: int = 0, published: str | None = None
) -> tuple[str, dict[str, Any]]:
    """Guess a fact's type and fields from a sentence and the entities inside it.

    ``text`` is the sentence, ``offset`` its start in the document (entity offsets are
    document offsets). The extraction's own fact rules are asked first; when they find no
    fact in the sentence, a simple guess: MONEY with trade words → trade, MONEY with
    investment words → investment, an EVENT → event, a PERSON → role, else indicator. Only
    fields of the chosen type are returned, unknown ones omitted, ready for ``validate_fields``.
    """
    from desktop.core.extract.facts import extract_facts
    from desktop.core.extract.facts.money import parse_money
    from desktop.core.extract.facts.parties import lookup as country_code

    spans = [
        Span(e.start - offset, e.end - offset, e.label, e.text, e.source or "analyst", e.confidence)
        for e in sorted(entities, key=lambda e: e.start)
        if e.status != REJECTED and offset <= e.start and e.end <= offset + len(text)
    ]
    proposals = extract_facts(text, spans, published, ())
    if proposals:
        first = proposals[0]
        return first.type, {k: v for k, v in first.fields.items() if v is not None}
    ents = sorted((e for e in entities if e.status != REJECTED and e.label in ENTITY_LABELS), key=lambda e: e.start)
    by = {label: [e for e in ents if e.label == label] for label in ENTITY_LABELS}
    money = by["MONEY"]
    if money and TRADE_WORDS.search(text):
        ftype = "trade"
    elif money and INVEST_WORDS.search(text):
        ftype = "investment"
    elif by["EVENT"]:
        ftype = "event"
    elif by["PERSON"]:
        ftype = "role"
    else:
        ftype = "indicator"

    codes: list[str] = []
    for e in by["COUNTRY"] + by["LOCATION"]:
        code = country_code(e.text)
        if code and code not in codes:
            codes.append(code)
    year = None
    date_text = None
    for e in by["DATE"]:
        m = _YEAR.search(e.text)
        if m:
            year, date_text = m.group(0), e.text
            break
    value = currency = None
    qualifier = None
    if money:
        value, currency = parse_money(money[0].text) or (None, None)
        before = text[: max(0, money[0].start - offset)]
        for name, pattern in _QUALIFIER_WORDS:
            if pattern.search(before):
                qualifier = name
                break
    change = None
    if by["PERCENT"] and _GROWTH.search(text):
        change = parse_percent(by["PERCENT"][0].text)
        if change is not None and _FALL.search(text):
            change = -change

    fields: dict[str, Any] = {}
    if ftype in ("trade", "investment"):
        a, b = ("reporter", "partner") if ftype == "trade" else ("investor", "recipient")
        if codes:
            fields[a] = codes[0]
        if len(codes) > 1:
            fields[b] = codes[1]
        if ftype == "trade":
            exp, imp = bool(_EXPORT.search(text)), bool(_IMPORT.search(text))
            fields["flow"] = "export" if exp and not imp else "import" if imp and not exp else "total"
        else:
            fields["kind"] = "pledge" if _PLEDGE.search(text) else "stock" if _STOCK.search(text) else "flow"
        if year:
            fields["period"] = year
            fields["period_text"] = date_text
        fields["value"] = value
        fields["currency"] = currency
        if currency == "USD" and value is not None:
            fields["value_usd"] = value
        fields["change_pct"] = change
        fields["qualifier"] = qualifier
    elif ftype == "event":
        fields["name"] = by["EVENT"][0].text
        if by["LOCATION"]:
            fields["location"] = by["LOCATION"][0].text
        country_codes = [country_code(e.text) for e in by["COUNTRY"]]
        country_codes = [c for c in country_codes if c]
        if country_codes:
            fields["country"] = country_codes[0]
    elif ftype == "role":
        fields["person"] = by["PERSON"][0].text
        if by["ORG"]:
            fields["organization"] = by["ORG"][0].text
        if codes:
            fields["country"] = codes[0]
    else:
        if codes:
            fields["subject"] = codes[0]
        if money:
            fields["value"] = value
            fields["unit"] = currency
        elif by["PERCENT"] and change is None:
            fields["value"] = parse_percent(by["PERCENT"][0].text)
            fields["unit"] = "%"
        if year:
            fields["period"] = year
            fields["period_text"] = date_text
        fields["change_pct"] = change
        fields["qualifier"] = qualifier
    known = FACT_TYPES[ftype].field_names
    return ftype, {k: v for k, v in fields.items() if k in known and v is not None}


__all__ = [
    "ACCEPTED",
    "COMMON_COLUMNS",
    "EDITED",
    "REJECTED",
    "REVIEWED",
    "SCOPE_ALL",
    "SCOPE_DOCUMENT",
    "STATUS_FILTERS",
    "Column",
    "FactQuery",
    "FactRow",
    "Filter",
    "cell_text",
    "columns_for",
    "default_key",
    "display_value",
    "edit_text",
    "filter_rows",
    "format_percent",
    "guess_fact",
    "load_rows",
    "make_predicate",
    "row_from_fact",
    "search_text",
    "snippet",
    "sort_key_function",
    "sort_rows",
]
