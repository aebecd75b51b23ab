"""``steppe extract`` (the DESIGN.md contract) and ``steppe evaluate``."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"


def test_extract_jsonl_contract(tmp_path, capsys):
    a = tmp_path / "first.txt"
    a.write_bytes(
        "\ufeffChina’s trade with Kazakhstan rose 40 percent to $31.5 billion in 2023, Xinhua said.".encode()
    )
    b = tmp_path / "second.txt"
    b.write_text("President Shavkat Mirziyoyev visited Xi'an on Friday.", encoding="utf-8")
    missing = tmp_path / "nope.txt"
    rc = main(["extract", str(a), str(missing), str(b), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert rc == 1
    assert "nope.txt" in err
    lines = out.strip().splitlines()
    assert len(lines) == 2
    for line, path in zip(lines, (a, b), strict=True):
        rec = json.loads(line)
        assert set(rec) == {"doc_id", "path", "published", "entities", "facts"}
        assert rec["doc_id"] == path.stem and rec["path"] == str(path)
        text = path.read_bytes().decode("utf-8-sig")
        for e in rec["entities"]:
            assert set(e) == {"label", "start", "end", "text", "source"}
            assert text[e["start"] : e["end"]] == e["text"]
        for f in rec["facts"]:
            assert "type" in f and set(f["evidence"]) == {"start", "end"} and "confidence" in f
            assert 0 <= f["evidence"]["start"] < f["evidence"]["end"] <= len(text)
    first = json.loads(lines[0])
    assert {"label": "COUNTRY", "text": "China"}.items() <= first["entities"][0].items()
    assert first["entities"][0]["start"] == 0  # the BOM is not counted


def test_extract_on_own_articles(capsys):
    files = sorted((DATA / "texts").glob("*.txt"))[:3]
    assert main(["extract", *map(str, files)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [json.loads(x)["doc_id"] for x in lines] == [f.stem for f in files]


def test_evaluate_json_on_own_gold(capsys):
    rc = main(["evaluate", str(DATA / "gold"), str(DATA / "texts"), "--json", "--no-facts"])
    assert rc == 0
    res = json.loads(capsys.readouterr().out)
    assert res["entities"]["micro"]["f1"] >= 0.9
    assert {"PERSON", "ORG", "MONEY", "DATE"} <= set(res["entities"])


def test_evaluate_table_and_bad_dir(tmp_path, capsys):
    assert main(["evaluate", str(DATA / "heldout" / "gold"), str(DATA / "heldout" / "texts")]) == 0
    out = capsys.readouterr().out
    assert "micro" in out and "PERSON" in out
    assert main(["evaluate", str(tmp_path / "none"), str(tmp_path)]) == 2
