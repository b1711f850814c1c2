"""合计 rows in the 支出 tree and in 三公经费 (issue 11, Build 10): computed by the service with the
domain's totals, shown bold, never editable; on the sample and on 湖北 2024."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from desktop.services.container import build_services
from desktop.services.departments import resolve_department
from desktop.storage.database import open_database
from desktop.ui.budget_tab import BudgetTab
from desktop.ui.context import WorkContext
from tests.services.hubei import add_hubei_department


def make_tab(qtbot, path, year):
    engine = open_database(path)
    context = WorkContext(resolve_department(engine).id, year)
    tab = BudgetTab(build_services(engine), context, QUndoStack())
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    return tab, engine, context


@pytest.fixture
def sample(qtbot, sample_path):
    tab, engine, _context = make_tab(qtbot, sample_path, 2023)
    yield tab
    engine.dispose()


@pytest.fixture
def hubei(qtbot, tmp_path):
    path = tmp_path / "hubei.sqlite3"
    add_hubei_department(path)
    tab, engine, context = make_tab(qtbot, path, 2024)
    yield tab, context
    engine.dispose()


def last_row(model) -> list[str]:
    row = model.rowCount() - 1
    return [model.index(row, column).data() for column in range(model.columnCount())]


def type_into(qtbot, view, index, text) -> None:
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)


def test_the_expenditure_tree_ends_with_its_total(sample, qtmodeltester):
    model = sample.tree_model
    qtmodeltester.check(model)
    # 年初 334.29 + 20.39 + 8.52 + 14.27 = 377.47; 调整后 and 决算 373.00 + 20.39 + 8.52 + 14.27 = 416.18;
    # 上年 447.85 + 20.47 + 8.63 + 14.08 = 491.03; 416.18 − 491.03 = −74.85; −74.85 / 491.03 = −15.24%
    assert last_row(model) == [
        "",
        "合计",
        "377.47",
        "416.18",
        "416.18",
        "491.03",
        "-74.85",
        "-15.24%",
        "100.00%",
    ]
    total = model.index(model.rowCount() - 1, 4)
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert total.data(Qt.ItemDataRole.FontRole).bold()


def test_the_three_public_total_follows_an_edit(qtbot, hubei, qtmodeltester):
    tab, _context = hubei
    model = tab.three_public_model
    tab.add_three_public_item("国内公务接待费")
    row = model.row_of("item", "国内公务接待费")
    type_into(qtbot, tab.three_public_view, model.index(row, 2), "1.25")  # 决算
    type_into(qtbot, tab.three_public_view, model.index(row, 7), "4")  # 人次
    # 公务用车运行维护费 预算 3.00, 决算 2.80, 车辆 2 (no previous year); 国内公务接待费 决算 1.25, 4 人次
    # 决算 2.80 + 1.25 = 4.05; 增减额 4.05 − 0 = 4.05; no 增减率 without a previous year
    qtbot.waitUntil(lambda: last_row(model)[7] == "4")
    assert last_row(model) == ["合计", "3.00", "4.05", "0.00", "4.05", "", "0", "4", "2"]
    qtmodeltester.check(model)
    total = model.index(model.rowCount() - 1, 2)
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert total.data(Qt.ItemDataRole.FontRole).bold()


def test_a_year_without_lines_shows_zero_totals(qtbot, hubei):
    tab, context = hubei
    context.select(context.department_id, 2025)
    assert last_row(tab.tree_model) == ["", "合计", "0.00", "0.00", "0.00", "0.00", "0.00", "", ""]
    assert last_row(tab.three_public_model) == ["合计", "0.00", "0.00", "0.00", "0.00", "", "0", "0", "0"]
