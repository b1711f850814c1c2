"""导出 PDF through the services: figures from the database, atomic files, clear messages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.errors import UserInputError
from desktop.services.pdf_export import PdfExportService
from tests.printing.pdf_reading import font_problems, page_texts, pdf_text
from tests.services.chufei import CODE, INDICATORS, add_chufei_project


@pytest.fixture
def folder(tmp_path):
    """Where the PDFs go: a folder of its own, so a test can see everything left in it."""
    path = tmp_path / "导出"
    path.mkdir()
    return path


@pytest.fixture
def chufei(engine):
    department_id, _ = add_chufei_project(engine)
    return PdfExportService(engine), department_id


def test_the_chufei_form_prints_the_figures_from_the_database(chufei, tmp_path):
    service, department_id = chufei
    out = tmp_path / "处非.pdf"
    result = service.export(department_id, 2023, "self-eval", out, CODE)
    text = pdf_text(out)
    assert result.pages == 1
    # seed: 85.00 / 131.65 / 117.65 万元, 117.65 / 131.65 = 89.37%, 10 × 0.8937 = 8.94
    assert "总额85.00131.65117.6589.37%108.94" in text
    for row in INDICATORS:
        assert row[2] in text
    assert "51090322T000000344324-处非专项经费" in text and "四川省遂宁市船山区信访局部门" in text
    assert "项目负责人：" in text and "财务负责人：" in text
    assert font_problems(out) == []


def test_unused_funding_rows_print_as_the_seed_does(chufei, tmp_path):
    service, department_id = chufei
    out = tmp_path / "处非.pdf"
    service.export(department_id, 2023, "self-eval", out, CODE)
    text = pdf_text(out)
    # seed (另一项目): 财政专户管理资金 0.00 0.00 0.00 0.00% / /; 其他资金 with empty cells then / /
    assert "财政专户管理资金0.000.000.000.00%//" in text
    assert "单位资金0.000.000.000.00%//" in text
    assert "其他资金//绩效指标" in text
    assert "总额85.00131.65117.6589.37%108.94" in text


def test_the_pack_holds_every_form_of_the_year(chufei, tmp_path):
    service, department_id = chufei
    out = tmp_path / "pack.pdf"
    result = service.export(department_id, 2023, "pack", out)
    pages = page_texts(out)
    assert len(pages) == result.pages >= 4
    assert "目录" in pages[1] and f"第{result.pages}页共{result.pages}页" in pages[-1]
    assert any("项目支出绩效目标表" in page for page in pages)
    assert any("部门预算项目支出绩效自评表" in page for page in pages)


def test_an_unknown_project_or_form_is_named(chufei, folder):
    service, department_id = chufei
    with pytest.raises(UserInputError, match="2023 年没有项目编码为“123”的项目"):
        service.export(department_id, 2023, "self-eval", folder / "x.pdf", "123")
    with pytest.raises(UserInputError, match="表格“report”不存在"):
        service.export(department_id, 2023, "report", folder / "x.pdf")
    assert list(folder.iterdir()) == []


def test_a_folder_that_cannot_be_written_gives_a_clear_message(chufei, folder):
    service, department_id = chufei
    blocker = folder / "不是文件夹.txt"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(UserInputError, match="保存位置“.*不是文件夹.txt”不是一个存在的文件夹"):
        service.export(department_id, 2023, "self-eval", blocker / "处非.pdf", CODE)
    readonly = Path("/proc/self")  # a folder no one may create files in, whatever the user
    with pytest.raises(UserInputError, match="无法在文件夹“/proc/self”中保存文件"):
        service.export(department_id, 2023, "self-eval", readonly / "处非.pdf", CODE)
    assert [path.name for path in folder.iterdir()] == ["不是文件夹.txt"]


def test_a_pdf_that_cannot_be_replaced_is_left_as_it_was(chufei, folder, monkeypatch):
    service, department_id = chufei
    out = folder / "处非.pdf"
    out.write_bytes(b"the PDF the clerk has open")

    def locked(source, target):  # what Windows does while a reader holds the file open
        raise PermissionError(13, "另一个程序正在使用此文件")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(
        UserInputError, match="无法覆盖“.*处非.pdf”：文件可能正在被其他程序（如 PDF 阅读器）打开"
    ):
        service.export(department_id, 2023, "self-eval", out, CODE)
    assert out.read_bytes() == b"the PDF the clerk has open"
    assert [path.name for path in folder.iterdir()] == ["处非.pdf"]


def test_a_folder_in_the_way_of_the_file_is_refused(chufei, folder):
    service, department_id = chufei
    (folder / "处非.pdf").mkdir()
    with pytest.raises(UserInputError, match="是一个文件夹，不能保存为文件"):
        service.export(department_id, 2023, "self-eval", folder / "处非.pdf", CODE)
    assert [path.name for path in folder.iterdir()] == ["处非.pdf"]


def test_the_command_line_exports_and_reports_bad_input(engine, db_path, tmp_path, capsys):
    add_chufei_project(engine)
    out = tmp_path / "national.pdf"
    args = ["export-pdf", "--db", str(db_path), "--year", "2023", "--form", "self-eval-national"]
    assert main([*args, "--project", CODE, "--out", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    assert "其中：当年财政拨款" in pdf_text(out)
    assert main([*args[:-1], "pack", "--project", CODE, "--out", str(out)]) == 2
    assert "“年度资料汇编”不按项目导出，请去掉项目编码" in capsys.readouterr().err


@pytest.fixture(scope="module")
def sample(sample_module_engine):
    """The sample database of the reference department (遂宁市船山区信访局 2023)."""
    return sample_module_engine


def test_the_department_scorecard_shows_every_item_and_the_seed_total(sample, folder):
    from desktop.services.departments import resolve_department
    from desktop.services.scoring import ScoringService

    department = resolve_department(sample)
    out = folder / "部门整体.pdf"
    result = PdfExportService(sample).export(department.id, 2023, "dept-scorecard", out)
    text = pdf_text(out)
    card = ScoringService(sample).department_scorecard(department.id, 2023)
    leaves = [line for line in card.lines if line.is_leaf]
    assert len(leaves) > 10
    for line in leaves:
        assert line.name in text
    assert "部门预算管理（80分）" in text
    # the seed: 自评为84.6分, 自评满分为90分; graded on 84.60 ÷ 90 × 100 = 94.00 (S9)
    assert "总分（折合百分制94.00分，等级：优）9084.60" in text
    assert result.pages >= 2 and font_problems(out) == []


def test_the_sample_pack_lists_every_project(sample, folder):
    from desktop.services.departments import resolve_department
    from desktop.services.projects import ProjectService

    department = resolve_department(sample)
    out = folder / "pack.pdf"
    result = PdfExportService(sample).export(department.id, 2023, "pack", out)
    pages = page_texts(out)
    assert len(pages) == result.pages
    for project in ProjectService(sample).list(department.id, 2023):
        listed = f"{project.name}项目支出绩效自评表" in pages[1] + pages[2]
        assert listed == (project.name not in ("春节慰问", "市级信访专项经费"))  # these have no indicators
    assert "部门整体支出绩效评价表" in pages[1]
    chufei = next(page for page in pages if "51090322T000000344324-处非专项经费" in page and "自评表" in page)
    assert "总额85.00131.65117.6589.37%108.94" in chufei


def test_a_text_taller_than_a_page_is_named_and_nothing_is_written(engine, folder):
    from desktop.services.projects import ProjectService

    department_id, project_id = add_chufei_project(engine)
    projects = ProjectService(engine)
    indicator = projects.get(project_id).indicators[0]
    projects.update_indicator(indicator.id, "shortfall_reason", "原因" * 3000)
    with pytest.raises(UserInputError, match="有一处文字过长，一个格子在一页内放不下，请缩短后再导出"):
        PdfExportService(engine).export(department_id, 2023, "self-eval", folder / "处非.pdf", CODE)
    assert list(folder.iterdir()) == []
