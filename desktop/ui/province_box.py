"""The 省份 drop-down of 新建单位 and 单位信息: the 34 provincial-level divisions, nothing chosen at first."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from desktop.domain.provinces import PROVINCES, normalise_province

NOT_CHOSEN = "（请选择省份）"


class ProvinceBox(QComboBox):
    """``province()`` is the full name chosen, or "" while the clerk has not chosen one."""

    def __init__(self, parent: QWidget | None = None, objectName: str = "province") -> None:
        super().__init__(parent, objectName=objectName)
        self.addItem(NOT_CHOSEN, "")
        for province in PROVINCES:
            self.addItem(province, province)
        self.setMaxVisibleItems(18)

    def province(self) -> str:
        return self.currentData() or ""

    def set_province(self, text: str) -> None:
        """Show ``text`` (a short name too); a name that is no province shows as not chosen."""
        self.setCurrentIndex(max(0, self.findData(normalise_province(text) or "")))
