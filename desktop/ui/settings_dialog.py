"""设置: the font the printed forms are set in.

The list offers the shipped 文泉驿微米黑 and the Chinese TrueType fonts found in the system font
folder (宋体, 仿宋 … on Windows); “其他字体文件…” takes any .ttf / .ttc. A choice is tried by
registering it with reportlab, so a font the PDF cannot embed is refused here, with its reason,
not later at export. The choice is kept in QSettings; the window hands it to the PDF service.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserInputError
from desktop.paths import CJK_FONT
from desktop.ui.messages import show_error

FONT_KEY = "printing/font_file"
FONT_FILTER = "TrueType 字体 (*.ttf *.ttc)"


def print_font(settings: QSettings) -> Path | None:
    """The font file chosen in 设置, or None for the shipped font."""
    value = settings.value(FONT_KEY, "")
    return Path(value) if value else None


class SettingsDialog(QDialog):
    """设置 with its 打印字体 list; ``accept`` stores the choice once the font has been tried."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None, font_folder: Path | None = None):
        super().__init__(parent)
        from desktop.printing.fonts import available_fonts, system_font_folder

        self.settings = settings
        self.setWindowTitle("设置")
        self.fonts = QComboBox(objectName="print_font")
        folder = font_folder if font_folder is not None else system_font_folder()
        for choice in available_fonts(folder):
            self.fonts.addItem(choice.title, str(choice.path))
        self.fonts.currentIndexChanged.connect(self._show_path)
        browse = QPushButton("其他字体文件…")
        browse.clicked.connect(self._browse)
        self.path_label = QLabel(objectName="font_path", wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(self.fonts, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("打印字体：", row)
        form.addRow("", self.path_label)
        form.addRow("", QLabel("导出 PDF 和打印时使用；需为含汉字的 TrueType 字体（.ttf / .ttc）。"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        current = print_font(settings)
        if current is not None:
            self._select(current, current.name)
        self._show_path()

    def chosen_font(self) -> Path:
        return Path(self.fonts.currentData())

    def _select(self, path: Path, title: str) -> None:
        index = self.fonts.findData(str(path))
        if index < 0:
            self.fonts.addItem(title, str(path))
            index = self.fonts.count() - 1
        self.fonts.setCurrentIndex(index)

    def _show_path(self) -> None:
        self.path_label.setText(str(self.chosen_font()))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "选择字体文件", "", FONT_FILTER)
        if chosen:
            self.choose_file(Path(chosen))

    def choose_file(self, path: Path) -> bool:
        """Try the font at ``path``: listed and selected when usable, else its reason is shown."""
        try:
            _try_font(path)
        except UserInputError as error:
            show_error(self, str(error), "无法使用这个字体")
            return False
        self._select(path, path.name)
        return True

    def accept(self) -> None:
        path = self.chosen_font()
        try:
            _try_font(path)
        except UserInputError as error:
            show_error(self, str(error), "无法使用这个字体")
            return
        if path == CJK_FONT:
            self.settings.remove(FONT_KEY)
        else:
            self.settings.setValue(FONT_KEY, str(path))
        super().accept()


def _try_font(path: Path) -> None:
    from desktop.printing.fonts import register_font

    register_font(path)
