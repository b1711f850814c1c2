"""核对: ``ziping-cli score``, ``check`` and ``check-text`` on a year of 200 projects × 10 indicators.

The year is ``bench/year_data.py``'s; the 决算说明 that ``check-text`` reads is the year's own
report, exported to Word by ``ziping-cli export-docx``. Each command is timed twice:

- in-process: ``desktop.cli.main([...])``, the very calls the command line makes (open the
  database, find the department, read, compute, print to a buffer), the modules already imported;
- as a child process: ``python -m desktop.cli …``, what the clerk waits for at the prompt.

The floor of each is reading the same rows with plain SQL (``sqlite3``, the queries below, every
row fetched), in-process or in a child process of its own, so the ratio shows how much of the
time is computing rather than reading. A last figure shows the share of a child's time spent
importing the modules the commands need, against a bare ``python -c pass``.

    python -m bench.checks [WORK]
"""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.figures import Figure, best_of
from bench.year_data import PROJECTS, build

GROUP = "核对"
TARGET_SECONDS = 1.0  # score + check on 200 projects (issue 15)
IN_PROCESS, CHILD = 5, 3  # repeats
_YEAR = "department_id = :department AND year = :year"
_PROJECTS = f"SELECT id FROM project WHERE {_YEAR}"
# what ``score`` reads: the department (its province picks the forms), the projects, their funding and
# indicators, the scorecards with their entries and the records their inputs come from
SCORE_QUERIES = (
    "SELECT * FROM department WHERE id = :department",
    f"SELECT * FROM project WHERE {_YEAR} ORDER BY code",
    f"SELECT * FROM project_funding WHERE project_id IN ({_PROJECTS})",
    f"SELECT * FROM indicator WHERE project_id IN ({_PROJECTS}) ORDER BY project_id, position, id",
    f"SELECT * FROM scorecard WHERE {_YEAR}",
    f"SELECT * FROM scorecard_item WHERE scorecard_id IN (SELECT id FROM scorecard WHERE {_YEAR})",
    f"SELECT * FROM execution_checkpoint WHERE {_YEAR}",
    f"SELECT * FROM expenditure_line WHERE {_YEAR}",
    f"SELECT * FROM basic_expenditure_line WHERE {_YEAR}",
)
# ``check`` reads all of that and every other line of the year, the 公开数, the 说明 and the added 科目
CHECK_QUERIES = (
    *SCORE_QUERIES,
    *(
        f"SELECT * FROM {table} WHERE {_YEAR}"
        for table in (
            "income_line",
            "balance_line",
            "three_public_item",
            "reported_count",
            "stated_figure",
            "finding_note",
        )
    ),
    "SELECT * FROM user_function_code WHERE department_id = :department AND from_year <= :year",
)
# ``check-text`` reads the year's lines, the reported amounts and counts (this year's and last), the projects
TEXT_QUERIES = (
    "SELECT * FROM department WHERE id = :department",
    *(
        f"SELECT * FROM {table} WHERE {_YEAR}"
        for table in (
            "income_line",
            "expenditure_line",
            "balance_line",
            "basic_expenditure_line",
            "three_public_item",
            "execution_checkpoint",
            "reported_amount",
            "reported_count",
        )
    ),
    "SELECT * FROM reported_amount WHERE department_id = :department AND year = :year - 1",
    "SELECT * FROM reported_count WHERE department_id = :department AND year = :year - 1",
    *SCORE_QUERIES[1:4],
)
_CHILD_READ = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
department, year = int(sys.argv[2]), int(sys.argv[3])
for query in sys.argv[4:]:
    connection.execute(query, {"department": department, "year": year}).fetchall()
"""
_CHILD_READ_TEXT = """
import sqlite3, sys
from docx import Document
document = Document(sys.argv[4])
text = [paragraph.text for paragraph in document.paragraphs]
text += ["\\t".join(cell.text for cell in row.cells) for table in document.tables for row in table.rows]
connection = sqlite3.connect(sys.argv[1])
department, year = int(sys.argv[2]), int(sys.argv[3])
for query in sys.argv[5:]:
    connection.execute(query, {"department": department, "year": year}).fetchall()
"""
_IMPORTS = "import desktop.cli, desktop.services.scoring, desktop.services.checks, desktop.storage.database"


def _read(database: Path, department_id: int, year: int, queries) -> None:
    connection = sqlite3.connect(database)
    try:
        for query in queries:
            connection.execute(query, {"department": department_id, "year": year}).fetchall()
    finally:
        connection.close()


def _read_text(database: Path, department_id: int, year: int, report: Path) -> None:
    from docx import Document

    document = Document(str(report))
    lines = [paragraph.text for paragraph in document.paragraphs]
    lines += ["\t".join(cell.text for cell in row.cells) for table in document.tables for row in table.rows]
    _read(database, department_id, year, TEXT_QUERIES)


def _cli(arguments: list[str]) -> str:
    """``ziping-cli`` in this process: what it prints; a failure is the benchmark's error."""
    from desktop.cli import main

    printed, errors = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(errors):
        status = main(arguments)
    if status != 0:
        raise RuntimeError(f"ziping-cli {arguments[0]} 退出码 {status}：{errors.getvalue().strip()}")
    return printed.getvalue()


def _child(arguments: list[str], environment: dict) -> None:
    finished = subprocess.run(
        [sys.executable, *arguments], env=environment, capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        raise RuntimeError(f"子进程退出码 {finished.returncode}：{finished.stderr.strip()[-500:]}")


def _each(run: Callable[[Any], None], arguments: Sequence[Any]) -> None:
    """One after the other, as the clerk types the two commands."""
    for argument in arguments:
        run(argument)


def measure(work: Path) -> list[Figure]:
    database = work / "year-200.sqlite"
    database.unlink(missing_ok=True)
    engine, department_id, year = build(database)
    engine.dispose()
    report = work / "决算说明.docx"
    common = ["--db", str(database), "--year", str(year)]
    _cli(["export-docx", *common, "--out", str(report)])
    score, check, check_text = ["score", *common], ["check", *common], ["check-text", *common, str(report)]
    findings = _cli(check).splitlines()[0].split("：", 1)[1]
    checked = _cli(check_text).splitlines()[0]
    scope = f"{PROJECTS} 个项目 × 10 个指标"

    sql_floor = "纯 SQL（sqlite3）读同样的行"
    figures = [
        Figure(GROUP, "score（进程内）", best_of(lambda: _cli(score), IN_PROCESS), sql_floor,
               best_of(lambda: _read(database, department_id, year, SCORE_QUERIES), IN_PROCESS),
               note=f"{scope}；{len(SCORE_QUERIES)} 条查询"),
        Figure(GROUP, "check（进程内）", best_of(lambda: _cli(check), IN_PROCESS), sql_floor,
               best_of(lambda: _read(database, department_id, year, CHECK_QUERIES), IN_PROCESS),
               note=f"{findings}；{len(CHECK_QUERIES)} 条查询"),
        Figure(GROUP, "score + check（进程内）", best_of(lambda: [_cli(score), _cli(check)], IN_PROCESS), sql_floor,
               best_of(lambda: _read(database, department_id, year, (*SCORE_QUERIES, *CHECK_QUERIES)), IN_PROCESS),
               max_seconds=TARGET_SECONDS, note=scope),
        Figure(GROUP, "check-text（进程内）", best_of(lambda: _cli(check_text), IN_PROCESS),
               "python-docx 读出文档文字 + 纯 SQL 读同样的行",
               best_of(lambda: _read_text(database, department_id, year, report), IN_PROCESS),
               note=f"导出的决算说明（Word）：{checked}"),
    ]  # fmt: skip

    environment = {
        **os.environ,
        "XDG_CONFIG_HOME": str(work / "config"),  # a log the command might write stays in the scratch folder
        "XDG_DATA_HOME": str(work / "data"),
    }
    where = [str(database), str(department_id), str(year)]

    def command(arguments: list[str]) -> None:
        _child(["-m", "desktop.cli", *arguments], environment)

    def reading(queries) -> None:
        _child(["-c", _CHILD_READ, *where, *queries], environment)

    child_floor = "子进程：python + sqlite3 读同样的行"
    figures += [
        Figure(GROUP, "score（子进程 python -m desktop.cli）", best_of(lambda: command(score), CHILD), child_floor,
               best_of(lambda: reading(SCORE_QUERIES), CHILD)),
        Figure(GROUP, "check（子进程）", best_of(lambda: command(check), CHILD), child_floor,
               best_of(lambda: reading(CHECK_QUERIES), CHILD)),
        Figure(GROUP, "score + check（子进程，先后两个）", best_of(lambda: _each(command, (score, check)), CHILD),
               child_floor, best_of(lambda: _each(reading, (SCORE_QUERIES, CHECK_QUERIES)), CHILD),
               max_seconds=TARGET_SECONDS),
        Figure(GROUP, "check-text（子进程）", best_of(lambda: command(check_text), CHILD),
               "子进程：python-docx 读文字 + sqlite3 读同样的行",
               best_of(lambda: _child(["-c", _CHILD_READ_TEXT, *where, str(report), *TEXT_QUERIES], environment),
                       CHILD)),
        Figure(GROUP, "子进程只导入 score/check 所需模块", best_of(lambda: _child(["-c", _IMPORTS], environment), CHILD),
               "子进程：python -c pass", best_of(lambda: _child(["-c", "pass"], environment), CHILD),
               note="子进程时间中启动与导入所占部分"),
    ]  # fmt: skip
    return figures


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="bench-checks-") as scratch:
        folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for figure in measure(folder):
            ratio = "" if figure.ratio is None else f"{figure.ratio:.1f}×"
            met = {None: "", True: "达标", False: "未达标"}[figure.met]
            print(
                f"{figure.name}: {figure.seconds:.3f} s；{figure.floor_name} {figure.floor_seconds or 0:.3f} s "
                f"{ratio} {met} {figure.note}"
            )
