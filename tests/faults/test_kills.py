"""Kills and a full disk during an import and during each export: the database stays whole and
holds all of the import or none of it; an export leaves the old file and no temporary file.

The children are real ``ziping-cli`` processes on real files. Kill moments: ten spread over the
read phase (fractions of its measured length) and ten spread over the write phase, which starts
when the import's pages first reach the WAL file. The full disk is ``RLIMIT_FSIZE`` in the child
(SIGXFSZ ignored, so SQLite's write fails with EFBIG, as on a full disk).
"""

from __future__ import annotations

import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import insert

from desktop.services.department_setup import create_department
from desktop.storage.database import open_database
from desktop.storage.models import Petition
from tests.faults.child import big_workbook, cli, integrity, kill_when, matter_numbers, run_cli, wal_grows

MATTERS = 50_000
DEPARTMENT = "压力测试局"
KILLS_PER_PHASE = 10


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    return big_workbook(tmp_path_factory.mktemp("big") / "五万件.xlsx", MATTERS, DEPARTMENT)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A database holding the department, one matter of its own and nothing of the workbook."""
    path = tmp_path_factory.mktemp("base") / "ziping.sqlite3"
    engine = open_database(path, create=True)
    department = create_department(engine, DEPARTMENT, province="四川省")
    with engine.begin() as connection:
        connection.execute(
            insert(Petition.__table__).values(
                department_id=department.id,
                number="B2023-0001",
                registered_on=date(2023, 5, 6),
                channel="来信",
            )
        )
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def phases(workbook, base, tmp_path_factory):
    """One whole import, timed: (seconds before the first write, seconds of writing)."""
    database = tmp_path_factory.mktemp("timing") / "ziping.sqlite3"
    shutil.copy(base, database)
    started = time.monotonic()
    child = cli("import-xlsx", "--db", str(database), str(workbook))
    writing = wal_grows(database)
    while not writing() and child.poll() is None:
        time.sleep(0.005)
    first_write = time.monotonic() - started
    out, err = child.communicate()
    assert child.returncode == 0, err
    assert matter_numbers(database, "K2023-") == MATTERS
    return first_write, time.monotonic() - started - first_write


def next_start_is_clean(database) -> None:
    """The next ``stats`` opens the file without a word; the file is whole."""
    stats = run_cli("stats", "--db", str(database), "--year", "2023", "--json")
    assert (stats.returncode, stats.stderr) == (0, "")
    assert integrity(database) == "ok"


def test_a_kill_at_any_moment_of_an_import_leaves_all_or_none_of_it(workbook, base, phases, tmp_path):
    reading, writing = phases
    moments = [("读", reading * (i + 0.5) / KILLS_PER_PHASE) for i in range(KILLS_PER_PHASE)]
    moments += [("写", writing * (i + 0.5) / KILLS_PER_PHASE) for i in range(KILLS_PER_PHASE)]

    def kill_once(number: int, phase: str, delay: float):
        """Kill at ``delay``; when the import ended first (a slower or faster run than the timed
        one), try again at half the delay, so that every moment ends in a kill."""
        for attempt in range(4):
            database = tmp_path / f"kill-{number}-{attempt}.sqlite3"
            shutil.copy(base, database)
            child = cli("import-xlsx", "--db", str(database), str(workbook))
            ready = (lambda: True) if phase == "读" else wal_grows(database)
            killed = kill_when(child, ready, delay / 2**attempt)
            next_start_is_clean(database)
            assert matter_numbers(database, "B2023-") == 1
            count = matter_numbers(database, "K2023-")
            assert count in (0, MATTERS), (phase, delay, attempt, count)
            if killed:
                return count
            assert count == MATTERS  # the import ran to its end
        return None

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(lambda m: kill_once(m[0], *m[1]), enumerate(moments)))
    assert None not in outcomes, outcomes
    assert outcomes.count(0) >= 10, outcomes  # every kill before the commit left nothing


def test_a_disk_that_fills_during_an_import_gives_one_line_and_no_half_import(workbook, base, tmp_path):
    database = tmp_path / "ziping.sqlite3"
    shutil.copy(base, database)
    child = cli(
        "import-xlsx",
        "--db",
        str(database),
        str(workbook),
        file_size_limit=database.stat().st_size + (4 << 20),
    )
    out, err = child.communicate(timeout=300)
    assert child.returncode == 2
    assert (
        err.count("\n") == 1
        and err.startswith("ziping-cli: ")
        and "磁盘已满" in err
        and "Traceback" not in err
    )
    next_start_is_clean(database)
    assert matter_numbers(database, "K2023-") == 0


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample") / "示例.sqlite3"
    assert run_cli("demo", "--db", str(path)).returncode == 0
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["export-xlsx", "--unmasked"],
        ["export-pdf", "--form", "pack"],
    ],
    ids=["export-xlsx", "export-pdf"],
)
def test_a_kill_during_an_export_leaves_the_old_file_and_no_temporary_one(sample, tmp_path, command):
    database = tmp_path / "ziping.sqlite3"
    shutil.copy(sample, database)
    out_folder = tmp_path / "导出"
    out_folder.mkdir()
    target = out_folder / ("旧文件.xlsx" if command[0] == "export-xlsx" else "旧文件.pdf")
    target.write_bytes(b"the old file")
    arguments = [*command[:1], "--db", str(database), "--year", "2023", *command[1:], "--out", str(target)]
    started = time.monotonic()
    assert run_cli(*arguments).returncode == 0
    whole = time.monotonic() - started
    for fraction in (0.5, 0.7, 0.85, 0.95):
        target.write_bytes(b"the old file")
        kill_when(cli(*arguments), lambda: True, whole * fraction)
        assert target.read_bytes() == b"the old file" or target.stat().st_size > 1000  # old, or the new whole
        next_start_is_clean(database)
        assert [path.name for path in out_folder.iterdir()] == [target.name]
