"""Each kind of damaged or foreign file is refused with its bytes unchanged, and the newest good
backup gives its data back; the database of every released schema upgrades with every record."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from desktop.cli import main as cli
from desktop.services.backup import automatic_backup, newest_good_backup, restore_database, set_aside
from desktop.services.department_setup import create_department
from desktop.services.departments import list_departments
from desktop.storage.database import APPLICATION_ID, open_database
from desktop.storage.sqlite_errors import DatabaseDamaged, NewerSchema, NotZipingDatabase

DATA = Path(__file__).parent.parent / "data"
RELEASED = sorted(DATA.glob("ziping-*.sqlite3.gz"))


def overwrite_a_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page : 4 * page] = b"\xa5" * page  # a b-tree page of the schema's tables
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def other_program_with_tables(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.close()


def other_program_without_tables(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version=1")  # a valid, empty SQLite file
    connection.close()


def newer_schema(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()


KINDS = {
    "overwritten page": (overwrite_a_page, DatabaseDamaged, "已损坏"),
    "truncated": (truncate, DatabaseDamaged, "已损坏"),
    "zero bytes": (zero_bytes, NotZipingDatabase, "是空文件，不是 Ziping 数据库"),
    "other program, tables": (
        other_program_with_tables,
        NotZipingDatabase,
        "是其他程序的 SQLite 文件，没有 Ziping 的表",
    ),
    "other program, no tables": (
        other_program_without_tables,
        NotZipingDatabase,
        "是其他程序的 SQLite 文件，没有任何表",
    ),
    "newer schema": (newer_schema, NewerSchema, "由更新版本的 Ziping 创建（结构版本 9999_from_the_future）"),
}


@pytest.fixture
def backed_up(db_path):
    """A database with two departments, its automatic backup taken, then closed."""
    engine = open_database(db_path, create=True)
    create_department(engine, "遂宁市船山区信访局", province="四川省")
    create_department(engine, "遂宁市船山区财政局", province="四川省")
    engine.dispose()
    automatic_backup(db_path)
    return db_path


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_damaged_or_foreign_file_is_refused_untouched_and_the_newest_good_backup_brings_it_back(
    backed_up, kind, capsys
):
    damage, error, message = KINDS[kind]
    damage(backed_up)
    before = backed_up.read_bytes()
    with pytest.raises(error, match=message):
        open_database(backed_up, create=True)
    assert cli(["stats", "--db", str(backed_up), "--year", "2023"]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith(f"ziping-cli: {backed_up} ") and err.count("\n") == 1 and message.split("（")[0] in err
    )
    assert backed_up.read_bytes() == before
    assert sorted(p.name for p in backed_up.parent.iterdir()) == ["backups", "ziping.sqlite3"]

    kept = set_aside(backed_up)
    restore_database(backed_up, newest_good_backup(backed_up).path)
    assert kept.read_bytes() == before
    engine = open_database(backed_up)
    with engine.connect() as connection:
        names = connection.execute(text("SELECT name FROM department ORDER BY name")).scalars().all()
    engine.dispose()
    assert names == ["遂宁市船山区信访局", "遂宁市船山区财政局"]


def test_a_hot_journal_left_by_a_kill_is_rolled_back_on_open(db_path, tmp_path):
    """The case of issue 10: a rollback journal beside an intact file is SQLite's to undo."""
    engine = open_database(db_path, create=True)
    create_department(engine, "遂宁市船山区信访局", province="四川省")
    engine.dispose()
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    script = f"""
import os, sqlite3
connection = sqlite3.connect({str(db_path)!r}, isolation_level=None)
connection.execute("PRAGMA cache_size=1")  # pages spill into the file before the commit
connection.execute("BEGIN IMMEDIATE")
for i in range(3000):
    connection.execute(
        "INSERT INTO department (name, competent_department, implementing_unit, province, region) "
        "VALUES (?, '', '', '', '')", ("单位%d" % i + "x" * 300,)
    )
os._exit(9)  # killed before the commit: the rollback journal stays hot
"""
    subprocess.run([sys.executable, "-c", script], check=False)
    assert db_path.with_name(db_path.name + "-journal").stat().st_size > 0
    engine = open_database(db_path)
    with engine.connect() as connection:
        names = connection.execute(text("SELECT name FROM department")).scalars().all()
        result = connection.execute(text("PRAGMA integrity_check")).scalar()
    engine.dispose()
    assert (names, result) == (["遂宁市船山区信访局"], "ok")


def test_the_newest_good_backup_skips_a_damaged_one(backed_up):
    first = newest_good_backup(backed_up).path
    newer = first.with_name("ziping-29991231-235959.sqlite3")
    shutil.copy(first, newer)
    overwrite_a_page(newer)
    assert newest_good_backup(backed_up).path == first


# Each file was made by the schema it is named after: 0001 by the code at commit e1f6c7e (the
# sample, before the application id existed); 0002 and 0003 from it by the released migrations
# up to that revision, then a few records typed into their new columns: the 统一社会信用代码 of two
# departments (0002), the 信访事项编号格式 of two (0003), and a department of another province in each.
TYPED = {
    "ziping-0001.sqlite3.gz": (0, {}),
    "ziping-0002.sqlite3.gz": (
        APPLICATION_ID,
        {
            "遂宁市船山区信访局": {"credit_code": "11510903MB15345670", "province": "四川省"},
            "重庆市渝北区水利局": {"credit_code": "12500112MB0987654C", "province": "重庆市"},
        },
    ),
    "ziping-0003.sqlite3.gz": (
        APPLICATION_ID,
        {
            "遂宁市船山区信访局": {
                "credit_code": "11510903MB15345670",
                "matter_number_pattern": "船信〔{年}〕{序号:04}号",
            },
            "重庆市渝北区水利局": {"credit_code": "12500112MB0987654C", "matter_number_pattern": ""},
            "湖北省咸宁市通山县教育局": {
                "province": "湖北省",
                "matter_number_pattern": "通教信〔{年}〕{序号:03}号",
            },
        },
    ),
}


def test_every_released_schema_has_its_database():
    assert [path.name for path in RELEASED] == list(TYPED)


@pytest.mark.parametrize("released", RELEASED, ids=[path.name for path in RELEASED])
def test_a_database_of_every_released_schema_upgrades_with_every_record(released, tmp_path):
    application_id, typed = TYPED[released.name]
    path = tmp_path / released.name.removesuffix(".gz")
    path.write_bytes(gzip.decompress(released.read_bytes()))
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        before = {table: connection.execute(f'SELECT * FROM "{table}"').fetchall() for table in tables}
        assert connection.execute("PRAGMA application_id").fetchone()[0] == application_id
    connection.close()
    assert len(before["petition"]) == 782 and len(before["department"]) == max(1, len(typed))

    engine = open_database(path)
    with engine.connect() as connection:
        newest = set(inspect(connection).get_table_names())
        for table, rows in before.items():
            if table == "alembic_version":
                continue
            after = connection.execute(text(f'SELECT * FROM "{table}"')).all()
            assert len(after) == len(rows), table
            assert {tuple(row)[: len(rows[0])] for row in after} == set(rows) if rows else True, table
        assert connection.execute(text("PRAGMA application_id")).scalar() == APPLICATION_ID
    departments = {department.name: department for department in list_departments(engine)}
    for name, fields in typed.items():
        for field, value in fields.items():
            assert getattr(departments[name], field) == value, (name, field)
    engine.dispose()
    assert set(tables) <= newest
