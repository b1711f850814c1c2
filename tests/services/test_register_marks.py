"""Issue 11 in the register service, on a hand-made 湖北 department with its own 编号 pattern:
超期受理 / 超期办结 marks and filters (SQL against the domain), every column sorts, the next 编号,
and statistics that follow the filters."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert

from desktop.domain.petitions import Matter
from desktop.services.register import RegisterFilter, RegisterService
from desktop.storage.models import Department

PATTERN = "鄂岸信〔{年}〕第{序号}号"
TODAY = date(2024, 6, 30)


@pytest.fixture
def hubei(engine):
    """武汉市江岸区信访局 2024: five matters whose deadlines are worked out by hand below."""
    with engine.begin() as connection:
        department_id = connection.execute(
            insert(Department.__table__).values(
                name="武汉市江岸区信访局", province="湖北省", matter_number_pattern=PATTERN
            )
        ).inserted_primary_key[0]
    service = RegisterService(engine, today=lambda: TODAY)
    matters = [
        # 受理 due 17 Jan (accepted 20 Jan: late); 办结 due 20 Jan + 60 = 20 Mar (closed 10 Feb)
        Matter("鄂岸信〔2024〕第1号", date(2024, 1, 2), "来信", accepted_on=date(2024, 1, 20),
               closed_on=date(2024, 2, 10), petitioner_name="周一", id_number="", phone="13900000003"),
        # 受理 on time; 办结 due 6 Jan + 60 = 6 Mar (2024 is a leap year), closed 20 Mar: late
        Matter("鄂岸信〔2024〕第2号", date(2024, 1, 5), "来访", accepted_on=date(2024, 1, 6),
               closed_on=date(2024, 3, 20), petitioner_name="吴二", phone="13900000001"),
        # 受理 due 16 Feb (20 Feb: late); 办结 due 20 Apr (1 May: late)
        Matter("鄂岸信〔2024〕第3号", date(2024, 2, 1), "来信", accepted_on=date(2024, 2, 20),
               closed_on=date(2024, 5, 1), petitioner_name="郑三", phone="13900000002"),
        # extended by 30 approved days: 办结 due 2 Mar + 90 = 31 May, closed 25 May: on time
        Matter("鄂岸信〔2024〕第10号", date(2024, 3, 1), "网上", accepted_on=date(2024, 3, 2),
               extended=True, extension_approved_on=date(2024, 4, 20), extension_days=30,
               closed_on=date(2024, 5, 25), petitioner_name="王四"),
        # 待受理 until 10 Jul
        Matter("临时-1", date(2024, 6, 25), "来电", petitioner_name="冯五"),
    ]  # fmt: skip
    for matter in matters:
        service.save(department_id, matter)
    return service, department_id


def _numbers(service, department_id, **options):
    rows = service.page(department_id, RegisterFilter(**options), 0, 100, sort="registered_on")
    return [row.number for row in rows]


def test_late_acceptance_and_late_completion_are_marked_and_filtered(hubei):
    service, department_id = hubei
    assert _numbers(service, department_id, status="超期受理") == [
        "鄂岸信〔2024〕第1号",
        "鄂岸信〔2024〕第3号",
    ]
    assert _numbers(service, department_id, status="超期办结") == [
        "鄂岸信〔2024〕第2号",
        "鄂岸信〔2024〕第3号",
    ]
    rows = {row.number: row for row in service.page(department_id, RegisterFilter(), 0, 100)}
    assert {number: row.status_text for number, row in rows.items()} == {
        "鄂岸信〔2024〕第1号": "已办结（超期受理）",
        "鄂岸信〔2024〕第2号": "已办结（超期办结）",
        "鄂岸信〔2024〕第3号": "已办结（超期受理、超期办结）",
        "鄂岸信〔2024〕第10号": "已办结",
        "临时-1": "待受理",
    }


def test_the_sql_filters_agree_with_the_domain_marks_on_the_sample(engine):
    from desktop.services.sample_register import add_sample_register

    with engine.begin() as connection:
        department_id = connection.execute(
            insert(Department.__table__).values(name="遂宁市船山区信访局", province="四川省")
        ).inserted_primary_key[0]
        add_sample_register(connection, department_id)
    service = RegisterService(engine)
    rows = service.page(department_id, RegisterFilter(), 0, 1000)
    for mark in ("超期受理", "超期办结"):
        by_domain = sorted(row.id for row in rows if mark in row.late)
        by_sql = sorted(row.id for row in service.page(department_id, RegisterFilter(status=mark), 0, 1000))
        assert by_sql == by_domain


@pytest.mark.parametrize(
    ("sort", "ascending"),
    [
        ("status", ["临时-1", "鄂岸信〔2024〕第1号", "鄂岸信〔2024〕第2号", "鄂岸信〔2024〕第3号", "鄂岸信〔2024〕第10号"]),
        ("phone", ["鄂岸信〔2024〕第2号", "鄂岸信〔2024〕第3号", "鄂岸信〔2024〕第1号", "鄂岸信〔2024〕第10号", "临时-1"]),
    ],
)  # fmt: skip
def test_the_status_and_phone_columns_sort(hubei, sort, ascending):
    service, department_id = hubei
    rows = service.page(department_id, RegisterFilter(), 0, 100, sort=sort)
    assert [row.number for row in rows] == ascending
    rows = service.page(department_id, RegisterFilter(), 0, 100, sort=sort, descending=True)
    if sort == "status":  # 待受理 comes before 已办结 in STATUSES; ties by id, reversed
        assert [row.number for row in rows] == [*reversed(ascending[1:]), "临时-1"]


def test_the_next_number_follows_the_departments_pattern(hubei, engine):
    service, department_id = hubei
    assert service.next_number(department_id, 2024) == "鄂岸信〔2024〕第11号"
    assert service.next_number(department_id, 2025) == "鄂岸信〔2025〕第1号"
    with engine.begin() as connection:
        plain = connection.execute(
            insert(Department.__table__).values(name="未设格式的单位", province="湖北省")
        ).inserted_primary_key[0]
    assert service.next_number(plain, 2024) == "信〔2024〕0001号"


def test_the_statistics_follow_the_filters(hubei):
    service, department_id = hubei
    whole = service.statistics(department_id, 2024)
    # 受理 on time: 第2号, 第10号 of 5 due (临时-1's 受理 deadline 10 Jul is inside the year)
    # 办结 on time: 第1号, 第10号 of 5 due (临时-1 due 10 Jul + 60 = 8 Sep)
    assert (whole.rates["及时受理率"], whole.rates["按期办结率"]) == (40, 40)
    letters = service.statistics(department_id, 2024, register_filter=RegisterFilter(channel="来信"))
    assert letters.matters.total == 2  # 第1号, 第3号: both accepted late, 第1号 closed on time
    assert (letters.rates["及时受理率"], letters.rates["按期办结率"]) == (0, 50)
    late = service.statistics(department_id, 2024, register_filter=RegisterFilter(status="超期办结"))
    assert (late.matters.total, late.matters.due, late.matters.closed_on_time) == (2, 2, 0)


def test_the_pattern_survives_excel_and_a_bad_one_is_reported_with_its_place(
    hubei, db_path, tmp_path, capsys
):
    from openpyxl import load_workbook

    from desktop.cli import main
    from desktop.services.departments import resolve_department
    from desktop.storage.database import open_database

    workbook, copy = tmp_path / "hubei.xlsx", tmp_path / "copy.sqlite3"
    assert main(["export-xlsx", "--db", str(db_path), "--year", "2024", "--out", str(workbook)]) == 0
    assert main(["import-xlsx", "--db", str(copy), str(workbook)]) == 0
    engine = open_database(copy)
    department = resolve_department(engine)
    assert department.matter_number_pattern == PATTERN
    assert RegisterService(engine).next_number(department.id, 2024) == "鄂岸信〔2024〕第11号"
    engine.dispose()
    book = load_workbook(workbook)
    sheet = book["单位"]
    column = next(cell.column for cell in sheet[1] if cell.value == "信访编号格式")
    sheet.cell(2, column).value = "鄂岸信〔{年}〕号"
    book.save(workbook)
    capsys.readouterr()
    assert main(["import-xlsx", "--db", str(copy), str(workbook)]) != 0
    error = capsys.readouterr().err
    assert error.strip().endswith(
        "工作表“单位”第 2 行“信访编号格式”列：编号格式“鄂岸信〔{年}〕号”须含一个 {序号}（如 船信〔{年}〕{序号:04}号）"
    )
