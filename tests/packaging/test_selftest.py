"""``ziping-cli selftest`` / ``ziping --selftest``: one line per step, exit 0, or 1 naming the step."""

from __future__ import annotations

import io

from desktop import app, cli, selftest

STEP_NAMES = [
    "生成示例数据库",
    "评分",
    "导出并读回年度材料 PDF",
    "导出并读回 Excel",
    "导出并核对决算说明 Word",
    "判断写临时文件的进程是否在运行",
    "打开使用说明",
    "打开并关闭主窗口",
]


def test_the_cli_selftest_passes_every_step_with_one_line_each(qapp, capsys):
    assert cli.main(["selftest"]) == 0
    lines = capsys.readouterr().out.splitlines()
    steps = len(STEP_NAMES)
    assert len(lines) == steps + 1
    for number, (line, name) in enumerate(zip(lines, STEP_NAMES, strict=False), start=1):
        assert line.startswith(f"[{number}/{steps}] {name}：通过（")
    assert "7 个项目已评分" in lines[1]
    assert "决算说明.docx，读回核对 " in lines[4]
    assert lines[5].endswith("本进程：运行中；已结束的子进程：已结束")
    assert lines[6].endswith("9 节，10 张截图全部显示")
    assert lines[steps].startswith(f"自检通过：{steps} 项，用时 ")


def test_a_failing_step_is_named_and_the_status_is_1(qapp, monkeypatch, capsys):
    def broken_export(run):
        raise OSError("磁盘已满")

    steps = [(name, broken_export if name == "导出并读回 Excel" else step) for name, step in selftest.STEPS]
    monkeypatch.setattr(selftest, "STEPS", steps)
    out = io.StringIO()
    assert selftest.run_selftest(out) == 1
    lines = out.getvalue().splitlines()
    assert [line.split("：")[1][:2] for line in lines[:4]] == ["通过", "通过", "通过", "失败"]
    assert lines[3] == f"[4/{len(STEP_NAMES)}] 导出并读回 Excel：失败 — OSError: 磁盘已满"
    assert lines[4:] == ["自检失败：导出并读回 Excel"]
    assert "OSError: 磁盘已满" in capsys.readouterr().err  # the traceback, for the log


def test_the_window_program_runs_the_selftest_without_opening_a_window(qapp, monkeypatch):
    ran = []
    monkeypatch.setattr(selftest, "run_selftest", lambda: ran.append(True) or 0)
    assert app.main(["--selftest"]) == 0
    assert ran == [True]
