"""``python -m bench``: the table it writes from the topic modules' figures, and ``Figure.met``."""

from __future__ import annotations

import sys
import textwrap

import pytest
from sqlalchemy import text

from bench.__main__ import main
from bench.figures import Figure
from bench.register_data import build

FAKE_TOPIC = """
import os

from bench.figures import Figure


def measure(work):
    (work / "used.txt").write_text("x")
    return [
        Figure("信访登记 1M", "第一页", 0.03, "纯 SQL", 0.02, max_ratio=2, max_seconds=0.1),
        Figure("启动", "首次绘制", 0.9, "裸窗口", 0.5, max_ratio=1.2, note="导入 sqlalchemy 0.3 秒 | 在绘制前"),
        Figure("启动", "导入 openpyxl", 2.5),
        Figure("峰值内存（MB）", "窗口", 245, "裸窗口", 60, max_seconds=300),
        Figure("运行", "件数", 1, note=os.environ["ZIPING_BENCH_MATTERS"]),
    ]
"""


@pytest.fixture
def fake_bench(tmp_path, monkeypatch):
    package = tmp_path / "fakebench"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "alpha.py").write_text(textwrap.dedent(FAKE_TOPIC), encoding="utf-8")
    (package / "broken.py").write_text("def measure(work):\n    raise RuntimeError('没有数据')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in [name for name in sys.modules if name.split(".")[0] == "fakebench"]:
        del sys.modules[name]


def table_rows(text: str) -> list[list[str]]:
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]


def test_the_quick_run_writes_each_figure_with_its_ratio_target_and_verdict(fake_bench, capsys):
    out = fake_bench / "performance.md"
    work = fake_bench / "work"
    code = main(
        ["--quick", "--work", str(work), "--out", str(out)],
        topics=("alpha", "gone", "broken"),
        package="fakebench",
    )
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert table_rows(text) == [
        ["组", "项目", "测得", "基准", "基准测得", "比值", "目标", "达标", "说明"],
        ["信访登记 1M", "第一页", "30.0 ms", "纯 SQL", "20.0 ms", "1.50", "≤ 2×，≤ 100.0 ms", "达标", ""],
        ["启动", "首次绘制", "900.0 ms", "裸窗口", "500.0 ms", "1.80", "≤ 1.2×", "未达标",
         "导入 sqlalchemy 0.3 秒 \\| 在绘制前"],
        ["启动", "导入 openpyxl", "2.50 s", "", "", "", "", "—", ""],
        ["峰值内存（MB）", "窗口", "245 MB", "裸窗口", "60 MB", "4.08", "≤ 300 MB", "达标", ""],
        ["运行", "件数", "1.00 s", "", "", "", "", "—", "10000"],
    ]  # fmt: skip
    assert "达标 2 项，未达标 1 项，无目标 2 项；未测 2 个模块。" in text
    assert "- `bench/gone.py`：模块不存在" in text
    assert "- `bench/broken.py`：运行出错：RuntimeError: 没有数据" in text
    assert "`python -m bench --quick --work" in text
    assert "信访登记 10,000 件" in text
    assert "## 机器" in text and "SQLite " in text and "openpyxl " in text
    assert (work / "alpha" / "used.txt").exists()
    printed = capsys.readouterr().out
    assert "未测 gone：模块不存在" in printed
    assert "1.80" in printed and "未达标" in printed


def test_only_runs_the_topics_named(fake_bench):
    out = fake_bench / "performance.md"
    main(["--only", "gone", "--out", str(out)], topics=("alpha", "gone"), package="fakebench")
    text = out.read_text(encoding="utf-8")
    assert table_rows(text) == [["组", "项目", "测得", "基准", "基准测得", "比值", "目标", "达标", "说明"]]
    assert "达标 0 项，未达标 0 项，无目标 0 项；未测 1 个模块。" in text
    assert "信访登记 1,000,000 件" in text


@pytest.mark.parametrize(
    ("figure", "met"),
    [
        (Figure("g", "n", 0.2, "f", 0.1, max_ratio=2), True),  # exactly at the ratio
        (Figure("g", "n", 0.21, "f", 0.1, max_ratio=2), False),
        (Figure("g", "n", 0.05, "f", 0.01, max_ratio=2, max_seconds=0.1), False),  # fast, but 5× its floor
        (Figure("g", "n", 0.15, "f", 0.1, max_ratio=2, max_seconds=0.1), False),  # near its floor, slow
        (Figure("g", "n", 0.08, "f", 0.05, max_ratio=2, max_seconds=0.1), True),
        (Figure("g", "n", 0.3, max_seconds=0.3), True),
        (Figure("g", "n", 0.3, max_ratio=2), None),  # a ratio target without a floor measured
        (Figure("g", "n", 0.3, "f", 0.1), None),
    ],
)
def test_a_figure_meets_every_target_it_has(figure, met):
    assert figure.met is met


def test_the_register_is_built_once_per_count_with_2023_the_heaviest_year(tmp_path, monkeypatch):
    monkeypatch.setenv("ZIPING_BENCH_CACHE", str(tmp_path / "cache"))
    engine, department_id = build(tmp_path / "a" / "register.sqlite3", 3000)
    with engine.connect() as connection:
        years = dict(
            connection.execute(
                text("SELECT substr(registered_on, 1, 4), count(*) FROM petition GROUP BY 1")
            ).all()
        )
        visiting = connection.execute(
            text(
                "SELECT count(*) FROM petition p WHERE p.channel = '来访' AND EXISTS "
                "(SELECT 1 FROM visit v WHERE v.petition_id = p.id AND v.level = '到区')"
            )
        ).scalar_one()
        walk_ins = connection.execute(
            text("SELECT count(*) FROM petition WHERE channel = '来访'")
        ).scalar_one()
        reviews, rechecks = connection.execute(
            text("SELECT count(review_requested_on), count(recheck_requested_on) FROM petition")
        ).one()
    engine.dispose()
    assert sorted(years) == ["2022", "2023", "2024"] and sum(years.values()) == 3000
    assert years["2023"] > years["2022"] + years["2024"]
    assert visiting == walk_ins > 0
    assert reviews > rechecks > 0
    again, same_department = build(tmp_path / "b" / "register.sqlite3", 3000)
    again.dispose()
    assert same_department == department_id
    assert (tmp_path / "b" / "register.sqlite3").stat().st_ino == (
        tmp_path / "cache" / "register-3000.sqlite3"
    ).stat().st_ino
