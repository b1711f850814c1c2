"""The text ``ziping-cli score`` prints without ``--json``."""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.scoring import total_text


def _number(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def format_score_report(department_name: str, report: dict) -> str:
    lines = [
        f"{department_name} {report['year']} 年评价得分",
        "",
        "项目自评（预算执行 + 绩效指标 = 总分 等级）：",
    ]
    for project in report["projects"]:
        own = project["self_evaluation"]
        rate = "—" if own["execution_rate"] is None else f"{own['execution_rate']:.2f}%"
        if own["total"] is None:
            lines.append(f"  {project['name']}：执行率 {rate}，{own['note']}")
        else:
            lines.append(
                f"  {project['name']}：执行率 {rate}，{_number(own['execution_score'])} + "
                f"{_number(own['indicator_score'])} = {_number(own['total'])} {own['grade'] or own['note']}"
            )
        lines.extend(f"    ！{warning}" for warning in own["warnings"])
        card = project.get("scorecard")
        if card:
            lines.append(f"    {card['title']}：{total_text(card['total'], card['full_marks'])}")
    department = report["department"]
    if department is None:
        lines += ["", "部门整体评价：尚未建立"]
        return "\n".join(lines)
    lines += ["", f"{department['title']}："]
    for item in department["items"]:
        manual = "" if item["manual_score"] is None else f"（手工 {_number(item['manual_score'])}）"
        flag = " ！差异超过0.5分" if item["flagged"] else ""
        lines.append(
            f"  {item['name']} {item['weight']}分：公式 {_number(item['formula_score'])}{manual}{flag}"
        )
    lines.append(f"  合计 {total_text(department['total'], department['full_marks'])}")
    lines.extend(f"  ！{warning}" for warning in department["warnings"])
    return "\n".join(lines)
