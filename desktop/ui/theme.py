"""Fonts and look: the shipped CJK font, so Chinese never shows as boxes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.paths import CJK_FONT


def apply_theme(app: QApplication) -> None:
    font_id = QFontDatabase.addApplicationFont(str(CJK_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))
