"""Extraction: entities and facts from document text (see ``pipeline``)."""
