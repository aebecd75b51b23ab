"""Check gold annotation files against ``annotation-guidelines.md`` and the model registry.

Usage::

    python tests/data/check_gold.py GOLD_DIR [--text-dir DIR]

For every ``*.json`` in GOLD_DIR it checks that

* the document text (``source_file``, looked up in ``--text-dir``, else next to GOLD_DIR's parent,
  else in ``data/samples/``) exists and decodes as UTF-8;
* ``published`` is an ISO date or null;
* every entity has a valid label, and its ``text`` is found at the given ``occurrence``
  (counting ``str.find`` matches anywhere, including inside other words);
* MONEY / PERCENT / DATE spans do not start with "the" or an approximator;
* every fact has a known type, fields accepted by ``desktop.core.model.validate_fields``,
  and an ``evidence`` string that occurs verbatim in the text.

Exit status 0 when every file is clean, 1 otherwise. Warnings (overlapping spans, facts without
evidence) are printed but do not fail the check.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from desktop.core.model import ENTITY_LABELS, FACT_TYPES, InvalidValue, validate_fields  # noqa: E402

BAD_PREFIXES = ("the ", "about ", "over ", "more than ", "nearly ", "around ", "almost ", "roughly ")
TOP_KEYS = {"doc_id", "source_file", "published", "entities", "facts"}


def nth_find(text: str, needle: str, n: int) -> int:
    """Start of the n-th (1-based) ``str.find`` match of ``needle``, or -1."""
    i = -1
    for _ in range(n):
        i = text.find(needle, i + 1)
        if i == -1:
            return -1
    return i


def find_text(gold_dir: Path, source_file: str, text_dir: Path | None) -> Path | None:
    candidates = [text_dir] if text_dir else [gold_dir.parent, REPO / "data" / "samples"]
    for d in candidates:
        p = d / source_file
        if p.is_file():
            return p
    return None


def check_file(path: Path, text_dir: Path | None) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    warnings: list[str] = []
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [f"cannot read JSON: {err}"], warnings
    missing = TOP_KEYS - set(gold)
    if missing:
        errors.append(f"missing keys: {', '.join(sorted(missing))}")
        return errors, warnings
    if gold["doc_id"] != Path(gold["source_file"]).stem:
        warnings.append(f"doc_id {gold['doc_id']!r} differs from source_file stem")
    if gold["published"] is not None:
        try:
            date.fromisoformat(gold["published"])
        except (TypeError, ValueError):
            errors.append(f"published {gold['published']!r} is not an ISO date")
    text_path = find_text(path.parent, gold["source_file"], text_dir)
    if text_path is None:
        errors.append(f"text file {gold['source_file']} not found")
        return errors, warnings
    text = text_path.read_bytes().decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]

    spans: list[tuple[int, int, str]] = []
    for k, ent in enumerate(gold["entities"]):
        where = f"entity #{k} {ent.get('text')!r}"
        if ent.get("label") not in ENTITY_LABELS:
            errors.append(f"{where}: label {ent.get('label')!r} is not one of {ENTITY_LABELS}")
        t, occ = ent.get("text"), ent.get("occurrence")
        if not isinstance(t, str) or not t:
            errors.append(f"{where}: empty text")
            continue
        if not isinstance(occ, int) or occ < 1:
            errors.append(f"{where}: occurrence {occ!r} must be an integer >= 1")
            continue
        start = nth_find(text, t, occ)
        if start == -1:
            errors.append(f"{where}: occurrence {occ} not found (text has {text.count(t)} non-overlapping)")
            continue
        if t != t.strip():
            errors.append(f"{where}: leading or trailing whitespace")
        if ent["label"] in ("MONEY", "PERCENT", "DATE") and t.lower().startswith(BAD_PREFIXES):
            errors.append(f"{where}: {ent['label']} span starts with 'the' or an approximator")
        spans.append((start, start + len(t), f"{ent['label']}:{t}"))
    spans.sort()
    for (s1, e1, n1), (s2, e2, n2) in itertools.pairwise(spans):
        if s2 < e1:
            (errors if (s1, e1) == (s2, e2) else warnings).append(
                f"spans overlap: {n1} [{s1},{e1}) and {n2} [{s2},{e2})"
            )

    for k, fact in enumerate(gold["facts"]):
        ftype = fact.get("type")
        where = f"fact #{k} ({ftype})"
        if ftype not in FACT_TYPES:
            errors.append(f"{where}: unknown fact type")
            continue
        fields = {n: v for n, v in fact.items() if n not in ("type", "evidence")}
        try:
            validate_fields(ftype, fields)
        except InvalidValue as err:
            errors.append(f"{where}: {err}")
        absent = set(FACT_TYPES[ftype].field_names) - set(fields)
        if absent and ftype != "indicator":  # seed indicators omit period_text
            warnings.append(f"{where}: fields not given: {', '.join(sorted(absent))}")
        ev = fact.get("evidence")
        if not ev:
            warnings.append(f"{where}: no evidence")
        elif ev not in text:
            errors.append(f"{where}: evidence not found verbatim: {ev[:70]!r}")
    return errors, warnings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--text-dir", type=Path, default=None)
    args = ap.parse_args(argv)
    files = sorted(args.gold_dir.glob("*.json"))
    if not files:
        print(f"no *.json in {args.gold_dir}", file=sys.stderr)
        return 1
    bad = 0
    for f in files:
        errors, warnings = check_file(f, args.text_dir)
        gold = json.loads(f.read_text(encoding="utf-8")) if not errors or "JSON" not in errors[0] else {}
        status = "FAIL" if errors else "ok"
        print(f"{status:4} {f.name}: {len(gold.get('entities', []))} entities, {len(gold.get('facts', []))} facts")
        for e in errors:
            print(f"     error: {e}")
        for w in warnings:
            print(f"     warning: {w}")
        bad += bool(errors)
    print(f"{len(files) - bad}/{len(files)} files clean")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
