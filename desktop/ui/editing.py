"""Editing pieces every editable table shares: money cells, Excel block paste, Delete, undo.

A table's model (or a tree's, for its editable leaf rows) validates and saves nothing by itself
here; it offers ``parse_cell(row, column, text)`` (raising ``UserInputError`` /
``NumberFormatError`` with a Chinese message) and a ``setData`` that saves through a service and
pushes a ``CallbackCommand`` onto the tab's undo stack. ``paste_block`` and ``clear_cells`` check
every cell first and then apply all of them as one undo step, so a bad cell leaves the database as
it was. In a tree a pasted block fills the next leaf rows as shown, skipping subtotal rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QStyledItemDelegate, QTreeView, QWidget

from desktop.domain.money import MoneyUnit, NumberFormatError, format_wan, format_yuan, parse_money
from desktop.errors import UserInputError
from desktop.storage.database import DatabaseError
from desktop.ui.messages import show_error

ParseCell = Callable[[int, int, str], Any]


class CallbackCommand(QUndoCommand):
    """An undo step that calls service functions: ``redo()`` makes the change, ``undo()`` reverts it.

    With ``done=True`` the change has already been made (see ``apply_change``), so the first
    ``redo()`` that ``QUndoStack.push`` performs is skipped.
    """

    def __init__(
        self, text: str, redo: Callable[[], object], undo: Callable[[], object], *, done: bool = False
    ):
        super().__init__(text)
        self._redo, self._undo, self._skip_redo = redo, undo, done

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._redo()

    def undo(self) -> None:
        self._undo()


def apply_change(stack: QUndoStack | None, text: str, redo: Callable[[], object], undo: Callable[[], object]):
    """Make a change now and, once it succeeded, record it on ``stack``.

    A ``UserInputError`` from ``redo`` reaches the caller and nothing is recorded.
    """
    result = redo()
    if stack is not None:
        stack.push(CallbackCommand(text, redo, undo, done=True))
    return result


def cell_name(model, row: int, column: int) -> str:
    """``第 3 行“决算”`` — how a message names a cell (row counted from 1, column by its header)."""
    header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    return f"第 {row + 1} 行“{header}”" if header else f"第 {row + 1} 行第 {column + 1} 列"


def index_name(index: QModelIndex) -> str:
    """How a message names the cell at ``index``: ``cell_name`` in a table; in a tree the row is
    named by the first two columns of its parent and itself (``“2010308 信访事务 基本支出”行“决算”``)."""
    model = index.model()
    if not (index.parent().isValid() or model.rowCount(index.siblingAtColumn(0)) > 0):
        return cell_name(model, index.row(), index.column())
    parts = [
        text
        for row in (index.parent(), index)
        for column in (0, 1)
        if (text := row.siblingAtColumn(column).data())
    ]
    header = model.headerData(index.column(), Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    return f"“{' '.join(parts)}”行“{header}”"


class MoneyDelegate(QStyledItemDelegate):
    """Money cells: shown in 万元 (or 元) with two decimals, typed as anything ``parse_money`` reads.

    The model's edit role holds the amount in 元 as a ``Decimal``; a bare typed number is read
    in the delegate's unit. Text that is not an amount is reported and not committed.
    """

    def __init__(self, parent: QObject | None = None, unit: MoneyUnit = MoneyUnit.WAN) -> None:
        super().__init__(parent)
        self.unit = unit

    def _format(self, amount: Decimal) -> str:
        return format_wan(amount) if self.unit is MoneyUnit.WAN else format_yuan(amount).replace(",", "")

    def displayText(self, value, locale) -> str:
        if isinstance(value, Decimal):
            return self._format(value)
        return super().displayText(value, locale)

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def setEditorData(self, editor: QLineEdit, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setText(self._format(value) if isinstance(value, Decimal) else str(value or ""))
        editor.selectAll()

    def setModelData(self, editor: QLineEdit, model, index: QModelIndex) -> None:
        try:
            amount = parse_money(editor.text(), self.unit)
        except NumberFormatError as error:
            show_error(_window_of(self, editor), f"{index_name(index)}：{error}")
            return
        _set_or_report(self, editor, model, index, amount)


def _window_of(delegate: QObject, editor: QWidget) -> QWidget:
    owner = delegate.parent()
    return owner.window() if isinstance(owner, QWidget) else editor.window()


def _set_or_report(delegate: QObject, editor: QWidget, model, index: QModelIndex, value) -> None:
    try:
        model.setData(index, value, Qt.ItemDataRole.EditRole)
    except (UserInputError, DatabaseError) as error:
        show_error(_window_of(delegate, editor), f"{index_name(index)}：{error}")


def _clipboard_rows(text: str) -> list[list[str]]:
    """Excel copies rows separated by newlines and cells by tabs; quoted cells may hold newlines."""
    text = text.replace("\r\n", "\n").rstrip("\n")
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t")] if text else []


Path = tuple[int, ...]


def _path(index: QModelIndex) -> Path:
    """The rows from the top of the model down to ``index`` (a table cell's path is its row)."""
    rows: list[int] = []
    while index.isValid():
        rows.append(index.row())
        index = index.parent()
    return tuple(reversed(rows))


def _at(model, path: Path, column: int) -> QModelIndex:
    """The cell at ``path`` and ``column``, found afresh (a save may have reset the model)."""
    index = QModelIndex()
    for depth, row in enumerate(path):
        index = model.index(row, column if depth == len(path) - 1 else 0, index)
    return index


def _apply_all(view: QAbstractItemView, changes, undo_stack: QUndoStack | None, text: str) -> bool:
    """Write every parsed value through the model as one undo step; on a failure revert them all."""
    model = view.model()
    if undo_stack is not None:
        undo_stack.beginMacro(text)
    try:
        for path, column, value in changes:
            model.setData(_at(model, path, column), value, Qt.ItemDataRole.EditRole)
    except (UserInputError, DatabaseError) as error:
        if undo_stack is not None:
            undo_stack.endMacro()
            undo_stack.undo()
        show_error(view.window(), str(error))
        return False
    if undo_stack is not None:
        undo_stack.endMacro()
    return True


def _parse_cells(view: QAbstractItemView, cells, parse_cell: ParseCell):
    """Check every target cell ``(index, text)``, where an invalid index lies past the table's
    end at ``(row, column)`` (0-based); returns (changes as (path, column, value), first problem)."""
    model = view.model()
    changes, problems = [], []
    for index, text, (row, column) in cells:
        if not index.isValid():
            problems.append(f"粘贴区域超出表格（到第 {row + 1} 行第 {column + 1} 列）")
            continue
        if not model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            problems.append(f"{index_name(index)}不可修改")
            continue
        try:
            changes.append((_path(index), index.column(), parse_cell(index.row(), index.column(), text)))
        except (UserInputError, NumberFormatError) as error:
            problems.append(f"{index_name(index)}：{error}")
    if not problems:
        return changes, None
    more = f"（另有 {len(problems) - 1} 处有误）" if len(problems) > 1 else ""
    return changes, f"{problems[0]}{more}，未粘贴任何内容"


def _rows_from(view: QAbstractItemView, start: QModelIndex, count: int) -> list[QModelIndex]:
    """Where the rows of a pasted block land (column 0): the next rows of a table; in a tree the
    next leaf rows as shown, subtotal rows (those with children) skipped. Invalid past the end."""
    model = view.model()
    if not isinstance(view, QTreeView):
        return [model.index(start.row() + offset, 0) for offset in range(count)]
    rows, index = [], start.siblingAtColumn(0)
    while len(rows) < count:
        while index.isValid() and model.rowCount(index) > 0:
            index = view.indexBelow(index)
        rows.append(index)
        if index.isValid():
            index = view.indexBelow(index)
    return rows


def paste_block(view: QAbstractItemView, parse_cell: ParseCell, undo_stack: QUndoStack | None = None) -> bool:
    """Paste the clipboard's block into ``view`` from its current cell; True when it was pasted.

    Every cell is parsed with ``parse_cell(row, column, text)`` first; if any is invalid one
    message names the cell and nothing is saved. Otherwise all go in as one undo step.
    """
    start = view.currentIndex()
    if not start.isValid():
        show_error(view.window(), "请先选中要粘贴到的第一个单元格")
        return False
    rows = _clipboard_rows(QGuiApplication.clipboard().text())
    if not rows:
        show_error(view.window(), "剪贴板中没有可粘贴的内容")
        return False
    targets = _rows_from(view, start, len(rows))
    cells = [
        (
            target.siblingAtColumn(start.column() + c) if target.isValid() else QModelIndex(),
            text,
            (start.row() + r, start.column() + c),
        )
        for r, (target, values) in enumerate(zip(targets, rows, strict=True))
        for c, text in enumerate(values)
    ]
    changes, problem = _parse_cells(view, cells, parse_cell)
    if problem:
        show_error(view.window(), problem)
        return False
    return _apply_all(view, changes, undo_stack, "粘贴")


def _selected_cells(view: QAbstractItemView) -> list[QModelIndex]:
    selection = view.selectionModel()
    indexes = selection.selectedIndexes() if selection is not None else []
    return sorted(
        indexes or ([view.currentIndex()] if view.currentIndex().isValid() else []),
        key=lambda index: (_path(index), index.column()),
    )


def clear_cells(view: QAbstractItemView, parse_cell: ParseCell, undo_stack: QUndoStack | None = None) -> bool:
    """Delete: empty every selected editable cell (what “empty” means is ``parse_cell(…, "")``)."""
    model = view.model()
    cells = [
        (index, "", (index.row(), index.column()))
        for index in _selected_cells(view)
        if model.flags(index) & Qt.ItemFlag.ItemIsEditable
    ]
    if not cells:
        return False
    changes, problem = _parse_cells(view, cells, parse_cell)
    if problem:
        show_error(view.window(), problem.replace("未粘贴任何内容", "未清除任何内容"))
        return False
    return _apply_all(view, changes, undo_stack, "清除")


def copy_block(view: QAbstractItemView) -> None:
    """Copy the selected cells as a tab-separated block that Excel pastes cell by cell."""
    indexes = _selected_cells(view)
    if not indexes:
        return
    rows = sorted({_path(index) for index in indexes})
    columns = sorted({index.column() for index in indexes})
    by_place = {(_path(index), index.column()): index for index in indexes}
    lines = []
    for row in rows:
        texts = [by_place[(row, column)].data() if (row, column) in by_place else "" for column in columns]
        lines.append("\t".join("" if text is None else str(text) for text in texts))
    QGuiApplication.clipboard().setText("\n".join(lines))


class TableEditing(QObject):
    """Installed on an editable table: Ctrl+C / Ctrl+V copy and paste blocks, Delete clears,
    Enter on a cell that is not being edited opens its editor (Enter in the editor commits).

    The main window's 编辑 menu finds it with ``table_editing(view)``.
    """

    def __init__(self, view: QAbstractItemView, parse_cell: ParseCell, undo_stack: QUndoStack | None = None):
        super().__init__(view)
        self.view, self.parse_cell, self.undo_stack = view, parse_cell, undo_stack
        view.installEventFilter(self)

    def copy(self) -> None:
        copy_block(self.view)

    def paste(self) -> bool:
        return paste_block(self.view, self.parse_cell, self.undo_stack)

    def clear(self) -> bool:
        return clear_cells(self.view, self.parse_cell, self.undo_stack)

    def _action_for(self, event: QKeyEvent):
        if event.matches(QKeySequence.StandardKey.Copy):
            return self.copy
        if event.matches(QKeySequence.StandardKey.Paste):
            return self.paste
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            return self.clear
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._edit_current
        return None

    def _edit_current(self) -> None:
        self.view.edit(self.view.currentIndex())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.view or self.view.state() == QAbstractItemView.State.EditingState:
            return False
        if event.type() == QEvent.Type.ShortcutOverride and self._action_for(event):
            event.accept()  # the table, not the window's menu shortcut, gets the key
            return True
        if event.type() == QEvent.Type.KeyPress:
            action = self._action_for(event)
            if action is not None:
                action()
                return True
        return False


def table_editing(view: QWidget | None) -> TableEditing | None:
    """The ``TableEditing`` installed on ``view`` (None for a read-only table or another widget)."""
    if not isinstance(view, QAbstractItemView):
        return None
    return view.findChild(TableEditing)
