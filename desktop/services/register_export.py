"""打印列表 / 导出列表 and the statistics page: the register as the tab shows it, written to a PDF or
an .xlsx file (atomically, never onto the database), ID and phone numbers masked.

The list holds exactly the rows of the tab's filter, search and sort (``RegisterService.all_rows``);
the statistics page prints the ``RegisterStatistics`` the panel shows, under the same scope line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.domain.register_statistics import RegisterStatistics
from desktop.errors import UserInputError
from desktop.services.atomic_file import write_atomically
from desktop.services.pdf_export import ExportResult
from desktop.services.register import RegisterFilter, RegisterRow, RegisterService
from desktop.services.register_queries import describe_narrowing

LIST_TITLE = "信访事项清单"
STATISTICS_TITLE = "信访登记统计（三率一度）"
SHEET_NAME = "信访事项清单"
# 打印列表 beyond this is refused with a way out: about 110 pages, 20 s on the clerk's machine; 8,078
# matters took 88 s for 439 pages (measured on bench/register_million.py's register)
PRINTED_LIST_LIMIT = 2000


def _day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


# (header, the cell's text) — the PDF and the workbook print the same columns; 序号 is added in front
LIST_COLUMNS: tuple[tuple[str, Callable[[RegisterRow], str]], ...] = (
    ("编号", lambda r: r.number),
    ("登记日期", lambda r: _day(r.registered_on)),
    ("信访形式", lambda r: r.channel),
    ("信访人", lambda r: r.petitioner_name),
    ("身份证号", lambda r: r.id_number),  # masked by the service
    ("联系电话", lambda r: r.phone),  # masked by the service
    ("人数", lambda r: str(r.persons)),
    ("属地", lambda r: r.locality),
    ("问题类别", lambda r: r.category),
    ("内容摘要", lambda r: r.summary),
    ("责任单位", lambda r: r.responsible_unit),
    ("受理日期", lambda r: _day(r.accepted_on)),
    ("办结期限", lambda r: _day(r.completion_deadline)),
    ("办结日期", lambda r: _day(r.closed_on)),
    ("状态", lambda r: r.status_text),
)
HEADERS = ("序号", *(header for header, _text in LIST_COLUMNS))


@dataclass(frozen=True)
class RegisterList:
    """The rows of one filter, as printed: a title, the scope line, the headers and the cells' text."""

    title: str
    scope: str
    rows: tuple[tuple[str, ...], ...]

    @property
    def headers(self) -> tuple[str, ...]:
        return HEADERS


@dataclass(frozen=True)
class WorkbookResult:
    path: Path
    rows: int


def period_text(register_filter: RegisterFilter) -> str:
    start, end = register_filter.start, register_filter.end
    return f"{_day(start) or '最早'} 至 {_day(end) or '最晚'}"


def statistics_scope(register_filter: RegisterFilter) -> str:
    """What the statistics count: the period and the filters they follow (the panel and the page)."""
    narrowing = describe_narrowing(register_filter)
    matters = f"登记的信访事项（{narrowing}）" if narrowing else "登记的全部信访事项"
    return (
        f"统计范围：{period_text(register_filter)} {matters}；"
        "复查、复核按申请日期计；走访按走访日期计，不受其他筛选影响"
    )


def register_list(
    register: RegisterService,
    department_id: int,
    register_filter: RegisterFilter,
    sort: str = "registered_on",
    descending: bool = False,
) -> RegisterList:
    """The matters of the filter in the tab's order, with the scope line (单位, 期间, 筛选条件, 共 N 件, 打印日期)."""
    name = register.department_name(department_id)
    rows = register.all_rows(department_id, register_filter, sort, descending)
    scope = (
        f"单位：{name}　期间：{period_text(register_filter)}（登记日期）　"
        f"筛选条件：{describe_narrowing(register_filter) or '无'}　共 {len(rows)} 件　"
        f"打印日期：{register.today()}"
    )
    cells = tuple(
        (str(number), *(text(row) for _header, text in LIST_COLUMNS))
        for number, row in enumerate(rows, start=1)
    )
    return RegisterList(f"{name} {LIST_TITLE}", scope, cells)


def export_list_pdf(
    register: RegisterService,
    department_id: int,
    register_filter: RegisterFilter,
    out: Path,
    *,
    sort: str = "registered_on",
    descending: bool = False,
    font_file: Path | None = None,
) -> ExportResult:
    """打印列表: the matters of the filter, in the order of ``sort``, on A4 landscape pages at ``out``;
    refused beyond ``PRINTED_LIST_LIMIT`` matters."""
    # reportlab loads on the first print, not when the window starts
    from desktop.printing.register_list import RegisterListSheet, write_register_list

    count = register.count(department_id, register_filter)
    if count > PRINTED_LIST_LIMIT:
        raise UserInputError(
            f"当前列表有 {count} 件信访事项，打印列表最多 {PRINTED_LIST_LIMIT} 件；"
            "请缩短登记日期或加筛选条件后再打印，或用“导出列表”导出为 Excel"
        )
    listing = register_list(register, department_id, register_filter, sort, descending)
    sheet = RegisterListSheet(listing.title, listing.scope, listing.headers, listing.rows)
    result = write_atomically(
        out, lambda path: write_register_list(path, sheet, font_file=font_file), database=register.database
    )
    return ExportResult(Path(out), result.pages)


def export_list_workbook(
    register: RegisterService,
    department_id: int,
    register_filter: RegisterFilter,
    out: Path,
    *,
    sort: str = "registered_on",
    descending: bool = False,
) -> WorkbookResult:
    """导出列表: the same rows as 打印列表 in one sheet of an .xlsx file, under the title and the scope line."""
    listing = register_list(register, department_id, register_filter, sort, descending)

    def write(temporary: Path) -> None:
        from openpyxl import Workbook  # loaded on the first export, not at start-up

        from desktop.exchange.workbook_temporaries import beside

        with beside(temporary):
            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet(SHEET_NAME)
            sheet.append([listing.title])
            sheet.append([listing.scope])
            sheet.append(list(listing.headers))
            for row in listing.rows:
                sheet.append(list(row))
            workbook.save(temporary)

    write_atomically(Path(out), write, database=register.database)
    return WorkbookResult(Path(out), len(listing.rows))


def export_statistics_pdf(
    register: RegisterService,
    department_id: int,
    statistics: RegisterStatistics,
    register_filter: RegisterFilter,
    out: Path,
    *,
    font_file: Path | None = None,
) -> ExportResult:
    """The statistics the panel shows (``statistics``, for ``register_filter``) as a page at ``out``."""
    from desktop.printing.register_stats import write_register_statistics  # reportlab on the first print

    title = f"{register.department_name(department_id)} {STATISTICS_TITLE}"
    scope = f"{statistics_scope(register_filter)}　打印日期：{register.today()}"
    result = write_atomically(
        out,
        lambda path: write_register_statistics(path, statistics, title, scope, font_file=font_file),
        database=register.database,
    )
    return ExportResult(Path(out), result.pages)
