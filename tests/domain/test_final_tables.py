"""The 决算公开 table sets read from forms/ and every table computed from hand-made facts.

The department is not the sample: a 湖北 文旅局 (the national 9 tables) with 政府性基金, 事业收入,
a 项目 under 207, no previous year. Every expected amount below is added up by hand in 元.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from desktop.domain.final_tables import (
    Fact,
    FinalTablesError,
    cell_key,
    chinese_number,
    compute_table,
    compute_tables,
    expenditure_facts,
    income_fact,
    load_table_set,
    parse_table_set,
)
from desktop.paths import FORMS
from desktop.services.catalogue import FormCatalogue

PUBLIC, FUND, OTHER = "一般公共预算财政拨款", "政府性基金预算财政拨款", "其他资金"
NAMES = {
    "201": "一般公共服务支出",
    "202": "外交支出",
    "203": "国防支出",
    "204": "公共安全支出",
    "205": "教育支出",
    "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出",
    "20701": "文化和旅游",
    "2070101": "行政运行",
    "2070109": "群众文化",
    "2070199": "其他文化和旅游支出",
    "20760": "国家电影事业发展专项资金安排的支出",
    "2076001": "资助国产影片放映",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "301": "工资福利支出",
    "30101": "基本工资",
    "30108": "机关事业单位基本养老保险缴费",
    "302": "商品和服务支出",
    "30201": "办公费",
    "30217": "公务接待费",
    "30227": "委托业务费",
    "30231": "公务用车运行维护费",
    "303": "对个人和家庭的补助",
    "30302": "退休费",
    "310": "资本性支出",
    "31002": "办公设备购置",
}


def _economic(code: str, category: str, amount: str) -> Fact:
    return Fact("经济分类支出", D(amount), PUBLIC, category=category, economic_code=code)


def _three_public(item: str, budget: str, final: str) -> list[Fact]:
    return [
        Fact("三公经费", D(budget), PUBLIC, item=item, figure="预算"),
        Fact("三公经费", D(final), PUBLIC, item=item),
    ]


def hubei_facts() -> list[Fact]:
    """湖北某县文化和旅游局 2024: 560 000 一般公共预算, 30 000 政府性基金, 12 000 事业收入."""
    return [
        income_fact("一般公共预算财政拨款收入", "2070101", D("500000.00")),
        income_fact("一般公共预算财政拨款收入", "2080505", D("60000.00")),
        income_fact("政府性基金预算财政拨款收入", "2076001", D("30000.00")),
        income_fact("事业收入", "2070109", D("12000.00")),
        Fact("年初结转和结余", D("5000.00"), PUBLIC, function_code="2070101"),
        Fact("年初结转和结余", D("1000.00"), FUND, function_code="2076001"),
        *expenditure_facts("2070101", "基本支出", PUBLIC, D("480000.00"), D("470000.00"), D("485000.00")),
        *expenditure_facts("2070199", "项目支出", PUBLIC, D("20000.00"), D("0.00"), D("25000.00")),
        *expenditure_facts("2080505", "基本支出", PUBLIC, D("60000.00"), D("60000.00"), D("60000.00")),
        *expenditure_facts("2076001", "项目支出", FUND, D("28000.00")),
        *expenditure_facts("2070109", "项目支出", OTHER, D("12000.00")),
        Fact("年末结转和结余", D("5000.00"), PUBLIC, function_code="2070101"),
        Fact("年末结转和结余", D("3000.00"), FUND, function_code="2076001"),
        _economic("30101", "基本支出", "300000.00"),
        _economic("30108", "基本支出", "60000.00"),
        _economic("30302", "基本支出", "20000.00"),
        _economic("30201", "基本支出", "100000.00"),
        _economic("30217", "基本支出", "5000.00"),
        _economic("30231", "基本支出", "15000.00"),
        _economic("31002", "基本支出", "40000.00"),
        _economic("30227", "项目支出", "20000.00"),
        *_three_public("因公出国（境）费", "0.00", "0.00"),
        *_three_public("公务用车购置费", "0.00", "0.00"),
        *_three_public("公务用车运行维护费", "16000.00", "15000.00"),
        *_three_public("国内公务接待费", "6000.00", "5000.00"),
        *_three_public("外事接待费", "0.00", "0.00"),
    ]


@pytest.fixture(scope="module")
def national():
    return {t.definition.number: t for t in compute_tables(national_set(), hubei_facts(), NAMES)}


def national_set():
    return load_table_set(FORMS / "final-accounts-national.toml")


def _rows(table, side=0):
    return [(row.key, row.line, row.cells) for row in table.sides[side].rows]


def test_the_catalogue_gives_sichuan_its_13_tables_and_hubei_the_national_9():
    catalogue = FormCatalogue()
    sichuan = catalogue.table_set("四川省", 2023)
    hubei = catalogue.table_set("湖北省", 2024)
    assert [t.number for t in sichuan.tables] == [f"公开{n:02}表" for n in range(1, 14)]
    assert sichuan.tables[12].title == "财政拨款“三公”经费支出决算表"
    assert [t.title for t in hubei.tables] == [
        "收入支出决算总表",
        "收入决算表",
        "支出决算表",
        "财政拨款收入支出决算总表",
        "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表",
        "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款支出决算表",
        "财政拨款“三公”经费支出决算表",
    ]
    assert catalogue.table_set("四川", 2023).id == "final-accounts-sichuan"
    assert catalogue.table_set("四川省", 2021).id == "final-accounts-national"  # 2021 had 14, not this 13
    with pytest.raises(FinalTablesError, match="没有适用于湖北省 2019 年的决算公开表套"):
        catalogue.table_set("湖北省", 2019)


def test_the_summary_has_both_sides_with_line_numbers_and_equal_totals(national):
    summary = national["公开01表"]
    income = {key: (line, cells[0]) for key, line, cells in _rows(summary, 0)}
    assert income["public_budget"] == (1, D("560000.00"))
    assert income["fund_budget"] == (2, D("30000.00"))
    assert income["business_income"] == (5, D("12000.00"))
    assert income["other_income"] == (8, D("0.00"))
    assert income["current_income"] == (9, D("602000.00"))
    assert income["carried_in"] == (11, D("6000.00"))
    assert income["income_total"] == (12, D("608000.00"))
    assert _rows(summary, 1) == [
        ("207", 13, (D("540000.00"),)),
        ("208", 14, (D("60000.00"),)),
        ("current_expenditure", 15, (D("600000.00"),)),
        ("distributed", 16, (D("0.00"),)),
        ("carried_out", 17, (D("8000.00"),)),
        ("expenditure_total", 18, (D("608000.00"),)),
    ]
    # the 支出 side names a 类 by its place in the edition, without its code
    assert [row.label for row in summary.sides[1].rows[:2]] == [
        "七、文化旅游体育与传媒支出",
        "八、社会保障和就业支出",
    ]
    assert not summary.empty


def test_income_and_expenditure_tables_list_class_section_item_with_the_total_first(national):
    income = national["公开02表"]
    assert [row.key for row in income.sides[0].rows] == [
        "total", "207", "20701", "2070101", "2070109", "20760", "2076001", "208", "20805", "2080505",
    ]  # fmt: skip
    assert income.cell("total", "total") == D("602000.00")
    assert income.cell("207", "total") == D("542000.00")
    assert income.cell("207", "fiscal") == D("530000.00")
    assert income.cell("2070109", "business_income") == D("12000.00")
    assert income.cell("20701", "fiscal") == D("500000.00")
    expenditure = national["公开03表"]
    assert expenditure.cell("total", "total") == D("600000.00")
    assert expenditure.cell("207", "basic") == D("480000.00")
    assert expenditure.cell("207", "project") == D("60000.00")
    assert expenditure.cell("2070199", "project") == D("20000.00")
    levels = {row.key: row.level for row in expenditure.sides[0].rows}
    assert (levels["207"], levels["20701"], levels["2070199"], levels["total"]) == ("类", "款", "项", "")


def test_the_fiscal_summary_takes_only_the_three_fiscal_fundings(national):
    fiscal = national["公开04表"]
    income = {key: cells[0] for key, _, cells in _rows(fiscal, 0)}
    assert income["current_income"] == D("590000.00")
    assert income["carried_in"] == D("6000.00")
    assert income["carried_in_fund"] == D("1000.00")
    assert income["income_total"] == D("596000.00")
    assert fiscal.cell("207", "expenditure") == D("528000.00")
    assert fiscal.cell("207", "public") == D("500000.00")
    assert fiscal.cell("207", "fund") == D("28000.00")
    assert fiscal.cell("current_expenditure", "expenditure") == D("588000.00")
    assert fiscal.cell("carried_out", "fund") == D("3000.00")
    assert fiscal.cell("expenditure_total", "expenditure") == D("596000.00")


def test_the_public_budget_tables_split_basic_and_project_and_personnel_and_public(national):
    public = national["公开05表"]
    assert public.cell("total", "total") == D("560000.00")
    assert public.cell("total", "basic") == D("540000.00")
    assert public.cell("2070199", "project") == D("20000.00")
    basic = national["公开06表"]
    assert _rows(basic, 0) == [
        ("301", None, (D("360000.00"),)),
        ("30101", None, (D("300000.00"),)),
        ("30108", None, (D("60000.00"),)),
        ("303", None, (D("20000.00"),)),
        ("30302", None, (D("20000.00"),)),
        ("personnel_total", None, (D("380000.00"),)),
    ]
    assert basic.cell("public_total", "public") == D("160000.00")
    assert basic.cell("302", "public") == D("120000.00")
    assert basic.cell("310", "public") == D("40000.00")


def test_a_fund_with_lines_is_printed_and_one_without_says_the_table_has_no_data(national):
    fund = national["公开07表"]
    assert not fund.empty
    assert [fund.cell("total", key) for key in ("carried_in", "income", "total", "project", "carried_out")] == [
        D("1000.00"), D("30000.00"), D("28000.00"), D("28000.00"), D("3000.00"),
    ]  # fmt: skip
    assert [row.key for row in fund.sides[0].rows] == ["total", "207", "20760", "2076001"]
    capital = national["公开08表"]
    assert capital.empty
    assert capital.definition.empty_note.format(year=2024) == (
        "说明：本部门2024年度没有使用国有资本经营预算财政拨款安排的支出，故本表无数据。"
    )
    assert [row.key for row in capital.sides[0].rows] == ["total"]


def test_three_public_budget_and_final_by_item(national):
    three = national["公开09表"]
    cells = dict(
        zip([c.key for c in three.sides[0].definition.columns], three.sides[0].rows[0].cells, strict=True)
    )
    assert cells["budget_total"] == D("22000.00")
    assert cells["budget_vehicles"] == D("16000.00")
    assert cells["budget_reception"] == D("6000.00")
    assert cells["final_total"] == D("20000.00")
    assert cells["final_vehicle_running"] == D("15000.00")
    assert cells["final_vehicle_purchase"] == D("0.00")
    assert cells["final_reception"] == D("5000.00")


def test_the_sichuan_set_prints_budget_columns_beside_the_final_ones():
    sichuan = load_table_set(FORMS / "final-accounts-sichuan.toml")
    public = compute_table(sichuan.table("公开06表"), hubei_facts(), NAMES)
    assert public.cell("total", "initial") == D("530000.00")
    assert public.cell("total", "adjusted") == D("570000.00")
    assert public.cell("total", "total") == D("560000.00")
    projects = compute_table(sichuan.table("公开09表"), hubei_facts(), NAMES)
    assert [(row.key, row.cells) for row in projects.sides[0].rows] == [
        ("total", (D("0.00"), D("25000.00"), D("20000.00"))),
        ("207", (D("0.00"), D("25000.00"), D("20000.00"))),
        ("20701", (D("0.00"), D("25000.00"), D("20000.00"))),
        ("2070199", (D("0.00"), D("25000.00"), D("20000.00"))),
    ]
    detail = compute_table(sichuan.table("公开07表"), hubei_facts(), NAMES)
    assert detail.cell("total", "total") == D("560000.00")
    assert detail.cell("302", "project") == D("20000.00")
    assert cell_key("公开03表", "2010301", "basic") == "公开03表·2010301·basic"


@pytest.mark.parametrize(
    ("number", "text"), [(1, "一"), (7, "七"), (10, "十"), (17, "十七"), (20, "二十"), (32, "三十二")]
)
def test_chinese_ordinals(number, text):
    assert chinese_number(number) == text


def test_income_without_a_function_code_cannot_be_listed_by_code():
    facts = [income_fact("其他收入", "", D("4600.00"))]
    table = national_set().table("收入决算表")
    with pytest.raises(FinalTablesError) as raised:
        compute_table(table, facts, NAMES)
    assert str(raised.value) == "公开02表收入决算表：收入“其他收入”没有功能分类科目，无法按科目列示"


def _one_table(**table) -> dict:
    side = {"columns": [{"key": "amount", "heading": ["金额"]}], "rows": [{"key": "a", "label": "甲"}]}
    side.update(table.pop("side", {}))
    return {
        "kind": "final-accounts",
        "province": "湖北省",
        "from_year": 2024,
        "title": "测试",
        "tables": [{"number": "公开01表", "key": "t", "title": "表", "sides": [side], **table}],
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"select": {"colour": "红"}}, "决算表套“hubei.toml”的公开01表：select 中的“colour”不是数据字段"),
        (
            {"select": {"figure": "预算"}},
            "决算表套“hubei.toml”的公开01表：figure（预算数 / 决算数）只能写在列的 select 中",
        ),
        ({"layout": "two-sided"}, "决算表套“hubei.toml”的公开01表：two-sided 的表应有 2 个 sides"),
        (
            {"side": {"rows": [{"key": "s", "sum": ["x"]}]}},
            "决算表套“hubei.toml”的公开01表行“s”：sum 中的“x”不是本边的行",
        ),
        (
            {"orientation": "sideways"},
            "决算表套“hubei.toml”的公开01表：字段“orientation”应为 portrait / landscape，而不是“sideways”",
        ),
    ],
)
def test_a_broken_definition_names_the_file_table_and_field(change, message):
    with pytest.raises(FinalTablesError) as raised:
        parse_table_set(_one_table(**change), "hubei")
    assert str(raised.value).startswith(message)
