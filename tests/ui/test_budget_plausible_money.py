"""A figure typed in 元 into a 万元 cell (预算决算, a project's funding) is asked about (issue 11, Build 5 and
“What was seen” 5), on the sample and on 湖北's 2024 (no previous year, a 政府性基金 line, a zero budget)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QMessageBox
from sqlmodel import Session

from desktop.services.container import build_services
from desktop.services.departments import resolve_department
from desktop.storage.database import open_database
from desktop.storage.models import ExpenditureLine, ThreePublicItem
from desktop.ui.budget_tab import BudgetTab
from desktop.ui.context import WorkContext
from tests.services.hubei import add_hubei_department


def make_tab(qtbot, path, year):
    engine = open_database(path)
    tab = BudgetTab(build_services(engine), WorkContext(resolve_department(engine).id, year), QUndoStack())
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    return tab, engine


@pytest.fixture
def sample(qtbot, sample_path):
    tab, engine = make_tab(qtbot, sample_path, 2023)
    yield tab, engine
    engine.dispose()


@pytest.fixture
def hubei(qtbot, tmp_path):
    path = tmp_path / "hubei.sqlite3"
    add_hubei_department(path)
    tab, engine = make_tab(qtbot, path, 2024)
    yield tab, engine
    engine.dispose()


def type_into(qtbot, view, index, text) -> None:
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)


def question(tab) -> QMessageBox:
    boxes = [box for box in tab.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


def answer(qtbot, tab, button_text: str) -> None:
    box = question(tab)
    button = next(button for button in box.buttons() if button.text() == button_text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def stored(engine, model, row_id, field) -> Decimal:
    with Session(engine) as session:
        return getattr(session.get(model, row_id), field)


def three_public_row(tab, item: str) -> int:
    return tab.three_public_model.row_of("item", item)


def test_typing_12000_yuan_into_a_wan_cell_asks_and_converts(qtbot, sample):
    tab, engine = sample
    tab.pages.setCurrentIndex(3)
    row = three_public_row(tab, "国内公务接待费")
    index = tab.three_public_model.index(row, 2)  # 决算
    type_into(qtbot, tab.three_public_view, index, "12000元")
    box = question(tab)
    assert box.text() == "“12000元”写明了元，而此处金额单位为万元，是否按元填写？"
    assert [button.text() for button in box.buttons()] == [
        "按元换算为 1.20 万元",
        "按万元保留 12000.00 万元",
        "取消",
    ]
    answer(qtbot, tab, "按元换算为 1.20 万元")
    qtbot.waitUntil(lambda: tab.three_public_model.index(row, 2).data() == "1.20")
    # 12000 元 is stored as 12000.00 元 (1,200,000 分)
    assert stored(engine, ThreePublicItem, tab.three_public_model.row(row).id, "final_amount") == Decimal(
        "12000.00"
    )


def test_250000_typed_as_yuan_is_kept_as_wan_when_the_clerk_says_so(qtbot, sample):
    tab, engine = sample
    tab.pages.setCurrentIndex(1)
    model = tab.tree_model
    line = model.index(0, 4, model.find("2010308"))
    type_into(qtbot, tab.tree_view, line, "250,000.00")
    assert question(tab).text() == "“250,000.00”超过 10000 万元，是否按元填写？"
    answer(qtbot, tab, "按万元保留 250000.00 万元")
    # the 201 class: 373.00 − 20.84 + 250000.00
    qtbot.waitUntil(lambda: model.index(0, 4).data() == "250352.16")


def test_cancel_saves_nothing(qtbot, sample):
    tab, engine = sample
    tab.pages.setCurrentIndex(1)
    model = tab.tree_model
    line = model.index(0, 4, model.find("2010308"))
    line_id = model.node(line).line_id
    type_into(qtbot, tab.tree_view, line, "250000")
    answer(qtbot, tab, "取消")
    assert model.index(0, 4).data() == "373.00"
    assert stored(engine, ExpenditureLine, line_id, "final_amount") == Decimal("208400.00")


def test_over_a_thousand_times_the_line_budget_on_another_department(qtbot, hubei):
    tab, engine = hubei
    tab.pages.setCurrentIndex(3)
    row = three_public_row(tab, "公务用车运行维护费")  # 预算 3.00 万元: 1000 × = 3000 万元
    type_into(qtbot, tab.three_public_view, tab.three_public_model.index(row, 2), "3500")
    assert question(tab).text() == "“3500”超过本行预算（3.00万元）的 1000 倍，是否按元填写？"
    answer(qtbot, tab, "按元换算为 0.35 万元")
    qtbot.waitUntil(lambda: tab.three_public_model.index(row, 2).data() == "0.35")


def test_a_zero_budget_line_is_not_compared_and_a_fund_line_asks_for_yuan(qtbot, hubei):
    tab, engine = hubei
    tab.pages.setCurrentIndex(3)
    item_id = tab.add_three_public_item("国内公务接待费")  # 预算 0
    row = three_public_row(tab, "国内公务接待费")
    type_into(qtbot, tab.three_public_view, tab.three_public_model.index(row, 2), "3500")
    assert not [box for box in tab.findChildren(QMessageBox) if box.isVisible()]
    assert stored(engine, ThreePublicItem, item_id, "final_amount") == Decimal("35000000.00")

    tab.pages.setCurrentIndex(1)
    line_id = tab.add_expenditure_line("2081105", "项目支出", "政府性基金预算财政拨款")
    model = tab.tree_model
    line = model.find_line(line_id).siblingAtColumn(3)  # 调整后预算
    type_into(qtbot, tab.tree_view, line, "8000元")
    answer(qtbot, tab, "按元换算为 0.80 万元")
    qtbot.waitUntil(lambda: stored(engine, ExpenditureLine, line_id, "adjusted_budget") == Decimal("8000.00"))
    assert model.find_line(line_id).siblingAtColumn(3).data() == "0.80"


def test_a_pasted_block_with_an_amount_in_yuan_is_refused_naming_the_cell(qtbot, hubei):
    tab, engine = hubei
    tab.pages.setCurrentIndex(3)
    view, model = tab.three_public_view, tab.three_public_model
    row = three_public_row(tab, "公务用车运行维护费")  # 预算 3.00 万元
    view.setCurrentIndex(model.index(row, 1))
    view.setFocus()
    QGuiApplication.clipboard().setText("3\t3500\n")  # 3500 万元 > 1000 × 3.00 万元
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [box.text() for box in tab.findChildren(QMessageBox)] == [
        "第 1 行“决算”：“3500”超过本行预算（3.00万元）的 1000 倍，像是按元填写："
        "请在金额后写明“元”或“万元”再粘贴，未粘贴任何内容"
    ]
    assert model.index(row, 2).data() == "2.80"
    QGuiApplication.clipboard().setText("3\t35000元\n")  # the unit said: 3.50 万元
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.index(row, 2).data() == "3.50")
    item_id = model.row(row).id
    assert stored(engine, ThreePublicItem, item_id, "final_amount") == Decimal("35000.00")


def test_a_project_funding_cell_asks_too(qtbot, engine):
    from desktop.ui.projects_tab import ProjectsTab
    from tests.services.chufei import add_chufei_project

    department_id, project_id = add_chufei_project(engine)
    tab = ProjectsTab(build_services(engine), WorkContext(department_id, 2023), QUndoStack())
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    view, model = tab.funding_view, tab.funding_model
    # row 1 is 处非专项经费's own funding: 年初 85.00, 调整后 131.65, 执行数 117.65 万元
    type_into(qtbot, view, model.index(1, 2), "1176500")
    assert question(tab).text() == "“1176500”超过 10000 万元，是否按元填写？"
    answer(qtbot, tab, "按元换算为 117.65 万元")
    assert model.index(1, 2).data() == "117.65"
    type_into(qtbot, view, model.index(1, 2), "1,200,000")
    answer(qtbot, tab, "按元换算为 120.00 万元")
    qtbot.waitUntil(lambda: model.index(1, 2).data() == "120.00")
    assert model.index(1, 3).data() == "91.15%"  # 120.00 / 131.65
