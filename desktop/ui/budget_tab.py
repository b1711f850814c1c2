"""预算决算: income, expenditure by 功能分类 (类/款/项 tree), basic expenditure by 经济分类, 三公经费
and the 执行进度 checkpoints of the selected department and year, and the 收入支出决算总表 computed
from them (打开报表 opens any table of the province's 决算公开 set).

Every edit is saved at once through ``BudgetService`` and goes on the window's undo stack; the
tab then reloads, so subtotals, 增减, 占比 and the checkpoints' points are the service's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import places
from desktop.domain.budget import (
    EXPENDITURE_CATEGORIES,
    FISCAL_FUNDING,
    FUNDINGS,
    INCOME_SOURCES,
    THREE_PUBLIC_ITEMS,
    Figures,
)
from desktop.domain.money import format_wan
from desktop.domain.places import Place
from desktop.errors import UserInputError
from desktop.services.changes import BUDGET, CHECKPOINTS, SCORECARDS, Change
from desktop.ui.budget_dialogs import ChoiceDialog, coded, plain
from desktop.ui.budget_models import (
    SUMMARY_COLUMNS,
    SUMMARY_ITEMS,
    BudgetTableModel,
    ExpenditureTreeModel,
    summary_lines,
)
from desktop.ui.budget_views import (
    BASIC_COLUMNS,
    CHECKPOINT_COLUMNS,
    INCOME_COLUMNS,
    PAGES,
    THREE_PUBLIC_COLUMNS,
    budget_table,
    fill_width,
    fit_rows,
    make_editable,
    page,
    set_delegates,
)
from desktop.ui.change_relay import ReloadWhenShown
from desktop.ui.context import WorkContext
from desktop.ui.editing import TableEditing, apply_change
from desktop.ui.final_table_dialog import FinalTableDialog, final_table_view
from desktop.ui.final_table_model import FinalTableModel
from desktop.ui.messages import show_error


class BudgetTab(QWidget):
    """预算决算: five pages of the year's budget lines, amounts in 万元."""

    def __init__(self, services, context: WorkContext, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self._service = services.budget
        self._final_tables = services.final_tables
        self.final_table_dialog: FinalTableDialog | None = None
        self._context = context
        self._undo_stack = undo_stack
        service = self._service

        self.summary_model = BudgetTableModel(SUMMARY_COLUMNS, None, None, self)
        self.income_model = BudgetTableModel(INCOME_COLUMNS, service.update_income, undo_stack, self)
        self.tree_model = ExpenditureTreeModel(service.update_expenditure, undo_stack, self)
        self.basic_model = BudgetTableModel(BASIC_COLUMNS, service.update_basic, undo_stack, self)
        self.three_public_model = BudgetTableModel(
            THREE_PUBLIC_COLUMNS, service.update_three_public, undo_stack, self
        )
        self.checkpoint_model = BudgetTableModel(
            CHECKPOINT_COLUMNS, service.update_checkpoint, undo_stack, self
        )

        self.summary_view = budget_table(self.summary_model, None)
        self.income_view = budget_table(self.income_model, undo_stack)
        self.tree_view = QTreeView()
        self.tree_view.setModel(self.tree_model)
        self.tree_view.setAlternatingRowColors(True)
        fill_width(self.tree_view, self.tree_model.columns)
        make_editable(self.tree_view)
        set_delegates(self.tree_view, self.tree_model.columns)
        TableEditing(self.tree_view, self.tree_model.parse_cell, undo_stack)
        self.basic_view = budget_table(self.basic_model, undo_stack)
        self.three_public_view = budget_table(self.three_public_model, undo_stack)
        self.checkpoint_view = budget_table(self.checkpoint_model, undo_stack)
        for model in (
            self.income_model,
            self.tree_model,
            self.basic_model,
            self.three_public_model,
            self.checkpoint_model,
        ):
            model.saved.connect(self._reload_after_save)

        fit_rows(self.summary_view, len(SUMMARY_ITEMS))
        self.basic_totals = QLabel()
        checkpoint_note = QLabel(
            "执行进度 = 累计支出 ÷ 全年预算（调整后）；目标进度和分值取自部门整体支出绩效评价表，"
            "未达目标的按实际进度占目标进度的比重得分。"
        )
        checkpoint_note.setWordWrap(True)

        def button(text: str, slot: Callable[[], object]) -> QPushButton:
            widget = QPushButton(text)
            widget.clicked.connect(slot)
            return widget

        self.pages = QTabWidget()
        self.pages.addTab(
            page(
                QLabel("收支总计（万元）"),
                self.summary_view,
                QLabel("收入（万元）"),
                self.income_view,
                buttons=(button("新增收入项目", self._ask_income_line),),
            ),
            PAGES[0],
        )
        self.pages.addTab(
            page(
                QLabel("支出决算按功能分类（万元）：类、款、项为小计，其下各行可修改"),
                self.tree_view,
                buttons=(
                    button("新增支出行", self._ask_expenditure_line),
                    button("删除所选支出行", self.delete_selected_expenditure_line),
                ),
            ),
            PAGES[1],
        )
        self.pages.addTab(
            page(
                self.basic_totals,
                self.basic_view,
                buttons=(
                    button("新增经济分类行", self._ask_basic_line),
                    button("删除所选行", self.delete_selected_basic_line),
                ),
            ),
            PAGES[2],
        )
        self.pages.addTab(
            page(
                QLabel("财政拨款“三公”经费（万元）"),
                self.three_public_view,
                buttons=(button("新增三公项目", self._ask_three_public_item),),
            ),
            PAGES[3],
        )
        self.pages.addTab(
            page(checkpoint_note, self.checkpoint_view, buttons=(button("新增月份", self._ask_checkpoint),)),
            PAGES[4],
        )
        self.summary_table_model = FinalTableModel(self)
        self.summary_table_note = QLabel()
        self.summary_table_note.setWordWrap(True)
        self.pages.addTab(
            page(
                self.summary_table_note,
                final_table_view(self.summary_table_model),
                buttons=(button("打开报表…", self.open_final_table),),
            ),
            PAGES[5],
        )
        self.edition_label = QLabel()
        self.edition_label.setObjectName("editionNote")
        self.edition_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.edition_label)
        layout.addWidget(self.pages)

        context.changed.connect(self.reload)
        self._reload_when_shown = ReloadWhenShown(self, self.reload)
        self.reload()

    # 读取 -------------------------------------------------------------------------------------

    def _scope(self) -> tuple[int, int] | None:
        department_id, year = self._context.department_id, self._context.year
        return None if department_id is None or year is None else (department_id, year)

    def reload(self) -> None:
        """Show the figures of the selected department and year, keeping the current cells."""
        kept = [(view, view.currentIndex().row(), view.currentIndex().column()) for view in self._tables()]
        current_line = self.tree_model.node(self.tree_view.currentIndex())
        tree_column = self.tree_view.currentIndex().column()
        scope = self._scope()
        if scope is None:
            for model in (self.summary_model, self.income_model, self.basic_model):
                model.set_rows([])
            self.three_public_model.set_rows([])
            self.checkpoint_model.set_rows([])
            self.tree_model.set_tree([])
            self.basic_totals.clear()
            self.edition_label.hide()
            self.summary_table_model.set_table(None, {})
            self.summary_table_note.clear()
            return
        service = self._service
        note = service.classification_note(scope[1])
        self.edition_label.setText(f"{scope[1]} 年没有自己的政府收支分类科目，{note}" if note else "")
        self.edition_label.setVisible(note is not None)
        summary = service.summary(*scope)
        self.summary_model.set_rows(summary_lines(summary))
        self.income_model.set_rows(service.income_lines(*scope))
        self.tree_model.set_tree(service.expenditure_tree(*scope))
        self.tree_view.expandAll()
        self.basic_model.set_rows(service.basic_lines(*scope))
        self.three_public_model.set_rows(service.three_public(*scope))
        self.checkpoint_model.set_rows(service.checkpoints(*scope))
        basic = summary.personnel.current + summary.public.current
        self.basic_totals.setText(
            f"一般公共预算财政拨款基本支出（万元）：人员经费 {format_wan(summary.personnel.current)}，"
            f"公用经费 {format_wan(summary.public.current)}，合计 {format_wan(basic)}"
        )
        self._show_summary_table(*scope)
        for view, row, column in kept:
            index = view.model().index(row, column)
            if index.isValid():
                view.setCurrentIndex(index)
        if current_line is not None:
            index = self._tree_index(current_line)
            if index.isValid():
                self.tree_view.setCurrentIndex(index.siblingAtColumn(max(tree_column, 0)))

    def _show_summary_table(self, department_id: int, year: int) -> None:
        try:
            tables = self._final_tables.year_tables(department_id, year)
            summary = tables.table(tables.table_set.tables[0].number)
        except UserInputError as error:
            self.summary_table_model.set_table(None, {})
            self.summary_table_note.setText(f"收入支出决算总表无法列出：{error}")
            return
        self.summary_table_model.set_table(summary, tables.stated)
        note = f"{summary.definition.number} {summary.definition.title}（{tables.table_set.unit}），按本年度数据计算"
        if self.summary_table_model.differences:
            note += f"；有 {self.summary_table_model.differences} 个公开数与计算数不同（红底）"
        self.summary_table_note.setText(note)

    def print_target(self) -> tuple[str, None] | None:
        """导出 PDF / 打印 on this tab give the year's 决算公开表."""
        return None if self._scope() is None else ("tables", None)

    def open_final_table(self) -> None:
        """打开报表: the year's table set in a window of its own, the 总表 first."""
        scope = self._scope()
        if scope is None:
            show_error(self, "请先选择单位和年度")
            return
        try:
            tables = self._final_tables.year_tables(*scope)
        except UserInputError as error:
            show_error(self, str(error))
            return
        self.final_table_dialog = FinalTableDialog(tables, self)
        self.final_table_dialog.open()

    def _reload_after_save(self) -> None:
        """Reload every figure after a save; once the cell's editor has closed when one is open (a
        reset while it commits leaves it committing to no view, and Qt warns)."""
        views = (*self._tables(), self.tree_view)
        if any(view.state() == QAbstractItemView.State.EditingState for view in views):
            QTimer.singleShot(0, self.reload)
        else:
            self.reload()

    def refresh_for(self, change: Change) -> None:
        """Reload after a write to the year's lines or checkpoints, or to the scorecard whose
        目标进度 and 分值 the checkpoints are scored by."""
        scope = self._scope()
        if scope is not None and change.concerns(*scope) and change.touches(BUDGET, CHECKPOINTS, SCORECARDS):
            self._reload_when_shown.request()

    def _tables(self) -> tuple[QTableView, ...]:
        return (self.income_view, self.basic_view, self.three_public_view, self.checkpoint_view)

    def _tree_index(self, node) -> QModelIndex:
        if node.line_id is not None:
            return self.tree_model.find_line(node.line_id)
        return self.tree_model.find(node.code, node.level)

    # 新增与删除 ----------------------------------------------------------------------------------

    def _added(self, text: str, add: Callable[[], int], delete: Callable[[int], None]) -> int | None:
        """Add a row as one undo step (undo deletes it, redo adds it again)."""
        holder: dict[str, int] = {}

        def redo() -> int:
            holder["id"] = add()
            self.reload()
            return holder["id"]

        def undo() -> None:
            delete(holder["id"])
            self.reload()

        try:
            return apply_change(self._undo_stack, text, redo, undo)
        except UserInputError as error:
            show_error(self.window(), str(error))
            return None

    def add_income_line(self, source: str, function_code: str = "", funding: str = "") -> int | None:
        department_id, year = self._scope()
        service = self._service
        return self._added(
            f"新增收入项目 {source} {function_code}".rstrip(),
            lambda: service.add_income_line(department_id, year, source, function_code, funding),
            service.delete_income_line,
        )

    def add_expenditure_line(
        self, function_code: str, category: str, funding: str = FISCAL_FUNDING
    ) -> int | None:
        department_id, year = self._scope()
        service = self._service
        return self._added(
            f"新增支出行 {function_code}",
            lambda: service.add_expenditure_line(department_id, year, function_code, category, funding),
            service.delete_expenditure_line,
        )

    def add_basic_line(self, economic_code: str) -> int | None:
        department_id, year = self._scope()
        service = self._service
        return self._added(
            f"新增经济分类行 {economic_code}",
            lambda: service.add_basic_line(department_id, year, economic_code),
            service.delete_basic_line,
        )

    def add_three_public_item(self, item: str) -> int | None:
        department_id, year = self._scope()
        service = self._service
        return self._added(
            f"新增三公项目 {item}",
            lambda: service.add_three_public_item(department_id, year, item),
            service.delete_three_public_item,
        )

    def add_checkpoint(self, month: int) -> int | None:
        department_id, year = self._scope()
        service = self._service
        return self._added(
            f"新增{month}月执行进度",
            lambda: service.add_checkpoint(department_id, year, month),
            service.delete_checkpoint,
        )

    def delete_selected_expenditure_line(self) -> bool:
        node = self.tree_model.node(self.tree_view.currentIndex())
        if node is None or node.line_id is None:
            show_error(self.window(), "请先选中一个支出行（项下面的行）")
            return False
        department_id, year = self._scope()
        figures = Figures(node.initial_budget, node.adjusted_budget, node.final_amount, node.previous_final)
        holder = {"id": node.line_id}
        service = self._service

        def redo() -> None:
            service.delete_expenditure_line(holder["id"])
            self.reload()

        def undo() -> None:
            holder["id"] = service.add_expenditure_line(
                department_id, year, node.code, node.category, node.funding, figures
            )
            self.reload()

        apply_change(self._undo_stack, f"删除支出行 {node.code}", redo, undo)
        return True

    def delete_selected_basic_line(self) -> bool:
        row = self.basic_view.currentIndex().row()
        if row < 0:
            show_error(self.window(), "请先选中一个经济分类行")
            return False
        line = self.basic_model.row(row)
        department_id, year = self._scope()
        holder = {"id": line.id}
        service = self._service
        amounts = (line.budget, line.final_amount, line.previous_final)

        def redo() -> None:
            service.delete_basic_line(holder["id"])
            self.reload()

        def undo() -> None:
            holder["id"] = service.add_basic_line(
                department_id, year, line.economic_code, line.funding, amounts
            )
            self.reload()

        apply_change(self._undo_stack, f"删除经济分类行 {line.economic_code}", redo, undo)
        return True

    def _ask(self, title: str, fields) -> list[str] | None:
        if self._scope() is None:
            return None
        dialog = ChoiceDialog(title, fields, self)
        return dialog.values() if dialog.exec() == ChoiceDialog.DialogCode.Accepted else None

    def _ask_income_line(self) -> None:
        scope = self._scope()
        if scope is None:
            return
        fields = [
            ("收入项目", plain(INCOME_SOURCES)),
            ("功能分类科目", [("", "（不分科目）"), *coded(self._service.function_choices(scope[1]))]),
            ("资金性质（仅年初结转和结余）", [("", "（其他资金）"), *plain(FUNDINGS)]),
        ]
        values = self._ask("新增收入项目", fields)
        if values:
            self.add_income_line(*values)

    def _ask_expenditure_line(self) -> None:
        scope = self._scope()
        if scope is None:
            return
        choices = coded(self._service.function_choices(scope[1]))
        fields = [
            ("功能分类科目", choices),
            ("支出类型", plain(EXPENDITURE_CATEGORIES)),
            ("资金来源", plain(FUNDINGS)),
        ]
        values = self._ask("新增支出行", fields)
        if values:
            self.add_expenditure_line(*values)

    def _ask_basic_line(self) -> None:
        scope = self._scope()
        if scope is None:
            return
        values = self._ask(
            "新增经济分类行", [("经济分类科目", coded(self._service.economic_choices(scope[1])))]
        )
        if values:
            self.add_basic_line(*values)

    def _ask_three_public_item(self) -> None:
        values = self._ask("新增三公项目", [("项目", plain(THREE_PUBLIC_ITEMS))])
        if values:
            self.add_three_public_item(*values)

    def _ask_checkpoint(self) -> None:
        months = [(str(month), f"{month}月") for month in range(1, 13)]
        values = self._ask("新增执行进度", [("月份", months)])
        if values:
            self.add_checkpoint(int(values[0]))

    # 定位 -------------------------------------------------------------------------------------

    def show_place(self, place: Place) -> bool:
        """Select the cell ``place`` names (``row`` a 科目编码, 收入项目, 经济分类, 三公 item, month or
        收支总览 line; ``column`` a header), or with ``row`` None show its table. False when this
        year has no such row."""
        page = PAGES.index(places.BUDGET_PAGES[place.table]) if place.table in places.BUDGET_PAGES else -1
        if page < 0:
            return False
        if place.table == places.EXPENDITURE:
            view, model = self.tree_view, self.tree_model
            index = model.find(str(place.row)) if place.row is not None else QModelIndex()
        else:
            view, model = self._table_views()[place.table]
            row = -1 if place.row is None else self._row_of(place.table, place.row)
            index = model.index(row, 0)
        if place.row is not None and not index.isValid():
            return False
        self.pages.setCurrentIndex(page)
        if index.isValid():
            column = model.headers.index(place.column) if place.column in model.headers else 0
            index = index.siblingAtColumn(column)
            view.setCurrentIndex(index)
            view.scrollTo(index)
        view.setFocus()
        return True

    def _table_views(self) -> dict[str, tuple[QAbstractItemView, BudgetTableModel]]:
        return {
            places.SUMMARY: (self.summary_view, self.summary_model),
            places.INCOME: (self.income_view, self.income_model),
            places.BASIC: (self.basic_view, self.basic_model),
            places.THREE_PUBLIC: (self.three_public_view, self.three_public_model),
            places.CHECKPOINTS: (self.checkpoint_view, self.checkpoint_model),
        }

    def _row_of(self, table: str, key) -> int:
        if table == places.SUMMARY:
            model = self.summary_model
            labels = [
                model.row(row).label.strip("　").removeprefix("其中：") for row in range(model.rowCount())
            ]
            return labels.index(key) if key in labels else -1
        attribute = {
            places.INCOME: "source",
            places.BASIC: "economic_code",
            places.THREE_PUBLIC: "item",
            places.CHECKPOINTS: "month",
        }[table]
        return self._table_views()[table][1].row_of(attribute, key)
