"""One measured figure of a benchmark, beside the floor measured in the same run.

Every module of ``bench/`` gives its results as ``Figure`` rows; ``python -m bench`` prints
them as one table and writes ``docs/performance.md``. A target is a ratio to the floor, a
number of seconds, or both; ``met`` says whether the figure meets every target it has.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    group: str  # 启动 / 信访登记 1M / 打印 / Excel / 核对 …
    name: str  # what was measured, in Chinese: “排序：剩余天数，中间一页”
    seconds: float
    floor_name: str = ""  # what the floor is: “同一查询的纯 SQL”, “裸 reportlab 画同样的格子”
    floor_seconds: float | None = None
    max_ratio: float | None = None  # target: seconds ≤ max_ratio × floor_seconds
    max_seconds: float | None = None  # target: seconds ≤ max_seconds
    note: str = ""  # pages, rows, MB, or the measured reason a target is missed

    @property
    def ratio(self) -> float | None:
        if not self.floor_seconds:
            return None
        return self.seconds / self.floor_seconds

    @property
    def met(self) -> bool | None:
        """None when the figure has no target."""
        checks = []
        if self.max_ratio is not None and self.ratio is not None:
            checks.append(self.ratio <= self.max_ratio)
        if self.max_seconds is not None:
            checks.append(self.seconds <= self.max_seconds)
        return all(checks) if checks else None


def best_of(action: Callable[[], object], repeats: int = 5) -> float:
    """The shortest of ``repeats`` timed runs of ``action`` (seconds): the least disturbed one."""
    timings = []
    for _ in range(repeats):
        began = time.perf_counter()
        action()
        timings.append(time.perf_counter() - began)
    return min(timings)
