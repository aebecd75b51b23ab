"""The welcome view shown in the centre while a project has no documents."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.paths import data_path


def sample_files() -> list[Path]:
    folder = data_path("samples")
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


class WelcomeView(QWidget):
    samplesRequested = Signal()
    importRequested = Signal()

    def __init__(self, project_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        lay = QVBoxLayout(self)
        lay.addStretch(2)
        title = QLabel("Welcome to Steppe", self)
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 2)
        f.setBold(True)
        title.setFont(f)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            f"The project “{project_name}” has no documents yet.\n"
            "Import news articles (.txt, .html, .md, .docx, .pdf) or a folder of them — or drop them on "
            "this window.\nSteppe suggests entities and facts; you review them with the keyboard.",
            self,
        )
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        self.samples_button = QPushButton("Open the sample documents", self)
        self.import_button = QPushButton("Import documents…", self)
        samples = sample_files()
        if samples:
            self.samples_button.setToolTip(f"Import the {len(samples)} sample articles shipped with Steppe")
        else:
            self.samples_button.setEnabled(False)
            self.samples_button.setToolTip(f"No sample documents found in {data_path('samples')}")
        self.samples_button.clicked.connect(self.samplesRequested)
        self.import_button.clicked.connect(self.importRequested)
        for b in (self.samples_button, self.import_button):
            b.setMinimumWidth(260)
            b.setMinimumHeight(36)
        lay.addWidget(title)
        lay.addSpacing(12)
        lay.addWidget(text)
        lay.addSpacing(18)
        lay.addWidget(self.samples_button, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(3)
