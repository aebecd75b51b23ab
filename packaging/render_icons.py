"""Render resources/icons/steppe.svg to the hicolor PNG sizes (and an .ico-ready set).

    QT_QPA_PLATFORM=offscreen python packaging/render_icons.py

Uses Qt's own SVG renderer (PySide6.QtSvg, part of PySide6-Essentials), so no ImageMagick or
librsvg is needed. Output: resources/icons/hicolor/<n>x<n>/apps/steppe.png.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter, qAlpha
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "steppe.svg"
OUT = ROOT / "resources" / "icons" / "hicolor"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    # Edge pixels with a near-zero alpha come out of un-premultiplying with arbitrary colours
    # (e.g. teal specks at the rounded corners); make them fully transparent.
    for y in range(size):
        for x in range(size):
            if 0 < qAlpha(image.pixel(x, y)) < 8:
                image.setPixel(x, y, 0)
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    for size in SIZES:
        target = OUT / f"{size}x{size}" / "apps" / "steppe.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(target), "PNG"):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
