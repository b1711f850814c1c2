"""The register service on a database: the sample's statistics, the CLI, paging, filters and saving."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import insert

from desktop.cli import main
from desktop.domain.petitions import Matter, VisitBatch
from desktop.errors import UserInputError
from desktop.services.register import LinkedVisit, RegisterFilter, RegisterService
from desktop.services.sample_register import add_sample_register
from desktop.storage.models import Department

NAME = "遂宁市船山区信访局"


def _department(engine, name=NAME) -> int:
    with engine.begin() as connection:
        return connection.execute(insert(Department.__table__).values(name=name)).inserted_primary_key[0]


@pytest.fixture
def sample(engine):
    department_id = _department(engine)
    with engine.begin() as connection:
        add_sample_register(connection, department_id)
    return department_id


def test_the_sample_register_reproduces_the_seed(engine, sample, db_path, capsys):
    assert main(["stats", "--db", str(db_path), "--year", "2023", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    m = payload["matters"]
    assert m["total"] == 782
    assert m["by_channel"] == {"来信": 245, "来访": 163, "网上": 374, "来电": 0}
    assert (m["due"], m["closed_on_time"], m["open"]) == (739, 739, 43)
    assert (m["evaluated"], m["satisfied"]) == (258, 256)
    assert payload["rates"] == {"及时受理率": 100.0, "按期办结率": 100.0, "参评率": 100.0, "满意率": 99.22}
    assert payload["reviews"]["复查"]["total"] == 22
    assert (payload["reviews"]["复查"]["due"], payload["reviews"]["复查"]["closed_on_time"]) == (21, 21)
    visits = {level: tuple(v.values()) for level, v in payload["visits"].items()}
    assert visits == {
        "到区": (176, 2354, 60, 2188),
        "到市": (97, 1091, 47, 1021),
        "到省": (13, 23, 0, 0),
        "进京": (31, 36, 0, 0),
    }
    before = payload["previous_year"]["visits"]
    assert (before["到区"]["collective_batches"], before["到区"]["collective_persons"]) == (62, 1744)
    assert (before["到省"]["batches"], before["到省"]["persons"]) == (19, 28)


def test_the_sample_id_numbers_are_valid_and_one_matter_arrives_on_the_last_day(engine, sample):
    service = RegisterService(engine, today=lambda: date(2024, 6, 1))
    rows = service.page(sample, RegisterFilter(), 0, 1000)
    assert len(rows) == 782
    for row in rows[:50]:
        matter = service.get(row.id)
        service.save(sample, matter)  # validation (ID check digit, date order) passes unchanged
    assert rows[-1].registered_on == date(2023, 12, 31)


def test_stats_text_and_a_year_without_data(engine, sample, db_path, capsys):
    assert main(["stats", "--db", str(db_path), "--year", "2023"]) == 0
    assert "满意率 99.22%" in capsys.readouterr().out
    assert main(["stats", "--db", str(db_path), "--year", "2021"]) == 2
    assert capsys.readouterr().err.strip() == (
        "ziping-cli: 遂宁市船山区信访局 2021 年没有信访数据（2021-01-01 至 2021-12-31 既无信访事项也无走访记录）"
    )


def test_from_and_to_restrict_the_period(engine, sample, db_path, capsys):
    assert main(["stats", "--db", str(db_path), "--year", "2023", "--from", "2023-07-01", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["period"] == {"from": "2023-07-01", "to": "2023-12-31"}
    assert payload["previous_year"]["period"] == {"from": "2022-07-01", "to": "2022-12-31"}
    assert 0 < payload["matters"]["total"] < 782
    assert (
        main(["stats", "--db", str(db_path), "--year", "2023", "--from", "2023-07-01", "--to", "2023-03-01"])
        == 2
    )
    assert "起始日期 2023-07-01 晚于截止日期 2023-03-01" in capsys.readouterr().err


def _hand_made(engine):
    department_id = _department(engine, "测试单位")
    service = RegisterService(engine, today=lambda: date(2023, 6, 30))
    matters = [
        Matter(
            "X-1", date(2023, 6, 20), "来信", petitioner_name="张三", summary="路灯不亮"
        ),  # 待受理 (due 5 Jul)
        Matter("X-2", date(2023, 6, 1), "网上", petitioner_name="李四"),  # 超期: 受理 due 16 Jun
        Matter("X-3", date(2023, 3, 1), "来访", accepted_on=date(2023, 3, 2)),  # 超期: 办结 due 1 May
        Matter("X-4", date(2023, 5, 1), "来访", accepted_on=date(2023, 5, 2)),  # 办理中 until 1 Jul
        Matter(
            "X-5", date(2023, 1, 5), "来电", accepted_on=date(2023, 1, 6), closed_on=date(2023, 2, 1)
        ),  # 已办结
    ]
    ids = [service.save(department_id, matter) for matter in matters]
    return service, department_id, ids


def test_status_filters_in_sql_agree_with_the_deadlines(engine):
    service, department_id, _ = _hand_made(engine)

    def numbers(**options):
        rows = service.page(department_id, RegisterFilter(**options), 0, 100, sort="number")
        return [row.number for row in rows]

    assert numbers(status="待受理") == ["X-1"]
    assert numbers(status="超期") == ["X-2", "X-3"]
    assert numbers(overdue_only=True) == ["X-2", "X-3"]
    assert numbers(status="办理中") == ["X-4"]
    assert numbers(status="已办结") == ["X-5"]
    assert numbers(text="路灯") == ["X-1"]
    assert numbers(text="李") == ["X-2"]
    assert numbers(channel="来访") == ["X-3", "X-4"]
    assert numbers(start=date(2023, 5, 1), end=date(2023, 6, 1)) == ["X-2", "X-4"]
    assert service.count(department_id, RegisterFilter(status="超期")) == 2
    rows = service.page(department_id, RegisterFilter(), 0, 100, sort="days_left")
    # open matters by running deadline: X-3 (1 May), X-2 (16 Jun), X-4 (1 Jul), X-1 (5 Jul); closed last
    assert [row.number for row in rows] == ["X-3", "X-2", "X-4", "X-1", "X-5"]
    by_number = {row.number: row for row in rows}
    assert (by_number["X-3"].status, by_number["X-3"].days_left) == ("超期", -60)
    assert by_number["X-4"].days_left == 1


def test_saving_refuses_bad_input_and_undo_puts_a_deleted_matter_back(engine):
    service, department_id, ids = _hand_made(engine)
    with pytest.raises(UserInputError, match="信访事项 X-9：人数应至少为 1"):
        service.save(department_id, Matter("X-9", date(2023, 6, 1), "来信", persons=0))
    with pytest.raises(UserInputError, match="编号“X-1”已存在"):
        service.save(department_id, Matter("X-1", date(2023, 6, 1), "来信"))
    assert service.count(department_id, RegisterFilter()) == 5
    original = service.get(ids[0])
    service.save(department_id, replace(original, id_number="11010519491231002x", phone="13800001234"))
    row = service.page(department_id, RegisterFilter(text="X-1"), 0, 10)[0]
    assert (row.id_number, row.phone) == ("110105********002X", "138****1234")
    assert service.get(ids[0]).id_number == "11010519491231002X"
    service.delete(ids[0])
    assert service.count(department_id, RegisterFilter()) == 4
    assert service.save(department_id, original) == ids[0]
    assert service.get(ids[0]) == original


def test_visits_are_saved_listed_and_refused_when_empty(engine):
    department_id = _department(engine, "测试单位")
    service = RegisterService(engine)
    visit_id = service.save_visit(department_id, VisitBatch(date(2023, 5, 1), "到市", 6, collective=True))
    assert service.linked_visits(department_id, date(2023, 1, 1), date(2023, 12, 31)) == [
        LinkedVisit(VisitBatch(date(2023, 5, 1), "到市", 6, collective=True, id=visit_id), "")
    ]
    with pytest.raises(UserInputError, match="走访人数应至少为 1"):
        service.save_visit(department_id, VisitBatch(date(2023, 5, 1), "到市", 0))
    service.delete_visit(visit_id)
    assert service.count_visits(department_id) == 0


def test_sorting_by_a_deadline_in_sql_follows_the_deadlines_the_domain_computes(engine, sample):
    service = RegisterService(engine, today=lambda: date(2024, 6, 1))
    rows = service.page(sample, RegisterFilter(), 0, 1000, sort="completion_deadline")
    deadlines = [row.completion_deadline for row in rows]
    assert deadlines == sorted(deadlines)
    assert service.count(sample, RegisterFilter(status="超期")) == 0
    assert (
        service.count(sample, RegisterFilter(status="办理中"))
        + service.count(sample, RegisterFilter(status="待受理"))
        == 0
    )


def test_a_sort_by_locality_within_a_period_orders_ties_by_date_and_pages_follow_on(engine, sample):
    service = RegisterService(engine)
    period = RegisterFilter(start=date(2023, 1, 1), end=date(2023, 12, 31))
    rows = service.page(sample, period, 0, 1000, sort="locality", descending=True)
    assert len(rows) == 782
    keys = [(row.locality, row.registered_on, row.id) for row in rows]
    assert keys == sorted(keys, reverse=True)
    pages = [
        row.id
        for offset in range(0, 782, 200)
        for row in service.page(sample, period, offset, 200, "locality", True)
    ]
    assert pages == [row.id for row in rows]


def test_an_empty_year_gives_zero_counts_unless_data_is_required(engine, sample):
    service = RegisterService(engine)
    statistics = service.statistics(sample, 2021)
    assert statistics.matters.total == 0
    assert statistics.rates == {"及时受理率": None, "按期办结率": None, "参评率": None, "满意率": None}
    with pytest.raises(UserInputError, match="遂宁市船山区信访局 2021 年没有信访数据"):
        service.statistics(sample, 2021, require_data=True)
