"""The 自评得分 sheet of the Excel export: each project's 执行率, 预算执行 score, indicator scores,
total and grade, written as the 项目绩效 tab shows them (from ``project_read``, never recomputed)."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain.money import format_percent
from desktop.domain.scoring import points
from desktop.services.project_read import ProjectDetail

EXECUTION_ITEM = "预算执行"
TOTAL_ITEM = "总分"


def score_rows(year: int, details: Sequence[ProjectDetail]) -> list[list[str | int]]:
    """Per project: 预算执行 (rate and score), each indicator (score or 待评), then 总分 and 等级."""
    rows: list[list[str | int]] = []
    for detail in details:
        head: list[str | int] = [year, detail.code, detail.name]
        scores = detail.scores
        rows.append(
            [
                *head,
                EXECUTION_ITEM,
                format_percent(detail.total.execution_rate),
                points(scores.execution_score),
                "",
            ]
        )
        rows += [[*head, row.level3, "", row.score_text, ""] for row in detail.indicators]
        total = "" if scores.total is None else points(scores.total)
        rows.append([*head, TOTAL_ITEM, "", total, scores.grade or scores.note])
    return rows
