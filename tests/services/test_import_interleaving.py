"""A save made while an import runs is never lost and never reported saved when it was not (issue 10).

The import and the save run on two connections of their own engines (as two windows would), the
import in a thread. Ten saves start at moments spread over the import's reading of the workbook,
ten from inside its write transaction (the import holds SQLite's write lock while the save waits);
in one of those the import holds the lock past the saver's busy timeout, so that save must be
refused as busy. Each save changes 内容摘要 of a matter whose 信访人 the workbook changes.
"""

from __future__ import annotations

import shutil
import threading
import time
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import event, insert, select

from desktop.errors import ZipingError
from desktop.services.excel import ExcelService
from desktop.services.register import RegisterService
from desktop.storage import models as M
from desktop.storage.database import open_database
from tests.services.excel_helpers import workbook_file

MATTERS = 2000
SAVER_BUSY_MS = 1000
MOMENTS = 20


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("interleaving")
    template = folder / "template.sqlite3"
    engine = open_database(template, create=True)
    with engine.begin() as connection:
        department = connection.execute(
            insert(M.Department.__table__).values(name="测试局")
        ).inserted_primary_key[0]
        connection.execute(
            insert(M.Petition.__table__),
            [
                {
                    "department_id": department,
                    "number": f"M-{index}",
                    "registered_on": date(2023, 1, 1) + timedelta(days=index % 300),
                    "channel": "来信",
                    "petitioner_name": f"旧{index}",
                    "summary": "原摘要",
                }
                for index in range(MATTERS)
            ],
        )
    engine.dispose()
    rows = [["编号", "登记日期", "信访形式", "信访人"]] + [
        [f"M-{index}", date(2023, 1, 1) + timedelta(days=index % 300), "来信", f"新{index}"]
        for index in range(MATTERS)
    ]
    workbook = workbook_file(folder / "names.xlsx", {"单位": [["单位名称"], ["测试局"]], "信访事项": rows})
    started = time.perf_counter()
    from desktop.exchange.reader import read_workbook

    read_workbook(workbook)
    return template, workbook, department, time.perf_counter() - started


def _saver(path):
    engine = open_database(path)
    event.listen(
        engine, "connect", lambda dbapi, _record: dbapi.execute(f"PRAGMA busy_timeout = {SAVER_BUSY_MS}")
    )
    engine.dispose()  # the listener applies to every connection from now on
    return engine


@pytest.mark.parametrize("moment", range(MOMENTS))
def test_a_save_during_an_import_persists_or_is_refused(prepared, tmp_path, moment):
    template, workbook, department, reading = prepared
    db = tmp_path / "db.sqlite3"
    shutil.copy(template, db)
    importer, saver = open_database(db), _saver(db)
    register = RegisterService(saver)
    target = moment * 97 % MATTERS
    target_id = _id(saver, f"M-{target}")
    text = f"第 {moment} 次保存"
    outcome: dict[str, object] = {}
    in_write = moment >= MOMENTS // 2
    hold = SAVER_BUSY_MS * 1.6 / 1000 if moment == MOMENTS - 1 else 0.2

    def save() -> None:
        try:
            register.save(department, replace(register.get(target_id), summary=text))
            outcome["saved"] = True
        except ZipingError as error:  # storage's busy error, whichever class names it
            outcome["saved"], outcome["message"] = False, str(error)

    saving = threading.Thread(target=save)

    def progress(_done: int, total: int) -> bool:
        if in_write and total and not saving.is_alive() and "saved" not in outcome:
            saving.start()  # inside the import's BEGIN IMMEDIATE transaction, before its commit
            time.sleep(hold)
        return True

    def run_import() -> None:
        outcome["report"] = ExcelService(importer).import_workbook(workbook, progress=progress)

    importing = threading.Thread(target=run_import)
    importing.start()
    if not in_write:
        time.sleep(reading * moment / (MOMENTS // 2))
        saving.start()
    importing.join(60)
    saving.join(60)
    importer.dispose()

    names, summaries = _matters(saver)
    saver.dispose()
    assert outcome["report"].counts[0].updated == MATTERS
    assert all(names[f"M-{index}"] == f"新{index}" for index in range(MATTERS) if index != target)
    if moment == MOMENTS - 1:
        assert outcome["saved"] is False  # held past the saver's busy timeout
    if outcome["saved"]:
        assert summaries[f"M-{target}"] == text
    else:
        assert summaries[f"M-{target}"] == "原摘要"
        assert str(outcome["message"]).startswith("数据库正被另一个程序使用")


def _id(engine, number: str) -> int:
    table = M.Petition.__table__
    with engine.connect() as connection:
        return connection.execute(select(table.c.id).where(table.c.number == number)).scalar_one()


def _matters(engine) -> tuple[dict[str, str], dict[str, str]]:
    table = M.Petition.__table__
    with engine.connect() as connection:
        rows = connection.execute(select(table.c.number, table.c.petitioner_name, table.c.summary)).all()
    return {row.number: row.petitioner_name for row in rows}, {row.number: row.summary for row in rows}
