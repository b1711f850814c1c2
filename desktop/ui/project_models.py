"""Table models of the 项目绩效 tab: the year's projects, funding by source, the indicators.

Each model keeps a row cache of the service's frozen dataclasses and ids, never ORM objects.
Editable models save a cell through ``ProjectService`` as one undo step and emit ``saved``
with the project's fresh ``ProjectDetail``; the tab then refreshes every view from it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QUndoStack

from desktop.domain.funding import FundingRow
from desktop.domain.money import format_percent, format_wan
from desktop.domain.scoring import manual_gap_flagged
from desktop.domain.self_evaluation import PENDING
from desktop.services.project_input import (
    FUNDING_FIELDS,
    parse_amount,
    parse_indicator_value,
    parse_target,
    text_value,
)
from desktop.services.projects import IndicatorRow, ProjectDetail, ProjectRow, ProjectService
from desktop.ui.editing import apply_change

DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
GAP_COLOUR = QColor("#ffd8a8")  # a manual score more than 0.5 point from the formula
GAP_TEXT = "手工得分与公式得分相差超过0.5分"


def _points(score: Decimal | None) -> str:
    return "" if score is None else f"{score:.2f}"


def manual_cell(formula: Decimal | None, manual: Decimal | None, role: int):
    """手工得分 as shown: “⚠ 6.00” with a coloured cell and a tooltip when it is more than 0.5
    point from the formula score (DOMAIN.md §1.3); the plain number to edit."""
    flagged = manual_gap_flagged(formula, manual)
    if role == DISPLAY:
        return f"⚠ {_points(manual)}" if flagged else _points(manual)
    if role == EDIT:
        return _points(manual)
    if role == TOOLTIP and flagged:
        return f"{GAP_TEXT}（公式得分 {_points(formula)}）"
    if role == BACKGROUND and flagged:
        return GAP_COLOUR
    if role == ALIGN:
        return int(RIGHT)
    return None


def weight_text(value: Decimal) -> str:
    """A weight as the form prints it: 10, 2.5."""
    return f"{value.normalize():f}"


class _TableModel(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < len(self.headers):
            return self.headers[section]
        if orientation == Qt.Orientation.Vertical and role == DISPLAY and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def column_of(self, header: str) -> int:
        return self.headers.index(header) if header in self.headers else -1


class ProjectListModel(_TableModel):
    """项目清单: 项目编码, 项目名称, 调整后预算, 执行数, 执行率, 得分, 等级 (read-only)."""

    headers = ("项目编码", "项目名称", "调整后预算（万元）", "执行数（万元）", "执行率", "得分", "等级")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int, tuple[str, ...]]] = []

    def set_projects(self, projects: Sequence[ProjectRow]) -> None:
        self.beginResetModel()
        self._rows = [(project.id, self._texts(project)) for project in projects]
        self.endResetModel()

    def update_project(self, project: ProjectRow) -> None:
        """Show the new figures of one listed project (after an edit); others stay as they are."""
        row = self.row_of(project.id)
        if row >= 0:
            self._rows[row] = (project.id, self._texts(project))
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))

    @staticmethod
    def _texts(project: ProjectRow) -> tuple[str, ...]:
        return (
            project.code,
            project.name,
            format_wan(project.adjusted_budget),
            format_wan(project.executed),
            format_percent(project.execution_rate),
            _points(project.score),
            project.grade or project.note,  # “待评 2 项”, a 合计 over the full marks, no 绩效目标表
        )

    def project_id(self, row: int) -> int | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def code(self, row: int) -> str | None:
        return self._rows[row][1][0] if 0 <= row < len(self._rows) else None

    def row_of(self, project_id: int | None = None, code: str | None = None) -> int:
        for row, (row_id, texts) in enumerate(self._rows):
            if row_id == project_id or (code is not None and texts[0] == code):
                return row
        return -1

    def data(self, index: QModelIndex, role: int = DISPLAY):
        if not index.isValid():
            return None
        if role in (DISPLAY, TOOLTIP):
            return self._rows[index.row()][1][index.column()]
        if role == ALIGN and 2 <= index.column() <= 5:
            return int(RIGHT)
        return None


@dataclass(frozen=True)
class _Place:
    """What an undoable edit needs to find its cell again: the project and the service call."""

    text: str
    save: Callable[[object], ProjectDetail]


class _EditableModel(_TableModel):
    saved = Signal(object)  # ProjectDetail after a change (or its undo)

    def __init__(self, service: ProjectService, undo_stack: QUndoStack | None, parent=None) -> None:
        super().__init__(parent)
        self._service, self._undo_stack = service, undo_stack

    def _change(self, place: _Place, before: object, after: object) -> None:
        """Save ``after`` now (UserInputError reaches the caller), ``before`` on 撤销."""
        apply_change(
            self._undo_stack,
            place.text,
            lambda: self.saved.emit(place.save(after)),
            lambda: self.saved.emit(place.save(before)),
        )


FUNDING_COLUMNS = (
    "年初预算",
    "调整后预算数",
    "预算执行数",
    "预算执行率",
    "权重",
    "得分",
    "公式得分",
    "手工得分",
    "理由",
)
_FUNDING_FIELDS = tuple(FUNDING_FIELDS)  # the first three columns, in order
FORMULA, MANUAL, REASON = 6, 7, 8  # of the 总额 row: the 预算执行 score by formula and by hand
_MANUAL_FIELDS = {MANUAL: "execution_manual_score", REASON: "execution_manual_reason"}
_MANUAL_KINDS = {MANUAL: "manual_score", REASON: "manual_reason"}  # typed as an indicator's are


class FundingModel(_EditableModel):
    """预算执行情况: 总额 (computed) and every funding source; amounts are 元 in the edit role.

    The 总额 row also takes the 预算执行 手工得分 with its 理由, beside the formula score.
    """

    headers = FUNDING_COLUMNS

    def __init__(self, service: ProjectService, undo_stack: QUndoStack | None, parent=None) -> None:
        super().__init__(service, undo_stack, parent)
        self._project_id: int | None = None
        self._rows: list[FundingRow] = []
        self._detail: ProjectDetail | None = None

    def set_detail(self, detail: ProjectDetail | None) -> None:
        rows = [] if detail is None else [detail.total, *detail.funding]
        if len(rows) == len(self._rows):
            self._project_id, self._rows, self._detail = detail.id if detail else None, rows, detail
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.headers) - 1))
            return
        self.beginResetModel()
        self._project_id, self._rows, self._detail = (detail.id if detail else None), rows, detail
        self.endResetModel()

    def _execution_cell(self, column: int, role: int):
        detail = self._detail
        scores = detail.scores
        if column == MANUAL:
            return manual_cell(scores.execution_formula_score, detail.execution_manual_score, role)
        if column == REASON:
            return detail.execution_manual_reason if role in (DISPLAY, EDIT, TOOLTIP) else None
        if role == DISPLAY:
            if column == 4:
                return weight_text(scores.execution_weight)
            return _points(scores.execution_score if column == 5 else scores.execution_formula_score)
        if role == TOOLTIP and column == FORMULA:
            return scores.execution_working
        return int(RIGHT) if role == ALIGN else None

    def row_of(self, source: str) -> int:
        """The row of 总额 or of a 资金来源; -1 when there is none."""
        return next((row for row, funding in enumerate(self._rows) if funding.source == source), -1)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):
        if orientation == Qt.Orientation.Vertical and role == DISPLAY and 0 <= section < len(self._rows):
            source = self._rows[section].source
            return source if section == 0 else f"其中：{source}" if section == 1 else source
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex, role: int = DISPLAY):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if column < 3:
            amount = (row.initial_budget, row.adjusted_budget, row.executed)[column]
            if role == EDIT:
                return amount
            if role == DISPLAY:
                return format_wan(amount)
        elif index.row() == 0 and column > 3:
            return self._execution_cell(column, role)
        elif role == DISPLAY:
            if column == 3:
                return format_percent(row.execution_rate)
            return "/" if column < FORMULA else ""
        if role == ALIGN:
            return int(RIGHT)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.row() > 0 and index.column() < 3:
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.isValid() and index.row() == 0 and index.column() in _MANUAL_FIELDS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def parse_cell(self, row: int, column: int, text: str) -> Decimal | str | None:
        if column in _MANUAL_FIELDS:
            return parse_indicator_value(_MANUAL_KINDS[column], text)
        return parse_amount(text)

    def setData(self, index: QModelIndex, value, role: int = EDIT) -> bool:
        if role != EDIT or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        if index.column() in _MANUAL_FIELDS:
            return self._set_manual(index.column(), value)
        amount = parse_amount(value)
        row = self._rows[index.row()]
        field = _FUNDING_FIELDS[index.column()]
        before = (row.initial_budget, row.adjusted_budget, row.executed)[index.column()]
        if amount == before:
            return False
        project_id, source = self._project_id, row.source

        def save(value):
            return self._service.update_funding(project_id, source, field, value)

        self._change(_Place(f"修改{source}{self.headers[index.column()]}", save), before, amount)
        return True

    def _set_manual(self, column: int, value) -> bool:
        """预算执行 手工得分 (blank clears it) or its 理由, saved through the service, undoable."""
        field = _MANUAL_FIELDS[column]
        after = parse_indicator_value(_MANUAL_KINDS[column], value)
        before = getattr(self._detail, field)
        if after == before:
            return False
        project_id = self._project_id

        def save(value):
            return self._service.update_project(project_id, field, value)

        self._change(_Place(f"修改预算执行{self.headers[column]}", save), before, after)
        return True

    def set_manual_score(self, score: str, reason: str) -> None:
        """预算执行 手工得分 and 理由 together (``ManualScoreDialog``), one undoable step;
        a refused value raises UserInputError and nothing is saved."""
        detail, project_id = self._detail, self._project_id
        before = (detail.execution_manual_score, detail.execution_manual_reason)

        def save(value):
            return self._service.update_execution_manual_score(project_id, *value)

        self._change(_Place("修改预算执行手工得分及理由", save), before, (score, reason))


@dataclass(frozen=True)
class IndicatorColumn:
    header: str
    field: str | None  # None: computed (得分)


INDICATOR_COLUMNS = (
    IndicatorColumn("一级指标", "level1"),
    IndicatorColumn("二级指标", "level2"),
    IndicatorColumn("三级指标", "level3"),
    IndicatorColumn("指标性质", "nature"),
    IndicatorColumn("指标值", "target"),
    IndicatorColumn("度量单位", "unit"),
    IndicatorColumn("权重", "weight"),
    IndicatorColumn("完成值", "actual"),
    IndicatorColumn("得分", None),
    IndicatorColumn("未完成原因分析", "shortfall_reason"),
    IndicatorColumn("公式得分", None),
    IndicatorColumn("手工得分", "manual_score"),
    IndicatorColumn("理由", "manual_reason"),
)


class IndicatorModel(_EditableModel):
    """绩效指标: every column but 得分 and 公式得分 is typed by the clerk; those come from the service.

    得分 is the score that counts: the 手工得分 when the clerk gave one (with its 理由), else the
    公式得分 kept beside it.
    """

    headers = tuple(column.header for column in INDICATOR_COLUMNS)
    SCORE_COLUMN = headers.index("得分")
    FORMULA_COLUMN = headers.index("公式得分")

    def __init__(self, service: ProjectService, undo_stack: QUndoStack | None, parent=None) -> None:
        super().__init__(service, undo_stack, parent)
        self._rows: list[IndicatorRow] = []
        self._previews: dict[int, tuple[str, str]] = {}  # row → (score, working) while typing

    def set_indicators(self, indicators: Sequence[IndicatorRow]) -> None:
        self._previews = {}
        if [row.id for row in indicators] == [row.id for row in self._rows]:
            self._rows = list(indicators)
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._rows) - 1, len(self.headers) - 1)
                )
            return
        self.beginResetModel()
        self._rows = list(indicators)
        self.endResetModel()

    def indicator(self, row: int) -> IndicatorRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def field(self, column: int) -> str | None:
        return INDICATOR_COLUMNS[column].field

    def show_preview(self, row: int, score: Decimal | None, working: str) -> None:
        """得分 while a 完成值 or 权重 is being typed, until the edit is saved or dropped."""
        self._previews[row] = (PENDING if score is None else _points(score), working)
        index = self.index(row, self.SCORE_COLUMN)
        self.dataChanged.emit(index, index)

    def clear_preview(self, row: int) -> None:
        if self._previews.pop(row, None) is not None:
            index = self.index(row, self.SCORE_COLUMN)
            self.dataChanged.emit(index, index)

    def data(self, index: QModelIndex, role: int = DISPLAY):
        if not index.isValid():
            return None
        row, field = self._rows[index.row()], INDICATOR_COLUMNS[index.column()].field
        if field == "manual_score":
            return manual_cell(row.formula_score, row.manual_score, role)
        if index.column() == self.FORMULA_COLUMN:
            if role == DISPLAY:
                return _points(row.formula_score)
            if role == TOOLTIP:
                return row.working
        elif field is None:
            score, working = self._previews.get(index.row(), (row.score_text, row.working))
            if role == DISPLAY:
                return score
            if role == TOOLTIP:
                return working
        elif role in (DISPLAY, EDIT, TOOLTIP):
            return weight_text(row.weight) if field == "weight" else getattr(row, field)
        if role == ALIGN and field in ("weight", None, "target", "actual"):
            return int(RIGHT)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and INDICATOR_COLUMNS[index.column()].field is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def parse_cell(self, row: int, column: int, text: str):
        return parse_indicator_value(INDICATOR_COLUMNS[column].field, text)

    def setData(self, index: QModelIndex, value, role: int = EDIT) -> bool:
        if role != EDIT or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row = self._rows[index.row()]
        field = INDICATOR_COLUMNS[index.column()].field
        if field == "target":
            return self._set_target(index.row(), row, value)
        after = parse_indicator_value(field, value)
        before = getattr(row, field)
        if after == before:
            self.clear_preview(index.row())
            return False
        indicator_id = row.id

        def save(value):
            return self._service.update_indicator(indicator_id, field, value)

        text = f"修改指标“{row.level3}”的{self.headers[index.column()]}"
        self._change(_Place(text, save), before, after)
        return True

    def set_manual_score(self, indicator_id: int, score: str, reason: str) -> None:
        """An indicator's 手工得分 and 理由 together (``ManualScoreDialog``), one undoable step."""
        row = next(row for row in self._rows if row.id == indicator_id)
        before = (row.manual_score, row.manual_reason)

        def save(value):
            return self._service.update_indicator_manual_score(indicator_id, *value)

        self._change(_Place(f"修改指标“{row.level3}”的手工得分及理由", save), before, (score, reason))

    def _set_target(self, position: int, row: IndicatorRow, value) -> bool:
        """指标值 typed with its unit (“≥50个”) sets 度量单位 too; 撤销 puts both back."""
        after = parse_target(row.nature, text_value(value), row.unit)
        before = (row.target, row.unit)
        if after == before:
            self.clear_preview(position)
            return False
        indicator_id = row.id

        def save(value):
            return self._service.update_target(indicator_id, *value)

        self._change(_Place(f"修改指标“{row.level3}”的指标值", save), before, after)
        return True
