"""``python -m bench``: every benchmark of issue 15 in one run, one table, ``docs/performance.md``.

Each topic module ``bench/<topic>.py`` has ``measure(work) -> list[Figure]``; it is given its own
scratch folder, and the register modules share one build of the register per matters count
(see ``bench/register_data.py``). A module that is missing or fails is reported as 未测, with
the reason, and the run goes on.

    QT_QPA_PLATFORM=offscreen python -m bench [--only TOPIC …] [--matters N] [--quick] [--work DIR]
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sqlite3
import sys
import tempfile
import traceback
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import PySide6
from PySide6.QtCore import qVersion

from bench.figures import Figure
from bench.register_data import CACHE_ENV, MATTERS_ENV, MILLION

TOPICS = (
    "startup",
    "register_list",
    "register_search",
    "register_statistics",
    "memory",
    "pdf",
    "excel",
    "checks",
)
QUICK_MATTERS = 10_000
MEGABYTES = "（MB）"  # a group named so holds megabytes in ``Figure.seconds`` (bench/memory.py)
ROOT = Path(__file__).resolve().parents[1]
HEADER = ("组", "项目", "测得", "基准", "基准测得", "比值", "目标", "达标", "说明")


@dataclass
class Outcome:
    topic: str
    figures: list[Figure] = field(default_factory=list)
    untested: str = ""  # why the topic gave no figures


def _arguments(argv: Sequence[str], topics: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="运行全部性能基准，写出 docs/performance.md"
    )
    parser.add_argument(
        "--only", nargs="+", choices=topics, metavar="TOPIC", help="只测这些：" + "、".join(topics)
    )
    parser.add_argument("--matters", type=int, default=MILLION, help="信访登记的件数（默认 1000000）")
    parser.add_argument("--quick", action="store_true", help=f"冒烟运行：{QUICK_MATTERS} 件")
    parser.add_argument(
        "--work", type=Path, help="数据文件夹（保留，下次运行复用已生成的登记库；默认临时文件夹）"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md", help="写到哪个文件")
    return parser.parse_args(list(argv))


def run_topic(package: str, topic: str, work: Path) -> Outcome:
    try:
        module = importlib.import_module(f"{package}.{topic}")
    except ModuleNotFoundError as error:
        if error.name != f"{package}.{topic}":
            raise
        return Outcome(topic, untested="模块不存在")
    work.mkdir(parents=True, exist_ok=True)
    try:
        return Outcome(topic, list(module.measure(work)))
    except Exception as error:  # one broken benchmark must not lose the others' figures
        traceback.print_exc()
        return Outcome(topic, untested=f"运行出错：{type(error).__name__}: {error}")


def _amount(seconds: float | None, megabytes: bool) -> str:
    if seconds is None:
        return ""
    if megabytes:
        return f"{seconds:.0f} MB"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def _target(figure: Figure, megabytes: bool) -> str:
    parts = []
    if figure.max_ratio is not None:
        parts.append(f"≤ {figure.max_ratio:g}×")
    if figure.max_seconds is not None:
        parts.append(f"≤ {_amount(figure.max_seconds, megabytes)}")
    return "，".join(parts)


def verdict(figure: Figure) -> str:
    return {True: "达标", False: "未达标", None: "—"}[figure.met]


def row(figure: Figure) -> tuple[str, ...]:
    megabytes = figure.group.endswith(MEGABYTES)
    ratio = figure.ratio
    return (
        figure.group,
        figure.name,
        _amount(figure.seconds, megabytes),
        figure.floor_name,
        _amount(figure.floor_seconds, megabytes),
        "" if ratio is None else f"{ratio:.2f}",
        _target(figure, megabytes),
        verdict(figure),
        figure.note,
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def text_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(_width(line[i]) for line in [HEADER, *rows]) for i in range(len(HEADER))]
    return "\n".join(
        "  ".join(
            cell + " " * (width - _width(cell)) for cell, width in zip(line, widths, strict=True)
        ).rstrip()
        for line in [HEADER, *rows]
    )


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "未安装"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "未知"
    return f"{total / 2**30:.1f} GB"


def machine() -> list[str]:
    return [
        f"CPU：{_cpu()}（{os.cpu_count()} 核）",
        f"内存：{_memory()}",
        f"系统：{platform.platform()}",
        f"Python {platform.python_version()}，SQLite {sqlite3.sqlite_version}，"
        f"Qt {qVersion()}（PySide6 {PySide6.__version__}），reportlab {_version('reportlab')}，openpyxl {_version('openpyxl')}",
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report(outcomes: list[Outcome], command: str, matters: int, when: datetime) -> str:
    figures = [figure for outcome in outcomes for figure in outcome.figures]
    counts = {mark: sum(verdict(f) == mark for f in figures) for mark in ("达标", "未达标", "—")}
    untested = [outcome for outcome in outcomes if outcome.untested]
    lines = [
        "# 性能 / Performance",
        "",
        f"由 `{command}` 在下面这台机器上一次运行写出（{when:%Y-%m-%d %H:%M} UTC，信访登记 {matters:,} 件）。"
        "每个数字都与同一次运行里测得的基准（floor）相比；不要手改，再运行一次即更新。",
        "",
        "## 机器",
        "",
        *[f"- {line}" for line in machine()],
        "",
        "## 结果",
        "",
        f"达标 {counts['达标']} 项，未达标 {counts['未达标']} 项，无目标 {counts['—']} 项；未测 {len(untested)} 个模块。"
        "未达标的一行在“说明”里写着测得的原因。",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
        *["| " + " | ".join(_cell(cell) for cell in row(figure)) + " |" for figure in figures],
    ]
    if untested:
        lines += ["", "## 未测", "", *[f"- `bench/{o.topic}.py`：{o.untested}" for o in untested]]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None, topics: Sequence[str] = TOPICS, package: str = "bench") -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _arguments(argv, topics)
    matters = QUICK_MATTERS if args.quick else args.matters
    chosen = [topic for topic in topics if args.only is None or topic in args.only]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    saved = {name: os.environ.get(name) for name in (CACHE_ENV, MATTERS_ENV)}
    with tempfile.TemporaryDirectory(prefix="ziping-bench-") as temporary:
        root = args.work or Path(temporary)
        os.environ[CACHE_ENV] = str(root / "registers")
        os.environ[MATTERS_ENV] = str(matters)
        try:
            outcomes = []
            for topic in chosen:
                print(f"… {topic}", file=sys.stderr, flush=True)
                outcomes.append(run_topic(package, topic, root / topic))
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    print(text_table([row(figure) for outcome in outcomes for figure in outcome.figures]))
    for outcome in outcomes:
        if outcome.untested:
            print(f"未测 {outcome.topic}：{outcome.untested}")
    command = " ".join(["python -m bench", *argv])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report(outcomes, command, matters, datetime.now(UTC)), encoding="utf-8")
    print(f"已写出 {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
