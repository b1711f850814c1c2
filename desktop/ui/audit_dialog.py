"""帮助 → 审计日志: every change the services recorded, filtered by date, table and user, exportable to Excel.

The entries come from ``AuditLogService`` with ID numbers and phones already masked; the table
shows the newest ``LIMIT`` of those that pass the filters, the export writes all of them.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import ZipingError
from desktop.services.audit_log import HEADERS, TABLE_NAMES, AuditFilter, AuditLogService
from desktop.ui.messages import show_error

LIMIT = 5000
ALL = "全部"


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class AuditDialog(QDialog):
    def __init__(
        self, service: AuditLogService, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("审计日志")
        self.resize(1100, 600)
        self._service = service
        today = today or date.today()
        self.start = _date_edit(today - timedelta(days=30))
        self.end = _date_edit(today)
        tables, actors = service.choices()
        self.table = QComboBox()
        self.table.addItem(ALL, "")
        for name in tables:
            self.table.addItem(TABLE_NAMES.get(name, name), name)
        self.actor = QComboBox()
        self.actor.addItem(ALL, "")
        for name in actors:
            self.actor.addItem(name, name)
        self.view = QTableWidget(0, len(HEADERS))
        self.view.setHorizontalHeaderLabels(list(HEADERS))
        self.view.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.count = QLabel()
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.clicked.connect(self.export)
        filters = QHBoxLayout()
        for label, widget in (("从", self.start), ("到", self.end), ("表", self.table), ("用户", self.actor)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch()
        filters.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view)
        layout.addWidget(self.count)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self.refresh)
        for combo in (self.table, self.actor):
            combo.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def audit_filter(self) -> AuditFilter:
        return AuditFilter(
            start=self.start.date().toPython(),
            end=self.end.date().toPython(),
            table=self.table.currentData(),
            actor=self.actor.currentData(),
        )

    def refresh(self) -> None:
        rows = self._service.entries(self.audit_filter(), LIMIT + 1)
        shown = rows[:LIMIT]
        self.view.setRowCount(len(shown))
        for number, row in enumerate(shown):
            for column, value in enumerate(row.cells()):
                self.view.setItem(number, column, QTableWidgetItem("" if value is None else str(value)))
        more = f"（只显示最新的 {LIMIT} 条，导出可得全部）" if len(rows) > LIMIT else ""
        self.count.setText(f"共 {len(shown)} 条{more}")

    def export(self) -> str | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "导出审计日志", "审计日志.xlsx", "Excel 工作簿 (*.xlsx)"
        )
        if not chosen:
            return None
        try:
            message = self._service.export(self.audit_filter(), Path(chosen))
        except ZipingError as error:
            show_error(self, str(error), "无法导出")
            return None
        self.count.setText(message)
        return message
