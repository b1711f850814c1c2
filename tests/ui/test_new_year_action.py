"""文件 → 新建年度… through the window's menu on a copy of the sample: 2024 from 2023, then shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QSettings
from PySide6.QtWidgets import QMessageBox
from sqlmodel import Session, select

from desktop.services.workspace import open_workspace
from desktop.storage.models import ExpenditureLine, Project
from desktop.ui.budget_tab import BudgetTab
from desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, sample_original, tmp_path):
    copy = tmp_path / "示例.sqlite3"
    copy.write_bytes(sample_original.read_bytes())
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(copy, False), open_workspace, settings)
    qtbot.addWidget(window)
    return window


def new_year_action(window):
    menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "文件(&F)")
    return next(action for action in menu.actions() if action.text() == "新建年度…")


def boxes(window) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def press(box: QMessageBox, text: str) -> None:
    next(button for button in box.buttons() if button.text() == text).click()


def test_new_year_from_the_menu_starts_2024_and_shows_it(qtbot, window):
    new_year_action(window).trigger()
    (question,) = boxes(window)
    assert question.windowTitle() == "新建年度"
    assert question.text().startswith("从 2023 年新建 2024 年：复制各项目及其绩效指标")
    press(question, "新建")
    qtbot.waitUntil(lambda: window.context.year == 2024)
    (done,) = boxes(window)
    with Session(window.workspace.engine) as session:
        projects = session.exec(select(Project).where(Project.year == 2023)).all()
        line = session.exec(
            select(ExpenditureLine).where(
                ExpenditureLine.year == 2023, ExpenditureLine.function_code == "2010308"
            )
        ).one()
    assert done.text().startswith(f"已新建 2024 年：项目 {len(projects)} 个（绩效指标 ")
    assert window.toolbar.year.value() == 2024
    budget = next(tab for tab in window.findChildren(BudgetTab))
    model = budget.tree_model
    item = model.find("2010308")
    row = [
        model.index(item.row(), column, item.parent()).data()
        for column in range(model.columnCount(QModelIndex()))
    ]
    headers = list(model.headers)
    assert row[headers.index("决算")] == "0.00"
    assert row[headers.index("上年决算")] == f"{line.final_amount / 10000:.2f}" == "20.84"
    press(done, "确定")

    new_year_action(window).trigger()
    (question,) = boxes(window)
    assert question.text().startswith("从 2024 年新建 2025 年：")
    press(question, "取消")
    assert window.context.year == 2024
