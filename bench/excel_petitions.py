"""Benchmark: export and import of 100,000 petitions against openpyxl reading and writing the same file alone.

    python bench/excel_petitions.py [--rows 100000]

Prints the CPU and wall-clock seconds of each step and the ratios (of CPU time, steadier on a
shared machine) export / openpyxl write and import / openpyxl read; the import includes every
cell's check, the domain rules and the one transaction.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook, load_workbook
from sqlalchemy import insert

from desktop.domain.petition_input import id_check_character
from desktop.domain.petitions import CHANNELS
from desktop.services.excel import ExcelService, import_into_path
from desktop.storage import models as M
from desktop.storage.database import open_database


def _petitions(department_id: int, count: int):
    start = date(2023, 1, 1)
    for index in range(count):
        registered = start + timedelta(days=index % 300)
        closed = index % 3 != 0
        first = f"510903{1950 + index % 50}{1 + index % 12:02d}{1 + index % 28:02d}{index % 1000:03d}"
        yield {
            "department_id": department_id,
            "number": f"B{index:07d}",
            "registered_on": registered,
            "channel": CHANNELS[index % 3],
            "origin": "直接受理",
            "assigned_level": "",
            "handling_type": "申诉求决类",
            "petitioner_name": f"测试{index}",
            "id_number": first + id_check_character(first),
            "phone": f"138{index:08d}",
            "address": "遂宁市船山区",
            "persons": 1 + index % 4,
            "locality": "镇江寺街道",
            "category": "劳动社保",
            "summary": "反映有关问题，请求协调解决",
            "responsible_unit": "区人社局",
            "accepted_on": registered + timedelta(days=3),
            "extended": False,
            "extension_approved_on": None,
            "extension_days": 0,
            "closed_on": registered + timedelta(days=40) if closed else None,
            "in_evaluation_scope": closed and index % 2 == 0,
            "satisfaction": "满意" if closed and index % 2 == 0 else "未评价",
            "review_requested_on": None,
            "review_closed_on": None,
            "review_outcome": "",
            "recheck_requested_on": None,
            "recheck_closed_on": None,
            "recheck_outcome": "",
            "repeat": False,
            "backlog": False,
        }


def _timed(label: str, work) -> float:
    """Run ``work``; print wall and CPU seconds, return the CPU seconds (steadier on a shared machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<34}CPU {cpu:8.2f} s   墙钟 {wall:8.2f} s", flush=True)
    return cpu


def _openpyxl_write(source: Path, target: Path) -> None:
    """The same cells written by openpyxl alone (write-only, no styles), read beforehand."""
    rows = {
        sheet.title: list(sheet.iter_rows(values_only=True))
        for sheet in load_workbook(source, read_only=True).worksheets
    }

    def write() -> None:
        workbook = Workbook(write_only=True)
        for title, values in rows.items():
            sheet = workbook.create_sheet(title)
            for row in values:
                sheet.append(row)
        workbook.save(target)

    return write


def _openpyxl_read(source: Path) -> None:
    workbook = load_workbook(source, read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        for _row in sheet.iter_rows(values_only=True):
            pass
    workbook.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        engine = open_database(folder / "source.sqlite3", create=True)
        with engine.begin() as connection:
            department_id = connection.execute(
                insert(M.Department.__table__).values(name="遂宁市船山区信访局")
            ).inserted_primary_key[0]
            connection.execute(insert(M.Petition.__table__), list(_petitions(department_id, rows)))
        exported, plain = folder / "petitions.xlsx", folder / "plain.xlsx"
        print(f"{rows} 件信访事项", flush=True)
        export = _timed(
            "Ziping 导出 (export-xlsx)",
            lambda: ExcelService(engine).export(department_id, 2023, exported, unmasked=True),
        )
        engine.dispose()
        write = _timed("openpyxl 只写同样的单元格", _openpyxl_write(exported, plain))
        imported = _timed(
            "Ziping 导入新数据库 (import-xlsx)", lambda: import_into_path(folder / "copy.sqlite3", exported)
        )
        read = _timed("openpyxl 只读同一文件", lambda: _openpyxl_read(exported))
        print(f"导出 / openpyxl 写 = {export / write:.2f}（CPU 时间之比）")
        print(f"导入 / openpyxl 读 = {imported / read:.2f}（CPU 时间之比）")


if __name__ == "__main__":
    main()
