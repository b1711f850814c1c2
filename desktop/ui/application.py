"""The Qt application: font, the database chosen by the composition root, the main window."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import Engine

from desktop.services.errors import UserInputError
from desktop.storage.database import DatabaseError
from desktop.ui.main_window import MainWindow
from desktop.ui.theme import apply_theme


def run(open_database: Callable[[], tuple[Engine, Path]]) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Ziping")
    app.setOrganizationName("Ziping")
    apply_theme(app)
    try:
        engine, path = open_database()
    except (DatabaseError, UserInputError) as error:
        QMessageBox.critical(None, "无法打开数据库", str(error))
        return 2
    window = MainWindow(engine=engine, database_path=path)
    window.show()
    return app.exec()
