"""Workbooks laid out as the 决算 system publishes them, written with openpyxl from hand-made figures.

A 文旅局 of 湖南省 (not the sample: other province, 类 207, a 政府性基金 income, 年初结转): its
收入支出决算总表 (two-sided, 行次) and 支出决算表 (科目编码 over 类 / 款 / 项, merged three-row header,
栏次 row). Amounts are given as printed in the chosen unit.
"""

from __future__ import annotations

from openpyxl import Workbook

DEPARTMENT = "某县文化旅游广电体育局"

# (收入 label, 行次, amount) | (支出 label, 行次, amount), as printed in 元
SUMMARY_ROWS = (
    (("一、一般公共预算财政拨款收入", 1, 3512345.67), ("一、一般公共服务支出", 32, None)),
    (("二、政府性基金预算财政拨款收入", 2, 200000), ("七、文化旅游体育与传媒支出", 38, 3254345.67)),
    (("三、国有资本经营预算财政拨款收入", 3, None), ("八、社会保障和就业支出", 39, 300000)),
    (("八、其他收入", 8, "12,000.00"), ("二十一、住房保障支出", 52, 120000)),
    (("本年收入合计", 9, 3724345.67), ("本年支出合计", 57, 3674345.67)),
    (("使用非财政拨款结余", 10, "-"), ("结余分配", 58, None)),
    (("年初结转和结余", 11, 50000), ("年末结转和结余", 59, 100000)),
    (("总计", 12, 3774345.67), ("总计", 60, 3774345.67)),
)

EXPENDITURE_COLUMNS = (
    "本年支出合计",
    "基本支出",
    "项目支出",
    "上缴上级支出",
    "经营支出",
    "对附属单位补助支出",
)
# (类, 款, 项, 科目名称, 本年支出合计, 基本支出, 项目支出), in 元
EXPENDITURE_ROWS = (
    ("合计", None, None, None, 3674345.67, 1420000, 2254345.67),
    ("207", None, None, "文化旅游体育与传媒支出", 3254345.67, 1000000, 2254345.67),
    ("207", "01", None, "文化和旅游", 3254345.67, 1000000, 2254345.67),
    ("207", "01", "01", "行政运行", 1000000, 1000000, None),
    ("207", 1, 99, "其他文化和旅游支出", 2254345.67, None, 2254345.67),
    ("208", "05", "05", "机关事业单位基本养老保险缴费支出", 300000, 300000, None),
    ("221", "02", "01", "住房公积金", 120000, 120000, None),
)


def title_rows(sheet, title: str, number: str, unit: str, width: int) -> None:
    """Rows 1–3 as published: the title across the table, 公开NN表, 编制单位 | 金额单位."""
    sheet["A1"] = title
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(row=2, column=width, value=number)
    sheet["A3"] = f"编制单位：{DEPARTMENT}"
    sheet.cell(row=3, column=width, value=f"金额单位：{unit}")


def summary_sheet(workbook: Workbook, name: str = "Sheet1", unit: str = "元", scale=None) -> None:
    """收入支出决算总表, two-sided: 收入 (项目 行次 决算数) | 支出 (项目 行次 决算数)."""
    sheet = workbook.create_sheet(name)
    title_rows(sheet, "收入支出决算总表", "公开 01 表", unit, 6)
    sheet["A4"], sheet["D4"] = "收    入", "支    出"
    sheet.merge_cells("A4:C4")
    sheet.merge_cells("D4:F4")
    for start in (1, 4):
        for offset, word in enumerate(("项目", "行次", "决算数")):
            sheet.cell(row=5, column=start + offset, value=word)
    for number, pair in enumerate(SUMMARY_ROWS, start=6):
        for start, (label, line, amount) in zip((1, 4), pair, strict=True):
            shown = amount
            if scale and isinstance(amount, int | float):
                shown = scale(amount)
            elif scale and isinstance(amount, str) and amount != "-":
                shown = f"{scale(float(amount.replace(',', ''))):,.2f}"  # typed as text, in the unit
            for offset, value in enumerate((label, line, shown)):
                sheet.cell(row=number, column=start + offset, value=value)


def expenditure_sheet(workbook: Workbook, name: str = "表3", unit: str = "元") -> None:
    """支出决算表: 项目 (科目编码 类/款/项, 科目名称) over three merged header rows, then 栏次."""
    sheet = workbook.create_sheet(name)
    width = 4 + len(EXPENDITURE_COLUMNS)
    title_rows(sheet, "支 出 决 算 表", "公开03表", unit, width)
    sheet["A4"] = "项目"
    sheet.merge_cells("A4:D4")
    for offset, word in enumerate(EXPENDITURE_COLUMNS):
        sheet.cell(row=4, column=5 + offset, value=word)
        sheet.merge_cells(start_row=4, start_column=5 + offset, end_row=6, end_column=5 + offset)
    sheet["A5"], sheet["D5"] = "功能分类科目编码", "科目名称"
    sheet.merge_cells("A5:C5")
    sheet.merge_cells("D5:D6")
    sheet["A6"], sheet["B6"], sheet["C6"] = "类", "款", "项"
    sheet["A7"] = "栏次"
    for offset in range(len(EXPENDITURE_COLUMNS)):
        sheet.cell(row=7, column=5 + offset, value=offset + 1)
    for number, values in enumerate(EXPENDITURE_ROWS, start=8):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value)
    sheet.merge_cells("A8:D8")
    sheet.cell(row=len(EXPENDITURE_ROWS) + 9, column=1, value="注：本表反映部门本年度各项支出情况。")


# 一般公共预算财政拨款支出决算表 (四川 公开06表): (类, 款, 项, 科目名称, 年初预算数, 全年预算数, 合计,
# 基本支出, 项目支出), in 元. 2070101 has 100 000 of its 1 000 000 基本支出 from other money.
PUBLIC_BUDGET_ROWS = (
    ("合计", None, None, None, 3400000, 3600000, 3574345.67, 1320000, 2254345.67),
    ("207", "01", "01", "行政运行", 850000, 900000, 900000, 900000, None),
    ("207", "01", "99", "其他文化和旅游支出", 2000000, 2280000, 2254345.67, None, 2254345.67),
    ("208", "05", "05", "机关事业单位基本养老保险缴费支出", 300000, 300000, 300000, 300000, None),
    ("221", "02", "01", "住房公积金", 250000, 120000, 120000, 120000, None),
)


def public_budget_sheet(workbook: Workbook, name: str = "公开06表", unit: str = "元") -> None:
    """一般公共预算财政拨款支出决算表: 年初预算数 | 全年预算数 | 决算数 (合计 | 基本支出 | 项目支出)."""
    sheet = workbook.create_sheet(name)
    title_rows(sheet, "一般公共预算财政拨款支出决算表", "公开06表", unit, 9)
    sheet["A4"], sheet["E4"], sheet["F4"], sheet["G4"] = "项目", "年初预算数", "全年预算数", "决算数"
    sheet.merge_cells("A4:D4")
    sheet.merge_cells("E4:E6")
    sheet.merge_cells("F4:F6")
    sheet.merge_cells("G4:I4")
    sheet["A5"], sheet["D5"], sheet["G5"], sheet["H5"], sheet["I5"] = (
        "科目编码",
        "科目名称",
        "合计",
        "基本支出",
        "项目支出",
    )
    sheet.merge_cells("A5:C5")
    sheet.merge_cells("D5:D6")
    for column in ("G", "H", "I"):
        sheet.merge_cells(f"{column}5:{column}6")
    sheet["A6"], sheet["B6"], sheet["C6"] = "类", "款", "项"
    for number, values in enumerate(PUBLIC_BUDGET_ROWS, start=7):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value)


def published_workbook(path, fiscal: bool = False, **summary) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    summary_sheet(workbook, **summary)
    expenditure_sheet(workbook)
    if fiscal:
        public_budget_sheet(workbook)
    workbook.save(path)
