"""The main window on real database files: menus, selectors, remembered settings, welcome, backups."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPlainTextEdit

from desktop import __version__
from desktop.domain.checks import Finding
from desktop.domain.places import Place, locate
from desktop.services.department_setup import create_department
from desktop.services.departments import list_departments
from desktop.services.workspace import open_workspace
from desktop.ui.about import AboutDialog
from desktop.ui.editing import CallbackCommand
from desktop.ui.export_pdf_dialog import ExportPdfDialog
from desktop.ui.main_window import TAB_TYPES, MainWindow
from desktop.ui.window_menus import NOTHING_TO_PRINT


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, db_path, settings):
    def make(path=db_path):
        window = MainWindow(open_workspace(path, True), open_workspace, settings)
        qtbot.addWidget(window)
        return window

    return make


def menu_actions(window, title):
    menu = next(action.menu() for action in window.menuBar().actions() if action.text() == title)
    return {action.text(): action for action in menu.actions() if not action.isSeparator()}


def messages(window) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox)]


def test_the_menus_offer_what_the_clerk_needs_and_say_what_comes_later(make_window):
    window = make_window()
    assert [action.text() for action in window.menuBar().actions()] == ["文件(&F)", "编辑(&E)", "帮助(&H)"]
    file_menu = menu_actions(window, "文件(&F)")
    assert list(file_menu) == [
        "新建数据库…",
        "新建记录",
        "新建年度…",
        "打开数据库…",
        "导入 Excel…",
        "导出 Excel…",
        "导入决算报表…",
        "导出 PDF…",
        "打印…",
        "打印预览…",
        "决算说明文字…",
        "导出决算说明（PDF）…",
        "导出决算说明（Word）…",
        "检查说明文本…",
        "备份",
        "备份到…",
        "从备份恢复…",
        "退出",
    ]
    assert {text: action.isEnabled() for text, action in file_menu.items()} == {
        "新建数据库…": True,
        "新建记录": False,  # the welcome page has no list to add to
        "新建年度…": True,  # says what is missing when no 单位 is chosen
        "打开数据库…": True,
        "导入 Excel…": True,
        "导出 Excel…": True,
        "导入决算报表…": True,
        "导出 PDF…": False,
        "打印…": False,
        "打印预览…": False,
        "决算说明文字…": True,
        "导出决算说明（PDF）…": True,
        "导出决算说明（Word）…": True,
        "检查说明文本…": True,
        "备份": True,
        "备份到…": True,
        "从备份恢复…": True,
        "退出": True,
    }
    assert file_menu["打印…"].toolTip() == NOTHING_TO_PRINT
    edit_menu = menu_actions(window, "编辑(&E)")
    assert list(edit_menu) == [
        "撤销",
        "重做",
        "复制",
        "粘贴",
        "查找",
        "单位信息…",
        "新建单位…",
        "删除单位…",
        "设置…",
    ]
    assert (edit_menu["撤销"].isEnabled(), edit_menu["重做"].isEnabled()) == (False, False)
    assert list(menu_actions(window, "帮助(&H)")) == ["使用说明", "审计日志…", "关于 自评 Ziping"]


def test_an_empty_database_opens_on_the_welcome_page(make_window, db_path):
    window = make_window()
    assert window.pages.currentWidget() is window.welcome
    assert not window.toolbar.department.isEnabled()
    assert window.database_label.text() == f"数据库：{db_path}"
    assert window.backup_label.text() == "尚未备份"


def test_creating_a_department_from_the_welcome_page_opens_it(make_window, db_path, qtbot):
    window = make_window()
    welcome = window.welcome
    welcome.name.setText("遂宁市船山区信访局")
    welcome.competent.setText("四川省遂宁市船山区信访局部门")
    welcome.province.setCurrentText("四川省")
    welcome.year.setValue(2023)
    welcome.create.click()
    assert window.pages.currentWidget() is window.tabs
    assert window.toolbar.department.currentText() == "遂宁市船山区信访局"
    assert window.toolbar.year.value() == 2023
    department = list_departments(window.workspace.engine)[0]
    assert (window.context.department_id, window.context.year) == (department.id, 2023)
    assert department.implementing_unit == "遂宁市船山区信访局"
    assert department.province == "四川省"


def test_a_new_department_must_choose_its_province(make_window):
    window = make_window()
    window.welcome.name.setText("乌鲁木齐市天山区信访局")
    assert window.welcome.province.currentText() == "（请选择省份）"
    window.welcome.create.click()
    assert messages(window) == ["省份：请选择单位所在的省份（决定使用哪一套自评表和评价表）"]
    assert window.pages.currentWidget() is window.welcome
    assert list_departments(window.workspace.engine) == []


def test_a_department_without_a_name_is_refused_in_a_message(make_window):
    window = make_window()
    window.welcome.create.click()
    assert messages(window) == ["单位名称：不能为空"]
    assert window.pages.currentWidget() is window.welcome


def test_the_toolbar_selectors_drive_the_work_context(make_window, engine, qtbot):
    first = create_department(engine, "遂宁市船山区信访局", province="四川省")
    second = create_department(engine, "遂宁市船山区财政局", province="四川省")
    window = make_window()
    toolbar = window.toolbar
    assert [toolbar.department.itemText(i) for i in range(toolbar.department.count())] == [
        "遂宁市船山区信访局",
        "遂宁市船山区财政局",
    ]
    assert window.context.department_id == first.id
    with qtbot.waitSignal(window.context.changed):
        toolbar.department.setCurrentIndex(1)
    assert window.context.department_id == second.id
    with qtbot.waitSignal(window.context.changed):
        toolbar.year.setValue(2024)
    assert (window.context.department_id, window.context.year) == (second.id, 2024)


def test_size_and_position_are_remembered(make_window, settings):
    window = make_window()
    window.show()
    window.resize(640, 480)  # the offscreen test screen is 800 × 600
    window.move(40, 30)
    window.close()
    again = make_window()
    assert (again.width(), again.height()) == (640, 480)
    assert abs(again.x() - 40) <= 8 and abs(again.y() - 30) <= 8  # give or take the window frame


def test_backup_and_restore_from_the_window(make_window, engine, db_path):
    create_department(engine, "遂宁市船山区信访局", province="四川省")
    window = make_window()
    backup = window.backup_now()
    assert backup.parent == db_path.parent / "backups"
    assert window.backup_label.text().startswith("上次备份：20")
    create_department(window.workspace.engine, "后来的单位", province="四川省")
    assert window.restore_from(backup) is True
    assert [department.name for department in list_departments(window.workspace.engine)] == [
        "遂宁市船山区信访局"
    ]
    assert window.toolbar.department.count() == 1
    safety = [path.name for path in backup.parent.iterdir() if "恢复前" in path.name]
    assert len(safety) == 1


def test_a_backup_from_another_program_is_refused_and_the_database_stays(make_window, engine, tmp_path):
    create_department(engine, "遂宁市船山区信访局", province="四川省")
    window = make_window()
    other = tmp_path / "别的程序.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.close()
    assert window.restore_from(other) is False
    assert messages(window) == [
        f"{other} 不是 Ziping 数据库（是其他程序的 SQLite 文件，没有 Ziping 的表）；不能作为备份使用"
    ]
    assert [department.name for department in list_departments(window.workspace.engine)] == [
        "遂宁市船山区信访局"
    ]
    assert window.toolbar.department.currentText() == "遂宁市船山区信访局"


def test_opening_a_file_that_is_not_a_database_keeps_the_current_one(make_window, db_path, tmp_path):
    window = make_window()
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database", encoding="utf-8")
    assert window.open_database(text) is False
    assert messages(window) == [f"{text} 不是 Ziping 数据库（不是 SQLite 文件）"]
    assert window.workspace.path == db_path


def test_about_names_the_version_the_database_and_the_font_licence(qtbot, db_path):
    dialog = AboutDialog(db_path)
    qtbot.addWidget(dialog)
    summary = dialog.findChild(QLabel, "summary")
    assert f"自评 Ziping {__version__}" in summary.text()
    assert str(db_path) in summary.text()
    licences = dialog.findChild(QPlainTextEdit, "licences").toPlainText()
    assert "文泉驿微米黑 (WenQuanYi Micro Hei)：Apache License 2.0" in licences
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in licences


def tab_titles(window) -> list[str]:
    return [window.tabs.tabText(index) for index in range(window.tabs.count())]


def test_the_sample_opens_on_its_department_and_newest_year(make_window, sample_path):
    window = make_window(sample_path)
    assert window.pages.currentWidget() is window.tabs
    assert (window.toolbar.department.currentText(), window.toolbar.year.value()) == (
        "遂宁市船山区信访局",
        2023,
    )
    assert window.context.year == 2023
    assert tab_titles(window) == [title for title, _key, _type in TAB_TYPES]


def test_the_last_tab_is_remembered(make_window, sample_path):
    window = make_window(sample_path)
    window.tabs.setCurrentIndex(window.tabs.count() - 1)
    last = window.tabs.tabText(window.tabs.currentIndex())
    window.close()
    again = make_window(sample_path)
    assert again.tabs.tabText(again.tabs.currentIndex()) == last


def test_a_place_from_a_finding_switches_to_its_tab(make_window, sample_path):
    window = make_window(sample_path)
    window.tabs.setCurrentIndex(0)
    assert window.show_place(locate({"tab": "项目绩效", "project": "51090322T000000344324"})) is True
    assert window.tabs.tabText(window.tabs.currentIndex()) == "项目绩效"
    assert window.show_place(Place("没有的页", "")) is False


def test_the_search_box_filters_the_register(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    window.tabs.setCurrentIndex(tab_titles(window).index("信访登记"))
    register = window.tabs.currentWidget()
    assert window.toolbar.search.isEnabled()
    qtbot.keyClicks(window.toolbar.search, "2023")
    assert register.search.text() == "2023"


def test_the_print_actions_follow_the_current_tab_and_export_its_form(
    make_window, sample_path, tmp_path, qtbot
):
    window = make_window(sample_path)
    file_menu = menu_actions(window, "文件(&F)")
    window.tabs.setCurrentIndex(tab_titles(window).index("总览"))  # no form here (信访登记 prints its list)
    window.menus.refresh()
    assert [file_menu[text].isEnabled() for text in ("导出 PDF…", "打印…", "打印预览…")] == [
        True,
        False,
        False,
    ]
    window.tabs.setCurrentIndex(tab_titles(window).index("项目绩效"))
    assert [file_menu[text].isEnabled() for text in ("导出 PDF…", "打印…", "打印预览…")] == [True] * 3
    code = window.tabs.currentWidget().print_target()[1]
    file_menu["导出 PDF…"].trigger()  # the year's forms, this project's 自评表 checked
    (dialog,) = window.findChildren(ExportPdfDialog)
    (chosen,) = dialog.model.checked()
    assert (chosen.form, chosen.project_code) == ("self-eval", code) and code.startswith("51090322T")
    dialog.folder.setText(str(tmp_path))
    batches = []
    dialog.started.connect(batches.append)
    dialog.export_button.click()  # written in the background
    with qtbot.waitSignal(batches[0].done, timeout=60_000):
        pass
    assert (tmp_path / chosen.file_name).read_bytes().startswith(b"%PDF")
    assert messages(window)[0].startswith(f"已导出 1 个文件到 {tmp_path}：")


def test_a_workbook_exported_from_the_sample_imports_into_an_empty_database(
    make_window, sample_path, tmp_path, monkeypatch, qtbot
):
    workbook = tmp_path / "2023年度.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(workbook), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(workbook), ""))
    sample = make_window(sample_path)
    exporting = sample.menus.export_excel()
    with qtbot.waitSignal(exporting.done, timeout=60000):
        exporting.message.button(QMessageBox.StandardButton.Ok).click()  # masked, as offered
    exporting.wait()  # the worker thread ends after it reported
    empty = make_window(tmp_path / "空白.sqlite3")
    assert empty.pages.currentWidget() is empty.welcome
    importing = empty.menus.import_excel()
    qtbot.waitUntil(lambda: importing.message is not None, timeout=60000)
    # the masked ID and phone numbers are 提示: the problem report asks 导入 / 不导入
    assert [row[0] for row in importing.message.rows()] == ["提示", "提示"]
    with qtbot.waitSignal(importing.done, timeout=60000):
        importing.message.accept_button.click()
    importing.wait()
    assert empty.pages.currentWidget() is empty.tabs
    assert (empty.toolbar.department.currentText(), empty.toolbar.year.value()) == (
        "遂宁市船山区信访局",
        2023,
    )


def test_the_overview_opens_on_first_start_and_its_places_switch_tabs(make_window, sample_path):
    window = make_window(sample_path)
    assert tab_titles(window)[0] == "总览"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "总览"
    finding = Finding(
        "P2", "确定", "", "项目 处非专项经费", {"tab": "项目绩效", "project": "51090322T000000344324"}
    )
    window.tabs.widget(0).place_requested.emit(finding)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "项目绩效"
    assert (
        window.statusBar().currentMessage()
        == "已转到 项目绩效 · 项目列表 · 51090322T000000344324（项目 处非专项经费）"
    )


def test_the_welcome_page_loads_the_sample_into_a_new_file(make_window, tmp_path, monkeypatch):
    window = make_window()
    chosen = tmp_path / "我的示例.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), ""))
    window.welcome.sample.click()
    assert window.workspace.path == chosen
    assert window.pages.currentWidget() is window.tabs
    assert (window.toolbar.department.currentText(), window.toolbar.year.value()) == (
        "遂宁市船山区信访局",
        2023,
    )
    assert window.database_label.text() == f"数据库：{chosen}"


def test_undo_and_redo_follow_the_shared_stack(make_window, engine):
    create_department(engine, "遂宁市船山区信访局", province="四川省")
    window = make_window()
    names = []
    window.undo_stack.push(CallbackCommand("改名", lambda: names.append("改"), lambda: names.append("回")))
    menu_actions(window, "编辑(&E)")["撤销 改名"].trigger()
    assert names == ["改", "回"]
    edit_menu = menu_actions(window, "编辑(&E)")
    assert (edit_menu["撤销"].isEnabled(), edit_menu["重做 改名"].isEnabled()) == (False, True)


def test_paste_from_the_edit_menu_goes_to_the_focused_table_as_one_undo_step(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    window.show()
    window.activateWindow()
    window.tabs.setCurrentIndex(tab_titles(window).index("项目绩效"))
    funding = window.tabs.currentWidget().funding_view
    model = funding.model()
    before = [model.index(1, column).data() for column in range(3)]
    funding.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is funding)
    funding.setCurrentIndex(model.index(1, 0))
    QApplication.clipboard().setText("30\t28\t27.5\r\n")
    menu_actions(window, "编辑(&E)")["粘贴"].trigger()
    assert [model.index(1, column).data() for column in range(3)] == ["30.00", "28.00", "27.50"]
    menu_actions(window, "编辑(&E)")["撤销 粘贴"].trigger()
    assert [model.index(1, column).data() for column in range(3)] == before
