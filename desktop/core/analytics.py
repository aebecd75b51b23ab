"""pandas frames the charts (and the export) draw on. No Qt here.

Reading the trade series
------------------------
* Only China's trade with Central Asia is charted: one series per Central Asian state and one
  for ``CA5`` (the five together, as the text states it: the five states are never summed into
  CA5, so a CA5 point always rests on a figure someone wrote down).
* A fact reported by China (``reporter = CHN, partner = KAZ``) is used as it is. A fact reported
  by the Central Asian side (``reporter = KAZ, partner = CHN``) is *mirrored*: the partner becomes
  ``KAZ`` and the flow is swapped (Kazakhstan's exports to China are China's imports from
  Kazakhstan; "total" stays "total"). Mirrored rows carry ``mirrored = True``.
* Periods of different lengths are never mixed: ``period_kind`` is ``"year"`` (``2022``, or a
  full ``2022-01/2022-12`` range), ``"months: Jan–Apr"`` for a month range (named by its months,
  so Jan–Apr 2022 and Jan–Apr 2023 line up and Jan–May stands apart), ``"month"`` for a single
  month (``2023-04``) and ``"years"`` for a span of years (``2017/2024``, a cumulative figure).
  Facts without a period are left out (listed in ``frame.attrs["skipped"]``).
* ``value_usd`` is the value itself when it is in USD, else the stated USD value, else the value
  converted with :func:`desktop.core.fx.to_usd` at the annual average rate of the period's (last)
  year; such rows have ``converted = True``. A value that cannot be converted is skipped.
* Several facts giving the same (partner, period, flow) count once: the value shown is that of
  the best fact (edited before accepted before suggested, then the highest confidence, then a
  stated USD value before a converted one, then the largest value); ``n_facts`` and ``fact_ids``
  count them all, and ``suggested`` says whether any of them is still only suggested.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from desktop.core.countries import CENTRAL_ASIA
from desktop.core.model import (
    ACCEPTED,
    EDITED,
    ENTITY_LABELS,
    FACT_TYPES,
    REJECTED,
    REVIEWED_KEPT,
    STATUSES,
    SUGGESTED,
)

#: The partners the trade chart draws, in legend order.
TRADE_PARTNERS: tuple[str, ...] = ("CA5", *CENTRAL_ASIA)
CHINA = "CHN"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
YEAR, MONTH, YEARS, STOCK = "year", "month", "years", "stock"

_META_COLUMNS = ("id", "doc_id", "type", "status", "confidence", "source", "evidence_start", "evidence_end")
_FIELD_COLUMNS: tuple[str, ...] = tuple(dict.fromkeys(n for t in FACT_TYPES.values() for n in t.field_names))
_STATUS_RANK = {EDITED: 3, ACCEPTED: 2, SUGGESTED: 1, REJECTED: 0}
_SWAP_FLOW = {"export": "import", "import": "export", "total": "total"}

_YEAR_RE = re.compile(r"^(\d{4})$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_RANGE_RE = re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")
_YEARS_RE = re.compile(r"^(\d{4})/(\d{4})$")


# --------------------------------------------------------------------------- the facts frame


def facts_frame(project_or_facts: Any, statuses: Sequence[str] | None = REVIEWED_KEPT) -> pd.DataFrame:
    """One row per fact: id, doc_id, type, status, confidence, source, evidence offsets and every
    registry field flattened into its own column (a field a type lacks is ``None``).

    ``project_or_facts`` is a :class:`~desktop.core.store.project.Project` or an iterable of
    :class:`~desktop.core.model.Fact`. ``statuses=None`` keeps every status.
    """
    conn = getattr(project_or_facts, "conn", None)
    if conn is not None:
        rows = _fact_rows_sql(conn, statuses)
    else:
        keep = set(statuses) if statuses is not None else None
        rows = [
            (f.id, f.doc_id, f.type, f.status, f.confidence, f.source, f.evidence_start, f.evidence_end,
             *(f.fields.get(name) for name in _FIELD_COLUMNS))
            for f in project_or_facts
            if keep is None or f.status in keep
        ]
    frame = pd.DataFrame(rows, columns=[*_META_COLUMNS, *_FIELD_COLUMNS], dtype=object)
    # Field values keep their Python types with None for "unknown" (no NaN, no pandas string dtype).
    for col, dtype in (("id", "int64"), ("doc_id", "int64"), ("confidence", "float64")):
        frame[col] = frame[col].astype(dtype)
    return frame


def _fact_rows_sql(conn: Any, statuses: Sequence[str] | None) -> list[tuple[Any, ...]]:
    """The facts' rows with their fields read by SQLite (json_extract), much faster than json.loads."""
    fields = ", ".join(f"json_extract(fields_json, '$.{name}')" for name in _FIELD_COLUMNS)
    sql = (
        "SELECT id, doc_id, type, status, confidence, source, evidence_start, evidence_end, "
        f"{fields} FROM facts"
    )
    params: list[Any] = []
    if statuses is not None:
        sql += f" WHERE status IN ({','.join('?' * len(statuses))})"
        params = list(statuses)
    sql += " ORDER BY doc_id, evidence_start, id"
    return conn.execute(sql, params).fetchall()


# --------------------------------------------------------------------------- periods


def period_info(period: str | None) -> tuple[str, int, str] | None:
    """``(period_kind, year, label)`` for a schema period, or ``None`` if it is not one.

    ``year`` is where the period sits on a time axis (its last year); ``label`` reads well in a
    tooltip: ``"2023"``, ``"Jan–Apr 2023"``, ``"Apr 2023"``, ``"2017–2024"``.
    """
    if not period:
        return None
    p = str(period).strip()
    if m := _YEAR_RE.match(p):
        return YEAR, int(m[1]), p
    if m := _MONTH_RE.match(p):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            return None
        return MONTH, y, f"{MONTHS[mo - 1]} {y}"
    if m := _RANGE_RE.match(p):
        y0, m0, y1, m1 = int(m[1]), int(m[2]), int(m[3]), int(m[4])
        if not (1 <= m0 <= 12 and 1 <= m1 <= 12):
            return None
        if y0 == y1 and m0 == 1 and m1 == 12:
            return YEAR, y1, str(y1)
        if y0 == y1:
            if m0 == m1:
                return MONTH, y1, f"{MONTHS[m0 - 1]} {y1}"
            months = f"{MONTHS[m0 - 1]}–{MONTHS[m1 - 1]}"
            return f"months: {months}", y1, f"{months} {y1}"
        months = f"{MONTHS[m0 - 1]} {y0}–{MONTHS[m1 - 1]} {y1}"
        return f"months: {MONTHS[m0 - 1]}–{MONTHS[m1 - 1]} (across years)", y1, months
    if m := _YEARS_RE.match(p):
        y0, y1 = int(m[1]), int(m[2])
        if y0 == y1:
            return YEAR, y1, str(y1)
        return YEARS, y1, f"{y0}–{y1}"
    return None


def _usd(row: dict[str, Any], year: int | None) -> tuple[float | None, bool]:
    """(value in USD, converted?) for a trade or investment row.

    A USD value is its own USD value (so an edited value counts even if ``value_usd`` was not
    edited with it); otherwise the USD value the text states; otherwise a conversion.
    """
    value, currency = row.get("value"), (row.get("currency") or "").upper()
    has_value = value is not None and not pd.isna(value)
    if currency == "USD" and has_value:
        return float(value), False
    stated = row.get("value_usd")
    if stated is not None and not pd.isna(stated):
        return float(stated), False
    if not has_value:
        return None, False
    if not currency or year is None:
        return None, False
    from desktop.core import fx

    usd = fx.to_usd(float(value), currency, year)
    return (float(usd), True) if usd is not None else (None, False)


def _pick(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The fact whose value represents a group of facts that state the same figure."""
    return max(
        rows,
        key=lambda r: (
            _STATUS_RANK.get(r["status"], 0),
            float(r.get("confidence") or 0.0),
            not r["converted"],
            r["value_usd"],
        ),
    )


_TYPE_COLUMNS = {
    t: ("id", "status", "confidence", *FACT_TYPES[t].field_names) for t in ("trade", "investment")
}


def _of_type(frame: pd.DataFrame, fact_type: str) -> list[dict[str, Any]]:
    """The non-rejected facts of one type as plain dicts (only the columns that type has)."""
    if frame is None or len(frame) == 0:
        return []
    sub = frame[(frame["type"] == fact_type) & (frame["status"] != REJECTED)]
    cols = [c for c in _TYPE_COLUMNS.get(fact_type, tuple(frame.columns)) if c in sub.columns]
    values = [sub[c].tolist() for c in cols]
    return [dict(zip(cols, row, strict=True)) for row in zip(*values, strict=True)]


# --------------------------------------------------------------------------- trade

TRADE_COLUMNS = (
    "partner", "period", "period_kind", "period_label", "year", "flow", "value_usd", "converted",
    "n_facts", "fact_ids", "suggested", "mirrored", "fact_id",
)


def trade_series(frame: pd.DataFrame, flow: str = "total") -> pd.DataFrame:
    """China's trade with each Central Asian state and with CA5, one row per (partner, period).

    See the module notes for mirroring, period kinds, conversion and de-duplication.
    ``frame.attrs["skipped"]`` lists ``(fact_id, reason)`` for trade facts that could not be placed.
    """
    if flow not in _SWAP_FLOW:
        raise ValueError(f"flow must be total, export or import, not {flow!r}")
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    skipped: list[tuple[int, str]] = []
    for r in _of_type(frame, "trade"):
        reporter, partner, f_flow = r.get("reporter"), r.get("partner"), r.get("flow") or "total"
        mirrored = False
        if reporter == CHINA and partner in TRADE_PARTNERS:
            pass
        elif partner == CHINA and reporter in TRADE_PARTNERS:
            partner, f_flow, mirrored = reporter, _SWAP_FLOW.get(f_flow, f_flow), True
        else:
            continue  # not China–Central Asia trade
        if f_flow != flow:
            continue
        info = period_info(r.get("period"))
        if info is None:
            skipped.append((r["id"], "no usable period"))
            continue
        kind, year, label = info
        usd, converted = _usd(r, year)
        if usd is None:
            skipped.append((r["id"], f"no USD value (no rate for {r.get('currency')} {year})"))
            continue
        groups.setdefault((partner, r["period"]), []).append(
            r | {"partner": partner, "flow": f_flow, "mirrored": mirrored, "period_kind": kind,
                 "year": year, "period_label": label, "value_usd": usd, "converted": converted}
        )
    out = []
    for (partner, period), rows in groups.items():
        best = _pick(rows)
        out.append({
            "partner": partner, "period": period, "period_kind": best["period_kind"],
            "period_label": best["period_label"], "year": best["year"], "flow": flow,
            "value_usd": best["value_usd"], "converted": best["converted"], "n_facts": len(rows),
            "fact_ids": sorted(int(r["id"]) for r in rows),
            "suggested": any(r["status"] == SUGGESTED for r in rows),
            "mirrored": best["mirrored"], "fact_id": int(best["id"]),
        })
    result = pd.DataFrame(out, columns=list(TRADE_COLUMNS))
    if len(result):
        order = {p: i for i, p in enumerate(TRADE_PARTNERS)}
        result = result.assign(_o=result["partner"].map(order)).sort_values(
            ["_o", "period_kind", "year", "period"], kind="stable"
        ).drop(columns="_o").reset_index(drop=True)
        result["value_usd"] = result["value_usd"].astype(float)
        result["year"] = result["year"].astype(int)
        result["n_facts"] = result["n_facts"].astype(int)
        for col in ("converted", "suggested", "mirrored"):
            result[col] = result[col].astype(bool)
    result.attrs["skipped"] = skipped
    return result


# --------------------------------------------------------------------------- investment

INVESTMENT_KINDS = ("stock", "flow", "pledge")
INVESTMENT_COLUMNS = (
    "investor", "recipient", "kind", "value_usd", "n_facts", "fact_ids", "converted", "suggested",
    "period", "basis",
)


def investment_by_recipient(frame: pd.DataFrame) -> pd.DataFrame:
    """Investment per (investor, recipient, kind).

    * ``stock``: the most recent stock (``2022-12`` is the end of 2022), not a sum of stocks;
    * ``flow``: the most recent period's flow;
    * ``pledge``: the sum of the distinct pledges (the same period and value stated twice counts once).

    Facts stating the same (recipient, kind, period) are de-duplicated as in :func:`trade_series`.
    ``basis`` says what the value is ("as of 2022-12", "2022", "sum of 3 pledges"); ``fact_ids``
    are the facts behind the value shown; ``n_facts`` their number.
    """
    by_period: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    for r in _of_type(frame, "investment"):
        recipient, kind = r.get("recipient"), r.get("kind")
        if not recipient or kind not in INVESTMENT_KINDS:
            continue
        info = period_info(r.get("period"))
        year = info[1] if info else None
        usd, converted = _usd(r, year)
        if usd is None:
            continue
        period = r.get("period") or ""
        if kind == "pledge":
            period = f"{period}|{round(usd, -6)}"  # distinct deals: keep pledges of different values apart
        by_period.setdefault((r.get("investor") or "", recipient, kind, period), []).append(
            r | {"value_usd": usd, "converted": converted}
        )
    per_group: dict[tuple[str, str, str], list[tuple[str, dict[str, Any], list[dict[str, Any]]]]] = {}
    for (investor, recipient, kind, period), rows in by_period.items():
        per_group.setdefault((investor, recipient, kind), []).append((period, _pick(rows), rows))
    out = []
    for (investor, recipient, kind), items in per_group.items():
        if kind == "pledge":
            chosen = items
            value = sum(best["value_usd"] for _, best, _ in items)
            n = len(items)
            basis = f"sum of {n} pledges" if n > 1 else (_period_label(items[0][1].get("period")) or "pledge")
            period = None
        else:
            chosen = [max(items, key=lambda it: _period_sort_key(it[1].get("period")))]
            value = chosen[0][1]["value_usd"]
            period = chosen[0][1].get("period")
            label = _period_label(period) or "period unknown"
            basis = f"as of end {label}" if kind == "stock" and period else label
        rows = [r for _, _, group in chosen for r in group]
        out.append({
            "investor": investor, "recipient": recipient, "kind": kind, "value_usd": float(value),
            "n_facts": len(rows), "fact_ids": sorted(int(r["id"]) for r in rows),
            "converted": any(best["converted"] for _, best, _ in chosen),
            "suggested": any(r["status"] == SUGGESTED for r in rows),
            "period": period, "basis": basis,
        })
    result = pd.DataFrame(out, columns=list(INVESTMENT_COLUMNS))
    if len(result):
        order = {p: i for i, p in enumerate((*TRADE_PARTNERS, CHINA))}
        korder = {k: i for i, k in enumerate(INVESTMENT_KINDS)}
        result = result.assign(
            _k=result["kind"].map(korder), _o=result["recipient"].map(lambda c: order.get(c, 99))
        ).sort_values(["_k", "_o", "recipient", "investor"], kind="stable").drop(columns=["_k", "_o"])
        result = result.reset_index(drop=True)
    return result


def _period_sort_key(period: str | None) -> tuple[int, str]:
    info = period_info(period)
    return (info[1], str(period)) if info else (-1, "")


def _period_label(period: str | None) -> str | None:
    info = period_info(period)
    return info[2] if info else None


# --------------------------------------------------------------------------- review and actors


def review_progress(project_or_frame: Any) -> pd.DataFrame:
    """Fact counts: one row per fact type (registry order), one column per status (STATUSES order)."""
    counts: dict[tuple[str, str], int] = {}
    if isinstance(project_or_frame, pd.DataFrame):
        if len(project_or_frame):
            for (t, s), n in project_or_frame.groupby(["type", "status"]).size().items():
                counts[(t, s)] = int(n)
    else:
        for t, s, n in project_or_frame.conn.execute("SELECT type, status, COUNT(*) FROM facts GROUP BY type, status"):
            counts[(t, s)] = int(n)
    types = list(FACT_TYPES) + sorted({t for t, _ in counts} - set(FACT_TYPES))
    data = {s: [counts.get((t, s), 0) for t in types] for s in STATUSES}
    result = pd.DataFrame(data, index=pd.Index(types, name="type"), columns=list(STATUSES))
    return result.astype(int)


def review_fact_ids(project: Any, fact_type: str, status: str) -> list[int]:
    """The ids of the facts of one type and status (what a click on a review bar filters)."""
    return [
        r[0] for r in project.conn.execute(
            "SELECT id FROM facts WHERE type = ? AND status = ? ORDER BY id", (fact_type, status)
        )
    ]


ACTOR_COLUMNS = ("text", "label", "mentions", "documents", "doc_ids", "fact_ids")


def top_actors(
    project: Any,
    labels: Sequence[str] = ("PERSON", "ORG", "COUNTRY"),
    n: int = 15,
    doc_ids: Sequence[int] | None = None,
) -> pd.DataFrame:
    """The ``n`` most-mentioned entities with one of ``labels`` (rejected entities never count).

    Only exact duplicates merge (same text, same label): "Xi" and "Xi Jinping" stay apart.
    ``documents`` is the number of documents mentioning it; ``fact_ids`` are the non-rejected
    facts of those documents (what a click on the bar filters the facts table to).
    """
    labels = [lab for lab in labels if lab in ENTITY_LABELS]
    if not labels or n <= 0:
        return pd.DataFrame(columns=list(ACTOR_COLUMNS))
    sql = (
        f"SELECT text, label, doc_id FROM entities WHERE status != ? AND label IN ({','.join('?' * len(labels))})"
    )
    params: list[Any] = [REJECTED, *labels]
    if doc_ids is not None:
        if not doc_ids:
            return pd.DataFrame(columns=list(ACTOR_COLUMNS))
        sql += f" AND doc_id IN ({','.join('?' * len(doc_ids))})"
        params += list(doc_ids)
    ents = pd.DataFrame(project.conn.execute(sql, params).fetchall(), columns=["text", "label", "doc_id"])
    if ents.empty:
        return pd.DataFrame(columns=list(ACTOR_COLUMNS))
    grouped = ents.groupby(["text", "label"], sort=False).agg(
        mentions=("doc_id", "size"), documents=("doc_id", "nunique"), doc_ids=("doc_id", lambda s: sorted(set(s)))
    ).reset_index()
    grouped = grouped.sort_values(["mentions", "documents", "text"], ascending=[False, False, True], kind="stable")
    top = grouped.head(n).reset_index(drop=True)
    facts_by_doc: dict[int, list[int]] = {}
    wanted = sorted({d for ds in top["doc_ids"] for d in ds})
    if wanted:
        for fid, did in project.conn.execute(
            f"SELECT id, doc_id FROM facts WHERE status != ? AND doc_id IN ({','.join('?' * len(wanted))})",
            [REJECTED, *wanted],
        ):
            facts_by_doc.setdefault(did, []).append(fid)
    top["fact_ids"] = [sorted(f for d in ds for f in facts_by_doc.get(d, [])) for ds in top["doc_ids"]]
    top["mentions"] = top["mentions"].astype(int)
    top["documents"] = top["documents"].astype(int)
    return top[list(ACTOR_COLUMNS)]


__all__ = [
    "TRADE_PARTNERS",
    "facts_frame",
    "investment_by_recipient",
    "period_info",
    "review_fact_ids",
    "review_progress",
    "top_actors",
    "trade_series",
]
