"""Signature and date lines on every signable form (issue 11, observation 9): the national 自评表
and the 绩效目标表 print 项目负责人 / 财务负责人 with the names and a 填报日期 line, the Sichuan
自评表 its 填报日期 under the grid's signature row, both 评价表 评价人 / 审核人 / 评价日期."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.errors import UserInputError
from desktop.paths import FORMS
from desktop.printing.forms import write_form
from desktop.printing.layouts import load_layout
from desktop.printing.sheets import ManualAdjustment
from tests.printing.handmade import chufei_sheet, department_scorecard
from tests.printing.pdf_reading import page_texts, pdf_text

FIGURES = {
    "execution_title": "预算执行情况",
    "execution_weight": "10",
    "indicator_title": "绩效指标",
    "indicator_weight": "90",
}
DATE = "填报日期：______年____月____日"


def layout(name: str):
    return load_layout(FORMS / f"print-{name}.toml").filled(FIGURES)


@pytest.mark.parametrize("name", ["national-self-eval", "targets"])
def test_the_national_form_and_the_targets_are_signed_and_dated(tmp_path, name):
    path = tmp_path / f"{name}.pdf"
    write_form(path, layout(name), [chufei_sheet()])  # 项目负责人 张三, 财务负责人 李四
    last = page_texts(path)[-1]
    assert last.endswith(f"项目负责人：张三财务负责人：李四{DATE}第1页共1页")


def test_the_sichuan_form_is_dated_under_its_signature_row(tmp_path):
    path = tmp_path / "sichuan.pdf"
    write_form(path, layout("sichuan-self-eval"), [chufei_sheet()])
    assert f"项目负责人：张三财务负责人：李四{DATE}" in pdf_text(path)


@pytest.mark.parametrize("name", ["dept-scorecard", "project-scorecard"])
def test_a_scorecard_is_signed_by_its_evaluator_and_reviewer(tmp_path, name):
    path = tmp_path / f"{name}.pdf"
    write_form(path, layout(name), [department_scorecard()])
    assert "评价人：审核人：评价日期：______年____月____日" in pdf_text(path)


def test_a_signature_line_with_a_name_the_form_does_not_have_is_named(tmp_path):
    broken = replace(layout("targets"), signatures=("单位负责人：{head}",))
    with pytest.raises(UserInputError, match="打印格式“print-targets.toml”的签字栏“head”无从填写"):
        write_form(tmp_path / "targets.pdf", broken, [chufei_sheet()])


@pytest.mark.parametrize("name", ["sichuan-self-eval", "national-self-eval"])
def test_every_manual_score_prints_its_reason_under_the_grid(tmp_path, name):
    adjustments = (
        ManualAdjustment("预算执行", "8.00", "年中追加预算未及时执行"),
        ManualAdjustment("资金到位", "9.00", "资金已全部到位"),
    )
    path = tmp_path / f"{name}.pdf"
    write_form(path, layout(name), [replace(chufei_sheet(), adjustments=adjustments)])
    text = pdf_text(path)
    assert "调整说明：“预算执行”手工得分8.00分，理由：年中追加预算未及时执行" in text
    assert "调整说明：“资金到位”手工得分9.00分，理由：资金已全部到位" in text
    plain = tmp_path / f"{name}-plain.pdf"
    write_form(plain, layout(name), [chufei_sheet()])
    assert "调整说明" not in pdf_text(plain)
