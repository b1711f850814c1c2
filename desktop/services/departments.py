"""Departments: which one a command or a window works on."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, select

from desktop.errors import UserInputError
from desktop.storage.models import Department, saved_id


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    name: str
    competent_department: str
    implementing_unit: str
    province: str
    region: str


def _info(row: Department) -> DepartmentInfo:
    return DepartmentInfo(
        id=saved_id(row),
        name=row.name,
        competent_department=row.competent_department,
        implementing_unit=row.implementing_unit,
        province=row.province,
        region=row.region,
    )


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
