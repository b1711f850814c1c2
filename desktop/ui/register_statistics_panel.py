"""The statistics panel of the 信访登记 tab: 三率一度 in large type, then the details as the CLI prints
them, and the buttons that print them as a page."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget


class StatisticsPanel(QWidget):
    """三率一度 in large type, then channels, 复查/复核 and visits by level with the previous year;
    打印统计 / 导出统计 PDF print what it shows as a page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.print_button, self.export_button = QPushButton("打印统计…"), QPushButton("导出统计 PDF…")
        self.preview_button = QPushButton("统计打印预览…")
        self.rates = QLabel()
        font = QFont(self.rates.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.rates.setFont(font)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rates, 1)
        for button in (self.print_button, self.preview_button, self.export_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.details)

    def show_text(self, rates: str, details: str) -> None:
        self.rates.setText(rates)
        self.details.setPlainText(details)

    def text(self) -> str:
        return f"{self.rates.text()}\n{self.details.toPlainText()}"
