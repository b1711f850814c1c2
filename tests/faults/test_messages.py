"""Every fault a Chinese line: exit 2, one line naming the file or field, nothing written."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime

import pytest
from sqlalchemy import insert

from desktop.cli import main as cli
from desktop.services.atomic_file import LEDGER_FOLDER, remove_leftovers
from desktop.services.backup import automatic_backup, list_backups, prune_backups, restore_database
from desktop.services.department_setup import create_department
from desktop.storage.database import open_database
from desktop.storage.models import Petition
from desktop.storage.sqlite_errors import DuplicateRecord


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample") / "ziping.sqlite3"
    assert cli(["demo", "--db", str(path)]) == 0
    return path


def one_line(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    return captured.err.removeprefix("ziping-cli: ").removesuffix("\n")


@pytest.mark.parametrize("year", ["99999", "1999", "2101", "二〇二三"])
def test_an_impossible_year_is_refused(sample, capsys, year):
    with pytest.raises(SystemExit) as refused:
        cli(["stats", "--db", str(sample), "--year", year])
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert err.endswith(f"ziping-cli: 参数错误：argument --year: 年度 {year} 不在 2000–2100 之间\n") or (
        f"年度“{year}”不是整数" in err
    )


@pytest.mark.parametrize("command", [["export-xlsx"], ["export-pdf", "--form", "self-eval"]])
@pytest.mark.parametrize("companion", ["", "-wal", "-journal"])
def test_an_output_onto_the_database_or_its_journal_is_refused(sample, capsys, command, companion):
    before = sample.read_bytes()
    target = sample.with_name(sample.name + companion)
    arguments = [command[0], "--db", str(sample), "--year", "2023", *command[1:], "--out", str(target)]
    assert cli(arguments) == 2
    assert one_line(capsys) == f"不能保存到 {target}：这是正在使用的数据库文件，请换一个文件名"
    assert sample.read_bytes() == before
    assert not sample.with_name(sample.name + "-journal").exists()


def test_an_output_into_the_backups_folder_is_refused(sample, capsys):
    folder = sample.parent / "backups"
    folder.mkdir(exist_ok=True)
    target = folder / "导出.xlsx"
    assert cli(["export-xlsx", "--db", str(sample), "--year", "2023", "--out", str(target)]) == 2
    assert one_line(capsys) == f"不能保存到 {target}：这是数据库的备份文件夹，请换一个位置"
    assert not target.exists()


def test_an_output_that_is_a_folder_too_long_or_under_proc_gets_one_line(sample, capsys, tmp_path):
    assert cli(["export-xlsx", "--db", str(sample), "--year", "2023", "--out", str(tmp_path)]) == 2
    assert one_line(capsys) == f"“{tmp_path}”是一个文件夹，不能保存为文件"
    long = tmp_path / ("很长的名字" * 60 + ".xlsx")
    assert cli(["template", "--out", str(long)]) == 2
    assert one_line(capsys).startswith("文件名或路径太长：")
    assert cli(["template", "--out", "/proc/self/模板.xlsx"]) == 2
    assert one_line(capsys) == "无法在文件夹“/proc/self”中保存文件：文件夹不存在或不能写入"
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_a_busy_database_is_reported_as_busy_not_damaged(sample, tmp_path, capsys):
    """Another program (here in rollback-journal mode, as a database browser may leave it) holds
    an exclusive lock longer than the busy timeout."""
    held = tmp_path / "ziping.sqlite3"
    shutil.copy(sample, held)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time\n"
         f"c = sqlite3.connect({str(held)!r}, isolation_level=None)\n"
         "c.execute('PRAGMA journal_mode=DELETE'); c.execute('BEGIN EXCLUSIVE')\n"
         "print('held', flush=True); time.sleep(30)\n"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline() == "held\n"
        assert cli(["stats", "--db", str(held), "--year", "2023"]) == 2
        assert one_line(capsys) == f"数据库正被另一个程序使用：{held}（等待 5 秒后仍未释放），请稍后重试"
    finally:
        holder.kill()
        holder.wait()


def test_a_duplicate_key_between_two_writers_names_the_file_and_field(engine, db_path):
    department = create_department(engine, "遂宁市船山区信访局", province="四川省")
    other = open_database(db_path)  # a second program on the same file
    matter = {
        "department_id": department.id,
        "number": "T-1",
        "registered_on": datetime(2023, 1, 2),
        "channel": "来信",
    }
    with other.begin() as connection:
        connection.execute(insert(Petition.__table__).values(matter))
    other.dispose()
    with pytest.raises(DuplicateRecord) as refused, engine.begin() as connection:
        connection.execute(insert(Petition.__table__).values(matter))
    assert str(refused.value) == (
        f"{db_path} 中已有相同的记录（字段 petition.department_id, petition.number），"
        "可能是另一个程序刚刚写入的；本次未保存，请刷新后重试"
    )


def test_a_damaged_database_is_not_backed_up_and_no_file_counts(engine, db_path, capsys):
    engine.dispose()
    data = bytearray(db_path.read_bytes())
    data[4096 * 2 : 4096 * 3] = b"\x00\xff" * 2048
    db_path.write_bytes(bytes(data))
    assert cli(["backup", "--db", str(db_path)]) == 2
    assert one_line(capsys).startswith(f"{db_path} 已损坏")
    assert list_backups(db_path) == []


def test_backups_keep_the_ten_newest_and_one_a_month_for_a_year(engine, db_path):
    made = [datetime(2024, month, day, 9) for month in range(1, 13) for day in (3, 17)]
    for when in made:
        automatic_backup(db_path, now=lambda when=when: when)
    prune_backups(db_path, now=lambda: datetime(2024, 12, 20))
    kept = [backup.made for backup in list_backups(db_path)]
    newest_ten = sorted(made, reverse=True)[:10]  # 2024-08-03 … 2024-12-17
    monthly = [datetime(2024, month, 17, 9) for month in range(1, 8)]  # the newest of each older month
    assert kept == sorted(newest_ten + monthly, reverse=True)


def test_restore_over_a_file_with_a_stale_journal_is_not_undone(engine, db_path, tmp_path):
    create_department(engine, "恢复的单位", province="四川省")
    engine.dispose()
    backup = automatic_backup(db_path)
    engine = open_database(db_path)
    create_department(engine, "恢复后应消失的单位", province="四川省")
    engine.dispose()
    stale = db_path.with_name(db_path.name + "-journal")
    stale.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 504)  # a leftover journal header
    restore_database(db_path, backup)
    assert not stale.exists()
    with sqlite3.connect(db_path) as connection:
        names = [row[0] for row in connection.execute("SELECT name FROM department")]
    connection.close()
    assert names == ["恢复的单位"]


def test_a_temporary_file_left_by_a_killed_export_is_removed_at_the_next_start(engine, db_path, tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    pid = int(dead.stdout)
    leftover = tmp_path / "导出" / ".报表-abc.tmp.xlsx"
    leftover.parent.mkdir()
    leftover.write_bytes(b"half a workbook")
    openpyxl_half = leftover.with_name(f".{leftover.stem}.{pid}.writing.xlsx")
    openpyxl_half.write_bytes(b"half")
    ledger = db_path.parent / LEDGER_FOLDER
    ledger.mkdir()
    (ledger / f"{pid}-{leftover.name}.txt").write_text(str(leftover), encoding="utf-8")
    (ledger / f"{os.getpid()}-running.txt").write_text(str(tmp_path / "running.tmp"), encoding="utf-8")
    (tmp_path / "running.tmp").write_bytes(b"still being written")
    assert sorted(remove_leftovers(db_path)) == sorted([leftover, openpyxl_half])
    assert list(leftover.parent.iterdir()) == []
    assert (tmp_path / "running.tmp").exists()  # a writer still alive keeps its file
