"""项目绩效: the year's projects and, for the selected one, its 自评表 to fill in.

Every edit is saved at once through ``ProjectService`` and goes on the window's undo stack;
the tab then shows the fresh figures (执行率, 得分, 权重合计) the service computed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.indicator_input import NATURES
from desktop.domain.places import FUNDING, PROJECT_LIST, TEXTS, Place
from desktop.domain.self_evaluation import WeightProblem
from desktop.errors import UserInputError
from desktop.services.changes import DEPARTMENT, PROJECTS, Change
from desktop.services.project_input import PROJECT_TEXT_FIELDS
from desktop.services.projects import ProjectDetail, project_row
from desktop.ui.change_relay import ReloadWhenShown
from desktop.ui.context import WorkContext
from desktop.ui.editing import TableEditing, apply_change, cell_name
from desktop.ui.manual_score_dialog import ManualScoreEditing
from desktop.ui.messages import show_error
from desktop.ui.money_question import PlausibleMoneyDelegate
from desktop.ui.project_actions import ProjectActions
from desktop.ui.project_dialog import NewProjectDialog
from desktop.ui.project_models import (
    MANUAL,
    REASON,
    FundingModel,
    IndicatorModel,
    ProjectListModel,
    weight_text,
)
from desktop.ui.removal_actions import undo_hint
from desktop.ui.text_fields import CommittingLineEdit, CommittingTextEdit

PREVIEW_FIELDS = ("nature", "target", "weight", "actual")
WARNING_STYLE = "color: #b00020; font-weight: bold;"
TEXT_PLACES = {
    "原因": "execution_reason",
    "执行率原因": "execution_reason",
    **{label: field for field, label in PROJECT_TEXT_FIELDS.items()},
}


class ReportingDelegate(QStyledItemDelegate):
    """A typed cell saved through the model; a value the service refuses is reported with its cell."""

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        text = editor.text() if isinstance(editor, QLineEdit) else index.data(Qt.ItemDataRole.EditRole)
        try:
            model.setData(index, text, Qt.ItemDataRole.EditRole)
        except UserInputError as error:
            show_error(self.parent().window(), f"{cell_name(model, index.row(), index.column())}：{error}")


class IndicatorDelegate(ReportingDelegate):
    """Indicator cells: the 得分 follows what is typed in 指标性质/指标值/权重/完成值; a bad value is
    reported with its cell and not saved."""

    def __init__(self, model: IndicatorModel, preview: Callable[[int, int, str], None], parent: QWidget):
        super().__init__(parent)
        self._model, self._preview = model, preview
        self.closeEditor.connect(self._closed)

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit) and self._model.field(index.column()) == "nature":
            # a drop-down of the four; 正向, 反向, 不低于 … may still be typed and are read as one of them
            choices = QCompleter(list(NATURES), editor)
            choices.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            editor.setCompleter(choices)
        if isinstance(editor, QLineEdit) and self._model.field(index.column()) in PREVIEW_FIELDS:
            row, column = index.row(), index.column()
            editor.setProperty("indicator_row", row)
            editor.textEdited.connect(lambda text: self._preview(row, column, text))
        return editor

    def _closed(self, editor: QWidget, _hint) -> None:
        row = editor.property("indicator_row")
        if row is not None:
            self._model.clear_preview(row)


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


def _fit_height(view: QTableView, rows: int | None = None) -> None:
    """Make a table as tall as its rows, so that the detail pane scrolls as one page."""
    count = view.model().rowCount() if rows is None else rows
    height = view.horizontalHeader().sizeHint().height() + count * view.verticalHeader().defaultSectionSize()
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setFixedHeight(height + 2 * view.frameWidth())


class ProjectsTab(QWidget):
    """项目绩效: project list on the left, the selected project's 自评表 on the right.
    ``status_message`` says what a rename or delete did and that Ctrl+Z undoes it."""

    status_message = Signal(str)

    def __init__(self, services, context: WorkContext, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self._service = services.projects
        self._context = context
        self._undo_stack = undo_stack
        self._detail: ProjectDetail | None = None

        self.project_model = ProjectListModel(self)
        self.project_view = QTableView()
        self.project_view.setModel(self.project_model)
        self.project_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.project_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.project_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.project_view.verticalHeader().hide()
        self.project_view.verticalHeader().setDefaultSectionSize(
            self.project_view.fontMetrics().height() + 10
        )
        self.project_view.selectionModel().currentRowChanged.connect(self._current_project_changed)

        self.funding_model = FundingModel(self._service, undo_stack, self)
        self.funding_view = _table(self.funding_model)
        money = PlausibleMoneyDelegate(self.funding_view)  # asks about a figure that reads as 元
        for column in range(3):
            self.funding_view.setItemDelegateForColumn(column, money)
        manual = ReportingDelegate(self.funding_view)
        for column in (MANUAL, REASON):
            self.funding_view.setItemDelegateForColumn(column, manual)
        self.funding_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        TableEditing(self.funding_view, self.funding_model.parse_cell, undo_stack)

        self.indicator_model = IndicatorModel(self._service, undo_stack, self)
        self.indicator_view = _table(self.indicator_model)
        self.indicator_view.setItemDelegate(
            IndicatorDelegate(self.indicator_model, self._preview_score, self.indicator_view)
        )
        header = self.indicator_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for name in ("三级指标", "未完成原因分析", "理由"):
            header.setSectionResizeMode(self.indicator_model.column_of(name), QHeaderView.ResizeMode.Stretch)
        TableEditing(self.indicator_view, self.indicator_model.parse_cell, undo_stack)
        self.execution_manual = ManualScoreEditing(
            self.funding_view,
            lambda index: (
                "预算执行" if index.isValid() and (index.row(), index.column()) == (0, MANUAL) else None
            ),
            lambda target: target,
            lambda _target, score, reason: self.funding_model.set_manual_score(score, reason),
        )
        self.indicator_manual = ManualScoreEditing(
            self.indicator_view, self._manual_indicator, self._indicator_title, self._save_indicator_score
        )

        for model in (self.funding_model, self.indicator_model):
            model.saved.connect(self._show_saved)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.execution_label = QLabel()
        self.execution_label.setWordWrap(True)
        self.weight_label = QLabel()
        self.add_button = QPushButton("新增指标")
        self.delete_button = QPushButton("删除指标")
        self.add_button.clicked.connect(self.add_indicator)
        self.delete_button.clicked.connect(self.delete_indicator)

        self.texts: dict[str, CommittingTextEdit | CommittingLineEdit] = {}
        self.detail_widget = self._build_detail()
        self._scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail_widget)

        self.new_project_button = QPushButton("新建项目")
        self.new_project_button.clicked.connect(self._ask_new_project)
        self.project_actions = ProjectActions(self, services, undo_stack)
        self.rename_project_button = QPushButton("重命名项目…")
        self.rename_project_button.clicked.connect(self.project_actions.ask_rename)
        self.delete_project_button = QPushButton("删除项目")
        self.delete_project_button.clicked.connect(self.project_actions.delete_current)
        delete_key = QAction(self.project_view)
        delete_key.setShortcut(QKeySequence.StandardKey.Delete)
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.triggered.connect(self.project_actions.delete_current)
        self.project_view.addAction(delete_key)
        projects = QWidget()
        projects_layout = QVBoxLayout(projects)
        projects_layout.setContentsMargins(0, 0, 0, 0)
        projects_layout.addWidget(self.project_view)
        project_buttons = QHBoxLayout()
        project_buttons.addStretch()
        for button in (self.new_project_button, self.rename_project_button, self.delete_project_button):
            project_buttons.addWidget(button)
        projects_layout.addLayout(project_buttons)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(projects)
        splitter.addWidget(scroll)
        splitter.setSizes([250, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        context.changed.connect(self.reload)
        self._reload_when_shown = ReloadWhenShown(self, self.reload)
        self.reload()

    # 布局 -------------------------------------------------------------------------------------

    def _text(self, field: str, lines: int = 3) -> CommittingTextEdit:
        edit = CommittingTextEdit(PROJECT_TEXT_FIELDS[field])
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
        edit.committed.connect(lambda text: self._commit_text(field, text))
        self.texts[field] = edit
        return edit

    def _line(self, field: str) -> CommittingLineEdit:
        edit = CommittingLineEdit()
        edit.committed.connect(lambda text: self._commit_text(field, text))
        self.texts[field] = edit
        return edit

    def _build_detail(self) -> QWidget:
        basics = QGroupBox("项目基本情况")
        form = QFormLayout(basics)
        for field in ("annual_goal", "goal_completion", "implementation_summary"):
            form.addRow(PROJECT_TEXT_FIELDS[field], self._text(field))

        self.execution_box = execution = QGroupBox()
        execution_layout = QVBoxLayout(execution)
        _fit_height(self.funding_view, rows=5)
        execution_layout.addWidget(self.funding_view)
        execution_layout.addWidget(self.execution_label)
        reasons = QFormLayout()
        reasons.addRow("执行率原因", self._text("execution_reason", 2))
        reasons.addRow("预算调整理由", self._text("adjustment_reason", 2))
        execution_layout.addLayout(reasons)

        self.indicator_box = indicators = QGroupBox()
        indicator_layout = QVBoxLayout(indicators)
        indicator_layout.addWidget(self.indicator_view)
        buttons = QHBoxLayout()
        buttons.addWidget(self.weight_label)
        buttons.addStretch()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        indicator_layout.addLayout(buttons)

        conclusion = QGroupBox("评价结论")
        conclusion_form = QFormLayout(conclusion)
        for field in ("conclusion", "problems", "improvements"):
            conclusion_form.addRow(PROJECT_TEXT_FIELDS[field], self._text(field))
        signatories = QHBoxLayout()
        for field in ("project_lead", "finance_lead"):
            signatories.addWidget(QLabel(f"{PROJECT_TEXT_FIELDS[field]}："))
            signatories.addWidget(self._line(field))
        conclusion_form.addRow(signatories)

        widget = QWidget()
        layout = QVBoxLayout(widget)
        for part in (self.title, basics, execution, indicators, conclusion):
            layout.addWidget(part)
        layout.addStretch()
        return widget

    # 载入 -------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Show the projects of the selected department and year, keeping the selected project."""
        keep = self._detail.id if self._detail else None
        department_id, year = self._context.department_id, self._context.year
        projects = [] if department_id is None or year is None else self._service.list(department_id, year)
        self.project_model.set_projects(projects)
        row = self.project_model.row_of(keep)
        self._select_row(row if row >= 0 else 0)
        if self.project_model.rowCount() == 0:
            self._show_detail(None)

    def refresh_for(self, change: Change) -> None:
        """Reload after a write to the projects or to the department (its forms)."""
        department_id, year = self._context.department_id, self._context.year
        if change.concerns(department_id, year) and change.touches(PROJECTS, DEPARTMENT):
            self._reload_when_shown.request()

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.project_model.rowCount():
            self.project_view.selectionModel().setCurrentIndex(
                self.project_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _current_project_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._commit_open_text()
        project_id = self.project_model.project_id(current.row()) if current.isValid() else None
        self._show_detail(None if project_id is None else self._service.get(project_id))

    def _commit_open_text(self) -> None:
        """A text being typed is saved before another project is shown."""
        for edit in self.texts.values():
            if edit.hasFocus():
                edit.commit()

    def _show_detail(self, detail: ProjectDetail | None) -> None:
        self._detail = detail
        self.detail_widget.setEnabled(detail is not None)
        self.funding_model.set_detail(detail)
        self.indicator_model.set_indicators(detail.indicators if detail else ())
        _fit_height(self.indicator_view)
        for field, edit in self.texts.items():
            edit.show_text(getattr(detail, field) if detail else "")
        if detail is None:
            self.title.setText("本年度还没有项目" if self._context.year else "请先选择单位和年度")
            self.execution_label.clear()
            self.weight_label.clear()
            return
        self.title.setText(
            f"<b>{detail.code}-{detail.name}</b><br>主管部门：{detail.competent_department}"
            f"　实施单位：{detail.implementing_unit}　{self._score_text(detail)}"
        )
        form = detail.form
        self.execution_box.setTitle(
            f"{form.execution_title}（{weight_text(form.execution_weight)}分，金额单位：万元）"
        )
        self.indicator_box.setTitle(f"{form.indicator_title}（{weight_text(form.indicator_weight)}分）")
        self.execution_label.setText(detail.scores.execution_working)
        weights = detail.scores.weights
        if not weights.problems:
            self.weight_label.setText(f"权重合计 {weights.weight_total.normalize():f}")
            self.weight_label.setStyleSheet("")
        else:
            self.weight_label.setText(
                "⚠ " + "；".join(_weight_problem_text(problem) for problem in weights.problems)
            )
            self.weight_label.setStyleSheet(WARNING_STYLE)

    @staticmethod
    def _score_text(detail: ProjectDetail) -> str:
        scores = detail.scores
        if scores.total is None:
            return scores.note
        if not scores.grade:
            return f"自评得分：{scores.total:.2f}（{scores.note}）"
        return f"自评得分：{scores.total:.2f}（{scores.grade}）"

    def _show_saved(self, detail: ProjectDetail) -> None:
        """After a change (or its undo): show the project it changed, with its new figures."""
        self.project_model.update_project(project_row(detail))
        if self._detail is not None and detail.id == self._detail.id:
            self._show_detail(detail)
        else:
            self._select_row(self.project_model.row_of(detail.id))

    # 修改 -------------------------------------------------------------------------------------

    def _commit_text(self, field: str, text: str) -> None:
        detail = self._detail
        if detail is None:
            return
        before, after, project_id = getattr(detail, field), text.strip(), detail.id
        if after == before:
            return

        def save(value: str) -> Callable[[], None]:
            return lambda: self._show_saved(self._service.update_project(project_id, field, value))

        try:
            apply_change(self._undo_stack, f"修改{PROJECT_TEXT_FIELDS[field]}", save(after), save(before))
        except UserInputError as error:
            self.texts[field].show_text(before)
            show_error(self.window(), str(error))

    def _preview_score(self, row: int, column: int, text: str) -> None:
        indicator = self.indicator_model.indicator(row)
        if indicator is not None:
            result = self._service.preview_indicator(indicator.id, self.indicator_model.field(column), text)
            self.indicator_model.show_preview(row, result.score, result.working)

    def _ask_new_project(self) -> None:
        if self._context.department_id is None or self._context.year is None:
            show_error(self.window(), "请先在工具栏选择单位和年度")
            return
        dialog = NewProjectDialog(self._context.year, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.create_project(*dialog.values()))
        dialog.open()

    def create_project(self, code: str, name: str) -> bool:
        """新建项目 in the selected department and year and select it; 撤销 removes it again."""
        department_id, year = self._context.department_id, self._context.year
        created = []

        def redo() -> None:
            project_id = created[0].id if created else None
            detail = self._service.create_project(department_id, year, code, name, project_id=project_id)
            created[:] = [detail]
            self.reload()
            self._select_row(self.project_model.row_of(detail.id))

        def undo() -> None:
            self._service.delete_project(created[0].id)
            self.reload()

        try:
            apply_change(self._undo_stack, f"新建项目“{name.strip()}”", redo, undo)
        except UserInputError as error:
            show_error(self.window(), str(error))
            return False
        return True

    def add_indicator(self) -> None:
        """新增指标 below the current one (at the end when none is selected)."""
        detail = self._detail
        if detail is None:
            return
        current = self.indicator_view.currentIndex()
        position = current.row() + 1 if current.isValid() else len(detail.indicators)
        added = []

        def redo() -> None:
            if added:
                self._service.restore_indicator(added[0])
            else:
                added.append(self._service.add_indicator(detail.id, "新指标", position=position))
            self._show_saved(self._service.get(detail.id))

        def undo() -> None:
            self._service.delete_indicator(added[0].id)
            self._show_saved(self._service.get(detail.id))

        apply_change(self._undo_stack, "新增指标", redo, undo)
        self.indicator_view.setCurrentIndex(self.indicator_model.index(position, 2))

    def delete_indicator(self) -> None:
        """删除指标 of the current row (撤销 puts it back)."""
        detail = self._detail
        indicator = self.indicator_model.indicator(self.indicator_view.currentIndex().row())
        if detail is None or indicator is None:
            return

        def redo() -> None:
            self._service.delete_indicator(indicator.id)
            self._show_saved(self._service.get(detail.id))

        def undo() -> None:
            self._service.restore_indicator(indicator)
            self._show_saved(self._service.get(detail.id))

        apply_change(self._undo_stack, f"删除指标“{indicator.level3}”", redo, undo)
        self.status_message.emit(undo_hint(f"指标“{indicator.level3}”"))

    # 对外 -------------------------------------------------------------------------------------

    def _manual_indicator(self, index: QModelIndex) -> int | None:
        """The id of the indicator whose 手工得分 cell ``index`` is."""
        if not index.isValid() or self.indicator_model.field(index.column()) != "manual_score":
            return None
        row = self.indicator_model.indicator(index.row())
        return None if row is None else row.id

    def _indicator_title(self, indicator_id: int) -> str:
        rows = (self.indicator_model.indicator(row) for row in range(self.indicator_model.rowCount()))
        return next(row.level3 for row in rows if row is not None and row.id == indicator_id)

    def _save_indicator_score(self, indicator_id: int, score: str, reason: str) -> None:
        self.indicator_model.set_manual_score(indicator_id, score, reason)

    def current_project(self) -> ProjectDetail | None:
        return self._detail

    def print_target(self) -> tuple[str, str | None] | None:
        """The 自评表 of the selected project (``export-pdf --form self-eval --project CODE``);
        none for a project without 绩效目标表, which is not self-evaluated."""
        if self._detail is None or not self._detail.scores.evaluated:
            return None
        return ("self-eval", self._detail.code)

    def show_place(self, place: Place) -> bool:
        """Select the cell ``place`` names: in the project list (``row`` a 项目编码, or None for
        the current project), or in the 预算执行情况 / 绩效指标 table or a text (原因 …) of the
        project ``place.owner``. False when there is no such project, row or column."""
        if place.table == PROJECT_LIST:
            row = self.project_model.row_of(code=place.row) if place.row is not None else None
            if row is None:
                row = max(self.project_view.currentIndex().row(), 0)
            if row < 0 or row >= self.project_model.rowCount():
                return False
            self._select_row(row)
            column = self.project_model.column_of(place.column) if place.column else 0
            index = self.project_model.index(row, column)
            if not index.isValid():
                return False
            self.project_view.setCurrentIndex(index)
            self.project_view.setFocus()
            return True
        row = self.project_model.row_of(code=place.owner)
        if row < 0:
            return False
        self._select_row(row)
        if place.table == TEXTS:
            edit = self.texts.get(TEXT_PLACES.get(place.column, ""))
            if edit is None:
                return False
            self._scroll.ensureWidgetVisible(edit)
            edit.setFocus()
            return True
        if place.table == FUNDING:
            model, view, row = self.funding_model, self.funding_view, self.funding_model.row_of(place.row)
        else:
            model, view, row = self.indicator_model, self.indicator_view, place.row
        return self._select_cell(view, 0 if row is None else row, model.column_of(place.column))

    def _select_cell(self, view: QTableView, row: int, column: int) -> bool:
        index = view.model().index(row, column)
        if not index.isValid():
            return False
        view.setCurrentIndex(index)
        self._scroll.ensureWidgetVisible(view)
        view.scrollTo(index)
        view.setFocus()
        return True


def _weight_problem_text(problem: WeightProblem) -> str:
    actual, expected = weight_text(problem.actual), weight_text(problem.expected)
    if problem.heading == "合计":
        return f"合计 {actual} 分，超过满分 {expected} 分"
    return f"{problem.heading}权重合计 {actual}，应为 {expected}"
