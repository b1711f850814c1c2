"""Several 单位 in one database (issue 11, Build 8): 新建单位…, switching in the toolbar, renaming in
单位信息…, 删除单位… with its confirmation, and 撤销 — driven through the real menu actions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import text

from desktop.services.workspace import open_workspace
from desktop.ui.department_dialog import DepartmentDialog
from desktop.ui.main_window import MainWindow

SAMPLE = "遂宁市船山区信访局"


@pytest.fixture
def window(qtbot, sample_path, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(sample_path), open_workspace, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def trigger(window, text_: str):
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "编辑(&E)")
    next(a for a in edit_menu.actions() if a.text().startswith(text_)).trigger()


def open_dialog(window, action: str) -> DepartmentDialog:
    trigger(window, action)
    return next(d for d in window.findChildren(DepartmentDialog) if d.isVisible())


def save(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def box_names(window) -> list[str]:
    box = window.toolbar.department
    return [box.itemText(i) for i in range(box.count())]


def departments(window) -> list[tuple]:
    with window.workspace.engine.connect() as connection:
        return [
            tuple(r) for r in connection.execute(text("SELECT name, province FROM department ORDER BY id"))
        ]


def visible_boxes(window) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def add_huangzhou(window) -> int:
    dialog = open_dialog(window, "新建单位…")
    assert dialog.windowTitle() == "新建单位" and dialog.province.province() == ""
    dialog.name.setText("黄州区财政局")
    dialog.province.set_province("湖北")
    assert dialog.offered_forms() == [
        "自评表：项目支出绩效自评表（全国通用）",
        "部门整体：没有适用的模板",
        "项目：没有适用的模板",
    ]
    save(dialog)
    return window.context.department_id


def test_a_second_department_of_another_province_is_added_switched_and_renamed(window):
    assert box_names(window) == [SAMPLE]
    new_id = add_huangzhou(window)

    assert departments(window) == [(SAMPLE, "四川省"), ("黄州区财政局", "湖北省")]
    assert box_names(window) == [SAMPLE, "黄州区财政局"]  # by name
    assert window.toolbar.department.currentText() == "黄州区财政局"
    assert window.windowTitle().startswith("自评 Ziping — 黄州区财政局 — ")
    projects = next(
        window.tabs.widget(i) for i in range(window.tabs.count()) if window.tabs.tabText(i) == "项目绩效"
    )
    assert projects.project_model.rowCount() == 0  # the new 单位 holds nothing

    box = window.toolbar.department
    box.setCurrentIndex(box.findText(SAMPLE))
    assert window.windowTitle().startswith(f"自评 Ziping — {SAMPLE} — ")
    assert projects.project_model.rowCount() == 7
    box.setCurrentIndex(box.findData(new_id))

    dialog = open_dialog(window, "单位信息…")
    assert dialog.name.text() == "黄州区财政局" and dialog.province.currentText() == "湖北省"
    dialog.name.setText("黄冈市黄州区财政局")
    save(dialog)
    assert box_names(window) == [SAMPLE, "黄冈市黄州区财政局"]
    assert window.toolbar.department.currentText() == "黄冈市黄州区财政局"
    assert window.windowTitle().startswith("自评 Ziping — 黄冈市黄州区财政局 — ")


def test_an_empty_department_is_deleted_at_once_and_comes_back(window):
    new_id = add_huangzhou(window)
    trigger(window, "删除单位…")
    assert visible_boxes(window) == []
    assert window.statusBar().currentMessage() == "已删除单位“黄州区财政局”；按 Ctrl+Z 可恢复"
    assert departments(window) == [(SAMPLE, "四川省")]
    assert box_names(window) == [SAMPLE] and window.context.department_id != new_id
    trigger(window, "撤销")
    assert departments(window) == [(SAMPLE, "四川省"), ("黄州区财政局", "湖北省")]
    assert (
        window.context.department_id == new_id and window.toolbar.department.currentText() == "黄州区财政局"
    )


def test_a_department_with_data_is_deleted_after_a_confirmation_naming_it(window):
    sample_id = window.context.department_id
    add_huangzhou(window)
    window.toolbar.department.setCurrentIndex(window.toolbar.department.findData(sample_id))
    with window.workspace.engine.connect() as connection:
        petitions = connection.execute(text("SELECT count(*) FROM petition")).scalar_one()
    trigger(window, "删除单位…")
    [box] = visible_boxes(window)
    assert box.text().startswith(f"删除单位“{SAMPLE}”及其全部数据？\n\n将一并删除：信访事项 {petitions}、")
    assert "项目 7" in box.text() and "评价表 3" in box.text()
    assert "Ctrl+Z" in box.text()
    next(button for button in box.buttons() if button.text() == "删除单位").click()

    assert departments(window) == [("黄州区财政局", "湖北省")]
    assert box_names(window) == ["黄州区财政局"]
    message = window.statusBar().currentMessage()
    assert message.startswith(f"已删除单位“{SAMPLE}”；按 Ctrl+Z 可恢复（删除前的数据库已备份到 ")
    backup = Path(
        message.removeprefix(f"已删除单位“{SAMPLE}”；按 Ctrl+Z 可恢复（删除前的数据库已备份到 ")[:-1]
    )
    assert backup.parent == window.workspace.path.parent / "backups"
    with sqlite3.connect(backup) as copy:  # the backup holds the 单位 with its data
        assert copy.execute("SELECT count(*) FROM petition").fetchone() == (petitions,)
    with window.workspace.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM petition")).scalar_one() == 0
    trigger(window, "撤销")
    with window.workspace.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM petition")).scalar_one() == petitions
    assert window.toolbar.department.currentText() == SAMPLE


def test_cancelling_the_confirmation_deletes_nothing_and_the_only_department_stays(window):
    trigger(window, "删除单位…")
    [box] = visible_boxes(window)
    assert box.text() == f"“{SAMPLE}”是数据库中唯一的单位，不能删除；请在“单位信息”中修改它，或新建数据库"
    box.close()
    add_huangzhou(window)
    window.toolbar.department.setCurrentIndex(window.toolbar.department.findText(SAMPLE))
    trigger(window, "删除单位…")
    [box] = visible_boxes(window)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert departments(window) == [(SAMPLE, "四川省"), ("黄州区财政局", "湖北省")]


def test_the_first_department_can_be_made_from_the_edit_menu_of_an_empty_database(qtbot, db_path, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(db_path, True), open_workspace, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.welcome
    dialog = open_dialog(window, "新建单位…")
    dialog.name.setText("乌鲁木齐市天山区民政局")
    dialog.province.set_province("新疆")
    save(dialog)
    assert window.pages.currentWidget() is window.tabs
    assert box_names(window) == ["乌鲁木齐市天山区民政局"]
    assert departments(window) == [("乌鲁木齐市天山区民政局", "新疆维吾尔自治区")]
