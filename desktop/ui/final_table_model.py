"""A 决算公开 table in the window, read-only: its published grid (``final_table_grid``) under a
one-row header, amounts in 万元, and a stated figure shown beside the computed one where they differ."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain.final_table_grid import Grid, column_titles, stated_differences, table_grid
from desktop.domain.final_tables import ComputedTable

DISPLAY, ALIGN = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole
DIFFERS = QColor("#F8D7DA")  # a stated figure that is not the computed one


def _text(value: str | Decimal) -> str:
    return f"{value:.2f}" if isinstance(value, Decimal) else value


class FinalTableModel(QAbstractTableModel):
    """The body rows of one computed table; ``differences`` are the stated figures that disagree."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._grid: Grid | None = None
        self._titles: list[str] = []
        self._differences: dict[tuple[int, int], Decimal] = {}

    def set_table(self, table: ComputedTable | None, stated: Mapping[str, Decimal]) -> None:
        self.beginResetModel()
        self._grid = None if table is None else table_grid(table)
        self._titles = [] if self._grid is None else column_titles(self._grid)
        self._differences = {} if self._grid is None else stated_differences(self._grid, stated)
        self.endResetModel()

    @property
    def differences(self) -> int:
        return len(self._differences)

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        if (parent is not None and parent.isValid()) or self._grid is None:
            return 0
        return len(self._grid.rows) - self._grid.header_rows

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if (parent is not None and parent.isValid()) else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._titles):
            return self._titles[section]
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY):
        grid = self._grid
        if grid is None or not index.isValid() or index.row() >= self.rowCount():
            return None
        place = (grid.header_rows + index.row(), index.column())
        value = grid.rows[place[0]][place[1]]
        stated = self._differences.get(place)
        if role == DISPLAY:
            return _text(value) if stated is None else f"{_text(value)}（公开 {stated:.2f}）"
        if role == ALIGN:
            if isinstance(value, Decimal):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if index.column() in grid.centred:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and stated is not None:
            return QBrush(DIFFERS)
        if role == Qt.ItemDataRole.ToolTipRole and stated is not None:
            return f"公开数 {stated:.2f} 万元，按数据计算为 {_text(value)} 万元"
        if role == Qt.ItemDataRole.FontRole and place in grid.totals:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
