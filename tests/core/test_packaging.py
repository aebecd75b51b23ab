"""The desktop bundle's recipe is sound without building it (the build itself: packaging/build.sh)."""

from __future__ import annotations

import ast
import configparser
import os
import re
import stat
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
SPEC = PACKAGING / "steppe.spec"
DESKTOP_FILE = PACKAGING / "linux" / "io.github.steppe.Steppe.desktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def pyproject_version() -> str:
    """``[project] version`` (tomllib is Python 3.11+, and the project allows 3.10)."""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    table = re.search(r"^\[project\]\n(.*?)(?=^\[)", text, re.S | re.M)
    assert table, "no [project] table in pyproject.toml"
    found = re.findall(r'^version\s*=\s*"([^"]+)"', table.group(1), re.M)
    assert len(found) == 1, "pyproject.toml must give the version once, in [project]"
    return found[0]


def spec_literal(name: str):
    """The value of a top-level ``NAME = <literal>`` in the spec."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not a literal assignment in {SPEC}")


def test_spec_parses_as_python():
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "copy_metadata"} <= calls


def test_spec_bundles_resources_and_data_that_exist():
    bundled = spec_literal("BUNDLED")
    for src, dest in bundled:
        assert (REPO / src).exists(), src
        # paths.app_root() is sys._MEIPASS in the bundle: each source keeps its place under it
        top = src.split("/")[0]
        assert dest.split("/")[0] == top and top in ("resources", "data"), (src, dest)
    sources = {src for src, _ in bundled}
    for needed in (
        "data/gazetteers",
        "data/exchange_rates.csv",
        "data/samples",
        "resources/labels.json",
        "resources/icons/steppe.svg",
    ):
        assert needed in sources
    assert list((REPO / "data" / "samples").glob("*.txt")), "no sample documents to bundle"
    assert list((REPO / "data" / "gazetteers").glob("*.csv")), "no gazetteers to bundle"


def test_every_data_and_resource_file_the_code_names_is_bundled():
    """Each resource_path(...)/data_path(...) literal in desktop/ points into a bundled path."""
    bundled = [src for src, _ in spec_literal("BUNDLED")]
    pattern = re.compile(r"\b(resource_path|data_path)\(((?:\s*\"[^\"]*\"\s*,?)+)\)")
    for path in (REPO / "desktop").rglob("*.py"):
        for func, args in pattern.findall(path.read_text(encoding="utf-8")):
            parts = re.findall(r"\"([^\"]*)\"", args)
            rel = "/".join(["resources" if func == "resource_path" else "data", *parts])
            assert any(rel == src or rel.startswith(src + "/") for src in bundled), (
                f"{path}: {rel} not bundled"
            )


def test_spec_keeps_the_qt_plugins_the_app_needs():
    plugins = spec_literal("QT_PLUGINS")
    for needed in (
        "platforms/libqxcb",
        "platforms/libqoffscreen",
        "platforms/libqminimal",
        "imageformats/libqsvg",
        "imageformats/libqjpeg",
        "iconengines/libqsvgicon",
    ):
        assert needed in plugins
    excludes = spec_literal("EXCLUDES")
    for used in (
        "PySide6.QtCore",
        "PySide6.QtGui",
        "PySide6.QtWidgets",
        "PySide6.QtSvg",
        "PySide6.QtOpenGL",  # pyqtgraph imports these two by name on every import
        "PySide6.QtOpenGLWidgets",
        "pandas",
        "numpy",
        "openpyxl",
        "pyqtgraph",
        "lxml",
    ):
        assert used not in excludes


def test_spec_excludes_no_module_the_code_imports():
    """A module left out of the bundle must not be one that desktop/ imports (the bundle would
    fail at run time only)."""
    excludes = spec_literal("EXCLUDES")
    for path in (REPO / "desktop").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for name in names:
                hit = [x for x in excludes if name == x or name.startswith(x + ".")]
                assert not hit, f"{path.relative_to(REPO)}:{node.lineno} imports {name}, excluded by {hit}"


def test_spec_desktop_files_exist():
    for src, dest in spec_literal("SHARE"):
        assert (REPO / src).exists(), src
        assert dest.startswith("share/"), dest


def test_build_script_is_strict_and_executable():
    script = PACKAGING / "build.sh"
    assert script.stat().st_mode & stat.S_IXUSR, "packaging/build.sh is not executable"
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash")
    assert "set -euo pipefail" in text
    assert "packaging/steppe.spec" in text and "--distpath" in text and "--workpath" in text


def test_install_desktop_entry_script_is_strict_and_executable():
    script = PACKAGING / "install-desktop-entry.sh"
    assert script.stat().st_mode & stat.S_IXUSR
    text = script.read_text(encoding="utf-8")
    assert "set -euo pipefail" in text and "--uninstall" in text and "update-mime-database" in text


def test_desktop_file_has_exec_icon_and_mime_type():
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "Steppe" and "%f" in entry["Exec"]
    assert entry["Icon"] == "steppe"
    assert "application/x-steppe-project" in entry["MimeType"].split(";")
    mime = (PACKAGING / "linux" / "steppe-mime.xml").read_text(encoding="utf-8")
    assert 'type="application/x-steppe-project"' in mime


def test_icon_pngs_exist_in_all_sizes():
    for n in ICON_SIZES:
        png = REPO / "resources" / "icons" / "hicolor" / f"{n}x{n}" / "apps" / "steppe.png"
        assert png.is_file(), png
        head = png.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n", png
        width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        assert (width, height) == (n, n), png
    assert (REPO / "resources" / "icons" / "steppe.svg").is_file()


def test_version_lives_in_pyproject_and_matches_the_package():
    from importlib import metadata

    version = pyproject_version()
    try:
        installed = metadata.version("steppe")
    except metadata.PackageNotFoundError:
        pytest.skip("steppe is not installed (pip install -e .)")
    import desktop

    assert installed == version, "installed metadata is stale: pip install -e . again"
    assert desktop.__version__ == version


@pytest.mark.skipif(not os.access(REPO / "dist" / "Steppe" / "Steppe", os.X_OK), reason="no bundle built")
def test_built_bundle_has_its_files():
    """Only when a bundle was built here (bash packaging/build.sh): its layout, not its behaviour."""
    bundle = REPO / "dist" / "Steppe"
    internal = bundle / "_internal"
    for rel in (
        "resources/labels.json",
        "resources/icons/steppe.svg",
        "data/exchange_rates.csv",
        "data/gazetteers/countries.csv",
    ):
        assert (internal / rel).is_file(), rel
    assert list((internal / "data" / "samples").glob("*.txt"))
    assert (bundle / "share" / "applications" / DESKTOP_FILE.name).is_file()


def test_metainfo_lists_the_current_version_as_latest_release():
    """AppStream needs the release list by hand: the newest entry is pyproject's version."""
    text = (PACKAGING / "linux" / "io.github.steppe.Steppe.metainfo.xml").read_text(encoding="utf-8")
    releases = re.findall(r'<release\b[^>]*\bversion="([^"]+)"', text)
    assert releases, "no <release> in the metainfo"
    assert releases[0] == pyproject_version(), "add a <release> for the new version to the metainfo"
