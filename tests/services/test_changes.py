"""``ChangeFeed``: every committed write, whichever service makes it, is reported once, with its kinds
and (where the write says it) its department and year; reads and rolled-back writes say nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import insert, text

from desktop.errors import UserInputError
from desktop.services.changes import (
    BUDGET,
    CHECKPOINTS,
    DEPARTMENT,
    KINDS,
    NOTES,
    PROJECTS,
    REGISTER,
    Change,
    everything,
)
from desktop.services.container import build_services
from desktop.services.department_setup import create_department
from desktop.storage import models as M
from tests.services.excel_helpers import workbook_file


@pytest.fixture
def world(engine):
    services = build_services(engine)
    department_id = create_department(
        engine, "和田县财政局", "和田县人民政府", "和田县财政局", province="新疆维吾尔自治区"
    ).id
    reported: list[Change] = []
    services.changes.subscribe(reported.append)
    return services, department_id, reported


def test_each_write_reports_its_kind_and_where(world):
    services, department_id, reported = world
    checkpoint = services.budget.add_checkpoint(department_id, 2024, 6)
    assert reported == [Change(frozenset({CHECKPOINTS}), department_id, 2024)]
    reported.clear()
    services.budget.update_checkpoint(checkpoint, "cumulative_spending", Decimal("500000"))
    assert reported == [Change(frozenset({CHECKPOINTS}))]  # by row id: any department, any year
    reported.clear()
    services.checks.set_note(department_id, 2024, "V1", "{}", "年中调整")
    assert reported == [Change(frozenset({NOTES}), department_id, 2024)]


def test_reads_and_refused_writes_report_nothing(world):
    services, department_id, reported = world
    services.budget.checkpoints(department_id, 2024)
    services.checks.run(department_id, 2024)
    with pytest.raises(UserInputError):
        services.budget.add_checkpoint(department_id, 2024, 13)
    assert reported == []


def test_a_rolled_back_transaction_reports_nothing_and_an_unknown_table_everything(world, engine):
    services, department_id, reported = world
    with engine.connect() as connection:
        connection.execute(
            insert(M.IncomeLine.__table__).values(department_id=department_id, year=2024, source="其他收入")
        )
        connection.rollback()
    assert reported == []
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE later_table (id INTEGER PRIMARY KEY)"))
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO later_table (id) VALUES (1)"))
    assert reported == [everything()]


def test_an_import_reports_what_it_wrote(world, tmp_path):
    services, department_id, reported = world
    path = workbook_file(
        tmp_path / "in.xlsx",
        {
            "单位": [["单位名称"], ["和田县财政局"]],
            "收入": [["年度", "收入来源", "决算数"], [2024, "财政拨款收入", "12.5"]],
        },
    )
    services.excel.import_workbook(path, dry_run=True)
    assert reported == []
    services.excel.import_workbook(path)
    assert len(reported) == 1 and reported[0].touches(BUDGET)
    assert not reported[0].touches(REGISTER, PROJECTS)
    assert reported[0].concerns(department_id, 2024)


def test_changes_merge_and_say_whom_they_concern():
    budget = Change(frozenset({BUDGET}), 1, 2023)
    assert budget.concerns(1, 2023) and not budget.concerns(2, 2023) and not budget.concerns(1, 2022)
    merged = budget.merged(Change(frozenset({DEPARTMENT}), 2, 2023))
    assert merged == Change(frozenset({BUDGET, DEPARTMENT}), None, 2023)
    assert merged.concerns(2, 2023) and merged.touches(DEPARTMENT, REGISTER)
    assert everything().kinds == frozenset(KINDS)
