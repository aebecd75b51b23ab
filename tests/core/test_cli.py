"""The `steppe` command as scripts use it: output lines and exit codes."""

import subprocess
import sys

import pytest

from desktop.cli import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=120)


def test_version():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("steppe ")


def test_import_reports_each_file_and_duplicates(tmp_path, capsys):
    good = tmp_path / "a.txt"
    good.write_text("China and Kazakhstan\nTrade reached $41 billion in 2023.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    project = tmp_path / "p.steppe"
    code = main(["import", str(good), str(empty), str(tmp_path / "missing.txt"), "--project", str(project),
                 "--no-extract"])
    out, err = capsys.readouterr()
    assert code == 1  # some files failed, the rest was imported
    assert "imported  " in out and str(good) in out
    assert "empty.txt" in err and "missing.txt" in err
    assert "1 imported, 0 duplicate, 2 failed" in out
    assert main(["import", str(good), "--project", str(project), "--no-extract"]) == 0
    assert "duplicate" in capsys.readouterr().out
    assert main(["list", "--project", str(project)]) == 0
    listing = capsys.readouterr().out
    assert "China and Kazakhstan" in listing and "1 document" in listing


def test_list_refuses_a_file_that_is_not_a_project(tmp_path, capsys):
    bogus = tmp_path / "notes.steppe"
    bogus.write_text("just some notes", encoding="utf-8")
    assert main(["list", "--project", str(bogus)]) == 2
    assert "not a Steppe project" in capsys.readouterr().err
    assert bogus.read_text(encoding="utf-8") == "just some notes"


def test_seeds_import_then_report_duplicates(tmp_path, seeds_dir, capsys):
    project = tmp_path / "p.steppe"
    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    assert main(["import", *files, "--project", str(project)]) == 0
    assert "5 imported, 0 duplicate, 0 failed" in capsys.readouterr().out
    assert main(["import", *files, "--project", str(project)]) == 0
    assert "0 imported, 5 duplicate, 0 failed" in capsys.readouterr().out
    assert main(["list", "--project", str(project)]) == 0
    listing = capsys.readouterr().out
    for date in ("2023-05-25", "2023-05-18", "2023-05-19"):
        assert date in listing


@pytest.mark.parametrize("args", [["import"], ["frobnicate"]])
def test_usage_errors_exit_2(args):
    assert run(*args).returncode == 2
