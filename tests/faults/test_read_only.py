"""Read-only files and folders (issue 10 Build 5): import (also ``--dry-run``), export-xlsx,
export-pdf, template, backup and restore each end in one Chinese line naming the file, exit 2,
nothing half-written and the database unchanged.

The tests run as root here and in CI, and root writes regardless of permissions, so a file or
folder is made read-only with ``chattr +i`` (which binds root too); as another user a plain
``chmod a-w`` does it. Where neither is possible the tests are skipped, saying why.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from desktop.cli import main as cli
from desktop.storage.database import check_file


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    path = folder / "ziping.sqlite3"
    assert cli(["demo", "--db", str(path)]) == 0
    workbook = folder / "年度.xlsx"
    assert cli(["export-xlsx", "--db", str(path), "--year", "2023", "--out", str(workbook)]) == 0
    return path, workbook


@pytest.fixture
def read_only():
    """Make paths read-only for this process (root included) until the test ends."""
    made: list[Path] = []

    def make(*paths: Path) -> None:
        for path in paths:
            if os.geteuid() != 0:
                path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
            else:
                result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
                if result.returncode != 0:
                    pytest.skip(
                        f"chattr +i 在这里不可用（{result.stderr.strip()}），而 root 不受文件权限限制"
                    )
            made.append(path)

    yield make
    for path in reversed(made):
        if os.geteuid() != 0:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
        else:
            subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.fixture
def database(sample, tmp_path):
    """A copy of the sample in a folder of its own, and the workbook to import."""
    folder = tmp_path / "数据"
    folder.mkdir()
    path = folder / "ziping.sqlite3"
    shutil.copyfile(sample[0], path)
    return path, sample[1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err, captured.err
    return captured.err.removeprefix("ziping-cli: ").removesuffix("\n")


def listing(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


def nothing_half_written(db: Path, before: set[str]) -> None:
    """Every file that appeared beside ``db`` is a whole, checked backup, or SQLite's empty WAL
    and its index (a read-only database file is opened read-only, so nothing is logged)."""
    for name in listing(db.parent) - before:
        path = db.parent / name
        if path.name == db.name + "-wal":
            assert path.stat().st_size == 0
        elif path.name != db.name + "-shm" and path.is_file():
            assert path.parent.name == "backups", name
            check_file(path, thorough=True)


def commands(db: Path, workbook: Path, elsewhere: Path) -> dict[str, list[str]]:
    """Each command on ``db``, its outputs (where it has one) in ``elsewhere``."""
    common = ["--db", str(db)]
    return {
        "import": ["import-xlsx", *common, str(workbook)],
        "import --dry-run": ["import-xlsx", *common, "--dry-run", str(workbook)],
        "export-xlsx": ["export-xlsx", *common, "--year", "2023", "--out", str(elsewhere / "导出.xlsx")],
        "export-pdf": [
            "export-pdf",
            *common,
            "--year",
            "2023",
            "--form",
            "pack",
            "--draft",
            "--out",
            str(elsewhere / "导出.pdf"),
        ],  # fmt: skip
        "backup": ["backup", *common],
        "restore": ["restore", *common, "--from", str(elsewhere / "备份.sqlite3")],
    }


@pytest.mark.parametrize("command", ["import", "import --dry-run", "restore"])
def test_a_read_only_database_file_is_one_line_and_unchanged(database, read_only, capsys, tmp_path, command):
    db, workbook = database
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    shutil.copyfile(db, elsewhere / "备份.sqlite3")
    before, files = digest(db), listing(db.parent)
    read_only(db)
    assert cli(commands(db, workbook, elsewhere)[command]) == 2
    message = one_line(capsys)
    if command == "restore":  # refused before the current file is copied aside
        assert message == f"无法写入 {db}：文件或所在文件夹是只读的，或没有写入权限"
        assert not (db.parent / "backups").exists()
    else:
        assert message == f"{db} 是只读的（文件或所在文件夹没有写入权限），无法写入"
    assert digest(db) == before
    nothing_half_written(db, files)


@pytest.mark.parametrize(
    "command", ["import", "import --dry-run", "export-xlsx", "export-pdf", "backup", "restore"]
)
def test_a_database_in_a_read_only_folder_is_one_line_and_unchanged(
    database, read_only, capsys, tmp_path, command
):
    db, workbook = database
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    shutil.copyfile(db, elsewhere / "备份.sqlite3")
    before, files, outputs = digest(db), listing(db.parent), listing(elsewhere)
    read_only(db.parent)
    assert cli(commands(db, workbook, elsewhere)[command]) == 2
    if command == "restore":
        assert one_line(capsys) == f"无法写入 {db}：文件或所在文件夹是只读的，或没有写入权限"
    else:
        assert one_line(capsys) == f"无法打开 {db}：文件或所在文件夹“{db.parent}”是只读的，或没有写入权限"
    assert digest(db) == before
    assert listing(db.parent) == files and listing(elsewhere) == outputs


@pytest.mark.parametrize("command", ["export-xlsx", "export-pdf", "template", "backup --to"])
def test_an_output_into_a_read_only_folder_is_one_line_and_leaves_it_empty(
    database, read_only, capsys, tmp_path, command
):
    db, _workbook = database
    folder = tmp_path / "只读"
    folder.mkdir()
    out = folder / ("导出.pdf" if command == "export-pdf" else "导出.xlsx")
    arguments = {
        "export-xlsx": ["export-xlsx", "--db", str(db), "--year", "2023", "--out", str(out)],
        "export-pdf": [
            "export-pdf",
            "--db",
            str(db),
            "--year",
            "2023",
            "--form",
            "pack",
            "--draft",
            "--out",
            str(out),
        ],  # fmt: skip
        "template": ["template", "--out", str(out)],
        "backup --to": ["backup", "--db", str(db), "--to", str(folder)],
    }[command]
    before = digest(db)
    read_only(folder)
    assert cli(arguments) == 2
    message = one_line(capsys)
    if command == "backup --to":
        assert message.startswith(f"无法打开 {folder}{os.sep}ziping-")
        assert message.endswith(f".sqlite3：文件或所在文件夹“{folder}”是只读的，或没有写入权限")
    else:
        assert message == f"无法写入 {out}：文件或所在文件夹是只读的，或没有写入权限"
    assert list(folder.iterdir()) == []
    assert digest(db) == before


@pytest.mark.parametrize("command", ["export-xlsx", "template"])
def test_a_read_only_file_at_the_output_keeps_its_bytes(database, read_only, capsys, tmp_path, command):
    db, _workbook = database
    out = tmp_path / "旧的.xlsx"
    out.write_bytes(b"old workbook")
    arguments = (
        ["export-xlsx", "--db", str(db), "--year", "2023", "--out", str(out)]
        if command == "export-xlsx"
        else ["template", "--out", str(out)]
    )
    read_only(out)
    assert cli(arguments) == 2
    assert one_line(capsys).startswith(
        f"无法覆盖“{out}”：文件可能正在被其他程序（如 PDF 阅读器）打开或为只读"
    )
    assert out.read_bytes() == b"old workbook"
    assert {path.name for path in tmp_path.iterdir()} == {"旧的.xlsx", "数据"}  # no temporary file left


def test_a_save_in_the_window_on_a_read_only_database_file_says_so_and_keeps_the_input(
    qtbot, database, read_only, tmp_path
):
    from PySide6.QtCore import QSettings

    from desktop.services.workspace import open_workspace
    from desktop.ui.main_window import MainWindow

    db, _workbook = database
    before = digest(db)
    read_only(db)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(db), open_workspace, settings)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(1)
    register = window.tabs.widget(1)
    qtbot.waitUntil(lambda: not register.busy and register.table.model().rowCount() == 782, timeout=30000)
    form = register.add_matter()
    form.registered_on.setText("2023-06-01")
    form.petitioner_name.setText("钱七")
    number = form.number.text()
    form.buttons.accepted.emit()
    assert form.error.text() == f"{db} 是只读的（文件或所在文件夹没有写入权限），无法写入"
    assert form.isVisible() and (form.number.text(), form.petitioner_name.text()) == (number, "钱七")
    form.reject()
    window.close()
    assert digest(db) == before
