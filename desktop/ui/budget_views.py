"""Building blocks of the 预算决算 tab: the columns of its tables and how its views are set up."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserInputError
from desktop.ui.budget_models import BudgetTableModel, Column
from desktop.ui.editing import MoneyDelegate, TableEditing, index_name
from desktop.ui.messages import show_error

FIGURES = (
    Column("年初预算", "initial_budget", "money", "initial_budget"),
    Column("调整后预算", "adjusted_budget", "money", "adjusted_budget"),
    Column("决算", "final_amount", "money", "final_amount"),
    Column("上年决算", "previous_final", "money", "previous_final"),
)
CHANGE = (Column("增减额", "change", "money"), Column("增减率", "change_rate", "percent"))
INCOME_COLUMNS = (
    Column("收入项目", "source"),
    Column("功能分类", "function_code"),
    Column("资金性质", "funding"),
    *FIGURES,
    *CHANGE,
    Column("占比", "share", "percent"),
)
BASIC_COLUMNS = (
    Column("经济分类", "economic_code"),
    Column("科目名称", "name"),
    Column("类别", "kind"),
    Column("预算", "budget", "money", "budget"),
    Column("决算", "final_amount", "money", "final_amount"),
    Column("上年决算", "previous_final", "money", "previous_final"),
    *CHANGE,
    Column("占比", "share", "percent"),
)
THREE_PUBLIC_COLUMNS = (
    Column("项目", "item"),
    Column("预算", "budget", "money", "budget"),
    Column("决算", "final_amount", "money", "final_amount"),
    Column("上年决算", "previous_final", "money", "previous_final"),
    *CHANGE,
    Column("批次", "batches", "int", "batches"),
    Column("人次", "persons", "int", "persons"),
    Column("车辆数", "vehicles", "int", "vehicles"),
)
CHECKPOINT_COLUMNS = (
    Column("月份", "month", "month"),
    Column("累计支出", "cumulative_spending", "money", "cumulative_spending"),
    Column("全年预算", "budget_base", "money", "budget_base"),
    Column("执行进度", "progress", "percent"),
    Column("目标进度", "target", "percent"),
    Column("分值", "points", "points"),
    Column("得分", "earned", "points"),
)
PAGES = ("收支总览", "支出（功能分类）", "基本支出（经济分类）", "三公经费", "执行进度", "决算总表")


class CountDelegate(QStyledItemDelegate):
    """批次/人次/车辆数 cells: a whole number; a bad one is reported with its cell and not saved."""

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        text = editor.text() if isinstance(editor, QLineEdit) else ""
        try:
            model.setData(index, text, Qt.ItemDataRole.EditRole)
        except UserInputError as error:
            show_error(self.parent().window(), f"{index_name(index)}：{error}")


def make_editable(view: QAbstractItemView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )


NAME_ATTRIBUTES = ("label", "source", "name", "item")


def fill_width(view: QAbstractItemView, columns) -> None:
    """Use the whole width: the name column (项目, 科目名称 …) takes what the figures leave, each
    figure column is as wide as its longest text but never narrower than a 万元 amount like
    “-1,234.56” with room to spare; a table without a name column spreads all columns evenly."""
    header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(view.fontMetrics().horizontalAdvance("-0,000,000.00"))
    names = [number for number, column in enumerate(columns) if column.attribute in NAME_ATTRIBUTES]
    for number in range(len(columns)):
        if not names or number in names:
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.ResizeToContents)


def budget_table(model: BudgetTableModel, undo_stack: QUndoStack | None) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    fill_width(view, model.columns)
    if model.saved is None:
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        return view
    make_editable(view)
    set_delegates(view, model.columns)
    TableEditing(view, model.parse_cell, undo_stack)
    return view


def set_delegates(view: QAbstractItemView, columns) -> None:
    money, count = MoneyDelegate(view), CountDelegate(view)
    for number, column in enumerate(columns):
        if column.field and column.kind == "money":
            view.setItemDelegateForColumn(number, money)
        elif column.field and column.kind == "int":
            view.setItemDelegateForColumn(number, count)


def fit_rows(view: QTableView, rows: int) -> None:
    """Make a short table exactly as tall as its header and ``rows`` rows (no inner scrolling)."""
    height = view.horizontalHeader().sizeHint().height() + rows * view.verticalHeader().defaultSectionSize()
    view.setFixedHeight(height + 2 * view.frameWidth())


def page(*widgets: QWidget, buttons: tuple[QPushButton, ...] = ()) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(4, 4, 4, 4)
    for widget in widgets:
        layout.addWidget(widget)
    if buttons:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch()
        layout.addLayout(row)
    return page
