"""Deletes in the window (issue 11, Build 7 and 8): the real buttons on the sample, the status
bar's word on how to undo, the rows in the database, and 编辑 → 撤销 bringing everything back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QInputDialog, QPushButton
from sqlalchemy import text

from desktop.services.workspace import open_workspace
from desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, sample_path, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(sample_path), open_workspace, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def tab(window, title):
    for index in range(window.tabs.count()):
        if window.tabs.tabText(index) == title:
            window.tabs.setCurrentIndex(index)
            return window.tabs.widget(index)
    raise AssertionError(title)


def click(widget, label: str) -> None:
    next(button for button in widget.findChildren(QPushButton) if button.text() == label).click()


def undo(window) -> None:
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "编辑(&E)")
    next(a for a in edit_menu.actions() if a.text().startswith("撤销")).trigger()


def rows(window, sql: str) -> list[tuple]:
    with window.workspace.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def select_row(view, column: int, value: str) -> None:
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, column).data() == value)
    view.setCurrentIndex(model.index(row, column))


@pytest.mark.parametrize(
    ("page", "column", "label", "button", "sql", "message"),
    [
        (
            "income_view",
            0,
            "其他收入",
            "删除所选收入项目",
            "SELECT source FROM income_line WHERE year = 2023 ORDER BY source",
            "已删除收入项目“其他收入”；按 Ctrl+Z 可恢复",
        ),
        (
            "three_public_view",
            0,
            "因公出国（境）费",
            "删除所选三公项目",
            "SELECT item FROM three_public_item WHERE year = 2023 ORDER BY item",
            "已删除三公经费“因公出国（境）费”；按 Ctrl+Z 可恢复",
        ),
    ],
)
def test_a_budget_line_is_deleted_and_comes_back(window, page, column, label, button, sql, message):
    budget = tab(window, "预算决算")
    before = rows(window, sql)
    assert (label,) in before
    select_row(getattr(budget, page), column, label)
    click(budget, button)
    assert window.statusBar().currentMessage() == message
    after = list(before)
    after.remove((label,))  # the selected line only (其他收入 has a line per 科目)
    assert rows(window, sql) == after
    undo(window)
    assert rows(window, sql) == before


def test_a_checkpoint_is_deleted_and_comes_back(window):
    budget = tab(window, "预算决算")
    sql = "SELECT month, cumulative_spending FROM execution_checkpoint WHERE year = 2023 ORDER BY month"
    before = rows(window, sql)
    month = before[0][0]
    budget.checkpoint_view.setCurrentIndex(budget.checkpoint_model.index(0, 0))
    click(budget, "删除所选月份")
    assert window.statusBar().currentMessage() == f"已删除{month}月执行进度；按 Ctrl+Z 可恢复"
    assert rows(window, sql) == before[1:]
    undo(window)
    assert rows(window, sql) == before


def test_deleting_an_expenditure_line_says_how_to_undo(window):
    budget = tab(window, "预算决算")
    budget.basic_view.setCurrentIndex(budget.basic_model.index(0, 0))
    code = budget.basic_model.row(0).economic_code
    click(budget, "删除所选行")
    assert window.statusBar().currentMessage() == f"已删除经济分类行 {code}；按 Ctrl+Z 可恢复"


def test_a_scorecard_is_deleted_with_its_items_and_comes_back(window):
    scorecards = tab(window, "评价打分")
    sql = "SELECT id, template FROM scorecard ORDER BY id"
    items = "SELECT count(*) FROM scorecard_item"
    before, before_items = rows(window, sql), rows(window, items)
    title = scorecards.picker.currentText()
    card_id = scorecards.picker.currentData()
    click(scorecards, "删除评价表")
    assert window.statusBar().currentMessage() == f"已删除评价表“{title}”（含已录入的内容）；按 Ctrl+Z 可恢复"
    assert [row[0] for row in rows(window, sql)] == [row[0] for row in before if row[0] != card_id]
    assert scorecards.picker.findData(card_id) == -1
    undo(window)
    assert rows(window, sql) == before and rows(window, items) == before_items
    assert scorecards.picker.findData(card_id) >= 0


def test_a_project_is_renamed_and_deleted_and_both_are_undone(window, qtbot):
    projects = tab(window, "项目绩效")
    select_row(projects.project_view, 1, "处非专项经费")
    project_id = projects.current_project().id
    click(projects, "重命名项目…")
    dialog = next(d for d in projects.findChildren(QInputDialog) if d.isVisible())
    assert dialog.textValue() == "处非专项经费"
    dialog.setTextValue("处置非法集资专项经费")
    dialog.accept()
    assert rows(window, f"SELECT name FROM project WHERE id = {project_id}") == [("处置非法集资专项经费",)]
    assert projects.current_project().name == "处置非法集资专项经费"
    assert window.statusBar().currentMessage() == (
        "项目“处非专项经费”已改名为“处置非法集资专项经费”；按 Ctrl+Z 可撤销"
    )

    indicators = rows(window, f"SELECT * FROM indicator WHERE project_id = {project_id} ORDER BY id")
    assert len(indicators) == 9
    click(projects, "删除项目")
    assert window.statusBar().currentMessage() == (
        "已删除项目“处置非法集资专项经费”（含绩效指标 9）；按 Ctrl+Z 可恢复"
    )
    assert rows(window, f"SELECT count(*) FROM project WHERE id = {project_id}") == [(0,)]
    assert rows(window, f"SELECT count(*) FROM indicator WHERE project_id = {project_id}") == [(0,)]
    assert projects.project_model.rowCount() == 6

    undo(window)
    assert rows(window, f"SELECT * FROM indicator WHERE project_id = {project_id} ORDER BY id") == indicators
    assert projects.project_model.rowCount() == 7
    undo(window)
    assert rows(window, f"SELECT name FROM project WHERE id = {project_id}") == [("处非专项经费",)]


def test_delete_in_the_project_list_and_in_the_indicators_says_how_to_undo(window, qtbot):
    projects = tab(window, "项目绩效")
    select_row(projects.project_view, 1, "租用办公场所经费")
    project_id = projects.current_project().id
    first = projects.current_project().indicators[0]
    projects.indicator_view.setCurrentIndex(projects.indicator_model.index(0, 2))
    click(projects, "删除指标")
    assert window.statusBar().currentMessage() == f"已删除指标“{first.level3}”；按 Ctrl+Z 可恢复"
    projects.project_view.setFocus()
    qtbot.keyClick(projects.project_view, Qt.Key.Key_Delete)
    assert rows(window, f"SELECT count(*) FROM project WHERE id = {project_id}") == [(0,)]
    assert window.statusBar().currentMessage() == (
        "已删除项目“租用办公场所经费”（含绩效指标 6）；按 Ctrl+Z 可恢复"
    )
    undo(window)
    undo(window)
    assert rows(window, f"SELECT count(*) FROM indicator WHERE project_id = {project_id}") == [(7,)]


def test_a_deleted_project_names_its_scorecard(window):
    projects = tab(window, "项目绩效")
    select_row(projects.project_view, 1, "维稳专项经费")
    click(projects, "删除项目")
    assert window.statusBar().currentMessage() == (
        "已删除项目“维稳专项经费”（含绩效指标 7、评价表 1）；按 Ctrl+Z 可恢复"
    )
