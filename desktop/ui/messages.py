"""Telling the clerk what went wrong: one Chinese message in a dialog, never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.errors import UserInputError
from desktop.storage.database import DatabaseError


def show_error(parent: QWidget | None, message: str, title: str = "输入有误") -> QMessageBox:
    """Show ``message`` in a window-modal box without blocking the caller (tests read it back)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def install_error_hook(parent: Callable[[], QWidget | None]) -> None:
    """A user's mistake that escapes a slot (``UserInputError``, ``DatabaseError``) becomes a
    dialog instead of a traceback on the console; anything else is still reported as the bug it is."""
    previous = sys.excepthook

    def hook(kind, error, trace) -> None:
        if isinstance(error, UserInputError | DatabaseError):
            show_error(parent(), str(error))
        else:
            previous(kind, error, trace)

    sys.excepthook = hook
