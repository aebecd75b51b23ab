"""The ``steppe`` command. With no argument (or a project file) it opens the window.

Each subcommand lives in ``desktop/commands/<name>.py`` and exposes
``add_parser(subparsers)`` and ``run(args) -> int``. Exit codes: 0 success, 1 some input
failed (the rest was done), 2 usage error or nothing could be done.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desktop import __version__

#: Subcommand modules under ``desktop.commands``, in help order.
COMMANDS = ("import_", "list_", "extract", "evaluate", "export", "import_workbook", "charts", "restore")

EXIT_OK, EXIT_PARTIAL, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="steppe",
        description="Steppe: review China–Central Asia economic news and export a sourced table of facts.",
    )
    parser.add_argument("--version", action="version", version=f"steppe {__version__}")
    parser.epilog = (
        "With no command, Steppe opens its window: `steppe` (the default project), "
        "`steppe FILE.steppe`, `steppe --sample` (a project with the sample articles), "
        "`steppe --smoke` (a self-check that opens, extracts, charts and exports, then exits)."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"desktop.commands.{name}")
        except ModuleNotFoundError as err:
            if err.name == f"desktop.commands.{name}":
                continue  # a command not built yet
            raise
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("--smoke", "--sample") or (argv[0].endswith(".steppe") and len(argv) == 1):
        from desktop.app import run_app

        return run_app(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_ERROR
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
