"""The 项目绩效 tab on the seed's 处非专项经费 project: what the clerk sees, edits, pastes and undoes."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QMessageBox

from desktop.domain.places import locate
from desktop.services.container import build_services
from desktop.services.departments import resolve_department
from desktop.services.projects import ProjectService
from desktop.storage.database import open_database
from desktop.ui.context import WorkContext
from desktop.ui.project_dialog import NewProjectDialog
from desktop.ui.projects_tab import ProjectsTab
from tests.services.chufei import CODE, NAME, add_chufei_project

WEIGHT, ACTUAL, SCORE = 6, 7, 8  # indicator columns 权重, 完成值, 得分
FORMULA, MANUAL, REASON = 10, 11, 12  # indicator columns 公式得分, 手工得分, 理由
TOTAL_FORMULA, TOTAL_MANUAL, TOTAL_REASON = 6, 7, 8  # the same on the 总额 row of 预算执行


def make_tab(qtbot, engine, department_id, year=2023):
    stack = QUndoStack()
    tab = ProjectsTab(build_services(engine), WorkContext(department_id, year), stack)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    return tab, stack


@pytest.fixture
def chufei(qtbot, engine):
    department_id, project_id = add_chufei_project(engine)
    tab, stack = make_tab(qtbot, engine, department_id)
    return tab, stack, ProjectService(engine), project_id, department_id


def cell(view, row, column) -> str:
    return view.model().index(row, column).data()


def row_texts(view, row) -> list[str]:
    return [cell(view, row, column) for column in range(view.model().columnCount())]


def messages(widget) -> list[str]:
    return [box.text() for box in widget.window().findChildren(QMessageBox)]


def type_into(qtbot, view, row, column, text) -> None:
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)


def test_the_project_shows_its_execution_rate_and_score(chufei):
    tab, _, _, _, _ = chufei
    # 117.65 / 131.65 = 89.37%; 10 × 0.8937 = 8.94; 8 indicators met (80) + 资金到位 85/100 × 10 = 8.50
    assert row_texts(tab.project_view, 0) == [CODE, NAME, "131.65", "117.65", "89.37%", "97.44", "优"]
    assert row_texts(tab.funding_view, 0) == [
        "85.00",
        "131.65",
        "117.65",
        "89.37%",
        "10",
        "8.94",
        "8.94",
        "",
        "",
    ]
    assert row_texts(tab.funding_view, 1) == ["85.00", "131.65", "117.65", "89.37%", "/", "/", "", "", ""]
    assert row_texts(tab.funding_view, 2) == ["0.00", "0.00", "0.00", "", "/", "/", "", "", ""]
    assert tab.funding_model.headerData(1, Qt.Orientation.Vertical) == "其中：财政资金"
    assert row_texts(tab.indicator_view, 8)[:9] == [
        "成本指标",
        "经济成本指标",
        "资金到位",
        "≥",
        "100",
        "万",
        "10",
        "85",
        "8.50",
    ]
    assert tab.weight_label.text() == "权重合计 90"
    assert "8.94" in tab.execution_label.text()
    assert tab.print_target() == ("self-eval", CODE)


def test_an_edited_cell_is_saved_scored_and_kept_after_reopening(qtbot, chufei, engine, db_path):
    tab, stack, service, project_id, department_id = chufei
    type_into(qtbot, tab.indicator_view, 8, ACTUAL, "100")
    assert cell(tab.indicator_view, 8, SCORE) == "10.00"
    assert cell(tab.project_view, 0, 5) == "98.94"
    assert stack.undoText() == "修改指标“资金到位”的完成值"
    engine.dispose()
    reopened = open_database(db_path)
    try:
        again, _ = make_tab(qtbot, reopened, department_id)
        assert cell(again.indicator_view, 8, ACTUAL) == "100"
        assert cell(again.indicator_view, 8, SCORE) == "10.00"
    finally:
        reopened.dispose()


def test_undo_restores_the_old_value(qtbot, chufei):
    tab, stack, service, project_id, _ = chufei
    type_into(qtbot, tab.funding_view, 1, 1, "140")
    assert row_texts(tab.funding_view, 0)[1:7] == ["140.00", "117.65", "84.04%", "10", "8.40", "8.40"]
    stack.undo()
    assert row_texts(tab.funding_view, 0)[1:7] == ["131.65", "117.65", "89.37%", "10", "8.94", "8.94"]
    assert service.get(project_id).funding[0].adjusted_budget == 1316500
    stack.redo()
    assert cell(tab.funding_view, 1, 1) == "140.00"


def test_a_text_is_saved_when_the_clerk_leaves_it_and_undone(qtbot, chufei):
    tab, stack, service, project_id, _ = chufei
    lead = tab.texts["project_lead"]
    lead.setText("李四")
    lead.editingFinished.emit()
    assert service.get(project_id).project_lead == "李四"
    stack.undo()
    assert service.get(project_id).project_lead == ""
    assert lead.text() == ""


def test_pasting_a_3_by_2_block_into_weights_and_results(qtbot, chufei):
    tab, stack, service, project_id, _ = chufei
    view = tab.indicator_view
    view.setCurrentIndex(view.model().index(0, WEIGHT))
    QGuiApplication.clipboard().setText("5\t2\r\n15\t50000\r\n10\t90\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # 2 ≥ 2 → 5; 50000 ≥ 50000 → 15; ＝100 with 90 → 10 × 90/100 = 9
    assert [row_texts(view, row)[WEIGHT : SCORE + 1] for row in range(3)] == [
        ["5", "2", "5.00"],
        ["15", "50000", "15.00"],
        ["10", "90", "9.00"],
    ]
    assert [(item.weight, item.actual) for item in service.get(project_id).indicators[:3]] == [
        (5, "2"),
        (15, "50000"),
        (10, "90"),
    ]
    assert stack.count() == 1
    stack.undo()
    assert [row_texts(view, row)[WEIGHT : SCORE + 1] for row in range(3)] == [
        ["10", "2", "10.00"],
        ["10", "60000", "10.00"],
        ["10", "100", "10.00"],
    ]


def test_a_pasted_block_with_a_bad_cell_saves_nothing(qtbot, chufei):
    tab, stack, service, project_id, _ = chufei
    before = service.get(project_id)
    view = tab.indicator_view
    view.setCurrentIndex(view.model().index(0, WEIGHT))
    QGuiApplication.clipboard().setText("5\t2\n-1\t3\n10\t90")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert messages(tab) == ["第 2 行“权重”：-1 是负数，权重不能为负数，未粘贴任何内容"]
    assert service.get(project_id) == before
    assert cell(view, 0, WEIGHT) == "10"
    assert stack.count() == 0


def test_a_bad_typed_value_is_refused_with_its_cell(qtbot, chufei):
    tab, stack, service, project_id, _ = chufei
    type_into(qtbot, tab.indicator_view, 0, 3, "大于")
    assert messages(tab) == ["第 1 行“指标性质”：“大于”不是 ≥ ≤ ＝ 定性 之一"]
    assert service.get(project_id).indicators[0].nature == "≥"
    type_into(qtbot, tab.funding_view, 1, 2, "一百")
    assert messages(tab)[-1] == "第 2 行“预算执行数”：“一百”不是数字"
    assert stack.count() == 0


def test_the_weight_total_warns_when_it_is_not_90(qtbot, chufei):
    tab, stack, _, _, _ = chufei
    type_into(qtbot, tab.indicator_view, 0, WEIGHT, "5")
    assert tab.weight_label.text() == "⚠ 绩效指标权重合计 85，应为 90"
    assert "color" in tab.weight_label.styleSheet()
    stack.undo()
    assert tab.weight_label.text() == "权重合计 90"


def test_the_score_follows_what_is_typed_before_it_is_saved(qtbot, chufei):
    tab, _, service, project_id, _ = chufei
    view = tab.indicator_view
    index = view.model().index(8, ACTUAL)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    editor.selectAll()
    qtbot.keyClicks(editor, "90")
    assert cell(view, 8, SCORE) == "9.00"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)
    assert cell(view, 8, SCORE) == "8.50"
    assert service.get(project_id).indicators[8].actual == "85"


def test_delete_clears_a_result_and_undo_puts_it_back(qtbot, chufei):
    tab, stack, service, project_id, _ = chufei
    view = tab.indicator_view
    view.setCurrentIndex(view.model().index(8, ACTUAL))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert cell(view, 8, ACTUAL) == ""
    assert cell(view, 8, SCORE) == "待评"  # no 完成值: cannot be scored
    stack.undo()
    assert service.get(project_id).indicators[8].actual == "85"


def test_adding_and_deleting_indicators_can_be_undone(qtbot, chufei):
    tab, stack, service, project_id, _ = chufei
    view = tab.indicator_view
    view.setCurrentIndex(view.model().index(1, 2))
    tab.add_indicator()
    assert cell(view, 2, 2) == "新指标"
    assert len(service.get(project_id).indicators) == 10
    stack.undo()
    assert [cell(view, row, 2) for row in range(3)] == [
        "大型集中宣传月活动开展次数",
        "印刷各类非法融资宣传资料",
        "差旅费保障准确率",
    ]
    view.setCurrentIndex(view.model().index(0, 2))
    tab.delete_indicator()
    assert view.model().rowCount() == 8
    assert tab.weight_label.text() == "⚠ 绩效指标权重合计 80，应为 90"
    stack.undo()
    assert cell(view, 0, 2) == "大型集中宣传月活动开展次数"
    assert service.get(project_id).indicators[0].actual == "2"
    stack.redo()
    assert cell(view, 0, 2) == "印刷各类非法融资宣传资料"


def test_show_place_selects_the_project_and_the_cell(qtbot, chufei):
    tab, _, _, _, _ = chufei
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)

    def current(view):
        index = view.currentIndex()
        return index.row(), index.column()

    def place(**keys):
        return locate({"tab": "项目绩效", **keys})

    assert tab.show_place(place(project=CODE, row=8, column="完成值"))
    assert current(tab.indicator_view) == (8, ACTUAL)
    assert tab.show_place(place(project=CODE, row=8, column="得分"))
    assert current(tab.indicator_view) == (8, SCORE)
    assert tab.show_place(place(project=CODE, row="财政资金", column="调整后预算数"))
    assert current(tab.funding_view) == (1, 1)
    assert tab.show_place(place(project=CODE, row="总额", column="得分"))
    assert current(tab.funding_view) == (0, 5)
    assert tab.show_place(place(project=CODE, column="原因"))
    qtbot.waitUntil(tab.texts["execution_reason"].hasFocus)
    assert not tab.show_place(place(project="51090322T000000000000"))
    assert not tab.show_place(place(project=CODE, row=99, column="完成值"))


def test_another_year_has_no_projects(qtbot, engine):
    department_id, _ = add_chufei_project(engine)
    tab, _ = make_tab(qtbot, engine, department_id, 2024)
    assert tab.project_model.rowCount() == 0
    assert tab.title.text() == "本年度还没有项目"
    assert tab.print_target() is None
    assert not tab.detail_widget.isEnabled()


def test_every_table_model_passes_the_model_tester(qtmodeltester, chufei):
    tab, _, _, _, _ = chufei
    for model in (tab.project_model, tab.funding_model, tab.indicator_model):
        qtmodeltester.check(model)


def test_on_the_sample_the_chufei_project_shows_89_37_and_8_94(qtbot, sample_path):
    engine = open_database(sample_path)
    try:
        tab, _ = make_tab(qtbot, engine, resolve_department(engine).id)
        assert tab.show_place(locate({"tab": "项目绩效", "project": CODE}))
        row = tab.project_model.row_of(code=CODE)
        assert row_texts(tab.project_view, row)[:5] == [CODE, NAME, "131.65", "117.65", "89.37%"]
        assert row_texts(tab.funding_view, 0) == [
            "85.00",
            "131.65",
            "117.65",
            "89.37%",
            "10",
            "8.94",
            "8.94",
            "",
            "",
        ]
        assert tab.indicator_model.rowCount() == 9
        assert tab.weight_label.text() == "权重合计 90"
    finally:
        engine.dispose()


def test_a_new_project_is_listed_selected_and_undone(qtbot, chufei):
    tab, stack, service, _, department_id = chufei
    tab.new_project_button.click()
    dialog = tab.findChild(NewProjectDialog)
    dialog.code.setText(" 51090322T000009999999 ")
    dialog.name.setText("信访宣传经费")
    dialog.accept()
    assert tab.project_model.rowCount() == 2
    assert tab.print_target() is None  # no 绩效目标表 yet: no 自评表 to print
    assert tab.title.text().startswith(
        "<b>51090322T000009999999-信访宣传经费</b><br>主管部门：四川省遂宁市船山区信访局部门"
    )
    assert row_texts(tab.project_view, 1)[5:] == ["", "未编制绩效目标表，不做自评"]  # no indicators yet
    stack.undo()
    assert [row.code for row in service.list(department_id, 2023)] == [CODE]
    stack.redo()
    assert tab.project_model.rowCount() == 2
    assert not tab.create_project(CODE, "重复")
    assert messages(tab)[-1] == f"项目编码：2023年度已有项目“{CODE}”"


def test_a_long_text_is_saved_when_focus_leaves_it(qtbot, chufei):
    tab, stack, service, project_id, _ = chufei
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    conclusion = tab.texts["conclusion"]
    conclusion.setFocus()
    qtbot.waitUntil(conclusion.hasFocus)
    conclusion.insertPlainText("达到预期目标")  # keyClicks types ASCII only
    tab.texts["problems"].setFocus()
    qtbot.waitUntil(lambda: service.get(project_id).conclusion == "达到预期目标")
    assert stack.undoText() == "修改评价结论"
    stack.undo()
    assert conclusion.toPlainText() == ""


def test_the_tab_follows_the_selected_year(qtbot, engine):
    department_id, _ = add_chufei_project(engine)
    context = WorkContext(department_id, 2024)
    tab = ProjectsTab(build_services(engine), context, QUndoStack())
    qtbot.addWidget(tab)
    assert tab.project_model.rowCount() == 0
    context.select(department_id, 2023)
    assert cell(tab.project_view, 0, 0) == CODE
    assert cell(tab.funding_view, 0, 5) == "8.94"


def test_an_indicator_takes_a_manual_score_with_its_reason_beside_the_formula(qtbot, chufei):
    tab, stack, service, project_id, _ = chufei
    view, model = tab.indicator_view, tab.indicator_model
    assert [model.headers[c] for c in (SCORE, FORMULA, MANUAL, REASON)] == [
        "得分",
        "公式得分",
        "手工得分",
        "理由",
    ]
    type_into(qtbot, view, 8, MANUAL, "9.5")  # no reason yet: refused, nothing saved
    assert messages(tab)[-1] == "第 9 行“手工得分”：指标“资金到位”的调整后得分：手工得分须先填写调整理由"
    assert service.get(project_id).indicators[8].manual_score is None
    type_into(qtbot, view, 8, REASON, "资金已全部到位，按到位率计分偏低")
    type_into(qtbot, view, 8, MANUAL, "9.5")
    saved = service.get(project_id).indicators[8]
    assert (saved.manual_score, saved.manual_reason) == (D("9.5"), "资金已全部到位，按到位率计分偏低")
    # 85/100 × 10 = 8.50 by formula; 9.50 by hand counts, 1.00 apart: flagged
    assert [cell(view, 8, c) for c in (SCORE, FORMULA, MANUAL)] == ["9.50", "8.50", "⚠ 9.50"]
    flagged = model.index(8, MANUAL)
    assert flagged.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert flagged.data(Qt.ItemDataRole.ToolTipRole) == "手工得分与公式得分相差超过0.5分（公式得分 8.50）"
    # 8.94 + 80.00 + 9.50 = 98.44
    assert row_texts(tab.project_view, 0)[5:] == ["98.44", "优"]
    type_into(qtbot, view, 8, MANUAL, "8.8")  # 0.30 from the formula: not flagged
    assert cell(view, 8, MANUAL) == "8.80"
    assert model.index(8, MANUAL).data(Qt.ItemDataRole.BackgroundRole) is None
    stack.undo()
    stack.undo()
    assert [cell(view, 8, c) for c in (SCORE, FORMULA, MANUAL)] == ["8.50", "8.50", ""]
    assert service.get(project_id).indicators[8].manual_score is None
    stack.undo()
    assert cell(view, 8, REASON) == ""
    assert row_texts(tab.project_view, 0)[5:] == ["97.44", "优"]


def test_the_execution_score_takes_a_manual_score_on_the_total_row(qtbot, chufei):
    tab, stack, service, project_id, _ = chufei
    view = tab.funding_view
    type_into(qtbot, view, 0, TOTAL_REASON, "执行率按结转后口径为91%")
    type_into(qtbot, view, 0, TOTAL_MANUAL, "9")
    detail = service.get(project_id)
    assert (detail.execution_manual_score, detail.execution_manual_reason) == (
        D("9"),
        "执行率按结转后口径为91%",
    )
    # formula 8.94 kept beside; 9.00 counts, 0.06 apart: not flagged; 97.44 − 8.94 + 9.00 = 97.50
    assert row_texts(view, 0)[5:] == ["9.00", "8.94", "9.00", "执行率按结转后口径为91%"]
    assert row_texts(tab.project_view, 0)[5:] == ["97.50", "优"]
    type_into(qtbot, view, 0, TOTAL_MANUAL, "8")  # 0.94 apart: flagged
    assert cell(view, 0, TOTAL_MANUAL) == "⚠ 8.00"
    assert view.model().index(0, TOTAL_MANUAL).data(Qt.ItemDataRole.BackgroundRole) is not None
    type_into(qtbot, view, 0, TOTAL_MANUAL, "11")
    assert messages(tab)[-1] == "第 1 行“手工得分”：预算执行得分：手工得分11.00不在0到权重10.00之间"
    assert service.get(project_id).execution_manual_score == D("8")
    stack.undo()
    stack.undo()
    stack.undo()
    assert row_texts(view, 0)[5:] == ["8.94", "8.94", "", ""]
    assert service.get(project_id).execution_manual_reason == ""
