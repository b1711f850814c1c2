"""The register statistics as a page (A4 portrait): 三率一度 with what each rate counts, the matters by
信访形式, 复查 and 复核, and the visits by level against the same span one year earlier with 同比.

Every figure is read from the ``RegisterStatistics`` the statistics panel shows (its ``rates`` and
``visit_change``), never counted again here.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.domain.register_statistics import RegisterStatistics, percent_text, signed_percent_text
from desktop.printing.cells import cell, ruled_table
from desktop.printing.document import MARGIN, PAGE_SIZES, RenderResult, Section, render
from desktop.printing.fonts import register_font
from desktop.printing.styles import FormStyles, form_styles

FONT_SIZE = 9
VISIT_FONT_SIZE = 8  # 13 columns across the portrait page: “+23.76%” and “集访批次” on one line
SHADE = colors.Color(0.9, 0.9, 0.9)
FRAME = PAGE_SIZES["portrait"][0] - 2 * MARGIN
VISIT_FIGURES = ("batches", "persons", "collective_batches", "collective_persons")
VISIT_HEADERS = ("批次", "人次", "集访批次", "集访人次")


def _table(
    rows: list[list[str]],
    widths: list[float],
    styles: FormStyles,
    font: str,
    header_rows: int = 1,
    extra=(),
    text_columns=(0,),
):
    """Headers centred and shaded, the words of ``text_columns`` left aligned, figures right aligned."""
    cells = [
        [
            cell(
                text, styles.label if number < header_rows else styles.text if column == 0 else styles.number
            )
            for column, text in enumerate(row)
        ]
        for number, row in enumerate(rows)
    ]
    shade = [("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE)]
    return ruled_table(cells, widths, [*shade, *extra], repeat_rows=header_rows, font=font)


def _heading(text: str, styles: FormStyles) -> list[Flowable]:
    return [Spacer(0, 3 * mm), cell(text, styles.subtitle)]


def statistics_flowables(statistics: RegisterStatistics, title: str, scope: str, font: str) -> list[Flowable]:
    styles, visit_styles = form_styles(font, FONT_SIZE), form_styles(font, VISIT_FONT_SIZE)
    s, m = statistics, statistics.matters
    rates = s.rates
    rate_rows = [
        ["指标", "分子", "件数", "分母", "件数", "比率"],
        [
            "及时受理率",
            "按时受理",
            str(m.accepted_on_time),
            "应受理",
            str(m.accept_due),
            percent_text(rates["及时受理率"]),
        ],
        [
            "按期办结率",
            "按期办结",
            str(m.closed_on_time),
            "应办结",
            str(m.due),
            percent_text(rates["按期办结率"]),
        ],
        [
            "参评率",
            "参评",
            str(m.evaluated),
            "纳入满意度评价",
            str(m.in_scope),
            percent_text(rates["参评率"]),
        ],
        ["满意率", "满意", str(m.satisfied), "参评", str(m.evaluated), percent_text(rates["满意率"])],
    ]
    channels = list(m.by_channel.items())
    channel_rows = [
        ["信访形式", *(name for name, _count in channels), "合计", "其中未到办结期限"],
        ["件数", *(str(count) for _name, count in channels), str(m.total), str(m.open)],
    ]
    follow_up_rows = [
        ["类别", "收到申请", "到期", "按期办结", "未到期"],
        *(
            [name, str(c.total), str(c.due), str(c.closed_on_time), str(c.open)]
            for name, c in (("复查", s.reviews), ("复核", s.rechecks))
        ),
    ]
    visit_rows = [
        ["层级", f"本期（{s.start} 至 {s.end}）", "", "", "", f"上年同期（{s.previous_start} 至 {s.previous_end}）",
         "", "", "", "同比", "", "", ""],
        ["", *VISIT_HEADERS * 3],
    ]  # fmt: skip
    for level, now in s.visits.items():
        before, change = s.previous_visits[level], s.visit_change(level)
        visit_rows.append(
            [
                level,
                *(str(getattr(now, figure)) for figure in VISIT_FIGURES),
                *(str(getattr(before, figure)) for figure in VISIT_FIGURES),
                *(signed_percent_text(change[figure]) for figure in VISIT_FIGURES),
            ]
        )
    spans = [
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (4, 0)),
        ("SPAN", (5, 0), (8, 0)),
        ("SPAN", (9, 0), (12, 0)),
    ]
    first = 0.12 * FRAME
    return [
        cell(title, styles.title),
        cell(scope, styles.text),
        *_heading("三率一度", styles),
        _table(
            rate_rows,
            [0.18 * FRAME, 0.16 * FRAME, 0.12 * FRAME, 0.24 * FRAME, 0.12 * FRAME, 0.18 * FRAME],
            styles,
            font,
            text_columns=(0, 1, 3),
        ),
        *_heading("信访事项（按信访形式）", styles),
        _table(channel_rows, _even(len(channel_rows[0]), first), styles, font),
        *_heading("复查、复核", styles),
        _table(follow_up_rows, _even(len(follow_up_rows[0]), first), styles, font),
        *_heading("走访（批次、人次，其中集访）", styles),
        _table(visit_rows, _even(13, first * 0.7), visit_styles, font, header_rows=2, extra=spans),
    ]


def _even(columns: int, first: float) -> list[float]:
    """The first column ``first`` wide, the others sharing the rest of the frame."""
    return [first, *[(FRAME - first) / (columns - 1)] * (columns - 1)]


def write_register_statistics(
    path: Path, statistics: RegisterStatistics, title: str, scope: str, *, font_file: Path | None = None
) -> RenderResult:
    font = register_font(font_file) if font_file else register_font()
    flowables = statistics_flowables(statistics, title, scope, font)
    return render(path, [Section("portrait", flowables)], title=title, font=font)
