"""Steppe's core: model, ingest, extraction, storage, session, export. Never imports Qt."""
