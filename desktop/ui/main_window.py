"""The main window: one tab per area of the clerk's work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget
from sqlalchemy import Engine

TABS = ("信访登记", "预算决算", "项目绩效", "评价打分")


class MainWindow(QMainWindow):
    def __init__(self, *, engine: Engine, database_path: Path, parent=None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.setWindowTitle(f"自评 Ziping — {database_path}")
        self.resize(1366, 768)
        tabs = QTabWidget()
        for title in TABS:
            tabs.addTab(QLabel(title), title)
        self.setCentralWidget(tabs)
        self.statusBar().showMessage(f"数据库：{database_path}")
