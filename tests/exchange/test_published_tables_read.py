"""Reading 决算 tables in their published layouts (title rows, 编制单位, 金额单位, merged headers, 行次)."""

from decimal import Decimal

import pytest
from openpyxl import Workbook

from desktop.exchange.published_layout import match_title
from desktop.exchange.published_tables_read import read_published_tables
from desktop.services.classification import classification_for_year
from tests.exchange.published_workbooks import (
    DEPARTMENT,
    expenditure_sheet,
    published_workbook,
    summary_sheet,
    title_rows,
)

TITLES = (
    "收入支出决算总表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款基本支出决算表",
    "财政拨款“三公”经费支出决算表",
)
CLASSES = {name: code for code, name in classification_for_year(2023).function.items() if len(code) == 3}


def read(path):
    return read_published_tables(path, TITLES, CLASSES)


def side(table, name):
    return {row.label: (row.code, row.total, row.values["决算数"]) for row in table.rows if row.side == name}


def test_two_sided_summary_in_yuan_found_by_title_whatever_the_sheet_is_called(tmp_path):
    path = tmp_path / "wenlv.xlsx"
    published_workbook(path)
    result = read(path)
    assert result.problems == []
    summary, expenditure = result.tables
    assert (summary.sheet, summary.title, summary.number) == ("Sheet1", "收入支出决算总表", "公开01表")
    assert (summary.department, summary.unit) == (DEPARTMENT, "元")
    assert summary.columns == {"收入": ("决算数",), "支出": ("决算数",)}
    income = side(summary, "收入")
    assert income["一、一般公共预算财政拨款收入"] == ("", False, Decimal("3512345.67"))
    assert income["八、其他收入"] == ("", False, Decimal("12000.00"))  # “12,000.00” typed as text
    assert income["使用非财政拨款结余"] == ("", False, None)  # “-” is nothing, not 0
    assert income["本年收入合计"] == ("", True, Decimal("3724345.67"))
    assert income["总计"] == ("", True, Decimal("3774345.67"))
    spending = side(summary, "支出")
    # the 类 named without a code, found by its name in the 2023 科目
    assert spending["七、文化旅游体育与传媒支出"] == ("207", False, Decimal("3254345.67"))
    assert spending["二十一、住房保障支出"] == ("221", False, Decimal("120000.00"))
    assert spending["一、一般公共服务支出"] == ("201", False, None)
    assert spending["本年支出合计"] == ("", True, Decimal("3674345.67"))
    assert [row.row for row in summary.rows if row.label == "年末结转和结余"] == [12]


def test_codes_over_three_columns_and_a_merged_three_row_header(tmp_path):
    path = tmp_path / "wenlv.xlsx"
    published_workbook(path)
    expenditure = read(path).tables[1]
    assert expenditure.title == "支出决算表"  # printed “支 出 决 算 表”
    assert expenditure.columns[""] == (
        "本年支出合计",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
    )
    rows = [
        (row.code, row.label, row.total, row.values["本年支出合计"], row.values["项目支出"])
        for row in expenditure.rows
    ]
    assert rows == [
        ("", "合计", True, Decimal("3674345.67"), Decimal("2254345.67")),
        ("207", "文化旅游体育与传媒支出", False, Decimal("3254345.67"), Decimal("2254345.67")),
        ("20701", "文化和旅游", False, Decimal("3254345.67"), Decimal("2254345.67")),
        ("2070101", "行政运行", False, Decimal("1000000.00"), None),
        (
            "2070199",
            "其他文化和旅游支出",
            False,
            Decimal("2254345.67"),
            Decimal("2254345.67"),
        ),  # 款 1, 项 99 as numbers
        ("2080505", "机关事业单位基本养老保险缴费支出", False, Decimal("300000.00"), None),
        ("2210201", "住房公积金", False, Decimal("120000.00"), None),
    ]
    assert expenditure.rows[3].letters["基本支出"] == "F"
    assert expenditure.notes == ["注:本表反映部门本年度各项支出情况。"]


@pytest.mark.parametrize(
    ("unit", "scale", "expected"),
    [
        ("万元", lambda amount: round(amount / 10000, 2), Decimal("3512300.00")),  # 351.23 万元
        ("千元", lambda amount: round(amount / 1000, 3), Decimal("3512346.00")),  # 3512.346 千元
    ],
)
def test_amounts_in_wan_or_thousands_are_converted_exactly_to_yuan(tmp_path, unit, scale, expected):
    path = tmp_path / "wan.xlsx"
    published_workbook(path, unit=unit, scale=scale)
    summary = read(path).tables[0]
    assert summary.unit == unit
    assert side(summary, "收入")["一、一般公共预算财政拨款收入"][2] == expected


def test_an_amount_finer_than_one_fen_or_not_a_number_is_a_problem_at_its_cell(tmp_path):
    workbook = Workbook()
    summary_sheet(workbook, "总表", unit="万元", scale=lambda amount: round(amount / 10000, 2))
    sheet = workbook["总表"]
    sheet["C7"] = 20.0000001  # 0.001 元
    sheet["F8"] = "三十万"
    path = tmp_path / "bad.xlsx"
    workbook.save(path)
    problems = [str(problem) for problem in read(path).problems]
    assert problems == [
        "工作表“总表”第 7 行“决算数”列（C7）：“20.0000001”万元精确到了分以下",
        "工作表“总表”第 8 行“决算数”列（F8）：“三十万”不是数字",
    ]


def test_title_variants_quotes_spaces_and_numbers(tmp_path):
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet = workbook.create_sheet("13")
    title_rows(sheet, '2023年度财政拨款 "三公" 经费支出决算表', "公开13表", "万元", 4)
    grant = workbook.create_sheet("04")
    title_rows(grant, "财政拨款收入支出决算总表", "公开04表", "万元", 4)
    for target in (sheet, grant):
        target["A4"], target["B4"] = "预算数", "决算数"
        target["A5"] = 1.5
    path = tmp_path / "titles.xlsx"
    workbook.save(path)
    result = read(path)
    assert [(table.sheet, table.title, table.number) for table in result.tables] == [
        ("13", "财政拨款“三公”经费支出决算表", "公开13表"),
        ("04", "财政拨款收入支出决算总表", "公开04表"),  # not 收入支出决算总表, which it contains
    ]


def test_three_public_header_of_three_merged_rows_gives_one_label_per_column(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    title_rows(sheet, "财政拨款“三公”经费支出决算表", "公开13表", "元", 7)
    sheet["A4"], sheet["G4"] = "决算数", "公务用车保有量（辆）"
    sheet.merge_cells("A4:F4")
    sheet.merge_cells("G4:G6")
    for column, word in (
        (1, "合计"),
        (2, "因公出国（境）费"),
        (3, "公务用车购置及运行维护费"),
        (6, "公务接待费"),
    ):
        sheet.cell(row=5, column=column, value=word)
    sheet.merge_cells("C5:E5")
    sheet.merge_cells("A5:A6")
    sheet["C6"], sheet["D6"], sheet["E6"] = "小计", "公务用车购置费", "公务用车运行费"
    for column, value in enumerate((3700, 0, 0, 0, 0, 3700, 2), start=1):
        sheet.cell(row=7, column=column, value=value)
    path = tmp_path / "sangong.xlsx"
    workbook.save(path)
    (table,) = read(path).tables
    assert table.columns[""] == (
        "决算数·合计",
        "决算数·因公出国(境)费",
        "决算数·公务用车购置及运行维护费·小计",
        "决算数·公务用车购置及运行维护费·公务用车购置费",
        "决算数·公务用车购置及运行维护费·公务用车运行费",
        "决算数·公务接待费",
        "公务用车保有量",
    )
    (row,) = table.rows
    assert row.values["决算数·合计"] == Decimal("3700.00")
    assert row.values["公务用车保有量"] == Decimal(2)  # a count: not converted


def test_code_and_name_in_one_cell_and_a_bad_code(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    title_rows(sheet, "一般公共预算财政拨款基本支出决算表", "公开08表", "元", 2)
    sheet["A4"], sheet["B4"] = "科目编码", "决算数"
    sheet["A5"], sheet["B5"] = "30101 基本工资", 1000
    sheet["A6"], sheet["B6"] = "3010", 5
    path = tmp_path / "basic.xlsx"
    workbook.save(path)
    result = read(path)
    assert [(row.code, row.label) for row in result.tables[0].rows] == [("30101", "基本工资")]
    assert [str(problem) for problem in result.problems] == [
        "工作表“Sheet”第 6 行“科目编码”列（A6）：科目编码“3010”应为 3、5 或 7 位数字"
    ]


def test_a_table_without_its_unit_line_and_a_sheet_without_title(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "总表"
    sheet["A1"], sheet["A2"] = "收入支出决算总表", f"编制单位：{DEPARTMENT}"
    sheet["A3"], sheet["B3"] = "项目", "决算数"
    sheet["A4"], sheet["B4"] = "合计", 5
    other = workbook.create_sheet("说明")
    other["A1"] = "部门决算说明"
    path = tmp_path / "nounit.xlsx"
    workbook.save(path)
    result = read(path)
    assert [str(problem) for problem in result.problems] == [
        "工作表“总表”第 3 行：没有“金额单位：元 / 千元 / 万元”一行，无法换算金额",
        "工作表“说明”：前 12 行没有已知的决算报表表名，已跳过",
    ]
    assert [problem.warning for problem in result.problems] == [False, True]


def test_a_thousand_bad_cells_stop_the_reading_with_one_line_saying_so(tmp_path):
    workbook = Workbook()
    workbook.remove(workbook.active)
    expenditure_sheet(workbook)
    sheet = workbook["表3"]
    for row in range(20, 1220):
        sheet.cell(row=row, column=4, value="行政运行")
        sheet.cell(row=row, column=5, value="一百")
    path = tmp_path / "many.xlsx"
    workbook.save(path)
    problems = read(path).problems
    assert len(problems) == 1001
    assert str(problems[-1]) == "工作簿：已发现 1000 处问题，其余未再检查"


def test_a_bracketed_word_in_a_title_is_optional():
    national = ("一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款支出决算表")
    assert (
        match_title("一般公共预算财政拨款基本支出决算（明细）表", national)
        == "一般公共预算财政拨款基本支出决算表"
    )
    assert match_title(
        "一般公共预算财政拨款基本支出决算(明细)表", ("一般公共预算财政拨款基本支出决算(明细)表",)
    ) == ("一般公共预算财政拨款基本支出决算(明细)表")
    assert (
        match_title(
            "注：本表反映一般公共预算财政拨款基本支出决算表中人员经费和公用经费的明细情况以及其他说明文字",
            national,
        )
        is None
    )
