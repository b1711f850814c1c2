"""部门预算项目支出绩效自评表 (Sichuan) and 项目支出绩效自评表 (财预〔2020〕10号 附件1).

The tables are stacked without gaps so they read as one ruled grid; which columns print, their
titles and widths come from the layout. The closing rows (合计, 评价结论 … and the signature and
date lines of the layout) are kept together so the signatures never stand alone on a page.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from desktop.printing.cells import cell, ruled_table, signature_lines, title_block
from desktop.printing.layouts import PrintLayout
from desktop.printing.merged_table import MergedTable, MergeSpec
from desktop.printing.sheets import FundingLine, SelfEvaluationSheet
from desktop.printing.styles import FormStyles

NUMERIC = {"initial", "adjusted", "executed", "rate", "weight", "score"}
CENTRED = {"nature", "unit", "target", "actual", "stated_target"}


def _value_style(key: str, styles: FormStyles):
    if key in NUMERIC:
        return styles.number
    return styles.centred if key in CENTRED else styles.text


def header_table(sheet: SelfEvaluationSheet, layout: PrintLayout, styles: FormStyles, *, basic: bool):
    """项目名称 / 主管部门 / 实施单位, and for Sichuan the 项目基本情况 block."""
    label, text = styles.label, styles.text
    rows = [
        [cell(layout.label("project"), label), "", cell(sheet.title, text), "", ""],
        [
            cell(layout.label("competent_department"), label),
            "",
            cell(sheet.competent_department, text),
            cell(layout.label("implementing_unit"), label),
            cell(sheet.implementing_unit, text),
        ],
    ]
    spans = [("SPAN", (0, 0), (1, 0)), ("SPAN", (2, 0), (4, 0)), ("SPAN", (0, 1), (1, 1))]
    if basic:
        rows += [
            [
                cell(layout.label("basic"), label),
                cell(layout.label("goal_section"), label),
                cell(layout.label("annual_goal"), label),
                cell(layout.label("goal_completion"), label),
                "",
            ],
            ["", "", cell(sheet.annual_goal, text), cell(sheet.goal_completion, text), ""],
            ["", cell(layout.label("summary"), label), cell(sheet.implementation_summary, text), "", ""],
        ]
        spans += [
            ("SPAN", (0, 2), (0, 4)),
            ("SPAN", (1, 2), (1, 3)),
            ("SPAN", (3, 2), (4, 2)),
            ("SPAN", (3, 3), (4, 3)),
            ("SPAN", (2, 4), (4, 4)),
        ]
    return ruled_table(rows, layout.widths("header"), spans, font=styles.text.fontName)


def _funding_cells(line: FundingLine, columns, layout, styles, *, total: bool) -> list:
    row = []
    for column in columns[1:]:
        if column.key == "label":
            row.append(cell(layout.labels.get(f"funding.{line.label}", line.label), styles.label))
        elif column.key == "reason":
            row.append("")
        elif column.key in ("weight", "score") and not total:
            row.append(cell(layout.label("no_figure"), styles.centred))
        else:
            row.append(cell(getattr(line, column.key), styles.number))
    return row


def budget_table(
    sheet: SelfEvaluationSheet, layout: PrintLayout, styles: FormStyles, *, national: bool = False
):
    """预算执行情况: the 总额 row carries 权重 and 得分; the 其中 rows print “/” there. The Sichuan
    form has a row per source; the national form its own categories (当年财政拨款, 上年结转资金, 其他资金)."""
    columns = layout.columns("budget")
    header = [cell(layout.label("budget_section"), styles.label)]
    header += [cell(column.title, styles.label) for column in columns[1:]]
    rows = [header, ["", *_funding_cells(sheet.total, columns, layout, styles, total=True)]]
    lines = sheet.national_funding if national else sheet.funding
    rows += [["", *_funding_cells(line, columns, layout, styles, total=False)] for line in lines]
    spans = [("SPAN", (0, 0), (0, len(rows) - 1))]
    keys = [column.key for column in columns]
    if "reason" in keys:
        reason = keys.index("reason")
        notes = "\n".join(layout.notes)
        rows[1][reason] = [cell(sheet.execution_reason, styles.text), cell(notes, styles.note)]
        spans.append(("SPAN", (reason, 1), (reason, len(rows) - 1)))
        spans.append(("VALIGN", (reason, 1), (reason, 1), "TOP"))
    return ruled_table(rows, layout.widths("budget"), spans, font=styles.text.fontName)


def indicator_table(sheet: SelfEvaluationSheet, layout: PrintLayout, styles: FormStyles, section: str):
    """Every indicator; 一级/二级 merged over their rows; the header repeats on each page."""
    columns = layout.columns("indicators")
    keys = [column.key for column in columns]
    header = [cell(layout.label(section), styles.label)]
    header += [cell(column.title, styles.label) for column in columns[1:]]
    merged = tuple(key for key in ("level1", "level2") if key in keys)
    spec = MergeSpec(
        widths=tuple(layout.widths("indicators")),
        header=(tuple(header),),
        columns=tuple(keys.index(key) for key in merged),
        label_style=styles.label,
        font=styles.text.fontName,
        section_column=0,
    )
    body = [
        ["", *[cell(getattr(line, column.key), _value_style(column.key, styles)) for column in columns[1:]]]
        for line in sheet.indicators
    ]
    values = [[getattr(line, key) for key in merged] for line in sheet.indicators]
    return MergedTable(spec, body, values)


def total_row(sheet: SelfEvaluationSheet, layout: PrintLayout, styles: FormStyles):
    """合计 / 总分: 100 under 权重 and the total under 得分 of the indicator columns."""
    keys = [column.key for column in layout.columns("indicators")]
    weight, score = keys.index("weight"), keys.index("score")
    row = [""] * len(keys)
    row[0] = cell(layout.label("total"), styles.label)
    row[weight] = cell(sheet.total_weight, styles.number)
    row[score] = cell(sheet.total_score, styles.number)
    spans = [("SPAN", (0, 0), (weight - 1, 0))]
    if score + 1 < len(keys):
        spans.append(("SPAN", (score + 1, 0), (len(keys) - 1, 0)))
    return ruled_table([row], layout.widths("indicators"), spans, font=styles.text.fontName)


def closing_table(sheet: SelfEvaluationSheet, layout: PrintLayout, styles: FormStyles):
    """评价结论, 存在问题, 改进措施 and the signature line."""
    rows = [
        [cell(layout.label(key), styles.label), cell(getattr(sheet, key), styles.text), ""]
        for key in ("conclusion", "problems", "improvements")
    ]
    rows.append(
        [
            cell(f"{layout.label('project_lead')}{sheet.project_lead}", styles.signature),
            "",
            cell(f"{layout.label('finance_lead')}{sheet.finance_lead}", styles.signature),
        ]
    )
    widths = layout.widths("closing")
    spans = [("SPAN", (1, index), (2, index)) for index in range(3)]
    spans += [
        ("SPAN", (0, 3), (1, 3)),
        ("TOPPADDING", (0, 3), (-1, 3), 10),
        ("BOTTOMPADDING", (0, 3), (-1, 3), 10),
    ]
    return ruled_table(rows, widths, spans, font=styles.text.fontName)


def goals_table(sheet: SelfEvaluationSheet, layout: PrintLayout, styles: FormStyles):
    """年度总体目标 | 预期目标 | 实际完成情况 (national layout)."""
    columns = layout.columns("goals")
    rows = [
        [
            cell(layout.label("goals_section"), styles.label),
            *[cell(c.title, styles.label) for c in columns[1:]],
        ],
        ["", *[cell(getattr(sheet, c.key), styles.text) for c in columns[1:]]],
    ]
    return ruled_table(rows, layout.widths("goals"), [("SPAN", (0, 0), (0, 1))], font=styles.text.fontName)


def adjustment_notes(sheet: SelfEvaluationSheet, layout: PrintLayout, styles: FormStyles) -> list[Flowable]:
    """A 调整说明 line under the grid for every 手工得分, with its 理由 (layout label ``adjustment``)."""
    if not sheet.adjustments:
        return []
    text = layout.label("adjustment")
    return [
        cell(text.format(item=line.item, score=line.score, reason=line.reason), styles.note)
        for line in sheet.adjustments
    ]


def _signatures(sheet: SelfEvaluationSheet, layout: PrintLayout, styles: FormStyles) -> list[Flowable]:
    names = {"project_lead": sheet.project_lead, "finance_lead": sheet.finance_lead}
    return signature_lines(layout, styles, sum(layout.widths("header")), names)


def sichuan_flowables(sheet: SelfEvaluationSheet, layout: PrintLayout, styles: FormStyles) -> list[Flowable]:
    closing = KeepTogether(
        [
            total_row(sheet, layout, styles),
            closing_table(sheet, layout, styles),
            *adjustment_notes(sheet, layout, styles),
            *_signatures(sheet, layout, styles),
        ]
    )
    return [
        *title_block(layout, styles, sheet.year),
        header_table(sheet, layout, styles, basic=True),
        budget_table(sheet, layout, styles),
        indicator_table(sheet, layout, styles, "indicator_section"),
        closing,
    ]


def national_flowables(sheet: SelfEvaluationSheet, layout: PrintLayout, styles: FormStyles) -> list[Flowable]:
    return [
        *title_block(layout, styles, sheet.year),
        header_table(sheet, layout, styles, basic=False),
        budget_table(sheet, layout, styles, national=True),
        goals_table(sheet, layout, styles),
        indicator_table(sheet, layout, styles, "indicator_section"),
        KeepTogether(
            [
                total_row(sheet, layout, styles),
                *adjustment_notes(sheet, layout, styles),
                *_signatures(sheet, layout, styles),
            ]
        ),
    ]


def targets_flowables(sheet: SelfEvaluationSheet, layout: PrintLayout, styles: FormStyles) -> list[Flowable]:
    """项目绩效目标表: the same grid without results or scores, then the signature lines."""
    return [
        *title_block(layout, styles, sheet.year),
        header_table(sheet, layout, styles, basic=False),
        budget_table(sheet, layout, styles),
        goals_table(sheet, layout, styles),
        indicator_table(sheet, layout, styles, "indicator_section"),
        *_signatures(sheet, layout, styles),
    ]
