"""Screenshots of the window at 1366 × 768: the welcome page and each tab on the sample.

Run under a virtual screen of that size, from the checkout:

    xvfb-run -s "-screen 0 1366x768x24" /work/venv/bin/python docs/screenshots/take.py docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.services.sample import build_sample_database
from desktop.services.workspace import open_workspace
from desktop.ui.main_window import MainWindow
from desktop.ui.theme import apply_theme

SIZE = (1366, 768)


def settle(app: QApplication) -> None:
    for _ in range(30):
        app.processEvents()


def window_on(path: Path, folder: Path) -> MainWindow:
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(path, True), open_workspace, settings)
    window.resize(*SIZE)
    window.show()
    return window


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    folder = Path(tempfile.mkdtemp(prefix="ziping-shots-"))
    welcome = window_on(folder / "空白.sqlite3", folder)
    settle(app)
    welcome.grab().save(str(out / "0-欢迎.png"))
    welcome.close()
    sample = folder / "示例.sqlite3"
    build_sample_database(sample)
    window = window_on(sample, folder)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(app)
        window.grab().save(str(out / f"{index + 1}-{window.tabs.tabText(index)}.png"))
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
