"""The toolbar: which department and fiscal year every tab shows, and the search box."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QToolBar, QWidget

from desktop.services.departments import DepartmentInfo
from desktop.ui.context import WorkContext

FIRST_YEAR, LAST_YEAR = 2000, 2099


class WorkToolbar(QToolBar):
    """单位 and 年度 selectors that drive a ``WorkContext``; ``search_changed`` carries the search text."""

    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("单位与年度", parent)
        self.setObjectName("work_toolbar")
        self.setMovable(False)
        self._context: WorkContext | None = None
        self.department = QComboBox()
        self.department.setObjectName("department")
        self.department.setMinimumContentsLength(14)
        # as wide as the longest name (a 文化广播电视和旅游局 was cut at 14 characters)
        self.department.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.department.setToolTip("当前单位")
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setSuffix(" 年度")
        self.year.setToolTip("当前年度")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("在当前页查找…")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(260)
        self.addWidget(QLabel(" 单位："))
        self.addWidget(self.department)
        self.addWidget(QLabel("  年度："))
        self.addWidget(self.year)
        spacer = QWidget()
        spacer.setMinimumWidth(24)
        self.addWidget(spacer)
        self.addWidget(self.search)
        self.department.currentIndexChanged.connect(self._selected)
        self.year.valueChanged.connect(self._selected)
        self.search.textChanged.connect(self.search_changed)

    def bind(self, context: WorkContext, departments: list[DepartmentInfo]) -> None:
        """Show ``departments`` and ``context``'s selection; later changes go to ``context``."""
        self._context = None
        self.department.blockSignals(True)
        self.department.clear()
        for department in departments:
            self.department.addItem(department.name, department.id)
        self.department.setCurrentIndex(max(self.department.findData(context.department_id), 0))
        self.department.blockSignals(False)
        self.year.blockSignals(True)
        self.year.setValue(context.year or date.today().year)
        self.year.blockSignals(False)
        enabled = bool(departments)
        self.department.setEnabled(enabled)
        self.year.setEnabled(enabled)
        self._context = context

    def _selected(self) -> None:
        if self._context is not None and self.department.currentIndex() >= 0:
            self._context.select(self.department.currentData(), self.year.value())
