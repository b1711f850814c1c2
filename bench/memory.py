"""Peak memory of the real window on the generated register (target ≤ 300 MB).

The child process is ``ziping --db FILE`` itself (``desktop.app.main``), driven the way the
clerk would: the 信访登记 tab, its period widened to the whole register (every matter in the
list), a jump to the middle, one sort by 剩余天数, the middle again, then the window closed. The
driver is a ``QTimer`` started by the child's ``QApplication`` (a subclass put in place before
the app is imported), so the app runs no code of the benchmark's own. The floor is a bare
``QApplication + QMainWindow`` child shown and closed. Peak RSS is each child's own ``VmHWM``
(Linux; within 1 % of what ``/usr/bin/time -v`` prints as “Maximum resident set size”).

    QT_QPA_PLATFORM=offscreen python -m bench.memory [--matters N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from bench.figures import Figure
from bench.register_data import MATTERS_ENV, build, run_matters

GROUP = "峰值内存（MB）"
MAX_MEGABYTES = 300
PERIOD = (date(2022, 1, 1), date(2024, 12, 31))  # every matter bench/register_data.py writes
SORTED_BY = "剩余天数"
PEAK = "VmHWM kB "
GIVE_UP_MS = 30 * 60 * 1000  # a step that never ends (a dialog nobody answers) ends the child


def _peak_megabytes(arguments: list[str], work: Path) -> tuple[float, str]:
    """Run ``python -m bench.memory --child …`` and return its peak RSS (MB) and what it showed."""
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "XDG_CONFIG_HOME": str(work / "config"),  # the window's settings and log stay in the scratch folder
        "XDG_DATA_HOME": str(work / "data"),
    }
    child = subprocess.run(
        [sys.executable, "-m", "bench.memory", "--child", *arguments],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = child.stdout.strip().splitlines()
    if child.returncode != 0 or len(lines) < 2 or not lines[-1].startswith(PEAK):
        raise RuntimeError(f"子进程退出码 {child.returncode}：{(child.stdout + child.stderr).strip()[-500:]}")
    return int(lines[-1].removeprefix(PEAK)) / 1024, lines[-2]


def _print_peak() -> None:
    """This process's peak RSS: ``VmHWM`` belongs to the program image alone, whereas ``ru_maxrss``
    of a child starts at its parent's size (Python's subprocess forks with vfork)."""
    status = Path("/proc/self/status").read_text(encoding="ascii")
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    print(f"{PEAK}{kilobytes}")


def measure(work: Path) -> list[Figure]:
    matters = run_matters()
    database = work / "register.sqlite3"
    engine, _ = build(database, matters)
    engine.dispose()
    floor, _ = _peak_megabytes(["bare"], work)
    peak, shown = _peak_megabytes(["window", str(database)], work)
    return [
        Figure(
            GROUP,
            f"窗口：信访登记全部 {matters:,} 件，跳到中间，按{SORTED_BY}排序",
            peak,
            "裸 QApplication + QMainWindow",
            floor,
            max_seconds=MAX_MEGABYTES,
            note=f"{matters:,} 件的库；{shown}",
        )
    ]


# the child ------------------------------------------------------------------------------


def _bare_window() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.show()
    QTimer.singleShot(500, window.close)
    code = app.exec()
    print("裸窗口")
    _print_peak()
    return code


def _driven_window(database: Path) -> int:
    """``ziping --db database`` with a ``RegisterDriver`` started by its QApplication."""
    from PySide6 import QtWidgets

    class DrivenApplication(QtWidgets.QApplication):
        def __init__(self, *arguments) -> None:
            super().__init__(*arguments)
            self.driver = RegisterDriver(self)

    QtWidgets.QApplication = DrivenApplication  # before desktop.app imports it
    from desktop.app import main

    code = main(["--db", str(database)])
    print(QtWidgets.QApplication.instance().driver.report)
    _print_peak()
    return code if QtWidgets.QApplication.instance().driver.done else 1


class RegisterDriver:
    """Steps through the register tab every 100 ms, each once the tab has finished the last one."""

    def __init__(self, app) -> None:
        from PySide6.QtCore import QTimer

        self.app = app
        self.done = False
        self.report = "未完成"
        self.steps = iter((self._open, self._widen, self._middle, self._sort, self._middle, self._close))
        self.tab = None
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(100)
        QTimer.singleShot(GIVE_UP_MS, app.quit)

    def _tick(self) -> None:
        if self.tab is None:
            self.tab = self._register_tab()
            if self.tab is None:
                return
        if self.tab.busy:
            return
        step = next(self.steps, None)
        if step is None:
            self.timer.stop()
            return
        step()

    def _register_tab(self):
        from desktop.ui.register_tab import RegisterTab

        for widget in self.app.topLevelWidgets():
            tabs = widget.findChildren(RegisterTab)
            if tabs and widget.isVisible():
                return tabs[0]
        return None

    def _open(self) -> None:
        tabs = self.tab.parentWidget()
        while tabs is not None and not hasattr(tabs, "setCurrentWidget"):
            tabs = tabs.parentWidget()
        tabs.setCurrentWidget(self.tab)

    def _widen(self) -> None:
        from PySide6.QtCore import QDate

        start, end = PERIOD
        self.tab.end.setDate(QDate(end.year, end.month, end.day))
        # not 1 January first: a whole year typed into one box would move the other box too
        self.tab.start.setDate(QDate(start.year, start.month, 2))
        self.tab.start.setDate(QDate(start.year, start.month, start.day))

    def _middle(self) -> None:
        model = self.tab.table.model()
        middle = model.index(model.rowCount() // 2, 0)
        self.tab.table.scrollTo(middle)
        middle.data()

    def _sort(self) -> None:
        from PySide6.QtCore import Qt

        model = self.tab.table.model()
        titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        self.tab.table.sortByColumn(titles.index(SORTED_BY), Qt.SortOrder.AscendingOrder)

    def _close(self) -> None:
        model = self.tab.table.model()
        self.report = f"列表 {model.rowCount():,} 行，中间一行 {model.index(model.rowCount() // 2, 0).data()}"
        self.done = True
        self.tab.window().close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matters", type=int, help="件数（默认 ZIPING_BENCH_MATTERS 或 1000000）")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        sys.exit(_bare_window() if kind == "bare" else _driven_window(Path(rest[0])))
    if args.matters:
        os.environ[MATTERS_ENV] = str(args.matters)
    with tempfile.TemporaryDirectory(prefix="ziping-memory-") as folder:
        for figure in measure(Path(folder)):
            print(
                f"{figure.name}：{figure.seconds:.0f} MB（{figure.floor_name} {figure.floor_seconds:.0f} MB）；{figure.note}"
            )


if __name__ == "__main__":
    main()
