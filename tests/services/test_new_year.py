"""新建年度 on the sample (2023 → 2024) and on a 文旅局 with a zero base; expected values are read from
the source year's rows in the test."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import Session, func, select

from desktop.cli import main
from desktop.errors import UserInputError
from desktop.services.new_year import NewYearService
from desktop.storage.models import (
    BalanceLine,
    BasicExpenditureLine,
    Department,
    ExpenditureLine,
    IncomeLine,
    Indicator,
    Project,
    ProjectFunding,
    ThreePublicItem,
)

ZERO = Decimal("0.00")
SEED_PROJECTS = {
    "接访工作（到京到蓉）工作经费",
    "处非专项经费",
    "治理重复访化解信访积案专项经费",
    "维稳专项经费",
    "租用办公场所经费",
}


def lines(session, table, department_id, year, key):
    rows = session.exec(select(table).where(table.department_id == department_id, table.year == year)).all()
    return {key(row): row for row in rows}


KEYS = {
    IncomeLine: lambda r: (r.source, r.function_code),
    ExpenditureLine: lambda r: (r.function_code, r.category, r.funding),
    BalanceLine: lambda r: r.kind,
    BasicExpenditureLine: lambda r: (r.economic_code, r.funding),
    ThreePublicItem: lambda r: r.item,
}
CURRENT = {
    IncomeLine: ("initial_budget", "adjusted_budget", "final_amount"),
    ExpenditureLine: ("initial_budget", "adjusted_budget", "final_amount"),
    BalanceLine: ("final_amount",),
    BasicExpenditureLine: ("budget", "final_amount"),
    ThreePublicItem: ("budget", "final_amount", "batches", "persons", "vehicles"),
}


def indicators_of(session, project):
    query = (
        select(Indicator).where(Indicator.project_id == project.id).order_by(Indicator.position, Indicator.id)
    )
    return session.exec(query).all()


def test_2024_from_the_sample_carries_projects_indicators_and_last_years_final(sample_engine):
    with Session(sample_engine) as session:
        department_id = session.exec(select(Department.id)).one()
    created = NewYearService(sample_engine).start(department_id, 2023, 2024)
    with Session(sample_engine) as session:
        for table, key in KEYS.items():
            before = lines(session, table, department_id, 2023, key)
            after = lines(session, table, department_id, 2024, key)
            assert before and set(after) == set(before), table
            for code, line in before.items():
                assert after[code].previous_final == line.final_amount, (table, code)
                assert all(getattr(after[code], field) in (ZERO, 0) for field in CURRENT[table]), (
                    table,
                    code,
                )
        xinfang = lines(session, ExpenditureLine, department_id, 2024, KEYS[ExpenditureLine])
        # the seed: 信访事务 2023 决算 20.84 万元 becomes 2024's 上年决算
        assert xinfang[("2010308", "项目支出", "一般公共预算财政拨款")].previous_final == Decimal("208400.00")
        old = lines(session, Project, department_id, 2023, lambda p: p.code)
        new = lines(session, Project, department_id, 2024, lambda p: p.code)
        assert set(new) == set(old) and {p.name for p in new.values()} >= SEED_PROJECTS
        count = 0
        for code, project in old.items():
            copy = new[code]
            assert (copy.name, copy.function_code, copy.annual_goal) == (
                project.name, project.function_code, project.annual_goal,
            )  # fmt: skip
            assert (copy.goal_completion, copy.conclusion, copy.execution_manual_score) == ("", "", None)
            was, now = indicators_of(session, project), indicators_of(session, copy)
            assert [(i.level1, i.level2, i.level3, i.nature, i.target, i.unit, i.weight) for i in now] == [
                (i.level1, i.level2, i.level3, i.nature, i.target, i.unit, i.weight) for i in was
            ]
            assert all((i.actual, i.manual_score, i.shortfall_reason) == ("", None, "") for i in now)
            fundings = session.exec(select(ProjectFunding).where(ProjectFunding.project_id == copy.id)).all()
            old_sources = session.exec(
                select(ProjectFunding.source).where(ProjectFunding.project_id == project.id)
            )
            assert sorted(f.source for f in fundings) == sorted(old_sources)
            assert all(
                (f.initial_budget, f.adjusted_budget, f.executed) == (ZERO, ZERO, ZERO) for f in fundings
            )
            count += len(now)
        lines_2024 = sum(len(lines(session, table, department_id, 2024, key)) for table, key in KEYS.items())
    assert (created.year, created.projects, created.indicators, created.lines) == (
        2024,
        len(old),
        count,
        lines_2024,
    )


def test_a_year_that_already_has_data_is_refused_and_nothing_changes(sample_engine):
    with Session(sample_engine) as session:
        department_id = session.exec(select(Department.id)).one()
    service = NewYearService(sample_engine)
    service.start(department_id, 2023, 2024)
    with Session(sample_engine) as session:
        before = session.exec(select(func.count()).select_from(ExpenditureLine)).one()
        projects = session.exec(select(func.count()).select_from(Project).where(Project.year == 2024)).one()
    with pytest.raises(UserInputError) as error:
        service.start(department_id, 2023, 2024)
    assert str(error.value) == (
        f"新建年度：2024 年已有数据（收入 16 行、支出 15 行、结转结余 1 行、基本支出 26 行、三公经费 5 项、"
        f"项目 {projects} 个），不能再从 2023 年新建"
    )
    with Session(sample_engine) as session:
        assert session.exec(select(func.count()).select_from(ExpenditureLine)).one() == before


@pytest.fixture
def wenlv(engine):
    with Session(engine) as session:
        department = Department(name="某县文化广播电视和旅游局", province="湖南省")
        session.add(department)
        session.commit()
        department_id = department.id
        session.add_all(
            [
                ExpenditureLine(
                    department_id=department_id,
                    year=2024,
                    function_code="2070101",
                    name="行政运行",
                    category="基本支出",
                    funding="一般公共预算财政拨款",
                    final_amount=Decimal("812345.67"),
                ),
                ExpenditureLine(
                    department_id=department_id,
                    year=2024,
                    function_code="2070199",
                    name="其他文化和旅游支出",
                    category="项目支出",
                    funding="政府性基金预算财政拨款",
                    final_amount=ZERO,
                ),
            ]  # fmt: skip
        )
        session.commit()
    return NewYearService(engine), department_id


def test_a_wenlv_ju_with_a_zero_line_and_no_projects(wenlv, engine):
    service, department_id = wenlv
    assert service.start(department_id, 2024, 2025).describe(2024) == (
        "已新建 2025 年：项目 0 个（绩效指标 0 个），预算决算 2 行；上年决算取自 2024 年决算，本年各数为 0，待录入"
    )
    with Session(engine) as session:
        after = lines(session, ExpenditureLine, department_id, 2025, KEYS[ExpenditureLine])
    assert {code: line.previous_final for code, line in after.items()} == {
        ("2070101", "基本支出", "一般公共预算财政拨款"): Decimal("812345.67"),
        ("2070199", "项目支出", "政府性基金预算财政拨款"): ZERO,
    }


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        (2022, 2023, "新建年度：2022 年没有任何数据，无从新建 2023 年"),
        (2024, 2026, "新建年度：上年决算取自上一年，2024 年之后应新建 2025 年"),
    ],
)
def test_a_year_without_data_or_not_the_next_one_is_refused(wenlv, source, target, message):
    service, department_id = wenlv
    with pytest.raises(UserInputError) as error:
        service.start(department_id, source, target)
    assert str(error.value) == message


def test_new_year_command(sample_path, capsys):
    assert main(["new-year", "--db", str(sample_path), "--from", "2023", "--to", "2024"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("遂宁市船山区信访局：已新建 2024 年：项目 7 个（绩效指标 ")
    assert main(["new-year", "--db", str(sample_path), "--from", "2023", "--to", "2024"]) == 2
    assert "ziping-cli: 新建年度：2024 年已有数据（" in capsys.readouterr().err


def test_a_year_of_lines_by_fund_and_code_is_carried_with_each_fund(tmp_path):
    # the 湖北 文旅局 holds 年初结转和结余 and 年末结转和结余 by fund and 科目 (政府性基金 2076001)
    from desktop.storage.database import open_database
    from tests.services.wenlv import YEAR, add_wenlv_department

    engine = open_database(tmp_path / "文旅.sqlite3", create=True)
    department_id = add_wenlv_department(engine)
    NewYearService(engine).start(department_id, YEAR, YEAR + 1)
    with Session(engine) as session:
        for table, key in (
            (IncomeLine, lambda r: (r.source, r.function_code, r.funding)),
            (BalanceLine, lambda r: (r.kind, r.funding, r.function_code)),
        ):
            before = lines(session, table, department_id, YEAR, key)
            after = lines(session, table, department_id, YEAR + 1, key)
            assert set(after) == set(before)
            assert {k: row.previous_final for k, row in after.items()} == {
                k: row.final_amount for k, row in before.items()
            }
        assert ("年初结转和结余", "2076001", "政府性基金预算财政拨款") in lines(
            session, IncomeLine, department_id, YEAR + 1, lambda r: (r.source, r.function_code, r.funding)
        )
    engine.dispose()
