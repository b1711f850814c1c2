"""新建项目: the 项目编码 and 项目名称 of a new project of the year."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit


class NewProjectDialog(QDialog):
    """Asks for 项目编码 and 项目名称; the rest is filled in the tab after it is created."""

    def __init__(self, year: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"新建{year}年度项目")
        self.code = QLineEdit()
        self.code.setPlaceholderText("例如 51090322T000000344324")
        self.name = QLineEdit()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow("项目编码", self.code)
        layout.addRow("项目名称", self.name)
        layout.addRow(buttons)
        self.resize(460, self.sizeHint().height())

    def values(self) -> tuple[str, str]:
        return self.code.text().strip(), self.name.text().strip()
