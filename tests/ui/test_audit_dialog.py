"""帮助 → 审计日志 through the real menu action: a save's entry shown with its user, filtered, exported."""

from __future__ import annotations

import getpass
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from desktop.domain.petitions import Matter
from desktop.services.department_setup import create_department
from desktop.services.workspace import open_workspace
from desktop.ui.audit_dialog import AuditDialog
from desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db_path, tmp_path):
    workspace = open_workspace(db_path, True)
    department = create_department(workspace.engine, "测试局", province="四川省").id
    register = workspace.services.register
    matter_id = register.save(department, Matter("A-1", date(2023, 3, 1), "来信", phone="13800001234"))
    register.save(department, replace(register.get(matter_id), phone="13900005678"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(workspace, open_workspace, settings)
    qtbot.addWidget(shown)
    return shown


def _open(window):
    menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "帮助(&H)")
    action = next(action for action in menu.actions() if action.text() == "审计日志…")
    action.trigger()
    return window.findChildren(AuditDialog)[-1]


def _cells(dialog) -> list[list[str]]:
    return [
        [dialog.view.item(row, column).text() for column in range(dialog.view.columnCount())]
        for row in range(dialog.view.rowCount())
    ]


def test_the_log_shows_each_change_masked_with_its_user(window):
    dialog = _open(window)

    rows = _cells(dialog)
    changes = [row[1:] for row in rows if row[3] == "信访事项"]
    assert changes == [
        [getpass.getuser(), "修改", "信访事项", "1", '{"phone": "138****1234"}', '{"phone": "139****5678"}'],
        [getpass.getuser(), "新增", "信访事项", "1", "", changes[1][5]],
    ]
    assert "13800001234" not in changes[1][5] and "138****1234" in changes[1][5]


def test_the_filters_narrow_the_entries(window):
    dialog = _open(window)
    everything = dialog.view.rowCount()

    dialog.table.setCurrentIndex(dialog.table.findText("信访事项"))
    assert dialog.view.rowCount() == 2 < everything
    dialog.actor.setCurrentIndex(dialog.actor.findText(getpass.getuser()))
    assert dialog.view.rowCount() == 2
    dialog.start.setDate(dialog.end.date().addDays(1))
    assert dialog.view.rowCount() == 0 and dialog.count.text() == "共 0 条"


def test_the_filtered_entries_export_to_excel(window, tmp_path, monkeypatch):
    out = tmp_path / "审计.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    dialog = _open(window)
    dialog.table.setCurrentIndex(dialog.table.findText("信访事项"))

    dialog.export_button.click()

    sheet = load_workbook(out).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["时间", "用户", "操作", "表", "记录编号", "修改前", "修改后"]
    assert [row[2:5] for row in rows[1:]] == [["修改", "信访事项", 1], ["新增", "信访事项", 1]]
    assert dialog.count.text() == f"已导出 2 条审计记录到 {out}"
