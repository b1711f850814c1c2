"""打印列表: the register as the tab filters and sorts it, on A4 landscape — a ruled table whose header
repeats on every page, under a title and the scope line (单位, 期间, 筛选条件, 共 N 件, 打印日期).

The rows arrive as text, ID and phone numbers already masked by the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desktop.printing.cells import cell, ruled_table
from desktop.printing.document import MARGIN, PAGE_SIZES, RenderResult, Section, render
from desktop.printing.fonts import register_font
from desktop.printing.styles import form_styles

FONT_SIZE = 7.5
# millimetres per column; a column not named here gets ``OTHER_WIDTH``, then all are scaled to the page
WIDTHS_MM = {
    "序号": 8, "编号": 28.5, "登记日期": 16, "信访形式": 9, "信访人": 12, "身份证号": 30.5, "联系电话": 19,
    "人数": 7, "属地": 12, "问题类别": 13, "内容摘要": 32, "责任单位": 19, "受理日期": 16,
    "办结期限": 16, "办结日期": 16, "状态": 20,
}  # fmt: skip
OTHER_WIDTH = 15
CENTRED = {"序号", "人数", "信访形式"}
NONE_LEFT = "（没有符合筛选条件的信访事项）"


@dataclass(frozen=True)
class RegisterListSheet:
    title: str
    scope: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def column_widths(headers: tuple[str, ...]) -> list[float]:
    """The columns' widths in points, filling the landscape frame."""
    wanted = [WIDTHS_MM.get(header, OTHER_WIDTH) * mm for header in headers]
    frame = PAGE_SIZES["landscape"][0] - 2 * MARGIN
    return [width * frame / sum(wanted) for width in wanted]


def write_register_list(
    path: Path, sheet: RegisterListSheet, *, font_file: Path | None = None
) -> RenderResult:
    font = register_font(font_file) if font_file else register_font()
    styles = form_styles(font, FONT_SIZE)
    header = [cell(text, styles.label) for text in sheet.headers]
    body = [
        [
            cell(text, styles.centred if name in CENTRED else styles.text)
            for name, text in zip(sheet.headers, row, strict=True)
        ]
        for row in sheet.rows
    ]
    extra: list[tuple] = [("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]
    if not body:
        body = [[cell(NONE_LEFT, styles.centred), *[""] * (len(sheet.headers) - 1)]]
        extra.append(("SPAN", (0, 1), (-1, 1)))
    table = ruled_table([header, *body], column_widths(sheet.headers), extra, repeat_rows=1, font=font)
    flowables = [
        cell(sheet.title, styles.title),
        cell(sheet.scope, styles.text),
        Spacer(0, 2 * mm),
        table,
    ]
    return render(path, [Section("landscape", flowables)], title=sheet.title, font=font)
