"""The 信访登记 tab on the sample register: what the clerk sees, edits and undoes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QUndoStack

from desktop.domain.places import locate
from desktop.services.container import build_services
from desktop.services.departments import resolve_department
from desktop.storage.database import open_database
from desktop.ui.context import WorkContext
from desktop.ui.register_tab import RegisterTab


@pytest.fixture
def undo_stack():
    return QUndoStack()


@pytest.fixture
def engine(sample_path):
    """The sample database (``ziping-cli demo``), opened as the window opens it."""
    engine = open_database(sample_path)
    yield engine
    engine.dispose()


@pytest.fixture
def tab(qtbot, engine, undo_stack):
    department_id = resolve_department(engine).id
    widget = RegisterTab(build_services(engine), WorkContext(department_id, 2023), undo_stack)
    qtbot.addWidget(widget)
    settle(qtbot, widget)
    yield widget
    QThreadPool.globalInstance().waitForDone()


def settle(qtbot, tab) -> None:
    """Wait until the list and the statistics computed in the background are on screen."""
    qtbot.waitUntil(lambda: not tab.busy, timeout=20000)


def _cell(tab, row: int, header: str) -> str:
    model = tab.table.model()
    column = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header
    )
    return model.index(row, column).data()


def test_the_register_lists_the_782_matters_of_2023_and_the_statistics(tab, qtbot):
    assert tab.table.model().rowCount() == 782
    assert tab.count_label.text() == "共 782 件"
    assert "满意率 99.22%" in tab.statistics.text()
    assert "到区 176 批 2354 人次，其中集访 60 批 2188 人次" in tab.statistics.text()
    assert tab.visit_table.model().rowCount() > 0


def test_id_numbers_and_phones_are_masked_in_the_table_only(tab, qtbot):
    masked = _cell(tab, 0, "身份证号")
    assert masked.startswith("510903") and "********" in masked
    assert "****" in _cell(tab, 0, "联系电话")
    tab.table.selectRow(0)
    form = tab.edit_selected()
    qtbot.addWidget(form)
    assert len(form.id_number.text()) == 18 and "*" not in form.id_number.text()


def test_filters_narrow_the_list(tab, qtbot):
    tab.channel.setCurrentText("来访")
    assert tab.count_label.text() == "正在查询……"
    settle(qtbot, tab)
    assert tab.table.model().rowCount() == 163
    assert tab.count_label.text() == "共 163 件"
    tab.channel.setCurrentText("全部")
    tab.start.setDate(tab.start.date().fromString("2023-12-31", "yyyy-MM-dd"))
    settle(qtbot, tab)
    rows = tab.table.model().rowCount()
    assert rows >= 1  # the sample has a matter received on the last day of the year
    assert {_cell(tab, row, "登记日期") for row in range(rows)} == {"2023-12-31"}


def test_editing_a_matter_persists_and_undo_restores_it(tab, qtbot, sample_path, undo_stack):
    tab.search.setText("船信〔2023〕0001号")
    tab.search.returnPressed.emit()
    settle(qtbot, tab)
    assert tab.table.model().rowCount() == 1
    tab.table.selectRow(0)
    form = tab.edit_selected()
    qtbot.addWidget(form)
    form.persons.setValue(0)
    form.buttons.accepted.emit()
    assert form.error.text() == "信访事项 船信〔2023〕0001号：人数应至少为 1，现为 0"
    assert form.isVisible()
    form.persons.setValue(7)
    form.id_number.setText("11010519491231002x")
    form.buttons.accepted.emit()
    assert not form.isVisible()
    settle(qtbot, tab)
    assert _cell(tab, 0, "人数") == "7"
    reopened_engine = open_database(sample_path)  # as after restarting the program
    register = build_services(reopened_engine).register
    department_id = resolve_department(reopened_engine).id
    reopened = register.get(register.page(department_id, tab.current_filter(), 0, 1)[0].id)
    reopened_engine.dispose()
    assert (reopened.persons, reopened.id_number) == (7, "11010519491231002X")
    undo_stack.undo()
    settle(qtbot, tab)
    assert _cell(tab, 0, "人数") != "7"


def test_a_wrong_id_check_digit_is_refused_in_the_form(tab, qtbot, undo_stack):
    form = tab.add_matter()
    qtbot.addWidget(form)
    form.number.setText("新-1")
    form.id_number.setText("110105194912310021")
    form.buttons.accepted.emit()
    assert "校验位应为 X" in form.error.text()
    form.id_number.setText("")
    form.registered_on.setText("2023-06-01")
    form.accepted_on.setText("2023-05-01")
    form.buttons.accepted.emit()
    assert form.error.text() == "信访事项 新-1：受理日期（2023-05-01）早于登记日期（2023-06-01）"
    form.accepted_on.setText("2023-06-02")
    form.buttons.accepted.emit()
    settle(qtbot, tab)
    assert tab.table.model().rowCount() == 783
    undo_stack.undo()
    settle(qtbot, tab)
    assert tab.table.model().rowCount() == 782
    undo_stack.redo()
    settle(qtbot, tab)
    assert tab.table.model().rowCount() == 783


def test_deleting_a_visit_is_undone(tab, qtbot, undo_stack):
    before = tab.visit_table.model().rowCount()
    tab.visit_table.selectRow(0)
    first = tab.visit_table.model().visit_at(0)
    tab.delete_selected_visit()
    assert tab.visit_table.model().rowCount() == before - 1
    assert first.level == "到区" and first.persons >= 1
    settle(qtbot, tab)
    assert f"到区 175 批 {2354 - first.persons} 人次" in tab.statistics.text()
    undo_stack.undo()
    assert tab.visit_table.model().rowCount() == before
    settle(qtbot, tab)
    assert "到区 176 批 2354 人次" in tab.statistics.text()


def test_sorting_and_show_place(tab, qtbot):
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    settle(qtbot, tab)
    assert _cell(tab, 0, "编号") == "船信〔2023〕0782号"
    assert tab.show_place(locate({"number": "船信〔2023〕0100号"}))
    settle(qtbot, tab)
    selected = tab.table.selectionModel().selectedRows()
    assert [index.data() for index in selected] == ["船信〔2023〕0100号"]


def test_a_page_scrolled_to_is_read_in_the_background(tab, qtbot):
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    settle(qtbot, tab)
    model = tab.table.model()
    # row 0 is 0782号, so row 700 (on the fourth page of 200) is 0782 − 700 = 0082号
    with qtbot.waitSignal(model.dataChanged, timeout=20000):
        assert _cell(tab, 700, "编号") == "读取中…"
        assert _cell(tab, 700, "信访人") is None
    assert _cell(tab, 700, "编号") == "船信〔2023〕0082号"
    assert not tab.busy


def test_the_models_pass_the_model_tester(tab, qtmodeltester):
    qtmodeltester.check(tab.table.model())
    qtmodeltester.check(tab.visit_table.model())


def test_a_period_without_data_says_so(tab, qtbot):
    tab.start.setDate(tab.start.date().fromString("2021-01-01", "yyyy-MM-dd"))
    tab.end.setDate(tab.end.date().fromString("2021-12-31", "yyyy-MM-dd"))
    settle(qtbot, tab)
    assert tab.table.model().rowCount() == 0
    assert "遂宁市船山区信访局 2021 年没有信访数据" in tab.statistics.text()
    assert date(2021, 1, 1) == tab.current_filter().start


def test_an_overdue_matter_is_marked_and_found_by_the_overdue_filter(tab, qtbot):
    form = tab.add_matter()
    qtbot.addWidget(form)
    form.number.setText("超-1")
    form.registered_on.setText("2023-06-01")  # 受理 due 16 Jun 2023, never accepted
    form.buttons.accepted.emit()
    tab.overdue_only.setChecked(True)
    settle(qtbot, tab)
    assert tab.table.model().rowCount() == 1
    assert (_cell(tab, 0, "编号"), _cell(tab, 0, "状态"), _cell(tab, 0, "受理期限")) == (
        "超-1",
        "超期",
        "2023-06-16",
    )
    background = tab.table.model().index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color().name() == "#fde2e1"


def test_the_locality_and_category_lists_come_from_the_register(tab, qtbot):
    localities = [tab.locality.itemText(i) for i in range(tab.locality.count())]
    assert localities[0] == "全部" and "凯旋路街道" in localities
    tab.category.setCurrentText("集资融资")
    settle(qtbot, tab)
    rows = tab.table.model().rowCount()
    assert 0 < rows < 782
    assert {_cell(tab, row, "问题类别") for row in range(rows)} == {"集资融资"}


def test_a_save_on_a_busy_database_says_so_and_keeps_the_form(tab, qtbot, sample_path):
    import sqlite3

    form = tab.add_matter()
    qtbot.addWidget(form)
    form.number.setText("忙-1")
    form.registered_on.setText("2023-06-01")
    form.petitioner_name.setText("赵六")
    other = sqlite3.connect(sample_path, isolation_level=None)  # another program holding the write lock
    other.execute("BEGIN IMMEDIATE")
    try:
        form.buttons.accepted.emit()  # waits the busy timeout, then gives up
        assert form.error.text().startswith("数据库正被另一个程序使用")
        assert form.isVisible() and (form.number.text(), form.petitioner_name.text()) == ("忙-1", "赵六")
    finally:
        other.execute("ROLLBACK")
        other.close()
    form.buttons.accepted.emit()
    settle(qtbot, tab)
    assert not form.isVisible()
    assert tab.table.model().rowCount() == 783
