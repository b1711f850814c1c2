"""What escapes a slot reaches the clerk: a ZipingError's own message, or for a bug a dialog naming
the log file it was written to. Driven through the real welcome page on a real database file."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from desktop.errors import UserInputError, ZipingError
from desktop.services.error_log import ErrorLog
from desktop.services.workspace import open_workspace
from desktop.ui.main_window import MainWindow
from desktop.ui.messages import UNEXPECTED_TITLE, install_error_hook


@pytest.fixture
def log(tmp_path):
    return ErrorLog(tmp_path / "data" / "ziping.log")


@pytest.fixture
def window(qtbot, db_path, tmp_path, log, monkeypatch):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(db_path, True), open_workspace, settings)
    qtbot.addWidget(window)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_error_hook(lambda: window, log)
    return window


def boxes(window) -> list[QMessageBox]:
    return window.findChildren(QMessageBox)


def escape(error: Exception) -> None:
    try:
        raise error
    except Exception as caught:
        sys.excepthook(type(caught), caught, caught.__traceback__)


def test_a_locked_database_in_a_real_slot_shows_its_chinese_message(window, db_path, log):
    """Issue 9, observation 9: “database is locked” once reached the default hook and showed nothing."""
    window.welcome.name.setText("遂宁市船山区信访局")
    window.welcome.province.setCurrentIndex(window.welcome.province.findData("四川省"))
    locker = sqlite3.connect(db_path, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        window.welcome.create.click()
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    [box] = boxes(window)
    assert (box.windowTitle(), box.text()) == (
        "无法完成",
        f"数据库正被另一个程序使用：{db_path}（等待 5 秒后仍未释放），请稍后重试",
    )
    assert not log.path.exists()  # a fault Ziping names is no bug: nothing to log
    assert window.pages.currentWidget() is window.welcome


def test_an_unexpected_error_in_a_real_slot_shows_a_dialog_and_is_logged(window, log, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("联系电话 13800001234 的记录无法处理")

    monkeypatch.setattr("desktop.ui.main_window.create_department", broken)
    window.welcome.name.setText("遂宁市船山区信访局")
    window.welcome.province.setCurrentIndex(window.welcome.province.findData("四川省"))
    window.welcome.create.click()
    [box] = boxes(window)
    assert box.windowTitle() == UNEXPECTED_TITLE
    assert box.text() == (
        "程序出现了未预料的错误，刚才的操作可能没有完成：\n"
        "RuntimeError: 联系电话 138****1234 的记录无法处理\n\n"
        f"详细记录已写入日志文件：{log.path}\n请把这个文件交给维护人员。"
    )
    text = log.path.read_text(encoding="utf-8")
    assert text.startswith("==== ") and " 窗口\nTraceback (most recent call last):" in text
    assert "in create_department" in text
    assert "138****1234" in text and "13800001234" not in text
    assert window.pages.currentWidget() is window.welcome


def test_a_user_error_escaping_a_slot_shows_its_message(window, log):
    escape(UserInputError("第 3 行“决算”：“abc”不是数字"))
    assert [(box.windowTitle(), box.text()) for box in boxes(window)] == [
        ("输入有误", "第 3 行“决算”：“abc”不是数字")
    ]
    assert not log.path.exists()


def test_any_ziping_error_shows_its_chinese_message(window, log):
    class DatabaseBusy(ZipingError):
        pass

    escape(DatabaseBusy("数据库 ziping.sqlite3 正被另一个程序使用，请稍后再试"))
    assert [(box.windowTitle(), box.text()) for box in boxes(window)] == [
        ("无法完成", "数据库 ziping.sqlite3 正被另一个程序使用，请稍后再试")
    ]


def test_a_log_that_cannot_be_written_is_said_in_the_dialog(window, log):
    log.path.parent.parent.mkdir(parents=True, exist_ok=True)
    log.path.parent.write_text("不是文件夹", encoding="utf-8")
    escape(KeyError("预算执行"))
    [box] = boxes(window)
    assert box.text().startswith(
        "程序出现了未预料的错误，刚才的操作可能没有完成：\nKeyError: '预算执行'\n\n日志文件 "
    )
    assert "无法写入" in box.text() and "KeyError: '预算执行'" in box.detailedText()
