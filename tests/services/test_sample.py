"""The sample database reproduces the seed (seeds/000_c2e8158ae5782495.txt).

Expected figures are written here from the seed (quoted) or from hand arithmetic on them.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlmodel import Session, select

from desktop.cli import main
from desktop.domain.budget import progress
from desktop.domain.money import percent_value
from desktop.domain.scoring import execution_rate
from desktop.errors import UserInputError
from desktop.services.sample import build_sample_database
from desktop.storage.database import open_database
from desktop.storage.models import (
    BalanceLine,
    BasicExpenditureLine,
    Department,
    ExecutionCheckpoint,
    ExpenditureLine,
    IncomeLine,
    Indicator,
    Project,
    ProjectFunding,
    ThreePublicItem,
)


def wan(text: str) -> Decimal:
    return Decimal(text) * 10000


@pytest.fixture(scope="module")
def sample(sample_module_engine):
    with Session(sample_module_engine) as session:
        yield session


def rows(session, model, **where):
    query = select(model)
    for key, value in where.items():
        query = query.where(getattr(model, key) == value)
    return list(session.exec(query))


def test_department_as_printed_on_the_forms(sample):
    (department,) = rows(sample, Department)
    assert department.name == "遂宁市船山区信访局"
    assert department.competent_department == "四川省遂宁市船山区信访局部门"
    assert department.implementing_unit == "四川省遂宁市船山区信访局"


def test_income_and_totals(sample):
    lines = rows(sample, IncomeLine, year=2023)
    # by 功能分类 科目 (公开02表): each source adds up over its lines
    income = {
        source: SimpleNamespace(
            final_amount=sum(line.final_amount for line in lines if line.source == source),
            previous_final=sum(line.previous_final for line in lines if line.source == source),
        )
        for source in {line.source for line in lines}
    }
    assert len([line for line in lines if line.source == "一般公共预算财政拨款收入"]) == 13
    current = income["一般公共预算财政拨款收入"].final_amount + income["其他收入"].final_amount
    assert current == wan("416.54")  # “本年收入合计416.54万元”
    # to the 元: 411.944 and 4.596, printed 411.94 and 4.60 (the 支出 note in budget_2023.toml)
    assert income["一般公共预算财政拨款收入"].final_amount == wan("411.944")
    assert income["其他收入"].final_amount == wan("4.596")
    (carried_out,) = rows(sample, BalanceLine, kind="年末结转和结余")
    spent = sum(line.final_amount for line in rows(sample, ExpenditureLine, year=2023))
    # “收、支总计均为421.67万元”
    assert current + income["年初结转和结余"].final_amount == wan("421.67")
    assert spent + carried_out.final_amount == wan("421.67")
    previous = income["一般公共预算财政拨款收入"].previous_final + income["其他收入"].previous_final
    assert previous == wan("494.03")  # “2022年收入决算总额494.03万元”
    assert previous + income["年初结转和结余"].previous_final == wan("421.67") + wan("74.49")


def test_expenditure_by_kind_and_class(sample):
    lines = rows(sample, ExpenditureLine, year=2023)
    fiscal = [line for line in lines if line.funding == "一般公共预算财政拨款"]
    assert len(fiscal) == 13
    assert sum(line.final_amount for line in lines) == wan("416.18")
    # the seed's thirteen printed lines add up to 411.95 where it states 411.94: to the 元 they are
    # 411.944, each printed figure rounded half-up from it
    assert sum(line.final_amount for line in fiscal) == wan("411.944")
    assert sum(line.final_amount for line in lines if line.category == "基本支出") == wan("217.94")
    assert sum(line.final_amount for line in lines if line.category == "项目支出") == wan("198.24")
    assert sum(line.final_amount for line in fiscal if line.category == "基本支出") == wan("216.377")
    assert sum(line.final_amount for line in fiscal if line.category == "项目支出") == wan("195.567")
    by_class = {}
    for line in fiscal:
        by_class[line.function_code[:3]] = by_class.get(line.function_code[:3], 0) + line.final_amount
    # 124.137 + 174.727 + 20.84 + 49.06 = 368.764, printed 368.76 as the seed states; 0.62 + 17.46
    # + 0.04 + 1.06 + 1.21 = 20.39; 3.92 + 2.10 + 2.50 = 8.52; 14.27
    assert by_class == {"201": wan("368.764"), "208": wan("20.39"), "210": wan("8.52"), "221": wan("14.27")}
    assert all(line.adjusted_budget == line.final_amount for line in lines)  # “完成预算100%”
    assert sum(line.initial_budget for line in fiscal) == wan("377.47")  # “支出年初预算377.47万元”
    assert sum(line.previous_final for line in fiscal) == wan("443.03")
    assert sum(line.previous_final for line in lines) == wan("491.03")
    names = {line.function_code: line.name for line in lines}
    assert names["2010308"] == "信访事务" and names["2081105"] == "残疾人就业"


def test_basic_expenditure_by_economic_code(sample):
    lines = rows(sample, BasicExpenditureLine, year=2023)
    personnel = sum(line.final_amount for line in lines if line.economic_code[:3] in ("301", "303"))
    public = sum(line.final_amount for line in lines if line.economic_code[:3] == "302")
    assert personnel == wan("183.567")  # printed 183.57; the seed's 附件 truncates it to 183.56
    assert public == wan("32.81")
    assert sum(line.previous_final for line in lines if line.economic_code[:3] == "302") == wan("32.11")


def test_three_public_spending(sample):
    items = {item.item: item for item in rows(sample, ThreePublicItem, year=2023)}
    assert sum(item.final_amount for item in items.values()) == wan("0.37")
    assert sum(item.previous_final for item in items.values()) == wan("0.89")
    reception = items["国内公务接待费"]
    assert (reception.batches, reception.persons) == (3, 30)


def test_checkpoints_reproduce_the_stated_progress(sample):
    checkpoints = sorted(rows(sample, ExecutionCheckpoint, year=2023), key=lambda row: row.month)
    ratios = {
        row.month: percent_value(progress(row.cumulative_spending, row.budget_base)) for row in checkpoints
    }
    # “6月、9月、11月执行进度分别达到43.58%、66.03%、78.03%”, “12月预算执行进度达到了95.87%”
    assert ratios == {6: Decimal("43.58"), 9: Decimal("66.03"), 11: Decimal("78.03"), 12: Decimal("95.87")}


def _project(session, name):
    (project,) = rows(session, Project, name=name)
    funding = {row.source: row for row in rows(session, ProjectFunding, project_id=project.id)}
    return project, funding


def test_seven_projects_and_their_execution(sample):
    projects = rows(sample, Project, year=2023)
    assert len(projects) == 7
    rates = {}
    for project in projects:
        funding = rows(sample, ProjectFunding, project_id=project.id)
        executed = sum(row.executed for row in funding)
        adjusted = sum(row.adjusted_budget for row in funding)
        rates[project.name] = percent_value(execution_rate(executed, adjusted))
    assert rates["处非专项经费"] == Decimal("89.37")  # 117.65 / 131.65
    assert rates["维稳专项经费"] == Decimal("81.04")  # 16.71 / 20.62 = 81.038% (the seed truncates: 81.03%)
    assert rates["接访工作（到京到蓉）工作经费"] == Decimal("100.00")
    executed_total = sum(row.executed for row in rows(sample, ProjectFunding) if row.source == "财政资金")
    assert executed_total == wan("195.57")  # the 项目支出 of 财政拨款
    project, funding = _project(sample, "维稳专项经费")
    assert project.code == "51090322T000005724034"
    assert (funding["单位资金"].initial_budget, funding["单位资金"].adjusted_budget) == (
        wan("3.84"),
        wan("7.84"),
    )
    assert funding["单位资金"].executed == wan("3.93")


def test_indicator_tables_as_printed(sample):
    project, _ = _project(sample, "处非专项经费")
    indicators = sorted(rows(sample, Indicator, project_id=project.id), key=lambda row: row.position)
    assert [row.level3 for row in indicators][:2] == [
        "大型集中宣传月活动开展次数",
        "印刷各类非法融资宣传资料",
    ]
    assert [row.actual for row in indicators] == ["2", "60000", "100", "100", "100", "90", "健全", "90", "85"]
    assert sum(row.weight for row in indicators) == 90
    assert project.goal_completion.startswith("对照年度目标")
    for project in rows(sample, Project, year=2023):
        indicators = rows(sample, Indicator, project_id=project.id)
        if indicators:
            assert sum(row.weight for row in indicators) == 90, project.name
    assert len(rows(sample, Indicator)) == 8 + 9 + 7 + 7 + 7


def test_an_existing_file_is_refused_and_left_untouched(tmp_path, capsys):
    path = tmp_path / "mine.sqlite3"
    path.write_bytes(b"my own data")
    with pytest.raises(UserInputError, match="已存在"):
        build_sample_database(path)
    assert main(["demo", "--db", str(path)]) == 2
    assert "已存在，未做任何改动；要覆盖请加 --force" in capsys.readouterr().err
    assert path.read_bytes() == b"my own data"


def test_force_replaces_the_file_and_leaves_no_temporary(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    path.write_bytes(b"old")
    assert main(["demo", "--db", str(path), "--force"]) == 0
    assert "已生成示例数据库" in capsys.readouterr().out
    assert [child.name for child in tmp_path.iterdir()] == ["demo.sqlite3"]
    engine = open_database(path)
    with Session(engine) as session:
        assert len(rows(session, Project)) == 7
    engine.dispose()


def test_missing_folder_is_refused(tmp_path):
    with pytest.raises(UserInputError, match="文件夹不存在"):
        build_sample_database(tmp_path / "nowhere" / "demo.sqlite3")
