"""备份与恢复: a backup restores the same rows; a file that is not a Ziping backup is refused."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from desktop.cli import main as cli
from desktop.errors import UserInputError
from desktop.services.backup import backup_database, last_backup_time, restore_database
from desktop.storage.database import open_database
from desktop.storage.models import Department, IncomeLine

JAN_31 = datetime(2024, 1, 31, 17, 45, 0)


def add_department(engine, name: str, amount: str) -> None:
    with Session(engine) as session:
        department = Department(name=name, province="四川省", region="遂宁市船山区")
        session.add(department)
        session.flush()
        session.add(
            IncomeLine(
                department_id=department.id,
                year=2023,
                source="一般公共预算财政拨款收入",
                final_amount=Decimal(amount),
            )
        )
        session.commit()


def rows(path) -> list[tuple]:
    engine = open_database(path)
    try:
        with Session(engine) as session:
            lines = session.exec(select(Department.name, IncomeLine.final_amount).join(IncomeLine)).all()
            return sorted(tuple(line) for line in lines)
    finally:
        engine.dispose()


def test_a_backup_restores_the_rows_it_was_taken_with(engine, db_path):
    add_department(engine, "遂宁市船山区信访局", "13165000.55")
    backup = backup_database(db_path, now=lambda: JAN_31)
    assert backup == db_path.parent / "backups" / "ziping-20240131-174500.sqlite3"
    add_department(engine, "后来新建的单位", "1.00")
    engine.dispose()

    result = restore_database(db_path, backup, now=lambda: datetime(2024, 2, 1, 9, 0, 0))

    assert rows(db_path) == [("遂宁市船山区信访局", Decimal("13165000.55"))]
    assert result.safety_copy == db_path.parent / "backups" / "ziping-恢复前-20240201-090000.sqlite3"
    assert rows(result.safety_copy) == [
        ("后来新建的单位", Decimal("1.00")),
        ("遂宁市船山区信访局", Decimal("13165000.55")),
    ]


def test_the_last_backup_time_comes_from_the_newest_backup_not_the_safety_copies(engine, db_path):
    assert last_backup_time(db_path) is None
    backup_database(db_path, now=lambda: JAN_31)
    backup_database(db_path, now=lambda: datetime(2024, 3, 1, 8, 0, 0))
    backup_database(db_path, now=lambda: datetime(2024, 3, 1, 8, 0, 0))  # same second: a second file
    engine.dispose()
    restore_database(
        db_path,
        db_path.parent / "backups" / "ziping-20240131-174500.sqlite3",
        now=lambda: datetime(2025, 1, 1),
    )
    assert last_backup_time(db_path) == datetime(2024, 3, 1, 8, 0, 0)
    assert len(list((db_path.parent / "backups").iterdir())) == 4


def test_another_programs_sqlite_file_is_refused_and_nothing_changes(engine, db_path, tmp_path):
    add_department(engine, "遂宁市船山区信访局", "100.00")
    engine.dispose()
    other = tmp_path / "其他程序.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    connection.close()
    with pytest.raises(UserInputError) as refused:
        restore_database(db_path, other)
    assert str(refused.value) == (
        f"{other} 不是 Ziping 数据库（是其他程序的 SQLite 文件，没有 Ziping 的表）；不能作为备份使用"
    )
    assert rows(db_path) == [("遂宁市船山区信访局", Decimal("100.00"))]
    assert not (tmp_path / "backups").exists()


def test_a_file_that_is_not_sqlite_is_refused(engine, db_path, tmp_path):
    engine.dispose()
    sheet = tmp_path / "决算.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not a database" * 100)
    with pytest.raises(UserInputError) as refused:
        restore_database(db_path, sheet)
    assert str(refused.value) == f"{sheet} 不是 Ziping 数据库（不是 SQLite 文件）；不能作为备份使用"


def test_backup_to_an_existing_file_is_refused(engine, db_path, tmp_path):
    target = tmp_path / "已有.sqlite3"
    target.write_bytes(b"keep me")
    with pytest.raises(UserInputError) as refused:
        backup_database(db_path, target)
    assert str(refused.value) == f"备份文件已存在：{target}，请换一个文件名"
    assert target.read_bytes() == b"keep me"


def test_the_command_line_backs_up_and_restores(engine, db_path, tmp_path, capsys):
    add_department(engine, "遂宁市船山区信访局", "250000.00")
    engine.dispose()
    copy = tmp_path / "副本.sqlite3"
    assert cli(["backup", "--db", str(db_path), "--to", str(copy)]) == 0
    assert capsys.readouterr().out == f"已备份到 {copy}\n"
    db_path.unlink()
    assert cli(["restore", "--db", str(db_path), "--from", str(copy)]) == 0
    assert capsys.readouterr().out == f"已从 {copy} 恢复 {db_path}\n"
    assert rows(db_path) == [("遂宁市船山区信访局", Decimal("250000.00"))]


def test_the_command_line_refuses_a_bad_backup_in_one_line(db_path, tmp_path, capsys):
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("hello", encoding="utf-8")
    assert cli(["restore", "--db", str(db_path), "--from", str(bad)]) == 2
    assert (
        capsys.readouterr().err
        == f"ziping-cli: {bad} 不是 Ziping 数据库（不是 SQLite 文件）；不能作为备份使用\n"
    )
