"""The budget service on the sample and on hand-made lines; expected values from the seed or by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import Session, select

from desktop.domain.money import percent_value
from desktop.errors import UserInputError
from desktop.services.budget import BudgetService
from desktop.storage.models import Department


def wan(text: str) -> Decimal:
    return Decimal(text) * 10000


@pytest.fixture(scope="module")
def sample(sample_module_engine):
    with Session(sample_module_engine) as session:
        department_id = session.exec(select(Department.id)).one()
    return BudgetService(sample_module_engine), department_id


@pytest.fixture
def fresh(engine):
    with Session(engine) as session:
        department = Department(name="测试局", province="四川省")
        session.add(department)
        session.commit()
        return BudgetService(engine), department.id


def test_summary_of_the_sample(sample):
    service, department_id = sample
    summary = service.summary(department_id, 2023)
    assert summary.income_total.current == wan("416.54")  # “本年收入合计416.54万元”
    assert summary.income_total.previous == wan("494.03")  # “2022年收入决算总额494.03万元”
    assert summary.expenditure_total.current == wan("416.18")
    assert summary.expenditure_total.previous == wan("491.03")
    assert summary.expenditure_total.change == wan("-74.85")  # 416.18 − 491.03
    assert summary.basic.current == wan("217.94") and summary.project.current == wan("198.24")
    assert summary.personnel.current == wan("183.567") and summary.public.current == wan("32.81")
    assert summary.three_public.current == wan("0.37") and summary.three_public.previous == wan("0.89")
    assert percent_value(summary.three_public.change_rate) == Decimal("-58.43")  # “下降58.43%”
    assert summary.income_grand_total.current == wan("421.67") == summary.expenditure_grand_total.current
    # 2022 收支总计 = 421.67 + 74.49; “下降15.01%”: 74.49 / 496.16 = 15.013%
    assert summary.income_grand_total.previous == wan("496.16")
    assert percent_value(summary.income_grand_total.change_rate) == Decimal("-15.01")


def test_income_lines_with_shares(sample):
    service, department_id = sample
    lines = service.income_lines(department_id, 2023)

    def of(source):
        return [row for row in lines if row.source == source]

    # “一般公共预算财政拨款收入411.94万元，占98.90%；其他收入4.6万元，占1.10%”: a line per 科目,
    # the shares of a source's lines add up to the source's
    assert percent_value(sum(row.share for row in of("一般公共预算财政拨款收入"))) == Decimal("98.90")
    assert percent_value(sum(row.share for row in of("其他收入"))) == Decimal("1.10")
    (carried_in,) = of("年初结转和结余")
    assert (carried_in.share, carried_in.funding) == (None, "其他资金")
    assert [(row.function_code, row.change) for row in of("其他收入")] == [
        ("2010301", wan("0.723")),  # 1.923 − 1.20
        ("2010302", wan("-47.127")),  # 2.673 − 49.80
    ]


def test_expenditure_tree_subtotals(sample):
    service, department_id = sample
    tree = service.expenditure_tree(department_id, 2023)
    assert [(node.code, node.name) for node in tree] == [
        ("201", "一般公共服务支出"),
        ("208", "社会保障和就业支出"),
        ("210", "卫生健康支出"),
        ("221", "住房保障支出"),
    ]
    general = tree[0]
    # 124.137 + 1.563 (其他资金) + 174.727 + 2.673 (其他资金) + 20.84 + 49.06 = 373.00
    assert general.final_amount == wan("373.00")
    (office,) = general.children
    assert office.code == "20103" and office.level == "款"
    items = {node.code: node for node in office.children}
    assert items["2010308"].name == "信访事务" and items["2010308"].final_amount == wan("20.84")
    lines = items["2010301"].children
    assert [(line.category, line.funding, line.final_amount) for line in lines] == [
        ("基本支出", "一般公共预算财政拨款", wan("124.137")),
        ("基本支出", "其他资金", wan("1.563")),
    ]
    assert lines[0].line_id is not None and lines[0].level == "行"
    assert percent_value(tree[3].share) == Decimal("3.43")  # 14.27 / 416.18


def test_basic_lines_and_three_public(sample):
    service, department_id = sample
    basic = service.basic_lines(department_id, 2023)
    assert sum(row.final_amount for row in basic if row.kind == "人员经费") == wan("183.567")
    assert sum(row.final_amount for row in basic if row.kind == "公用经费") == wan("32.81")
    assert basic[0].economic_code == "30101" and basic[0].name == "基本工资"
    reception = {row.item: row for row in service.three_public(department_id, 2023)}["国内公务接待费"]
    assert (reception.batches, reception.persons, reception.change) == (3, 30, wan("-0.52"))


def test_checkpoints_progress_and_points(sample):
    service, department_id = sample
    rows = service.checkpoints(department_id, 2023)
    assert [(row.month, percent_value(row.progress)) for row in rows] == [
        (6, Decimal("43.58")),
        (9, Decimal("66.03")),
        (11, Decimal("78.03")),
        (12, Decimal("95.87")),
    ]
    # targets 40% / 67.5% / 82.5% worth 3 / 4 / 3; 3 × 1 = 3.00; 4 × 66.03/67.5 = 3.91;
    # 3 × 78.03/82.5 = 2.84; December 10 × 95.87% = 9.59
    assert [row.earned for row in rows] == [
        Decimal("3.00"),
        Decimal("3.91"),
        Decimal("2.84"),
        Decimal("9.59"),
    ]
    assert [row.target for row in rows] == [Decimal("0.40"), Decimal("0.675"), Decimal("0.825"), Decimal(1)]


def test_edit_add_and_delete_lines(fresh):
    service, department_id = fresh
    line_id = service.add_expenditure_line(department_id, 2023, "2010308", "项目支出")
    service.update_expenditure(line_id, "final_amount", wan("20.84"))
    (class_node,) = service.expenditure_tree(department_id, 2023)
    assert class_node.final_amount == wan("20.84")
    with pytest.raises(UserInputError, match="已有“项目支出 · 一般公共预算财政拨款”一行"):
        service.add_expenditure_line(department_id, 2023, "2010308", "项目支出")
    with pytest.raises(UserInputError, match="功能分类科目“2010307”不在2023年政府收支分类科目中"):
        service.add_expenditure_line(department_id, 2023, "2010307", "项目支出")
    with pytest.raises(UserInputError, match="决算：不能为负数"):
        service.update_expenditure(line_id, "final_amount", wan("-1"))
    with pytest.raises(UserInputError, match="“name”不能修改"):
        service.update_expenditure(line_id, "name", "x")
    service.delete_expenditure_line(line_id)
    assert service.expenditure_tree(department_id, 2023) == []
    basic_id = service.add_basic_line(department_id, 2023, "30217")
    service.update_basic(basic_id, "final_amount", wan("0.37"))
    (row,) = service.basic_lines(department_id, 2023)
    assert (row.name, row.kind, row.final_amount) == ("公务接待费", "公用经费", wan("0.37"))
    service.delete_basic_line(basic_id)
    assert service.basic_lines(department_id, 2023) == []


def test_new_department_adds_income_three_public_and_checkpoints(fresh):
    service, department_id = fresh
    service.add_expenditure_line(department_id, 2023, "2010301", "基本支出", figures=None)
    (line,) = service.expenditure_tree(department_id, 2023)[0].children[0].children[0].children
    service.update_expenditure(line.line_id, "adjusted_budget", wan("100.00"))
    income_id = service.add_income_line(department_id, 2023, "其他收入")
    service.update_income(income_id, "final_amount", wan("4.60"))
    with pytest.raises(UserInputError, match="收入项目：已有“其他收入”一行"):
        service.add_income_line(department_id, 2023, "其他收入")
    item_id = service.add_three_public_item(department_id, 2023, "国内公务接待费")
    service.update_three_public(item_id, "persons", 30)
    with pytest.raises(UserInputError, match="人次：不能为负数"):
        service.update_three_public(item_id, "persons", -1)
    checkpoint_id = service.add_checkpoint(department_id, 2023, 6)
    service.update_checkpoint(checkpoint_id, "cumulative_spending", wan("40.00"))
    (checkpoint,) = service.checkpoints(department_id, 2023)
    # base = the adjusted budget 100.00; 40.00 / 100.00 = 40% = the June target → 3 points
    assert (checkpoint.budget_base, checkpoint.earned) == (wan("100.00"), Decimal("3.00"))
    with pytest.raises(UserInputError, match="月份：13 不在 1–12 之间"):
        service.add_checkpoint(department_id, 2023, 13)
    assert service.summary(department_id, 2023).income_total.current == wan("4.60")
    service.delete_checkpoint(checkpoint_id)
    service.delete_income_line(income_id)
    service.delete_three_public_item(item_id)
    assert service.checkpoints(department_id, 2023) == [] == service.income_lines(department_id, 2023)


def test_no_scorecard_outside_sichuan_means_no_targets(engine):
    with Session(engine) as session:
        department = Department(name="外省局", province="广东省")
        session.add(department)
        session.commit()
        department_id = department.id
    service = BudgetService(engine)
    service.add_checkpoint(department_id, 2023, 6)
    (checkpoint,) = service.checkpoints(department_id, 2023)
    assert (checkpoint.target, checkpoint.points, checkpoint.earned) == (None, None, None)
