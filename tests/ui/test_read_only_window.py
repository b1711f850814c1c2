"""A second Ziping window on a file another one holds: told so at start (and on 打开数据库…), it
opens the file read-only or not at all, the clerk's choice. Read-only: nothing offers an edit, the
title says 只读, a write still reached is refused in Chinese, reading and exporting work."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QMessageBox, QPushButton

from desktop.app import _arguments, open_chosen_database, open_other_database
from desktop.services.department_setup import create_department
from desktop.services.departments import resolve_department
from desktop.services.error_log import ErrorLog
from desktop.services.instance_lock import DatabaseInUse, acquire
from desktop.storage.database import open_database
from desktop.ui.application import start_window
from desktop.ui.database_dialogs import DO_NOT_OPEN_BUTTON, READ_ONLY_BUTTON
from desktop.ui.main_window import MainWindow
from desktop.ui.read_only import READING_BUTTONS
from desktop.ui.register_forms import MatterForm
from desktop.ui.text_fields import CommittingLineEdit, CommittingTextEdit

ROOT = Path(__file__).resolve().parents[2]
HOLD = (
    "import sys, time; from desktop.services.instance_lock import acquire; lock = acquire(sys.argv[1]); "
    "print('held', flush=True); time.sleep(120)"
)


@pytest.fixture
def holder():
    """Another process (another Ziping window) holding the lock of the files it is given."""
    children = []

    def hold(db: Path) -> subprocess.Popen:
        child = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(db)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=os.environ | {"PYTHONPATH": str(ROOT)},
        )
        children.append(child)
        assert child.stdout.readline().strip() == "held"
        return child

    yield hold
    for child in children:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def answer_next_question(button_text: str, seen: list[str]) -> None:
    """Click ``button_text`` in the next modal message box (the clerk's choice) and keep its text."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        next(button for button in box.buttons() if button.text() == button_text).click()

    QTimer.singleShot(0, click)


def matters(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM petition").fetchone()[0]


def menu_action(window: MainWindow, menu_title: str, text: str):
    menu = next(action.menu() for action in window.menuBar().actions() if action.text() == menu_title)
    menu.aboutToShow.emit()
    return next(action for action in menu.actions() if action.text() == text)


def editing_widgets_enabled(window: MainWindow) -> list[str]:
    """Every editing widget of every tab that still takes input (empty when read-only holds)."""
    found = []
    for index in range(window.tabs.count()):
        tab = window.tabs.widget(index)
        title = window.tabs.tabText(index)
        found += [
            f"{title}: 按钮 {button.text()}"
            for button in tab.findChildren(QPushButton)
            if button.isEnabled() and button.text() not in READING_BUTTONS
        ]
        found += [
            f"{title}: 表格 {view.objectName() or type(view).__name__}"
            for view in tab.findChildren(QAbstractItemView)
            if view.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
        ]
        found += [
            f"{title}: 文本框"
            for edit in (*tab.findChildren(CommittingTextEdit), *tab.findChildren(CommittingLineEdit))
            if not edit.isReadOnly()
        ]
    return found


def wait_for_register(qtbot, window: MainWindow):
    window.tabs.setCurrentIndex(1)
    register = window.tabs.widget(1)
    qtbot.waitUntil(lambda: not register.busy and register.table.model().rowCount() > 0, timeout=30000)
    return register


def test_a_second_window_at_start_is_told_and_opens_read_only_when_the_clerk_chooses(
    qtbot, sample_path, holder, settings, tmp_path
):
    child = holder(sample_path)
    before = matters(sample_path)
    seen: list[str] = []
    answer_next_question(READ_ONLY_BUTTON, seen)
    window = start_window(
        partial(open_chosen_database, _arguments(["--db", str(sample_path)])),
        open_other_database,
        ErrorLog(tmp_path / "ziping.log"),
        settings,
    )
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert seen[0].startswith(f"数据库 {sample_path} 已在另一个 Ziping 窗口中打开")
    assert f"进程 {child.pid}" in seen[0] and "以只读方式打开它" in seen[0]
    assert window.windowTitle() == f"自评 Ziping — 遂宁市船山区信访局 — {sample_path}（只读）"
    assert window.workspace.read_only and window.workspace.lock is None
    assert not (sample_path.parent / "backups").exists()  # a read-only window makes no backups

    register = wait_for_register(qtbot, window)
    register.table.selectRow(0)
    window.tabs.widget(3).project_view.selectRow(1)  # a project's details are switched on again
    assert editing_widgets_enabled(window) == []
    assert register.print_list_button.isEnabled() and register.export_list_button.isEnabled()  # reading
    window.tabs.setCurrentIndex(1)
    for menu_title, text in (
        ("文件(&F)", "新建记录"),
        ("文件(&F)", "导入 Excel…"),
        ("文件(&F)", "从备份恢复…"),
        ("编辑(&E)", "粘贴"),
        ("编辑(&E)", "单位信息…"),
    ):
        assert not menu_action(window, menu_title, text).isEnabled(), text
    assert menu_action(window, "文件(&F)", "导出 Excel…").isEnabled()
    assert menu_action(window, "文件(&F)", "备份").isEnabled()

    # Enter on a matter still shows it; saving it is refused with the reason, the form keeps the input
    register.table.setFocus()
    qtbot.keyClick(register.table, Qt.Key.Key_Return)
    form = register.findChild(MatterForm)
    form.petitioner_name.setText("改过的名字")
    form.buttons.accepted.emit()
    assert form.error.text() == (
        f"数据库 {sample_path} 是以只读方式打开的（另一个 Ziping 窗口正在使用它），不能保存修改；请到那个窗口中修改"
    )
    assert form.isVisible() and form.petitioner_name.text() == "改过的名字"
    form.reject()
    assert matters(sample_path) == before

    # reading works: the year's PDF and the Excel export are written from the read-only file
    services, context = window.workspace.services, window.context
    pdf = tmp_path / "pack.pdf"
    services.pdf.export(context.department_id, context.year, "pack", pdf, draft=True)
    assert pdf.read_bytes().startswith(b"%PDF")
    xlsx = tmp_path / "year.xlsx"
    services.excel.export(context.department_id, context.year, xlsx)
    assert xlsx.stat().st_size > 0
    window.close()
    assert matters(sample_path) == before


def test_a_second_window_at_start_opens_nothing_when_the_clerk_chooses_so(
    qtbot, sample_path, holder, settings, tmp_path
):
    holder(sample_path)
    seen: list[str] = []
    answer_next_question(DO_NOT_OPEN_BUTTON, seen)
    windows = {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)}  # earlier tests'
    code = start_window(
        partial(open_chosen_database, _arguments(["--db", str(sample_path)])),
        open_other_database,
        ErrorLog(tmp_path / "ziping.log"),
        settings,
    )
    assert code == 2
    assert "已在另一个 Ziping 窗口中打开" in seen[0]
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and id(w) not in windows]
    assert opened == []


def test_switching_databases_moves_the_lock_and_offers_read_only_for_a_held_file(
    qtbot, holder, settings, tmp_path, monkeypatch
):
    """文件 → 打开数据库…: the new file's lock is taken and the old one's released; a file another
    window holds is opened read-only or not at all; a free file after it is writable again."""
    first, held, free = (tmp_path / f"{name}.sqlite3" for name in ("甲", "乙", "丙"))
    for path, name in ((first, "甲县财政局"), (held, "乙县水利局"), (free, "丙县教育局")):
        engine = open_database(path, create=True)
        create_department(engine, name, province="湖北省")
        engine.dispose()
    window = MainWindow(open_other_database(first, False), open_other_database, settings)
    qtbot.addWidget(window)
    with pytest.raises(DatabaseInUse):
        acquire(first)
    holder(held)

    def open_file(path: Path, answer: str | None = None) -> list[str]:
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
        seen: list[str] = []
        if answer is not None:
            answer_next_question(answer, seen)
        menu_action(window, "文件(&F)", "打开数据库…").trigger()
        return seen

    seen = open_file(held, DO_NOT_OPEN_BUTTON)
    assert f"数据库 {held} 已在另一个 Ziping 窗口中打开" in seen[0]
    assert window.workspace.path == first and not window.workspace.read_only
    with pytest.raises(DatabaseInUse):
        acquire(first)

    open_file(held, READ_ONLY_BUTTON)
    assert window.windowTitle() == f"自评 Ziping — 乙县水利局 — {held}（只读）"
    assert resolve_department(window.workspace.engine).name == "乙县水利局"
    assert editing_widgets_enabled(window) == []
    acquire(first).release()  # the window let go of the first file

    open_file(free)
    assert window.windowTitle() == f"自评 Ziping — 丙县教育局 — {free}"
    assert not window.workspace.read_only
    assert menu_action(window, "编辑(&E)", "单位信息…").isEnabled()
    assert any(button.isEnabled() for button in window.tabs.widget(1).findChildren(QPushButton))
    with pytest.raises(DatabaseInUse):
        acquire(free)
    window.close()
    acquire(free).release()  # closing the window releases its file
