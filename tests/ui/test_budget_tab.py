"""The 预算决算 tab on the sample: what the clerk sees, edits, pastes, undoes and is sent to.

Expected texts come from the seed (quoted) or from hand arithmetic on its figures.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QMessageBox

from desktop.domain.places import locate
from desktop.services.container import build_services
from desktop.services.departments import resolve_department
from desktop.storage.database import open_database
from desktop.ui.budget_tab import BudgetTab
from desktop.ui.context import WorkContext


def make_tab(qtbot, path):
    engine = open_database(path)
    stack = QUndoStack()
    tab = BudgetTab(build_services(engine), WorkContext(resolve_department(engine).id, 2023), stack)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    return tab, stack, engine


@pytest.fixture
def budget(qtbot, sample_path):
    tab, stack, engine = make_tab(qtbot, sample_path)
    yield tab, stack
    engine.dispose()


def texts(model, row, parent=None) -> list[str]:
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    return [model.index(row, column, parent).data() for column in range(model.columnCount(parent))]


def rows(model) -> list[list[str]]:
    return [texts(model, row) for row in range(model.rowCount())]


def messages(widget) -> list[str]:
    return [box.text() for box in widget.window().findChildren(QMessageBox)]


def type_into(qtbot, view, index, text) -> None:
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)


def test_every_model_passes_the_model_tester(budget, qtmodeltester):
    tab, _stack = budget
    for model in (
        tab.summary_model,
        tab.income_model,
        tab.tree_model,
        tab.basic_model,
        tab.three_public_model,
        tab.checkpoint_model,
    ):
        qtmodeltester.check(model)


def test_summary_and_income_as_the_clerk_sees_them(budget):
    tab, _stack = budget
    summary = {row[0]: row[1:] for row in rows(tab.summary_model)}
    # 416.54 − 494.03 = −77.49; −77.49 / 494.03 = −15.685% (the seed truncates: “下降15.68%”)
    assert summary["本年收入合计"] == ["416.54", "494.03", "-77.49", "-15.69%"]
    assert summary["收入总计"][0] == "421.67" == summary["支出总计"][0]  # “收、支总计均为421.67万元”
    assert summary["三公经费"] == ["0.37", "0.89", "-0.52", "-58.43%"]  # “减少0.52万元，下降58.43%”
    income = {(row[0], row[1]): row for row in rows(tab.income_model)}
    # a line per 功能分类 科目 (公开02表); 2010308 信访事务: 20.84 / 416.54 = 5.00%
    assert income["一般公共预算财政拨款收入", "2010308"] == [
        "一般公共预算财政拨款收入", "2010308", "", "0.00", "20.84", "20.84", "20.00", "0.84", "4.20%", "5.00%"
    ]  # fmt: skip
    assert income["年初结转和结余", ""][:4] == ["年初结转和结余", "", "其他资金", "20.00"]
    assert "人员经费 183.57，公用经费 32.81，合计 216.38" in tab.basic_totals.text()


def test_expenditure_tree_with_subtotals(budget):
    tab, _stack = budget
    model = tab.tree_model
    classes = [texts(model, row)[:2] + [texts(model, row)[4]] for row in range(model.rowCount())]
    # 201: 124.14 + 1.56 + 174.73 + 2.67 + 20.84 + 49.06; 208: 20.39; 210: 8.52; 221: 14.27
    assert classes == [
        ["201", "一般公共服务支出", "373.00"],
        ["208", "社会保障和就业支出", "20.39"],
        ["210", "卫生健康支出", "8.52"],
        ["221", "住房保障支出", "14.27"],
        ["", "合计", "416.18"],  # 373.00 + 20.39 + 8.52 + 14.27
    ]
    item = model.find("2010308")
    # 0.84 / 20.00 = 4.20%; 20.84 / 416.18 = 5.01%
    assert texts(model, item.row(), item.parent()) == [
        "2010308", "信访事务", "20.00", "20.84", "20.84", "20.00", "0.84", "4.20%", "5.01%"
    ]  # fmt: skip
    line = model.index(0, 0, item)
    assert texts(model, 0, item)[:2] == ["", "项目支出 · 一般公共预算财政拨款"]
    assert model.flags(line.siblingAtColumn(4)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(item.siblingAtColumn(4)) & Qt.ItemFlag.ItemIsEditable


def test_checkpoints_show_progress_target_and_points(budget):
    tab, _stack = budget
    # “6月、9月、11月执行进度分别达到43.58%、66.03%、78.03%”, “12月…95.87%”; points
    # 3 × min(1, 43.58/40), 4 × 66.03/67.5, 3 × 78.03/82.5, 10 × 95.87%
    assert rows(tab.checkpoint_model) == [
        ["6月", "181.37", "416.18", "43.58%", "40.00%", "3.00", "3.00"],
        ["9月", "274.80", "416.18", "66.03%", "67.50%", "4.00", "3.91"],
        ["11月", "324.75", "416.18", "78.03%", "82.50%", "3.00", "2.84"],
        ["12月", "398.99", "416.18", "95.87%", "100.00%", "10.00", "9.59"],
    ]
    reception = {row[0]: row for row in rows(tab.three_public_model)}["国内公务接待费"]
    assert reception == ["国内公务接待费", "0.37", "0.37", "0.89", "-0.52", "-58.43%", "3", "30", "0"]


def test_editing_a_line_updates_subtotals_persists_and_undoes(qtbot, budget, sample_path):
    tab, stack = budget
    tab.pages.setCurrentIndex(1)
    model = tab.tree_model
    line = model.index(0, 4, model.find("2010308"))
    type_into(qtbot, tab.tree_view, line, "21万")
    qtbot.waitUntil(lambda: texts(model, 0)[4] == "373.16")  # 373.00 + 0.16, once the editor has closed
    assert tab.tree_view.currentIndex().data() == "21.00"
    reopened, _stack, engine = make_tab(qtbot, sample_path)
    assert texts(reopened.tree_model, 0)[4] == "373.16"
    engine.dispose()
    stack.undo()
    assert texts(model, 0)[4] == "373.00"
    stack.redo()
    assert texts(model, 0)[4] == "373.16"


def test_a_negative_or_bad_amount_is_refused_with_its_cell(qtbot, budget):
    tab, _stack = budget
    tab.pages.setCurrentIndex(1)
    line = tab.tree_model.index(0, 4, tab.tree_model.find("2010308"))
    type_into(qtbot, tab.tree_view, line, "-5")
    assert messages(tab) == ["“2010308 信访事务 项目支出 · 一般公共预算财政拨款”行“决算”：决算：不能为负数"]
    assert texts(tab.tree_model, 0)[4] == "373.00"


def test_pasting_a_block_into_the_checkpoints(qtbot, budget):
    tab, stack = budget
    tab.pages.setCurrentIndex(4)
    view = tab.checkpoint_view
    view.setCurrentIndex(tab.checkpoint_model.index(0, 1))
    QGuiApplication.clipboard().setText("200\t400\n300\t400\n330\t400\n")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # 200/400 = 50% ≥ 40% → 3.00; 300/400 = 75% ≥ 67.5% → 4.00; 330/400 = 82.5% → 3.00
    assert [row[1:4] + row[6:] for row in rows(tab.checkpoint_model)[:3]] == [
        ["200.00", "400.00", "50.00%", "3.00"],
        ["300.00", "400.00", "75.00%", "4.00"],
        ["330.00", "400.00", "82.50%", "3.00"],
    ]
    stack.undo()
    assert rows(tab.checkpoint_model)[0][1] == "181.37"
    view.setCurrentIndex(tab.checkpoint_model.index(0, 1))
    QGuiApplication.clipboard().setText("200\t400\nabc\t400\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert messages(tab)[-1] == "第 2 行“累计支出”：“abc”不是数字，未粘贴任何内容"
    assert rows(tab.checkpoint_model)[0][1] == "181.37"


def test_pasting_a_block_into_the_tree_fills_the_next_lines(qtbot, budget):
    tab, stack = budget
    tab.pages.setCurrentIndex(1)
    view, model = tab.tree_view, tab.tree_model
    view.setCurrentIndex(model.index(0, 4, model.find("2010308")))
    view.setFocus()
    QGuiApplication.clipboard().setText("21\t20\n五十\t51\n1\t0.62\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # the second row lands on the line under 2010350 (the 项 subtotal row is skipped)
    assert messages(tab)[-1] == (
        "“2010350 事业运行 基本支出 · 一般公共预算财政拨款”行“决算”：“五十”不是数字，未粘贴任何内容"
    )
    assert stack.count() == 0 and texts(model, 0)[4] == "373.00"
    view.setCurrentIndex(model.index(0, 4, model.find("2010308")))
    QGuiApplication.clipboard().setText("21\t20\n50\t51\n1\t0.62\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # lines of 2010308, 2010350, 2080501: 决算 20.84→21, 49.06→50, 0.62→1
    # 201 决算 373.00 + 0.16 + 0.94; 上年决算 447.85 + (51.00 − 50.01)
    assert texts(model, 0)[4:6] == ["374.10", "448.84"]
    item = model.find("2010350")
    assert texts(model, 0, item)[4:6] == ["50.00", "51.00"]
    assert texts(model, 1)[4] == "20.77"  # 20.39 + 0.38
    assert stack.count() == 1 and stack.undoText() == "粘贴"
    stack.undo()
    assert [texts(model, 0)[4], texts(model, 1)[4]] == ["373.00", "20.39"]
    view.setCurrentIndex(model.index(0, 4, model.find("2010308")))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert texts(model, 0)[4] == "352.16"  # 373.00 − 20.84
    assert stack.undoText() == "清除"


def test_new_line_from_the_classification_and_undo(budget):
    tab, stack = budget
    assert tab.add_expenditure_line("2101199", "基本支出") is not None
    item = tab.tree_model.find("2101199")
    assert texts(tab.tree_model, item.row(), item.parent())[:2] == ["2101199", "其他行政事业单位医疗支出"]
    stack.undo()
    assert not tab.tree_model.find("2101199").isValid()
    assert tab.add_expenditure_line("2010307", "基本支出") is None
    assert messages(tab)[-1] == "功能分类：功能分类科目“2010307”不在2023年政府收支分类科目中"


def test_show_place_selects_the_named_cell(budget):
    tab, _stack = budget
    assert tab.show_place(locate({"tab": "预算决算", "function_code": "2010308", "column": "决算"}))
    assert tab.pages.currentIndex() == 1 and tab.tree_view.currentIndex().data() == "20.84"
    assert tab.show_place(
        locate({"tab": "预算决算", "section": "执行进度", "month": 9, "column": "累计支出"})
    )
    assert tab.pages.currentIndex() == 4 and tab.checkpoint_view.currentIndex().data() == "274.80"
    assert tab.show_place(
        locate({"tab": "预算决算", "section": "收入", "item": "其他收入", "column": "决算"})
    )
    assert tab.income_view.currentIndex().data() == "1.92"  # the source's first line (2010301: 1.923)
    assert tab.show_place(locate({"tab": "预算决算", "economic_code": "30217", "column": "决算"}))
    assert tab.basic_view.currentIndex().data() == "0.37"
    assert tab.show_place(locate({"tab": "预算决算", "stated": "本年收入合计"}))
    assert tab.pages.currentIndex() == 0 and tab.summary_view.currentIndex().data() == "416.54"
    assert not tab.show_place(
        locate({"tab": "预算决算", "section": "执行进度", "month": 3, "column": "累计支出"})
    )


@pytest.mark.parametrize("year", [2022, 2019])
def test_a_year_without_its_own_classification_is_shown_in_the_nearest(qtbot, budget, year):
    tab, _stack = budget
    tab._context.select(tab._context.department_id, year)
    assert messages(tab) == []
    assert tab.edition_label.isVisible()
    assert tab.edition_label.text() == f"{year} 年没有自己的政府收支分类科目，按 2023 年科目显示"
    assert rows(tab.checkpoint_model) == []  # the sample has no lines in that year
    assert tab.add_expenditure_line("2010308", "基本支出") is not None
    item = tab.tree_model.find("2010308")
    assert texts(tab.tree_model, item.row(), item.parent())[:2] == ["2010308", "信访事务"]
    assert tab.add_expenditure_line("2010307", "基本支出") is None
    assert messages(tab)[-1] == "功能分类：功能分类科目“2010307”不在2023年政府收支分类科目中"
    tab._context.select(tab._context.department_id, 2023)
    assert not tab.edition_label.isVisible()
