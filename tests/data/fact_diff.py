"""Print gold vs predicted facts field by field, per document.

Usage::

    python tests/data/fact_diff.py GOLD_DIR TEXT_DIR [--only-misses] [--gold-entities]

For every gold file: matched pairs (``=`` fully right, ``~`` found with the differing fields
shown as ``field: gold | predicted``), gold facts not found (``-``) and predicted facts that
match no gold fact (``+``). ``--gold-entities`` extracts facts from the gold entity spans
instead of the pipeline's, to separate fact-rule misses from entity misses.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from desktop.core.extract.fact_scoring import (  # noqa: E402
    add_scores,
    differing_fields,
    gold_entity_spans,
    match,
    score_facts,
)
from desktop.core.model import FACT_TYPES  # noqa: E402


def _short(f: dict) -> str:
    keys = [k for k in FACT_TYPES[f["type"]].field_names if k not in ("evidence",)]
    return f"{f['type']}: " + ", ".join(f"{k}={f.get(k)!r}" for k in keys)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("text_dir", type=Path)
    ap.add_argument("--only-misses", action="store_true")
    ap.add_argument("--gold-entities", action="store_true")
    ap.add_argument("--strict", action="store_true", help="no metric leniency in scoring")
    ap.add_argument("--summary", action="store_true", help="only the per-type table")
    args = ap.parse_args(argv)
    from desktop.core.extract.facts import extract_facts
    from desktop.core.extract.pipeline import extract

    scores = []
    for gpath in sorted(args.gold_dir.glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        text = (args.text_dir / (gold.get("source_file") or gpath.stem + ".txt")).read_bytes().decode("utf-8-sig")
        ex = extract(text, gold.get("published"))
        if args.gold_entities:
            facts = extract_facts(text, gold_entity_spans(text, gold["entities"]), gold.get("published"), ())
        else:
            facts = ex.facts  # as `steppe evaluate` does: no zones
        pred = [{"type": f.type, **f.fields, "evidence": text[f.evidence_start:f.evidence_end]} for f in facts]
        gf = gold.get("facts", [])
        scores.append(score_facts(gf, pred, args.strict))
        if args.summary:
            continue
        pairs = match(gf, pred, args.strict)
        print(f"== {gpath.stem}  gold {len(gf)}  predicted {len(pred)}  found {len(pairs)}  "
              f"fully right {sum(ok for *_x, ok in pairs)}")
        for i, j, ok in sorted(pairs):
            if ok:
                if not args.only_misses:
                    print(f"  = {_short(gf[i])}")
                continue
            print(f"  ~ {gf[i]['type']} {gf[i].get('name') or gf[i].get('metric') or gf[i].get('person') or gf[i].get('value')}")
            for k in differing_fields(gf[i], pred[j], args.strict):
                print(f"      {k}: {gf[i].get(k)!r} | {pred[j].get(k)!r}")
        mg = {i for i, _j, _ok in pairs}
        mp = {j for _i, j, _ok in pairs}
        for i, g in enumerate(gf):
            if i not in mg:
                print(f"  - {_short(g)}\n      evidence: {g.get('evidence')!r}")
        for j, p in enumerate(pred):
            if j not in mp:
                print(f"  + {_short(p)}\n      evidence: {p.get('evidence')[:160]!r}")
    total = add_scores(scores)
    print(f"{'strict' if args.strict else 'lenient'} scoring: type gold pred found right")
    for t, c in [*total["types"].items(), ("overall", total)]:
        print(f"  {t:11s} {c['gold']:4d} {c['predicted']:4d} {c['found']:5d} {c['fully_right']:5d}  F1 {c['f1']:.3f}  right {c['fully_right_rate']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
