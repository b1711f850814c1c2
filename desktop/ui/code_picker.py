"""新增支出行: the 科目 picker of the year (the edition's 项 and the department's own), and 添加科目…
for a code the edition lacks."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.errors import UserInputError
from desktop.services.classification import CodeBook, CodeChoice

USER_MARK = "（本单位添加）"


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def choice_text(choice: CodeChoice) -> str:
    return f"{choice.code} {choice.name}{USER_MARK if choice.user_added else ''}"


class AddCodeDialog(QDialog):
    """添加科目: a 7-digit 项 under a 款 of the year, or a 5-digit 款 under a 类, with its name.

    ``add`` keeps it (the service checks it); a refusal is shown in the dialog, which stays open.
    """

    def __init__(self, add: Callable[[str, str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("添加科目")
        self._add = add
        self.added: str | None = None
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("如 2070188（项）或 20799（款）")
        self.name_edit = QLineEdit()
        self.error_label = QLabel()
        self.error_label.setObjectName("codeError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout = QFormLayout(self)
        layout.addRow(QLabel("本年科目表中没有的科目，添加后本单位本年及以后年度可选。"))
        layout.addRow("科目编码", self.code_edit)
        layout.addRow("科目名称", self.name_edit)
        layout.addRow(self.error_label)
        layout.addRow(ok_cancel(self))

    def accept(self) -> None:
        try:
            self.added = self._add(self.code_edit.text(), self.name_edit.text())
        except UserInputError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            self.adjustSize()  # room for the wrapped message
            return
        super().accept()


class ExpenditureLineDialog(QDialog):
    """新增支出行: 功能分类科目 (codes the clerk added are marked), 支出类型 and 资金来源."""

    def __init__(
        self,
        codes: CodeBook,
        scope: tuple[int, int],
        kinds: tuple[Sequence[str], Sequence[str]],
        note: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("新增支出行")
        self._codes = codes
        self._scope = scope
        self.code_box = QComboBox()
        self.code_box.setMaxVisibleItems(20)
        self.add_button = QPushButton("添加科目…")
        self.add_button.clicked.connect(self.add_code)
        self.category_box, self.funding_box = QComboBox(), QComboBox()
        for box, values in zip((self.category_box, self.funding_box), kinds, strict=True):
            for value in values:
                box.addItem(value, value)
        layout = QFormLayout(self)
        if note:
            layout.addRow(QLabel(note))
        layout.addRow("功能分类科目", self.code_box)
        layout.addRow("", self.add_button)
        layout.addRow("支出类型", self.category_box)
        layout.addRow("资金来源", self.funding_box)
        layout.addRow(ok_cancel(self))
        self._fill()

    def _fill(self, selected: str | None = None) -> None:
        self.code_box.clear()
        for choice in self._codes.function_choices(*self._scope):
            self.code_box.addItem(choice_text(choice), choice.code)
        if selected is not None:
            self.code_box.setCurrentIndex(self.code_box.findData(selected))

    def add_code(self) -> None:
        department_id, year = self._scope
        dialog = AddCodeDialog(
            lambda code, name: self._codes.add_function_code(department_id, year, code, name), self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.added is not None:
            # a 款 is not a line's code; its 项 are added next
            self._fill(dialog.added if len(dialog.added) == 7 else None)

    def values(self) -> tuple[str, str, str]:
        return self.code_box.currentData(), self.category_box.currentData(), self.funding_box.currentData()
