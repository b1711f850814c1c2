"""部门决算公开表 printed: the sample's 13 Sichuan tables (the 总表's figures read back from the PDF
text), a 湖北 文旅局's national 9 with its empty table's wording, and the tables in the year pack."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.errors import UserInputError
from desktop.services.departments import resolve_department
from desktop.services.pdf_export import PdfExportService
from tests.printing.pdf_reading import font_problems, page_texts
from tests.services.wenlv import YEAR, add_wenlv_department


def test_the_sample_prints_its_13_tables_one_per_page_with_the_seeds_totals(sample_path, tmp_path, capsys):
    out = tmp_path / "决算公开表.pdf"
    args = ["export-pdf", "--db", str(sample_path), "--year", "2023", "--form", "tables", "--out", str(out)]
    assert main(args) == 0
    assert "共 13 页" in capsys.readouterr().out
    pages = page_texts(out)
    assert [page[:5] for page in pages] == [f"公开{n:02}表" for n in range(1, 14)]
    summary = pages[0]
    assert "收入支出决算总表编制单位：遂宁市船山区信访局2023年度金额单位：万元" in summary
    assert "一、一般公共预算财政拨款收入1411.94" in summary
    assert "本年收入合计9416.54" in summary and "总计12421.67" in summary
    assert "一、一般公共服务支出13373.00" in summary
    assert (
        "本年支出合计17416.18" in summary and "年末结转和结余195.49" in summary and "总计20421.67" in summary
    )
    assert "合计416.18217.94198.24" in pages[2]  # 支出决算表: 本年支出合计, 基本支出, 项目支出
    assert "人员经费合计183.57" in pages[7] and "公用经费合计32.81" in pages[7]
    assert "本单位2023年度没有政府性基金预算财政拨款收入" in pages[9]
    assert "金额0.370.000.000.000.000.370.37" in pages[12]
    assert pages[0].endswith("第1页共13页")
    assert font_problems(out) == []


@pytest.fixture
def wenlv(engine):
    return add_wenlv_department(engine)


def test_a_hubei_department_prints_the_national_nine(engine, wenlv, tmp_path):
    out = tmp_path / "tables.pdf"
    result = PdfExportService(engine).export(wenlv, YEAR, "tables", out)
    pages = page_texts(out)
    assert result.pages == len(pages) == 9
    # 支出 207: 48.00 + 2.00 + 2.80 + 1.20 = 54.00 万元, the 七th 类 of the edition
    assert "七、文化旅游体育与传媒支出1354.00" in pages[0]
    assert "总计1260.80" in pages[0] and "总计1860.80" in pages[0]
    assert "2076001资助国产影片放映0.103.002.800.002.800.30" in pages[6]
    assert "本部门2024年度没有使用国有资本经营预算财政拨款安排的支出，故本表无数据。" in pages[7]


def test_a_year_without_lines_has_no_tables(engine, wenlv, tmp_path):
    with pytest.raises(UserInputError, match="^2023 年没有收入、支出等决算数据，没有“部门决算公开表”可导出$"):
        PdfExportService(engine).export(wenlv, 2023, "tables", tmp_path / "t.pdf")


def test_the_year_pack_ends_with_the_tables(sample_engine, tmp_path):
    department = resolve_department(sample_engine)
    out = tmp_path / "pack.pdf"
    PdfExportService(sample_engine).export(department.id, 2023, "pack", out)
    pages = page_texts(out)
    contents = pages[1] + pages[2]
    assert "公开01表收入支出决算总表" in contents and "公开13表财政拨款“三公”经费支出决算表" in contents
    assert pages[-13].startswith("公开01表收入支出决算总表")
    assert pages[-1].startswith("公开13表")


def test_the_pack_says_on_its_contents_page_why_it_holds_no_tables(sample_engine, tmp_path):
    from sqlmodel import Session, select

    from desktop.storage.models import IncomeLine

    with Session(sample_engine) as session:
        line = session.exec(select(IncomeLine).where(IncomeLine.source == "其他收入")).first()
        line.function_code = ""  # as an older file holds it
        session.add(line)
        session.commit()
    department = resolve_department(sample_engine)
    out = tmp_path / "pack.pdf"
    PdfExportService(sample_engine).export(department.id, 2023, "pack", out)
    pages = page_texts(out)
    contents = pages[1] + pages[2]
    assert (
        "部门决算公开表未编入：公开02表收入决算表：收入“其他收入”没有功能分类科目，无法按科目列示" in contents
    )
    assert not any(page.startswith("公开01表") for page in pages)
    with pytest.raises(UserInputError, match="^公开02表收入决算表：收入“其他收入”没有功能分类科目"):
        PdfExportService(sample_engine).export(department.id, 2023, "tables", tmp_path / "t.pdf")
