"""Picking what a new budget line is: a code from the year's classification, and its kind."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget


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
