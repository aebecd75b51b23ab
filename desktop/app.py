"""Start the Qt application (the ``steppe`` command with no subcommand)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run_app(argv: Sequence[str]) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from desktop import __version__

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    window = QMainWindow()
    window.setWindowTitle(f"Steppe {__version__}")
    window.setCentralWidget(QLabel("Steppe"))
    window.resize(1200, 800)
    window.show()
    if "--smoke" in argv:
        return 0
    return app.exec()
