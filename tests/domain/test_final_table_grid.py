"""The published layout of a computed table: merged headers, split 科目编码, 行次, the two-sided 总表."""

from __future__ import annotations

from decimal import Decimal as D

from desktop.domain.final_table_grid import Merge, table_grid
from desktop.domain.final_tables import compute_table, load_table_set
from desktop.paths import FORMS
from tests.domain.test_final_tables import NAMES, hubei_facts

SICHUAN = load_table_set(FORMS / "final-accounts-sichuan.toml")


def grid(number: str):
    return table_grid(compute_table(SICHUAN.table(number), hubei_facts(), NAMES))


def test_the_summary_puts_income_and_expenditure_side_by_side_in_wan():
    summary = grid("公开01表")
    assert summary.header_rows == 2
    assert summary.rows[0] == ("收入", "", "", "支出", "", "")
    assert summary.rows[1] == ("项目", "行次", "决算数", "项目", "行次", "决算数")
    # 560 000 元 = 56.00 万元; 540 000 = 54.00
    assert summary.rows[2] == (
        "一、一般公共预算财政拨款收入",
        "1",
        D("56.00"),
        "七、文化旅游体育与传媒支出",
        "13",
        D("54.00"),
    )
    assert summary.rows[-1] == ("总计", "12", D("60.80"), "", "", "")
    assert summary.rows[7][3:] == ("总计", "18", D("60.80"))
    assert Merge(0, 0, 0, 2) in summary.merges and Merge(0, 3, 0, 5) in summary.merges
    assert sum(summary.widths) == 186.0
    # 本年收入合计 and 总计 on the left; 本年支出合计 on the right only, not the 事业收入 beside it
    assert {(2 + 8, 0), (2 + 8, 2), (2 + 11, 2), (2 + 2, 3), (2 + 2, 5)} <= summary.totals
    assert (2 + 2, 0) not in summary.totals and (2 + 8, 3) not in summary.totals


def test_a_function_table_splits_the_code_into_class_section_item():
    expenditure = grid("公开03表")
    assert expenditure.rows[0][:5] == ("科目编码", "", "", "科目名称", "本年支出合计")
    assert expenditure.rows[1][:4] == ("类", "款", "项", "")
    assert expenditure.rows[2][:5] == ("", "", "", "合计", D("60.00"))
    assert expenditure.rows[6][:5] == ("207", "01", "09", "群众文化", D("1.20"))
    assert Merge(0, 0, 0, 2) in expenditure.merges and Merge(0, 3, 1, 3) in expenditure.merges
    assert sum(expenditure.widths) == 273.0


def test_three_header_rows_merge_the_vehicle_columns_under_their_heading():
    three = grid("公开13表")
    assert three.header_rows == 3
    assert three.rows[0][:2] == ("项目", "预算数")
    assert three.rows[1][3] == "公务用车购置及运行费"
    assert three.rows[2][3:6] == ("小计", "公务用车购置费", "公务用车运行费")
    assert Merge(0, 1, 0, 6) in three.merges and Merge(1, 3, 1, 5) in three.merges
    assert Merge(1, 1, 2, 1) in three.merges  # 合计 spans down
    assert three.rows[3][7] == D("2.00")
