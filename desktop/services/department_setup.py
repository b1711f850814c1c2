"""新建单位 and the fiscal years a department has figures for (the window's selectors)."""

from __future__ import annotations

from sqlalchemy import Engine, extract, union
from sqlmodel import Session, col, select

from desktop.errors import UserInputError
from desktop.services.departments import (
    DepartmentInfo,
    credit_code_value,
    list_departments,
    matter_number_pattern_value,
    province_value,
)
from desktop.storage.audit import track
from desktop.storage.models import (
    Department,
    ExecutionCheckpoint,
    ExpenditureLine,
    IncomeLine,
    Petition,
    Project,
    Scorecard,
)


def create_department(
    engine: Engine,
    name: str,
    competent_department: str = "",
    implementing_unit: str = "",
    *,
    province: str,
    credit_code: str = "",
    matter_number_pattern: str = "",
) -> DepartmentInfo:
    """Add a 预算单位; the name is required and must be new, the province chosen (it decides the forms:
    there is no default). 主管部门 / 实施单位 default to the name; 统一社会信用代码 and 信访编号格式
    are checked as in 单位信息."""
    name = name.strip()
    if not name:
        raise UserInputError("单位名称：不能为空")
    if any(department.name == name for department in list_departments(engine)):
        raise UserInputError(f"单位名称：已有名为“{name}”的单位")
    province = province_value(province)
    credit_code = credit_code_value(credit_code)
    matter_number_pattern = matter_number_pattern_value(matter_number_pattern)
    with track(Session(engine)) as session:
        department = Department(
            name=name,
            competent_department=competent_department.strip() or name,
            implementing_unit=implementing_unit.strip() or name,
            province=province,
            credit_code=credit_code,
            matter_number_pattern=matter_number_pattern,
        )
        session.add(department)
        session.commit()
        department_id = department.id
    return next(department for department in list_departments(engine) if department.id == department_id)


def fiscal_years(engine: Engine, department_id: int) -> list[int]:
    """The years with budget lines, projects, scorecards, checkpoints or petitions, newest first."""
    yearly = [
        select(table.year).where(table.department_id == department_id)
        for table in (IncomeLine, ExpenditureLine, Project, Scorecard, ExecutionCheckpoint)
    ]
    petitions = select(extract("year", col(Petition.registered_on))).where(
        Petition.department_id == department_id
    )
    with Session(engine) as session:
        years = session.scalars(union(*yearly, petitions)).all()
    return sorted({int(year) for year in years if year is not None}, reverse=True)
