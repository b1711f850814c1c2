"""``ziping --selftest`` / ``ziping-cli selftest``: proves an installed Ziping works end to end.

In a temporary folder it builds the sample database, scores it, exports the year pack PDF, an
Excel workbook and the 决算说明 in Word, reads them back (QtPdf counts the pages; the workbook is
imported into a new database; the Word file is checked by check-text against the data), checks
that a running and an ended process are told apart (the temporary-file ledger's check), opens the
user guide (every screenshot found) and opens and closes the main window offscreen. One line per
step; exit status 0, or 1
with the failed step named. The installer's test (packaging/test-windows-installer.sh) and CI
run it on the frozen program.
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1


class _Run:
    """The temporary folder and what the steps hand to each other."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.database = folder / "自检.sqlite3"
        self.workspace = None
        self.department_id: int | None = None
        self.year: int | None = None


def _sample(run: _Run) -> str:
    from desktop.services.sample import build_sample_database

    return build_sample_database(run.database)


def _score(run: _Run) -> str:
    from desktop.services.department_setup import fiscal_years
    from desktop.services.departments import resolve_department
    from desktop.services.scoring import score_report
    from desktop.services.workspace import open_workspace

    run.workspace = open_workspace(run.database)
    department = resolve_department(run.workspace.engine)
    run.department_id = department.id
    run.year = fiscal_years(run.workspace.engine, department.id)[0]
    report = score_report(run.workspace.services.scoring, department.id, run.year)
    if not report["projects"]:
        raise RuntimeError(f"{department.name} {run.year} 年没有可评分的项目")
    return f"{department.name} {run.year} 年，{len(report['projects'])} 个项目已评分"


def _pdf(run: _Run) -> str:
    from desktop.ui.selftest_window import pdf_page_count

    out = run.folder / "年度材料.pdf"
    result = run.workspace.services.pdf.export(run.department_id, run.year, "pack", out)
    pages = pdf_page_count(out)
    if pages != result.pages:
        raise RuntimeError(f"写入 {result.pages} 页，读回 {pages} 页")
    return f"{out.name}，{pages} 页，读回一致"


def _excel(run: _Run) -> str:
    from desktop.services.department_setup import fiscal_years
    from desktop.services.departments import resolve_department
    from desktop.services.excel import import_into_path
    from desktop.storage.database import open_database

    out = run.folder / "导出.xlsx"
    run.workspace.services.excel.export(run.department_id, run.year, out)
    copy = run.folder / "读回.sqlite3"
    import_into_path(copy, out)
    engine = open_database(copy)
    try:
        department = resolve_department(engine)
        if run.year not in fiscal_years(engine, department.id):
            raise RuntimeError(f"读回的数据库没有 {run.year} 年")
    finally:
        engine.dispose()
    return f"{out.name} 导出并导入新数据库：{department.name} {run.year} 年"


def _report(run: _Run) -> str:
    from desktop.services.check_text import check_report_text, read_report_text
    from desktop.services.report_export import export_report_docx

    out = run.folder / "决算说明.docx"
    engine = run.workspace.engine
    export_report_docx(engine, run.department_id, run.year, out)
    result = check_report_text(engine, run.department_id, run.year, read_report_text(out))
    if result.mismatches:
        first = result.mismatches[0]
        raise RuntimeError(
            f"读回的说明与数据不符：{first.figure}{first.kind} 文中 {first.stated}，计算 {first.computed}"
        )
    return f"{out.name}，读回核对 {len(result.agreeing)} 个数字一致"


def _processes(_run: _Run | None) -> str:
    """The check that keeps a running writer's temporary files (kill leftovers are removed): on
    Windows the kernel's answer for this process and for one that has ended."""
    import os
    import subprocess

    from desktop.services.atomic_file import process_alive

    windows = sys.platform == "win32"
    no_window = 0x08000000 if windows else 0  # CREATE_NO_WINDOW: no console flashes up from ziping.exe
    ended = subprocess.Popen(["cmd", "/c", "exit 0"] if windows else ["true"], creationflags=no_window)
    ended.wait()
    if not process_alive(os.getpid()):
        raise RuntimeError(f"本进程（{os.getpid()}）被判为已结束")
    if process_alive(ended.pid):
        raise RuntimeError(f"已结束的子进程（{ended.pid}）被判为运行中")
    return "本进程：运行中；已结束的子进程：已结束"


def _guide(_run: _Run) -> str:
    from desktop.ui.selftest_window import open_guide

    return open_guide()


def _window(run: _Run) -> str:
    from desktop.ui.selftest_window import open_and_close_main_window

    workspace, run.workspace = run.workspace, None  # the window closes it
    title = open_and_close_main_window(workspace, run.folder / "settings.ini")
    return f"“{title}”已打开并关闭"


STEPS: list[tuple[str, Callable[[_Run], str]]] = [
    ("生成示例数据库", _sample),
    ("评分", _score),
    ("导出并读回年度材料 PDF", _pdf),
    ("导出并读回 Excel", _excel),
    ("导出并核对决算说明 Word", _report),
    ("判断写临时文件的进程是否在运行", _processes),
    ("打开使用说明", _guide),
    ("打开并关闭主窗口", _window),
]


def run_selftest(out=None) -> int:
    """Run every step in a fresh temporary folder; print one line per step to ``out`` (stdout)."""
    out = out or sys.stdout
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ziping-selftest-") as folder:
        run = _Run(Path(folder))
        try:
            for number, (name, step) in enumerate(STEPS, start=1):
                began = time.monotonic()
                try:
                    detail = step(run)
                except Exception as error:  # noqa: BLE001 - the self-test reports any failure by step
                    print(f"[{number}/{len(STEPS)}] {name}：失败 — {type(error).__name__}: {error}", file=out)
                    traceback.print_exc(file=sys.stderr)
                    print(f"自检失败：{name}", file=out)
                    return EXIT_FAILED
                print(
                    f"[{number}/{len(STEPS)}] {name}：通过（{time.monotonic() - began:.1f} 秒）{detail}",
                    file=out,
                )
        finally:
            if run.workspace is not None:
                run.workspace.close()
    print(f"自检通过：{len(STEPS)} 项，用时 {time.monotonic() - started:.1f} 秒", file=out)
    return EXIT_OK
