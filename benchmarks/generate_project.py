"""Build a large synthetic Steppe project for the scale benchmarks.

    python benchmarks/generate_project.py OUT.steppe [--docs 10000] [--facts 100000] [--seed 1]

Documents are 3–6 KB of news-like prose about China–Central Asia economic ties (countries,
ministries, companies, leaders, money, percentages, dates), each with ~30 entities whose
offsets match the text exactly and ~``facts/docs`` facts whose evidence is a sentence; field
values follow the schema (ISO codes, periods, currencies). Statuses are a realistic mix
(mostly suggested, some accepted, edited and rejected). Everything is written with bulk
inserts in one transaction, so 10,000 documents take seconds, not minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.store import schema

CA = [("Kazakhstan", "KAZ"), ("Uzbekistan", "UZB"), ("Kyrgyzstan", "KGZ"), ("Tajikistan", "TJK"),
      ("Turkmenistan", "TKM")]
CITIES = ["Astana", "Almaty", "Tashkent", "Samarkand", "Bishkek", "Osh", "Dushanbe", "Ashgabat", "Urumqi",
          "Xi'an", "Khorgos", "Kashgar", "Beijing", "Shanghai", "Lianyungang"]
ORGS = ["the Ministry of Commerce", "the General Administration of Customs", "China Development Bank",
        "CNPC", "Sinopec", "the Export-Import Bank of China", "KazMunayGas", "Uzbekneftegaz",
        "the Asian Infrastructure Investment Bank", "the Shanghai Cooperation Organisation",
        "China Railway Group", "the Silk Road Fund", "Kazakhstan Temir Zholy", "the National Bank of Kazakhstan",
        "the Ministry of Investment, Industry and Trade of Uzbekistan", "COSCO Shipping", "Huawei", "CITIC Group"]
PEOPLE = ["Xi Jinping", "Kassym-Jomart Tokayev", "Shavkat Mirziyoyev", "Sadyr Japarov", "Emomali Rahmon",
          "Serdar Berdimuhamedov", "Wang Yi", "Li Qiang", "Wang Wentao", "Ding Xuexiang", "Roman Sklyar",
          "Jamshid Khodjaev", "Akylbek Japarov"]
EVENTS = ["the China–Central Asia Summit", "the Tashkent International Investment Forum",
          "the Astana International Forum", "the China–Eurasia Expo", "the SCO Summit", "the Belt and Road Forum"]
INITIATIVES = ["the Belt and Road Initiative", "the China–Kyrgyzstan–Uzbekistan railway",
               "the Central Asia–China gas pipeline", "the Middle Corridor", "the Khorgos Gateway dry port",
               "the Western Europe–Western China highway"]
CURRENCIES = [("USD", "$", 1.0), ("CNY", "¥", 0.14), ("EUR", "€", 1.08)]
FILLER = [
    "Officials said the agreements would be implemented in stages over the coming years.",
    "Analysts noted that logistics bottlenecks at border crossings remain a concern for exporters.",
    "The talks also covered agriculture, green energy, digital trade and people-to-people exchanges.",
    "Freight volumes on the route have risen steadily since the corridor opened to container traffic.",
    "Both sides agreed to simplify customs procedures and to expand the use of national currencies.",
    "The delegation visited industrial parks and met representatives of local business associations.",
    "Experts warned that commodity prices and exchange-rate swings could weigh on the figures.",
    "A joint working group will report on progress before the end of the year.",
]


class Writer:
    """Builds one document's text while recording entity offsets."""

    def __init__(self, rng: random.Random, keep: float = 0.75) -> None:
        self.rng, self.keep = rng, keep  # not every mention is an entity (~30 per document)
        self.parts: list[str] = []
        self.pos = 0
        self.entities: list[tuple[int, int, str, str]] = []

    def add(self, s: str, label: str | None = None) -> None:
        if label and self.rng.random() < self.keep:
            surface = s[4:] if s.startswith("the ") else s
            start = self.pos + (len(s) - len(surface))
            self.entities.append((start, start + len(surface), label, surface))
        self.parts.append(s)
        self.pos += len(s)

    def sentence(self, *pieces: tuple[str, str | None] | str) -> tuple[int, int]:
        start = self.pos
        for p in pieces:
            if isinstance(p, tuple):
                self.add(*p)
            else:
                self.add(p)
        end = self.pos
        self.add(" ")
        return start, end

    @property
    def text(self) -> str:
        return "".join(self.parts)


def money(rng: random.Random) -> tuple[str, float, str, float]:
    code, sign, rate = rng.choice(CURRENCIES)
    amount = round(rng.uniform(0.1, 95), 1)
    unit = rng.choice(["billion", "million"])
    value = amount * (1e9 if unit == "billion" else 1e6)
    return f"{sign}{amount} {unit}", value, code, value * rate


def make_document(rng: random.Random, i: int, n_facts: int, target_len: int):
    w = Writer(rng)
    country, code = rng.choice(CA)
    year = rng.randint(2013, 2025)
    w.sentence((f"China and {country}", None))  # title line (no entity: it is a heading)
    w.parts[-1] = "\n\n"
    w.pos += 1
    city = rng.choice(CITIES)
    w.sentence((city, "LOCATION"), ", ", (f"{rng.randint(1, 28)} {rng.choice(['May', 'June', 'March'])} {year}", "DATE"),
               " — ", ("China", "COUNTRY"), " and ", (country, "COUNTRY"), " agreed to deepen cooperation.")
    facts = []
    kinds = ["trade", "investment", "indicator", "event", "role"]
    while len(facts) < n_facts or w.pos < target_len:
        kind = rng.choice(kinds) if len(facts) < n_facts else None
        country, code = rng.choice(CA)
        period = str(rng.randint(2013, 2025))
        if kind == "trade":
            text, value, cur, usd = money(rng)
            change = round(rng.uniform(-20, 60), 1)
            span = w.sentence("Trade between ", ("China", "COUNTRY"), " and ", (country, "COUNTRY"), " reached ",
                              (text, "MONEY"), " in ", (period, "DATE"), ", up " if change >= 0 else ", down ",
                              (f"{abs(change)} percent", "PERCENT"),
                              ", according to ", (rng.choice(ORGS[:2]), "ORG"), ".")
            fields = {"reporter": "CHN", "partner": code, "flow": rng.choice(["total", "export", "import"]),
                      "period": period, "value": value, "currency": cur, "value_usd": usd, "change_pct": change,
                      "qualifier": rng.choice([None, "about", "over"])}
        elif kind == "investment":
            text, value, cur, usd = money(rng)
            span = w.sentence((rng.choice(ORGS), "ORG"), " pledged ", (text, "MONEY"), " for projects in ",
                              (country, "COUNTRY"), " under ", (rng.choice(INITIATIVES), "INITIATIVE"), ".")
            fields = {"investor": "CHN", "recipient": code, "kind": rng.choice(["stock", "flow", "pledge"]),
                      "period": period, "value": value, "currency": cur, "value_usd": usd}
        elif kind == "indicator":
            pct = round(rng.uniform(0.5, 40), 1)
            span = w.sentence("Freight through ", (rng.choice(CITIES), "LOCATION"), " grew ",
                              (f"{pct} percent", "PERCENT"), " in ", (period, "DATE"), ".")
            fields = {"subject": code, "metric": "freight volume", "value": rng.randint(1, 900) * 1000.0,
                      "unit": "tonnes", "period": period, "change_pct": pct}
        elif kind == "event":
            event = rng.choice(EVENTS)
            span = w.sentence("Leaders met at ", (event, "EVENT"), " in ", (rng.choice(CITIES), "LOCATION"), ".")
            fields = {"name": event[4:] if event.startswith("the ") else event, "start": f"{period}-05-1{rng.randint(0, 9)}",
                      "location": rng.choice(CITIES), "country": code}
        elif kind == "role":
            person = rng.choice(PEOPLE)
            span = w.sentence((person, "PERSON"), " of ", (country, "COUNTRY"), " spoke at ",
                              (rng.choice(ORGS), "ORG"), ".")
            fields = {"person": person, "role": "minister", "organization": None, "country": code}
        else:
            w.sentence(rng.choice(FILLER))
            continue
        facts.append((kind, fields, span))
        if rng.random() < 0.6:
            w.sentence(rng.choice(FILLER))
    return w.text, w.entities, facts


STATUS_MIX = ["suggested"] * 12 + ["accepted"] * 5 + ["rejected"] * 2 + ["edited"]


def generate(out: Path, n_docs: int, n_facts: int, seed: int = 1) -> dict[str, float]:
    t0 = time.perf_counter()
    out.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        out.with_name(out.name + suffix).unlink(missing_ok=True)
    rng = random.Random(seed)
    conn = sqlite3.connect(out, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    schema.create(conn)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    conn.execute("INSERT INTO meta(key, value) VALUES ('created_at', '2026-01-01T00:00:00+00:00')")
    per_doc, extra = divmod(n_facts, n_docs)
    n_ent = n_fact = 0
    docs, ents, facts, audit = [], [], [], []
    for i in range(1, n_docs + 1):
        k = per_doc + (1 if i <= extra else 0)
        text, entities, doc_facts = make_document(rng, i, k, rng.randint(3000, 6000))
        title = text.split("\n", 1)[0]
        published = f"{rng.randint(2013, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        docs.append((i, title, text, rng.choice(["Xinhua", "Kun.uz", "The Astana Times", "AKIpress", None]),
                     f"https://news.example/{i}", published, "en", hashlib.sha256(text.encode()).hexdigest(),
                     "2026-01-01T00:00:00+00:00", f"/data/news/{i:05d}.html", "[]"))
        for s, e, label, surface in entities:
            ents.append((i, s, e, label, surface, rng.choice(STATUS_MIX), "gazetteer:bench", 0.9))
        for kind, fields, (s, e) in doc_facts:
            facts.append((i, kind, json.dumps(fields, ensure_ascii=False, sort_keys=True), s, e,
                          rng.choice(STATUS_MIX), round(rng.uniform(0.5, 0.99), 2), f"fact:{kind}"))
        audit.append(("2026-01-01T00:00:00+00:00", "Import document", "documents", str(i), None,
                      json.dumps({"title": title})))
        if len(ents) > 50_000 or i == n_docs:
            conn.executemany("INSERT INTO documents(id, title, text, outlet, url, published, language,"
                             " content_hash, imported_at, source_path, zones_json) VALUES (?,?,?,?,?,?,?,?,?,?,?)", docs)
            conn.executemany('INSERT INTO entities(doc_id, start, "end", label, text, status, source, confidence)'
                             " VALUES (?,?,?,?,?,?,?,?)", ents)
            conn.executemany("INSERT INTO facts(doc_id, type, fields_json, evidence_start, evidence_end, status,"
                             " confidence, source) VALUES (?,?,?,?,?,?,?,?)", facts)
            conn.executemany("INSERT INTO audit(at, operation, target, target_id, before_json, after_json)"
                             " VALUES (?,?,?,?,?,?)", audit)
            n_ent += len(ents)
            n_fact += len(facts)
            docs, ents, facts, audit = [], [], [], []
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"documents": n_docs, "entities": n_ent, "facts": n_fact, "seconds": time.perf_counter() - t0,
            "megabytes": out.stat().st_size / 1e6}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--facts", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.docs < 1 or args.facts < 0:
        ap.error("--docs must be at least 1 and --facts at least 0")
    r = generate(args.out, args.docs, args.facts, args.seed)
    print(f"{args.out}: {r['documents']:,} documents, {r['entities']:,} entities, {r['facts']:,} facts,"
          f" {r['megabytes']:.0f} MB in {r['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
