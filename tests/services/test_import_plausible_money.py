"""The import keeps a 万元 cell that reads as 元 as written and warns with its place (issue 11, Build 5)."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, select

from desktop.services.excel import ExcelService
from desktop.storage.database import open_database
from desktop.storage.models import ThreePublicItem
from tests.services.excel_helpers import workbook_file
from tests.services.hubei import add_hubei_department

UNIT = {"单位": [["单位名称"], ["武汉市江岸区民政局"]]}


def test_a_yuan_figure_in_a_wan_column_is_a_warning_naming_sheet_row_and_column(tmp_path):
    path = tmp_path / "hubei.sqlite3"
    add_hubei_department(path)
    workbook = workbook_file(
        tmp_path / "三公.xlsx",
        UNIT
        | {
            "三公经费": [
                ["年度", "项目", "预算数", "决算数"],
                [2024, "公务用车运行维护费", 3, 500000],  # above 10,000 万元
                [2024, "国内公务接待费", 0.5, "12000元"],  # says 元
                [2024, "因公出国（境）费", 2, 2000.01],  # over 1,000 × 2 万元
                [2024, "公务用车购置费", 0, 1500],  # a zero budget compares nothing
            ]
        },
    )
    engine = open_database(path)
    report = ExcelService(engine).import_workbook(workbook)
    assert report.ok
    assert report.warnings == (
        "工作表“三公经费”第 2 行“决算数”列（D2）：“500000”超过 10000 万元："
        "已按500000.00万元读取，如按元填写应为50.00万元，请核对",
        "工作表“三公经费”第 3 行“决算数”列（D3）：“12000元”写明了元，而此处金额单位为万元："
        "已按元换算为1.20万元，如按万元应为12000.00万元，请核对",
        "工作表“三公经费”第 4 行“决算数”列（D4）：“2000.01”超过本行预算（2.00万元）的 1000 倍："
        "已按2000.01万元读取，如按元填写应为0.20万元，请核对",
    )
    with Session(engine) as session:
        amounts = {row.item: row.final_amount for row in session.exec(select(ThreePublicItem))}
    engine.dispose()
    # kept as the cells say: 500000 万元 = 5,000,000,000 元; “12000元” = 12,000 元
    assert amounts["公务用车运行维护费"] == Decimal("5000000000.00")
    assert amounts["国内公务接待费"] == Decimal("12000.00")
    assert amounts["公务用车购置费"] == Decimal("15000000.00")


def test_a_column_headed_in_yuan_is_not_questioned(tmp_path):
    path = tmp_path / "hubei.sqlite3"
    add_hubei_department(path)
    workbook = workbook_file(
        tmp_path / "三公.xlsx",
        UNIT
        | {
            "三公经费": [
                ["年度", "项目", "预算数（元）", "决算数（元）"],
                [2024, "公务用车运行维护费", 30000, 500000],
            ]
        },
    )
    engine = open_database(path)
    report = ExcelService(engine).import_workbook(workbook, dry_run=True)
    engine.dispose()
    assert report.ok and report.warnings == ()
