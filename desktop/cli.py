"""``ziping-cli``: the services without a window, for scripts, tests and batch work.

The command line is a contract (DESIGN.md): exit status 0 on success, 2 on bad input with
one clear Chinese line on stderr naming the file, sheet, row and column where it applies; 1 on
an unexpected error (a bug), with one Chinese line naming the log file that holds its traceback.
This module is the command line's composition root: it opens the database and hands the
engine to the services; it holds no rules of its own.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from desktop import __version__
from desktop.domain.petitions import LATE_MARKS, STATUSES
from desktop.errors import ZipingError
from desktop.streams import use_utf8_streams

# export-pdf forms of the 信访登记 (a period and a filter), not forms of the year
REGISTER_FORMS = ("register-list", "register-stats")
EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_BAD_INPUT = 2
FIRST_YEAR, LAST_YEAR = 2000, 2100


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in Chinese and the same exit status as other bad input."""

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"ziping-cli: 参数错误：{message}\n")


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)  # already rounded to its printed precision by the domain
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def print_json(payload) -> None:
    """JSON on stdout; decimals as numbers with their printed precision, Chinese kept readable."""
    text = json.dumps(payload, ensure_ascii=False, indent=2, default=_json_default)
    sys.stdout.write(text + "\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，请写成 2023-01-31") from error


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"年度“{text}”不是整数，请写成 2023") from error
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"年度 {year} 不在 {FIRST_YEAR}–{LAST_YEAR} 之间")
    return year


def _open(args, *, create: bool = False):
    from desktop.services.atomic_file import remove_leftovers
    from desktop.storage.database import open_database

    engine = open_database(args.db, create=create)
    remove_leftovers(args.db)  # temporary files of an export that was killed
    return engine


def _run_demo(args) -> int:
    from desktop.services.sample import build_sample_database

    summary = build_sample_database(Path(args.db), force=args.force)
    print(summary)
    return EXIT_OK


def _run_stats(args) -> int:
    from desktop.services.departments import resolve_department
    from desktop.services.register import RegisterService, format_statistics

    engine = _open(args)
    department = resolve_department(engine, args.department)
    statistics = RegisterService(engine).statistics(
        department.id, args.year, start=getattr(args, "from"), end=args.to, require_data=True
    )
    if args.json:
        print_json(statistics.to_json())
    else:
        print(format_statistics(department.name, statistics))
    return EXIT_OK


def _run_score(args) -> int:
    from desktop.services.departments import resolve_department
    from desktop.services.score_text import format_score_report
    from desktop.services.scoring import ScoringService, score_report
    from desktop.services.year_data import require_year_data

    engine = _open(args)
    department = resolve_department(engine, args.department)
    require_year_data(engine, department, args.year)
    report = score_report(ScoringService(engine), department.id, args.year)
    if args.json:
        print_json(report)
    else:
        print(format_score_report(department.name, report))
    return EXIT_OK


def _run_check(args) -> int:
    from desktop.services.checks import CheckService, findings_json, format_findings
    from desktop.services.departments import resolve_department
    from desktop.services.year_data import require_year_data

    engine = _open(args)
    department = resolve_department(engine, args.department)
    require_year_data(engine, department, args.year)
    findings = CheckService(engine).run(department.id, args.year)
    if args.json:
        print_json(findings_json(findings))
    else:
        print(format_findings(department.name, args.year, findings))
    return EXIT_OK


def _run_backup(args) -> int:
    from desktop.services.backup import backup_database

    print(f"已备份到 {backup_database(args.db, args.to)}")
    return EXIT_OK


def _run_restore(args) -> int:
    from desktop.services.backup import restore_database

    result = restore_database(args.db, getattr(args, "from"))
    kept = f"；原文件另存为 {result.safety_copy}" if result.safety_copy else ""
    print(f"已从 {result.restored_from} 恢复 {result.database}{kept}")
    return EXIT_OK


def _run_template(args) -> int:
    from desktop.services.excel import write_blank_template

    print(write_blank_template(args.out))
    return EXIT_OK


def _run_export_pdf(args) -> int:
    from desktop.services.departments import resolve_department
    from desktop.services.pdf_export import PdfExportService

    engine = _open(args)
    department = resolve_department(engine, args.department)
    if args.form in REGISTER_FORMS:
        return _export_register(args, engine, department.id)
    if args.form == "report":
        return _export_report_pdf(engine, department, args)
    service = PdfExportService(engine, font_file=args.font)
    result = service.export(department.id, args.year, args.form, args.out, args.project, draft=args.draft)
    print(f"已导出 {result.path}（共 {result.pages} 页）{'，草稿' if args.draft else ''}")
    return EXIT_OK


def _export_register(args, engine, department_id: int) -> int:
    """register-list (the matters of the period, ``--status`` narrowing them) or register-stats."""
    from desktop.services.register import RegisterFilter, RegisterService
    from desktop.services.register_export import export_list_pdf, export_statistics_pdf

    register = RegisterService(engine)
    start, end = getattr(args, "from") or date(args.year, 1, 1), args.to or date(args.year, 12, 31)
    register_filter = RegisterFilter(start=start, end=end, status=args.status)
    if args.form == "register-list":
        result = export_list_pdf(register, department_id, register_filter, args.out, font_file=args.font)
    else:
        statistics = register.statistics(
            department_id, args.year, start, end, require_data=True, register_filter=register_filter
        )
        result = export_statistics_pdf(
            register, department_id, statistics, register_filter, args.out, font_file=args.font
        )
    print(f"已导出 {result.path}（共 {result.pages} 页）")
    return EXIT_OK


def _export_report_pdf(engine, department, args) -> int:
    from desktop.services.report_export import export_report_pdf

    result = export_report_pdf(engine, department.id, args.year, args.out, font_file=args.font)
    print(f"已导出 {result.path}（共 {result.pages} 页）")
    for line in result.notes:
        print(f"提示：{line}")
    return EXIT_OK


def _run_export_xlsx(args) -> int:
    from desktop.services.departments import resolve_department
    from desktop.services.excel import ExcelService

    engine = _open(args)
    department = resolve_department(engine, args.department)
    print(ExcelService(engine).export(department.id, args.year, args.out, unmasked=args.unmasked))
    return EXIT_OK


def _run_export_tables(args) -> int:
    from desktop.services.catalogue import FormCatalogue
    from desktop.services.departments import resolve_department
    from desktop.services.final_tables import FinalTablesService

    engine = _open(args)
    department = resolve_department(engine, args.department)
    print(FinalTablesService(engine, FormCatalogue()).export_workbook(department.id, args.year, args.out))
    return EXIT_OK


def _run_import_xlsx(args) -> int:
    from desktop.services.excel import ImportRejected, import_into_path

    try:
        report = import_into_path(args.db, args.file, dry_run=args.dry_run)
    except ImportRejected as error:
        print("\n".join(error.report.lines()))
        raise
    print("\n".join(report.lines()))
    return EXIT_OK


def _run_import_tables(args) -> int:
    from desktop.services.catalogue import FormCatalogue
    from desktop.services.excel import ImportRejected, into_path
    from desktop.services.table_import import TableImportService

    def run(engine):
        service = TableImportService(engine, FormCatalogue())
        return service.import_tables(args.file, args.year, province=args.province or "", dry_run=args.dry_run)

    try:
        report = into_path(args.db, run, args.dry_run)
    except ImportRejected as error:
        print("\n".join(error.report.lines()))
        raise
    print("\n".join(report.lines()))
    return EXIT_OK


def _run_check_text(args) -> int:
    from desktop.services.check_text import (
        check_report_text,
        format_text_check,
        read_report_text,
        text_check_json,
    )
    from desktop.services.departments import resolve_department
    from desktop.services.year_data import require_year_data

    engine = _open(args)
    department = resolve_department(engine, args.department)
    require_year_data(engine, department, args.year)
    result = check_report_text(engine, department.id, args.year, read_report_text(args.file))
    if args.json:
        print_json(text_check_json(result))
    else:
        print(format_text_check(result))
    return EXIT_OK


def _run_export_docx(args) -> int:
    from desktop.services.departments import resolve_department
    from desktop.services.report_export import export_report_docx

    engine = _open(args)
    department = resolve_department(engine, args.department)
    result = export_report_docx(engine, department.id, args.year, args.out)
    print(f"已导出 {result.path}")
    for line in result.notes:
        print(f"提示：{line}")
    return EXIT_OK


def _run_selftest(args) -> int:
    from desktop.selftest import run_selftest

    return run_selftest()


def _run_new_year(args) -> int:
    from desktop.services.departments import resolve_department
    from desktop.services.new_year import NewYearService

    engine = _open(args)
    department = resolve_department(engine, args.department)
    created = NewYearService(engine).start(department.id, getattr(args, "from"), args.to)
    print(f"{department.name}：{created.describe(getattr(args, 'from'))}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ziping-cli", description="自评 Ziping 命令行：不开窗口使用同样的功能。")
    parser.add_argument("--version", action="version", version=f"ziping {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, help_text: str, run) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    def with_db(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--db", required=True, type=Path, help="数据库文件")

    def with_year(sub: argparse.ArgumentParser) -> None:
        with_db(sub)
        sub.add_argument("--year", required=True, type=_year, help="年度，如 2023（2000–2100）")
        sub.add_argument("--department", help="单位名称（数据库中有多个单位时必填）")

    demo = command("demo", "生成示例数据库（遂宁市船山区信访局 2023 年）", _run_demo)
    with_db(demo)
    demo.add_argument("--force", action="store_true", help="覆盖已存在的文件")

    stats = command("stats", "信访登记统计：三率一度、信访形式、走访批次人次", _run_stats)
    with_year(stats)
    stats.add_argument("--from", type=_date, help="起始日期（含），默认为当年 1 月 1 日")
    stats.add_argument("--to", type=_date, help="截止日期（含），默认为当年 12 月 31 日")
    stats.add_argument("--json", action="store_true", help="输出 JSON")

    score = command("score", "计算项目自评与部门整体评价得分", _run_score)
    with_year(score)
    score.add_argument("--json", action="store_true")

    check = command("check", "表间勾稽关系检查", _run_check)
    with_year(check)
    check.add_argument("--json", action="store_true")

    new_year = command(
        "new-year", "新建年度：从上一年复制项目、绩效指标和预算行（上年决算取上一年决算）", _run_new_year
    )
    with_db(new_year)
    new_year.add_argument("--from", required=True, type=_year, help="从哪一年复制，如 2023")
    new_year.add_argument("--to", required=True, type=_year, help="新建的年度，如 2024")
    new_year.add_argument("--department", help="单位名称（数据库中有多个单位时必填）")

    export_pdf = command("export-pdf", "导出 PDF 表格", _run_export_pdf)
    with_year(export_pdf)
    export_pdf.add_argument(
        "--form",
        required=True,
        help="self-eval、self-eval-national、targets、dept-scorecard、project-scorecard、tables（决算公开表）、pack、"
        "report（决算说明），或信访登记的 register-list（信访事项清单）、register-stats（统计）",
    )
    export_pdf.add_argument("--from", type=_date, help="信访登记：起始登记日期（含），默认为当年 1 月 1 日")
    export_pdf.add_argument("--to", type=_date, help="信访登记：截止登记日期（含），默认为当年 12 月 31 日")
    export_pdf.add_argument("--status", choices=(*STATUSES, *LATE_MARKS), help="信访登记：只列此状态的事项")
    export_pdf.add_argument("--project", help="项目编码（不填则导出全部项目）")
    export_pdf.add_argument("--out", required=True, type=Path)
    export_pdf.add_argument("--font", type=Path, help="TrueType 字体文件（如 simsun.ttc；默认文泉驿微米黑）")
    export_pdf.add_argument(
        "--draft", action="store_true", help="有待评指标或合计超过满分时仍导出，每页标“草稿”"
    )

    check_text = command(
        "check-text", "核对决算说明文本（.docx、.txt 或带文字层的 .pdf）中的金额、占比和增减", _run_check_text
    )
    with_year(check_text)
    check_text.add_argument("file", type=Path)
    check_text.add_argument("--json", action="store_true")

    export_docx = command("export-docx", "导出决算说明（Word）", _run_export_docx)
    with_year(export_docx)
    export_docx.add_argument("--out", required=True, type=Path)

    export_xlsx = command("export-xlsx", "导出 Excel（一个年度的全部表格）", _run_export_xlsx)
    with_year(export_xlsx)
    export_xlsx.add_argument("--out", required=True, type=Path)
    export_xlsx.add_argument("--unmasked", action="store_true", help="身份证号、电话不打码")

    export_tables = command(
        "export-tables", "导出部门决算公开表（Excel，一张表一个工作表，按公开格式）", _run_export_tables
    )
    with_year(export_tables)
    export_tables.add_argument("--out", required=True, type=Path)

    import_xlsx = command(
        "import-xlsx", "导入 Excel（全部成功或全部不导入；数据库不存在时新建）", _run_import_xlsx
    )
    with_db(import_xlsx)
    import_xlsx.add_argument("file", type=Path)
    import_xlsx.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")

    import_tables = command(
        "import-tables",
        "导入决算报表（财政决算系统导出的公开表；全部成功或全部不导入；数据库不存在时新建）",
        _run_import_tables,
    )
    with_db(import_tables)
    import_tables.add_argument("--year", required=True, type=_year, help="年度，如 2023（2000–2100）")
    import_tables.add_argument("--province", help="省份（新建数据库时必填，决定报表格式），如 四川")
    import_tables.add_argument("file", type=Path)
    import_tables.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")

    template = command("template", "生成空白 Excel 模板", _run_template)
    template.add_argument("--out", required=True, type=Path)

    backup = command("backup", "备份数据库（默认存到数据库旁的 backups 文件夹）", _run_backup)
    with_db(backup)
    backup.add_argument("--to", type=Path)

    restore = command("restore", "从备份恢复数据库（先另存当前文件）", _run_restore)
    with_db(restore)
    restore.add_argument("--from", required=True, type=Path)

    command(
        "selftest", "自检：在临时文件夹生成示例、评分、导出并读回 PDF 和 Excel、打开主窗口", _run_selftest
    )
    return parser


def _report_unexpected(error: Exception, command: str) -> int:
    from desktop.paths import error_log_path
    from desktop.services.error_log import ErrorLog, error_summary

    log = ErrorLog(error_log_path())
    try:
        log.write(error, f"命令 {command}")
    except OSError as failure:
        recorded = f"日志文件 {log.path} 无法写入（{failure.strerror or failure}）"
    else:
        recorded = f"详细记录见日志文件 {log.path}"
    print(f"ziping-cli: 出现未预料的错误（{error_summary(error)}），{recorded}", file=sys.stderr)
    return EXIT_UNEXPECTED


def main(argv: list[str] | None = None) -> int:
    use_utf8_streams()
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ZipingError as error:
        print(f"ziping-cli: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:  # the file system's faults (full disk, read-only, name too long) on a path given
        from desktop.services.atomic_file import file_error

        print(f"ziping-cli: {file_error(Path(error.filename or ''), error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:  # a bug: one line here, the traceback in the log
        return _report_unexpected(error, args.command)


if __name__ == "__main__":
    raise SystemExit(main())
