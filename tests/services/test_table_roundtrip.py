"""export-tables of the sample, import-tables into a new database: the same tables, cell by cell,
and a check that finds in them only what the tables themselves show."""

from __future__ import annotations

import json
from decimal import Decimal as D

from desktop.cli import main
from desktop.services.catalogue import FormCatalogue
from desktop.services.departments import resolve_department
from desktop.services.final_tables import FinalTablesService
from desktop.storage.database import open_database
from tests.services.wenlv import YEAR, add_wenlv_department


def cells(db, year: int = 2023) -> dict[tuple[str, str, str], object]:
    engine = open_database(db)
    try:
        department = resolve_department(engine, None)
        year = FinalTablesService(engine, FormCatalogue()).year_tables(department.id, year)
    finally:
        engine.dispose()
    return {
        (table.definition.number, row.key, column.key): amount
        for table in year.tables
        for side in table.sides
        for row in side.rows
        for column, amount in zip(side.definition.columns, row.cells, strict=True)
    }


def check_json(db, capsys) -> dict:
    capsys.readouterr()
    assert main(["check", "--db", str(db), "--year", "2023", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_exported_tables_of_the_sample_import_into_a_new_database_as_the_same_tables(
    sample_path, tmp_path, capsys
):
    book, new = tmp_path / "决算公开表.xlsx", tmp_path / "new.sqlite3"
    assert main(["export-tables", "--db", str(sample_path), "--year", "2023", "--out", str(book)]) == 0
    assert main(["import-tables", "--db", str(new), "--year", "2023", "--province", "四川", str(book)]) == 0
    original, imported = cells(sample_path), cells(new)
    assert len(original) == 786
    assert imported == original
    # the 总表 of the seed: 收、支总计 421.67, 本年收入合计 416.54, 本年支出合计 416.18
    summary = {key[1]: amount for key, amount in imported.items() if key[0] == "公开01表"}
    assert (summary["income_total"], summary["expenditure_total"]) == (D("4216700.00"), D("4216700.00"))
    assert (summary["current_income"], summary["current_expenditure"]) == (D("4165400.00"), D("4161800.00"))
    # the tables agree with each other to the 分 (财政拨款 收 411.944 = 支 411.944): nothing to find
    findings = check_json(new, capsys)["findings"]
    assert findings == []
    # read again, the workbook changes nothing and the check says the same
    assert main(["import-tables", "--db", str(new), "--year", "2023", str(book)]) == 0
    assert "新增 0 条，更新 0 条" in capsys.readouterr().out
    assert check_json(new, capsys)["findings"] == findings


def test_a_hubei_department_of_the_national_nine_tables_reads_back_the_same_with_no_finding(tmp_path, capsys):
    source, book, new = tmp_path / "hubei.sqlite3", tmp_path / "hubei.xlsx", tmp_path / "new.sqlite3"
    engine = open_database(source, create=True)
    add_wenlv_department(engine)  # 政府性基金 income and spending by 科目, 事业收入, no previous year
    engine.dispose()
    assert main(["export-tables", "--db", str(source), "--year", str(YEAR), "--out", str(book)]) == 0
    assert (
        main(["import-tables", "--db", str(new), "--year", str(YEAR), "--province", "湖北", str(book)]) == 0
    )
    original, imported = cells(source, YEAR), cells(new, YEAR)
    assert len(original) == 259 and imported == original
    # the 政府性基金 income of 2076001 comes from the fund's own table, not from 财政拨款收入 of 表02
    assert imported[("公开02表", "2076001", "fiscal")] == D("30000.00")
    capsys.readouterr()
    assert main(["check", "--db", str(new), "--year", str(YEAR), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_the_exported_tables_read_back_into_the_sample_change_nothing_and_check_the_same(
    sample_path, tmp_path, capsys
):
    sample = sample_path
    book = tmp_path / "决算公开表.xlsx"
    before = check_json(sample, capsys)
    assert len(before["findings"]) == 19
    assert main(["export-tables", "--db", str(sample), "--year", "2023", "--out", str(book)]) == 0
    capsys.readouterr()
    assert main(["import-tables", "--db", str(sample), "--year", "2023", str(book)]) == 0
    assert "新增 0 条，更新 0 条" in capsys.readouterr().out
    # the stated cells the import keeps are the tables' own figures: nothing new to find
    assert check_json(sample, capsys) == before
