"""Every finding on the sample has a place (issue 9, observation 7): a double-click in 总览 goes to
the tab and the cell, or, for a figure with no cell of its own, to the figure computed from the
records, and the status bar says where it is entered. Never a silent double-click."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

from desktop.domain.checks import Finding
from desktop.services.sample import build_sample_database
from desktop.services.workspace import open_workspace
from desktop.ui.findings_model import COLUMNS
from desktop.ui.main_window import MainWindow

WHERE = COLUMNS.index("位置")
CHUFEI, WEIWEN, RENT = "处非专项经费", "维稳专项经费", "租用办公场所经费"
DEPARTMENT_CARD = "2023年部门整体支出绩效评价指标体系"
JIEFANG_CARD, WEIWEN_CARD = "项目：接访工作（到京到蓉）工作经费", "项目：维稳专项经费"
PUBLISHED = "是报告公开的数字，不在本程序中录入；"

# where (the finding's 位置) → (tab, what is selected there, the status bar line after the 位置)
EXPECTED = {
    "支出 · 一般公共预算财政拨款支出 · 占比": (
        "预算决算",
        ("收支总览", "财政拨款支出", "本年"),
        f"“一般公共预算财政拨款支出”{PUBLISHED}已选中按记录计算的“财政拨款支出”，"
        "它由“支出（功能分类）”页的记录算出，在那里录入",
    ),
    "支出决算总额 · 比上年": (
        "预算决算",
        ("收支总览", "本年支出合计", "增减额"),
        f"“支出决算总额增减额”{PUBLISHED}已选中按记录计算的“本年支出合计”，"
        "它由“支出（功能分类）”页的记录算出，在那里录入",
    ),
    "项目 处非专项经费 · 预算执行 · 原因": ("项目绩效", (CHUFEI, "执行率原因"), None),
    "项目 维稳专项经费 · 预算执行率": ("项目绩效", (WEIWEN, "总额", "预算执行率"), None),
    "项目 维稳专项经费 · 预算执行 · 原因": ("项目绩效", (WEIWEN, "执行率原因"), None),
    "项目 租用办公场所经费 · 绩效指标第7行 · 完成值": ("项目绩效", (RENT, "7", "完成值"), None),
    "项目 · 预算执行数合计": (
        "项目绩效",
        ("项目列表", "执行数（万元）"),
        "各项目的预算执行数之和没有自己的单元格：每个项目的数见项目列表“执行数（万元）”一栏，"
        "在该项目的“预算执行情况”表中录入",
    ),
    "绩效报告 · 财政拨款基本支出": (
        "预算决算",
        ("基本支出（经济分类）",),
        f"“财政拨款基本支出（绩效报告）”{PUBLISHED}它由“基本支出（经济分类）”页的记录算出，在那里录入",
    ),
    "绩效报告 · 人员经费": (
        "预算决算",
        ("收支总览", "人员经费", "本年"),
        f"“人员经费（绩效报告）”{PUBLISHED}已选中按记录计算的“人员经费”，"
        "它由“基本支出（经济分类）”页的记录算出，在那里录入",
    ),
    "部门整体评价表 · 编制准确 · 得分": ("评价打分", (DEPARTMENT_CARD, "编制准确", "手工得分"), None),
    "部门整体评价表 · 执行进度 · 得分": ("评价打分", (DEPARTMENT_CARD, "执行进度", "手工得分"), None),
    **{
        f"项目 接访工作（到京到蓉）工作经费 评价表 · {name} · 得分": (
            "评价打分",
            (JIEFANG_CARD, name, "手工得分"),
            None,
        )
        for name in ("数量指标", "质量指标", "社会效益", "满意度")
    },
    **{
        f"项目 维稳专项经费 评价表 · {name} · 得分": ("评价打分", (WEIWEN_CARD, name, "手工得分"), None)
        for name in ("预算执行率", "数量指标", "生态效益", "满意度")
    },
}


@pytest.fixture
def window(qtbot, tmp_path_factory, tmp_path):
    sample = tmp_path_factory.mktemp("places") / "sample.sqlite3"
    build_sample_database(sample)
    path = tmp_path / "copy.sqlite3"
    shutil.copy(sample, path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(path), open_workspace, settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    overview = window.tabs.widget(0)
    qtbot.waitUntil(lambda: not overview.checking, timeout=20000)
    return window


def double_click(qtbot, window, where: str) -> None:
    window.tabs.setCurrentIndex(0)
    view = window.tabs.widget(0).view
    model = view.model()
    row = next(row for row in range(model.rowCount()) if model.index(row, WHERE).data() == where)
    index = model.index(row, WHERE)
    view.scrollTo(index)
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def selected(window) -> tuple[str, ...]:
    """What the clerk now sees selected, in the words of the tab's own headers."""
    tab = window.tabs.currentWidget()
    focus = QApplication.focusWidget()
    title = window.tabs.tabText(window.tabs.currentIndex())
    if title == "预算决算":
        page = tab.pages.tabText(tab.pages.currentIndex())
        index = focus.currentIndex() if isinstance(focus, QAbstractItemView) else None
        if index is None or not index.isValid():
            return (page,)
        header = index.model().headerData(index.column(), Qt.Orientation.Horizontal)
        return page, index.siblingAtColumn(0).data(), header
    if title == "项目绩效":
        project = tab.project_model.index(tab.project_view.currentIndex().row(), 1).data()
        if focus is tab.project_view:
            index = focus.currentIndex()
            return "项目列表", tab.project_model.headerData(index.column(), Qt.Orientation.Horizontal)
        texts = {edit: label for label, edit in (("执行率原因", tab.texts["execution_reason"]),)}
        if focus in texts:
            return project, texts[focus]
        assert isinstance(focus, QTableView)
        index = focus.currentIndex()
        row = focus.model().headerData(index.row(), Qt.Orientation.Vertical)
        return project, row, focus.model().headerData(index.column(), Qt.Orientation.Horizontal)
    index = tab.view.currentIndex()
    name = index.siblingAtColumn(0).data().split("：")[0]
    return tab.picker.currentText(), name, index.model().headerData(index.column(), Qt.Orientation.Horizontal)


def test_every_finding_of_the_sample_goes_to_its_place(qtbot, window):
    model = window.tabs.widget(0).view.model()
    wheres = [model.index(row, WHERE).data() for row in range(model.rowCount())]
    assert sorted(wheres) == sorted(EXPECTED)
    seen = {}
    for where in EXPECTED:
        double_click(qtbot, window, where)  # the window goes there at once, in the same event
        seen[where] = (
            window.tabs.tabText(window.tabs.currentIndex()),
            selected(window),
            window.statusBar().currentMessage(),
        )
    for where, (tab_title, cell, entered) in EXPECTED.items():
        message = f"{where}：{entered}" if entered else None
        shown_tab, shown_cell, _message = seen[where]
        assert (shown_tab, shown_cell[: len(cell)]) == (tab_title, cell), where  # a table: its page
        if message is None:
            assert seen[where][2].startswith("已转到 ") and seen[where][2].endswith(f"（{where}）")
        else:
            assert seen[where][2] == message


def test_a_place_the_year_does_not_have_is_said_in_the_status_bar(window):
    finding = Finding(
        "S1",
        "确定",
        "",
        "执行进度 · 3月",
        {"tab": "预算决算", "section": "执行进度", "month": 3, "column": "累计支出"},
    )
    assert not window.show_finding(finding)
    assert (
        window.statusBar().currentMessage()
        == "找不到“执行进度 · 3月”：预算决算 · 执行进度 · 3 · 累计支出 在本年度没有这一行"
    )
    assert not window.show_finding(Finding("X1", "提示", "", "别处", {"tab": "没有的页"}))
    assert window.statusBar().currentMessage() == "“别处”没有可以转到的单元格"
