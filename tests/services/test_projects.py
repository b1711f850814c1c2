"""ProjectService on the seed's 处非专项经费 project, entered into a temporary database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.domain.money import format_percent, format_wan
from desktop.errors import UserInputError
from desktop.services.projects import ProjectService
from desktop.storage.database import open_database
from tests.services.chufei import CODE, NAME, add_chufei_project


@pytest.fixture
def chufei(engine):
    department_id, project_id = add_chufei_project(engine)
    return ProjectService(engine), department_id, project_id


def test_the_project_list_shows_the_seed_figures(chufei):
    service, department_id, _ = chufei
    [row] = service.list(department_id, 2023)
    assert (row.code, row.name) == (CODE, NAME)
    assert format_wan(row.adjusted_budget) == "131.65"
    assert format_wan(row.executed) == "117.65"
    assert format_percent(row.execution_rate) == "89.37%"
    # 10 × 117.65 / 131.65 = 8.9366 → 8.94; eight indicators met (80) and 资金到位 85 of 100 → 8.50
    assert row.score == Decimal("97.44")
    assert row.grade == "优"
    assert service.list(department_id, 2022) == []


def test_the_detail_has_the_funding_rows_and_the_total(chufei):
    service, _, project_id = chufei
    detail = service.get(project_id)
    assert [row.source for row in detail.funding] == [
        "财政资金",
        "财政专户管理资金",
        "单位资金",
        "其他资金",
        "本年财政拨款",
        "上年结转资金",
    ]
    fiscal = detail.funding[0]
    assert [
        format_wan(fiscal.initial_budget),
        format_wan(fiscal.adjusted_budget),
        format_wan(fiscal.executed),
    ] == [
        "85.00",
        "131.65",
        "117.65",
    ]
    assert detail.funding[1].execution_rate is None
    assert detail.total.adjusted_budget == Decimal("1316500.00")
    assert detail.scores.execution_score == Decimal("8.94")
    assert detail.scores.weight_total == Decimal(90)
    assert [indicator.position for indicator in detail.indicators] == list(range(9))
    assert detail.indicators[-1].score == Decimal("8.50")
    assert detail.indicators[6].score == Decimal("10.00")  # 定性 “达成预期指标”: top of the band


def test_a_money_cell_takes_what_clerks_type(chufei):
    service, _, project_id = chufei
    detail = service.update_funding(project_id, "单位资金", "adjusted_budget", "1.5万元")
    assert detail.funding[2].adjusted_budget == Decimal("15000.00")
    detail = service.update_funding(project_id, "单位资金", "adjusted_budget", "２５０，０００元")
    assert detail.funding[2].adjusted_budget == Decimal("250000.00")
    assert format_wan(service.get(project_id).total.adjusted_budget) == "156.65"


def test_bad_input_names_the_field_and_saves_nothing(chufei):
    service, _, project_id = chufei
    before = service.get(project_id)
    first = before.indicators[0].id
    cases = [
        (
            lambda: service.update_funding(project_id, "财政资金", "executed", "十万"),
            "财政资金预算执行数：“十万”不是数字",
        ),
        (
            lambda: service.update_funding(project_id, "财政资金", "executed", "-3"),
            "财政资金预算执行数：金额不能为负数",
        ),
        (
            lambda: service.update_indicator(first, "nature", "大于"),
            "指标“大型集中宣传月活动开展次数”的指标性质：“大于”不是 ≥ ≤ ＝ 定性 之一",
        ),
        (
            lambda: service.update_indicator(first, "weight", "-1"),
            "指标“大型集中宣传月活动开展次数”的权重：-1 是负数，权重不能为负数",
        ),
        (
            lambda: service.update_indicator(first, "weight", "十"),
            "指标“大型集中宣传月活动开展次数”的权重：“十”不是数字",
        ),
        (
            lambda: service.update_indicator(first, "manual_score", "9"),
            "指标“大型集中宣传月活动开展次数”的调整后得分：手工得分须先填写调整理由",
        ),
        (
            lambda: service.update_project(project_id, "execution_manual_score", "9"),
            "预算执行得分：手工得分须先填写调整理由",
        ),
        (lambda: service.update_project(project_id, "name", "  "), "项目名称：不能为空"),
    ]
    for change, message in cases:
        with pytest.raises(UserInputError) as caught:
            change()
        assert str(caught.value) == message
    assert service.get(project_id) == before


def test_a_manual_score_needs_a_reason_and_stays_in_the_weight(chufei):
    service, _, project_id = chufei
    last = service.get(project_id).indicators[-1]
    service.update_indicator(last.id, "manual_reason", "资金到位85万元，按到位率评分")
    with pytest.raises(UserInputError, match="不在0到权重10.00之间"):
        service.update_indicator(last.id, "manual_score", "11")
    detail = service.update_indicator(last.id, "manual_score", "9")
    assert (detail.indicators[-1].formula_score, detail.indicators[-1].score) == (Decimal("8.50"), Decimal(9))
    assert detail.scores.total == Decimal("97.94")
    with pytest.raises(UserInputError, match="已有手工得分，理由不能为空"):
        service.update_indicator(last.id, "manual_reason", "")


def test_nature_spellings_and_blank_weight(chufei):
    service, _, project_id = chufei
    first = service.get(project_id).indicators[0]
    assert service.update_indicator(first.id, "nature", ">=").indicators[0].nature == "≥"
    assert service.update_indicator(first.id, "nature", "=").indicators[0].nature == "＝"
    detail = service.update_indicator(first.id, "weight", "")
    assert detail.indicators[0].weight == 0
    assert detail.scores.weight_total == Decimal(80)


def test_edits_persist_after_reopening(chufei, engine, db_path):
    service, _, project_id = chufei
    first = service.get(project_id).indicators[0]
    service.update_indicator(first.id, "actual", "3")
    service.update_project(project_id, "project_lead", "张三")
    engine.dispose()
    reopened = open_database(db_path)
    try:
        detail = ProjectService(reopened).get(project_id)
        assert detail.indicators[0].actual == "3"
        assert detail.project_lead == "张三"
    finally:
        reopened.dispose()


def test_deleting_and_adding_back_an_indicator(chufei):
    service, _, project_id = chufei
    third = service.get(project_id).indicators[2]
    deleted = service.delete_indicator(third.id)
    detail = service.get(project_id)
    assert [indicator.position for indicator in detail.indicators] == list(range(8))
    assert third.level3 not in [indicator.level3 for indicator in detail.indicators]
    restored = service.add_indicator(
        project_id,
        deleted.level3,
        position=deleted.position,
        level1=deleted.level1,
        level2=deleted.level2,
        nature=deleted.nature,
        target=deleted.target,
        unit=deleted.unit,
        weight=deleted.weight,
        actual=deleted.actual,
    )
    assert restored.position == 2
    assert [indicator.level3 for indicator in service.get(project_id).indicators][2] == "差旅费保障准确率"
    with pytest.raises(UserInputError, match="不存在"):
        service.delete_indicator(third.id)


def test_a_new_indicator_needs_a_name(chufei):
    service, _, project_id = chufei
    with pytest.raises(UserInputError, match="三级指标不能为空"):
        service.add_indicator(project_id, " ")
    assert len(service.get(project_id).indicators) == 9


def test_a_project_code_is_unique_in_its_year(chufei):
    service, department_id, _ = chufei
    with pytest.raises(UserInputError, match=f"项目编码：2023年度已有项目“{CODE}”"):
        service.create_project(department_id, 2023, CODE, "重复")
    other_year = service.create_project(department_id, 2024, CODE, NAME)
    assert other_year.total.execution_rate is None
    [row] = service.list(department_id, 2024)
    assert (row.score, row.grade) == (None, "")  # no 绩效指标: not self-evaluated


def test_a_decimal_amount_is_already_yuan(chufei):
    service, _, project_id = chufei
    detail = service.update_funding(project_id, "其他资金", "executed", Decimal("1234.56"))
    assert detail.funding[3].executed == Decimal("1234.56")


def test_preview_scores_what_is_being_typed_without_saving(chufei):
    service, _, project_id = chufei
    last = service.get(project_id).indicators[-1]
    preview = service.preview_indicator(last.id, "actual", "90")
    assert preview.score == Decimal("9.00")  # 10 × 90 / 100
    assert service.preview_indicator(last.id, "weight", "-2").score is None
    assert service.get(project_id).indicators[-1].actual == "85"


def test_a_deleted_indicator_comes_back_with_its_id(chufei):
    service, _, project_id = chufei
    first = service.get(project_id).indicators[0]
    service.delete_indicator(first.id)
    service.restore_indicator(first)
    again = service.get(project_id).indicators[0]
    assert (again.id, again.level3, again.actual, again.weight) == (first.id, first.level3, "2", Decimal(10))
    with pytest.raises(UserInputError, match="已存在"):
        service.restore_indicator(first)


def test_a_new_project_takes_the_department_names_and_can_be_deleted(chufei):
    service, department_id, project_id = chufei
    created = service.create_project(department_id, 2024, "51090322T000009999999", "信访宣传经费")
    assert (created.competent_department, created.implementing_unit) == (
        "四川省遂宁市船山区信访局部门",
        "四川省遂宁市船山区信访局",
    )
    service.delete_project(project_id)
    assert service.list(department_id, 2023) == []
    with pytest.raises(UserInputError, match="不存在"):
        service.get(project_id)
    again = service.create_project(department_id, 2023, CODE, NAME, project_id=project_id)
    assert again.id == project_id and again.indicators == ()
