"""Telling the clerk what went wrong: one Chinese message in a dialog, never a traceback, never silence."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.errors import UserInputError, ZipingError
from desktop.services.error_log import ErrorLog, error_details, error_summary
from desktop.storage.database import DatabaseError

UNEXPECTED_TITLE = "程序出错"


def show_error(parent: QWidget | None, message: str, title: str = "输入有误") -> QMessageBox:
    """Show ``message`` in a window-modal box without blocking the caller (tests read it back)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def show_unexpected_error(parent: QWidget | None, error: BaseException, log: ErrorLog) -> QMessageBox:
    """Write ``error`` to the log and show what happened, where the log file is and (folded) the
    traceback; if the log cannot be written the box says so."""
    try:
        log.write(error, "窗口")
    except OSError as failure:
        recorded = f"日志文件 {log.path} 无法写入（{failure.strerror or failure}），请看“详细信息”。"
    else:
        recorded = f"详细记录已写入日志文件：{log.path}\n请把这个文件交给维护人员。"
    text = f"程序出现了未预料的错误，刚才的操作可能没有完成：\n{error_summary(error)}\n\n{recorded}"
    box = QMessageBox(
        QMessageBox.Icon.Critical, UNEXPECTED_TITLE, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setDetailedText(error_details(error))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def install_error_hook(parent: Callable[[], QWidget | None], log: ErrorLog) -> None:
    """Every exception that escapes a slot becomes a dialog instead of a traceback nobody sees.

    A ``ZipingError`` (or ``DatabaseError``) shows its own Chinese message; any other exception is a
    bug: it is written to ``log`` and the dialog says what happened and where the log file is. Only
    Ctrl+C (``KeyboardInterrupt``) goes on to the previous hook."""
    previous = sys.excepthook

    def hook(kind, error, trace) -> None:
        if not isinstance(error, Exception):
            previous(kind, error, trace)
        elif isinstance(error, ZipingError | DatabaseError):
            show_error(parent(), str(error), "输入有误" if isinstance(error, UserInputError) else "无法完成")
        else:
            show_unexpected_error(parent(), error, log)

    sys.excepthook = hook
