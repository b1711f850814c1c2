"""Departments: which one a command or a window works on, and its 单位信息 (name, 主管部门, 实施单位,
省份, 统一社会信用代码), checked before it is saved."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, select

from desktop.domain.credit_code import credit_code_problem
from desktop.domain.matter_numbers import NumberPatternError, check_pattern
from desktop.domain.provinces import normalise_province
from desktop.errors import UserInputError
from desktop.storage.audit import track
from desktop.storage.models import Department, saved_id


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    name: str
    competent_department: str
    implementing_unit: str
    province: str
    region: str
    credit_code: str = ""
    matter_number_pattern: str = ""


def _info(row: Department) -> DepartmentInfo:
    return DepartmentInfo(
        id=saved_id(row),
        name=row.name,
        competent_department=row.competent_department,
        implementing_unit=row.implementing_unit,
        province=row.province,
        region=row.region,
        credit_code=row.credit_code,
        matter_number_pattern=row.matter_number_pattern,
    )


def province_value(text: str) -> str:
    """The full name of the province typed (“四川” → “四川省”); refused when it names none or is empty."""
    if not text.strip():
        raise UserInputError("省份：请选择单位所在的省份（决定使用哪一套自评表和评价表）")
    province = normalise_province(text)
    if province is None:
        raise UserInputError(f"省份：“{text.strip()}”不是省级行政区（如“四川省”“新疆维吾尔自治区”“北京市”）")
    return province


def credit_code_value(text: str) -> str:
    """A 统一社会信用代码 in capitals without spaces, its check character verified; empty is allowed."""
    code = "".join(text.split()).upper()
    problem = credit_code_problem(code) if code else None
    if problem:
        raise UserInputError(f"统一社会信用代码：{problem}")
    return code


def matter_number_pattern_value(text: str) -> str:
    """A 信访事项编号格式 holding one {序号}; empty (the default pattern) is allowed."""
    if not text.strip():
        return ""
    try:
        return check_pattern(text)
    except NumberPatternError as error:
        raise UserInputError(f"信访编号格式：{error}") from error


def department_info(engine: Engine, department_id: int) -> DepartmentInfo:
    with Session(engine) as session:
        row = session.get(Department, department_id)
        if row is None:
            raise UserInputError(f"单位（编号 {department_id}）不存在")
        return _info(row)


def update_department(
    engine: Engine,
    department_id: int,
    *,
    name: str,
    competent_department: str,
    implementing_unit: str,
    province: str,
    credit_code: str,
    matter_number_pattern: str | None = None,
) -> DepartmentInfo:
    """Save the 单位信息 dialog: every field checked first (the first problem is refused, nothing saved)."""
    name = name.strip()
    if not name:
        raise UserInputError("单位名称：不能为空")
    values = {
        "name": name,
        "competent_department": competent_department.strip(),
        "implementing_unit": implementing_unit.strip(),
        "province": province_value(province),
        "credit_code": credit_code_value(credit_code),
    }
    if matter_number_pattern is not None:  # None leaves the stored pattern as it is
        values["matter_number_pattern"] = matter_number_pattern_value(matter_number_pattern)
    with track(Session(engine)) as session:
        row = session.get(Department, department_id)
        if row is None:
            raise UserInputError(f"单位（编号 {department_id}）不存在")
        clash = session.exec(
            select(Department).where(Department.name == name, Department.id != department_id)
        )
        if clash.first() is not None:
            raise UserInputError(f"单位名称：已有名为“{name}”的单位")
        for field, value in values.items():
            setattr(row, field, value)
        session.add(row)
        session.commit()
        return _info(row)


def list_departments(engine: Engine) -> list[DepartmentInfo]:
    with Session(engine) as session:
        return [_info(row) for row in session.exec(select(Department).order_by(Department.name))]


def resolve_department(engine: Engine, name: str | None = None) -> DepartmentInfo:
    """The department called ``name``, or the only one in the database when no name is given."""
    departments = list_departments(engine)
    if name is not None:
        for department in departments:
            if department.name == name:
                return department
        raise UserInputError(f"数据库中没有名为“{name}”的单位")
    if not departments:
        raise UserInputError("数据库中还没有单位，请先新建单位或导入示例数据（ziping-cli demo）")
    if len(departments) > 1:
        names = "、".join(department.name for department in departments)
        raise UserInputError(f"数据库中有多个单位（{names}），请用 --department 指定")
    return departments[0]
