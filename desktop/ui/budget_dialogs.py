"""The small questions of the 预算决算 tab: what a new budget line is (a code from the year's
classification, and its kind), and whether a figure typed in 元 was meant for a 万元 cell."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QMessageBox, QWidget

from desktop.domain.money import format_wan
from desktop.domain.plausible_money import YuanSuspicion


class ChoiceDialog(QDialog):
    """A small form of drop-down lists; ``values()`` gives the chosen item of each, in order.

    Each list holds (value, text) pairs; the 科目 list shows “code name” and can be searched by
    typing the start of a code.
    """

    def __init__(
        self,
        title: str,
        fields: Sequence[tuple[str, Sequence[tuple[str, str]]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QFormLayout(self)
        self.boxes: list[QComboBox] = []
        for label, options in fields:
            box = QComboBox()
            for value, text in options:
                box.addItem(text, value)
            box.setMaxVisibleItems(20)
            layout.addRow(label, box)
            self.boxes.append(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def values(self) -> list[str]:
        return [box.currentData() for box in self.boxes]


def coded(choices: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """(code, name) → (code, “code name”) for a drop-down list."""
    return [(code, f"{code} {name}") for code, name in choices]


def plain(values: Sequence[str]) -> list[tuple[str, str]]:
    return [(value, value) for value in values]


def ask_yuan_or_wan(
    parent: QWidget, suspicion: YuanSuspicion, choose: Callable[[Decimal], None]
) -> QMessageBox:
    """按元换算为 X 万元 / 按万元保留 / 取消, for a figure that reads as 元 in a 万元 cell.

    Opened, not exec'd: ``choose`` gets the amount in 元 the clerk picked; 取消 saves nothing.
    """
    box = QMessageBox(QMessageBox.Icon.Question, "金额单位", suspicion.question(), parent=parent)
    as_yuan = box.addButton(
        f"按元换算为 {format_wan(suspicion.as_yuan)} 万元", QMessageBox.ButtonRole.AcceptRole
    )
    as_wan = box.addButton(
        f"按万元保留 {format_wan(suspicion.as_wan)} 万元", QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(as_yuan)
    amounts = {as_yuan: suspicion.as_yuan, as_wan: suspicion.as_wan}

    def clicked(button) -> None:
        if button in amounts:
            choose(amounts[button])

    box.buttonClicked.connect(clicked)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box
