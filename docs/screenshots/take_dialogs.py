"""Screenshots of two dialogs over the window at 1366 × 768, as the screen shows them: 文件 → 导出 PDF…
(every form of the sample's year, one of them a 草稿) and 编辑 → 单位信息….

Run under a virtual screen of that size, from the checkout:

    xvfb-run -s "-screen 0 1366x768x24" /work/venv/bin/python docs/screenshots/take_dialogs.py docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.services.departments import resolve_department
from desktop.services.sample import build_sample_database
from desktop.services.workspace import open_workspace
from desktop.ui.theme import apply_theme
from desktop.ui.translations import speak_chinese
from docs.screenshots.take import settle, window_on


def make_one_scorecard_a_draft(path: Path) -> None:
    """结果整改 without its 发现问题数: the 部门整体 scorecard (and the pack) become 草稿."""
    workspace = open_workspace(path, False)
    scoring = workspace.services.scoring
    card = scoring.department_scorecard(resolve_department(workspace.engine).id, 2023)
    scoring.set_input(card.scorecard_id, "rectification", "findings", "")
    workspace.close()


def shoot(app: QApplication, out: Path) -> None:
    settle(app)
    app.primaryScreen().grabWindow(0).save(str(out))


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    speak_chinese(app)
    folder = Path(tempfile.mkdtemp(prefix="ziping-shots-"))
    sample = folder / "示例.sqlite3"
    build_sample_database(sample)
    make_one_scorecard_a_draft(sample)
    window = window_on(sample, folder)
    window.move(0, 0)
    titles = [window.tabs.tabText(index) for index in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index("项目绩效"))
    export = window.menus.open_export_pdf()
    export.all_button.click()
    export.folder.setText(str(Path.home() / "Documents"))
    shoot(app, out / "7-导出PDF.png")
    export.reject()
    department = window.menus.open_department()
    shoot(app, out / "8-单位信息.png")
    department.reject()
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
