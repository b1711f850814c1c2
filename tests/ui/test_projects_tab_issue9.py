"""Issue 9 in the 项目绩效 tab: a project funded from 上年结转资金 shows the rate the CLI and the PDF
show; 指标性质 typed as 正向 and targets with their unit are read one way; 待评 in the cell and the list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services.departments import resolve_department
from desktop.storage.database import open_database
from tests.services.test_issue9_projects import CARRY, GRANT, import_workbook
from tests.ui.test_projects_tab import cell, make_tab, row_texts, type_into

NATURE, TARGET, UNIT, ACTUAL, SCORE = 3, 4, 5, 7, 8


def _one_indicator(code: str) -> list:
    return [code, 2023, "产出指标", "数量指标", "培训人次", "≥", "30", "人数", 90, "30"]


def test_the_tab_shows_the_rate_of_every_funding_source(qtbot, tmp_path):
    engine = open_database(
        import_workbook(tmp_path, "四川省", [_one_indicator(CARRY), _one_indicator(GRANT)])
    )
    tab, _ = make_tab(qtbot, engine, resolve_department(engine).id)
    # 30.10 ÷ 100.00 = 30.10% → 10 × 30.10% = 3.01; + 90 = 93.01 优
    assert row_texts(tab.project_view, 0) == [CARRY, "结转项目", "100.00", "30.10", "30.10%", "93.01", "优"]
    # 60.20 ÷ 200.00 = 30.10%
    assert row_texts(tab.project_view, 1) == [GRANT, "拨款项目", "200.00", "60.20", "30.10%", "93.01", "优"]
    tab.project_view.selectRow(0)
    funding = tab.funding_view.model()
    assert row_texts(tab.funding_view, 0)[:6] == ["0.00", "100.00", "30.10", "30.10%", "10", "3.01"]
    carried = funding.row_of("上年结转资金")
    assert row_texts(tab.funding_view, carried)[:4] == ["0.00", "100.00", "30.10", "30.10%"]
    engine.dispose()


def test_typed_natures_and_targets_are_read_one_way_and_pending_is_shown(qtbot, tmp_path):
    engine = open_database(import_workbook(tmp_path, "四川省", [_one_indicator(CARRY)]))
    tab, stack = make_tab(qtbot, engine, resolve_department(engine).id)
    tab.project_view.selectRow(0)
    view = tab.indicator_view
    index = view.model().index(0, NATURE)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    choices = editor.completer().model()
    assert [choices.index(row, 0).data() for row in range(choices.rowCount())] == ["≥", "≤", "＝", "定性"]
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)
    type_into(qtbot, view, 0, NATURE, "正向")
    assert cell(view, 0, NATURE) == "≥"
    type_into(qtbot, view, 0, UNIT, "")
    type_into(qtbot, view, 0, TARGET, "≥50个")
    assert (cell(view, 0, TARGET), cell(view, 0, UNIT)) == ("50", "个")
    stack.undo()  # one step: 指标值 and the unit it brought
    assert (cell(view, 0, TARGET), cell(view, 0, UNIT)) == ("30", "")
    stack.redo()
    assert (cell(view, 0, TARGET), cell(view, 0, UNIT)) == ("50", "个")
    type_into(qtbot, view, 0, ACTUAL, "40")
    assert cell(view, 0, SCORE) == "72.00"  # 90 × 40 ÷ 50
    type_into(qtbot, view, 0, ACTUAL, "约126")
    assert cell(view, 0, SCORE) == "待评"
    assert row_texts(tab.project_view, 0)[5:] == ["", "待评 1 项"]
    engine.dispose()
