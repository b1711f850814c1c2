"""The first page of an empty database: create a department, or load the sample data."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.province_box import ProvinceBox
from desktop.ui.work_toolbar import FIRST_YEAR, LAST_YEAR


class WelcomePage(QWidget):
    """``create_requested(name, 主管部门, 实施单位, 省份, 年度)`` and ``sample_requested()`` ask the window
    to act. The 省份 starts unchosen: it decides the forms, so the clerk picks it."""

    create_requested = Signal(str, str, str, str, int)
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(
            "<h2>欢迎使用 自评 Ziping</h2><p>这个数据库还没有单位。请新建单位开始录入，或先载入示例数据看看。</p>"
        )
        title.setWordWrap(True)

        self.name = QLineEdit(objectName="name", placeholderText="如：遂宁市船山区信访局")
        self.competent = QLineEdit(
            objectName="competent", placeholderText="如：四川省遂宁市船山区信访局部门（可空）"
        )
        self.implementing = QLineEdit(
            objectName="implementing", placeholderText="如：四川省遂宁市船山区信访局（可空）"
        )
        self.province = ProvinceBox()
        self.year = QSpinBox(objectName="year")
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(date.today().year)
        self.create = QPushButton("新建单位", objectName="create")
        self.create.setDefault(True)
        self.create.clicked.connect(self._create)
        self.name.returnPressed.connect(self._create)
        form = QFormLayout()
        form.addRow("单位名称：", self.name)
        form.addRow("主管部门：", self.competent)
        form.addRow("实施单位：", self.implementing)
        form.addRow("省份：", self.province)
        form.addRow("年度：", self.year)
        form.addRow("", self.create)
        new_box = QGroupBox("新建单位")
        new_box.setLayout(form)

        self.sample = QPushButton("载入示例数据…", objectName="sample")
        self.sample.clicked.connect(self.sample_requested)
        sample_text = QLabel(
            "示例：遂宁市船山区信访局 2023 年度的预算决算、五个项目的绩效自评、两张评价打分表和信访登记，"
            "保存为一个新的数据库文件。"
        )
        sample_text.setWordWrap(True)
        sample_layout = QVBoxLayout()
        sample_layout.addWidget(sample_text)
        sample_layout.addWidget(self.sample, alignment=Qt.AlignmentFlag.AlignLeft)
        sample_layout.addStretch()
        sample_box = QGroupBox("示例数据")
        sample_box.setLayout(sample_layout)

        boxes = QHBoxLayout()
        boxes.addWidget(new_box, 3)
        boxes.addWidget(sample_box, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(title)
        layout.addLayout(boxes)
        layout.addStretch()

    def _create(self) -> None:
        self.create_requested.emit(
            self.name.text(),
            self.competent.text(),
            self.implementing.text(),
            self.province.province(),
            self.year.value(),
        )
