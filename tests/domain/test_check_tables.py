"""Stated table figures against the tables computed from the lines, with the 万元 rounding tolerance.

A 贵州 文旅局 (not the sample: other province, 类 207, 政府性基金, no previous year) read from a
workbook printed in 万元 or in 元; the expected gaps are worked out by hand.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from desktop.domain.check_tables import TableFigures, check_tables, source_text, source_unit
from desktop.domain.checks import Statement
from desktop.domain.final_tables import Fact, cell_key, expenditure_facts, income_fact, load_table_set
from desktop.paths import FORMS

PUBLIC, FUND = "一般公共预算财政拨款", "政府性基金预算财政拨款"
NAMES = {
    "207": "文化旅游体育与传媒支出",
    "20701": "文化和旅游",
    "2070101": "行政运行",
    "2070199": "其他文化和旅游支出",
}
WAN, YUAN = "万元", "元"


@pytest.fixture(scope="module")
def sichuan():
    return load_table_set(FORMS / "final-accounts-sichuan.toml")


def lines() -> list[Fact]:
    """两行明细: 2070101 基本 434.71 万元, 2070199 项目 12.30 万元 (政府性基金)."""
    return [
        *expenditure_facts("2070101", "基本支出", PUBLIC, D("4347100.00")),
        *expenditure_facts("2070199", "项目支出", FUND, D("123000.00")),
    ]


def stated(row: str, column: str, wan: str, unit: str = WAN) -> Statement:
    where = source_text("文旅局2023.xlsx 工作表“公开03表”第 8 行", unit)
    return Statement(cell_key("公开03表", row, column), D(wan) * D(10000), None, where)


def check(sichuan, statements, facts=None):
    table = TableFigures.of(sichuan.table("expenditure"), facts or lines(), NAMES)
    return check_tables([table], statements)


def test_a_cell_of_one_rounded_line_off_by_one_hundredth_of_a_wan_is_no_finding(sichuan):
    # 2070101 basic is one line, 434.71; printed 434.72 (rounded on its own) is within 0.01
    assert check(sichuan, [stated("2070101", "basic", "434.72")]) == []
    # the 合计 of two lines (434.71 + 12.30 = 447.01) may be off by 0.02
    assert check(sichuan, [stated("total", "total", "447.03")]) == []


def test_a_cell_of_one_line_off_by_two_hundredths_is_one_finding_at_its_place(sichuan):
    (finding,) = check(sichuan, [stated("2070101", "basic", "434.73"), stated("total", "total", "447.01")])
    assert (finding.rule, finding.severity) == ("V9", "确定")
    assert finding.place == {"tab": "预算决算", "table": "公开03表", "row": "2070101", "column": "basic"}
    assert (finding.expected, finding.actual) == ("434.71", "434.73")
    assert finding.message == (
        "公开03表支出决算表 · 行政运行 · 基本支出：公开为 434.73 万元"
        "（文旅局2023.xlsx 工作表“公开03表”第 8 行，金额单位：万元），按 1 行明细计算为 434.71 万元，"
        "相差 0.02，允许相差 0.01（每个四舍五入的加数 0.01）"
    )


def test_the_total_of_two_lines_off_by_three_hundredths_is_a_finding(sichuan):
    (finding,) = check(sichuan, [stated("total", "total", "447.04")])
    assert finding.where == "公开03表支出决算表 · 合计 · 本年支出合计"
    assert "相差 0.03，允许相差 0.02" in finding.message


def test_a_table_in_yuan_is_compared_to_the_fen(sichuan):
    statement = Statement(
        cell_key("公开03表", "207", "total"), D("4470100.01"), None, source_text("工作表“支出”第 9 行", YUAN)
    )
    (finding,) = check(sichuan, [statement])
    assert (finding.expected, finding.actual) == ("4470100.00", "4470100.01")
    assert finding.message.endswith("按 2 行明细计算为 4470100.00 元，相差 0.01")


def test_a_cell_with_no_line_stated_as_zero_is_no_finding_and_as_an_amount_is_one(sichuan):
    assert check(sichuan, [stated("total", "remitted", "0.00")]) == []
    (finding,) = check(sichuan, [stated("total", "remitted", "0.02")])
    assert finding.place["column"] == "remitted"
    assert "按 0 行明细计算为 0.00 万元" in finding.message


def summary_facts() -> list[Fact]:
    return [
        income_fact("一般公共预算财政拨款收入", "2070101", D("4347100.00")),
        income_fact("政府性基金预算财政拨款收入", "2070199", D("123000.00")),
        *lines(),
    ]


def summary_stated(income_total: str, expenditure_total: str) -> list[Statement]:
    where = source_text("工作表“总表”", WAN)
    return [
        Statement(cell_key("公开01表", "income_total", "income"), D(income_total) * 10000, None, where),
        Statement(
            cell_key("公开01表", "expenditure_total", "expenditure"),
            D(expenditure_total) * 10000,
            None,
            where,
        ),
    ]


def test_v6_whenever_the_stated_totals_of_the_two_sides_differ_even_within_rounding(sichuan):
    table = TableFigures.of(sichuan.table("summary"), summary_facts(), NAMES)
    assert check_tables([table], summary_stated("447.01", "447.01")) == []
    findings = check_tables([table], summary_stated("447.01", "447.02"))
    # 支出总计 447.02 is within 0.02 of its two lines (447.01): no V5, but the sides differ
    (v6,) = findings
    assert v6.rule == "V6"
    assert v6.message == (
        "公开01表收入支出决算总表 · 收入总计与支出总计：收入总计 447.01 万元（工作表“总表”，金额单位：万元）"
        "与支出总计 447.02 万元（工作表“总表”，金额单位：万元）不相等，相差 0.01 万元"
    )


def test_source_unit_reads_the_end_of_the_source():
    assert source_unit(source_text("工作表“公开01表”第 9 行", "千元")) == "千元"
    assert source_unit("决算说明 一、收入支出决算总体情况") == "元"


def test_a_table_the_lines_cannot_fill_is_one_finding_saying_why(sichuan):
    income = [
        income_fact("一般公共预算财政拨款收入", "", D("4347100.00"))
    ]  # no 科目: 表02 lists income by 科目
    table = TableFigures.of(sichuan.table("income"), income, NAMES)
    (finding,) = check_tables([table], [stated("total", "total", "434.71")])
    assert (finding.rule, finding.severity, finding.where) == ("V8", "疑似", "公开02表收入决算表")
    assert finding.message.endswith("没有功能分类科目，无法按科目列示：本表公开的数字无法按明细核对")
