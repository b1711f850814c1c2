"""300 generated broken workbooks (issue 10): each refused with one Chinese line, no traceback,
the database bytes unchanged, none over 10 s, the importing process under 500 MB."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import insert

from desktop.storage import models as M
from tests.services.broken_workbooks import KINDS, make

REASONS = {  # what the one line names, for each kind (any of the alternatives)
    "merged_cells": ("合并单元格",),
    "formula": ("公式没有计算结果",),
    "last_row_far_below": ("合并单元格", "公式没有计算结果", "行有内容，但数据在第"),
    "styled_to_the_end": ("“上月”不是日期",),
    "wrong_type": ("不是日期", "不存在", "不是数字", "超出"),
    "missing_header": ("缺少必填列",),
    "no_header_row": ("第 1 行应为表头",),
    "huge_string": ("内容过长",),
    "duplicate_number": ("重复",),
    "bad_date": ("应在 2000-01-01 至今天", "早于登记日期"),
    "bad_id": ("身份证号",),
    "bad_phone": ("联系电话",),
    "bad_enumeration": ("来源“网格员上报”", "信访形式“传真”"),
    "negative_amount": ("不能为负数",),
    "too_many_problems": ("已发现 1000 处问题",),
    "truncated_zip": ("已损坏",),
    "not_a_zip": ("不是 Excel 工作簿", "旧版 .xls", "已损坏"),
    "damaged_sheet_xml": ("已损坏",),
    "nothing_to_import": ("没有可导入的数据", "缺少必填列"),
    "unknown_visit_matter": ("在信访事项中不存在",),
}
PER_KIND = 15  # 20 kinds × 15 seeds = 300 workbooks
ROOT = Path(__file__).resolve().parents[2]


def test_300_broken_workbooks_are_refused_untouched_in_bounded_time_and_memory(engine, db_path, tmp_path):
    with engine.begin() as connection:
        department = connection.execute(
            insert(M.Department.__table__).values(name="测试局")
        ).inserted_primary_key[0]
        connection.execute(
            insert(M.Petition.__table__).values(
                department_id=department, number="B-1", registered_on=date(2023, 1, 5), channel="来信"
            )
        )
    engine.dispose()
    files = []
    assert set(REASONS) == set(KINDS)
    for kind in KINDS:
        for seed in range(PER_KIND):
            path = tmp_path / f"{kind}-{seed}.xlsx"
            make(kind, seed, path)
            files.append(str(path))
    assert len(files) == 300

    child = subprocess.run(
        [sys.executable, "-m", "tests.services.broken_child", str(db_path), *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        timeout=600,
        check=True,
    )

    report = json.loads(child.stdout)
    results = report["results"]
    assert [r["file"] for r in results if r["status"] != 2] == []
    assert [r["file"] for r in results if "Traceback" in r["stderr"] or r["stderr"].count("\n") != 1] == []
    assert [r["file"] for r in results if not r["stderr"].startswith("ziping-cli: ")] == []
    assert [r["file"] for r in results if r["changed"]] == []
    wrong_reason = [
        (r["file"], r["stderr"][:120])
        for r in results
        if not any(reason in r["stderr"] for reason in REASONS[r["file"].rsplit("-", 1)[0]])
    ]
    assert wrong_reason == []
    assert [(r["file"], round(r["seconds"], 1)) for r in results if r["seconds"] > 10] == []
    assert report["peak_mib"] < 500
    assert "11010519491231002" not in child.stdout  # no full ID number in any message
