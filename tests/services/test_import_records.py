"""An import writes only what changed, audits each record it changed, and refuses what cannot be right."""

from __future__ import annotations

import getpass
import json
from datetime import date

import pytest
from sqlalchemy import insert, select

from desktop.services.excel import ExcelService, ImportRejected
from desktop.storage import models as M
from tests.services.excel_helpers import workbook_file

UNIT = {"单位": [["单位名称"], ["测试局"]]}
HEADER = ["编号", "登记日期", "信访形式", "信访人", "身份证号", "联系电话"]
ID_A = "11010519491231002X"  # GB 11643's example: check character X


@pytest.fixture
def department(engine) -> int:
    with engine.begin() as connection:
        department_id = connection.execute(
            insert(M.Department.__table__).values(name="测试局")
        ).inserted_primary_key[0]
        connection.execute(
            insert(M.Petition.__table__),
            [
                {
                    "department_id": department_id,
                    "number": f"XF-{index}",
                    "registered_on": date(2023, 3, index),
                    "channel": "来信",
                    "petitioner_name": f"王{index}",
                    "id_number": ID_A if index == 2 else "",
                    "phone": "13800001234" if index == 2 else "",
                }
                for index in (1, 2, 3)
            ],
        )
    return department_id


def _audit(engine) -> list:
    table = M.AuditEntry.__table__
    with engine.connect() as connection:
        return connection.execute(select(table).order_by(table.c.id)).all()


def _petitions(engine) -> dict[str, tuple]:
    table = M.Petition.__table__
    with engine.connect() as connection:
        rows = connection.execute(select(table)).all()
    return {row.number: (row.petitioner_name, row.id_number, row.phone) for row in rows}


def test_one_changed_matter_is_one_entry_naming_only_its_changed_fields(engine, department, tmp_path):
    rows = [
        HEADER,
        ["XF-1", date(2023, 3, 1), "来信", "王1", "", ""],
        ["XF-2", date(2023, 3, 2), "来信", "王2", ID_A, "13900005678"],
        ["XF-3", date(2023, 3, 3), "来信", "王3", "", ""],
    ]

    report = ExcelService(engine).import_workbook(
        workbook_file(tmp_path / "in.xlsx", UNIT | {"信访事项": rows})
    )

    assert [(c.sheet, c.added, c.updated, c.unchanged) for c in report.counts] == [("信访事项", 0, 1, 2)]
    entries = [entry for entry in _audit(engine) if entry.action != "导入"]
    assert [(e.action, e.table_name) for e in entries] == [("修改", "petition")]
    assert json.loads(entries[0].before) == {"phone": "138****1234"}
    assert json.loads(entries[0].after) == {"phone": "139****5678"}
    assert {entry.actor for entry in _audit(engine)} == {getpass.getuser()}
    assert _petitions(engine)["XF-2"] == ("王2", ID_A, "13900005678")


@pytest.mark.parametrize("typed", ["XF-2\u200b", "\u202eXF-2", "ＸＦ－２", " XF-2 "])
def test_a_look_alike_number_is_the_stored_matter(engine, department, tmp_path, typed):
    rows = [HEADER, [typed, date(2023, 3, 2), "来信", "王二", "", ""]]

    ExcelService(engine).import_workbook(workbook_file(tmp_path / "in.xlsx", UNIT | {"信访事项": rows}))

    assert sorted(_petitions(engine)) == ["XF-1", "XF-2", "XF-3"]
    assert _petitions(engine)["XF-2"][0] == "王二"


def test_two_look_alike_numbers_in_one_file_are_a_duplicate(engine, department, tmp_path):
    rows = [
        HEADER,
        ["XF-9", date(2023, 3, 2), "来信", "", "", ""],
        ["XF-9\u200b", date(2023, 3, 2), "来信", "", "", ""],
    ]

    with pytest.raises(ImportRejected, match="第 3 行“编号”列：编号“XF-9”与第 2 行重复"):
        ExcelService(engine).import_workbook(workbook_file(tmp_path / "in.xlsx", UNIT | {"信访事项": rows}))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["XF-9", date(1900, 1, 1), "来信", "", "", ""], "登记日期（1900-01-01）应在 2000-01-01 至今天"),
        (["XF-9", date(2099, 1, 1), "来信", "", "", ""], "登记日期（2099-01-01）应在 2000-01-01 至今天"),
        (["XF-9", date(2023, 1, 1), "来信", "", "000000194912310020", ""], "地区码 000000"),
        (["XF-9", date(2023, 1, 1), "来信", "", "110105209901010010", ""], "出生日期晚于今天"),
        (["XF-9", date(2023, 1, 1), "来信", "", "", "12345678901"], "联系电话“123\\*\\*\\*\\*8901”"),
    ],
)
def test_a_wrong_matter_is_refused_with_personal_data_masked(engine, department, tmp_path, row, message):
    path = workbook_file(tmp_path / "in.xlsx", UNIT | {"信访事项": [HEADER, row]})

    with pytest.raises(ImportRejected, match=message) as caught:
        ExcelService(engine).import_workbook(path)

    text = "\n".join(caught.value.report.lines())
    assert all(not value or value not in text for value in row[4:])
    assert sorted(_petitions(engine)) == ["XF-1", "XF-2", "XF-3"]


def test_an_origin_outside_its_list_is_refused(engine, department, tmp_path):
    rows = [["编号", "登记日期", "信访形式", "来源"], ["XF-9", date(2023, 1, 1), "来信", "网格员上报"]]

    with pytest.raises(
        ImportRejected, match="来源“网格员上报”应为直接受理、上级交办、上级转送、领导批示之一"
    ):
        ExcelService(engine).import_workbook(workbook_file(tmp_path / "in.xlsx", UNIT | {"信访事项": rows}))


def test_a_negative_budget_is_refused_but_a_negative_final_amount_is_not(engine, department, tmp_path):
    header = ["年度", "项目编码", "项目名称", "资金来源", "调整后预算"]
    bad = {"项目": [header, [2023, "P1", "项目一", "财政资金", -5]]}
    with pytest.raises(ImportRejected, match="第 2 行“调整后预算”列：调整后预算不能为负数（-5.00 万元）"):
        ExcelService(engine).import_workbook(workbook_file(tmp_path / "bad.xlsx", UNIT | bad))

    income = {"收入": [["年度", "收入来源", "年初预算", "决算数"], [2023, "其他收入", 0, -1.5]]}
    report = ExcelService(engine).import_workbook(workbook_file(tmp_path / "ok.xlsx", UNIT | income))
    assert [(c.sheet, c.added) for c in report.counts] == [("收入", 1)]
