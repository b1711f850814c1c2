"""导入决算报表: published tables written by openpyxl from hand-made figures, imported all or nothing.

The department is a 文旅局 (类 207, 政府性基金, 年初结转), not the sample; a 湖南 one gets the national
table set, a 四川 one the Sichuan set with its 年初预算数 / 全年预算数 columns.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from desktop.cli import main
from desktop.services.catalogue import FormCatalogue
from desktop.services.excel import ImportRejected
from desktop.services.table_import import TableImportService
from desktop.storage.database import open_database
from desktop.storage.models import AuditEntry, Department, ExpenditureLine, IncomeLine, StatedFigure
from tests.exchange.published_workbooks import DEPARTMENT, published_workbook


def rows(db, model):
    engine = open_database(db)
    try:
        with Session(engine) as session:
            return session.exec(select(model).order_by(model.id)).all()
    finally:
        engine.dispose()


def test_cli_imports_a_published_workbook_into_a_new_database_with_its_department(tmp_path, capsys):
    book, db = tmp_path / "文旅局2023.xlsx", tmp_path / "new.db"
    published_workbook(book, fiscal=True)
    assert main(["import-tables", "--db", str(db), "--year", "2023", "--province", "四川", str(book)]) == 0
    assert capsys.readouterr().out.splitlines()[:3] == [
        f"文旅局2023.xlsx：已导入，单位：{DEPARTMENT}",
        "  收入：新增 4 条，更新 0 条，未变 0 条",
        "  支出：新增 5 条，更新 0 条，未变 0 条",
    ]
    (department,) = rows(db, Department)
    assert (department.name, department.province) == (DEPARTMENT, "四川省")
    lines = {
        (r.function_code, r.category, r.funding): (r.initial_budget, r.adjusted_budget, r.final_amount)
        for r in rows(db, ExpenditureLine)
    }
    assert lines == {
        # 表06 gives the 一般公共预算 part of each 项 with its budgets; 表03's 1 000 000 of 2070101 less 900 000
        ("2070101", "基本支出", "一般公共预算财政拨款"): (D("850000.00"), D("900000.00"), D("900000.00")),
        ("2070101", "基本支出", "其他资金"): (D("0.00"), D("0.00"), D("100000.00")),
        ("2070199", "项目支出", "一般公共预算财政拨款"): (D("2000000.00"), D("2280000.00"), D("2254345.67")),
        ("2080505", "基本支出", "一般公共预算财政拨款"): (D("300000.00"), D("300000.00"), D("300000.00")),
        ("2210201", "基本支出", "一般公共预算财政拨款"): (D("250000.00"), D("120000.00"), D("120000.00")),
    }
    income = {(r.source, r.funding): r.final_amount for r in rows(db, IncomeLine)}
    assert income == {
        ("一般公共预算财政拨款收入", ""): D("3512345.67"),
        ("政府性基金预算财政拨款收入", ""): D("200000.00"),
        ("其他收入", ""): D("12000.00"),
        ("年初结转和结余", "其他资金"): D("50000.00"),
    }
    stated = {r.key: (r.amount, r.source) for r in rows(db, StatedFigure)}
    assert stated["公开01表·income_total·income"] == (
        D("3774345.67"),
        "文旅局2023.xlsx 工作表“Sheet1”第 13 行（C13），金额单位：元",
    )
    assert stated["公开03表·total·basic"][0] == D("1420000.00")  # the 合计 row, kept as stated
    assert stated["公开03表·20701·project"][0] == D("2254345.67")  # a 款 row: a sum of its 项
    assert "公开03表·2070101·basic" not in stated  # a line, not a stated figure
    actions = [(entry.action, entry.table_name) for entry in rows(db, AuditEntry)]
    assert ("导入", "决算报表") in actions
    assert actions.count(("新增", "expenditure_line")) == 5


def test_amounts_in_wan_are_converted_and_a_second_import_changes_nothing(tmp_path):
    book, db = tmp_path / "wan.xlsx", tmp_path / "wan.db"
    published_workbook(book, unit="万元", scale=lambda amount: round(amount / 10000, 2))
    engine = open_database(db, create=True)
    service = TableImportService(engine, FormCatalogue())
    service.import_tables(book, 2023, province="湖南")
    again = service.import_tables(book, 2023)
    engine.dispose()
    assert [(count.sheet, count.added, count.updated) for count in again.counts][0] == ("收入", 0, 0)
    income = {r.source: r.final_amount for r in rows(db, IncomeLine)}
    assert income["一般公共预算财政拨款收入"] == D("3512300.00")  # 351.23 万元
    assert income["年初结转和结余"] == D("50000.00")  # 5.00 万元


def test_one_bad_cell_and_nothing_is_imported(tmp_path):
    book, db = tmp_path / "bad.xlsx", tmp_path / "bad.db"
    published_workbook(book)
    workbook = load_workbook(book)
    workbook["表3"]["F11"] = "一百万"
    workbook.save(book)
    engine = open_database(db, create=True)
    service = TableImportService(engine, FormCatalogue())
    with pytest.raises(ImportRejected) as rejected:
        service.import_tables(book, 2023, province="湖南")
    engine.dispose()
    assert rejected.value.report.problems == ("工作表“表3”第 11 行“基本支出”列（F11）：“一百万”不是数字",)
    assert rows(db, Department) == [] and rows(db, ExpenditureLine) == []


def test_dry_run_writes_nothing_and_another_department_is_refused(tmp_path):
    book, db = tmp_path / "wenlv.xlsx", tmp_path / "other.db"
    published_workbook(book)
    engine = open_database(db, create=True)
    service = TableImportService(engine, FormCatalogue())
    report = service.import_tables(book, 2023, province="湖南", dry_run=True)
    assert report.lines()[0] == f"wenlv.xlsx：检查通过（试导入，未写入数据库），单位：{DEPARTMENT}"
    with Session(engine) as session:
        assert session.exec(select(Department)).all() == []
        session.add(Department(name="某县民政局", province="湖南省"))
        session.commit()
    with pytest.raises(ImportRejected) as rejected:
        service.import_tables(book, 2023)
    engine.dispose()
    assert rejected.value.report.problems == (
        f"工作簿：编制单位“{DEPARTMENT}”不是本数据库中的单位（某县民政局）",
    )


def test_a_new_department_must_name_its_province(tmp_path, capsys):
    book, db = tmp_path / "wenlv.xlsx", tmp_path / "none.db"
    published_workbook(book)
    assert main(["import-tables", "--db", str(db), "--year", "2023", str(book)]) == 2
    assert f"新单位“{DEPARTMENT}”须写明所在省份（它决定报表格式），如“四川”" in capsys.readouterr().out
    assert not db.exists()
