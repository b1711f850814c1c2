"""Issue 11 in the 信访登记 tab, on the sample and on a 湖北 department with its own 编号 pattern:
dates typed as a clerk writes them, future dates refused, the default 登记日期 and 编号, keyboard,
late marks, sorting, the toolbar's 查找 and statistics that follow the filters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDateTimeEdit, QDialogButtonBox, QMessageBox

from desktop.domain.petitions import STATUSES, Matter
from desktop.services.departments import department_info
from desktop.services.register import RegisterFilter
from desktop.services.workspace import open_workspace
from desktop.ui.department_dialog import DepartmentDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.register_forms import MatterForm
from tests.services.chufei import add_chufei_project
from tests.ui import test_register_tab as register_tab

# the sample register tab of test_register_tab, its fixtures shared (sample_path is conftest's)
undo_stack, engine, tab = register_tab.undo_stack, register_tab.engine, register_tab.tab
settle, _cell = register_tab.settle, register_tab._cell

SAMPLE_LAST = 782  # the sample numbers its matters 船信〔2023〕0001号 … 0782号


def _column(tab, header: str) -> int:
    model = tab.table.model()
    return next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header
    )


def _matters(tab, **options) -> list[Matter]:
    service, department_id = tab._service, tab._context.department_id
    rows = service.page(department_id, RegisterFilter(**options), 0, 2000)
    return [service.get(row.id) for row in rows]


def test_a_new_matter_of_a_back_filled_year_is_dated_in_it_and_numbered_after_the_last(tab, qtbot):
    form = tab.add_matter()
    qtbot.addWidget(form)
    # the sample is 2023 (today is later): its last working day, Friday 29 December (31st is a Sunday)
    assert form.registered_on.text() == "2023-12-29"
    assert form.number.text() == f"船信〔2023〕{SAMPLE_LAST + 1:04d}号"


def test_dates_are_read_as_the_clerk_types_them_and_saved(tab, qtbot):
    form = tab.add_matter()
    qtbot.addWidget(form)
    form.summary.setPlainText("日期写法测试")
    form.registered_on.setText("2023/7/1")
    form.accepted_on.setText("2023年7月3日")
    form.closed_on.setText("20230710")
    form.review_requested_on.setText("2023.8.1")
    form.buttons.accepted.emit()
    assert not form.isVisible(), form.error.text()
    [saved] = _matters(tab, text="日期写法测试")
    assert (saved.registered_on, saved.accepted_on, saved.closed_on, saved.review_requested_on) == (
        date(2023, 7, 1), date(2023, 7, 3), date(2023, 7, 10), date(2023, 8, 1),
    )  # fmt: skip


def test_a_date_after_today_or_that_does_not_exist_is_refused_naming_the_field(tab, qtbot):
    today = date.today()
    tomorrow = today + timedelta(days=1)
    form = tab.add_matter()
    qtbot.addWidget(form)
    form.summary.setPlainText("未来日期测试")
    form.registered_on.setText(tomorrow.isoformat())
    form.buttons.accepted.emit()
    assert form.error.text() == f"登记日期 {tomorrow} 晚于今天（{today}），未来的日期不能登记"
    form.registered_on.setText("2023-06-01")
    form.closed_on.setText(f"{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日")
    form.buttons.accepted.emit()
    assert form.error.text() == f"办结日期 {tomorrow} 晚于今天（{today}），未来的日期不能登记"
    form.closed_on.setText("2023-13-01")
    form.buttons.accepted.emit()
    assert form.error.text() == "办结日期：日期“2023-13-01”不存在"
    assert form.isVisible()
    assert _matters(tab, text="未来日期测试") == []


def test_delete_removes_the_selected_rows_says_so_and_ctrl_z_brings_them_back(tab, qtbot, undo_stack):
    tab.show()
    qtbot.waitExposed(tab)
    tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    settle(qtbot, tab)
    tab.table.selectRow(0)
    tab.table.selectionModel().select(
        tab.table.model().index(1, 0),
        tab.table.selectionModel().SelectionFlag.Select | tab.table.selectionModel().SelectionFlag.Rows,
    )
    tab.table.setFocus()
    with qtbot.waitSignal(tab.status_message) as message:
        qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert message.args == ["已删除 2 件信访事项（船信〔2023〕0001号、船信〔2023〕0002号）；按 Ctrl+Z 可恢复"]
    settle(qtbot, tab)
    assert tab.count_label.text() == f"共 {SAMPLE_LAST - 2} 件"
    assert _cell(tab, 0, "编号") == "船信〔2023〕0003号"
    undo_stack.undo()
    settle(qtbot, tab)
    assert tab.count_label.text() == f"共 {SAMPLE_LAST} 件"
    assert _cell(tab, 0, "编号") == "船信〔2023〕0001号"


def test_enter_opens_the_selected_matter(tab, qtbot):
    tab.show()
    qtbot.waitExposed(tab)
    tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    settle(qtbot, tab)
    tab.table.setCurrentIndex(tab.table.model().index(4, 0))
    tab.table.selectRow(4)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    forms = [form for form in tab.findChildren(MatterForm) if form.isVisible()]
    assert [form.windowTitle() for form in forms] == ["信访事项 船信〔2023〕0005号"]


def test_a_matter_closed_late_is_marked_and_found_by_its_filter(tab, qtbot):
    form = tab.add_matter()
    qtbot.addWidget(form)
    form.number.setText("迟-1")
    form.registered_on.setText("2023-03-01")
    form.accepted_on.setText("2023-03-02")  # 办结 due 2 Mar + 60 = 1 May
    form.closed_on.setText("2023-06-01")
    form.buttons.accepted.emit()
    assert not form.isVisible(), form.error.text()
    tab.status.setCurrentText("超期办结")
    settle(qtbot, tab)
    rows = tab.table.model().rowCount()
    numbers = [_cell(tab, row, "编号") for row in range(rows)]
    assert "迟-1" in numbers
    assert {_cell(tab, row, "状态") for row in range(rows)} <= {
        "已办结（超期办结）",
        "已办结（超期受理、超期办结）",
    }
    row = numbers.index("迟-1")
    assert _cell(tab, row, "状态") == "已办结（超期办结）"
    background = tab.table.model().index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color().name() == "#fff1d6"
    # every row the filter shows is one the 按期办结率 counts as late: closed after its deadline
    for matter in _matters(tab, status="超期办结"):
        assert matter.closed_on > matter.completion_deadline


def test_every_column_sorts_the_status_by_its_place_in_the_list(tab, qtbot):
    status = _column(tab, "状态")
    assert tab.table.horizontalHeader().isSortIndicatorShown()
    tab.table.sortByColumn(status, Qt.SortOrder.DescendingOrder)
    settle(qtbot, tab)
    ranks = [STATUSES.index(_cell(tab, row, "状态").split("（")[0]) for row in range(100)]
    assert ranks == sorted(ranks, reverse=True)
    summary = _column(tab, "内容摘要")
    tab.table.sortByColumn(summary, Qt.SortOrder.AscendingOrder)
    settle(qtbot, tab)
    summaries = [_cell(tab, row, "内容摘要") for row in range(100)]
    assert summaries == sorted(summaries) and summaries != [
        m.summary for m in _matters(tab)[:100]
    ]  # not the 登记日期 order


def test_the_statistics_say_what_they_cover_and_follow_the_filters(tab, qtbot):
    assert (
        tab.statistics.text()
        .splitlines()[1]
        .startswith("统计范围：2023-01-01 至 2023-12-31 登记的全部信访事项")
    )
    tab.channel.setCurrentText("来访")
    settle(qtbot, tab)
    visits = tab.table.model().rowCount()
    assert 0 < visits < SAMPLE_LAST
    text = tab.statistics.text()
    assert "统计范围：2023-01-01 至 2023-12-31 登记的信访事项（信访形式 来访）" in text
    assert f"信访事项 {visits} 件：来信 0、来访 {visits}、网上 0、来电 0" in text


def test_a_period_across_two_years_compares_with_the_same_span_a_year_earlier(tab, qtbot):
    tab.end.setDate(tab.end.date().fromString("2024-06-30", "yyyy-MM-dd"))
    tab.start.setDate(tab.start.date().fromString("2023-07-01", "yyyy-MM-dd"))
    settle(qtbot, tab)
    text = tab.statistics.text()
    assert "信访登记统计（2023-07-01 至 2024-06-30）" in text and "2023 年信访登记统计" not in text
    assert "走访（上年同期 2022-07-01 至 2023-06-30）：" in text


def test_a_year_typed_into_the_period_moves_the_whole_period(tab, qtbot):
    tab.show()
    tab.start.setFocus()
    tab.start.setCurrentSection(QDateTimeEdit.Section.YearSection)
    tab.start.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClicks(tab.start, "2022")
    qtbot.keyClick(tab.start, Qt.Key.Key_Enter)
    settle(qtbot, tab)
    assert tab.current_filter().start == date(2022, 1, 1)
    assert tab.current_filter().end == date(2022, 12, 31)
    assert tab.count_label.text() == "共 0 件"


# In the window: Ctrl+N, the toolbar's 查找, the 编号 pattern set in 单位信息 -------------------


@pytest.fixture
def window(qtbot, tmp_path):
    db_path = tmp_path / "hubei.sqlite3"
    from desktop.storage.database import open_database

    engine = open_database(db_path, create=True)
    add_chufei_project(engine, province="湖北省")
    engine.dispose()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(db_path), open_workspace, settings)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(
        [window.tabs.tabText(i) for i in range(window.tabs.count())].index("信访登记")
    )
    return window


def _action(window, menu: str, text: str):
    found = next(a.menu() for a in window.menuBar().actions() if a.text() == menu)
    return next(a for a in found.actions() if a.text() == text)


def test_the_pattern_set_in_the_department_dialog_numbers_the_matter_ctrl_n_makes(window, qtbot):
    assert _action(window, "文件(&F)", "新建数据库…").shortcut().toString() == "Ctrl+Shift+N"
    assert _action(window, "文件(&F)", "新建记录").shortcut().toString() == "Ctrl+N"
    _action(window, "编辑(&E)", "单位信息…").trigger()
    dialog = next(d for d in window.findChildren(DepartmentDialog) if d.isVisible())
    dialog.number_pattern.setText("鄂信〔{年}〕号")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert [box.text() for box in dialog.findChildren(QMessageBox)] == [
        "信访编号格式：编号格式“鄂信〔{年}〕号”须含一个 {序号}（如 船信〔{年}〕{序号:04}号）"
    ]
    assert dialog.isVisible()
    assert department_info(window.workspace.engine, window.context.department_id).matter_number_pattern == ""
    dialog.number_pattern.setText("鄂信〔{年}〕{序号:03}号")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = department_info(window.workspace.engine, window.context.department_id)
    assert saved.matter_number_pattern == "鄂信〔{年}〕{序号:03}号"
    register = window.current_tab()
    settle(qtbot, register)
    _action(window, "文件(&F)", "新建记录").trigger()
    form = next(f for f in register.findChildren(MatterForm) if f.isVisible())
    # the department's year is 2023: 29 December, the first number of the year in its pattern
    assert (form.number.text(), form.registered_on.text()) == ("鄂信〔2023〕001号", "2023-12-29")
    form.petitioner_name.setText("陈六")
    form.buttons.accepted.emit()
    settle(qtbot, register)
    assert register.count_label.text() == "共 1 件"
    _action(window, "文件(&F)", "新建记录").trigger()
    second = [f for f in register.findChildren(MatterForm) if f.isVisible()][-1]
    assert second.number.text() == "鄂信〔2023〕002号"


def test_the_toolbar_search_filters_the_register(window, qtbot):
    register = window.current_tab()
    service, department_id = register._service, register._context.department_id
    for number, name in (("鄂信-1", "陈六"), ("鄂信-2", "林七"), ("鄂信-3", "陈八")):
        service.save(department_id, Matter(number, date(2023, 5, 1), "来信", petitioner_name=name))
    register._changed()
    settle(qtbot, register)
    assert register.count_label.text() == "共 3 件"
    window.toolbar.search.setText("陈")  # as typed: textChanged carries it (keyClicks knows no 汉字)
    settle(qtbot, register)
    assert register.count_label.text() == "共 2 件"
    assert {_cell(register, row, "信访人") for row in range(2)} == {"陈六", "陈八"}


def test_a_new_visit_is_dated_on_the_periods_last_day_but_never_after_today(tab, qtbot):
    form = tab.add_visit()
    qtbot.addWidget(form)
    assert form.visited_on.text() == "2023-12-31"
    later = date.today() + timedelta(days=10)
    tab.end.setDate(tab.end.date().fromString(later.isoformat(), "yyyy-MM-dd"))
    settle(qtbot, tab)
    again = tab.add_visit()
    qtbot.addWidget(again)
    assert again.visited_on.text() == date.today().isoformat()


def test_after_delete_the_window_status_bar_says_what_went_and_how_to_undo(window, qtbot):
    register = window.current_tab()
    register._service.save(
        register._context.department_id, Matter("鄂信-9", date(2023, 5, 1), "来信", petitioner_name="陈六")
    )
    register._changed()
    settle(qtbot, register)
    register.table.selectRow(0)
    register.table.setFocus()
    qtbot.keyClick(register.table, Qt.Key.Key_Delete)
    assert window.statusBar().currentMessage() == "已删除 信访事项 鄂信-9；按 Ctrl+Z 可恢复"
    settle(qtbot, register)
    assert register.count_label.text() == "共 0 件"
    window.undo_stack.undo()
    settle(qtbot, register)
    assert register.count_label.text() == "共 1 件"
