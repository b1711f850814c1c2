"""View models written by hand from the seed's 处非专项经费 自评表 and the department scorecard."""

from __future__ import annotations

from dataclasses import replace

from desktop.printing.sheets import (
    FundingLine,
    IndicatorLine,
    ScorecardLine,
    ScorecardSheet,
    SelfEvaluationSheet,
)

# (一级, 二级, 三级, 性质, 指标值, 单位, 完成值, 权重, 得分) as in the seed's table, 完成值 from its text.
CHUFEI_INDICATORS = [
    ("产出指标", "数量指标", "大型集中宣传月活动开展次数", "≥", "2", "次", "2", "10", "10.00"),
    ("产出指标", "数量指标", "印刷各类非法融资宣传资料", "≥", "50000", "份", "60000", "10", "10.00"),
    ("产出指标", "质量指标", "差旅费保障准确率", "＝", "100", "%", "100", "10", "10.00"),
    ("产出指标", "质量指标", "宣传资料合格率", "＝", "100", "%", "100", "10", "10.00"),
    ("产出指标", "时效指标", "活动及资料印刷及时率", "≥", "99", "%", "99", "10", "10.00"),
    ("效益指标", "社会效益指标", "非法集资上访案件办结率", "≥", "90", "%", "90", "10", "10.00"),
    ("效益指标", "可持续发展指标", "非法集资案件管理健全", "定性", "优良中等差", "", "优", "10", "10.00"),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥", "90", "%", "90", "10", "10.00"),
    ("成本指标", "经济成本指标", "资金到位", "≥", "100", "万", "85", "10", "8.50"),
]


def chufei_sheet() -> SelfEvaluationSheet:
    indicators = tuple(IndicatorLine(*row, reason="") for row in CHUFEI_INDICATORS)
    return SelfEvaluationSheet(
        year=2023,
        code="51090322T000000344324",
        name="处非专项经费",
        competent_department="四川省遂宁市船山区信访局部门",
        implementing_unit="四川省遂宁市船山区信访局",
        annual_goal="2023年计划开展全年不少于2次大型集中宣传月活动，向群众发放防范非法集资宣传资料不少于50000份。",
        goal_completion="全年开展大型集中宣传月活动2次，印制宣传资料60000余份。",
        implementation_summary="开展防范非法集资宣传，推进风险企业处置。",
        total=FundingLine("总额", "85.00", "131.65", "117.65", "89.37%", "10", "8.94"),
        funding=(
            FundingLine("财政资金", "85.00", "131.65", "117.65", "89.37%", "", ""),
            FundingLine("财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "", ""),
            FundingLine("单位资金", "0.00", "0.00", "0.00", "0.00%", "", ""),
            FundingLine("其他资金", "0.00", "0.00", "0.00", "", "", ""),
        ),
        national_funding=(
            FundingLine("当年财政拨款", "85.00", "131.65", "117.65", "89.37%", "", ""),
            FundingLine("上年结转资金", "0.00", "0.00", "0.00", "0.00%", "", ""),
            FundingLine("其他资金", "0.00", "0.00", "0.00", "0.00%", "", ""),
        ),
        execution_reason="年中追加资金，部分案件处置费用跨年支付。",
        indicators=indicators,
        total_weight="100",
        total_score="97.44",
        conclusion="尽最大可能挽回受害群众经济损失，维护良好的经济和金融秩序。",
        problems="案件协调仍然存在阻碍。",
        improvements="健全责任明确、上下联动的工作格局。",
        project_lead="张三",
        finance_lead="李四",
    )


def long_sheet(count: int = 40, text_length: int = 300) -> SelfEvaluationSheet:
    """A project with ``count`` indicators and long texts everywhere, numbered so rows can be counted."""
    text = ("防范和处置非法集资宣传教育工作" * 30)[:text_length]
    groups = [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("效益指标", "社会效益指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]
    indicators = tuple(
        IndicatorLine(
            *groups[index * len(groups) // count],
            level3=f"第{index + 1:02d}号指标",
            nature="≥",
            target="100",
            unit="%",
            actual="90",
            weight="2.25",
            score="2.03",
            reason=f"R{index + 1:02d}{text}",
        )
        for index in range(count)
    )
    sheet = chufei_sheet()
    return replace(
        sheet,
        indicators=indicators,
        annual_goal=text,
        goal_completion=text,
        implementation_summary=text,
        conclusion=text,
        problems=text,
        improvements=text,
        execution_reason=text[:100],
    )


def department_scorecard() -> ScorecardSheet:
    budget, steps = "部门预算管理（80分）", "预算编制（30分）"
    execution = "预算执行（30分）"
    lines = (
        ScorecardLine(
            (budget, steps),
            "目标制定",
            "10",
            "评价部门绩效目标是否要素完整、细化量化。",
            "1.绩效目标编制要素完整的，得5分，否则酌情扣分。2.绩效指标细化量化的，得5分。",
            "",
            "",
            (),
            "",
            "10.00",
        ),
        ScorecardLine(
            (budget, steps),
            "目标完成",
            "10",
            "评价部门绩效目标实际实现程度与预期目标的偏离度。",
            "指标得分=达到预期绩效目标的部门项目个数/纳入绩效目标管理的部门预算项目个数*10",
            "",
            "",
            (),
            "",
            "10.00",
        ),
        ScorecardLine(
            (budget, steps),
            "编制准确",
            "10",
            "评价部门年初预算编制是否科学准确。",
            "指标得分=（1-（10×部门全年预算调剂金额/年初部门预算数））*10。",
            "",
            "",
            (),
            "年中追加治重化积的资金及大运会期间到蓉值守维稳专项资金",
            "6.00",
        ),
        ScorecardLine(
            (budget, execution),
            "支出控制",
            "10",
            "部门公用经费及非定额公用支出控制情况。",
            "预决算偏差程度在10%以内的，得10分。偏差度在10%-20%之间的，得5分。",
            "",
            "",
            (),
            "",
            "10.00",
        ),
        ScorecardLine(
            (budget, execution),
            "执行进度",
            "10",
            "部门预算执行进度。",
            "3 + 4 × 6月进度/67.5% + 3 × 9月进度/82.5%",
            "",
            "",
            (),
            "按计划进度折算",
            "9.75",
        ),
    )
    return ScorecardSheet("遂宁市船山区信访局", 2023, lines, "50", "45.75", "优")
