"""``ziping-cli demo`` / ``ziping --demo``: the sample database built from the seed.

The department, its 2023 budget lines (with the 2022 figures the seed implies), the seven
projects with their indicators, the scorecards, the published figures the checks compare
against, the 决算说明's texts the clerk writes (主要原因 …), and a synthetic petition register. The file is built under a temporary name in the
target's folder and renamed only when complete, so a failure never leaves half a database.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, select

from desktop.errors import UserInputError
from desktop.services.classification import classification_for_year
from desktop.services.report_sample import add_sample_report_texts
from desktop.services.sample_budget import (
    BUDGET_FILE,
    PROJECTS_FILE,
    add_sample_budget,
    add_sample_department,
    add_sample_projects,
    read_sample,
)
from desktop.services.sample_register import add_sample_register
from desktop.services.sample_scorecards import add_sample_scorecards
from desktop.services.sample_stated import add_sample_stated_figures
from desktop.storage.database import open_database
from desktop.storage.models import ExpenditureLine, Indicator, Petition, Project


def _check_target(path: Path, force: bool) -> None:
    if path.is_dir():
        raise UserInputError(f"{path} 是一个文件夹，不能作为数据库文件")
    if path.exists() and not force:
        raise UserInputError(f"{path} 已存在，未做任何改动；要覆盖请加 --force")
    if not path.parent.is_dir():
        raise UserInputError(f"文件夹不存在：{path.parent}")


def _fill(engine) -> str:
    budget, projects = read_sample(BUDGET_FILE), read_sample(PROJECTS_FILE)
    year = budget["year"]
    with Session(engine) as session:
        department_id = add_sample_department(session, budget)
        add_sample_budget(session, department_id, budget, classification_for_year(year))
        add_sample_projects(session, department_id, projects, budget["department"])
        session.commit()
    with engine.begin() as connection:
        add_sample_register(connection, department_id)
    with Session(engine) as session:
        add_sample_scorecards(session, department_id, year)
        add_sample_stated_figures(session, department_id)
        add_sample_report_texts(session, department_id)
        session.commit()
    with Session(engine) as session:
        lines, project_count, indicators, matters = (
            session.exec(select(func.count()).select_from(model)).one()
            for model in (ExpenditureLine, Project, Indicator, Petition)
        )
    name = budget["department"]["name"]
    return (
        f"{name} {year} 年：支出 {lines} 行，项目 {project_count} 个，绩效指标 {indicators} 个，"
        f"信访事项 {matters} 件"
    )


def build_sample_database(path: Path, *, force: bool = False) -> str:
    """Write the sample database to ``path``; returns a one-line Chinese summary.

    An existing file is refused (``UserInputError``) unless ``force`` is given, and is replaced
    only once the new database is complete.
    """
    path = Path(path)
    _check_target(path, force)
    handle, temporary_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".building", dir=path.parent)
    os.close(handle)
    temporary = Path(temporary_name)
    temporary.unlink()  # open_database creates the file itself
    try:
        engine = open_database(temporary, create=True)
        try:
            summary = _fill(engine)
        finally:
            engine.dispose()
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return f"已生成示例数据库 {path}（{summary}）"
