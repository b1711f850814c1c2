"""Opening databases: migrations on an empty file, refusing files that are not ours."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import Session, SQLModel, text

from desktop.storage.database import DatabaseError, open_database
from desktop.storage.models import AuditEntry, Department, IncomeLine


def test_migrations_build_the_whole_schema_on_an_empty_file(db_path):
    engine = open_database(db_path, create=True)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    assert [d for d in differences if d[0] != "modify_type"] == []
    assert version == "0007_register_deadlines"


def test_reopening_a_migrated_database_keeps_its_rows(db_path):
    engine = open_database(db_path, create=True)
    with Session(engine) as session:
        session.add(Department(name="测试局", province="四川省"))
        session.commit()
    engine.dispose()
    engine = open_database(db_path)
    with Session(engine) as session:
        assert session.exec(text("SELECT name FROM department")).scalars().all() == ["测试局"]
    engine.dispose()


def test_money_is_stored_as_integer_fen(engine):
    with Session(engine) as session:
        department = Department(name="测试局", province="四川省")
        session.add(department)
        session.flush()
        session.add(
            IncomeLine(
                department_id=department.id, year=2023, source="其他收入", final_amount=Decimal("46000.00")
            )
        )
        session.add(AuditEntry(at=datetime(2023, 1, 1, tzinfo=UTC), action="新增"))
        session.commit()
        assert session.exec(text("SELECT final_amount, typeof(final_amount) FROM income_line")).one() == (
            4600000,
            "integer",
        )
        line = session.exec(text("SELECT 1")).one() and session.get(IncomeLine, 1)
        assert line.final_amount == Decimal("46000.00")


def test_an_amount_finer_than_a_fen_is_refused(engine):
    with Session(engine) as session:
        department = Department(name="测试局", province="四川省")
        session.add(department)
        session.flush()
        session.add(
            IncomeLine(
                department_id=department.id, year=2023, source="其他收入", final_amount=Decimal("0.001")
            )
        )
        with pytest.raises(Exception, match="精确到了分以下"):
            session.commit()


def test_a_missing_file_is_not_created(tmp_path):
    missing = tmp_path / "none.sqlite3"
    with pytest.raises(DatabaseError, match="找不到数据库文件"):
        open_database(missing)
    assert not missing.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 not a database", "不是 Ziping 数据库（不是 SQLite 文件）"),
        (b"", "是空文件，不是 Ziping 数据库"),
        (b"SQLite format 3\x00" + b"\xff" * 200, "已损坏"),
    ],
)
def test_files_that_are_not_ziping_databases_are_left_untouched(tmp_path, content, message):
    path = tmp_path / "other.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseError, match=message):
        open_database(path)
    assert path.read_bytes() == content


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="是其他程序的 SQLite 文件"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_database_from_a_newer_ziping_is_refused(db_path):
    open_database(db_path, create=True).dispose()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    with pytest.raises(DatabaseError, match="由更新版本的 Ziping 创建"):
        open_database(db_path)


def test_every_connection_runs_in_wal_with_full_sync_a_busy_timeout_and_foreign_keys(engine, db_path):
    with engine.connect() as connection:
        settings = [
            connection.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys", "application_id")
        ]
    assert settings == ["wal", 2, 5000, 1, int.from_bytes(b"ZiPg", "big")]
