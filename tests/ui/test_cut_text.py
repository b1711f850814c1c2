"""Full text where a cell is cut, and a 单位 box as wide as its names (issue 11, Build 10 and
“What was seen” 10: scorecard cells and the 问题 column ended in “…”, the 单位 box cut the name)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyle, QStyleOptionComboBox, QToolTip
from sqlalchemy import insert

from desktop.services.workspace import open_workspace
from desktop.storage import models as M
from desktop.ui.cell_tooltips import FullTextTips
from desktop.ui.main_window import MainWindow

LONG_NAME = "遂宁市船山区文化广播电视和旅游局机关服务中心"


@pytest.fixture
def window(qtbot, sample_path, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(sample_path, True), open_workspace, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def hover(qtbot, view, index) -> str:
    """Rest the pointer on the cell: the tooltip the view shows (empty when none)."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    point = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def tab_named(window, title):
    tabs = window.tabs
    return next(tabs.widget(i) for i in range(tabs.count()) if tabs.tabText(i) == title)


# the offscreen plugin (the tests' screen) cannot raise the tooltip's window
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_cut_cell_shows_its_whole_text_and_a_whole_one_shows_none(window, qtbot):
    budget = tab_named(window, "预算决算")
    window.tabs.setCurrentWidget(budget)
    budget.pages.setCurrentIndex(1)
    view = budget.tree_view
    cell = budget.tree_model.index(0, 1)  # 201 一般公共服务支出
    view.header().setMinimumSectionSize(10)  # the figures' minimum would keep it too wide to cut
    view.header().setSectionResizeMode(1, view.header().ResizeMode.Interactive)
    view.setColumnWidth(1, 40)
    assert hover(qtbot, view, cell) == "一般公共服务支出"
    view.setColumnWidth(1, 400)
    assert hover(qtbot, view, cell) == ""


def test_every_tab_s_tables_have_the_tips(window):
    for index in range(window.tabs.count()):
        for view in window.tabs.widget(index).findChildren(QAbstractItemView):
            assert view.findChild(FullTextTips) is not None, window.tabs.tabText(index)


def test_the_department_box_fits_the_longest_name(window, qtbot):
    with window.workspace.engine.begin() as connection:
        connection.execute(insert(M.Department.__table__).values(name=LONG_NAME, province="四川省"))
    window.reload()
    box = window.toolbar.department
    assert box.findText(LONG_NAME) >= 0
    qtbot.waitUntil(lambda: box.width() >= box.sizeHint().width())
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    text_area = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
    )
    assert text_area.width() >= box.fontMetrics().horizontalAdvance(LONG_NAME)
