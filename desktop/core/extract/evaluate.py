"""Scoring extraction against gold annotations (``annotation-guidelines.md`` format).

Entities: exact span and label. Gold entities are given as text + occurrence; the occurrence
counts ``str.find`` matches of that exact string anywhere in the text, inside other words too.
Facts are scored by ``desktop.core.extract.fact_scoring.score_facts`` when that module exists.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.model import ENTITY_LABELS


def find_occurrence(text: str, needle: str, occurrence: int) -> int:
    """Start offset of the ``occurrence``-th (1-based) ``str.find`` match, or -1."""
    if not needle or occurrence < 1:
        return -1
    idx = -1
    for _ in range(occurrence):
        idx = text.find(needle, idx + 1)
        if idx == -1:
            return -1
    return idx


def gold_spans(text: str, gold: dict[str, Any]) -> tuple[set[tuple[int, int, str]], list[dict]]:
    """Gold entities as (start, end, label); also the entries that could not be located."""
    spans: set[tuple[int, int, str]] = set()
    missing: list[dict] = []
    for ent in gold.get("entities", []):
        start = find_occurrence(text, ent["text"], int(ent.get("occurrence", 1)))
        if start < 0:
            missing.append(ent)
            continue
        spans.add((start, start + len(ent["text"]), ent["label"]))
    return spans, missing


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def add(self, gold: set[tuple[int, int, str]], pred: set[tuple[int, int, str]]) -> None:
        for s in gold & pred:
            self.tp[s[2]] += 1
        for s in pred - gold:
            self.fp[s[2]] += 1
        for s in gold - pred:
            self.fn[s[2]] += 1

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }

    def table(self) -> dict[str, dict[str, float | int]]:
        out = {}
        for label in ENTITY_LABELS:
            if self.tp[label] or self.fp[label] or self.fn[label]:
                out[label] = self._prf(self.tp[label], self.fp[label], self.fn[label])
        out["micro"] = self._prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))
        return out


def _fact_dict(f: Any) -> dict:
    d = dict(f.fields)
    d["type"] = f.type
    d["evidence"] = {"start": f.evidence_start, "end": f.evidence_end}
    d["confidence"] = f.confidence
    return d


def evaluate_dirs(gold_dir: Path, text_dir: Path, *, with_facts: bool = True) -> dict[str, Any]:
    """Score every ``gold_dir/*.json`` against extraction of its text in ``text_dir``."""
    from desktop.core.extract.pipeline import Extraction, extract, extract_entities

    score = Score()
    docs: list[dict[str, Any]] = []
    gold_facts_all: list[dict] = []
    pred_facts_all: list[dict] = []
    try:
        from desktop.core.extract import fact_scoring
    except ImportError:
        fact_scoring = None  # type: ignore[assignment]
    score_facts = getattr(fact_scoring, "score_facts", None)
    fact_results = []
    for gpath in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        name = gold.get("source_file") or f"{gpath.stem}.txt"
        tpath = Path(text_dir) / name
        if not tpath.exists():
            docs.append({"doc_id": gpath.stem, "error": f"no text file {tpath}"})
            continue
        text = tpath.read_bytes().decode("utf-8-sig")
        gold_set, missing = gold_spans(text, gold)
        if with_facts:
            ex = extract(text, gold.get("published"))
        else:
            ex = Extraction(extract_entities(text), [])
        pred = {(s.start, s.end, s.label) for s in ex.entities}
        one = Score()
        one.add(gold_set, pred)
        score.add(gold_set, pred)
        docs.append(
            {
                "doc_id": gpath.stem,
                "entities": one.table()["micro"],
                "unlocated_gold": [f"{m['label']}:{m['text']}#{m.get('occurrence')}" for m in missing],
                "false_positives": sorted(f"{lab}:{text[s:e]}@{s}" for s, e, lab in pred - gold_set),
                "false_negatives": sorted(f"{lab}:{text[s:e]}@{s}" for s, e, lab in gold_set - pred),
            }
        )
        if with_facts and score_facts is not None:
            gf = list(gold.get("facts", []))
            pf = [_fact_dict(f) for f in ex.facts]
            gold_facts_all.extend(gf)
            pred_facts_all.extend(pf)
            try:
                fact_results.append(score_facts(gf, pf))
            except Exception as err:  # the facts scorer is another module; report, don't die
                fact_results.append({"error": str(err)})
    result: dict[str, Any] = {"entities": score.table(), "documents": docs}
    if with_facts and score_facts is not None:
        add = getattr(fact_scoring, "add_scores", None)
        ok = [r for r in fact_results if "error" not in r]
        try:
            result["facts"] = add(ok) if add else _merge_fact_scores(ok)
        except Exception:  # an older scorer without the same keys
            result["facts"] = _merge_fact_scores(ok)
    return result


def _merge_fact_scores(results: Iterable[dict]) -> dict:
    """Sum numeric counters of per-document fact scores (nested one level)."""
    total: dict[str, Any] = {}
    for r in results:
        for k, v in r.items():
            if isinstance(v, dict):
                sub = total.setdefault(k, {})
                if isinstance(sub, dict):
                    for k2, v2 in v.items():
                        if isinstance(v2, (int, float)) and not isinstance(v2, bool):
                            sub[k2] = sub.get(k2, 0) + v2
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                total[k] = total.get(k, 0) + v
    return total


def format_table(result: dict[str, Any]) -> str:
    lines = [f"{'label':<12}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for label, row in result["entities"].items():
        lines.append(
            f"{label:<12}{row['precision']:>8.3f}{row['recall']:>8.3f}{row['f1']:>8.3f}"
            f"{row['tp']:>6}{row['fp']:>6}{row['fn']:>6}"
        )
    facts = result.get("facts")
    if facts:
        lines.append("")
        lines.append(f"{'facts':<12}{'gold':>6}{'pred':>6}{'found':>7}{'right':>7}{'P':>8}{'R':>8}{'F1':>8}")
        rows = [*(facts.get("types") or {}).items(), ("overall", facts)]
        for name, row in rows:
            if not isinstance(row, dict) or "gold" not in row:
                continue
            lines.append(
                f"{name:<12}{row.get('gold', 0):>6}{row.get('predicted', 0):>6}{row.get('found', 0):>7}"
                f"{row.get('fully_right', 0):>7}{row.get('precision', 0):>8.3f}{row.get('recall', 0):>8.3f}"
                f"{row.get('f1', 0):>8.3f}"
            )
    return "\n".join(lines)
