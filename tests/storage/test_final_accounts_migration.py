"""Migration 0004_final_accounts on a file written by 0003: its 收入 and 结转结余 rows are kept, an old
年末结转和结余 becomes 其他资金 (an old 年初 one keeps an empty fund, read as 其他资金), and the new
keys allow one row per fund."""

from __future__ import annotations

from decimal import Decimal

import pytest
from alembic import command
from sqlmodel import Session, select

from desktop.services.catalogue import FormCatalogue
from desktop.services.final_tables import FinalTablesService
from desktop.storage.database import _alembic_config, make_engine
from desktop.storage.models import BalanceLine, IncomeLine, ReportedCount


def _at(engine, revision: str, *, down: bool = False) -> None:
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


@pytest.fixture
def old_file(tmp_path):
    path = tmp_path / "old.ziping"
    engine = make_engine(path)
    _at(engine, "0003_register")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO department (id, name, competent_department, implementing_unit,"
            " province, region, credit_code, matter_number_pattern)"
            " VALUES (1, '湖北某局', '', '', '湖北省', '', '', '')"
        )
        for source, amount in (("一般公共预算财政拨款收入", 56000000), ("年初结转和结余", 600000)):
            connection.exec_driver_sql(
                "INSERT INTO income_line (department_id, year, source, function_code, initial_budget,"
                " adjusted_budget, final_amount, previous_final) VALUES (1, 2024, ?, '', 0, 0, ?, 0)",
                (source, amount),
            )
        connection.exec_driver_sql(
            "INSERT INTO balance_line (department_id, year, kind, final_amount, previous_final)"
            " VALUES (1, 2024, '年末结转和结余', 800000, 0)"
        )
    yield engine
    engine.dispose()


def test_old_rows_are_kept_and_their_carry_overs_become_other_funds(old_file):
    _at(old_file, "head")
    with Session(old_file) as session:
        income = {row.source: (row.funding, row.final_amount) for row in session.exec(select(IncomeLine))}
        old = session.exec(select(BalanceLine)).one()
        balance = (old.kind, old.funding, old.function_code, str(old.final_amount))
        session.add(
            IncomeLine(department_id=1, year=2024, source="年初结转和结余", funding="一般公共预算财政拨款")
        )
        session.add(
            BalanceLine(department_id=1, year=2024, kind="年末结转和结余", funding="一般公共预算财政拨款")
        )
        session.add(ReportedCount(department_id=1, year=2024, item="在职人数", count=12))
        session.commit()
    assert str(income["一般公共预算财政拨款收入"][1]) == "560000.00"
    assert income["一般公共预算财政拨款收入"][0] == ""
    assert income["年初结转和结余"] == ("", income["年初结转和结余"][1])
    assert balance == ("年末结转和结余", "其他资金", "", "8000.00")
    tables = FinalTablesService(old_file, FormCatalogue()).year_tables(1, 2024)
    # the old 年初 6 000 is 非财政拨款: in the 总表, not in the 财政拨款 总表 (only the 一般公共 one added above)
    assert tables.table("公开01表").cell("carried_in", "income") == Decimal("6000.00")
    assert tables.table("公开04表").cell("carried_in", "income") == Decimal("0.00")


def test_the_migration_goes_back_to_0003(old_file):
    _at(old_file, "head")
    _at(old_file, "0003_register", down=True)
    with old_file.begin() as connection:
        tables = {
            row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
        }
        columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(balance_line)")]
        kept = connection.exec_driver_sql("SELECT kind, final_amount FROM balance_line").all()
    assert "reported_count" not in tables
    assert columns == ["id", "department_id", "year", "kind", "final_amount", "previous_final"]
    assert kept == [("年末结转和结余", 800000)]
