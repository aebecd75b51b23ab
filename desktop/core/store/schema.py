"""The project database schema and its migrations.

A project is one SQLite file (suffix ``.steppe``). ``PRAGMA application_id`` marks it as
Steppe's and ``PRAGMA user_version`` holds the schema version. Every version's migration
is kept here, so a project created by the first version of Steppe opens in this one.
"""

from __future__ import annotations

import sqlite3

#: 'STPP' — tells a Steppe project from any other SQLite file.
APPLICATION_ID = 0x53545050
SCHEMA_VERSION = 2

#: Version 1: documents, entities, facts, the audit log.
SCHEMA_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    text         TEXT NOT NULL,
    outlet       TEXT,
    url          TEXT,
    published    TEXT,
    language     TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    imported_at  TEXT NOT NULL,
    source_path  TEXT,
    zones_json   TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE entities (
    id         INTEGER PRIMARY KEY,
    doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    label      TEXT NOT NULL,
    text       TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'suggested',
    source     TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL DEFAULT 1.0,
    CHECK (start >= 0 AND "end" > start)
);
CREATE INDEX entities_by_doc ON entities(doc_id, start);
CREATE TABLE facts (
    id             INTEGER PRIMARY KEY,
    doc_id         INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type           TEXT NOT NULL,
    fields_json    TEXT NOT NULL,
    evidence_start INTEGER,
    evidence_end   INTEGER,
    status         TEXT NOT NULL DEFAULT 'suggested',
    confidence     REAL NOT NULL DEFAULT 1.0,
    source         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX facts_by_doc ON facts(doc_id);
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    operation   TEXT NOT NULL,
    target      TEXT NOT NULL,
    target_id   TEXT,
    before_json TEXT,
    after_json  TEXT
);
"""

#: Version 2: the project's own gazetteer learned from the analyst's corrections,
#: and an index for status queries (review progress).
MIGRATE_1_TO_2 = """
CREATE TABLE learned_terms (
    text       TEXT PRIMARY KEY,
    label      TEXT,            -- NULL: the analyst rejected this string, never propose it
    updated_at TEXT NOT NULL
);
CREATE INDEX facts_by_status ON facts(status);
CREATE INDEX entities_by_status ON entities(status);
"""

MIGRATIONS: dict[int, str] = {1: MIGRATE_1_TO_2}


def create(conn: sqlite3.Connection, version: int = SCHEMA_VERSION) -> None:
    """Create a fresh schema at ``version`` (tests create old versions to test migrations)."""
    conn.executescript(
        f"BEGIN IMMEDIATE; {SCHEMA_V1} PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1; COMMIT;"
    )
    migrate(conn, target=version)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> list[int]:
    """Bring the schema up to ``target``, one version per transaction. Returns versions applied."""
    applied = []
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    while version < target:
        script = MIGRATIONS[version]
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in filter(str.strip, script.split(";")):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version += 1
        applied.append(version)
    return applied
