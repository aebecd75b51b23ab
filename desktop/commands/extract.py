"""``steppe extract FILE… --format jsonl``: one JSON object per file, in the order given.

The objects follow the extraction contract of DESIGN.md::

    {"doc_id", "path", "published", "entities": [{label, start, end, text, source}],
     "facts": [{type, <fields>…, "evidence": {start, end}, "confidence"}]}

Offsets index the document text exactly as imported (UTF-8, a BOM dropped). A file that
cannot be read prints one error line to stderr; the others are still printed (exit code 1).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "extract",
        help="extract entities and facts from files and print them as JSON lines",
        description="Extract entities and facts from documents; print one JSON object per file.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="documents to extract from")
    p.add_argument("--format", choices=("jsonl",), default="jsonl", help="output format (default: jsonl)")
    p.set_defaults(run=run)
    return p


def _read(path: Path) -> tuple[str, str | None, list]:
    try:
        from desktop.core.ingest import read_document
    except ImportError:  # the ingest package is not there: plain UTF-8 text
        if not path.is_file():
            raise OSError("no such file") from None
        return path.read_bytes().decode("utf-8-sig"), None, []
    doc = read_document(path)
    return doc.text, doc.published, list(doc.zones or [])


def document_record(path: Path, text: str, published: str | None, zones: list) -> dict[str, Any]:
    """The contract object for one document."""
    from desktop.core.extract.pipeline import extract

    ex = extract(text, published, zones)
    facts = []
    for f in ex.facts:
        d: dict[str, Any] = {"type": f.type}
        d.update(f.fields)
        d["evidence"] = {"start": f.evidence_start, "end": f.evidence_end}
        d["confidence"] = round(float(f.confidence), 4)
        facts.append(d)
    return {
        "doc_id": path.stem,
        "path": str(path),
        "published": published,
        "entities": [
            {"label": s.label, "start": s.start, "end": s.end, "text": s.text, "source": s.source}
            for s in ex.entities
        ],
        "facts": facts,
    }


def run(args: argparse.Namespace) -> int:
    failed = 0
    for path in args.files:
        try:
            text, published, zones = _read(path)
        except Exception as err:  # IngestError, OSError, UnicodeDecodeError: one line, go on
            print(f"steppe extract: {path}: {err}", file=sys.stderr)
            failed += 1
            continue
        record = document_record(path, text, published, zones)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 1 if failed else 0
