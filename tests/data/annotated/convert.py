import json, re, sys, pathlib
MARK = re.compile(r"\[\[([A-Z]+)\|(.+?)\]\]")
src = pathlib.Path(sys.argv[1]); out = pathlib.Path(sys.argv[2])
(out / "texts").mkdir(parents=True, exist_ok=True); (out / "gold").mkdir(parents=True, exist_ok=True)
for f in sorted(src.glob("own_*.txt")):
    raw = f.read_text(encoding="utf-8")
    text, ents, pos = [], [], 0
    plain = ""
    last = 0
    for m in MARK.finditer(raw):
        plain += raw[last:m.start()]
        ents.append((len(plain), m.group(1), m.group(2)))
        plain += m.group(2)
        last = m.end()
    plain += raw[last:]
    gold = []
    for start, label, s in ents:
        n, idx = 0, -1
        while True:
            idx = plain.find(s, idx + 1)
            assert idx != -1
            n += 1
            if idx == start:
                break
        gold.append({"label": label, "text": s, "occurrence": n})
    pub = re.search(r"Published: (\d{4}-\d\d-\d\d)", plain)
    (out / "texts" / f.name).write_text(plain, encoding="utf-8")
    (out / "gold" / (f.stem + ".json")).write_text(json.dumps({
        "doc_id": f.stem, "source_file": f.name, "published": pub.group(1) if pub else None,
        "entities": gold, "facts": []}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f.name, len(gold))
