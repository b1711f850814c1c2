"""The seed's 处非专项经费 project (自评表 of 2023), entered through ProjectService as a clerk would.

Figures from the seed: 财政资金 年初 85.00 / 调整后 131.65 / 执行 117.65 万元, nine indicators of
weight 10; 完成值 from the seed's narrative (三、项目实施及管理情况).
"""

from __future__ import annotations

from sqlmodel import Session

from desktop.services.projects import ProjectService
from desktop.storage.models import Department

CODE = "51090322T000000344324"
NAME = "处非专项经费"
INDICATORS = (
    # 一级, 二级, 三级, 性质, 指标值, 单位, 权重, 完成值
    ("产出指标", "数量指标", "大型集中宣传月活动开展次数", "≥", "2", "次", "10", "2"),
    ("产出指标", "数量指标", "印刷各类非法融资宣传资料", "≥", "50000", "份", "10", "60000"),
    ("产出指标", "质量指标", "差旅费保障准确率", "＝", "100", "%", "10", "100"),
    ("产出指标", "质量指标", "宣传资料合格率", "＝", "100", "%", "10", "100"),
    ("产出指标", "时效指标", "活动及资料印刷及时率", "≥", "99", "%", "10", "99"),
    ("效益指标", "社会效益指标", "非法集资上访案件办结率", "≥", "90", "%", "10", "90"),
    ("效益指标", "可持续发展指标", "非法集资案件管理健全", "定性", "优良中等差", "", "10", "达成预期指标"),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥", "90", "%", "10", "90"),
    ("成本指标", "经济成本指标", "资金到位", "≥", "100", "万", "10", "85"),
)


def add_chufei_project(engine, year: int = 2023, province: str = "四川省") -> tuple[int, int]:
    """A department (of ``province``) with the 处非专项经费 project; returns (department id, project id)."""
    with Session(engine) as session:
        department = Department(
            name="遂宁市船山区信访局",
            competent_department="四川省遂宁市船山区信访局部门",
            implementing_unit="四川省遂宁市船山区信访局",
            province=province,
        )
        session.add(department)
        session.commit()
        department_id = department.id
    service = ProjectService(engine)
    project = service.create_project(
        department_id,
        year,
        CODE,
        NAME,
        competent_department="四川省遂宁市船山区信访局部门",
        implementing_unit="四川省遂宁市船山区信访局",
    )
    for field, amount in (("initial_budget", "85.00"), ("adjusted_budget", "131.65"), ("executed", "117.65")):
        service.update_funding(project.id, "财政资金", field, amount)
    for level1, level2, level3, nature, target, unit, weight, actual in INDICATORS:
        service.add_indicator(
            project.id,
            level3,
            level1=level1,
            level2=level2,
            nature=nature,
            target=target,
            unit=unit,
            weight=weight,
            actual=actual,
        )
    return department_id, project.id
