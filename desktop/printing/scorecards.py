"""部门整体支出 / 项目支出绩效评价指标体系, landscape: every item under its headings, the method,
the 0 / 0.3 / 0.6 / 0.8 / 1 level texts where the layout has them, 评价过程, 自评得分 and 总分."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from desktop.printing.cells import cell, ruled_table, signature_lines, title_block
from desktop.printing.layouts import PrintLayout
from desktop.printing.merged_table import MergedTable, MergeSpec
from desktop.printing.sheets import ScorecardLine, ScorecardSheet
from desktop.printing.styles import FormStyles

HEADING_PREFIX = "heading_"  # columns heading_0, heading_1 print ScorecardLine.headings
LEVEL_PREFIX = "level_"  # columns level_0 … level_4 print ScorecardLine.levels[0 … 4]
NUMERIC = {"weight", "score"}
CENTRED = {"target", "actual"}


def _heading(line: ScorecardLine, depth: int) -> str:
    return line.headings[depth] if depth < len(line.headings) else ""


def _value(line: ScorecardLine, key: str) -> str:
    if key.startswith(HEADING_PREFIX):
        return _heading(line, int(key.removeprefix(HEADING_PREFIX)))
    if key.startswith(LEVEL_PREFIX):
        index = int(key.removeprefix(LEVEL_PREFIX))
        return line.levels[index] if index < len(line.levels) else ""
    return getattr(line, key)


def _style(key: str, styles: FormStyles):
    if key in NUMERIC:
        return styles.number
    if key in CENTRED or key.startswith(LEVEL_PREFIX):
        return styles.centred
    return styles.text


def scorecard_flowables(sheet: ScorecardSheet, layout: PrintLayout, styles: FormStyles) -> list[Flowable]:
    columns = layout.columns("items")
    keys = [column.key for column in columns]
    merged = [key for key in keys if key.startswith(HEADING_PREFIX)]
    spec = MergeSpec(
        widths=tuple(layout.widths("items")),
        header=(tuple(cell(column.title, styles.label) for column in columns),),
        columns=tuple(keys.index(key) for key in merged),
        label_style=styles.label,
        font=styles.text.fontName,
    )
    body = [[cell(_value(line, key), _style(key, styles)) for key in keys] for line in sheet.lines]
    items = MergedTable(spec, body, [[_value(line, key) for key in merged] for line in sheet.lines])
    weight, score = keys.index("weight"), keys.index("score")
    total = [""] * len(keys)
    converted = f"折合百分制 {sheet.percentage} 分，" if sheet.percentage else ""
    total[0] = cell(
        f"{layout.label('total')}（{converted}{layout.label('grade')}：{sheet.grade}）", styles.label
    )
    total[weight] = cell(sheet.total_weight, styles.number)
    total[score] = cell(sheet.total_score, styles.number)
    total_spans = [("SPAN", (0, 0), (weight - 1, 0))]
    if score - weight > 1:
        total_spans.append(("SPAN", (weight + 1, 0), (score - 1, 0)))
    if score + 1 < len(keys):
        total_spans.append(("SPAN", (score + 1, 0), (len(keys) - 1, 0)))
    return [
        *title_block(layout, styles, sheet.year, sheet.heading),
        items,
        KeepTogether(
            [
                ruled_table([total], layout.widths("items"), total_spans, font=styles.text.fontName),
                *signature_lines(layout, styles, sum(layout.widths("items")), {}),
            ]
        ),
    ]
