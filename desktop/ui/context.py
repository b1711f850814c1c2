"""What the clerk is working on: one department and one fiscal year, shared by every tab."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class WorkContext(QObject):
    """The department and year selected in the toolbar; tabs reload when ``changed`` fires."""

    changed = Signal()

    def __init__(self, department_id: int | None = None, year: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self._department_id = department_id
        self._year = year

    @property
    def department_id(self) -> int | None:
        return self._department_id

    @property
    def year(self) -> int | None:
        return self._year

    def select(self, department_id: int | None, year: int | None) -> None:
        if (department_id, year) != (self._department_id, self._year):
            self._department_id, self._year = department_id, year
            self.changed.emit()
