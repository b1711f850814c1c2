"""The sample's budget lines and projects, read from resources/sample/*.toml into the database.

The TOML files hold the seed's figures with a comment on where each comes from; this module
only turns them into rows (amounts in 万元 → ``Decimal`` 元 through ``parse_money``).
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session

from desktop.domain.classification import Classification
from desktop.domain.money import MoneyUnit, parse_money
from desktop.paths import SAMPLE
from desktop.storage.models import (
    BalanceLine,
    BasicExpenditureLine,
    Department,
    ExecutionCheckpoint,
    ExpenditureLine,
    IncomeLine,
    Indicator,
    Project,
    ProjectEconomicLine,
    ProjectFunding,
    ReportedAmount,
    ReportedCount,
    ThreePublicItem,
    saved_id,
)

BUDGET_FILE = SAMPLE / "budget_2023.toml"
PROJECTS_FILE = SAMPLE / "projects_2023.toml"
MONEY_FIELDS = (
    "initial_budget",
    "adjusted_budget",
    "final_amount",
    "previous_final",
    "budget",
    "cumulative_spending",
    "budget_base",
    "executed",
)
PROJECT_TEXTS = (
    "annual_goal",
    "goal_completion",
    "implementation_summary",
    "conclusion",
    "problems",
    "improvements",
)


def read_sample(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _values(row: dict) -> dict:
    """The row with its amounts parsed from 万元 strings."""
    return {
        key: parse_money(value, MoneyUnit.WAN) if key in MONEY_FIELDS else value for key, value in row.items()
    }


def add_sample_department(session: Session, data: dict) -> int:
    department = Department(**data["department"])
    session.add(department)
    session.flush()
    return saved_id(department)


def add_sample_budget(session: Session, department_id: int, data: dict, codes: Classification) -> None:
    """收入 and 支出 by 功能分类, 基本 / 项目支出 by 经济分类, 三公经费, the 说明's reported amounts and
    counts, 执行进度 of the sample year."""
    scope = {"department_id": department_id, "year": data["year"]}
    for row in data["income"]:
        session.add(IncomeLine(**scope, **_values(row)))
    for row in data["balance"]:
        session.add(BalanceLine(**scope, **_values(row)))
    for row in data["expenditure"]:
        name = codes.function_name(row["function_code"])
        session.add(ExpenditureLine(**scope, name=name, **_values(row)))
    for row in data["basic"]:
        name = codes.economic_name(row["economic_code"])
        session.add(BasicExpenditureLine(**scope, name=name, **_values(row)))
    for row in data["project_economic"]:
        name = codes.economic_name(row["economic_code"])
        session.add(ProjectEconomicLine(**scope, name=name, **_values(row)))
    for row in data["reported_amount"]:
        session.add(ReportedAmount(**scope, **_values(row)))
    for row in data["reported_count"]:
        session.add(ReportedCount(**scope, **row))
    for row in data["three_public"]:
        session.add(ThreePublicItem(**scope, **_values(row)))
    for row in data["checkpoint"]:
        session.add(ExecutionCheckpoint(**scope, **_values(row)))


def add_sample_projects(session: Session, department_id: int, data: dict, department: dict) -> None:
    """The year's projects with their 自评表 texts, funding by source and indicators."""
    for row in data["project"]:
        project = Project(
            department_id=department_id,
            year=data["year"],
            code=row["code"],
            name=row["name"],
            competent_department=department["competent_department"],
            implementing_unit=department["implementing_unit"],
            function_code=row["function_code"],
            **{key: row.get(key, "") for key in PROJECT_TEXTS},
        )
        session.add(project)
        session.flush()
        for funding in row["funding"]:
            session.add(ProjectFunding(project_id=saved_id(project), **_values(funding)))
        for position, indicator in enumerate(row.get("indicator", []), start=1):
            values = dict(indicator, weight=Decimal(indicator["weight"]))
            session.add(Indicator(project_id=saved_id(project), position=position, **values))
