"""Table and tree models of the 预算决算 tab.

The models keep the service's frozen rows (ids and figures), never ORM objects. An edit is
parsed, saved at once through the ``BudgetService`` setter and pushed on the undo stack as a
``CallbackCommand``; the model then emits ``saved`` so the tab reloads every figure (subtotals,
shares and points are recomputed by the service, not here).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont, QUndoStack

from desktop.domain.money import MoneyUnit, NumberFormatError, format_percent, format_wan, parse_money
from desktop.domain.plausible_money import BUDGET_FIELDS, line_budget, suspected_yuan
from desktop.errors import UserInputError
from desktop.services.budget_rows import BudgetSummary, Comparison, ExpenditureNode
from desktop.ui.editing import apply_change

DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
NUMERIC_KINDS = ("money", "percent", "int", "points")

Setter = Callable[[int, str, object], None]


@dataclass(frozen=True)
class Column:
    """A column: its header, the row attribute it shows, how to show it, and the field it edits."""

    header: str
    attribute: str
    kind: str = "text"  # text / money / percent / int / points / month
    field: str | None = None


def cell_text(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money":
        return format_wan(value)
    if kind == "percent":
        return format_percent(value)
    if kind == "points":
        return f"{value:.2f}"
    if kind == "month":
        return f"{value}月"
    return str(value)


def parse_value(text: str, kind: str, budget: Decimal | None = None):
    """What a pasted cell means; an empty cell is 0. Errors name no place (the caller does).

    A bare amount that reads as 元 (``suspected_yuan`` against the line's ``budget``) is refused:
    a block cannot stop at each cell to ask as a typed cell does, and guessing would be quiet.
    """
    text = text.strip()
    if kind == "money":
        try:
            amount = parse_money(text or "0", MoneyUnit.WAN)
        except NumberFormatError as error:
            raise UserInputError(str(error)) from error
        suspicion = suspected_yuan(text, budget)
        if suspicion is not None and not suspicion.said_yuan:
            raise UserInputError(f"{suspicion.reason}，像是按元填写：请在金额后写明“元”或“万元”再粘贴")
        return amount
    if kind == "int":
        if not text:
            return 0
        if not text.isdigit():
            raise UserInputError(f"“{text}”不是非负整数")
        return int(text)
    raise UserInputError("此列不可修改")


def bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _is_total(row) -> bool:
    """The 合计 row a table may end with (the service gives it no id)."""
    return getattr(row, "id", 0) is None


def _row_key(row):
    """What makes a table row the same row after a reload: its id (the 收支总览 lines: their label)."""
    return getattr(row, "id", None), getattr(row, "label", None)


def _node_key(node: ExpenditureNode) -> tuple:
    return node.code, node.level, node.line_id


def budget_of(row) -> Decimal | None:
    """The budget a figure of ``row`` is weighed against when it may have been typed in 元."""
    return line_budget({name: getattr(row, name, None) for name in BUDGET_FIELDS})


class _Saving(QObject):
    """Save one cell through the service as an undo step, then tell the tab."""

    saved = Signal()

    def __init__(self, setter: Setter, undo_stack: QUndoStack | None, parent=None) -> None:
        super().__init__(parent)
        self._setter, self._undo_stack = setter, undo_stack

    def save(self, row_id: int, column: Column, old, new) -> None:
        def write(value) -> Callable[[], None]:
            def run() -> None:
                self._setter(row_id, column.field, value)
                self.saved.emit()

            return run

        apply_change(self._undo_stack, f"修改{column.header}", write(new), write(old))


class BudgetTableModel(QAbstractTableModel):
    """Rows of one kind (收入, 基本支出, 三公经费, 执行进度) with editable amount columns.

    A reload that brings the same rows changes their figures in place (a layout change) instead
    of resetting the model: a reset while the next cell's editor is open (Tab after an edit)
    released that editor from under its column delegate, which then committed it to no view, and
    Qt warned. Not ``dataChanged`` either: Qt 6 writes the stored value into every open editor of
    the range, over what the clerk is typing.
    """

    def __init__(
        self, columns: Sequence[Column], setter: Setter | None, undo_stack: QUndoStack | None, parent=None
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.headers = tuple(column.header for column in self.columns)
        self._rows: list = []
        self._saving = _Saving(setter, undo_stack, self) if setter else None
        self.saved = self._saving.saved if self._saving else None

    def set_rows(self, rows: Sequence) -> None:
        """Show ``rows``; the same rows with new figures change in place (no reset, see above)."""
        rows = list(rows)
        if self._rows and [_row_key(row) for row in rows] == [_row_key(row) for row in self._rows]:
            self.layoutAboutToBeChanged.emit()
            self._rows = rows
            self.layoutChanged.emit()
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, row: int):
        return self._rows[row]

    def row_of(self, attribute: str, value) -> int:
        return next((number for number, row in enumerate(self._rows) if getattr(row, attribute) == value), -1)

    def column_of(self, header: str | None) -> int:
        return self.headers.index(header) if header in self.headers else -1

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):
        if role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self.columns[index.column()]
        value = getattr(self._rows[index.row()], column.attribute)
        if role == DISPLAY:
            return cell_text(value, column.kind)
        if role == EDIT:
            return str(value) if column.kind == "int" else value
        if role == ALIGN and column.kind in NUMERIC_KINDS:
            return int(RIGHT.value)
        if role == Qt.ItemDataRole.FontRole and _is_total(self._rows[index.row()]):
            return bold()
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        editable_row = not _is_total(self._rows[index.row()])
        if self._saving and editable_row and self.columns[index.column()].field:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def budget_at(self, index: QModelIndex) -> Decimal | None:
        return budget_of(self._rows[index.row()])

    def parse_cell(self, row: int, column: int, text: str):
        spec = self.columns[column]
        if not spec.field:
            raise UserInputError("此列不可修改")
        return parse_value(text, spec.kind, budget_of(self._rows[row]))

    def setData(self, index: QModelIndex, value, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid() or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        column = self.columns[index.column()]
        if isinstance(value, str):
            value = self.parse_cell(index.row(), index.column(), value)
        row = self._rows[index.row()]
        old = getattr(row, column.attribute)
        if old != value:
            self._saving.save(row.id, column, old, value)
        return True


@dataclass(frozen=True)
class SummaryLine:
    label: str
    current: Decimal
    previous: Decimal
    change: Decimal
    change_rate: Decimal | None


SUMMARY_COLUMNS = (
    Column("项目", "label"),
    Column("本年", "current", "money"),
    Column("上年", "previous", "money"),
    Column("增减额", "change", "money"),
    Column("增减率", "change_rate", "percent"),
)


# The rows of the 收支总览 table, in the order of the 收入支出决算总表: label, ``BudgetSummary`` field.
SUMMARY_ITEMS = (
    ("本年收入合计", "income_total"),
    ("其中：一般公共预算财政拨款收入", "fiscal_income"),
    ("年初结转和结余", "carried_in"),
    ("收入总计", "income_grand_total"),
    ("本年支出合计", "expenditure_total"),
    ("其中：基本支出", "basic"),
    ("　　　项目支出", "project"),
    ("年末结转和结余", "carried_out"),
    ("支出总计", "expenditure_grand_total"),
    ("财政拨款支出", "fiscal_expenditure"),
    ("人员经费", "personnel"),
    ("公用经费", "public"),
    ("三公经费", "three_public"),
)


def summary_lines(summary: BudgetSummary) -> list[SummaryLine]:
    lines = []
    for label, name in SUMMARY_ITEMS:
        pair: Comparison = getattr(summary, name)
        lines.append(SummaryLine(label, pair.current, pair.previous, pair.change, pair.change_rate))
    return lines


TREE_COLUMNS = (
    Column("科目编码", "code"),
    Column("科目名称", "name"),
    Column("年初预算", "initial_budget", "money", "initial_budget"),
    Column("调整后预算", "adjusted_budget", "money", "adjusted_budget"),
    Column("决算", "final_amount", "money", "final_amount"),
    Column("上年决算", "previous_final", "money", "previous_final"),
    Column("增减额", "change", "money"),
    Column("增减率", "change_rate", "percent"),
    Column("占比", "share", "percent"),
)
ROOT = -1


class ExpenditureTreeModel(QAbstractItemModel):
    """支出 by 功能分类: 类 → 款 → 项 subtotals, and under each 项 its editable lines."""

    def __init__(self, setter: Setter, undo_stack: QUndoStack | None, parent=None) -> None:
        super().__init__(parent)
        self.columns = TREE_COLUMNS
        self.headers = tuple(column.header for column in self.columns)
        self._nodes: list[ExpenditureNode] = []
        self._parents: list[int] = []
        self._children: dict[int, list[int]] = {ROOT: []}
        self._saving = _Saving(setter, undo_stack, self)
        self.saved = self._saving.saved

    def set_tree(self, tree: Sequence[ExpenditureNode]) -> None:
        """Show ``tree``; the same 类/款/项 and lines with new figures change in place (a layout
        change, as ``BudgetTableModel.set_rows`` says why)."""
        nodes: list[ExpenditureNode] = []
        parents: list[int] = []
        children: dict[int, list[int]] = {ROOT: []}

        def add(node: ExpenditureNode, parent: int) -> None:
            number = len(nodes)
            nodes.append(node)
            parents.append(parent)
            children[parent].append(number)
            children[number] = []
            for child in node.children:
                add(child, number)

        for node in tree:
            add(node, ROOT)
        if (
            self._nodes
            and parents == self._parents
            and list(map(_node_key, nodes)) == list(map(_node_key, self._nodes))
        ):
            self.layoutAboutToBeChanged.emit()
            self._nodes = nodes
            self.layoutChanged.emit()
            return
        self.beginResetModel()
        self._nodes, self._parents, self._children = nodes, parents, children
        self.endResetModel()

    def node(self, index: QModelIndex) -> ExpenditureNode | None:
        return self._nodes[index.internalId()] if index.isValid() else None

    def find(self, code: str, level: str | None = None) -> QModelIndex:
        """The index (column 0) of the first node with ``code`` (and ``level`` when given)."""
        for number, node in enumerate(self._nodes):
            if node.code == code and level in (None, node.level) and node.level != "行":
                return self._index_of(number)
        return QModelIndex()

    def find_line(self, line_id: int) -> QModelIndex:
        for number, node in enumerate(self._nodes):
            if node.line_id == line_id:
                return self._index_of(number)
        return QModelIndex()

    def _index_of(self, number: int, column: int = 0) -> QModelIndex:
        siblings = self._children[self._parents[number]]
        return self.createIndex(siblings.index(number), column, number)

    def index(self, row: int, column: int, parent: QModelIndex | None = None) -> QModelIndex:
        key = parent.internalId() if parent is not None and parent.isValid() else ROOT
        children = self._children.get(key, [])
        if not (0 <= row < len(children) and 0 <= column < len(self.columns)):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: QModelIndex | None = None) -> QModelIndex:
        if index is None or not index.isValid():
            return QModelIndex()
        parent = self._parents[index.internalId()]
        return QModelIndex() if parent == ROOT else self._index_of(parent)

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return len(self._children[parent.internalId()]) if parent.column() == 0 else 0
        return len(self._children[ROOT])

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < len(self.columns):
            return self.headers[section]
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY):
        node = self.node(index)
        if node is None:
            return None
        column = self.columns[index.column()]
        value = getattr(node, column.attribute)
        if role == DISPLAY:
            if column.attribute == "code" and node.level == "行":
                return ""
            return cell_text(value, column.kind)
        if role == EDIT:
            return value
        if role == ALIGN and column.kind in NUMERIC_KINDS:
            return int(RIGHT.value)
        if role == Qt.ItemDataRole.FontRole and node.level != "行":
            return bold()  # 类/款/项 subtotals and 合计 stand out from the lines the clerk edits
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if node.level == "行" and self.columns[index.column()].field:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def budget_at(self, index: QModelIndex) -> Decimal | None:
        node = self.node(index)
        return None if node is None else budget_of(node)

    def parse_cell(self, row: int, column: int, text: str):
        """A pasted amount of a line's column (the rows, not the column, decide editability; a
        row number alone names no line of the tree, so only the 10,000 万元 bound applies)."""
        spec = self.columns[column]
        if not spec.field:
            raise UserInputError("此列不可修改")
        return parse_value(text, spec.kind)

    def setData(self, index: QModelIndex, value, role: int = EDIT) -> bool:
        if role != EDIT or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        column = self.columns[index.column()]
        if isinstance(value, str):
            value = self.parse_cell(index.row(), index.column(), value)
        node = self.node(index)
        old = getattr(node, column.attribute)
        if old != value:
            self._saving.save(node.line_id, column, old, value)
        return True
