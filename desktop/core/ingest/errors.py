"""The one error type of the import readers."""

from __future__ import annotations


class IngestError(Exception):
    """A file or text that cannot be imported; ``str(err)`` is one clear reason for the user."""
