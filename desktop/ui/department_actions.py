"""新建单位… and 删除单位… of the 编辑 menu, for a database that holds several 单位.

A new 单位 is made in the 单位信息 dialog (the province chosen there decides its forms) and shown
at once. A 单位 is deleted with its whole data as one undo step (``RemovalService``): when it
holds anything, a confirmation names what goes first, and the database is backed up (to the
backups folder) before the delete, since the undo steps last only while the window shows this
database unchanged (a reload after 单位信息 or an import clears them); 撤销 (Ctrl+Z) brings all of it
back meanwhile. The only 单位 of a database is not deleted: it is changed in 单位信息 instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.services.departments import department_info, list_departments
from desktop.ui.department_dialog import DepartmentDialog
from desktop.ui.messages import show_error
from desktop.ui.removal_actions import delete_record

DELETE_BUTTON = "删除单位"
ONLY_ONE = "“{name}”是数据库中唯一的单位，不能删除；请在“单位信息”中修改它，或新建数据库"


def new_department(window) -> DepartmentDialog:
    """新建单位…: the 单位信息 dialog, empty; once saved the window shows the new 单位."""
    workspace = window.workspace
    year = window.context.year or window.toolbar.year.value()
    dialog = DepartmentDialog(workspace.engine, workspace.services.catalogue, None, year, window)
    dialog.saved.connect(lambda created: window.select_department(created.id))
    dialog.open()
    return dialog


def _holdings_text(holdings: dict[str, int]) -> str:
    return "、".join(f"{label} {count}" for label, count in holdings.items())


def delete_department(window) -> QMessageBox | None:
    """删除单位…: the 单位 in the toolbar. With data, a confirmation naming it (returned, open);
    without, deleted at once. Either way the status bar says how to undo."""
    department_id = window.context.department_id
    if department_id is None:
        show_error(window, "请先在工具栏选择单位", "没有单位")
        return None
    engine, removal = window.workspace.engine, window.workspace.services.removal
    department = department_info(engine, department_id)
    if len(list_departments(engine)) == 1:
        show_error(window, ONLY_ONE.format(name=department.name), "不能删除")
        return None
    holdings = removal.holdings("department", department_id)
    if not holdings:
        delete_now(window, department_id, department.name)
        return None
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "删除单位",
        f"删除单位“{department.name}”及其全部数据？\n\n将一并删除：{_holdings_text(holdings)}。\n\n"
        "删除前会先备份数据库。删除后可用“编辑 → 撤销”（Ctrl+Z）恢复；"
        "关闭程序、打开其他数据库或重新载入后，只能从该备份恢复。",
        QMessageBox.StandardButton.NoButton,
        window,
    )
    confirm = box.addButton(DELETE_BUTTON, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered() -> None:
        if box.clickedButton() is confirm:
            backup = window.backup_now()
            if backup is not None:  # no delete without its backup (the reason was shown)
                delete_now(window, department_id, department.name, f"（删除前的数据库已备份到 {backup}）")

    box.finished.connect(answered)
    box.open()
    return box


def delete_now(window, department_id: int, name: str, note: str = "") -> None:
    """Delete the 单位 as one undo step and show another; 撤销 shows it again. ``note`` follows
    the status bar's message (where the backup is)."""

    def show() -> None:
        # after the delete another 单位 is shown; after its undo, this one again
        present = any(
            department.id == department_id for department in list_departments(window.workspace.engine)
        )
        window.select_department(department_id if present else None)

    message = delete_record(
        window,
        window.workspace.services.removal,
        window.undo_stack,
        "department",
        department_id,
        f"单位“{name}”",
        show,
    )
    if message:
        window.statusBar().showMessage(message + note, 15000)
