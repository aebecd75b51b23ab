"""Turn inline-annotated articles into a text file and a gold JSON file each.

Usage: python tests/data/annotated/convert.py SRC_DIR OUT_DIR

In SRC_DIR, ``own_*.txt`` mark entities as ``[[LABEL|text]]``. The script writes
OUT_DIR/texts/<name>.txt (markup removed) and OUT_DIR/gold/<name>.json in the guidelines'
format: entities by text + occurrence, counting ``str.find`` matches in the whole text.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

MARK = re.compile(r"\[\[([A-Z]+)\|(.+?)\]\]")


def convert(src: Path, out: Path) -> None:
    (out / "texts").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    for f in sorted(src.glob("own_*.txt")):
        raw = f.read_text(encoding="utf-8")
        plain, ents, last = "", [], 0
        for m in MARK.finditer(raw):
            plain += raw[last : m.start()]
            ents.append((len(plain), m.group(1), m.group(2)))
            plain += m.group(2)
            last = m.end()
        plain += raw[last:]
        gold = []
        for start, label, surface in ents:
            n, idx = 0, -1
            while True:
                idx = plain.find(surface, idx + 1)
                n += 1
                if idx in (start, -1):
                    break
            assert idx == start, (f.name, surface)
            gold.append({"label": label, "text": surface, "occurrence": n})
        pub = re.search(r"Published: (\d{4}-\d\d-\d\d)", plain)
        (out / "texts" / f.name).write_text(plain, encoding="utf-8")
        record = {
            "doc_id": f.stem,
            "source_file": f.name,
            "published": pub.group(1) if pub else None,
            "entities": gold,
            "facts": [],
        }
        (out / "gold" / f"{f.stem}.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f.name, len(gold))


if __name__ == "__main__":
    convert(Path(sys.argv[1]), Path(sys.argv[2]))
