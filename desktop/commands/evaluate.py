"""``steppe evaluate GOLD_DIR TEXT_DIR``: entity P/R/F1 per label and micro; fact scores."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "evaluate",
        help="score extraction against gold annotations",
        description="Score entity extraction (exact span and label) and facts against gold JSON files.",
    )
    p.add_argument("gold_dir", type=Path, help="folder of gold *.json files")
    p.add_argument("text_dir", type=Path, help="folder of the texts the gold files name")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.add_argument("--details", action="store_true", help="list false positives and negatives per document")
    p.add_argument("--no-facts", action="store_true", help="score entities only")
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    from desktop.core.extract.evaluate import evaluate_dirs, format_table

    for d in (args.gold_dir, args.text_dir):
        if not d.is_dir():
            print(f"steppe evaluate: {d} is not a folder", file=sys.stderr)
            return 2
    result = evaluate_dirs(args.gold_dir, args.text_dir, with_facts=not args.no_facts)
    if not result["documents"]:
        print(f"steppe evaluate: no gold files in {args.gold_dir}", file=sys.stderr)
        return 2
    if args.json:
        if not args.details:
            for d in result["documents"]:
                d.pop("false_positives", None)
                d.pop("false_negatives", None)
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(format_table(result))
        if args.details:
            for d in result["documents"]:
                print(f"\n== {d['doc_id']} {d.get('entities', d.get('error'))}")
                for k, tag in (
                    ("unlocated_gold", "??"),
                    ("false_positives", "FP"),
                    ("false_negatives", "FN"),
                ):
                    for item in d.get(k, []):
                        print(f"  {tag} {item}")
    errors = [d for d in result["documents"] if "error" in d]
    for d in errors:
        print(f"steppe evaluate: {d['doc_id']}: {d['error']}", file=sys.stderr)
    return 1 if errors else 0
