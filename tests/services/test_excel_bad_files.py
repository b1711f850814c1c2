"""Bad workbooks: exit status 2, one clear line naming the place, the report before it, the database untouched."""

from __future__ import annotations

import hashlib
import os

import pytest
from openpyxl import Workbook
from sqlalchemy import func, insert, select

from desktop.cli import main
from desktop.storage import models as M
from tests.services.excel_helpers import workbook_file

CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
INCOME_HEADER = ["年度", "收入来源", "功能分类科目", "年初预算", "调整后预算", "决算数"]
UNIT = {"单位": [["单位名称", "省份"], ["测试局", "四川省"]]}


def _random_bytes(path):
    path.write_bytes(os.urandom(4096))


def _old_xls(path):
    path.write_bytes(CFB + os.urandom(4088))


def _encrypted(path):
    """An encrypted .xlsx is an OLE compound file holding EncryptionInfo and EncryptedPackage."""
    path.write_bytes(CFB + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + os.urandom(2048))


def _missing_column(path):
    workbook_file(path, UNIT | {"信访事项": [["编号", "信访形式"], ["X-1", "来信"]]})


def _text_in_money(path):
    workbook_file(path, UNIT | {"收入": [INCOME_HEADER, [2023, "财政拨款收入", "2010308", "abc", 10, 10]]})


def _formula_without_value(path):
    workbook_file(path, UNIT | {"收入": [INCOME_HEADER, [2023, "财政拨款收入", "2010308", "=1+2", 10, 10]]})


def _merged_header(path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "收入"
    sheet.append(["年度", "收入来源", None, "年初预算"])
    sheet.append([2023, "财政拨款收入", "", 5])
    sheet.merge_cells("B1:C1")
    workbook.save(path)


def _empty(path):
    Workbook().save(path)


CASES = [
    (_random_bytes, "bad.xlsx 不是 Excel 工作簿（.xlsx），无法读取"),
    (_old_xls, "bad.xlsx 是加密（设有打开密码）的工作簿或旧版 .xls 文件，无法读取"),
    (_encrypted, "bad.xlsx 是加密（设有打开密码）的工作簿或旧版 .xls 文件，无法读取"),
    (_missing_column, "bad.xlsx 未导入：工作表“信访事项”第 1 行：缺少必填列“登记日期”"),
    (_text_in_money, "bad.xlsx 未导入：工作表“收入”第 2 行“年初预算”列（D2）：“abc”不是数字"),
    (_formula_without_value, "bad.xlsx 未导入：工作表“收入”第 2 行“年初预算”列（D2）：公式没有计算结果"),
    (_merged_header, "bad.xlsx 未导入：工作表“收入”第 1 行：表头有合并单元格 B1:C1，请取消合并"),
    (_empty, "bad.xlsx 未导入：工作簿：没有可导入的数据"),
]


def _add_department(engine) -> None:
    with engine.begin() as connection:
        connection.execute(insert(M.Department.__table__).values(name="测试局"))


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("make", "message"), CASES, ids=[make.__name__ for make, _ in CASES])
def test_bad_file_is_refused_and_the_database_unchanged(make, message, engine, db_path, tmp_path, capsys):
    _add_department(engine)
    engine.dispose()
    before = _digest(db_path)
    bad = tmp_path / "bad.xlsx"
    make(bad)

    status = main(["import-xlsx", "--db", str(db_path), str(bad)])

    captured = capsys.readouterr()
    assert status == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"ziping-cli: {message}")
    assert _digest(db_path) == before


@pytest.mark.parametrize(("make", "message"), CASES[:2] + CASES[4:5], ids=["random", "xls", "money"])
def test_bad_file_creates_no_database(make, message, tmp_path, capsys):
    bad, target = tmp_path / "bad.xlsx", tmp_path / "new.sqlite3"
    make(bad)

    assert main(["import-xlsx", "--db", str(target), str(bad)]) == 2

    assert message in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.xlsx"]


def test_every_problem_is_reported_before_the_one_line(engine, db_path, tmp_path, capsys):
    _add_department(engine)
    bad = workbook_file(
        tmp_path / "bad.xlsx",
        UNIT
        | {
            "收入": [
                INCOME_HEADER,
                [2023, "财政拨款收入", "", "abc", 10, 10],
                [2023, "其他收入", "", 1, "1.2345678", 1],
            ],
            "信访事项": [
                ["登记日期", "编号", "信访形式"],
                ["2023-02-30", "A1", "来信"],
                ["2023-03-01", "A2", "传真"],
            ],
        },
    )

    assert main(["import-xlsx", "--db", str(db_path), str(bad), "--dry-run"]) == 2

    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "bad.xlsx：发现 4 处问题，未导入任何数据",
        "  问题：工作表“信访事项”第 2 行“登记日期”列（A2）：日期“2023-02-30”不存在",
        "  问题：工作表“信访事项”第 3 行：信访形式“传真”应为来信、来访、网上、来电之一",
        "  问题：工作表“收入”第 2 行“年初预算”列（D2）：“abc”不是数字",
        "  问题：工作表“收入”第 3 行“调整后预算”列（E3）：“1.2345678”精确到了分以下，金额最多到分",
    ]
    assert captured.err.strip() == (
        "ziping-cli: bad.xlsx 未导入：工作表“信访事项”第 2 行“登记日期”列（A2）：日期“2023-02-30”不存在（共 4 处问题，见上方报告）"
    )


def test_cancelling_rolls_everything_back(engine, tmp_path):
    from desktop.services.excel import ExcelService, ImportCancelled

    _add_department(engine)
    path = workbook_file(
        tmp_path / "in.xlsx",
        UNIT
        | {
            "信访事项": [["编号", "登记日期", "信访形式"], ["A1", "2023-03-01", "来信"]],
            "收入": [INCOME_HEADER, [2023, "财政拨款收入", "", 1, 1, 1]],
        },
    )
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return len(calls) < 2  # cancel after the first sheet is written

    with pytest.raises(ImportCancelled):
        ExcelService(engine).import_workbook(path, progress=progress)

    assert calls == [(1, 2), (2, 2)]
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(M.Petition.__table__)).scalar() == 0
