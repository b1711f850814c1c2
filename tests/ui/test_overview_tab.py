"""The 总览 tab on the sample: key figures, the findings list, 说明 saved and undone, jumps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel

from desktop.services.container import build_services
from desktop.services.departments import resolve_department
from desktop.storage.database import open_database
from desktop.ui.change_relay import ChangeRelay
from desktop.ui.context import WorkContext
from desktop.ui.editing import CallbackCommand
from desktop.ui.findings_model import COLUMNS, NOTE_COLUMN
from desktop.ui.overview_tab import OverviewTab

WHERE = COLUMNS.index("位置")


@pytest.fixture
def overview(qtbot, sample_path):
    path = sample_path
    engine = open_database(path)
    stack = QUndoStack()
    services = build_services(engine)
    tab = OverviewTab(services, WorkContext(resolve_department(engine).id, 2023), stack)
    qtbot.addWidget(tab)
    relay = ChangeRelay(tab)  # as the main window passes the services' changes to its tabs
    relay.watch(services.changes)
    relay.changed.connect(tab.refresh_for)
    tab.resize(1366, 768)
    tab.show()
    checked(qtbot, tab)
    yield tab, stack, path, services
    checked(qtbot, tab)
    engine.dispose()


def checked(qtbot, tab) -> None:
    """Wait for the background check the tab started."""
    qtbot.waitUntil(lambda: not tab.checking, timeout=20000)


def test_the_check_runs_in_the_background_and_says_so(overview, qtbot):
    tab, _stack, _path, _services = overview
    tab.reload()
    assert tab.summary_label.text() == "正在检查…"
    assert not tab.rerun_button.isEnabled()
    checked(qtbot, tab)
    assert tab.summary_label.text().startswith("共 ")
    assert tab.rerun_button.isEnabled()


def row_where(model, where: str) -> int:
    return next(row for row in range(model.rowCount()) if model.index(row, WHERE).data() == where)


def test_key_figures_and_findings(overview, qtmodeltester):
    tab, _stack, _path, _services = overview
    labels = {label.objectName(): label.text() for label in tab.findChildren(QLabel)}
    assert "<b>416.54</b>" in labels["figure_本年收入合计（万元）"]
    assert "<b>416.18</b>" in labels["figure_本年支出合计（万元）"]
    assert "<b>0.37</b>" in labels["figure_三公经费（万元）"]
    assert "上年 0.89" in labels["figure_三公经费（万元）"]
    assert "<b>99.22%</b>" in labels["figure_信访满意率"]
    model = tab.view.model()
    qtmodeltester.check(model)
    row = row_where(model, "项目 维稳专项经费 · 预算执行率")
    assert [model.index(row, column).data() for column in range(NOTE_COLUMN + 1)] == [
        "确定",
        "V16",
        "项目 维稳专项经费 · 预算执行率",
        "项目 维稳专项经费：自评表印的预算执行率为 81.03%，16.71 ÷ 20.62 = 81.04%",
        "81.04%",
        "81.03%",
        "",
    ]
    assert tab.summary_label.text().startswith(f"共 {model.rowCount()} 条：确定 ")


def test_note_is_saved_kept_and_undone(overview, qtbot):
    tab, stack, path, _services = overview
    model = tab.view.model()
    row = row_where(model, "项目 处非专项经费 · 预算执行 · 原因")
    assert model.setData(model.index(row, NOTE_COLUMN), "年底资金未拨付完毕", Qt.ItemDataRole.EditRole)
    assert model.index(row, NOTE_COLUMN).data() == "年底资金未拨付完毕"
    reopened = open_database(path)
    services = build_services(reopened)
    finding = next(
        f
        for f in services.checks.run(resolve_department(reopened).id, 2023)
        if f.rule == "P2" and "处非" in f.where
    )
    assert finding.note == "年底资金未拨付完毕"
    reopened.dispose()
    stack.undo()
    assert model.index(row, NOTE_COLUMN).data() == ""
    tab.reload()
    checked(qtbot, tab)
    assert model.index(row_where(model, "项目 处非专项经费 · 预算执行 · 原因"), NOTE_COLUMN).data() == ""


def test_an_edit_elsewhere_is_checked_again_when_the_tab_is_shown(overview, qtbot):
    tab, stack, _path, services = overview
    projects = services.projects
    chufei = next(row for row in projects.list(1, 2023) if row.name == "处非专项经费")
    relay = tab.findChild(ChangeRelay)
    where = "项目 处非专项经费 · 预算执行 · 原因"
    tab.hide()
    with qtbot.wait_signal(relay.changed):
        stack.push(
            CallbackCommand(
                "原因",
                lambda: projects.update_project(chufei.id, "execution_reason", "部分案件处置资金年底未拨付"),
                lambda: projects.update_project(chufei.id, "execution_reason", ""),
            )
        )
    assert not tab.checking  # not shown: checked when the clerk comes back
    tab.show()
    checked(qtbot, tab)
    model = tab.view.model()
    assert where not in [model.index(row, WHERE).data() for row in range(model.rowCount())]
    with qtbot.wait_signal(relay.changed):
        stack.undo()  # the tab is shown: checked again at once
    assert tab.checking
    checked(qtbot, tab)
    assert where in [model.index(row, WHERE).data() for row in range(model.rowCount())]


def test_double_click_asks_for_the_place(overview, qtbot):
    tab, _stack, _path, _services = overview
    model = tab.view.model()
    row = row_where(model, "项目 维稳专项经费 · 预算执行率")
    index = model.index(row, WHERE)
    tab.view.scrollTo(index)
    centre = tab.view.visualRect(index).center()
    with qtbot.wait_signal(tab.place_requested) as blocker:
        qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert [finding.where for finding in blocker.args] == ["项目 维稳专项经费 · 预算执行率"]
    assert blocker.args[0].place == {
        "tab": "项目绩效",
        "project": "51090322T000005724034",
        "row": "总额",
        "column": "预算执行率",
    }


def test_the_seven_charts_show_the_report_s_figures(overview):
    tab, _stack, _path, _services = overview
    tab.pages.setCurrentWidget(tab.charts)
    charts = [view.chart() for view in tab.charts.views]
    assert [chart.title() for chart in charts] == [
        "图1：收、支决算总计变动情况",
        "图2：收入决算结构",
        "图3：支出决算结构",
        "图4：财政拨款收、支决算总计变动情况",
        "图5：一般公共预算财政拨款支出决算变动情况",
        "图6：一般公共预算财政拨款支出决算结构",
        "图7：“三公”经费财政拨款支出结构",
    ]
    income = charts[1].series()[0]
    assert [piece.label() for piece in income.slices()] == [
        "一般公共预算财政拨款收入 411.94万元（98.90%）",
        "其他收入 4.60万元（1.10%）",
    ]
    totals = charts[0].series()[0].barSets()
    assert [bar.label() for bar in totals] == ["收入总计", "支出总计"]
    assert [round(bar.at(index), 2) for bar in totals for index in range(bar.count())] == [
        496.16,
        421.67,
        496.16,
        421.67,
    ]
    assert [piece.label() for piece in charts[6].series()[0].slices()] == ["公务接待费 0.37万元（100.00%）"]
