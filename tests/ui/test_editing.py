"""The shared editing pieces on a tiny budget table: money cells, block paste, Delete, Enter, undo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QLineEdit, QMessageBox, QTableView

from desktop.domain.money import MoneyUnit, format_wan, parse_money
from desktop.errors import UserInputError
from desktop.ui.editing import (
    CallbackCommand,
    MoneyDelegate,
    TableEditing,
    apply_change,
    paste_block,
    table_editing,
)

HEADERS = ("科目", "年初预算", "决算")


class BudgetLines:
    """Stands in for a service: three lines, amounts in 元, changed one at a time."""

    def __init__(self) -> None:
        self.rows = [["办公费", Decimal("10000.00"), Decimal("9000.00")] for _ in range(3)]

    def set(self, row: int, column: int, amount: Decimal) -> None:
        if amount < 0:
            raise UserInputError("金额不能为负数")
        self.rows[row][column] = amount


class BudgetModel(QAbstractTableModel):
    def __init__(self, lines: BudgetLines, stack: QUndoStack) -> None:
        super().__init__()
        self.lines, self.stack = lines, stack

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.lines.rows)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        value = self.lines.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_wan(value) if isinstance(value, Decimal) else value
        if role == Qt.ItemDataRole.EditRole:
            return value
        return None

    def flags(self, index):
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() > 0 else flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        row, column = index.row(), index.column()
        before = self.lines.rows[row][column]

        def write(amount):
            def run():
                self.lines.set(row, column, amount)
                self.dataChanged.emit(index, index)

            return run

        apply_change(self.stack, "修改金额", write(value), write(before))
        return True

    def parse_cell(self, row: int, column: int, text: str) -> Decimal:
        return parse_money(text, MoneyUnit.WAN) if text.strip() else Decimal("0.00")


@pytest.fixture
def table(qtbot):
    stack = QUndoStack()
    lines = BudgetLines()
    model = BudgetModel(lines, stack)
    view = QTableView()
    view.setModel(model)
    view.setItemDelegate(MoneyDelegate(view))
    TableEditing(view, model.parse_cell, stack)
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    return view, lines, stack


def messages(view) -> list[str]:
    return [box.text() for box in view.window().findChildren(QMessageBox)]


def select(view, top, left, bottom, right) -> None:
    model = view.model()
    view.setCurrentIndex(model.index(top, left))
    for row in range(top, bottom + 1):
        for column in range(left, right + 1):
            view.selectionModel().select(model.index(row, column), QItemSelectionModel.SelectionFlag.Select)


def type_into(qtbot, view, row, column, text) -> None:
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)  # the delegate commits on the next turn


def test_money_cells_show_wan_and_accept_what_clerks_type(qtbot, table):
    view, lines, stack = table
    delegate = view.itemDelegate()
    assert delegate.displayText(Decimal("1316500"), None) == "131.65"
    type_into(qtbot, view, 0, 1, "85万")
    type_into(qtbot, view, 1, 1, "1.5")
    type_into(qtbot, view, 2, 2, "250，000.00元")
    assert lines.rows[0][1] == Decimal("850000.00")
    assert lines.rows[1][1] == Decimal("15000.00")
    assert lines.rows[2][2] == Decimal("250000.00")
    assert view.model().index(0, 1).data() == "85.00"
    assert stack.count() == 3


def test_a_money_cell_refuses_text_with_the_cell_named(qtbot, table):
    view, lines, stack = table
    type_into(qtbot, view, 1, 2, "abc")
    assert messages(view) == ["第 2 行“决算”：“abc”不是数字"]
    assert lines.rows[1][2] == Decimal("9000.00")
    assert stack.count() == 0


def test_a_service_refusal_is_shown_not_raised(qtbot, table):
    view, lines, _stack = table
    type_into(qtbot, view, 0, 2, "-5")
    assert messages(view) == ["第 1 行“决算”：金额不能为负数"]
    assert lines.rows[0][2] == Decimal("9000.00")


def test_pasting_a_3_by_2_block_from_excel_is_one_undo_step(qtbot, table):
    view, lines, stack = table
    view.setCurrentIndex(view.model().index(0, 1))
    QGuiApplication.clipboard().setText("1\t2\r\n3万\t4\r\n5.5\t6\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [row[1:] for row in lines.rows] == [
        [Decimal("10000.00"), Decimal("20000.00")],
        [Decimal("30000.00"), Decimal("40000.00")],
        [Decimal("55000.00"), Decimal("60000.00")],
    ]
    assert stack.count() == 1 and stack.undoText() == "粘贴"
    stack.undo()
    assert [row[1:] for row in lines.rows] == [[Decimal("10000.00"), Decimal("9000.00")]] * 3
    stack.redo()
    assert lines.rows[2][2] == Decimal("60000.00")


def test_a_block_with_one_bad_cell_saves_nothing(qtbot, table):
    view, lines, stack = table
    view.setCurrentIndex(view.model().index(0, 1))
    QGuiApplication.clipboard().setText("1\t2\n3\t四\n5\t6")
    assert paste_block(view, view.model().parse_cell, stack) is False
    assert messages(view) == ["第 2 行“决算”：“四”不是数字，未粘贴任何内容"]
    assert [row[1:] for row in lines.rows] == [[Decimal("10000.00"), Decimal("9000.00")]] * 3
    assert stack.count() == 0


def test_a_block_that_does_not_fit_saves_nothing(qtbot, table):
    view, lines, stack = table
    view.setCurrentIndex(view.model().index(2, 0))
    QGuiApplication.clipboard().setText("1\t2")
    assert paste_block(view, view.model().parse_cell, stack) is False
    assert messages(view) == ["第 3 行“科目”不可修改，未粘贴任何内容"]
    assert lines.rows[2][1] == Decimal("10000.00")


def test_a_refusal_half_way_through_a_paste_is_undone(qtbot, table):
    view, lines, stack = table
    view.setCurrentIndex(view.model().index(0, 1))
    QGuiApplication.clipboard().setText("1\n-2")
    assert paste_block(view, view.model().parse_cell, stack) is False
    assert messages(view) == ["金额不能为负数"]
    assert lines.rows[0][1] == Decimal("10000.00")


def test_delete_clears_the_selected_cells_as_one_step(qtbot, table):
    view, lines, stack = table
    select(view, 0, 1, 1, 2)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [row[1:] for row in lines.rows[:2]] == [[Decimal("0.00"), Decimal("0.00")]] * 2
    assert lines.rows[2][1] == Decimal("10000.00")
    assert stack.count() == 1 and stack.undoText() == "清除"
    stack.undo()
    assert lines.rows[0][1] == Decimal("10000.00")


def test_enter_opens_the_editor_and_enter_again_commits(qtbot, table):
    view, lines, _stack = table
    view.setCurrentIndex(view.model().index(1, 2))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editor = view.indexWidget(view.model().index(1, 2))
    assert isinstance(editor, QLineEdit) and editor.text() == "0.90"
    editor.setText("2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(view.model().index(1, 2)) is None)
    assert lines.rows[1][2] == Decimal("20000.00")


def test_copy_gives_a_block_excel_understands(qtbot, table):
    view, _lines, _stack = table
    select(view, 0, 0, 1, 2)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "办公费\t1.00\t0.90\n办公费\t1.00\t0.90"


def test_the_editing_helper_is_found_from_its_view(table):
    view, _lines, _stack = table
    assert isinstance(table_editing(view), TableEditing)
    assert table_editing(QTableView()) is None


def test_callback_command_calls_the_service_functions(qtbot):
    calls = []
    stack = QUndoStack()
    stack.push(CallbackCommand("改名", lambda: calls.append("redo"), lambda: calls.append("undo")))
    stack.undo()
    stack.redo()
    assert calls == ["redo", "undo", "redo"]
