"""The stated figures of an imported workbook checked against the tables computed from its lines.

A 湖南 文旅局 printed in 万元 (not the sample). Its four lines of 表03: 2070101 100.00, 2070199
225.43, 2080505 30.00, 2210201 12.00 (万元, rounded from the 元 figures), so the 合计 is 367.43.
"""

from __future__ import annotations

import json

from openpyxl import load_workbook

from desktop.cli import main
from tests.exchange.published_workbooks import published_workbook


def imported(tmp_path, capsys, edits: dict[str, float]):
    book, db = tmp_path / "wan.xlsx", tmp_path / "wan.db"
    published_workbook(book, unit="万元", scale=lambda amount: round(amount / 10000, 2))
    workbook = load_workbook(book)
    sheet = workbook["表3"]
    for column in "EFG":  # 表3 written in 元 by the helper: print it in 万元 as well
        for row in range(8, 15):
            value = sheet[f"{column}{row}"].value
            if isinstance(value, int | float):
                sheet[f"{column}{row}"] = round(value / 10000, 2)
    sheet["A3"].value, sheet["J3"].value = sheet["A3"].value, "金额单位：万元"
    for place, value in edits.items():
        name, _mark, cell = place.rpartition("!")
        workbook[name or "表3"][cell] = value
    workbook.save(book)
    assert main(["import-tables", "--db", str(db), "--year", "2023", "--province", "湖南", str(book)]) == 0
    capsys.readouterr()
    assert main(["check", "--db", str(db), "--year", "2023", "--json"]) == 0
    return [f for f in json.loads(capsys.readouterr().out)["findings"] if f["place"].get("table")]


def test_a_total_off_by_one_hundredth_per_rounded_line_is_no_finding(tmp_path, capsys):
    # 合计 367.47 against four lines of 367.43: 0.04 = 0.01 × 4; 2210201's 本年支出合计 12.01 against 12.00
    assert imported(tmp_path, capsys, {"E8": 367.47, "E14": 12.01}) == []


def test_a_cell_of_one_line_off_by_two_hundredths_is_one_finding_at_its_place(tmp_path, capsys):
    (finding,) = imported(tmp_path, capsys, {"E14": 12.02})
    assert finding["rule"] == "V9"
    assert finding["place"] == {"tab": "预算决算", "table": "公开03表", "row": "2210201", "column": "total"}
    assert (finding["expected"], finding["actual"]) == ("12.00", "12.02")
    assert finding["message"] == (
        "公开03表支出决算表 · 住房公积金 · 本年支出合计：公开为 12.02 万元"
        "（wan.xlsx 工作表“表3”第 14 行（E14），金额单位：万元），按 1 行明细计算为 12.00 万元，"
        "相差 0.02，允许相差 0.01（每个四舍五入的加数 0.01）"
    )


def test_the_total_of_four_lines_off_by_five_hundredths_is_a_finding(tmp_path, capsys):
    (finding,) = imported(tmp_path, capsys, {"E8": 367.48})
    assert finding["place"]["row"] == "total"
    assert finding["where"] == "公开03表支出决算表 · 合计 · 本年支出合计"


def test_v6_when_the_stated_totals_of_the_summary_differ_within_rounding(tmp_path, capsys):
    # 支出总计 377.44 against 收入总计 377.43: within 0.01 of its lines (no V5), but the sides differ
    (finding,) = imported(tmp_path, capsys, {"Sheet1!F13": 377.44})
    assert (finding["rule"], finding["place"]["column"]) == ("V6", "收支平衡")
    assert finding["message"].endswith("不相等，相差 0.01 万元")
