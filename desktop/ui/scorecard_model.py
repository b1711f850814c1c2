"""The tree of a scorecard: 一级 → 二级 → 三级, and under each 三级 the inputs it is scored from.

The model shows a ``ScorecardResult`` and holds no rules: an edit goes to the tab's ``save``
callback (a service call on the undo stack), which hands back the fresh result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.domain.scorecards import ScorecardLine, input_label
from desktop.services.scoring import ScorecardResult

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("指标", "分值", "评分方法", "输入", "公式得分", "评价过程", "手工得分", "理由", "得分")
NAME, WEIGHT, METHOD, INPUT, FORMULA, WORKING, MANUAL, REASON, SCORE = range(len(COLUMNS))
FLAG_COLOUR = QColor("#fde2e1")
RECORDS_COLOUR = QColor("#666666")

# save(kind, item_key, name, text) -> saved: kind is "input", "manual" or "reason"
Save = Callable[[str, str, str, str], bool]


def _number(value) -> str:
    return "" if value is None else f"{value:.2f}"


@dataclass
class _Node:
    line: ScorecardLine
    input_name: str | None  # set on an input row
    parent: int  # index in the node list, −1 for the top
    children: list[int]
    row: int


class ScorecardModel(QAbstractItemModel):
    def __init__(self, save: Save, parent=None) -> None:
        super().__init__(parent)
        self._save = save
        self._nodes: list[_Node] = []
        self._top: list[int] = []
        self.result: ScorecardResult | None = None

    def show_result(self, result: ScorecardResult | None) -> None:
        self.beginResetModel()
        self.result = result
        self._nodes, self._top = [], []
        by_key: dict[str, int] = {}
        for line in result.lines if result else ():
            parent = by_key.get(line.parent, -1) if line.parent else -1
            by_key[line.key] = self._add(line, None, parent)
            for name in line.input_names if line.self_scored else ():
                self._add(line, name, by_key[line.key])
        self.endResetModel()

    def _add(self, line: ScorecardLine, input_name: str | None, parent: int) -> int:
        siblings = self._top if parent < 0 else self._nodes[parent].children
        self._nodes.append(_Node(line, input_name, parent, [], len(siblings)))
        siblings.append(len(self._nodes) - 1)
        return len(self._nodes) - 1

    def index_of(self, item_key: str, column: int = NAME) -> QModelIndex:
        for number, node in enumerate(self._nodes):
            if node.input_name is None and node.line.key == item_key:
                return self.createIndex(node.row, column, number)
        return QModelIndex()

    # QAbstractItemModel ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        siblings = self._nodes[parent.internalId()].children if parent.isValid() else self._top
        if not (0 <= row < len(siblings) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, child: Index = QModelIndex()):  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        parent = self._nodes[child.internalId()].parent
        if parent < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[parent].row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._top)
        return len(self._nodes[parent.internalId()].children) if parent.column() == 0 else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable(self._nodes[index.internalId()], index.column()):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def _editable(self, node: _Node, column: int) -> bool:
        if not (node.line.is_leaf and node.line.self_scored):
            return False
        if node.input_name is not None:
            return column == INPUT and self._input(node)[1] in ("", "录入")
        return column in (MANUAL, REASON)

    def manual_key(self, index: Index) -> str | None:
        """The item key when ``index`` is the 手工得分 cell of an item scored in the self-evaluation."""
        if not index.isValid() or index.column() != MANUAL:
            return None
        node = self._nodes[index.internalId()]
        return node.line.key if node.input_name is None and self._editable(node, MANUAL) else None

    def _input(self, node: _Node) -> tuple[str, str]:
        for value in node.line.inputs:
            if value.name == node.input_name:
                return value.value, value.origin
        return "", ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (
                self._input_text(node, index.column())
                if node.input_name
                else self._line_text(node.line, index)
            )
        if role == Qt.ItemDataRole.BackgroundRole and node.input_name is None and node.line.flagged:
            return QBrush(FLAG_COLOUR)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and node.input_name
            and self._input(node)[1] not in ("", "录入")
        ):
            return QBrush(RECORDS_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and node.input_name is None:
            if index.column() in (NAME, METHOD):
                return "\n".join(text for text in (node.line.explanation, node.line.rule) if text) or None
            return self._line_text(node.line, index) or None
        return None

    def _input_text(self, node: _Node, column: int) -> str:
        value, origin = self._input(node)
        if column == NAME:
            return (
                input_label(node.input_name) if node.input_name in node.line.input_names else node.input_name
            )
        if column == INPUT:
            return value
        if column == WORKING:
            return "" if origin in ("", "录入") else f"取自{origin}"
        return ""

    def _line_text(self, line: ScorecardLine, index: Index) -> str:
        column = index.column()
        label = next((value.value for value in line.inputs if value.name == "label"), "")
        texts = {
            NAME: f"{line.name}：{label}" if label else line.name,
            WEIGHT: _number(line.weight),
            METHOD: line.method_label,
            INPUT: "；".join(f"{value.label} {value.value}" for value in line.inputs),
            FORMULA: _number(line.formula_score),
            WORKING: line.working,
            MANUAL: _number(line.manual_score),
            REASON: line.manual_reason,
            SCORE: _number(line.score),
        }
        return texts[column]

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        node = self._nodes[index.internalId()]
        if not self._editable(node, index.column()):
            return False
        text = "" if value is None else str(value).strip()
        if text == (self.data(index) or ""):
            return False
        kind = {INPUT: "input", MANUAL: "manual", REASON: "reason"}[index.column()]
        return self._save(kind, node.line.key, node.input_name or "", text)
