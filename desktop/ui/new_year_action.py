"""文件 → 新建年度…: asks, then starts the year after the department's last one and shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.errors import UserInputError
from desktop.ui.messages import show_error

TITLE = "新建年度"


def _box(window, icon: QMessageBox.Icon, text: str) -> QMessageBox:
    box = QMessageBox(icon, TITLE, text, QMessageBox.StandardButton.NoButton, window)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def ask_new_year(window) -> QMessageBox | None:
    """Ask whether to start the year after the last one of the selected 单位 (a ``MainWindow``);
    on 新建, start it in one transaction and show it, or say why it cannot be."""
    department_id = window.context.department_id
    if department_id is None:
        show_error(window, "请先新建单位或在工具栏选择单位", "没有单位")
        return None
    workspace = window.workspace
    service = workspace.services.new_year
    source = service.last_year(department_id)
    if source is None:
        show_error(window, "本单位还没有任何年度的数据：请先录入或导入一个年度", TITLE)
        return None
    target = source + 1
    box = _box(
        window,
        QMessageBox.Icon.Question,
        f"从 {source} 年新建 {target} 年：复制各项目及其绩效指标（指标值、度量单位、权重，不含完成值和得分）"
        f"和全部预算决算行；{target} 年的上年决算取 {source} 年决算，本年各数为 0。\n\n是否新建？",
    )
    create = box.addButton("新建", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)

    def answered() -> None:
        if box.clickedButton() is not create:
            return
        try:
            created = service.start(department_id, source, target)
        except UserInputError as error:
            show_error(window, str(error), TITLE)
            return
        window.show_workspace(workspace, department_id, target)
        done = _box(window, QMessageBox.Icon.Information, created.describe(source))
        done.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        done.open()

    box.finished.connect(answered)
    box.open()
    return box
