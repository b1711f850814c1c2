"""编辑 → 单位信息…: the province picked in the dialog is saved and changes the forms the tabs use;
a new province's template file sets the 预算执行 weight the 项目绩效 tab shows."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop.paths import FORMS
from desktop.services.catalogue import FormCatalogue
from desktop.services.container import build_services
from desktop.services.departments import department_info
from desktop.services.workspace import open_workspace
from desktop.ui.context import WorkContext
from desktop.ui.department_dialog import DepartmentDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.projects_tab import ProjectsTab
from desktop.ui.scorecard_tab import ScorecardTab
from tests.services.chufei import add_chufei_project
from tests.services.new_province import HUBEI_TEMPLATE

SICHUAN_FORMS = [
    "自评表：部门预算项目支出绩效自评表（四川省）",
    "部门整体：部门整体支出绩效评价指标体系（四川省）",
    "项目：项目支出绩效评价指标体系（四川省）",
]

NATIONAL_FORMS = [
    "自评表：项目支出绩效自评表（全国通用）",
    "部门整体：没有适用的模板",
    "项目：没有适用的模板",
]


@pytest.fixture
def window(qtbot, engine, db_path, tmp_path):
    department_id, _ = add_chufei_project(engine)  # 四川省
    engine.dispose()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(db_path), open_workspace, settings)
    qtbot.addWidget(window)
    window.show()
    assert (window.context.department_id, window.context.year) == (department_id, 2023)
    return window


def tab(window, title):
    return next(window.tabs.widget(i) for i in range(window.tabs.count()) if window.tabs.tabText(i) == title)


def open_dialog(window) -> DepartmentDialog:
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "编辑(&E)")
    action = next(a for a in edit_menu.actions() if a.text() == "单位信息…")
    action.trigger()
    return next(d for d in window.findChildren(DepartmentDialog) if d.isVisible())


def click_ok(dialog):
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_changing_the_province_is_saved_and_changes_the_forms(window, qtbot):
    assert tab(window, "项目绩效").execution_box.title() == "预算执行情况（10分，金额单位：万元）"
    dialog = open_dialog(window)
    assert dialog.province.currentText() == "四川省" and dialog.name.text() == "遂宁市船山区信访局"
    assert dialog.offered_forms() == SICHUAN_FORMS
    dialog.province.setCurrentText("新疆维吾尔自治区")
    assert dialog.offered_forms() == NATIONAL_FORMS  # no scorecard for 新疆 ships
    dialog.credit_code.setText("91350100M000100Y44")
    click_ok(dialog)
    assert [box.text() for box in dialog.findChildren(QMessageBox)] == [
        "统一社会信用代码：“91350100M000100Y44”的校验位应为“3”而不是“4”（GB 32100-2015），请核对是否抄错"
    ]
    assert dialog.isVisible()
    assert department_info(window.workspace.engine, window.context.department_id).province == "四川省"
    dialog.credit_code.setText("91350100M000100Y43")
    click_ok(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = department_info(window.workspace.engine, window.context.department_id)
    assert (saved.province, saved.credit_code) == ("新疆维吾尔自治区", "91350100M000100Y43")
    projects = tab(window, "项目绩效")
    assert projects.execution_box.title() == "预算执行率（10分，金额单位：万元）"  # the national heading
    assert projects.indicator_box.title() == "绩效指标（90分）"
    assert open_dialog(window).offered_forms() == NATIONAL_FORMS


def test_without_a_department_the_dialog_says_so(qtbot, db_path, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(db_path, True), open_workspace, settings)
    qtbot.addWidget(window)
    assert window.menus.open_department() is None
    assert [box.text() for box in window.findChildren(QMessageBox)] == [
        "请先新建单位或在工具栏选择单位和年度"
    ]


def test_a_new_provinces_weight_shows_in_the_tab_heading_and_cell(qtbot, engine, tmp_path):
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    (forms / "hubei_self_evaluation.toml").write_text(HUBEI_TEMPLATE, encoding="utf-8")
    department_id, _ = add_chufei_project(engine, province="湖北省")
    projects = ProjectsTab(
        build_services(engine, FormCatalogue(forms)), WorkContext(department_id, 2023), QUndoStack()
    )
    qtbot.addWidget(projects)
    projects.show()
    assert projects.execution_box.title() == "预算执行率（20分，金额单位：万元）"
    assert projects.indicator_box.title() == "绩效指标（80分）"
    total = [projects.funding_view.model().index(0, column).data() for column in (4, 5, 6)]
    assert total == ["20", "17.87", "17.87"]  # 权重, 得分, 公式得分: 20 × 117.65 / 131.65
    assert projects.weight_label.text() == "⚠ 绩效指标权重合计 90，应为 80；合计 110 分，超过满分 100 分"


def test_a_province_without_scorecards_says_so_in_the_new_menu(qtbot, engine):
    department_id, _ = add_chufei_project(engine, province="新疆维吾尔自治区")
    scorecards = ScorecardTab(build_services(engine), WorkContext(department_id, 2023), QUndoStack())
    qtbot.addWidget(scorecards)
    scorecards.new_menu.aboutToShow.emit()
    actions = scorecards.new_menu.actions()
    assert [(action.text(), action.isEnabled()) for action in actions] == [
        ("没有可新建的评价表：本单位省份没有评价指标体系模板，或都已建立", False)
    ]
