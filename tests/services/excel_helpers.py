"""Workbooks built with openpyxl the way another program would, and a way to compare two of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from sqlalchemy import insert

from desktop.storage import models as M


def workbook_file(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Save ``{sheet name: rows}`` (the first row is the header) as an .xlsx file."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def cells(path: Path) -> dict[str, list[list]]:
    """Every sheet's cells: (value, number format) row by row."""
    workbook = load_workbook(path)
    return {
        sheet.title: [[(cell.value, cell.number_format) for cell in row] for row in sheet.iter_rows()]
        for sheet in workbook.worksheets
    }


def add_register(engine, department_id: int) -> None:
    """Three matters and two visits of 2023 (besides whatever the sample holds), one of them with a person's data."""
    with engine.begin() as connection:
        matters = [
            {
                "department_id": department_id,
                "number": "T2023-0001",
                "registered_on": date(2023, 3, 1),
                "channel": "来访",
                "petitioner_name": "张三",
                "id_number": "11010519491231002X",
                "phone": "13800001234",
                "persons": 2,
                "summary": "反映拖欠工资问题\n请求协调",
                "accepted_on": date(2023, 3, 5),
                "closed_on": date(2023, 4, 20),
                "in_evaluation_scope": True,
                "satisfaction": "满意",
                "repeat": True,
            },
            {
                "department_id": department_id,
                "number": "T2023-0002",
                "registered_on": date(2023, 11, 28),
                "channel": "网上",
            },
            {
                "department_id": department_id,
                "number": "T2023-0003",
                "registered_on": date(2023, 6, 2),
                "channel": "来信",
                "accepted_on": date(2023, 6, 10),
                "extended": True,
                "extension_approved_on": date(2023, 8, 1),
                "extension_days": 30,
            },
        ]
        for matter in matters:  # each with its own columns, so one insert each
            connection.execute(insert(M.Petition.__table__).values(matter))
        petition_id = (
            connection.execute(
                M.Petition.__table__.select().where(M.Petition.__table__.c.number == "T2023-0001")
            )
            .one()
            .id
        )
        connection.execute(
            insert(M.Visit.__table__),
            [
                {
                    "department_id": department_id,
                    "visited_on": date(2023, 3, 1),
                    "level": "到区",
                    "persons": 6,
                    "collective": True,
                    "petition_id": petition_id,
                    "locality": "镇江寺街道",
                },
                {
                    "department_id": department_id,
                    "visited_on": date(2023, 5, 9),
                    "level": "进京",
                    "persons": 1,
                    "collective": False,
                    "petition_id": None,
                    "locality": "",
                },
            ],
        )
