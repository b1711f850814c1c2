"""Running ``ziping-cli`` as a child process that a test can kill or starve of disk space."""

from __future__ import annotations

import resource
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook

CLI = [sys.executable, "-m", "desktop.cli"]


def cli(*args: str, file_size_limit: int | None = None) -> subprocess.Popen:
    """Start ``ziping-cli args``; with ``file_size_limit`` every file it writes stops at that size
    (RLIMIT_FSIZE, with SIGXFSZ ignored, so a write fails with EFBIG as on a full disk)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.Popen(
        [*CLI, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limit if file_size_limit else None,
    )


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


def kill_when(child: subprocess.Popen, ready, delay: float) -> bool:
    """SIGKILL ``child`` ``delay`` seconds after ``ready()`` first holds; False if it ended first."""
    while not ready():
        if child.poll() is not None:
            return False
        time.sleep(0.005)
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline:
        if child.poll() is not None:
            return False
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    child.communicate()
    return True


def wal_grows(database: Path):
    """The import's write phase has begun: its pages reach the WAL file."""
    wal = database.with_name(database.name + "-wal")

    def grown() -> bool:
        try:
            return wal.stat().st_size > 0
        except FileNotFoundError:  # not yet, or already folded back into the database
            return False

    return grown


def matter_numbers(database: Path, prefix: str) -> int:
    with sqlite3.connect(database) as connection:
        count = connection.execute(
            "SELECT count(*) FROM petition WHERE number LIKE ?", (prefix + "%",)
        ).fetchone()
    connection.close()
    return count[0]


def integrity(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    connection.close()
    return result


def big_workbook(path: Path, matters: int, department: str) -> Path:
    """A register of ``matters`` new matters (编号 K2023-000000…) for ``department``."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("单位")
    sheet.append(["单位名称"])
    sheet.append([department])
    sheet = workbook.create_sheet("信访事项")
    sheet.append(["编号", "登记日期", "信访形式", "信访人", "人数"])
    for index in range(matters):
        month, day = 1 + index % 12, 1 + index % 28
        channel = ("来信", "来访", "网上")[index % 3]
        sheet.append([f"K2023-{index:06d}", date(2023, month, day), channel, f"测试{index % 97}", 1])
    workbook.save(path)
    return path
