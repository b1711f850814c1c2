"""The error log and the command line's answer to a bug: one Chinese line, the traceback in the log."""

from __future__ import annotations

import pytest

from desktop import cli
from desktop.services.error_log import ErrorLog, error_summary, mask_personal_data
from desktop.services.register import RegisterService


def raised(error: Exception) -> Exception:
    try:
        raise error
    except Exception as caught:
        return caught


def test_id_numbers_and_phone_numbers_are_masked_and_other_figures_kept():
    text = (
        "证件 51090319800101123X 与 510903198001011234；手机13800001234，座机 0825-2222333；"
        "项目 51090322T000000344324，金额 2354000 分，2023-01-31"
    )
    assert mask_personal_data(text) == (
        "证件 510903********123X 与 510903********1234；手机138****1234，座机 082*****2333；"
        "项目 51090322T000000344324，金额 2354000 分，2023-01-31"
    )


def test_the_summary_is_one_masked_line():
    error = ValueError("第一行 13800001234\n[SQL: INSERT ...]")
    assert error_summary(error) == "ValueError: 第一行 138****1234"
    assert error_summary(RuntimeError()) == "RuntimeError"


def test_the_log_keeps_the_traceback_masked_and_appends(tmp_path):
    log = ErrorLog(tmp_path / "日志" / "ziping.log")
    log.write(raised(KeyError("510903198001011234")), "窗口")
    log.write(raised(ZeroDivisionError("division by zero")), "命令 score")
    text = log.path.read_text(encoding="utf-8")
    assert text.count("==== ") == 2
    assert "窗口\nTraceback (most recent call last):" in text
    assert "KeyError: '510903********1234'" in text and "510903198001011234" not in text
    assert "命令 score\nTraceback" in text and "ZeroDivisionError: division by zero" in text


def test_a_log_past_its_size_is_moved_aside(tmp_path):
    log = ErrorLog(tmp_path / "ziping.log")
    log.path.write_text("x" * 1_000_001, encoding="utf-8")
    log.write(raised(RuntimeError("新的")), "窗口")
    assert (tmp_path / "ziping.log.1").stat().st_size == 1_000_001
    assert "RuntimeError: 新的" in log.path.read_text(encoding="utf-8")


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "Ziping"


def test_a_bug_in_a_command_is_one_line_naming_the_log_and_exit_1(
    engine, db_path, data_folder, monkeypatch, capsys
):
    from desktop.services.department_setup import create_department

    create_department(engine, "遂宁市船山区信访局", province="四川省")

    def broken(*args, **kwargs):
        raise ZeroDivisionError("举报人电话 13800001234 的比例无法计算")

    monkeypatch.setattr(RegisterService, "statistics", broken)
    status = cli.main(["stats", "--db", str(db_path), "--year", "2023"])
    log = data_folder / "ziping.log"
    assert status == 1
    assert capsys.readouterr().err == (
        f"ziping-cli: 出现未预料的错误（ZeroDivisionError: 举报人电话 138****1234 的比例无法计算），"
        f"详细记录见日志文件 {log}\n"
    )
    text = log.read_text(encoding="utf-8")
    assert "命令 stats\nTraceback (most recent call last):" in text
    assert "in _run_stats" in text and "13800001234" not in text


def test_a_log_that_cannot_be_written_is_named_too(engine, db_path, data_folder, monkeypatch, capsys):
    from desktop.services.department_setup import create_department

    create_department(engine, "遂宁市船山区信访局", province="四川省")
    data_folder.parent.mkdir(parents=True)
    data_folder.write_text("不是文件夹", encoding="utf-8")

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(RegisterService, "statistics", broken)
    assert cli.main(["stats", "--db", str(db_path), "--year", "2023"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ziping-cli: 出现未预料的错误（ZeroDivisionError: division by zero），日志文件 ")
    assert err.count("\n") == 1 and "无法写入" in err
