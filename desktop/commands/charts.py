"""``steppe charts --project FILE --out DIR [--include-suggested]``: every chart as a PNG, no window.

Writes ``trade.png``, ``investment.png``, ``review.png``, ``actors.png`` (the charts of the
Charts dock, drawn the same way) and prints each file written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop.cli import EXIT_ERROR, EXIT_OK
from desktop.commands.common import add_project_arg, open_project


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("charts", help="write every chart of a project as a PNG image (no window)")
    add_project_arg(p)
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the PNG files")
    p.add_argument(
        "--include-suggested", action="store_true",
        help="chart suggested facts too (default: accepted and edited only)",
    )
    p.add_argument(
        "--flow", choices=("total", "export", "import"), default="total",
        help="trade flow of the trade chart (China's point of view; default total)",
    )
    p.add_argument("--width", type=int, default=1400, metavar="PX", help="image width (default 1400)")
    p.add_argument("--height", type=int, default=900, metavar="PX", help="chart area height (default 900)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = open_project(args, create=False, read_only=True)
    if project is None:
        return EXIT_ERROR
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        project.close()
        print(f"steppe: cannot create {args.out}: {err.strerror or err}", file=sys.stderr)
        return EXIT_ERROR
    # Never a window: render offscreen (pyqtgraph needs a QApplication to draw).
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    previous = qInstallMessageHandler(_quiet_offscreen)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "steppe"])

    from desktop.core.session import Session
    from desktop.ui.charts import ChartsView

    with project:
        view = ChartsView(Session(project))
        try:
            view.set_include_suggested(args.include_suggested)
            view.set_flow(args.flow)
            view.resize(max(400, args.width), max(300, args.height))
            view.show()
            app.processEvents()
            written = []
            for key, chart in view.charts.items():
                view.show_chart(key)
                app.processEvents()
                view.refresh({key})
                app.processEvents()
                written.append(view.export_png(args.out / f"{chart.file_stem}.png", key, width=args.width))
        except OSError as err:
            print(f"steppe: cannot write the charts: {err.strerror or err}", file=sys.stderr)
            return EXIT_ERROR
        finally:
            view.shutdown()
            view.hide()
            view.deleteLater()
            app.processEvents()
            qInstallMessageHandler(previous)
    for path in written:
        print(path)
    return EXIT_OK


def _quiet_offscreen(mode, context, message: str) -> None:
    """Drop the offscreen platform's notice about size hints; pass every other message on."""
    if "propagateSizeHints" in message:
        return
    print(message, file=sys.stderr)
