"""单位信息 and 新建单位: the department's name, 主管部门, 实施单位, 省份, 统一社会信用代码 and 信访编号格式.

The 省份 decides the forms: the dialog lists the 自评表 and 评价表 the catalogue offers for the
province chosen and the year, and shows the new list as soon as another province is picked.
``accept`` saves through ``update_department`` (or, for a new 单位, ``create_department``, where no
province is chosen until the clerk picks one); a refused value keeps the dialog open.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.domain.matter_numbers import DEFAULT_PATTERN
from desktop.domain.templates import KINDS
from desktop.errors import UserInputError
from desktop.services.catalogue import DEPARTMENT, PROJECT, FormCatalogue
from desktop.services.department_setup import create_department
from desktop.services.departments import DepartmentInfo, update_department
from desktop.ui.messages import show_error
from desktop.ui.province_box import ProvinceBox

NO_FORMS = "没有适用的模板"


class DepartmentDialog(QDialog):
    """``saved(DepartmentInfo)`` fires once the changes (or the new 单位, ``department`` None) are
    in the database."""

    saved = Signal(object)

    def __init__(
        self,
        engine,
        catalogue: FormCatalogue,
        department: DepartmentInfo | None,
        year: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine, self._catalogue, self._department, self._year = engine, catalogue, department, year
        self.setWindowTitle("单位信息" if department is not None else "新建单位")
        department = department or DepartmentInfo(0, "", "", "", "", "")
        self.name = QLineEdit(department.name, objectName="name")
        self.competent = QLineEdit(department.competent_department, objectName="competent")
        self.implementing = QLineEdit(department.implementing_unit, objectName="implementing")
        self.province = ProvinceBox()
        self.province.set_province(department.province)
        self.credit_code = QLineEdit(department.credit_code, objectName="credit_code")
        self.credit_code.setPlaceholderText("18 位，如 11510903MB12345678（可空）")
        self.credit_code.setMaxLength(24)
        self.number_pattern = QLineEdit(department.matter_number_pattern, objectName="number_pattern")
        self.number_pattern.setPlaceholderText(f"如 船信〔{{年}}〕{{序号:04}}号；空则为 {DEFAULT_PATTERN}")
        self.forms = QLabel(objectName="forms", wordWrap=True)
        self.province.currentIndexChanged.connect(self._show_forms)
        form = QFormLayout()
        form.addRow("单位名称：", self.name)
        form.addRow("主管部门：", self.competent)
        form.addRow("实施单位：", self.implementing)
        form.addRow("省份：", self.province)
        form.addRow("统一社会信用代码：", self.credit_code)
        form.addRow("信访编号格式：", self.number_pattern)
        form.addRow(f"{year} 年适用表格：", self.forms)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
        self._show_forms()

    def offered_forms(self) -> list[str]:
        return self.forms.text().split("\n")

    def _show_forms(self) -> None:
        province = self.province.province()
        try:
            offered = self._catalogue.offered(province, self._year)
        except UserInputError as error:  # a broken template file: say which
            self.forms.setText(str(error))
            return
        kinds = {form.kind for form in offered}
        missing = [f"{KINDS[kind]}：{NO_FORMS}" for kind in (DEPARTMENT, PROJECT) if kind not in kinds]
        self.forms.setText("\n".join([form.text for form in offered] + missing) or NO_FORMS)

    def accept(self) -> None:
        values = {
            "competent_department": self.competent.text(),
            "implementing_unit": self.implementing.text(),
            "province": self.province.province(),
            "credit_code": self.credit_code.text(),
            "matter_number_pattern": self.number_pattern.text(),
        }
        try:
            if self._department is None:
                saved = create_department(self._engine, self.name.text(), **values)
            else:
                saved = update_department(self._engine, self._department.id, name=self.name.text(), **values)
        except UserInputError as error:
            show_error(self, str(error))
            return
        super().accept()
        self.saved.emit(saved)
