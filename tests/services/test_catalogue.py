"""The form catalogue: which 自评表 / 评价表 / print layout a department gets, and a new province's
template changing the 预算执行 weight everywhere without a change of code (issue 9, observation 2)."""

from __future__ import annotations

import shutil
from decimal import Decimal as D

import pytest

from desktop.errors import UserInputError
from desktop.paths import FORMS
from desktop.services.catalogue import FormCatalogue
from desktop.services.checks import CheckService
from desktop.services.container import build_services
from desktop.services.departments import department_info, update_department
from desktop.services.pdf_export import PdfExportService
from desktop.services.projects import ProjectService
from desktop.services.scoring import ScoringService, score_report
from tests.printing.pdf_reading import pdf_text
from tests.services.chufei import CODE, add_chufei_project
from tests.services.new_province import HUBEI_TEMPLATE


@pytest.fixture
def forms(tmp_path):
    """A copy of the shipped forms with a 湖北省 自评表 whose 预算执行 weighs 20."""
    folder = tmp_path / "forms"
    shutil.copytree(FORMS, folder)
    (folder / "hubei_self_evaluation.toml").write_text(HUBEI_TEMPLATE, encoding="utf-8")
    return folder


def _move(engine, department_id, province):
    department = department_info(engine, department_id)
    update_department(
        engine,
        department_id,
        name=department.name,
        competent_department=department.competent_department,
        implementing_unit=department.implementing_unit,
        province=province,
        credit_code="",
    )


def test_a_province_gets_its_own_template_and_any_other_the_national_one():
    catalogue = FormCatalogue()
    assert catalogue.choose("self_evaluation", "四川省", 2023).id == "sichuan_self_evaluation"
    assert catalogue.choose("self_evaluation", "四川", 2023).id == "sichuan_self_evaluation"  # stored short
    assert catalogue.choose("self_evaluation", "新疆维吾尔自治区", 2023).id == "national_self_evaluation"
    assert catalogue.choose("self_evaluation", "", 2023).id == "national_self_evaluation"
    assert catalogue.choose("department", "四川省", 2023).id == "sichuan_department"
    assert catalogue.choose("department", "新疆维吾尔自治区", 2023) is None  # no national scorecard ships
    assert (
        catalogue.choose("self_evaluation", "四川省", 2019).id == "national_self_evaluation"
    )  # 四川 from 2020
    assert catalogue.choose("self_evaluation", "四川省", 1999) is None  # the national one is from 2000


def test_the_latest_first_year_not_after_the_year_wins(forms):
    (forms / "hubei_2025.toml").write_text(
        HUBEI_TEMPLATE.replace("from_year = 2023", "from_year = 2025")
        .replace("weight = 20", "weight = 15")
        .replace("weight = 80", "weight = 85"),
        encoding="utf-8",
    )
    catalogue = FormCatalogue(forms)
    assert catalogue.choose("self_evaluation", "湖北省", 2022).id == "national_self_evaluation"
    assert catalogue.choose("self_evaluation", "湖北省", 2024).id == "hubei_self_evaluation"
    assert catalogue.self_evaluation("湖北省", 2026).execution_weight == D(15)


def test_the_sichuan_figures_come_from_the_template():
    figures = FormCatalogue().self_evaluation("四川省", 2023)
    assert (figures.execution_title, figures.execution_weight) == ("预算执行情况", D(10))
    assert (figures.indicator_title, figures.indicator_weight, figures.full_marks) == (
        "绩效指标",
        D(90),
        D(100),
    )
    national = FormCatalogue().self_evaluation("湖北省", 2023)
    # 产出 50 + 效益 30 + 满意度 10 under one 绩效指标 heading
    assert (national.execution_title, national.indicator_title, national.indicator_weight) == (
        "预算执行率",
        "绩效指标",
        D(90),
    )


def test_a_self_evaluation_template_without_execution_is_refused(tmp_path):
    (tmp_path / "bad.toml").write_text(
        HUBEI_TEMPLATE.replace('method = "execution"', 'method = "indicators"'), encoding="utf-8"
    )
    with pytest.raises(UserInputError, match='^模板 bad.toml：自评表应有且只有一项 method = "execution"'):
        FormCatalogue(tmp_path).choose("self_evaluation", "湖北省", 2023)


def test_a_province_that_is_no_full_name_is_refused(tmp_path):
    (tmp_path / "short.toml").write_text(HUBEI_TEMPLATE.replace("湖北省", "湖北"), encoding="utf-8")
    with pytest.raises(UserInputError, match="字段“province”的值“湖北”不是省级行政区的全称"):
        FormCatalogue(tmp_path).template("short")


def test_a_sichuan_department_stored_without_sheng_is_scored_on_the_sichuan_form(engine):
    department_id, _ = add_chufei_project(engine, province="四川")  # as an older import stored it
    (evaluation,) = ScoringService(engine).project_evaluations(department_id, 2023)
    assert evaluation.scores.weights.texts == ()  # one 绩效指标 heading of 90: nine indicators of 10 add up
    detail = ProjectService(engine).find(department_id, 2023, CODE)
    assert detail.form.execution_title == "预算执行情况"  # the Sichuan heading, not the national 预算执行率


def test_a_xinjiang_department_is_scored_and_printed_on_the_national_forms(engine, tmp_path):
    department_id, _ = add_chufei_project(engine, province="新疆维吾尔自治区")
    (evaluation,) = ScoringService(engine).project_evaluations(department_id, 2023)
    # national headings 产出 50 / 效益 30 / 满意度 10: the project has 5 / 2 / 1 indicators of 10
    assert evaluation.scores.weights.texts == ("项目“处非专项经费”的效益指标权重合计20分，应为30分",)
    assert evaluation.scores.execution_weight == D(10) and evaluation.scores.execution_score == D("8.94")
    detail = ProjectService(engine).find(department_id, 2023, CODE)
    assert detail.form.template_id == "national_self_evaluation"
    out = tmp_path / "新疆.pdf"
    PdfExportService(engine).export(department_id, 2023, "self-eval", out, CODE)
    text = pdf_text(out)
    # the national layout: 年初 / 全年预算 / 全年执行 / 分值 / 执行率 / 得分
    assert "项目支出绩效自评表" in text and "部门预算项目支出绩效自评表" not in text
    assert "年度资金总额85.00131.65117.651089.37%8.94" in text
    pack = tmp_path / "新疆资料.pdf"
    PdfExportService(engine).export(department_id, 2023, "pack", pack)
    assert "年度资金总额85.00131.65117.651089.37%8.94" in pdf_text(pack)


def test_a_new_province_file_sets_the_weight_in_score_checks_and_pdf(engine, forms, tmp_path, capsys):
    department_id, project_id = add_chufei_project(engine, province="湖北省")
    catalogue = FormCatalogue(forms)
    services = build_services(engine, catalogue)
    detail = services.projects.get(project_id)
    # 20 × 117.65 / 131.65 = 17.873… → 17.87; the indicators keep 88.50 (8 met × 10 + 资金到位 8.50)
    assert detail.scores.execution_score == D("17.87")
    assert detail.scores.total == D("106.37")
    report = score_report(services.scoring, department_id, 2023)
    assert report["projects"][0]["self_evaluation"]["execution_score"] == D("17.87")
    assert report["projects"][0]["self_evaluation"]["warnings"] == [
        "项目“处非专项经费”的绩效指标权重合计90分，应为80分",
        "项目“处非专项经费”的合计110分超过满分100分，自评表不能定稿",  # 20 + 9 × 10
    ]
    p1 = [f for f in CheckService(engine, services.scoring).run(department_id, 2023) if f.rule == "P1"]
    assert [(f.expected, f.actual) for f in p1] == [("80.00", "90.00")]
    out = tmp_path / "湖北.pdf"
    services.pdf.export(department_id, 2023, "self-eval", out, CODE, draft=True)  # 110 of 100: a draft
    assert "年度资金总额85.00131.65117.652089.37%17.87" in pdf_text(out)
    # a manual 预算执行 score is capped by the template's weight, not by 10
    with pytest.raises(UserInputError, match="^预算执行得分：手工得分20.50不在0到权重20.00之间$"):
        services.projects.update_project(project_id, "execution_manual_score", "20.5")
    services.projects.update_project(project_id, "execution_manual_reason", "按评审意见")
    assert services.projects.update_project(project_id, "execution_manual_score", "15").scores.total == D(
        "103.50"
    )


def test_without_the_new_file_the_same_department_keeps_the_national_ten(engine):
    department_id, project_id = add_chufei_project(engine, province="湖北省")
    assert ProjectService(engine).get(project_id).scores.execution_score == D("8.94")


def test_moving_a_department_to_another_province_changes_its_forms(engine, capsys):
    department_id, _ = add_chufei_project(engine, province="新疆维吾尔自治区")
    scoring = ScoringService(engine)
    assert [c.template for c in scoring.creatable_scorecards(department_id, 2023)] == []
    _move(engine, department_id, "四川")
    assert department_info(engine, department_id).province == "四川省"
    # 四川: the 部门整体 card and one 项目 card for the one project
    assert [c.template for c in scoring.creatable_scorecards(department_id, 2023)] == [
        "sichuan_department",
        "sichuan_project",
    ]


def test_twenty_in_the_sichuan_template_itself_changes_the_sichuan_form(engine, forms, tmp_path):
    sichuan = forms / "sichuan_self_evaluation.toml"
    text = sichuan.read_text(encoding="utf-8")
    sichuan.write_text(
        text.replace("weight = 10", "weight = 20").replace("weight = 90", "weight = 80"), "utf-8"
    )
    department_id, project_id = add_chufei_project(engine)  # 四川省
    services = build_services(engine, FormCatalogue(forms))
    assert services.projects.get(project_id).scores.execution_score == D("17.87")
    out = tmp_path / "四川.pdf"
    services.pdf.export(department_id, 2023, "self-eval", out, CODE, draft=True)  # 110 of 100: a draft
    printed = pdf_text(out)
    # the Sichuan layout: 年初 / 调整后 / 执行 / 执行率 / 权重 / 得分, under its headings with the new weights
    assert "总额85.00131.65117.6589.37%2017.87" in printed
    assert "预算执行情况（20分）" in printed and "绩效指标（80分）" in printed
