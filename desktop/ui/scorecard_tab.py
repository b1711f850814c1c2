"""评价打分: the department's 部门整体支出绩效评价指标体系 or a project's 项目支出绩效评价指标体系.

A tree 一级 → 二级 → 三级 with weight, method, inputs, formula score, working, manual score and
reason; typed inputs, manual scores and reasons are saved at once and can be undone. Below the
tree: the total and grade, and warnings where the template's weights do not add up or a
manual score is more than half a point from the formula.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.places import Place
from desktop.domain.scoring import total_text
from desktop.errors import UserInputError
from desktop.services.changes import NOTES, Change
from desktop.services.container import Services
from desktop.services.scoring import ScorecardChoice, ScorecardResult
from desktop.ui.change_relay import ReloadWhenShown
from desktop.ui.context import WorkContext
from desktop.ui.editing import apply_change
from desktop.ui.manual_score_dialog import ManualScoreEditing
from desktop.ui.messages import show_error
from desktop.ui.removal_actions import delete_record
from desktop.ui.scorecard_model import COLUMNS, NAME, WORKING, ScorecardModel

WIDTHS = {NAME: 200, WORKING: 360}
# the catalogue has no scorecard template for the department's province (or every card is made)
NOTHING_TO_CREATE = "没有可新建的评价表：本单位省份没有评价指标体系模板，或都已建立"


class ScorecardTab(QWidget):
    """评价打分: the year's scorecards, one shown. ``status_message`` says what a delete removed
    and that Ctrl+Z brings it back."""

    status_message = Signal(str)

    def __init__(self, services: Services, context: WorkContext, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self._service = services.scoring
        self._removal = services.removal
        self._context = context
        self._undo_stack = undo_stack
        self.picker = QComboBox(objectName="scorecard_picker")
        self.picker.currentIndexChanged.connect(self._picked)
        self.model = ScorecardModel(self._save, self)
        self.view = QTreeView(objectName="scorecard_tree")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(
            QTreeView.EditTrigger.DoubleClicked
            | QTreeView.EditTrigger.EditKeyPressed
            | QTreeView.EditTrigger.AnyKeyPressed
        )
        self.view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in WIDTHS.items():
            self.view.setColumnWidth(column, width)
        self.model.modelReset.connect(self.view.expandAll)
        self.manual = ManualScoreEditing(
            self.view,
            self.model.manual_key,
            lambda key: self.model.result.line(key).name,
            self._save_manual,
        )
        self.total_label = QLabel(objectName="scorecard_total")
        self.warning_label = QLabel(objectName="scorecard_warnings")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #a61b1b")

        self.new_menu = QMenu(self)
        self.new_menu.aboutToShow.connect(self._fill_new_menu)
        self.new_button = QPushButton("新建评价表", objectName="new_scorecard")
        self.new_button.setMenu(self.new_menu)
        self.delete_button = QPushButton("删除评价表", objectName="delete_scorecard")
        self.delete_button.clicked.connect(self.delete_current)

        top = QHBoxLayout()
        top.addWidget(QLabel("评价表"))
        top.addWidget(self.picker, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.total_label)
        layout.addWidget(self.warning_label)
        context.changed.connect(self.reload)
        self._reload_when_shown = ReloadWhenShown(self, self.reload)
        self.reload()

    # 显示 -------------------------------------------------------------------------------------

    def reload(self) -> None:
        """List the year's scorecards and show the one picked (the department's first)."""
        current = self.picker.currentData()
        self.picker.blockSignals(True)
        self.picker.clear()
        if self._context.department_id is not None and self._context.year is not None:
            for choice in self._service.scorecards(self._context.department_id, self._context.year):
                label = choice.title if choice.project_id is None else f"项目：{choice.project_name}"
                self.picker.addItem(label, choice.id)
        position = self.picker.findData(current)
        self.picker.setCurrentIndex(position if position >= 0 else 0)
        self.picker.blockSignals(False)
        self._picked()

    def refresh_for(self, change: Change) -> None:
        """Score again after any write that an input may come from (budget lines, checkpoints,
        projects, the register, the scorecards themselves); a 说明 on a finding is none."""
        department_id, year = self._context.department_id, self._context.year
        if change.concerns(department_id, year) and change.kinds - {NOTES}:
            self._reload_when_shown.request()

    def _picked(self) -> None:
        card_id = self.picker.currentData()
        self._show(None if card_id is None else self._service.scorecard(card_id))

    def _show(self, result: ScorecardResult | None) -> None:
        self.model.show_result(result)
        if result is None:
            self.total_label.setText("本年度还没有评价表")
            self.warning_label.setText("")
            return
        self.total_label.setText(f"合计 {total_text(result.total, result.full_marks)}")
        warnings = list(result.warnings)
        warnings += [
            f"“{line.name}”手工得分 {line.manual_score:.2f} 与公式得分 {line.formula_score:.2f} 相差超过0.5分"
            for line in result.lines
            if line.flagged
        ]
        self.warning_label.setText("\n".join(f"！{warning}" for warning in warnings))

    # 录入 -------------------------------------------------------------------------------------

    def _save(self, kind: str, item_key: str, name: str, text: str) -> bool:
        """Save one edit through the service as an undoable step; a refused value is shown, not saved."""
        card_id = self.model.result.scorecard_id
        inputs, manual, reason = self._service.item_state(card_id, item_key)
        label = self.model.result.line(item_key).name
        service = self._service
        if kind == "input":
            old = str(inputs.get(name, ""))

            def change(value):
                return lambda: self._after(service.set_input(card_id, item_key, name, value))

            redo, undo, title = change(text), change(old), f"修改“{label}”的输入"
        elif kind == "manual":
            redo = lambda: self._after(service.set_manual_score(card_id, item_key, text, reason))  # noqa: E731
            undo = lambda: self._after(service.set_manual_score(card_id, item_key, manual, reason))  # noqa: E731
            title = f"修改“{label}”的手工得分"
        else:
            redo = lambda: self._after(service.set_manual_reason(card_id, item_key, text))  # noqa: E731
            undo = lambda: self._after(service.set_manual_reason(card_id, item_key, reason))  # noqa: E731
            title = f"修改“{label}”的理由"
        try:
            apply_change(self._undo_stack, title, redo, undo)
        except UserInputError as error:
            show_error(self, str(error))
            return False
        return True

    def _save_manual(self, item_key: str, score: str, reason: str) -> None:
        """手工得分 and 理由 together (``ManualScoreDialog``), one undoable step; a refused value
        raises UserInputError, shown in the dialog."""
        card_id = self.model.result.scorecard_id
        _inputs, manual, old_reason = self._service.item_state(card_id, item_key)
        service = self._service
        apply_change(
            self._undo_stack,
            f"修改“{self.model.result.line(item_key).name}”的手工得分及理由",
            lambda: self._after(service.set_manual_score(card_id, item_key, score, reason)),
            lambda: self._after(service.set_manual_score(card_id, item_key, manual, old_reason)),
        )

    def _after(self, result: ScorecardResult) -> None:
        if self.picker.currentData() != result.scorecard_id:
            self.picker.setCurrentIndex(self.picker.findData(result.scorecard_id))
        self._show(result)

    def _fill_new_menu(self) -> None:
        self.new_menu.clear()
        if self._context.department_id is None or self._context.year is None:
            return
        choices = self._service.creatable_scorecards(self._context.department_id, self._context.year)
        for choice in choices:
            action = self.new_menu.addAction(choice.title)
            action.triggered.connect(lambda _checked=False, made=choice: self.create(made))
        if not choices:
            self.new_menu.addAction(NOTHING_TO_CREATE).setEnabled(False)

    def create(self, choice: ScorecardChoice) -> None:
        """Make the scorecard from its template and show it; undo removes it again."""
        department_id, year = self._context.department_id, self._context.year
        made: list[int] = []

        def redo() -> None:
            made.append(
                self._service.create_scorecard(
                    department_id, year, choice.template, choice.project_id, choice.title
                )
            )
            self.reload()
            self.picker.setCurrentIndex(self.picker.findData(made[-1]))

        def undo() -> None:
            self._service.delete_scorecard(made[-1])
            self.reload()

        apply_change(self._undo_stack, f"新建“{choice.title}”", redo, undo)

    def delete_current(self) -> bool:
        """删除评价表 shown, with what was entered in it; 撤销 puts it back."""
        card_id = self.picker.currentData()
        if card_id is None:
            show_error(self.window(), "没有可删除的评价表")
            return False
        what = f"评价表“{self.picker.currentText()}”（含已录入的内容）"
        message = delete_record(
            self, self._removal, self._undo_stack, "scorecard", card_id, what, self.reload
        )
        if message:
            self.status_message.emit(message)
        return message is not None

    # 对外 -------------------------------------------------------------------------------------

    def print_target(self) -> tuple[str, str | None] | None:
        """The scorecard shown: ``dept-scorecard``, or ``project-scorecard`` with the project code."""
        result = self.model.result
        if result is None:
            return None
        return (
            ("dept-scorecard", None)
            if result.project_id is None
            else ("project-scorecard", result.project_code)
        )

    def show_place(self, place: Place) -> bool:
        """Select the cell ``place`` names: scorecard ``owner`` (id), ``row`` (leaf key), ``column``
        (header text, default 指标)."""
        position = self.picker.findData(place.owner)
        if position < 0:
            return False
        self.picker.setCurrentIndex(position)
        column = COLUMNS.index(place.column) if place.column in COLUMNS else NAME
        index = self.model.index_of(str(place.row or ""), column)
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
