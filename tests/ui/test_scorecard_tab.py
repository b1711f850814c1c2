"""The 评价打分 tab on the sample's scorecards: what the clerk sees, edits and undoes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from sqlmodel import Session

from desktop.domain.places import locate
from desktop.services.container import build_services
from desktop.ui.context import WorkContext
from desktop.ui.scorecard_model import FORMULA, INPUT, MANUAL, NAME, REASON, SCORE, WORKING
from desktop.ui.scorecard_tab import ScorecardTab


@pytest.fixture
def tab(qtbot, sample_engine):
    stack = QUndoStack()
    widget = ScorecardTab(build_services(sample_engine), WorkContext(1, 2023), stack)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.stack = stack
    yield widget
    for box in widget.findChildren(QMessageBox):  # a refusal box must not outlive its test
        box.close()


def cell(tab, key, column):
    return tab.model.index_of(key, column).data()


def messages(widget):
    return [box.text() for box in widget.window().findChildren(QMessageBox)]


def type_into(qtbot, view, index, text):
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)


def test_the_department_scorecard_shows_formula_and_seed_scores(tab, qtmodeltester):
    qtmodeltester.check(tab.model)
    assert tab.picker.currentText() == "2023年部门整体支出绩效评价指标体系"
    assert [tab.picker.itemText(i) for i in range(1, tab.picker.count())] == [
        "项目：接访工作（到京到蓉）工作经费",
        "项目：维稳专项经费",
    ]
    top = [tab.model.index(row, NAME).data() for row in range(tab.model.rowCount())]
    assert top == ["部门预算管理", "绩效结果应用", "自评质量"]
    assert (cell(tab, "progress", FORMULA), cell(tab, "progress", MANUAL), cell(tab, "progress", SCORE)) == (
        "9.75",
        "9.00",
        "9.00",
    )
    assert cell(tab, "progress", INPUT) == "6月执行进度 43.58%；9月执行进度 66.03%；11月执行进度 78.03%"
    assert cell(tab, "completion", FORMULA) == "9.59"
    assert tab.total_label.text() == "合计 84.60 分（满分 90 分，折合百分制 94.00 分）等级：优"
    assert "！“执行进度”手工得分 9.00 与公式得分 9.75 相差超过0.5分" in tab.warning_label.text()
    assert tab.print_target() == ("dept-scorecard", None)


def test_an_input_row_says_where_the_value_comes_from(tab):
    progress = tab.model.index_of("progress")
    june = tab.model.index(0, NAME, progress)
    assert june.data() == "6月执行进度"
    assert tab.model.index(0, INPUT, progress).data() == "43.58%"
    assert tab.model.index(0, WORKING, progress).data() == "取自执行进度表6月"
    assert not tab.model.flags(tab.model.index(0, INPUT, progress)) & Qt.ItemFlag.ItemIsEditable


def test_typing_an_input_rescores_and_undo_restores(qtbot, tab):
    violations = tab.model.index_of("violations")
    type_into(qtbot, tab.view, tab.model.index(0, INPUT, violations), "3")
    # 10 − 0.5 × 3 = 8.5
    assert cell(tab, "violations", SCORE) == "8.50"
    assert tab.total_label.text().startswith("合计 83.10 分")
    tab.stack.undo()
    assert cell(tab, "violations", SCORE) == "10.00"
    tab.stack.redo()
    assert cell(tab, "violations", SCORE) == "8.50"


def test_a_manual_score_needs_a_reason(qtbot, tab):
    type_into(qtbot, tab.view, tab.model.index_of("violations", MANUAL), "9.5")
    assert messages(tab) == ["“违规记录”的手工得分需要填写理由"]
    assert cell(tab, "violations", MANUAL) == ""
    type_into(qtbot, tab.view, tab.model.index_of("violations", REASON), "审计发现一处问题")
    type_into(qtbot, tab.view, tab.model.index_of("violations", MANUAL), "9.5")
    assert (cell(tab, "violations", MANUAL), cell(tab, "violations", SCORE)) == ("9.50", "9.50")
    tab.stack.undo()
    assert cell(tab, "violations", SCORE) == "10.00"
    assert cell(tab, "violations", REASON) == "审计发现一处问题"


def test_a_project_scorecard_and_its_template_warning(tab):
    tab.picker.setCurrentIndex(2)
    assert tab.print_target() == ("project-scorecard", "51090322T000005724034")
    assert cell(tab, "execution_rate", FORMULA) == "4.86"
    assert cell(tab, "execution_rate", SCORE) == "6.00"
    assert "！模板 sichuan_project.toml：“通用指标”标为20分，下级指标合计23分" in tab.warning_label.text()
    assert tab.total_label.text() == "合计 96.50 分（满分 103 分，折合百分制 93.69 分）等级：优"


def test_show_place_selects_the_cell_a_finding_names(tab):
    card_id = tab.picker.itemData(1)
    assert tab.show_place(
        locate({"tab": "评价打分", "scorecard": card_id, "item": "quantity", "column": "手工得分"})
    )
    current = tab.view.currentIndex()
    assert (current.data(), current.column()) == ("4.50", MANUAL)
    assert cell(tab, "quantity", NAME) == "数量指标：全年到京到蓉次数"
    assert not tab.show_place(locate({"tab": "评价打分", "scorecard": 9999, "item": "quantity"}))


def test_a_new_scorecard_is_made_from_its_template_and_undone(qtbot, engine):
    from desktop.storage.models import Department

    with Session(engine) as session:
        session.add(Department(name="测试局", province="四川省"))
        session.commit()
    stack = QUndoStack()
    tab = ScorecardTab(build_services(engine), WorkContext(1, 2023), stack)
    qtbot.addWidget(tab)
    assert tab.total_label.text() == "本年度还没有评价表"
    tab.new_menu.aboutToShow.emit()
    assert [action.text() for action in tab.new_menu.actions()] == ["部门整体支出绩效评价指标体系"]
    tab.new_menu.actions()[0].trigger()
    assert tab.picker.currentText() == "部门整体支出绩效评价指标体系"
    assert cell(tab, "violations", WORKING) == "缺少“发现问题数”，无法计算得分"
    assert tab.total_label.text() == "合计 0.00 分（满分 90 分，折合百分制 0.00 分）等级：差"
    stack.undo()
    assert tab.picker.count() == 0


def test_long_texts_show_in_full_as_tooltips_and_reviewer_items_take_no_input(tab):
    working = tab.model.index_of("progress", WORKING).data(Qt.ItemDataRole.ToolTipRole)
    assert working.startswith("6月进度43.58%达到40.00%，得3.00分；9月进度66.03%未达到67.50%")
    method = tab.model.index_of("compilation_accuracy", NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert method.startswith(
        "评价部门年初预算编制是否科学准确。\n指标得分=（1-（10×部门全年预算调剂金额/年初部门预算数））*10"
    )
    assert tab.model.rowCount(tab.model.index_of("self_accuracy")) == 0
    assert cell(tab, "self_accuracy", WORKING) == "部门自评时此项无需打分"
