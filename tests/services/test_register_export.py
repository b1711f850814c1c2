"""打印列表 / 导出列表 and the statistics page below the window: the command line's register forms
on the sample, and the atomic output that never lands on the database."""

from __future__ import annotations

import re
from datetime import date

import pytest

from desktop.cli import main
from desktop.errors import UserInputError
from desktop.services import register_export
from desktop.services.departments import resolve_department
from desktop.services.register import RegisterFilter, RegisterService
from desktop.services.register_export import export_list_pdf, export_list_workbook
from tests.printing.pdf_reading import page_texts, pdf_text

MARCH = RegisterFilter(start=date(2023, 3, 1), end=date(2023, 3, 31))


def test_the_command_line_prints_the_list_of_a_period(sample_engine, sample_path, tmp_path, capsys):
    register, department_id = RegisterService(sample_engine), resolve_department(sample_engine).id
    march = [row.number for row in register.all_rows(department_id, MARCH)]
    assert len(march) == register.count(department_id, MARCH) > 50  # several pages
    out = tmp_path / "三月.pdf"
    args = ["export-pdf", "--db", str(sample_path), "--year", "2023", "--form", "register-list"]
    assert main([*args, "--from", "2023-03-01", "--to", "2023-03-31", "--out", str(out)]) == 0
    pages = page_texts(out)
    assert capsys.readouterr().out == f"已导出 {out}（共 {len(pages)} 页）\n"
    assert re.findall(r"船信〔2023〕\d{4}号", "".join(pages)) == march  # in the order of 登记日期
    assert f"共{len(march)}件" in pages[0] and "筛选条件：无" in pages[0]
    assert all(page.endswith(f"第{number}页共{len(pages)}页") for number, page in enumerate(pages, start=1))


def test_the_command_line_prints_the_statistics_page(sample_path, tmp_path):
    out = tmp_path / "统计.pdf"
    args = ["export-pdf", "--db", str(sample_path), "--year", "2023", "--form", "register-stats"]
    assert main([*args, "--out", str(out)]) == 0
    text = pdf_text(out)
    # the sample's figures as ``ziping-cli stats`` prints them: 满意 256 of 258 参评
    assert "满意率满意256参评25899.22%" in text
    assert "到区1762354602188" in text  # 176 批 2354 人次, 集访 60 批 2188 人次


def test_an_unknown_status_is_refused_by_the_command_line(sample_path, tmp_path, capsys):
    args = ["export-pdf", "--db", str(sample_path), "--year", "2023", "--form", "register-list"]
    with pytest.raises(SystemExit) as exited:  # argparse's refusal, in Chinese by the CLI's parser
        main([*args, "--status", "逾期", "--out", str(tmp_path / "x.pdf")])
    assert exited.value.code == 2
    assert "argument --status: invalid choice: '逾期'" in capsys.readouterr().err


def test_neither_list_is_ever_written_onto_the_database(sample_engine, sample_path):
    register, department_id = RegisterService(sample_engine), resolve_department(sample_engine).id
    before = sample_path.read_bytes()
    with pytest.raises(UserInputError, match="这是正在使用的数据库文件"):
        export_list_workbook(register, department_id, MARCH, sample_path)
    with pytest.raises(UserInputError, match="这是正在使用的数据库文件"):
        export_list_pdf(register, department_id, MARCH, sample_path)
    assert sample_path.read_bytes() == before


def test_a_list_too_long_to_print_is_refused_with_the_way_out(sample_engine, tmp_path, monkeypatch):
    register, department_id = RegisterService(sample_engine), resolve_department(sample_engine).id
    count = register.count(department_id, MARCH)
    monkeypatch.setattr(register_export, "PRINTED_LIST_LIMIT", count - 1)
    out = tmp_path / "导出"
    out.mkdir()
    with pytest.raises(UserInputError) as refused:
        export_list_pdf(register, department_id, MARCH, out / "三月.pdf")
    assert str(refused.value) == (
        f"当前列表有 {count} 件信访事项，打印列表最多 {count - 1} 件；"
        "请缩短登记日期或加筛选条件后再打印，或用“导出列表”导出为 Excel"
    )
    assert list(out.iterdir()) == []
    assert export_list_workbook(register, department_id, MARCH, out / "三月.xlsx").rows == count
