"""重命名项目 and 删除项目 on the 项目绩效 tab, each one undo step.

A deleted project goes with its 资金, 指标 and 项目支出绩效评价表 (``RemovalService``); 撤销 puts
all of it back. The tab's status bar message says what went (the 指标 and 评价表 counted) and that
Ctrl+Z brings it back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog, QLineEdit

from desktop.errors import UserInputError
from desktop.ui.editing import apply_change
from desktop.ui.messages import show_error
from desktop.ui.removal_actions import delete_record

NO_PROJECT = "请先在列表中选中一个项目"


class ProjectActions(QObject):
    """The project list's 重命名 and 删除 for ``tab`` (a ``ProjectsTab``)."""

    def __init__(self, tab, services, undo_stack: QUndoStack) -> None:
        super().__init__(tab)
        self._tab, self._projects, self._removal = tab, services.projects, services.removal
        self._undo_stack = undo_stack

    def ask_rename(self) -> QInputDialog | None:
        """重命名项目…: a small dialog holding the name; 确定 renames."""
        detail = self._tab.current_project()
        if detail is None:
            show_error(self._tab.window(), NO_PROJECT)
            return None
        dialog = QInputDialog(self._tab)
        dialog.setWindowTitle("重命名项目")
        dialog.setLabelText(f"项目“{detail.code}”的新名称：")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(detail.name)
        dialog.setOkButtonText("确定")
        dialog.setCancelButtonText("取消")
        dialog.resize(460, dialog.sizeHint().height())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(lambda name: self.rename(detail.id, detail.name, name))
        dialog.open()
        return dialog

    def rename(self, project_id: int, old: str, new: str) -> bool:
        """Rename the project (the name checked by the service); 撤销 gives back ``old``."""
        if new.strip() == old:
            return False

        def put(name: str):
            def save() -> None:
                self._projects.update_project(project_id, "name", name)
                self._tab.reload()

            return save

        try:
            apply_change(self._undo_stack, f"重命名项目“{old}”", put(new), put(old))
        except UserInputError as error:
            show_error(self._tab.window(), str(error), "无法重命名")
            return False
        self._tab.status_message.emit(f"项目“{old}”已改名为“{new.strip()}”；按 Ctrl+Z 可撤销")
        return True

    def delete_current(self) -> bool:
        """删除项目 with what it holds; 撤销 puts it back."""
        detail = self._tab.current_project()
        if detail is None:
            show_error(self._tab.window(), NO_PROJECT)
            return False
        held = "、".join(
            f"{label} {count}" for label, count in self._removal.holdings("project", detail.id).items()
        )
        what = f"项目“{detail.name}”" + (f"（含{held}）" if held else "")
        message = delete_record(
            self._tab, self._removal, self._undo_stack, "project", detail.id, what, self._tab.reload
        )
        if message:
            self._tab.status_message.emit(message)
        return message is not None
