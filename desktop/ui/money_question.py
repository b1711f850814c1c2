"""A 万元 cell given a figure that reads as 元 asks before it saves (issue 11, Build 5).

“250,000.00” typed into a 万元 cell was taken as 250,000.00 万元 without a word. The delegate
asks 按元换算为 X 万元 / 按万元保留 / 取消 (the rule is ``domain.plausible_money``); the budget
tables and the projects' funding cells use it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from desktop.domain.money import format_wan
from desktop.domain.plausible_money import YuanSuspicion, suspected_yuan
from desktop.errors import UserInputError
from desktop.storage.database import DatabaseError
from desktop.ui.editing import MoneyDelegate, index_name
from desktop.ui.messages import show_error


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


class PlausibleMoneyDelegate(MoneyDelegate):
    """A 万元 cell: a figure that reads as 元 (``suspected_yuan``, against the line's budget when
    the model offers ``budget_at(index)``) is saved only once the clerk said how to take it."""

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        text = editor.text() if isinstance(editor, QLineEdit) else ""
        budget_at = getattr(model, "budget_at", None)  # a model that knows its lines' budgets
        suspicion = suspected_yuan(text, budget_at(index) if budget_at else None)
        if suspicion is None:
            super().setModelData(editor, model, index)
            return
        window, place = self.parent().window(), QPersistentModelIndex(index)
        name = index_name(index)

        def save(amount) -> None:
            try:
                model.setData(model.index(place.row(), place.column(), place.parent()), amount)
            except (UserInputError, DatabaseError) as error:
                show_error(window, f"{name}：{error}")

        ask_yuan_or_wan(window, suspicion, save)
