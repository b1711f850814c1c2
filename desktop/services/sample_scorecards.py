"""The sample's scorecards, from the seed: the 部门整体支出绩效评价指标体系 (自评 84.6) and the
项目支出绩效评价指标体系 of 接访工作（到京到蓉）工作经费 and 维稳专项经费.

Values are the seed's. Where the seed's own 自评得分 differs from what the formula gives, the
seed's score is kept as a manual score with the reason, so the gap shows (执行进度 9 against the
formula's 9.75). Figures the records hold (执行进度, 年初预算, 基本支出) are read from them; the
typed values beside them are the seed's printed figures, used only when the records lack them.
"""

from __future__ import annotations

import json
from decimal import Decimal

from sqlmodel import Session, select

from desktop.storage.models import Project, Scorecard, ScorecardItem, saved_id

# the seed's own indicator systems (forms/sichuan_*.toml)
DEPARTMENT_TEMPLATE = "sichuan_department"
PROJECT_TEMPLATE = "sichuan_project"

ORIGINAL = "原自评表自评得分"

DEPARTMENT_ITEMS = {
    "target_setting": ({"绩效目标编制要素完整": "是", "绩效指标细化量化": "是"}, None),
    "target_completion": ({"numerator": "5", "denominator": "5"}, None),  # 5个项目编制了绩效目标
    "compilation_accuracy": (
        {
            "adjustment": "18万元",
            "initial_budget": "377.47万元",
        },  # 治重化积 年中追加18万元; 年初预算支出377.47万元
        (
            "6",
            f"{ORIGINAL}6分；原自评表只写明调剂原因（年中追加治重化积资金及大运会期间到蓉值守维稳专项资金），未列调剂金额",
        ),
    ),
    "dynamic_adjustment": ({"cancelled": "0", "written_off": "0"}, None),
    "progress": (
        {"m6": "43.58%", "m9": "66.03%", "m11": "78.03%"},
        ("9", f"{ORIGINAL}9分（原自评表评价过程：9月支出66.03%，11月支出进度78.03%），未按目标进度比重计算"),
    ),
    "completion": (
        {"progress": "95.87%"},
        ("9.6", f"{ORIGINAL}9.6分（12月预算执行进度95.87%，原自评表保留一位小数）"),
    ),
    "violations": ({"findings": "0"}, None),  # 信访局2023年未涉及违规记录
    "target_disclosure": ({"按要求随同预算公开": "是"}, None),
    "evaluation_disclosure": ({"按要求随同决算公开": "是"}, None),
    "rectification": ({"findings": "0"}, None),
    "application_feedback": ({"在规定时间内反馈应用绩效结果报告": "是"}, None),
}

_GENERAL = {
    "procedure": ({"level": "严密"}, None),
    "planning": ({"level": "合理"}, None),
    "conformity": ({"rate": "100%"}, None),
    "effective": ({"findings": "0"}, None),
    "compliance": ({"findings": "0"}, None),
}


def _indicator(label: str, target: str, actual: str, seed_score: str | None = None):
    manual = (
        None
        if seed_score is None
        else (seed_score, f"{ORIGINAL}{seed_score}分（目标值{target}，完成值{actual}）")
    )
    return {"label": label, "target": target, "actual": actual}, manual


RECEPTION_ITEMS = {  # 接访工作（到京到蓉）工作经费
    **_GENERAL,
    "execution_rate": ({}, ("5.5", f"{ORIGINAL}5.5分（原自评表评价过程：12月底预算执行率98.05%）")),
    "usage_rate": ({"rate": "100%"}, None),
    "quantity": _indicator("全年到京到蓉次数", "100%", "5", "4.5"),
    "quality": _indicator("全年到京到蓉人次", "100%", "59", "4"),
    "cost": (
        {
            "label": "信访案件办结率",
            "target": "100%",
            "actual": "100%",
            "_sources": {"actual": "register:按期办结率"},
        },
        None,
    ),
    "timeliness": _indicator("信访案件办理及时性", "100%", "100%"),
    "social": _indicator("信访案件降低率", "100%", "90%", "19"),
    "economic": _indicator("严格执行预算", "100%", "100%"),
    "ecological": _indicator("信访处理机制健全", "100%", "100%%"),
    "satisfaction": _indicator("群众评价满意率", "95%", "99.02%", "9"),
}

STABILITY_ITEMS = {  # 维稳专项经费
    **_GENERAL,
    "execution_rate": ({}, ("6", f"{ORIGINAL}6分（原自评表未列执行率）")),
    "usage_rate": ({}, ("2.5", f"{ORIGINAL}2.5分（原自评表未列资金使用率）")),
    "quantity": _indicator("杜绝重要敏感时期发生群体性事件", "100%", "100%", "4"),
    "quality": _indicator("保障重要会议、活动时期社会稳定", "100%", "100%"),
    "cost": _indicator("维稳工作经费保障", "100%", "100%"),
    "timeliness": _indicator("1年", "100%", "100%"),
    "social": _indicator("完成全年全区稳定", "100%", "90%"),
    "economic": _indicator("严格执行预算", "100%", "100%"),
    "ecological": _indicator("矛盾化解，构建长效机制", "100%", "90%", "8"),
    "satisfaction": _indicator("群众满意度", "95%", "99.02%", "9"),
}

PROJECT_CARDS = (("接访工作（到京到蓉）工作经费", RECEPTION_ITEMS), ("维稳专项经费", STABILITY_ITEMS))


def _add_card(
    session: Session, department_id: int, year: int, template: str, title: str, project_id, items
) -> None:
    card = Scorecard(
        department_id=department_id, year=year, template=template, title=title, project_id=project_id
    )
    session.add(card)
    session.flush()
    for key, (inputs, manual) in items.items():
        session.add(
            ScorecardItem(
                scorecard_id=saved_id(card),
                item_key=key,
                inputs=json.dumps(inputs, ensure_ascii=False) if inputs else "",
                manual_score=Decimal(manual[0]) if manual else None,
                manual_reason=manual[1] if manual else "",
            )
        )


def add_sample_scorecards(session: Session, department_id: int, year: int) -> None:
    """Add the seed's scorecards to the caller's session (after the sample projects; not committed).

    Raises ``LookupError`` when one of the two seed projects is not in the session.
    """
    _add_card(
        session,
        department_id,
        year,
        DEPARTMENT_TEMPLATE,
        f"{year}年部门整体支出绩效评价指标体系",
        None,
        DEPARTMENT_ITEMS,
    )
    for name, items in PROJECT_CARDS:
        project = session.exec(
            select(Project).where(
                Project.department_id == department_id, Project.year == year, Project.name == name
            )
        ).first()
        if project is None:
            raise LookupError(f"示例项目“{name}”不存在，请先添加示例项目")
        _add_card(
            session,
            department_id,
            year,
            PROJECT_TEMPLATE,
            f"项目支出绩效评价指标体系（{name}）",
            project.id,
            items,
        )
