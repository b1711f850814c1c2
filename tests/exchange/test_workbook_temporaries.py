"""openpyxl's temporary sheet files lie beside the workbook being written, never in the system temp folder."""

from __future__ import annotations

import gc
import tempfile

import pytest

from desktop.exchange.sheets import INCOME
from desktop.exchange.writer import write_workbook


@pytest.fixture
def no_system_temp(tmp_path, monkeypatch):
    """A system temp folder that does not exist: anything written there fails loudly."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-temp-folder"))


def test_the_sheets_are_written_beside_the_target_and_removed(tmp_path, no_system_temp):
    out = tmp_path / "out" / "收入.xlsx"
    out.parent.mkdir()
    seen = []

    def rows():
        seen.extend(path.name for path in out.parent.iterdir())  # while openpyxl writes the sheet
        yield (2023, "财政拨款收入", "2010308", "", None, None, None, None)

    write_workbook(out, [(INCOME, rows())])

    assert any(name.startswith(".收入.") and ".sheet-" in name for name in seen)
    assert [path.name for path in out.parent.iterdir()] == ["收入.xlsx"]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # openpyxl's abandoned writer
def test_a_failed_write_leaves_no_temporary_file(tmp_path, no_system_temp):
    out = tmp_path / "收入.xlsx"

    def rows():
        yield (2023, "财政拨款收入", "2010308", "", None, None, None, None)
        raise OSError("磁盘已满")

    with pytest.raises(OSError, match="磁盘已满"):
        write_workbook(out, [(INCOME, rows())])
    gc.collect()  # openpyxl's abandoned sheet writer is closed now, inside the test

    assert list(tmp_path.iterdir()) == []
