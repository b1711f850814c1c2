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
from desktop.storage.models import (
    AuditEntry,
    Department,
    ExpenditureLine,
    IncomeLine,
    StatedFigure,
    ThreePublicItem,
)
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


def three_public_workbook(path, vehicles_header: str) -> None:
    """财政拨款“三公”经费支出决算表 (四川 公开13表), 预算数 | 决算数 over three header rows, in 元."""
    from openpyxl import Workbook

    from tests.exchange.published_workbooks import title_rows

    workbook = Workbook()
    sheet = workbook.active
    title_rows(sheet, "财政拨款“三公”经费支出决算表", "公开13表", "元", 12)
    for start, word in ((1, "预算数"), (7, "决算数")):
        sheet.cell(row=4, column=start, value=word)
        sheet.merge_cells(start_row=4, start_column=start, end_row=4, end_column=start + 5)
        for offset, heading in (
            (0, "合计"),
            (1, "因公出国（境）费"),
            (2, vehicles_header),
            (5, "公务接待费"),
        ):
            sheet.cell(row=5, column=start + offset, value=heading)
        sheet.merge_cells(start_row=5, start_column=start + 2, end_row=5, end_column=start + 4)
        for offset, heading in ((2, "小计"), (3, "公务用车购置费"), (4, "公务用车运行费")):
            sheet.cell(row=6, column=start + offset, value=heading)
    # 预算: 22 000 = 0 + 16 000 (0 + 16 000) + 6 000; 决算: 20 000 = 0 + 15 000 (0 + 15 000) + 5 000
    for column, value in enumerate(
        (22000, 0, 16000, 0, 16000, 6000, 20000, 0, 15000, 0, 15000, 5000), start=1
    ):
        sheet.cell(row=7, column=column, value=value)
    workbook.save(path)


@pytest.mark.parametrize("vehicles_header", ["公务用车购置及运行费", "公务用车购置及运行维护费"])
def test_three_public_items_from_their_columns_the_totals_stated(tmp_path, vehicles_header):
    book, db = tmp_path / "sangong.xlsx", tmp_path / "sangong.db"
    three_public_workbook(book, vehicles_header)
    engine = open_database(db, create=True)
    with Session(engine) as session:
        session.add(Department(name=DEPARTMENT, province="四川省"))
        session.commit()
    TableImportService(engine, FormCatalogue()).import_tables(book, 2023)
    engine.dispose()
    items = {r.item: (r.budget, r.final_amount) for r in rows(db, ThreePublicItem)}
    assert items == {  # a 0 is no line
        "公务用车运行维护费": (D("16000.00"), D("15000.00")),
        "国内公务接待费": (D("6000.00"), D("5000.00")),  # the table does not split 国内 / 外事
    }
    stated = {r.key: r.amount for r in rows(db, StatedFigure)}
    assert stated == {
        "公开13表·amount·budget_total": D("22000.00"),
        "公开13表·amount·budget_vehicles": D("16000.00"),
        "公开13表·amount·final_total": D("20000.00"),
        "公开13表·amount·final_vehicles": D("15000.00"),
    }


def test_a_workbook_of_another_year_is_refused(tmp_path):
    book, db = tmp_path / "2022.xlsx", tmp_path / "year.db"
    published_workbook(book)
    workbook = load_workbook(book)
    workbook["表3"]["E3"] = "2022年度"
    workbook.save(book)
    engine = open_database(db, create=True)
    with pytest.raises(ImportRejected) as rejected:
        TableImportService(engine, FormCatalogue()).import_tables(book, 2023, province="湖南")
    engine.dispose()
    assert rejected.value.report.problems == ("工作表“表3”：这是 2022 年度的报表，不能导入为 2023 年度",)


def test_a_file_that_is_no_workbook_is_one_line_and_exit_2(tmp_path, capsys):
    book = tmp_path / "表.xlsx"
    book.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200))
    assert (
        main(
            [
                "import-tables",
                "--db",
                str(tmp_path / "x.db"),
                "--year",
                "2023",
                "--province",
                "湖南",
                str(book),
            ]
        )
        == 2
    )
    error = capsys.readouterr().err
    assert "表.xlsx 是加密（设有打开密码）的工作簿或旧版 .xls 文件，无法读取" in error
    assert "Traceback" not in error


def test_a_workbook_without_any_known_table_says_which_titles_it_looks_for(tmp_path):
    book, db = tmp_path / "other.xlsx", tmp_path / "other.db"
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "部门整体支出绩效自评表"
    workbook.save(book)
    engine = open_database(db, create=True)
    with pytest.raises(ImportRejected) as rejected:
        TableImportService(engine, FormCatalogue()).import_tables(book, 2023, province="湖南")
    engine.dispose()
    assert rejected.value.report.problems == (
        "工作簿：没有找到决算报表：各工作表前几行都没有已知的表名（如“收入支出决算总表”）",
    )
    assert rejected.value.report.warnings == ("工作表“Sheet”：前 12 行没有已知的决算报表表名，已跳过",)
