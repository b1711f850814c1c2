"""新建单位 and the years the window offers."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from desktop.errors import UserInputError
from desktop.services.department_setup import create_department, fiscal_years
from desktop.storage.models import IncomeLine, Petition, Project


def test_a_new_department_takes_its_name_for_the_printed_units(engine):
    created = create_department(
        engine, " 遂宁市船山区信访局 ", "四川省遂宁市船山区信访局部门", province="四川省"
    )
    assert (created.name, created.competent_department, created.implementing_unit) == (
        "遂宁市船山区信访局",
        "四川省遂宁市船山区信访局部门",
        "遂宁市船山区信访局",
    )


def test_a_department_needs_a_new_name(engine):
    create_department(engine, "信访局", province="四川省")
    with pytest.raises(UserInputError) as twice:
        create_department(engine, "信访局", province="四川省")
    assert str(twice.value) == "单位名称：已有名为“信访局”的单位"
    with pytest.raises(UserInputError) as empty:
        create_department(engine, "  ", province="四川省")
    assert str(empty.value) == "单位名称：不能为空"


def test_the_years_come_from_the_departments_figures_and_register(engine):
    mine = create_department(engine, "信访局", province="四川省").id
    other = create_department(engine, "财政局", province="四川省").id
    with Session(engine) as session:
        session.add(IncomeLine(department_id=mine, year=2023, source="财政拨款收入"))
        session.add(Project(department_id=mine, year=2024, code="P1", name="处非专项"))
        session.add(IncomeLine(department_id=other, year=2019, source="财政拨款收入"))
        session.add(Petition(department_id=mine, number="X1", registered_on=date(2022, 5, 6), channel="来信"))
        session.commit()
    assert fiscal_years(engine, mine) == [2024, 2023, 2022]
    assert fiscal_years(engine, other) == [2019]
