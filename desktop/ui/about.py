"""帮助 → 关于: version, the open database and the licences of what ships with Ziping."""

from __future__ import annotations

from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop import __version__
from desktop.paths import FONTS

FONT_LICENCE = FONTS / "LICENSE-wqy-microhei.txt"


def licence_text() -> str:
    font = FONT_LICENCE.read_text(encoding="utf-8")
    return (
        "界面库 Qt for Python (PySide6)：GNU LGPL v3 许可。\n"
        "报表 reportlab：BSD 许可；Excel openpyxl：MIT 许可；数据库 SQLAlchemy / SQLModel / Alembic：MIT 许可。\n"
        "中文字体 文泉驿微米黑 (WenQuanYi Micro Hei)：Apache License 2.0（全文如下）。\n\n" + font
    )


class AboutDialog(QDialog):
    def __init__(self, database: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("关于 自评 Ziping")
        self.resize(640, 480)
        summary = QLabel(
            f"<b>自评 Ziping {__version__}</b><br>部门预算绩效自评、信访登记与决算报表（离线使用）"
            f"<br>数据库：{database if database else '（未打开）'}<br>PySide6 {pyside_version}"
        )
        summary.setObjectName("summary")
        summary.setWordWrap(True)
        licences = QPlainTextEdit(licence_text())
        licences.setObjectName("licences")
        licences.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(QLabel("许可证："))
        layout.addWidget(licences)
        layout.addWidget(buttons)
