"""Draw Ziping's icon: “自评” in the shipped CJK font on a rounded square.

Writes ``resources/icons/ziping.png`` (256 px, the window icon) and ``resources/icons/ziping.ico``
(16–256 px, the Windows program and installer icon). Run it again after changing the design:

    python packaging/make_icon.py

The ICO container is written here (PNG-compressed entries, read by Windows Vista and later),
because Qt's ICO writer stores one size per file.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
ICONS = ROOT / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
BACKGROUND = QColor("#b22222")  # 印章红 (firebrick)
FOREGROUND = QColor("#ffffff")


def draw(size: int, family: str) -> QImage:
    """The icon at ``size`` × ``size`` pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = size / 32
    square = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BACKGROUND)
    painter.drawRoundedRect(square, size * 0.18, size * 0.18)
    font = QFont(family)
    font.setPixelSize(round(size * 0.40))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(FOREGROUND)
    painter.drawText(square, Qt.AlignmentFlag.AlignCenter, "自评")
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding one PNG per size (ICONDIR, ICONDIRENTRY×n, then the images)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, data in pngs.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def main() -> int:
    QGuiApplication(sys.argv[:1])
    font_id = QFontDatabase.addApplicationFont(str(FONT))
    if font_id < 0:
        sys.exit(f"cannot load {FONT}")
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    pngs = {size: png_bytes(draw(size, family)) for size in ICO_SIZES}
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "ziping.png").write_bytes(pngs[256])
    (ICONS / "ziping.ico").write_bytes(ico_bytes(pngs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
