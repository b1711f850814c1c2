"""Typing and tabbing through every editable table of the window raises no Qt warning (issue 11,
Build 10 and “What was seen” 10: “commitData called with an editor that does not belong to this
view” while tabbing through indicators). Qt warnings fail the tests (qt_log_level_fail), so
driving the real editors with changed values is the test; the saved values are checked too."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox

from desktop.services.workspace import open_workspace
from desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, sample_path, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(sample_path, True), open_workspace, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def changed(text: str) -> str:
    """A different value of the same kind: a number plus one, a text with one more character."""
    body, percent = (text[:-1], "%") if text.endswith("%") else (text, "")
    try:
        return f"{Decimal(body) + 1}{percent}"
    except InvalidOperation:
        return text if len(text) <= 1 else f"{text}甲"


def first_editable(model, parent: QModelIndex | None = None) -> QModelIndex:
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            if model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                return index
        child = first_editable(model, model.index(row, 0, parent))
        if child.isValid():
            return child
    return QModelIndex()


def tab_through(qtbot, view: QAbstractItemView, steps: int = 8) -> int:
    """Edit the first editable cell, then type a changed value and press Tab ``steps`` times;
    returns how many values were typed."""
    start = first_editable(view.model())
    if not start.isValid():
        return 0
    view.setFocus()
    view.setCurrentIndex(start)
    view.edit(start)
    typed = 0
    for _step in range(steps):
        editor = QApplication.focusWidget()
        if not isinstance(editor, QLineEdit) or editor.parent() is not view.viewport():
            break
        editor.setText(changed(editor.text()))
        typed += 1
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
        qtbot.wait(20)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    return typed


def views_of(widget) -> list[QAbstractItemView]:
    return [
        view
        for view in widget.findChildren(QAbstractItemView)
        if view.isVisibleTo(widget) and view.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
    ]


def test_tabbing_through_every_editable_table_warns_nothing(qtbot, window):
    typed = []
    for number in range(window.tabs.count()):
        tab = window.tabs.widget(number)
        window.tabs.setCurrentWidget(tab)
        pages = getattr(tab, "pages", None)
        for page in range(pages.count()) if pages is not None else [None]:
            if page is not None:
                pages.setCurrentIndex(page)
            for view in views_of(tab):
                if view.isVisible():
                    typed.append((window.tabs.tabText(number), page, tab_through(qtbot, view)))
        for box in window.findChildren(QMessageBox):
            box.close()
    budget_pages = {page for title, page, count in typed if title == "预算决算" and count}
    assert budget_pages == {0, 1, 2, 3, 4}, typed  # 收入, 支出 tree, 基本支出, 三公, 执行进度
    assert [count for title, _page, count in typed if title == "项目绩效" and count] == [5, 8], typed
    assert sum(count for _title, _page, count in typed) >= 25, typed


def test_indicators_tab_through_with_saves_in_between(qtbot, window):
    projects = next(
        window.tabs.widget(n) for n in range(window.tabs.count()) if window.tabs.tabText(n) == "项目绩效"
    )
    window.tabs.setCurrentWidget(projects)
    view, model = projects.indicator_view, projects.indicator_model
    name_before = model.index(0, 2).data()
    assert tab_through(qtbot, view) >= 5
    # the first cells were saved while the next editor was open: 一级、二级、三级指标 took “甲”
    qtbot.waitUntil(lambda: model.index(0, 2).data() == f"{name_before}甲")
