"""The Qt application: Qt's Chinese texts, font, the database chosen by the composition root,
the main window."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.errors import ZipingError
from desktop.paths import APP_ICON
from desktop.services.error_log import ErrorLog
from desktop.services.instance_lock import DatabaseInUse
from desktop.services.workspace import Workspace
from desktop.storage.database import DatabaseError
from desktop.ui.database_dialogs import ask_read_only, offer_recovery
from desktop.ui.garbage import MainThreadGarbageCollector
from desktop.ui.main_window import MainWindow, OpenWorkspace
from desktop.ui.messages import install_error_hook, show_unexpected_error
from desktop.ui.settings_dialog import print_font
from desktop.ui.theme import apply_theme
from desktop.ui.translations import speak_chinese


def run(first_workspace: Callable[..., Workspace], open_workspace: OpenWorkspace, log: ErrorLog) -> int:
    """Show the window on ``first_workspace()`` (see ``start_window``); ``open_workspace(path, create)``
    opens others. Whatever goes wrong is shown in a dialog; what is not the clerk's mistake is
    written to ``log``."""
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Ziping")
    app.setOrganizationName("Ziping")
    app.setWindowIcon(QIcon(str(APP_ICON)))
    speak_chinese(app)
    apply_theme(app)
    MainThreadGarbageCollector(app)
    window = start_window(first_workspace, open_workspace, log, QSettings())
    if isinstance(window, int):
        return window
    install_error_hook(lambda: app.activeWindow() or window, log)
    window.show()
    return app.exec()


def start_window(
    first_workspace: Callable[..., Workspace],
    open_workspace: OpenWorkspace,
    log: ErrorLog,
    settings: QSettings,
) -> MainWindow | int:
    """The window on ``first_workspace()``, or the exit code when nothing opens. When another
    window holds the file the clerk chooses: ``first_workspace(read_only=True)`` or not at all."""
    try:
        try:
            workspace = first_workspace()
        except DatabaseInUse as error:
            if not ask_read_only(None, error):
                return 2
            workspace = first_workspace(read_only=True)
    except DatabaseError as error:
        if not offer_recovery(None, error):
            return 2
        workspace = first_workspace()
    except ZipingError as error:
        QMessageBox.critical(None, "无法打开数据库", str(error))
        return 2
    except Exception as error:  # a bug before the event loop runs: shown and logged, then the end
        show_unexpected_error(None, error, log).exec()
        return 1

    def with_font(opened: Workspace) -> Workspace:
        return opened.with_print_font(print_font(settings))

    try:
        return MainWindow(
            with_font(workspace),
            lambda path, create, read_only=False: with_font(
                open_workspace(path, create, read_only=read_only)
            ),
            settings,
        )
    except Exception as error:  # as above
        show_unexpected_error(None, error, log).exec()
        return 1
