"""A second Ziping on the same database is told so before anything opens; a killed one leaves no lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import _arguments, open_chosen_database
from desktop.services.instance_lock import DatabaseInUse, acquire

ROOT = Path(__file__).resolve().parents[2]
HOLD = "import sys, time; from desktop.services.instance_lock import acquire; lock = acquire(sys.argv[1]); print('held', flush=True); time.sleep(60)"


def _holder(db: Path) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )
    assert child.stdout.readline().strip() == "held"
    return child


def test_a_second_program_is_refused_naming_the_holder_until_the_first_is_killed(tmp_path):
    db = tmp_path / "ziping.sqlite3"
    child = _holder(db)
    try:
        with pytest.raises(DatabaseInUse, match=f"进程 {child.pid}") as caught:
            acquire(db)
        assert str(caught.value).startswith(f"数据库 {db} 已在另一个 Ziping 窗口中打开")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    acquire(db).release()


def test_the_window_opens_a_database_only_once(tmp_path):
    arguments = _arguments(["--db", str(tmp_path / "账本.sqlite3")])
    first = open_chosen_database(arguments)
    try:
        with pytest.raises(DatabaseInUse, match="已在另一个 Ziping 窗口中打开"):
            open_chosen_database(arguments)
    finally:
        first.close()
