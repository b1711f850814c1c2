"""``ziping``: the window. The one composition root of the desktop program.

It decides which database to open (``--db``, ``--demo`` or the one in the user's data folder)
and hands the opened workspace (engine and services) to the window, with the function that
opens another one (新建/打开数据库, 恢复). Only ``desktop.ui`` touches Qt; heavy modules
(reportlab, openpyxl) are imported by the services when first used, so the window shows first.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from desktop.services.instance_lock import InstanceLock, acquire
from desktop.services.workspace import Workspace, open_workspace

_LOCKS: list[InstanceLock] = []  # held until the program ends; the system releases them then


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="ziping", description="自评 Ziping")
    parser.add_argument("--db", type=Path, help="数据库文件（默认在用户数据文件夹）")
    parser.add_argument("--demo", action="store_true", help="打开示例数据的一个临时副本")
    parser.add_argument("--selftest", action="store_true", help="自检（不显示窗口），逐项报告，失败时退出码为 1")
    return parser.parse_args(argv)


def open_chosen_database(args: argparse.Namespace) -> Workspace:
    """The database the user asked for, with its services; raises DatabaseError / UserInputError
    (``DatabaseInUse`` when another Ziping window has it open: the clerk is told before anything opens)."""
    from desktop.storage.database import default_database_path

    if args.demo:
        from desktop.services.sample import build_sample_database

        path = Path(tempfile.mkdtemp(prefix="ziping-demo-")) / "示例.sqlite3"
        build_sample_database(path, force=True)
    else:
        path = args.db or default_database_path()
        if args.db is None:
            path.parent.mkdir(parents=True, exist_ok=True)
        _LOCKS.append(acquire(path))
    return open_workspace(path, create=True, automatic_backups=True)


def open_other_database(path: Path, create: bool) -> Workspace:
    """新建/打开数据库 and 恢复 in the window: with the start-up and exit backups."""
    return open_workspace(path, create, automatic_backups=True)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    from desktop.paths import error_log_path
    from desktop.services.error_log import ErrorLog
    if args.selftest:
        from desktop.selftest import run_selftest
        from desktop.streams import use_utf8_streams

        use_utf8_streams()
        return run_selftest()
    from desktop.ui.application import run

    return run(lambda: open_chosen_database(args), open_other_database, ErrorLog(error_log_path()))
