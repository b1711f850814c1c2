"""Fill the printed 绩效评价指标体系 from ``ScoringService``: every leaf under its headings with
its weight, 评分方法, the 0 / 0.3 / 0.6 / 0.8 / 1 level texts, 评价过程 and 自评得分."""

from __future__ import annotations

from desktop.domain.scorecards import ScorecardLine as ScoredLine
from desktop.domain.templates import Template
from desktop.printing.sheets import ScorecardLine, ScorecardSheet
from desktop.services.print_sheets import format_score, format_weight
from desktop.services.scoring import ScorecardResult

NOT_SELF_SCORED = "（不参与自评）"
PENDING = "待评"  # printed for an item that cannot be scored; why is said on screen, not on paper


def pending_lines(result: ScorecardResult) -> tuple[ScoredLine, ...]:
    """The self-scored items without a score (an input missing or unreadable, no 手工得分)."""
    return tuple(line for line in result.lines if line.is_leaf and line.self_scored and line.score is None)


def scorecard_draft_reasons(result: ScorecardResult) -> tuple[str, ...]:
    """Why the scorecard is not final, one line per item that cannot be scored."""
    return tuple(
        f"评价表“{result.title}”：“{line.name}”待评（{line.working}）" for line in pending_lines(result)
    )


def _headings(line: ScoredLine, by_key: dict[str, ScoredLine]) -> tuple[str, ...]:
    chain = []
    parent = line.parent
    while parent is not None:
        heading = by_key[parent]
        chain.append(f"{heading.name}（{format_weight(heading.weight)}分）")
        parent = heading.parent
    return tuple(reversed(chain))


def _input(line: ScoredLine, name: str) -> str:
    return next((value.value for value in line.inputs if value.name == name), "")


def _process(line: ScoredLine) -> str:
    if not line.self_scored:
        return NOT_SELF_SCORED
    if line.score is None:
        return PENDING
    manual = f"调整为 {format_score(line.manual_score)} 分：{line.manual_reason}"
    if line.formula_score is None:  # scored by hand only: the formula's reason it could not is not printed
        return manual
    parts = [line.working]
    if line.manual_score is not None:
        parts.append(manual)
    return "\n".join(part for part in parts if part)


def _method(line: ScoredLine) -> str:
    return "\n".join(part for part in (line.method_label, line.rule) if part)


def scorecard_sheet(result: ScorecardResult, template: Template, heading: str, year: int) -> ScorecardSheet:
    """``template`` is the result's own template (``ScoringService.template(result.template)``).
    An item that cannot be scored prints 待评 and makes the sheet a draft."""
    by_key = {line.key: line for line in result.lines}
    lines = tuple(
        ScorecardLine(
            headings=_headings(line, by_key),
            name=line.name,
            weight=format_weight(line.weight),
            explanation=line.explanation,
            method=_method(line),
            target=_input(line, "target"),
            actual=_input(line, "actual"),
            levels=tuple(template.node(line.key).params.get("levels", ())),
            process=_process(line),
            score=PENDING if line.self_scored and line.score is None else format_score(line.score),
        )
        for line in result.lines
        if line.is_leaf
    )
    return ScorecardSheet(
        heading=heading,
        year=year,
        lines=lines,
        total_weight=format_weight(result.full_marks),
        total_score=format_score(result.total),
        grade=result.grade,
        percentage="" if result.full_marks == 100 else format_score(result.percentage),
        draft=bool(pending_lines(result)),
    )
