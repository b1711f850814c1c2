"""The forms drawn from hand-made view models: the figures, labels and rows are all in the PDF."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from desktop.errors import UserInputError
from desktop.paths import FORMS
from desktop.printing.forms import write_form
from desktop.printing.layouts import choose_layout, load_layout
from desktop.printing.merged_table import merged_runs
from desktop.printing.pack import write_pack
from desktop.printing.sheets import PackEntry, YearPack
from tests.printing.handmade import CHUFEI_INDICATORS, chufei_sheet, department_scorecard, long_sheet
from tests.printing.pdf_reading import font_problems, page_texts, pdf_text

# the Sichuan 自评表 template's headings, as the PDF service fills them into the layout's labels
SICHUAN_FIGURES = {
    "execution_title": "预算执行情况",
    "execution_weight": "10",
    "indicator_title": "绩效指标",
    "indicator_weight": "90",
}


def layout(name: str):
    return load_layout(FORMS / f"print-{name}.toml").filled(SICHUAN_FIGURES)


def test_the_sichuan_form_prints_the_seed_figures_and_every_indicator(tmp_path):
    path = tmp_path / "自评表.pdf"
    result = write_form(path, layout("sichuan-self-eval"), [chufei_sheet()])
    text = pdf_text(path)
    assert result.pages == 1
    for figure in ("85.00", "131.65", "117.65", "89.37%", "8.94"):
        assert figure in text
    # the 总额 row reads 年初, 调整后, 执行, 执行率, 权重 10, 得分 in that order
    assert "总额85.00131.65117.6589.37%108.94" in text
    for row in CHUFEI_INDICATORS:
        assert row[2] in text
    assert text.count("≥") + text.count("＝") + text.count("定性") == 9
    for label in (
        "项目名称",
        "主管部门",
        "实施单位（盖章）",
        "预算执行情况（10分）",
        "绩效指标（90分）",
        "未完成原因分析",
    ):
        assert label in text
    assert "合计10097.44" in text  # 100 under 权重, the total under 得分
    assert "项目负责人：张三" in text and "财务负责人：李四" in text
    assert "其中：财政资金" in text and "1.预算执行率=预算执行数/调整后预算数" in text
    assert "第1页共1页" in text


def test_every_font_is_embedded(tmp_path):
    path = tmp_path / "自评表.pdf"
    write_form(path, layout("sichuan-self-eval"), [chufei_sheet()])
    assert font_problems(path) == []


def test_forty_indicators_with_long_texts_run_over_pages_without_losing_a_row(tmp_path):
    path = tmp_path / "long.pdf"
    sheet = long_sheet(40, 300)
    result = write_form(path, layout("sichuan-self-eval"), [sheet])
    pages = page_texts(path)
    text = "".join(pages)
    assert result.pages > 3
    for number in range(1, 41):
        assert text.count(f"第{number:02d}号指标") == 1, number
        assert text.count(f"R{number:02d}防范") == 1, number
    with_indicators = [page for page in pages if "号指标" in page]
    assert all("三级指标" in page for page in with_indicators)  # the header row repeats
    for page in with_indicators:  # the merged 一级/二级 cells are named again on every page
        first = int(re.search(r"第(\d\d)号指标", page).group(1))
        assert sheet.indicators[first - 1].level2 in page.split(f"第{first:02d}号指标")[0]
    assert pages[-1].count("项目负责人：") == 1  # the signatures end the last page
    assert "改进措施" in pages[-1]
    assert font_problems(path) == []


def test_the_national_form_has_its_own_columns(tmp_path):
    path = tmp_path / "national.pdf"
    write_form(path, layout("national-self-eval"), [chufei_sheet()])
    text = pdf_text(path)
    assert "项目支出绩效自评表" in text and "年度资金总额85.00131.65117.651089.37%8.94" in text
    assert "其中：当年财政拨款" in text and "≥2次" in text and "总分10097.44" in text


def test_the_targets_form_has_no_results(tmp_path):
    path = tmp_path / "targets.pdf"
    write_form(path, layout("targets"), [chufei_sheet()])
    text = pdf_text(path)
    assert "项目支出绩效目标表" in text and "≥50000份10" in text
    assert "97.44" not in text and "完成值" not in text


def test_the_department_scorecard_shows_every_item_and_the_total(tmp_path):
    path = tmp_path / "scorecard.pdf"
    sheet = department_scorecard()
    write_form(path, layout("dept-scorecard"), [sheet])
    text = pdf_text(path)
    for line in sheet.lines:
        assert f"{line.name}{line.weight}" in text
        assert line.score in text
    assert "部门预算管理（80分）" in text and "预算编制（30分）" in text and "预算执行（30分）" in text
    assert "总分（等级：优）5045.75" in text
    page = PdfReader(path).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape


def test_the_project_scorecard_prints_the_level_columns(tmp_path):
    path = tmp_path / "project-scorecard.pdf"
    sheet = department_scorecard()
    graded = replace(sheet.lines[0], levels=("不严密", "3处及以上不严密", "2处不严密", "1处不严密", "严密"))
    write_form(path, layout("project-scorecard"), [replace(sheet, lines=(graded, *sheet.lines[1:]))])
    text = pdf_text(path)
    assert "00.30.60.81" in text
    assert "不严密3处及以上不严密2处不严密1处不严密严密" in text


def test_the_year_pack_has_a_cover_contents_and_page_numbers(tmp_path):
    path = tmp_path / "pack.pdf"
    sheet = chufei_sheet()
    pack = YearPack(
        "遂宁市船山区信访局",
        2023,
        (
            PackEntry("部门整体支出绩效评价表", "dept-scorecard", department_scorecard()),
            PackEntry("处非专项经费 项目支出绩效自评表", "self-eval", sheet),
            PackEntry("长项目 项目支出绩效自评表", "self-eval", long_sheet(40, 300)),
            PackEntry("处非专项经费 项目绩效目标表", "targets", sheet),
        ),
    )
    layouts = {
        "dept-scorecard": layout("dept-scorecard"),
        "self-eval": layout("sichuan-self-eval"),
        "targets": layout("targets"),
    }
    result = write_pack(path, pack, layouts, layout("pack"))
    pages = page_texts(path)
    assert len(pages) == result.pages
    assert "遂宁市船山区信访局2023年度预算绩效自评资料" in pages[0] and "第1页" not in pages[0]
    total = result.pages
    assert f"第2页共{total}页" in pages[1]
    # contents: the dept scorecard on page 3, 处非 on 4, the long project from 5, targets after it
    assert "1部门整体支出绩效评价表3" in pages[1] and "2处非专项经费项目支出绩效自评表4" in pages[1]
    assert "3长项目项目支出绩效自评表5" in pages[1]
    assert f"4处非专项经费项目绩效目标表{total}" in pages[1]
    assert "项目支出绩效目标表" in pages[total - 1]
    assert font_problems(path) == []


def test_merged_runs_stay_inside_their_parent():
    printed, runs = merged_runs(["数量", "数量", "数量", "数量"], ["产出", "产出", "效益", "效益"])
    assert printed == ["数量", "", "数量", ""]
    assert runs == [(0, 1), (2, 3)]


def test_the_province_layout_wins_over_the_general_one(tmp_path):
    assert choose_layout("self-eval", "四川省", 2023).id == "print-sichuan-self-eval"
    assert choose_layout("self-eval", "", 2023).id == "print-national-self-eval"
    # a province without a layout of its own prints the national one
    assert choose_layout("self-eval", "湖北省", 2023).id == "print-national-self-eval"
    assert choose_layout("self-eval", "新疆维吾尔自治区", 2023).id == "print-national-self-eval"
    assert choose_layout("self-eval", "四川省", 2019).id == "print-national-self-eval"  # Sichuan's from 2020
    with pytest.raises(UserInputError, match="没有适用于湖北省 1999 年的“self-eval”打印格式"):
        choose_layout("self-eval", "湖北省", 1999)  # the national one is from 2000 on


def test_a_label_takes_the_template_figures():
    filled = load_layout(FORMS / "print-sichuan-self-eval.toml").filled(
        {**SICHUAN_FIGURES, "execution_weight": "20"}
    )
    assert filled.label("budget_section") == "预算执行情况\n（20分）"
    assert filled.label("indicator_section") == "绩效指标\n（90分）"


def test_a_broken_layout_names_the_file_and_the_field(tmp_path):
    (tmp_path / "print-broken.toml").write_text(
        'form = "self-eval"\nrenderer = "targets"\ntitle = "表"\norientation = "portrait"\nfont_size = 9\n'
        '[tables]\nheader = [{ key = "a" }]\n',
        encoding="utf-8",
    )
    with pytest.raises(
        UserInputError, match=r"print-broken.toml \[tables.header\] 第 1 列”的“width”缺失或类型不对"
    ):
        load_layout(tmp_path / "print-broken.toml")


def test_a_font_file_that_cannot_be_used_is_named(tmp_path):
    from desktop.printing.fonts import register_font

    broken = tmp_path / "simsun.ttc"
    broken.write_bytes(b"not a font")
    with pytest.raises(UserInputError, match="字体文件“.*simsun.ttc”不是可用的 TrueType 字体"):
        register_font(broken)
