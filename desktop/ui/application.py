"""The Qt application: Qt's Chinese texts, font, the database chosen by the composition root,
the main window."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.paths import APP_ICON
from desktop.errors import UserInputError
from desktop.services.workspace import Workspace
from desktop.storage.database import DatabaseError
from desktop.ui.main_window import MainWindow, OpenWorkspace
from desktop.ui.messages import install_error_hook
from desktop.ui.settings_dialog import print_font
from desktop.ui.theme import apply_theme
from desktop.ui.translations import speak_chinese


def run(first_workspace: Callable[[], Workspace], open_workspace: OpenWorkspace) -> int:
    """Show the window on ``first_workspace()``; ``open_workspace(path, create)`` opens others."""
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Ziping")
    app.setOrganizationName("Ziping")
    app.setWindowIcon(QIcon(str(APP_ICON)))
    speak_chinese(app)
    apply_theme(app)
    try:
        workspace = first_workspace()
    except (DatabaseError, UserInputError) as error:
        QMessageBox.critical(None, "无法打开数据库", str(error))
        return 2
    settings = QSettings()

    def with_font(opened: Workspace) -> Workspace:
        return opened.with_print_font(print_font(settings))

    window = MainWindow(
        with_font(workspace), lambda path, create: with_font(open_workspace(path, create)), settings
    )
    install_error_hook(lambda: app.activeWindow() or window)
    window.show()
    return app.exec()
