"""Cross-table check rules on hand-made records; expected figures are worked out in the comments."""

from dataclasses import replace
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.check_projects import FundingRecord, IndicatorRecord, ManualScore, ProjectRecord
from desktop.domain.check_records import (
    Accounts,
    BasicRecord,
    CheckpointRecord,
    ExpenditureRecord,
    IncomeRecord,
    ThreePublicRecord,
)
from desktop.domain.checks import Statement, amounts_agree, rate_agrees, share_agrees
from desktop.domain.cross_checks import run_checks
from desktop.domain.money import to_wan
from desktop.domain.self_evaluation import SelfEvaluationRules

W = Decimal(10000)  # 元 per 万元


def wan(text: str) -> Decimal:
    return Decimal(text) * W


def stated(key: str, amount: str | None = None, percent: str | None = None) -> Statement:
    return Statement(
        key, None if amount is None else wan(amount), None if percent is None else Decimal(percent), "测试"
    )


def rules_and_places(findings):
    return {(finding.rule, finding.place_key) for finding in findings}


def test_sums_in_wan_allow_a_cent_per_addend():
    assert amounts_agree(wan("416.18"), wan("416.17"), 1)
    assert not amounts_agree(wan("416.18"), wan("416.16"), 1)
    assert amounts_agree(wan("416.18"), wan("416.16"), 2)


def test_year_on_year_rates_accept_truncation_and_rounding():
    # DOMAIN.md V17: 1.24 / 9.04 = 13.717% printed 13.71%; 23.508% printed 23.51%.
    assert rate_agrees(Decimal("13.71"), wan("1.24"), wan("9.04"))
    assert rate_agrees(Decimal("13.72"), wan("1.24"), wan("9.04"))
    # −77.49 / 494.03 = −15.685%: the seed prints −15.68 (truncated).
    assert rate_agrees(Decimal("-15.68"), wan("-77.49"), wan("494.03"))
    # −79.09 / 491.03 = −16.107%, far from the printed −15.24.
    assert not rate_agrees(Decimal("-15.24"), wan("-79.09"), wan("491.03"))


def test_shares_are_rounded_half_up():
    assert share_agrees(Decimal("98.90"), wan("411.94"), wan("416.54"))  # 98.8957%
    assert not share_agrees(Decimal("98.79"), wan("411.94"), wan("416.18"))  # 98.9812%


def _accounts() -> Accounts:
    return Accounts(
        income=(IncomeRecord("一般公共预算财政拨款收入", wan("100.00"), wan("90.00")),
                IncomeRecord("其他收入", wan("5.00"), wan("0"))),
        expenditure=(
            ExpenditureRecord("2010301", "行政运行", "基本支出", "一般公共预算财政拨款", wan("60.00"), wan("50.00")),
            ExpenditureRecord("2010302", "一般行政管理事务", "项目支出", "一般公共预算财政拨款", wan("40.00"), wan("40.00")),
            ExpenditureRecord("2010302", "一般行政管理事务", "项目支出", "其他资金", wan("5.00"), wan("0")),
        ),
        basic=(BasicRecord("30101", "一般公共预算财政拨款", wan("50.00"), wan("45.00")),
               BasicRecord("30201", "一般公共预算财政拨款", wan("10.00"), wan("5.00"))),
        three_public=(ThreePublicRecord("国内公务接待费", wan("0.30"), wan("0.40")),),
        checkpoints=(CheckpointRecord(6, wan("42.00"), wan("105.00")),),
    )  # fmt: skip


def test_consistent_records_and_statements_give_no_finding():
    statements = [
        stated("本年收入合计", "105.00"),
        stated("收入·一般公共预算财政拨款收入", "100.00", "95.24"),  # 100 / 105 = 95.238%
        stated("本年支出合计", "105.00"),
        stated("项·2010301", "60.00"),
        stated("类·201", "100.00"),
        stated("人员经费", "50.00"),
        stated("三公经费", "0.30"),
        stated("三公经费增减额", "-0.10"),
        stated("三公经费增减率", None, "-25.00"),  # −0.10 / 0.40
        stated("执行进度·6月", None, "40.00"),  # 42 / 105
    ]
    assert run_checks(_accounts(), [], statements) == []


def test_a_wrong_record_is_reported_once_where_it_is():
    statements = [stated("项·2010302", "41.00"), stated("类·201", "101.00"), stated("本年支出合计", "106.00")]
    findings = run_checks(_accounts(), [], statements)
    # The 项 record 40.00 disagrees with its statement 41.00; the 类 and the total are checked on
    # the stated 项 (60 + 41 = 101; 101 + 5 其他资金 = 106) and so agree.
    assert [(f.rule, f.place, f.expected, f.actual) for f in findings] == [
        ("S1", {"tab": "预算决算", "function_code": "2010302", "column": "决算"}, "40.00", "41.00")
    ]


def test_a_total_that_is_not_the_sum_of_its_parts():
    findings = run_checks(_accounts(), [], [stated("本年收入合计", "104.00")])
    assert [(f.rule, f.severity, f.expected, f.actual) for f in findings] == [
        ("V1", "确定", "105.00", "104.00")
    ]
    assert findings[0].message.startswith("“本年收入合计”公开为 104.00 万元")


def test_shares_and_changes_are_checked_as_printed():
    statements = [
        stated("收入·其他收入", "5.00", "4.00"),  # 5 / 105 = 4.76%
        stated("三公经费增减额", "-0.20"),  # 0.30 − 0.40 = −0.10
        stated("执行进度·6月", None, "45.00"),  # 40.00%
    ]
    findings = run_checks(_accounts(), [], statements)
    assert sorted((f.rule, f.expected, f.actual) for f in findings) == [
        ("S1", "40.00%", "45.00%"),
        ("V16", "4.76%", "4.00%"),
        ("V17", "-0.10", "-0.20"),
    ]


SICHUAN = SelfEvaluationRules(Decimal(10), Decimal(100), (("绩效指标", Decimal(90)),))  # 预算执行 10 + 绩效指标 90


def _project(executed: str, *, weights=("30", "30", "30"), reason: str = "", cost: str = "") -> ProjectRecord:
    indicators = tuple(
        IndicatorRecord(row, "产出指标", "数量指标", f"指标{row}", "次", Decimal(weight), "")
        for row, weight in enumerate(weights, start=1)
    )
    if cost:
        indicators += (
            IndicatorRecord(len(weights) + 1, "成本指标", "经济成本指标", "成本", "万元", Decimal(0), cost),
        )
    funding = (FundingRecord("财政资金", wan("20.00"), wan(executed)),)
    return ProjectRecord("P1", "测试项目", funding, indicators, reason, rules=SICHUAN)


def test_project_weights_rate_reasons_and_cost():
    assert run_checks(Accounts(), [_project("19.00")], []) == []  # 95%, weights 90
    findings = run_checks(Accounts(), [_project("17.00", weights=("30", "30", "28"), cost="18")], [])
    assert sorted((f.rule, f.severity, f.where, f.expected, f.actual) for f in findings) == [
        ("P1", "确定", "项目 测试项目 · 绩效指标 · 权重合计", "90.00", "88.00"),
        ("P2", "确定", "项目 测试项目 · 预算执行 · 原因", "说明原因", "85.00%"),  # 17 / 20
        ("V20", "疑似", "项目 测试项目 · 绩效指标第4行 · 完成值", "≤ 17.00", "18.00"),
    ]
    assert run_checks(Accounts(), [_project("17.00", reason="年底资金未支付")], []) == []
    over = run_checks(Accounts(), [_project("21.00")], [])
    assert [(f.rule, f.severity, f.actual) for f in over] == [("P3", "疑似", "105.00%")]


def test_project_statements_and_the_decision_list():
    statements = [
        stated("自评表执行数·P1·财政资金", "19.00"),
        stated("自评表执行数·P1", "19.00"),
        stated("自评表调整后预算·P1", "20.00"),
        stated("自评表执行率·P1", None, "94.00"),  # 19 / 20 = 95.00%
        stated("项目支出·P1", "18.00"),
    ]
    findings = run_checks(Accounts(), [_project("19.00")], statements)
    assert sorted((f.rule, f.expected, f.actual) for f in findings) == [
        ("V16", "95.00%", "94.00%"),
        ("V19", "19.00", "18.00"),
    ]


def test_manual_scores_far_from_the_formula():
    place = {"tab": "评价打分", "item": "执行进度"}
    scores = [
        ManualScore("部门整体评价表 · 执行进度 · 得分", place, Decimal("9.75"), Decimal("9"), "按序时进度"),
        ManualScore(
            "部门整体评价表 · 预算完成 · 得分",
            {"tab": "评价打分", "item": "x"},
            Decimal("9.59"),
            Decimal("9.5"),
        ),
    ]
    findings = run_checks(Accounts(), [], [], scores)
    assert [(f.rule, f.severity, f.expected, f.actual, f.place) for f in findings] == [
        ("P4", "提示", "9.75", "9.00", place)
    ]


CODES = ("2010301", "2010302", "2010350", "2080505", "2101101", "2210201")


@st.composite
def published_accounts(draw):
    """Records of 一般公共预算财政拨款 by 项 and the statements a report would print from them."""
    amounts = draw(st.lists(st.integers(0, 10**9), min_size=len(CODES), max_size=len(CODES)))  # 分
    lines = tuple(
        ExpenditureRecord(code, code, "基本支出" if code != "2010302" else "项目支出", "一般公共预算财政拨款",
                          Decimal(fen) / 100, Decimal(0))
        for code, fen in zip(CODES, amounts, strict=True)
    )  # fmt: skip
    printed = {line.function_code: to_wan(line.final) for line in lines}
    statements = [Statement(f"项·{code}", value * W) for code, value in printed.items()]
    classes: dict[str, Decimal] = {}
    for code, value in printed.items():
        classes[code[:3]] = classes.get(code[:3], Decimal(0)) + value
    statements += [Statement(f"类·{code}", value * W) for code, value in classes.items()]
    statements.append(Statement("一般公共预算财政拨款支出", sum(classes.values()) * W))
    statements.append(Statement("本年支出合计", sum(classes.values()) * W))
    return Accounts(expenditure=lines), statements


@given(published_accounts(), st.sampled_from(CODES), st.integers(30000, 10**10))  # ≥ 0.03 万元
def test_a_report_printed_from_the_records_agrees_and_one_changed_record_is_found_once(published, code, fen):
    accounts, statements = published
    assert run_checks(accounts, [], statements) == []
    changed = tuple(
        replace(line, final=line.final + Decimal(fen) / 100) if line.function_code == code else line
        for line in accounts.expenditure
    )
    findings = run_checks(replace(accounts, expenditure=changed), [], statements)
    assert [(f.rule, f.place) for f in findings] == [
        ("S1", {"tab": "预算决算", "function_code": code, "column": "决算"})
    ]


def _with_reception(basic_amount: str) -> Accounts:
    """_accounts() with ``basic_amount`` of the 公用经费 10.00 booked under 30217 公务接待费."""
    rest = wan("10.00") - wan(basic_amount)
    basic = (
        BasicRecord("30101", "一般公共预算财政拨款", wan("50.00"), wan("45.00")),
        BasicRecord("30201", "一般公共预算财政拨款", rest, wan("5.00")),
        BasicRecord("30217", "一般公共预算财政拨款", wan(basic_amount), wan("0")),
    )
    return replace(_accounts(), basic=basic)


def test_three_public_against_its_economic_line():
    # 三公 国内公务接待费 0.30 = 30217 0.30
    assert run_checks(_with_reception("0.30"), [], []) == []
    below = run_checks(_with_reception("0.50"), [], [])  # 0.30 < 0.50: certainly wrong
    assert [(f.rule, f.severity, f.place, f.expected, f.actual) for f in below] == [
        ("V15", "确定", {"tab": "预算决算", "economic_code": "30217", "column": "决算"}, "0.50", "0.30")
    ]
    above = run_checks(_with_reception("0.20"), [], [])  # 0.30 > 0.20: the rest may be 项目支出
    assert [(f.rule, f.severity) for f in above] == [("V15", "疑似")]
    assert above[0].message == (
        "三公经费 国内公务接待费 决算 0.30 万元，基本支出经济分类 30217 公务接待费 决算 0.20 万元，"
        "两者应相等（差额若在项目支出中，请在说明中注明）"
    )


def test_a_three_public_record_reported_against_its_statement_is_not_reported_again():
    statements = [stated("三公·国内公务接待费", "0.50"), stated("三公经费", "0.50")]
    findings = run_checks(_with_reception("0.50"), [], statements)
    # the record 0.30 disagrees with the published 0.50 (S1); that it also differs from 30217 0.50
    # is the same mistake
    assert [(f.rule, f.place) for f in findings] == [
        ("S1", {"tab": "预算决算", "section": "三公经费", "item": "国内公务接待费", "column": "决算"})
    ]
