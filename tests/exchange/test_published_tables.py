"""``export-tables``: the 决算公开表 as an Excel workbook in the published layout (a sheet per table,
title rows, 编制单位 / 金额单位 line, merged multi-row headers, 行次, the two-sided 总表)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.services.catalogue import FormCatalogue
from desktop.services.final_tables import FinalTablesService
from tests.services.wenlv import YEAR, add_wenlv_department


@pytest.fixture(scope="module")
def workbook(sample_original, tmp_path_factory):
    from tests.conftest import copy_sample

    folder = tmp_path_factory.mktemp("tables")
    path = copy_sample(sample_original, folder)
    out = folder / "决算公开表.xlsx"
    assert main(["export-tables", "--db", str(path), "--year", "2023", "--out", str(out)]) == 0
    return load_workbook(out)


def _texts(sheet, row):
    return [cell.value for cell in sheet[row]]


def test_a_sheet_per_sichuan_table_named_by_number_and_title(workbook):
    assert len(workbook.sheetnames) == 13
    assert workbook.sheetnames[0] == "公开01表 收入支出决算总表"
    assert workbook.sheetnames[12] == "公开13表 财政拨款“三公”经费支出决算表"


def test_the_summary_sheet_holds_the_seeds_totals_beside_each_other(workbook):
    sheet = workbook["公开01表 收入支出决算总表"]
    assert sheet["F1"].value == "公开01表"
    assert sheet["A2"].value == "收入支出决算总表" and "A2:F2" in sheet.merged_cells
    assert (sheet["A3"].value, sheet["F3"].value) == ("编制单位：遂宁市船山区信访局", "金额单位：万元")
    assert _texts(sheet, 4) == ["收入", None, None, "支出", None, None]
    assert "A4:C4" in sheet.merged_cells and "D4:F4" in sheet.merged_cells
    assert _texts(sheet, 5) == ["项目", "行次", "决算数", "项目", "行次", "决算数"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=6, max_row=17, values_only=True)}
    # held to the 分 (411.944, the sample's 元), shown with two decimals
    assert rows["一、一般公共预算财政拨款收入"][1:3] == ("1", 411.944)
    assert sheet.cell(6, 3).number_format == "0.00"
    assert rows["本年收入合计"][1:3] == ("9", 416.54)
    assert rows["总计"][1:3] == ("12", 421.67)
    right = {row[3]: row[4:6] for row in sheet.iter_rows(min_row=6, max_row=17, values_only=True) if row[3]}
    assert right["本年支出合计"] == ("17", 416.18)
    assert right["总计"] == ("20", 421.67)
    assert sheet["C6"].number_format == "0.00"
    assert sheet.page_setup.orientation == "portrait" and sheet.print_title_rows == "$4:$5"


def test_a_function_table_has_split_codes_and_a_two_row_header(workbook):
    sheet = workbook["公开03表 支出决算表"]
    assert _texts(sheet, 4)[:5] == ["科目编码", None, None, "科目名称", "本年支出合计"]
    assert _texts(sheet, 5)[:3] == ["类", "款", "项"]
    assert "A4:C4" in sheet.merged_cells and "D4:D5" in sheet.merged_cells
    assert _texts(sheet, 6)[3:7] == ["合计", 416.18, 217.94, 198.24]
    assert _texts(sheet, 11)[:5] == ["201", "03", "08", "信访事务", 20.84]
    assert sheet.page_setup.orientation == "landscape"


def test_an_empty_fund_table_says_so_under_its_header(workbook):
    sheet = workbook["公开11表 国有资本经营预算财政拨款收入支出决算表"]
    notes = [row[0] for row in sheet.iter_rows(min_row=7, values_only=True) if row[0]]
    assert (
        notes[0]
        == "说明：本单位2023年度没有国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出，故本表无数据。"
    )


def test_a_hubei_department_gets_the_national_nine(engine, tmp_path):
    department_id = add_wenlv_department(engine)
    out = tmp_path / "湖北.xlsx"
    report = FinalTablesService(engine, FormCatalogue()).export_workbook(department_id, YEAR, out)
    assert report == f"已导出 {out}（部门决算公开表，共 9 张表）"
    sheet = load_workbook(out)["公开07表 政府性基金预算财政拨款收入支出决算表"]
    # 年初 0.10, 本年收入 3.00, 支出 2.80 (all 项目), 年末 0.30 万元
    assert _texts(sheet, 9) == ["207", "60", "01", "资助国产影片放映", 0.1, 3, 2.8, 0, 2.8, 0.3]
