"""Steppe: turn China–Central Asia economic news into a reviewed, sourced table of facts."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("steppe")
except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"
