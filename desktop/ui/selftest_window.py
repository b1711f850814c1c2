"""The Qt half of ``ziping --selftest`` (desktop/selftest.py): an offscreen application, a PDF read
back with QtPdf, and the main window opened and closed on a database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from desktop.services.workspace import Workspace, open_workspace


def offscreen_application() -> QApplication:
    """The running QApplication, or a new one that draws offscreen (no screen needed)."""
    existing = QApplication.instance()
    if existing is not None:
        return existing
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QApplication(sys.argv[:1])


def pdf_page_count(path: Path) -> int:
    """Pages of the PDF at ``path`` as QtPdf reads it; raises ValueError when it cannot be read."""
    offscreen_application()
    document = QPdfDocument()
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_:
        raise ValueError(f"QtPdf 无法读取 {path}：{error.name}")
    pages = document.pageCount()
    document.close()
    return pages


def open_and_close_main_window(workspace: Workspace, settings_file: Path) -> str:
    """Show the main window on ``workspace`` (settings kept in ``settings_file``), then close it;
    returns the window's title."""
    from desktop.ui.main_window import MainWindow

    app = offscreen_application()
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(workspace, open_workspace, settings)
    window.show()
    app.processEvents()
    title = window.windowTitle()
    if not window.close():
        raise RuntimeError("主窗口拒绝关闭")
    app.processEvents()
    return title


def open_guide() -> str:
    """Open 帮助 → 使用说明 offscreen; raises RuntimeError when it has no sections or a picture is missing."""
    from desktop.ui.guide_dialog import GuideDialog

    offscreen_application()
    dialog = GuideDialog()
    try:
        headings, images = dialog.headings(), dialog.images()
    finally:
        dialog.deleteLater()
    missing = [name for name, loaded in images.items() if not loaded]
    if not headings or not images or missing:
        raise RuntimeError(f"使用说明不完整：{len(headings)} 节，{len(images)} 张图，缺少 {missing}")
    return f"{len(headings)} 节，{len(images)} 张截图全部显示"
