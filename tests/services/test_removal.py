"""Deleting with everything that hangs on it, and 撤销 putting it all back as it was."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop.errors import UserInputError
from desktop.services.department_setup import create_department
from desktop.services.removal import RemovalService

TABLES = (
    "department",
    "project",
    "project_funding",
    "indicator",
    "scorecard",
    "scorecard_item",
    "petition",
    "visit",
    "income_line",
    "expenditure_line",
    "execution_checkpoint",
)


def dump(engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {
            name: [tuple(row) for row in connection.execute(text(f"SELECT * FROM {name} ORDER BY id"))]
            for name in TABLES
        }


def one(engine, sql: str):
    with engine.connect() as connection:
        return connection.execute(text(sql)).scalar_one()


def test_a_project_goes_with_its_funding_indicators_and_scorecard_and_comes_back(sample_engine):
    before = dump(sample_engine)
    project_id = one(sample_engine, "SELECT project_id FROM scorecard WHERE project_id IS NOT NULL LIMIT 1")
    indicators = one(sample_engine, f"SELECT count(*) FROM indicator WHERE project_id = {project_id}")
    service = RemovalService(sample_engine)

    removed = service.take_away("project", project_id)

    assert removed.count("project") == 1 and removed.count("indicator") == indicators > 0
    assert removed.count("scorecard") == 1 and removed.count("scorecard_item") > 0
    assert one(sample_engine, f"SELECT count(*) FROM indicator WHERE project_id = {project_id}") == 0
    deleted = one(sample_engine, "SELECT count(*) FROM audit_log WHERE action = '删除'")
    assert deleted >= 1 + indicators
    service.put_back(removed)
    assert dump(sample_engine) == before


def test_a_department_goes_whole_and_its_holdings_are_counted_first(sample_engine):
    department_id = one(sample_engine, "SELECT id FROM department")
    petitions = one(sample_engine, "SELECT count(*) FROM petition")
    other = create_department(sample_engine, "黄州区财政局", province="湖北省")  # not the sample, kept
    before = dump(sample_engine)
    service = RemovalService(sample_engine)

    holdings = service.holdings("department", department_id)
    assert holdings["信访事项"] == petitions and holdings["项目"] == 7
    removed = service.take_away("department", department_id)

    assert one(sample_engine, "SELECT count(*) FROM petition") == 0
    assert one(sample_engine, "SELECT group_concat(name) FROM department") == "黄州区财政局"
    service.put_back(removed)
    assert dump(sample_engine) == before
    assert other.id in [row[0] for row in before["department"]]


def test_what_is_already_gone_is_named(sample_engine):
    service = RemovalService(sample_engine)
    with pytest.raises(UserInputError, match="^项目已不存在，可能已被删除$"):
        service.take_away("project", 987654)
