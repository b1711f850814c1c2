"""Small broken workbooks of many kinds, each made from a seed: the import must refuse every one.

``make(kind, seed, path)`` writes one; ``KINDS`` lists them. Every workbook names the department
测试局 and holds at least one thing that cannot be imported, so the right outcome is always a
refusal that leaves the database as it was.
"""

from __future__ import annotations

import os
import random
import zipfile
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill

UNIT = ["单位名称"], ["测试局"]
PETITION_HEADER = ["编号", "登记日期", "信访形式", "来源", "信访人", "身份证号", "联系电话", "受理日期"]
INCOME_HEADER = ["年度", "收入来源", "功能分类科目", "年初预算", "调整后预算", "决算数"]
GOOD_ID = "11010519491231002X"


def _good_row(rng: random.Random, index: int) -> list:
    registered = date(2023, rng.randrange(1, 13), rng.randrange(1, 28))
    return [
        f"B-{index}",
        registered,
        rng.choice(("来信", "来访", "网上")),
        "直接受理",
        f"人{index}",
        GOOD_ID,
        "13800001234",
        None,
    ]


def _book(rng: random.Random, rows: list[list], sheet: str = "信访事项", header=PETITION_HEADER) -> Workbook:
    workbook = Workbook()
    unit = workbook.active
    unit.title = "单位"
    for row in UNIT:
        unit.append(row)
    data = workbook.create_sheet(sheet)
    data.append(header)
    good = [_good_row(rng, index) for index in range(rng.randrange(0, 6))] if sheet == "信访事项" else []
    position = rng.randrange(len(good) + 1)
    for row in good[:position] + rows + good[position:]:
        data.append(row)
    return workbook


def _petition(rng: random.Random, **changes) -> list:
    row = _good_row(rng, 1000 + rng.randrange(1000))
    for index, name in enumerate(PETITION_HEADER):
        if name in changes:
            row[index] = changes[name]
    return row


def _save(workbook: Workbook, path: Path) -> None:
    workbook.save(path)


def merged_cells(rng, path):
    workbook = _book(rng, [_petition(rng)])
    sheet = workbook["信访事项"]
    row = rng.randrange(1, sheet.max_row + 1)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=rng.randrange(2, 5))
    _save(workbook, path)


def formula(rng, path):
    workbook = _book(rng, [_petition(rng, 编号='=CONCAT("B-",1)')])
    _save(workbook, path)


def last_row_far_below(rng, path):
    """The issue's 5 KB workbook: a merged cell or a formula, and a value in row 1,048,576."""
    workbook = _book(rng, [_petition(rng)])
    sheet = workbook["信访事项"]
    if rng.random() < 0.5:
        sheet.merge_cells("A2:B2")
    else:
        sheet["A3"] = "=1+2"
    sheet.cell(rng.choice((1_048_576, 500_000, 20_000)), rng.randrange(1, 9), "x")
    _save(workbook, path)


def styled_to_the_end(rng, path):
    """Styling at XFD1048576 declares the whole sheet used, and a wrong type in the data."""
    workbook = _book(rng, [_petition(rng, 登记日期="上月")])
    sheet = workbook["信访事项"]
    sheet.cell(1_048_576, 16_384).fill = PatternFill("solid", fgColor="FFFF00")
    sheet.cell(rng.randrange(2, 50), rng.randrange(100, 16_384)).fill = PatternFill("solid", fgColor="00FF00")
    _save(workbook, path)


def wrong_type(rng, path):
    if rng.random() < 0.5:
        rows = [_petition(rng, 登记日期=rng.choice(("昨天", "2023-13-01", 3.5e9, True)))]
        _save(_book(rng, rows), path)
    else:
        row = [2023, "财政拨款收入", "2010308", rng.choice(("abc", "1e999", "NaN", "--5")), 10, 10]
        _save(_book(rng, [row], "收入", INCOME_HEADER), path)


def missing_header(rng, path):
    header = list(PETITION_HEADER)
    header.remove(rng.choice(("编号", "登记日期", "信访形式")))
    _save(_book(rng, [header[:1] + ["x"] * (len(header) - 1)], header=header), path)


def no_header_row(rng, path):
    workbook = _book(rng, [])
    sheet = workbook["信访事项"]
    sheet.insert_rows(1)
    _save(workbook, path)


def huge_string(rng, path):
    text = "长" * rng.choice((5_000, 20_000, 32_000))
    field = rng.choice(("编号", "信访人", "来源"))
    _save(_book(rng, [_petition(rng, **{field: text})]), path)


def duplicate_number(rng, path):
    row = _petition(rng)
    twin = list(row)
    twin[0] = rng.choice((row[0], row[0] + "\u200b", "\u202e" + row[0], row[0].replace("B", "Ｂ")))
    _save(_book(rng, [row, twin]), path)


def bad_date(rng, path):
    changes = rng.choice(
        (
            {"登记日期": date(1900, 1, 1)},
            {"登记日期": date(2099, 1, 1)},
            {"登记日期": date(2023, 5, 1), "受理日期": date(2023, 4, 1)},
        )
    )
    _save(_book(rng, [_petition(rng, **changes)]), path)


def bad_id(rng, path):
    number = rng.choice(
        (
            "000000194912310020",
            "110105209901010010",
            "110105194912310021",
            "１１０１０５１９４９１２３１００２１",
        )
    )
    _save(_book(rng, [_petition(rng, 身份证号=number)]), path)


def bad_phone(rng, path):
    phone = rng.choice(("12800001234", "1380000123", "2221234", "电话", "0000-0000"))
    _save(_book(rng, [_petition(rng, 联系电话=phone)]), path)


def bad_enumeration(rng, path):
    field, value = rng.choice((("来源", "网格员上报"), ("信访形式", "传真")))
    _save(_book(rng, [_petition(rng, **{field: value})]), path)


def negative_amount(rng, path):
    header = ["年度", "项目编码", "项目名称", "资金来源", "年初预算", "调整后预算"]
    row = [2023, "P1", "项目一", "财政资金", rng.choice((1, -1)), -rng.randrange(1, 100)]
    _save(_book(rng, [row], "项目", header), path)


def too_many_problems(rng, path):
    rows = [_petition(rng, 信访形式="传真") for _ in range(rng.randrange(1_100, 1_500))]
    for index, row in enumerate(rows):
        row[0] = f"T-{index}"
    _save(_book(rng, rows), path)


def _valid(rng: random.Random, path: Path) -> None:
    _save(_book(rng, [_petition(rng)]), path)


def truncated_zip(rng, path):
    _valid(rng, path)
    data = path.read_bytes()
    path.write_bytes(data[: rng.randrange(10, len(data) - 10)])


def not_a_zip(rng, path):
    head = rng.choice((b"", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html>", b"PK\x03\x04"))
    path.write_bytes(head + rng.randbytes(rng.randrange(0, 4096)))


def damaged_sheet_xml(rng, path):
    _valid(rng, path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet2.xml"
    xml = members[name]
    members[name] = xml[: rng.randrange(len(xml) // 2, len(xml) - 5)] + rng.choice(
        (b"", b"<c><<", b"\x00\xff")
    )
    os.unlink(path)
    with zipfile.ZipFile(path, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)


def nothing_to_import(rng, path):
    workbook = Workbook()
    workbook.active.title = rng.choice(("Sheet1", "说明", "信访事项"))
    if rng.random() < 0.5:
        workbook.active.append(["别的", "表头"])
    _save(workbook, path)


def unknown_visit_matter(rng, path):
    header = ["走访日期", "走访层级", "人数", "关联事项编号"]
    row = [date(2023, 3, 1), "到区", 1, f"NONE-{rng.randrange(1000)}"]
    _save(_book(rng, [row], "走访记录", header), path)


KINDS = {
    function.__name__: function
    for function in (
        merged_cells,
        formula,
        last_row_far_below,
        styled_to_the_end,
        wrong_type,
        missing_header,
        no_header_row,
        huge_string,
        duplicate_number,
        bad_date,
        bad_id,
        bad_phone,
        bad_enumeration,
        negative_amount,
        too_many_problems,
        truncated_zip,
        not_a_zip,
        damaged_sheet_xml,
        nothing_to_import,
        unknown_visit_matter,
    )
}


def make(kind: str, seed: int, path: Path) -> None:
    KINDS[kind](random.Random(seed), path)
