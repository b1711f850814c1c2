"""审计日志: an edit through a service adds exactly one entry, with the values before and after."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import insert, select

from desktop.domain.petitions import Matter
from desktop.errors import UserInputError
from desktop.services.backup import backup_database, restore_database
from desktop.services.budget import BudgetService
from desktop.services.excel import ExcelService
from desktop.services.projects import ProjectService
from desktop.services.register import RegisterService
from desktop.services.scoring import ScoringService
from desktop.storage import models as M
from desktop.storage.database import open_database
from tests.services.excel_helpers import workbook_file


def _entries(engine) -> list[tuple]:
    table = M.AuditEntry.__table__
    with engine.connect() as connection:
        rows = connection.execute(select(table).order_by(table.c.id)).all()
    return [
        (
            row.action,
            row.table_name,
            row.record_id,
            json.loads(row.before) if row.before else None,
            json.loads(row.after) if row.after else None,
        )
        for row in rows
    ]


@pytest.fixture
def department(engine) -> int:
    with engine.begin() as connection:
        return connection.execute(insert(M.Department.__table__).values(name="测试局")).inserted_primary_key[
            0
        ]


def test_a_project_text_edit_adds_one_entry_with_before_and_after(engine, department):
    with engine.begin() as connection:
        project_id = connection.execute(
            insert(M.Project.__table__).values(department_id=department, year=2023, code="P1", name="旧名称")
        ).inserted_primary_key[0]

    ProjectService(engine).update_project(project_id, "name", "新名称")

    assert _entries(engine) == [("修改", "project", project_id, {"name": "旧名称"}, {"name": "新名称"})]


def test_a_budget_figure_edit_records_money_as_text(engine, department):
    with engine.begin() as connection:
        line_id = connection.execute(
            insert(M.ExpenditureLine.__table__).values(
                department_id=department,
                year=2023,
                function_code="2010308",
                name="信访事务",
                category="基本支出",
                funding="一般公共预算财政拨款",
                adjusted_budget=Decimal("100.00"),
            )
        ).inserted_primary_key[0]

    BudgetService(engine).update_expenditure(line_id, "adjusted_budget", Decimal("120.5"))

    assert _entries(engine) == [
        ("修改", "expenditure_line", line_id, {"adjusted_budget": "100.00"}, {"adjusted_budget": "120.50"})
    ]


def test_a_refused_edit_leaves_no_entry(engine, department):
    with engine.begin() as connection:
        project_id = connection.execute(
            insert(M.Project.__table__).values(department_id=department, year=2023, code="P1", name="名称")
        ).inserted_primary_key[0]

    with pytest.raises(UserInputError):
        ProjectService(engine).update_project(project_id, "name", "  ")

    assert _entries(engine) == []


def test_register_add_change_and_delete_each_add_one_entry(engine, department):
    register = RegisterService(engine)
    matter = Matter("X-1", date(2023, 3, 1), "来信", petitioner_name="张三")

    petition_id = register.save(department, matter)
    register.save(department, dataclasses.replace(matter, id=petition_id, petitioner_name="李四"))
    register.delete(petition_id)

    entries = _entries(engine)
    assert [entry[:3] for entry in entries] == [
        ("新增", "petition", petition_id),
        ("修改", "petition", petition_id),
        ("删除", "petition", petition_id),
    ]
    added, changed, deleted = entries
    assert added[4]["number"] == "X-1" and added[4]["registered_on"] == "2023-03-01"
    assert changed[3:] == ({"petitioner_name": "张三"}, {"petitioner_name": "李四"})
    assert deleted[3]["petitioner_name"] == "李四" and deleted[4] is None


def test_an_excel_import_is_one_entry_per_record_and_one_with_its_counts(engine, tmp_path):
    sheets = {
        "单位": [["单位名称", "省份"], ["测试局", "四川省"]],
        "收入": [["年度", "收入来源", "决算数"], [2023, "财政拨款收入", "12.5"], [2023, "其他收入", 1]],
    }

    ExcelService(engine).import_workbook(workbook_file(tmp_path / "in.xlsx", sheets))

    entries = _entries(engine)
    assert [entry[:2] for entry in entries] == [
        ("新增", "department"),
        ("新增", "income_line"),
        ("新增", "income_line"),
        ("导入", "excel"),
    ]
    assert [entry[4]["final_amount"] for entry in entries[1:3]] == ["125000.00", "10000.00"]
    assert entries[3][4] == {"收入": {"新增": 2, "更新": 0, "未变": 0}}


def test_a_restore_is_recorded_in_the_restored_database(engine, db_path):
    backup = backup_database(db_path)
    engine.dispose()

    restore_database(db_path, backup)

    restored = open_database(db_path)
    try:
        assert _entries(restored) == [("恢复", "", None, None, {"备份": str(backup)})]
    finally:
        restored.dispose()


def test_a_scorecard_reason_changed_twice_is_one_new_item_then_one_change(engine, department):
    scoring = ScoringService(engine)
    card_id = scoring.create_scorecard(department, 2023, "sichuan_department")
    key = scoring.template("sichuan_department").leaves()[0].key

    scoring.set_manual_reason(card_id, key, "第一稿")
    scoring.set_manual_reason(card_id, key, "第二稿")

    created, added, changed = _entries(engine)
    assert created[:3] == ("新增", "scorecard", card_id)
    assert (added[0], added[1], added[4]["item_key"], added[4]["manual_reason"]) == (
        "新增",
        "scorecard_item",
        key,
        "第一稿",
    )
    assert changed == (
        "修改",
        "scorecard_item",
        added[2],
        {"manual_reason": "第一稿"},
        {"manual_reason": "第二稿"},
    )


def test_a_deleted_matter_leaves_its_id_number_and_phone_masked_and_the_user_named(engine, department):
    import getpass

    register = RegisterService(engine)
    matter = Matter("X-9", date(2023, 3, 1), "来信", id_number="11010519491231002X", phone="13800001234")
    register.delete(register.save(department, matter))

    deleted = _entries(engine)[-1]
    assert deleted[0] == "删除"
    assert (deleted[3]["id_number"], deleted[3]["phone"]) == ("110105********002X", "138****1234")
    table = M.AuditEntry.__table__
    with engine.connect() as connection:
        assert set(connection.execute(select(table.c.actor)).scalars()) == {getpass.getuser()}
        texts = " ".join(row.before + row.after for row in connection.execute(select(table)))
    assert "11010519491231002X" not in texts and "13800001234" not in texts
