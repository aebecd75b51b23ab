"""Steppe: turn China–Central Asia economic news into a reviewed, sourced table of facts."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("steppe")
except _metadata.PackageNotFoundError:  # a source tree that was never installed: read the one place
    import tomllib as _tomllib
    from pathlib import Path as _Path

    _pyproject = _Path(__file__).resolve().parents[1] / "pyproject.toml"
    try:
        __version__ = _tomllib.loads(_pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, _tomllib.TOMLDecodeError):
        __version__ = "unknown"
