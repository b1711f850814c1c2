"""How the 信访登记 tab copes with a register of 1,000,000 matters.

Builds a temporary database with one department and a million generated matters (Core
``insert`` in chunks), then times, with ``time.perf_counter``, what the clerk does: open the
tab, see the first page, jump to the middle, filter, search, sort, compute the statistics.
Each step is also given as a ratio against two baselines measured on the same file in the same
run — a full scan (``SELECT count(*) FROM petition``) and a plain page (``SELECT * … LIMIT 200``
from the middle of the table by rowid) — so figures from a loaded or a faster machine compare.

    QT_QPA_PLATFORM=offscreen python bench/register_million.py [--matters 1000000]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QThreadPool  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

from desktop.domain.petitions import CHANNELS  # noqa: E402
from desktop.services.container import build_services  # noqa: E402
from desktop.services.register import RegisterFilter  # noqa: E402
from desktop.services.sample_register import CATEGORIES, LOCALITIES, SURNAMES  # noqa: E402
from desktop.storage.database import open_database  # noqa: E402
from desktop.storage.models import Department, Petition  # noqa: E402
from desktop.ui.context import WorkContext  # noqa: E402
from desktop.ui.register_tab import RegisterTab  # noqa: E402

CHUNK = 50_000


def _rows(rng: random.Random, department_id: int, start: int, count: int):
    first = date(2023, 1, 1)
    for number in range(start, start + count):
        registered = first + timedelta(days=rng.randrange(365))
        accepted = registered + timedelta(days=rng.randint(0, 10)) if rng.random() < 0.97 else None
        closed = accepted + timedelta(days=rng.randint(5, 80)) if accepted and rng.random() < 0.9 else None
        category = rng.choice(list(CATEGORIES))
        yield {
            "department_id": department_id,
            "number": f"B{number:07d}",
            "registered_on": registered,
            "channel": rng.choice(CHANNELS),
            "petitioner_name": rng.choice(SURNAMES) + rng.choice(SURNAMES),
            "persons": rng.randint(1, 4),
            "locality": rng.choice(LOCALITIES),
            "category": category,
            "summary": CATEGORIES[category][1],
            "responsible_unit": CATEGORIES[category][0],
            "accepted_on": accepted,
            "closed_on": closed,
            "in_evaluation_scope": closed is not None and rng.random() < 0.3,
            "satisfaction": "满意" if closed is not None and rng.random() < 0.3 else "未评价",
        }


def build(path: Path, matters: int):
    engine = open_database(path, create=True)
    rng = random.Random(1)
    with engine.begin() as connection:
        department_id = connection.execute(
            insert(Department.__table__).values(name="基准测试单位")
        ).inserted_primary_key[0]
        for start in range(0, matters, CHUNK):
            connection.execute(
                insert(Petition.__table__),
                list(_rows(rng, department_id, start, min(CHUNK, matters - start))),
            )
    return engine, department_id


def settle(app: QApplication, waiting) -> float:
    """Turn the event loop while ``waiting()``; returns the longest pause between two turns of the
    loop, i.e. how long the window could not repaint or take a click."""
    longest, last = 0.0, time.perf_counter()
    while waiting():
        app.processEvents()
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
        time.sleep(0.002)
    return longest


def best_of(action, times: int = 3) -> float:
    timings = []
    for _ in range(times):
        began = time.perf_counter()
        action()
        timings.append(time.perf_counter() - began)
    return min(timings)


def baselines(engine, matters: int) -> tuple[float, float]:
    """Seconds of a full scan and of a plain 200-row page on the same file."""
    with engine.connect() as connection:
        scan = best_of(lambda: connection.execute(text("SELECT count(*) FROM petition")).scalar_one())
        page = text("SELECT * FROM petition WHERE id > :after ORDER BY id LIMIT 200")
        plain = best_of(lambda: connection.execute(page, {"after": matters // 2}).all())
    return scan, plain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matters", type=int, default=1_000_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    timings: list[tuple[str, float, str]] = []

    def measure(step: str, action):
        began = time.perf_counter()
        result = action()
        timings.append((step, time.perf_counter() - began, "" if result is None else str(result)))
        return result

    def step(name: str, action, result, waiting=None):
        """Time ``action`` and the background work it starts until the window shows the result."""
        began = time.perf_counter()
        action()
        stall = settle(app, waiting or (lambda: tab.busy))
        timings.append((name, time.perf_counter() - began, f"{result()}（界面最长停顿 {stall:.2f} 秒）"))

    with tempfile.TemporaryDirectory() as folder:
        engine, department_id = measure(
            f"生成并写入 {args.matters:,} 件（Core insert）",
            lambda: build(Path(folder) / "bench.sqlite3", args.matters),
        )
        scan, plain = baselines(engine, args.matters)
        services = build_services(engine)
        tab = measure(
            "构造信访登记页（同步部分）",
            lambda: RegisterTab(services, WorkContext(department_id, 2023), QUndoStack()),
        )
        model = tab.table.model()
        step(
            "  直到列表和统计都显示",
            lambda: None,
            lambda: f"{model.rowCount()} 件；{tab.statistics.rates.text()}",
        )

        def scroll(name: str, row) -> None:
            step(
                name,
                lambda: model.index(row(), 0).data(),
                lambda: model.index(row(), 0).data(),
                lambda: model.fetching,
            )

        def sql_page(name: str, sort: str, descending: bool = False) -> None:
            register = services.register
            middle = args.matters // 2
            measure(
                f"  SQL 一页：{name}，第 {middle:,} 行起",
                lambda: (
                    register.page(department_id, RegisterFilter(), middle, 200, sort, descending)[0].number
                ),
            )

        scroll("第一页（200 行）", lambda: 0)
        scroll("跳到中间一页", lambda: model.rowCount() // 2)
        scroll("跳到最后一页", lambda: model.rowCount() - 1)
        sql_page("登记日期", "registered_on")
        step("筛选：信访形式 = 来访", lambda: tab.channel.setCurrentText("来访"), model.rowCount)
        step("筛选：并且状态 = 超期", lambda: tab.status.setCurrentText("超期"), model.rowCount)
        step(
            "清除筛选",
            lambda: (tab.channel.setCurrentText("全部"), tab.status.setCurrentText("全部")),
            model.rowCount,
        )
        step("筛选：属地", lambda: tab.locality.setCurrentIndex(1), model.rowCount)
        step("筛选：问题类别", lambda: tab.category.setCurrentIndex(1), model.rowCount)
        tab.locality.setCurrentIndex(0)
        tab.category.setCurrentIndex(0)
        settle(app, lambda: tab.busy)
        step(
            "查找：信访人“王”",
            lambda: (tab.search.setText("王"), tab.search.returnPressed.emit()),
            model.rowCount,
        )
        tab.search.clear()
        settle(app, lambda: tab.busy)
        step(
            "排序：编号 倒序",
            lambda: tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder),
            lambda: model.index(0, 0).data(),
        )
        scroll("  编号倒序：跳到中间一页", lambda: model.rowCount() // 2)
        sql_page("编号倒序", "number", descending=True)
        step(
            "排序：剩余天数",
            lambda: tab.table.sortByColumn(14, Qt.SortOrder.AscendingOrder),
            lambda: model.index(0, 0).data(),
        )
        scroll("  剩余天数：跳到中间一页", lambda: model.rowCount() // 2)
        scroll("  剩余天数：再往下一页", lambda: model.rowCount() // 2 + 200)
        sql_page("剩余天数", "days_left")
        step(
            "统计：改期间为下半年",
            lambda: tab.start.setDate(tab.start.date().addMonths(6)),
            tab.statistics.rates.text,
        )
        QThreadPool.globalInstance().waitForDone()
        tab.deleteLater()
        app.processEvents()
        engine.dispose()

    width = max(len(step) for step, _, _ in timings) + 4
    print(
        f"基准：全表扫描 SELECT count(*) {scan:.3f} 秒；普通一页 SELECT … LIMIT 200 {plain * 1000:.1f} 毫秒"
    )
    print(f"{'步骤'.ljust(width)}{'秒':>9}{'÷全表扫描':>10}{'÷普通一页':>10}  结果")
    for step, seconds, result in timings:
        print(f"{step.ljust(width)}{seconds:>9.3f}{seconds / scan:>10.2f}{seconds / plain:>10.0f}  {result}")


if __name__ == "__main__":
    main()
