"""The scorecard templates in forms/: the seed's weights, and malformed files refused by name."""

from decimal import Decimal as D

import pytest

from desktop.domain.templates import TemplateError, load_template
from desktop.paths import FORMS


def _leaves(template_id):
    template = load_template(FORMS / f"{template_id}.toml")
    return template, {node.name: node for node in template.leaves()}


def test_department_template_is_the_seed_scorecard():
    template, leaves = _leaves("sichuan_department")
    assert template.warnings == ()
    assert [node.name for node in template.children(None)] == ["部门预算管理", "绩效结果应用", "自评质量"]
    assert leaves["执行进度"].params["checkpoints"] == [
        {"month": 6, "target": D("0.4"), "points": D(3)},
        {"month": 9, "target": D("0.675"), "points": D(4)},
        {"month": 11, "target": D("0.825"), "points": D(3)},
    ]
    assert leaves["违规记录"].params["per_finding"] == D("0.5")
    assert leaves["编制准确"].method == "linear_cutoff"
    assert leaves["支出控制"].method == "threshold_bands"
    assert leaves["预算完成"].method == "completion"
    # 自评满分 90: everything but 自评准确
    assert sum(node.weight for node in template.leaves() if node.self_scored) == 90


def test_project_template_reports_the_seed_heading_that_does_not_add_up():
    template, leaves = _leaves("sichuan_project")
    assert template.warnings == ("模板 sichuan_project.toml：“通用指标”标为20分，下级指标合计23分",)
    assert leaves["程序严密"].params["levels"] == [
        "不严密",
        "3处及以上不严密",
        "2处不严密",
        "1处不严密",
        "严密",
    ]
    assert leaves["执行有效"].method == "deduction"
    assert sum(node.weight for node in template.leaves()) == 103


def test_self_evaluation_templates():
    sichuan = load_template(FORMS / "sichuan_self_evaluation.toml")
    assert [(node.name, node.weight) for node in sichuan.nodes] == [("预算执行情况", 10), ("绩效指标", 90)]
    national = load_template(FORMS / "national_self_evaluation.toml")
    assert [(node.name, node.weight) for node in national.nodes] == [
        ("预算执行率", 10),
        ("产出指标", 50),
        ("效益指标", 30),
        ("满意度指标", 10),
    ]


GOOD_ITEM = """
title = "测试"
kind = "department"
total = 10

[[nodes]]
key = "a"
name = "违规记录"
{field}
"""


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('method = "deduction"', "模板 broken.toml 第1项“违规记录”：缺少字段“weight”"),
        (
            'weight = 10\nmethod = "guess"',
            "模板 broken.toml 第1项“违规记录”：字段“method”的评分方法“guess”无法识别",
        ),
        (
            'weight = 10\nmethod = "deduction"\nparams = { per_finding = "half" }',
            "模板 broken.toml 第1项“违规记录”：字段“params.per_finding”应为数字，而不是“half”",
        ),
        (
            'weight = "ten"\nmethod = "deduction"',
            "模板 broken.toml 第1项“违规记录”：字段“weight”应为数字，而不是“ten”",
        ),
        (
            'weight = 10\nmethod = "levels"',
            "模板 broken.toml 第1项“违规记录”：评分方法“levels”缺少参数“params.levels”",
        ),
        ("weight = 10", "模板 broken.toml 第1项“违规记录”：缺少字段“method”"),
        (
            'weight = 10\nmethod = "checkpoints"\nparams = { checkpoints = [{ month = "六", target = 0.4, points = 3 }] }',
            "模板 broken.toml 第1项“违规记录”：字段“params.checkpoints[1].month”应为整数，而不是“六”",
        ),
    ],
)
def test_malformed_template_is_refused_naming_file_item_and_field(tmp_path, body, message):
    path = tmp_path / "broken.toml"
    path.write_text(GOOD_ITEM.format(field=body), encoding="utf-8")
    with pytest.raises(TemplateError) as error:
        load_template(path)
    assert str(error.value) == message


def test_unreadable_toml_names_the_file(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("title = ", encoding="utf-8")
    with pytest.raises(TemplateError, match="模板 bad.toml 格式错误"):
        load_template(path)
