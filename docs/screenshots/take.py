"""Screenshots of the window at 1366 × 768: the welcome page, each tab on the sample (and the 预算决算
tab's 决算总表), and the register with three matters closed late (超期办结) added to it, filtered to
them, and that list's 打印预览.

Run under a virtual screen of that size, from the checkout:

    xvfb-run -s "-screen 0 1366x768x24" /work/venv/bin/python docs/screenshots/take.py docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QTabWidget

from desktop.domain.petitions import Matter
from desktop.services.departments import resolve_department
from desktop.services.sample import build_sample_database
from desktop.services.workspace import open_workspace
from desktop.ui.garbage import MainThreadGarbageCollector
from desktop.ui.main_window import MainWindow
from desktop.ui.theme import apply_theme

SIZE = (1366, 768)


def settle(app: QApplication) -> None:
    for _ in range(30):
        app.processEvents()


def id_number(body: str) -> str:
    """``body`` (17 digits) with its GB 11643 check digit."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return (
        body
        + "10X98765432"[sum(int(digit) * weight for digit, weight in zip(body, weights, strict=True)) % 11]
    )


def add_late_matters(path: Path) -> None:
    """Three 2023 matters closed after their 办结期限 (60 days after 受理), numbered as the clerk's next."""
    workspace = open_workspace(path, False)
    register, department_id = workspace.services.register, resolve_department(workspace.engine).id
    for serial, (registered, accepted, closed, name, summary) in enumerate(
        (
            (date(2023, 3, 6), date(2023, 3, 8), date(2023, 5, 19), "赵建国", "反映小区路灯长期不亮"),
            (date(2023, 4, 3), date(2023, 4, 25), date(2023, 7, 10), "钱丽华", "咨询低保复审进度"),
            (date(2023, 9, 11), date(2023, 9, 12), date(2023, 11, 20), "孙德明", "反映征地补偿款未到位"),
        ),
        start=1,
    ):
        number = register.next_number(department_id, 2023)
        register.save(
            department_id,
            Matter(number, registered, "来信", accepted_on=accepted, closed_on=closed,
                   petitioner_name=name, summary=summary, locality="凯旋路街道",
                   id_number=id_number(f"51090319700101{serial:03d}"), phone=f"1390825{serial:04d}"),
        )  # fmt: skip
    workspace.close()


def wait_for(app: QApplication, tab) -> None:
    while tab.busy:
        app.processEvents()
    settle(app)


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
    MainThreadGarbageCollector(app)  # as the program does: PDFs are written in background threads
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
    window.tabs.setCurrentIndex(0)
    overview = window.tabs.currentWidget()
    while overview.checking:
        app.processEvents()
    overview.pages.setCurrentWidget(overview.charts)
    settle(app)
    window.grab().save(str(out / "1-总览-决算图表.png"))
    budget = window.tabs.widget(
        [window.tabs.tabText(i) for i in range(window.tabs.count())].index("预算决算")
    )
    window.tabs.setCurrentWidget(budget)
    budget.pages.setCurrentIndex(budget.pages.count() - 1)  # 决算总表, computed from the lines
    settle(app)
    window.grab().save(str(out / "3-预算决算-决算总表.png"))
    window.close()
    add_late_matters(sample)
    window = window_on(sample, folder)
    titles = [window.tabs.tabText(index) for index in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index("信访登记"))
    register = window.tabs.currentWidget()
    register.status.setCurrentText("超期办结")
    wait_for(app, register)
    model = register.table.model()
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    register.table.scrollTo(model.index(0, headers.index("满意度")))  # the 状态 column with its marks
    register.findChild(QTabWidget).setCurrentWidget(register.statistics)
    settle(app)
    window.grab().save(str(out / "6-信访登记-超期办结.png"))
    shoot_preview(app, register, out / "7-信访登记-打印预览.png")
    window.close()


def shoot_preview(app: QApplication, register, path: Path) -> None:
    """打印列表's 打印预览 of the list the tab shows, the dialog at the screen's size."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintPreviewDialog):
            return
        timer.stop()
        dialog.setGeometry(0, 0, *SIZE)
        settle(app)
        dialog.grab().save(str(path))
        dialog.reject()

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(100)
    loop = QEventLoop()
    register.printing.preview_list().done.connect(loop.quit)
    loop.exec()  # not a loop of processEvents: millions of calls while the PDF is written crash PySide6


if __name__ == "__main__":
    main(Path(sys.argv[1]))
