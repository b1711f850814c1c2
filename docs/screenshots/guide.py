"""The screenshots of the user guide (resources/guide/*.png), taken from the real window on the
sample at 1366 × 768, then scaled to the guide's width and reduced to 256 colours (each ≤ 150 KB).

Run under a virtual screen of that size, from the checkout:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/guide.py resources/guide
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget

from desktop.services.sample import build_sample_database
from desktop.ui.database_dialogs import RestoreDialog
from desktop.ui.garbage import MainThreadGarbageCollector
from desktop.ui.theme import apply_theme
from desktop.ui.translations import speak_chinese

sys.path.insert(0, str(Path(__file__).resolve().parent))
from take import add_late_matters, settle, wait_for, window_on  # noqa: E402 (take.py beside this file)

WIDTH = 960  # the guide's picture width; dialogs narrower than it keep their size
LIMIT = 150 * 1024


def save(pixmap: QPixmap, out: Path) -> None:
    """``pixmap`` scaled to the guide's width at most and reduced to 256 colours, as PNG."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    if image.width > WIDTH:
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.Resampling.LANCZOS)
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, optimize=True)
    if out.stat().st_size > LIMIT:
        raise SystemExit(f"{out} 有 {out.stat().st_size // 1024} KB，超过 150 KB")


def grab_dialog(app: QApplication, start, out: Path) -> None:
    """Run ``start()`` (which opens a modal dialog and may block in it), grab the dialog, close it."""
    grabbed: list[QWidget] = []

    def capture() -> None:
        dialog = app.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(100, capture)
            return
        if dialog.windowTitle().startswith("打印预览"):  # it opens small; the guide shows its page larger
            dialog.resize(WIDTH, 680)
        settle(app)
        save(dialog.grab(), out)
        grabbed.append(dialog)
        dialog.reject()

    QTimer.singleShot(100, capture)
    start()
    while not grabbed:
        app.processEvents()
        time.sleep(0.02)


def tab(window, title: str):
    titles = [window.tabs.tabText(index) for index in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index(title))
    return window.tabs.currentWidget()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    speak_chinese(app)  # 确定 / 取消, as the program shows them
    apply_theme(app)
    MainThreadGarbageCollector(app)  # as the program does: no collection in the PDF's worker thread
    folder = Path(tempfile.mkdtemp(prefix="ziping-guide-"))
    welcome = window_on(folder / "我的单位.sqlite3", folder)
    welcome.welcome.name.setText("咸宁市通山县文化和旅游局")
    welcome.welcome.province.setCurrentText("湖北省")
    settle(app)
    save(welcome.grab(), out / "01-welcome.png")
    welcome.close()

    sample = folder / "示例.sqlite3"
    build_sample_database(sample)
    add_late_matters(sample)
    window = window_on(sample, folder)
    settle(app)
    save(window.menus.open_department().grab(), out / "02-department.png")
    for dialog in window.findChildren(QDialog):
        dialog.reject()

    register = tab(window, "信访登记")
    wait_for(app, register)
    save(window.grab(), out / "03-register.png")
    form = register.add_matter()
    settle(app)
    save(form.grab(), out / "04-matter.png")
    form.reject()
    register.status.setCurrentText("超期办结")
    wait_for(app, register)
    model = register.table.model()
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    register.table.scrollTo(model.index(0, headers.index("满意度")))  # the 状态 column with its marks
    register.findChild(QTabWidget).setCurrentWidget(register.statistics)
    settle(app)
    save(window.grab(), out / "05-overdue.png")
    register.status.setCurrentIndex(0)
    wait_for(app, register)

    tab(window, "预算决算")
    settle(app)
    save(window.grab(), out / "06-budget.png")

    projects = tab(window, "项目绩效")
    projects.project_view.selectRow(1)
    settle(app)
    projects._scroll.ensureWidgetVisible(projects.indicator_view)
    settle(app)
    save(window.grab(), out / "07-projects.png")

    tab(window, "评价打分")
    settle(app)
    save(window.grab(), out / "08-scorecards.png")

    tab(window, "项目绩效")
    settle(app)
    file_menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "文件(&F)")
    file_menu.aboutToShow.emit()
    preview = next(action for action in file_menu.actions() if action.text() == "打印预览…")
    grab_dialog(app, preview.trigger, out / "09-print-preview.png")

    backup = next(action for action in file_menu.actions() if action.text() == "备份")
    backup.trigger()
    time.sleep(1.1)  # a second backup with its own time
    backup.trigger()
    grab_dialog(app, lambda: RestoreDialog(window.workspace.path, window).exec(), out / "10-restore.png")
    window.close()
    for picture in sorted(out.glob("*.png")):
        with Image.open(picture) as image:
            print(f"{picture.name}: {image.width}×{image.height}, {picture.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
