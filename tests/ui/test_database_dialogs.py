"""从备份恢复… lists the backups with time and size; 备份到… a folder; a damaged file is set aside
and the newest good backup restored, with the clerk's consent."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.services.backup import automatic_backup
from desktop.services.department_setup import create_department
from desktop.services.departments import list_departments
from desktop.services.workspace import open_workspace
from desktop.storage.sqlite_errors import DatabaseDamaged
from desktop.ui.database_dialogs import RestoreDialog, offer_recovery
from desktop.ui.main_window import MainWindow


@pytest.fixture
def two_backups(engine, db_path):
    create_department(engine, "遂宁市船山区信访局", province="四川省")
    automatic_backup(db_path, now=lambda: datetime(2024, 1, 31, 17, 45))
    create_department(engine, "遂宁市船山区财政局", province="四川省")
    automatic_backup(db_path, now=lambda: datetime(2024, 2, 1, 9, 0))
    engine.dispose()  # the WAL folded back into the file
    return db_path


def test_the_restore_dialog_lists_the_backups_newest_first_with_time_and_size(
    qtbot, qtmodeltester, two_backups
):
    dialog = RestoreDialog(two_backups)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    rows = [
        [dialog.model.index(row, column).data() for column in range(dialog.model.columnCount())]
        for row in range(dialog.model.rowCount())
    ]
    size = (two_backups.parent / "backups" / "ziping-20240201-090000.sqlite3").stat().st_size
    assert rows[0] == [
        "2024-02-01 09:00:00",
        f"{size / 1024:.0f} KB",
        "备份",
        "ziping-20240201-090000.sqlite3",
    ]
    assert [row[0] for row in rows] == ["2024-02-01 09:00:00", "2024-01-31 17:45:00"]
    dialog.choose_selected()
    assert dialog.chosen == two_backups.parent / "backups" / "ziping-20240201-090000.sqlite3"


def test_backup_to_a_chosen_folder(qtbot, two_backups, tmp_path, monkeypatch):
    stick = tmp_path / "U盘"
    stick.mkdir()
    window = MainWindow(
        open_workspace(two_backups, True),
        open_workspace,
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(window)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(stick))
    window.choose_backup_folder()
    [copy] = stick.iterdir()
    assert copy.name.startswith("ziping-") and copy.suffix == ".sqlite3"
    assert window.statusBar().currentMessage() == f"已备份到 {copy}"


def test_a_damaged_file_is_set_aside_and_the_newest_good_backup_restored(qtbot, two_backups, monkeypatch):
    data = bytearray(two_backups.read_bytes())
    data[4096 * 3 : 4096 * 4] = b"\xa5" * 4096
    two_backups.write_bytes(bytes(data))
    damaged = bytes(data)
    shown = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text, *a: shown.append(text) or QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: shown.append(text))
    with pytest.raises(DatabaseDamaged) as refused:
        open_workspace(two_backups)
    assert offer_recovery(None, refused.value) is True
    assert "最近的完好备份：ziping-20240201-090000.sqlite3（2024-02-01 09:00" in shown[0]
    [kept] = [path for path in two_backups.parent.iterdir() if "损坏" in path.name]
    assert kept.read_bytes() == damaged
    workspace = open_workspace(two_backups)
    assert [d.name for d in list_departments(workspace.engine)] == [
        "遂宁市船山区信访局",
        "遂宁市船山区财政局",
    ]
    workspace.close()
