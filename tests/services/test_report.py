"""The sample's 决算说明 in Word, read back; check-text on the seed's own text and on Ziping's;
the clerk's 主要原因 kept per year and section. Through the command line, as a clerk runs it."""

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from desktop.cli import main
from desktop.services.check_text import check_report_text, read_report_text
from desktop.services.report_data import ReportTexts
from desktop.storage.database import open_database

# The seed's 决算说明 and the figure sections of its 整体支出绩效报告 (its lines 1–318), as published.
SEED = Path(__file__).resolve().parents[1] / "data" / "seed_report_2023.txt"


def docx_text(path: Path) -> str:
    return "\n".join(paragraph.text for paragraph in Document(str(path)).paragraphs)


@pytest.fixture
def sample_docx(sample_path, tmp_path, capsys):
    out = tmp_path / "决算说明.docx"
    assert main(["export-docx", "--db", str(sample_path), "--year", "2023", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    return out, printed


def test_the_sample_report_in_word_states_the_seed_figures(sample_docx):
    out, printed = sample_docx
    text = docx_text(out)
    for sentence in (
        "2023年度收、支总计均为421.67万元。与2022年度相比，收、支总计各减少74.49万元，下降15.01%。",
        "2023年度本年收入合计416.54万元，其中：一般公共预算财政拨款收入411.94万元，占98.90%；其他收入4.60万元，占1.10%。",
        "2023年度本年支出合计416.18万元，其中：基本支出217.94万元，占52.37%；项目支出198.24万元，占47.63%。",
        "2023年度财政拨款收、支总计均为411.94万元。"
        "与2022年度相比，财政拨款收、支总计各减少31.09万元，下降7.02%。",
        "2023年度“三公”经费财政拨款支出决算为0.37万元，完成预算100.00%，较上年度减少0.52万元，下降58.43%。",
        "占本年支出合计的98.98%",
        "本部门2023年度无政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出。",
    ):
        assert sentence in text
    # the 附件 from the same figures: 216.38 and 183.57 as in the 说明, the scorecard's result
    for sentence in (
        "收入决算总额比2022年收入决算总额494.03万元减少77.49万元，下降15.69%。",
        "支出决算总额比2022年支出决算总额491.03万元减少74.85万元，下降15.24%。",
        "其中：基本支出216.38万元，项目支出195.57万元。",
        "人员经费支出183.57万元，占一般公共预算财政拨款基本支出的84.84%",
        "处非专项经费117.65万元",
        "6月、9月、11月执行进度分别达到43.58%、66.03%、78.03%。",
        "自评得分情况：自评为84.60分",
        "遂宁市船山区信访局共有编制11名，在职人员11名，离休人员0名，退休人员0名。",
        "遂宁市船山区信访局下属二级单位0个，其中行政单位0个，参照公务员法管理的事业单位0个，其他事业单位0个。",
        "2023年度，遂宁市船山区信访局机关运行经费支出32.81万元，比2022年度增加0.70万元，增长2.18%。",
        "截至2023年12月31日，遂宁市船山区信访局共有车辆0辆",
    ):
        assert sentence in text
    headings = [p.text for p in Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert "第二部分 2023年度部门决算情况说明" in headings
    # the sample keeps the seed's 主要原因 and 职责; what it lacks is listed after the export
    assert (
        "与2022年度相比，收、支总计各减少74.49万元，下降15.01%。主要原因是维稳专项经费、治理重复访化解信访积案资金等项目支出减少。"
        in text
    )
    assert "1．代表处理人民群众给区委、区政府的来信，接待群众来访" in text
    assert "尚未填写：绩效·部门整体预算绩效管理情况" in printed
    assert "尚未填写：收支总计变动的主要原因" not in printed


def test_the_runs_carry_their_east_asian_font(sample_docx):
    out, _ = sample_docx
    run = Document(str(out)).paragraphs[10].runs[0]
    fonts = run._element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") in (
        "宋体",
        "黑体",
    )


def test_check_text_on_the_seed_reports_the_wrong_share_and_the_wrong_decrease(sample_module_engine):
    result = check_report_text(sample_module_engine, 1, 2023, read_report_text(SEED))
    wrong = {(value.stated, value.computed): value.sentence for value in result.mismatches}
    assert wrong[("98.79%", "98.98%")].startswith(
        "2023年度一般公共预算财政拨款支出411.94万元，占本年支出合计的98.79%"
    )
    assert "491.03万元减少79.09万元" in wrong[("减少79.09万元", "-74.85万元")]
    agreeing = {(value.figure, value.stated) for value in result.agreeing}
    # figures that agree raise nothing: 98.90%, 52.37%, −74.49, −15.01%, −58.43%, 15.68% (truncated)
    for stated in (
        ("一般公共预算财政拨款收入", "98.90%"),
        ("基本支出", "52.37%"),
        ("收支总计", "减少74.49万元"),
        ("收支总计", "下降15.01%"),
        ("三公经费", "下降58.43%"),
        ("本年收入合计", "下降15.68%"),
        ("处非专项经费", "117.65万元"),
        ("6月执行进度", "43.58%"),
        ("12月执行进度", "95.87%"),
    ):
        assert stated in agreeing
    flagged = {value.stated for value in result.mismatches}
    assert not flagged & {"98.90%", "52.37%", "47.63%", "减少74.49万元", "下降15.01%", "下降58.43%"}
    assert result.unmatched  # 政府采购, 满意率 … are listed, not passed


def clerk_written(engine) -> str:
    return "\n".join(ReportTexts(engine).texts(1, 2023).values())


def test_ziping_s_own_report_passes_check_text(sample_docx, sample_path, capsys):
    out, _ = sample_docx
    assert main(["check-text", "--db", str(sample_path), "--year", "2023", str(out)]) == 0
    assert "个一致，0 个不一致，" in capsys.readouterr().out.splitlines()[0]
    engine = open_database(sample_path)
    try:
        result = check_report_text(engine, 1, 2023, read_report_text(out))
        # what is not tied to a figure stands in the clerk's own texts (满意率 100% in 重点工作)
        assert result.unmatched and all(value.sentence in clerk_written(engine) for value in result.unmatched)
    finally:
        engine.dispose()


def test_check_text_refuses_a_file_it_cannot_read(sample_path, tmp_path, capsys):
    paper = tmp_path / "说明.xlsx"
    paper.write_bytes(b"x")
    assert main(["check-text", "--db", str(sample_path), "--year", "2023", str(paper)]) == 2
    assert "说明.xlsx：只能检查 .docx、.txt 或带文字层的 .pdf 文件" in capsys.readouterr().err


def test_a_reason_is_kept_per_year_and_section_and_written(sample_engine, tmp_path):
    texts = ReportTexts(sample_engine)
    texts.save(1, 2023, "原因·收支总计", "维稳专项经费等项目支出减少")
    texts.save(1, 2022, "原因·收支总计", "上年的原因")
    texts.save(1, 0, "部门职责", "代表处理人民群众的来信。")
    assert texts.texts(1, 2023)["原因·收支总计"] == "维稳专项经费等项目支出减少"
    assert texts.texts(1, 2023)["部门职责"] == "代表处理人民群众的来信。"
    from desktop.services.report_export import export_report_docx

    result = export_report_docx(sample_engine, 1, 2023, tmp_path / "r.docx")
    text = docx_text(result.path)
    assert "下降15.01%。主要原因是维稳专项经费等项目支出减少。" in text
    assert "代表处理人民群众的来信。" in text
    assert "尚未填写：收支总计变动的主要原因" not in result.notes


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_word_file_converts_in_libreoffice(sample_docx, tmp_path):
    out, _ = sample_docx
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True,
        timeout=300,
    )
    converted = tmp_path / "决算说明.pdf"
    from pypdf import PdfReader

    reader = PdfReader(str(converted))
    text = "".join(page.extract_text() for page in reader.pages)
    # the digits survive LibreOffice's font substitution; the seven pictures are in the file
    assert "421.67" in text and "98.90%" in text and "58.43%" in text
    images = {image.name for page in reader.pages for image in page.images}
    assert len(images) >= 7


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join((page.extract_text() or "").replace("\n", "") for page in PdfReader(str(path)).pages)


def test_the_sample_report_as_pdf_states_the_seed_figures_and_draws_the_seven_charts(
    sample_path, tmp_path, capsys
):
    out = tmp_path / "决算说明.pdf"
    argv = ["export-pdf", "--form", "report", "--db", str(sample_path), "--year", "2023", "--out", str(out)]
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith(f"已导出 {out}（共 ")
    text = pdf_text(out)
    for sentence in (
        "收、支总计均为421.67万元",
        "减少74.49万元，下降15.01%",
        "一般公共预算财政拨款收入411.94万元，占98.90%",
        "基本支出217.94万元，占52.37%",
        "项目支出198.24万元，占47.63%",
        "财政拨款收、支总计均为411.94万元",
        "减少31.09万元，下降7.02%",
        "减少0.52万元，下降58.43%",
        "占本年支出合计的98.98%",
    ):
        assert sentence in text
    for title in ("图1：收、支决算总计变动情况", "图2：收入决算结构", "图7：“三公”经费财政拨款支出结构"):
        assert title in text
    # the charts' own labels: 图2's slice and 图1's bars
    assert "其他收入 4.60万元（1.10%）" in text
    assert "496.16" in text
    assert "收入支出决算总表" in text and "公开01表" in text and "公开13表" in text
    # read back by check-text through its text layer: every number agrees, the charts' labels too
    assert main(["check-text", "--db", str(sample_path), "--year", "2023", str(out)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "个一致，0 个不一致，" in first


def test_the_word_file_holds_the_seven_charts_as_pictures_and_the_tables_as_word_tables(sample_docx):
    out, _ = sample_docx
    document = Document(str(out))
    assert len(document.inline_shapes) == 7
    # the Sichuan set: 13 tables, 公开01表 first, its 收入 side's total 421.67
    titles = [
        p.text for p in document.paragraphs if p.style.name == "Heading 2" and p.text.startswith("公开")
    ]
    assert len(titles) == 13 and titles[0] == "公开01表 收入支出决算总表"
    first = document.tables[0]
    assert "421.67" in [cell.text for row in first.rows for cell in row.cells]
