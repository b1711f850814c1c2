"""The database's own dialogs: 从备份恢复… (the backups with their time and size), the offer,
when a file turns out damaged, to set it aside and restore the newest good backup, and the
choice, when another Ziping window has the file open, to open it read-only or not at all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserInputError
from desktop.services.backup import BackupFile, list_backups, newest_good_backup, restore_database, set_aside
from desktop.services.instance_lock import DatabaseInUse
from desktop.storage.sqlite_errors import DatabaseDamaged, DatabaseError

DATABASE_FILTER = "Ziping 数据库 (*.sqlite3);;所有文件 (*)"


def size_text(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class BackupTableModel(QAbstractTableModel):
    """The backups beside a database, newest first: time, size, kind, file name."""

    HEADERS = ("备份时间", "大小", "类别", "文件")

    def __init__(self, backups: list[BackupFile], parent=None) -> None:
        super().__init__(parent)
        self._backups = backups

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent is not None and parent.isValid() else len(self._backups)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        backup = self._backups[index.row()]
        return (
            f"{backup.made:%Y-%m-%d %H:%M:%S}",
            size_text(backup.size),
            "恢复前的原文件" if backup.safety_copy else "备份",
            backup.path.name,
        )[index.column()]

    def backup_at(self, row: int) -> BackupFile:
        return self._backups[row]


class RestoreDialog(QDialog):
    """从备份恢复…: pick one of the backups in the folder beside the database, or another file."""

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("从备份恢复")
        self.database = database
        self.chosen: Path | None = None
        self.model = BackupTableModel(list_backups(database), self)
        self.table = QTableView(objectName="backups")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda index: self.choose(self.model.backup_at(index.row()).path))
        if self.model.rowCount():
            self.table.selectRow(0)
        note = "当前数据库会先另存到 backups 文件夹（“恢复前”），再用所选备份替换。"
        empty = "" if self.model.rowCount() else "\n数据库旁的 backups 文件夹里还没有备份。"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        restore = buttons.addButton("恢复所选备份", QDialogButtonBox.ButtonRole.AcceptRole)
        restore.setEnabled(self.model.rowCount() > 0)
        other = buttons.addButton("其他文件…", QDialogButtonBox.ButtonRole.ActionRole)
        restore.clicked.connect(self.choose_selected)
        other.clicked.connect(self.choose_other_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(note + empty))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def choose_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.choose(self.model.backup_at(rows[0].row()).path)

    def choose_other_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "选择要恢复的备份", str(self.database.parent), DATABASE_FILTER
        )
        if path:
            self.choose(Path(path))

    def choose(self, path: Path) -> None:
        self.chosen = path
        self.accept()


def offer_recovery(parent: QWidget | None, error: DatabaseError) -> bool:
    """Explain ``error``; for a damaged file, offer to set it aside and restore the newest good backup.

    Returns True when the backup was restored (the file now holds it); the damaged file is kept,
    its bytes unchanged, under a new name beside it.
    """
    path = error.path
    if not isinstance(error, DatabaseDamaged) or path is None:
        QMessageBox.critical(parent, "无法打开数据库", str(error))
        return False
    backup = newest_good_backup(path)
    if backup is None:
        QMessageBox.critical(
            parent, "数据库已损坏", f"{error}\n\n没有找到可用的备份；文件未做任何改动，请联系技术人员。"
        )
        return False
    question = (
        f"{error}\n\n最近的完好备份：{backup.path.name}（{backup.made:%Y-%m-%d %H:%M}，{size_text(backup.size)}）。\n"
        f"是否把损坏的文件改名留存（内容不变），并从这个备份恢复？备份之后的修改将不在恢复后的数据库中。"
    )
    answer = QMessageBox.question(parent, "数据库已损坏", question)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        kept = set_aside(path)
        restore_database(path, backup.path)
    except (UserInputError, DatabaseError) as failure:
        QMessageBox.critical(parent, "无法恢复", str(failure))
        return False
    QMessageBox.information(parent, "已恢复", f"已从 {backup.path} 恢复 {path}；损坏的文件另存为 {kept}")
    return True


READ_ONLY_BUTTON, DO_NOT_OPEN_BUTTON = "以只读方式打开", "不打开"


def ask_read_only(parent: QWidget | None, error: DatabaseInUse) -> bool:
    """Tell the clerk another window holds the file; True when they choose to open it read-only."""
    box = QMessageBox(
        QMessageBox.Icon.Question, "数据库正在使用", "", QMessageBox.StandardButton.NoButton, parent
    )
    box.setText(f"{error}\n\n可以以只读方式打开它：能查看、打印和导出，不能修改（修改请在那个窗口中进行）。")
    read_only = box.addButton(READ_ONLY_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(DO_NOT_OPEN_BUTTON, QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is read_only
