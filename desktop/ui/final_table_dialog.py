"""打开报表: any table of the year's 决算公开 set, computed from the lines, read-only, with the
figures the department stated beside the computed ones where they differ."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.final_tables import FinalTablesError
from desktop.services.final_tables import YearTables
from desktop.ui.final_table_model import FinalTableModel


def final_table_view(model: FinalTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setWordWrap(False)
    return view


class FinalTableDialog(QDialog):
    """One table at a time, chosen from the set's list."""

    def __init__(self, tables: YearTables, parent: QWidget | None = None, number: str = "") -> None:
        super().__init__(parent)
        self._tables = tables
        self.setWindowTitle(f"{tables.table_set.title}（{tables.department.name} {tables.year}年度）")
        self.resize(1100, 640)
        self.choice = QComboBox()
        for definition in tables.table_set.tables:
            self.choice.addItem(f"{definition.number} {definition.title}", definition.number)
        self.heading = QLabel()
        self.model = FinalTableModel(self)
        self.view = final_table_view(self.model)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.choice, self.heading, self.view, self.notes, buttons):
            layout.addWidget(widget)
        self.choice.currentIndexChanged.connect(self._show)
        if number:
            self.choice.setCurrentIndex(max(0, self.choice.findData(number)))
        self._show()

    def _show(self) -> None:
        tables = self._tables
        number = self.choice.currentData()
        try:
            table = tables.table(number)
        except FinalTablesError as error:
            self.model.set_table(None, {})
            self.heading.setText("")
            self.notes.setText(f"本表无法按现有数据列出：{error}")
            return
        self.model.set_table(table, tables.stated)
        self.heading.setText(
            f"编制单位：{tables.department.name}　　{tables.year}年度　　金额单位：{tables.table_set.unit}"
        )
        lines = [table.definition.empty_note] if table.empty else []
        lines += list(table.definition.notes)
        if self.model.differences:
            lines.append(f"有 {self.model.differences} 个公开数与按数据计算的数不同，已在格内标出（红底）。")
        self.notes.setText("\n".join(line.format(year=tables.year) for line in lines))
