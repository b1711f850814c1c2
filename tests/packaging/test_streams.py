"""ziping-cli's output in any code page: UTF-8 to pipes and files, no crash on a console."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import cli
from desktop.streams import reconfigure

ROOT = Path(__file__).resolve().parents[2]


class _Console(io.BytesIO):
    def isatty(self) -> bool:
        return True


def cp1252(raw: io.BytesIO) -> io.TextIOWrapper:
    return io.TextIOWrapper(raw, encoding="cp1252", newline="\n")


def _ascii_locale_env() -> dict[str, str]:
    """An environment whose standard streams Python opens in ASCII (no UTF-8 coercion)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "LC_", "LANG"))}
    return env | {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}


def assert_one_chinese_line_naming(text: str, path: Path) -> None:
    """The CLI's refusal of a missing database: one line, Chinese, naming the file."""
    assert text.startswith("ziping-cli: ") and text.endswith(f"{path}\n") and text.count("\n") == 1
    assert "数据库" in text


@pytest.mark.skipif(os.name == "nt", reason="the C locale is a POSIX way to get a non-Chinese stdout")
def test_a_pipe_in_a_non_chinese_locale_gets_utf8_without_pythonioencoding(tmp_path):
    env = _ascii_locale_env()
    plain = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert plain.stdout.strip() in ("ascii", "ANSI_X3.4-1968")  # what the CLI starts from
    done = subprocess.run(
        # an ASCII file name: in the C locale a Chinese one would not even reach Python intact
        [
            sys.executable,
            "-m",
            "desktop.cli",
            "stats",
            "--db",
            str(tmp_path / "missing.sqlite3"),
            "--year",
            "2023",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
    )
    assert done.returncode == 2
    assert_one_chinese_line_naming(done.stderr.decode("utf-8"), tmp_path / "missing.sqlite3")
    helped = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--help"], env=env, cwd=ROOT, capture_output=True
    )
    assert helped.returncode == 0
    assert "自评 Ziping 命令行：不开窗口使用同样的功能。" in helped.stdout.decode("utf-8")


def test_cp1252_stdout_and_stderr_that_are_no_console_get_utf8(monkeypatch, tmp_path):
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    out, err = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", cp1252(out))
    monkeypatch.setattr(sys, "stderr", cp1252(err))
    status = cli.main(["template", "--out", str(tmp_path / "模板.xlsx")])
    missing = cli.main(["stats", "--db", str(tmp_path / "没有.sqlite3"), "--year", "2023"])
    sys.stdout.flush()
    sys.stderr.flush()
    assert (status, missing) == (0, 2)
    assert str(tmp_path / "模板.xlsx") in out.getvalue().decode("utf-8")
    assert_one_chinese_line_naming(err.getvalue().decode("utf-8"), tmp_path / "没有.sqlite3")


def test_a_cp1252_console_shows_escapes_instead_of_failing():
    raw = _Console()
    stream = cp1252(raw)
    reconfigure(stream)
    stream.write("已导出 自评.pdf")
    stream.flush()
    assert raw.getvalue() == b"\\u5df2\\u5bfc\\u51fa \\u81ea\\u8bc4.pdf"


def test_a_console_that_can_show_chinese_is_left_alone():
    stream = io.TextIOWrapper(_Console(), encoding="gbk")
    reconfigure(stream)
    assert (stream.encoding, stream.errors) == ("gbk", "strict")


def test_pythonioencoding_is_the_users_choice(monkeypatch):
    monkeypatch.setenv("PYTHONIOENCODING", "gbk")
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="gbk"))
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    sys.stdout.flush()
    assert "自评 Ziping 命令行" in out.getvalue().decode("gbk")
