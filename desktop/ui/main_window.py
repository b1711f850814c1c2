"""The main window: the clerk's tabs under one department and year, the menus, backups.

It is handed the open ``Workspace`` and a function that opens another one (both from the
composition root, ``desktop/app.py``); it never builds services itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from desktop.domain.checks import Finding
from desktop.domain.places import Place, locate
from desktop.errors import UserInputError
from desktop.services.backup import backup_database, last_backup_time, restore_database
from desktop.services.changes import DEPARTMENT, Change
from desktop.services.department_setup import create_department, fiscal_years
from desktop.services.departments import list_departments
from desktop.services.instance_lock import DatabaseInUse
from desktop.services.workspace import Workspace
from desktop.storage.sqlite_errors import DatabaseDamaged, DatabaseError
from desktop.ui.about import AboutDialog
from desktop.ui.background import settle
from desktop.ui.budget_tab import BudgetTab
from desktop.ui.cell_tooltips import show_full_text
from desktop.ui.change_relay import ChangeRelay
from desktop.ui.context import WorkContext
from desktop.ui.database_dialogs import DATABASE_FILTER, RestoreDialog, ask_read_only, offer_recovery
from desktop.ui.messages import show_error
from desktop.ui.overview_tab import OverviewTab
from desktop.ui.projects_tab import ProjectsTab
from desktop.ui.read_only import make_read_only
from desktop.ui.register_tab import RegisterTab
from desktop.ui.scorecard_tab import ScorecardTab
from desktop.ui.welcome import WelcomePage
from desktop.ui.window_menus import WindowMenus
from desktop.ui.work_toolbar import WorkToolbar


class OpenWorkspace(Protocol):
    """Opens (``create``: makes) the database at ``path``; ``read_only`` when another window holds it."""

    def __call__(self, path: Path, create: bool, *, read_only: bool = False) -> Workspace: ...


# (title, key used by a check finding's place["tab"], class); 总览 first.
TAB_TYPES: tuple[tuple[str, str, type[QWidget]], ...] = (
    ("总览", "overview", OverviewTab),
    ("信访登记", "register", RegisterTab),
    ("预算决算", "budget", BudgetTab),
    ("项目绩效", "projects", ProjectsTab),
    ("评价打分", "scorecard", ScorecardTab),
)


def search_target(tab: QWidget | None) -> Callable[[str], None] | None:
    """Where the toolbar's search text goes: the tab's ``find_text(text)``, or the text of its own
    search box (a ``QLineEdit`` named ``search``); None when the tab cannot search."""
    finder = getattr(tab, "find_text", None)
    if callable(finder):
        return finder
    box = getattr(tab, "search", None)
    return box.setText if isinstance(box, QLineEdit) else None


class MainWindow(QMainWindow):
    def __init__(
        self, workspace: Workspace, open_workspace: OpenWorkspace, settings: QSettings, parent=None
    ) -> None:
        super().__init__(parent)
        self.open_workspace, self.settings = open_workspace, settings
        self.workspace: Workspace | None = None
        self.context = WorkContext(parent=self)
        self.undo_stack = QUndoStack(self)
        self.changes = ChangeRelay(self)
        self.changes.changed.connect(self._refresh_tabs)
        self.tabs = QTabWidget(objectName="tabs")
        self.tabs.setDocumentMode(True)
        self.welcome = WelcomePage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.tabs)
        self.setCentralWidget(self.pages)
        self.toolbar = WorkToolbar(self)
        self.addToolBar(self.toolbar)
        self.menus = WindowMenus(self)
        self.database_label = QLabel(objectName="database")
        self.backup_label = QLabel(objectName="last_backup")
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.backup_label)
        self.welcome.create_requested.connect(self.create_department)
        self.welcome.sample_requested.connect(self.choose_sample_file)
        self.toolbar.search_changed.connect(self._search)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.resize(1366, 768)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.show_workspace(workspace)

    # The open database -----------------------------------------------------------------

    def show_workspace(self, workspace: Workspace, department_id: int | None = None, year: int | None = None):
        """Show ``workspace`` (closing the previous one): the tabs, or the welcome page if it has no
        department yet."""
        if self.workspace is not None and self.workspace is not workspace:
            settle(self)
            self.workspace.close()
        self.workspace = workspace
        self.changes.watch(workspace.services.changes)
        self.undo_stack.clear()
        departments = list_departments(workspace.engine)
        if department_id is None and departments:
            department_id = departments[0].id
        if year is None and department_id is not None:
            year = next(iter(fiscal_years(workspace.engine, department_id)), date.today().year)
        self._replace_tabs(department_id, year)
        self.toolbar.bind(self.context, departments)
        self.pages.setCurrentWidget(self.tabs if departments else self.welcome)
        self.welcome.setEnabled(not workspace.read_only)
        self._show_title()
        self.database_label.setText(
            f"数据库：{workspace.path}"
            + (
                "（只读：另一个 Ziping 窗口正在使用它，这里只能查看、打印和导出）"
                if workspace.read_only
                else ""
            )
        )
        self._show_last_backup()
        self._tab_changed()

    def select_department(self, department_id: int | None) -> None:
        """Show another 单位 of the open database (one just added; the first when ``department_id``
        is None or gone), keeping the year and the undo steps."""
        departments = list_departments(self.workspace.engine)
        if department_id not in {department.id for department in departments}:
            department_id = departments[0].id
        if self.context.department_id is None:  # the welcome page: no tabs yet
            self.show_workspace(self.workspace, department_id, self.toolbar.year.value())
            return
        self.context.select(department_id, self.context.year)
        self.toolbar.bind(self.context, departments)

    def _show_title(self) -> None:
        """The title names the 单位 shown and the database file."""
        names = {department.id: department.name for department in list_departments(self.workspace.engine)}
        name = names.get(self.context.department_id)
        read_only = "（只读）" if self.workspace.read_only else ""
        self.setWindowTitle(
            f"自评 Ziping — {name} — {self.workspace.path}{read_only}"
            if name
            else f"自评 Ziping — {self.workspace.path}{read_only}"
        )

    def reload(self) -> None:
        """Show the open database again (after an import added a 单位 or a year)."""
        self.show_workspace(self.workspace, self.context.department_id, self.context.year)

    def _refresh_tabs(self, change: Change) -> None:
        """Every tab shows what a write changed (each reloads only what the change touches)."""
        if self.workspace is None:
            return
        if change.touches(DEPARTMENT):
            self.toolbar.bind(self.context, list_departments(self.workspace.engine))
            self._show_title()
        for index in range(self.tabs.count()):
            self.tabs.widget(index).refresh_for(change)

    def _replace_tabs(self, department_id: int | None, year: int | None) -> None:
        self.tabs.blockSignals(True)
        while self.tabs.count():
            old = self.tabs.widget(0)
            self.tabs.removeTab(0)
            old.deleteLater()
        self.context.deleteLater()
        self.context = WorkContext(department_id, year, parent=self)
        self.context.changed.connect(self._show_title)
        if department_id is not None:
            for title, _key, tab_type in TAB_TYPES:
                tab = tab_type(self.workspace.services, self.context, self.undo_stack)
                if hasattr(tab, "place_requested"):
                    tab.place_requested.connect(self.show_finding)
                if hasattr(tab, "status_message"):
                    tab.status_message.connect(lambda text: self.statusBar().showMessage(text, 15000))
                if self.workspace.read_only:
                    make_read_only(tab)
                self.tabs.addTab(tab, title)
                show_full_text(tab)  # a cut cell shows its whole text on hover
        titles = [self.tabs.tabText(index) for index in range(self.tabs.count())]
        remembered = self.settings.value("window/tab")
        self.tabs.setCurrentIndex(titles.index(remembered) if remembered in titles else 0)
        self.tabs.blockSignals(False)

    def open_database(self, path: Path, create: bool = False) -> bool:
        """Open (or make) another database, taking its lock (the old one's is released when it
        closes); one another window holds is opened read-only if the clerk chooses so. On failure
        the current one stays open."""
        path = Path(path)
        if self.workspace is not None and path.resolve() == self.workspace.path.resolve():
            self.statusBar().showMessage(f"{path} 已经打开", 10000)
            return True
        try:
            try:
                workspace = self.open_workspace(path, create)
            except DatabaseInUse as error:
                if not ask_read_only(self, error):
                    return False
                workspace = self.open_workspace(path, False, read_only=True)
        except DatabaseDamaged as error:
            if not offer_recovery(self, error):
                return False
            return self.open_database(path)
        except (DatabaseError, UserInputError) as error:
            show_error(self, str(error), "无法打开数据库")
            return False
        self.show_workspace(workspace)
        return True

    def choose_database(self, create: bool) -> None:
        folder = str(self.workspace.path.parent)
        if create:
            path, _ = QFileDialog.getSaveFileName(self, "新建数据库", folder, DATABASE_FILTER)
        else:
            path, _ = QFileDialog.getOpenFileName(self, "打开数据库", folder, DATABASE_FILTER)
        if path:
            if create and Path(path).exists():
                show_error(
                    self, f"{path} 已存在；新建数据库请换一个文件名，打开它请用“打开数据库”", "无法新建数据库"
                )
                return
            self.open_database(Path(path), create)

    # First start -----------------------------------------------------------------------

    def create_department(
        self, name: str, competent: str, implementing: str, province: str, year: int
    ) -> bool:
        try:
            created = create_department(
                self.workspace.engine, name, competent, implementing, province=province
            )
        except UserInputError as error:
            show_error(self, str(error))
            return False
        self.show_workspace(self.workspace, created.id, year)
        return True

    def choose_sample_file(self) -> None:
        folder = str(self.workspace.path.parent / "示例.sqlite3")
        path, _ = QFileDialog.getSaveFileName(self, "示例数据保存为", folder, DATABASE_FILTER)
        if path:
            self.load_sample(Path(path))

    def load_sample(self, path: Path) -> bool:
        """Build the sample database in ``path`` (the file dialog already asked about replacing it)."""
        from desktop.services.sample import build_sample_database

        if path.resolve() == self.workspace.path.resolve():
            show_error(self, f"示例数据不能保存到正在使用的数据库 {path}；请换一个文件名", "无法生成示例数据")
            return False
        try:
            summary = build_sample_database(path, force=True)
        except (UserInputError, DatabaseError) as error:
            show_error(self, str(error), "无法生成示例数据")
            return False
        if self.open_database(path):
            self.statusBar().showMessage(summary, 10000)
            return True
        return False

    # Backups ---------------------------------------------------------------------------

    def _show_last_backup(self) -> None:
        when = last_backup_time(self.workspace.path)
        self.backup_label.setText(f"上次备份：{when:%Y-%m-%d %H:%M}" if when else "尚未备份")

    def backup_now(self, folder: Path | None = None) -> Path | None:
        """备份 (to the backups folder beside the database) or 备份到… (``folder``)."""
        try:
            target = backup_database(self.workspace.path, folder)
        except (UserInputError, DatabaseError) as error:
            show_error(self, str(error), "备份失败")
            return None
        self._show_last_backup()
        self.statusBar().showMessage(f"已备份到 {target}", 10000)
        return target

    def choose_backup_folder(self) -> None:
        """备份到…: a checked copy in a folder the clerk chooses (a USB stick)."""
        folder = QFileDialog.getExistingDirectory(self, "备份到文件夹", str(self.workspace.path.parent))
        if folder:
            self.backup_now(Path(folder))

    def choose_backup_to_restore(self) -> None:
        """从备份恢复…: the backups with their time and size, or another file."""
        dialog = RestoreDialog(self.workspace.path, self)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        answer = QMessageBox.question(
            self,
            "恢复备份",
            f"用 {dialog.chosen} 替换当前数据库？\n当前数据库会先另存到 backups 文件夹。",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from(dialog.chosen)

    def restore_from(self, backup: Path) -> bool:
        """Replace the open database with ``backup`` and show it; on refusal nothing changes."""
        workspace = self.workspace
        department_id, year = self.context.department_id, self.context.year
        self._replace_tabs(None, None)  # the tabs let go of the database before its file is replaced
        self.changes.watch(None)
        settle(self)
        workspace.close()
        try:
            result = restore_database(workspace.path, backup)
        except (UserInputError, DatabaseError) as error:
            show_error(self, str(error), "无法恢复")
            self.show_workspace(workspace, department_id, year)
            return False
        self.workspace = None
        if not self.open_database(workspace.path):
            return False
        self.statusBar().showMessage(
            f"已从 {result.restored_from} 恢复；原文件另存为 {result.safety_copy}", 10000
        )
        return True

    # Tabs, search, places --------------------------------------------------------------

    def current_tab(self) -> QWidget | None:
        return self.tabs.currentWidget() if self.pages.currentWidget() is self.tabs else None

    def _tab_changed(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            self.settings.setValue("window/tab", self.tabs.tabText(self.tabs.currentIndex()))
        self.toolbar.search.setEnabled(search_target(tab) is not None)
        self.menus.refresh()

    def _search(self, text: str) -> None:
        target = search_target(self.current_tab())
        if target is not None:
            target(text)

    def show_finding(self, finding: Finding) -> bool:
        """Go to the cell a check finding names and say so in the status bar: where it went, or,
        for a figure with no cell of its own, where it is entered, or that it is not there."""
        place = locate(finding.place)
        shown = place is not None and self.show_place(place)
        if place is None:
            message = f"“{finding.where}”没有可以转到的单元格"
        elif not shown:
            message = f"找不到“{finding.where}”：{place.describe()} 在本年度没有这一行"
        elif place.entered:
            message = f"{finding.where}：{place.entered}"
        else:
            message = f"已转到 {place.describe()}（{finding.where}）"
        self.statusBar().showMessage(message)
        return shown

    def show_place(self, place: Place) -> bool:
        """Switch to the tab ``place`` names (by key or title) and let it select the cell."""
        for index, (title, key, _type) in enumerate(TAB_TYPES):
            if place.tab in (title, key) and index < self.tabs.count():
                self.tabs.setCurrentIndex(index)
                return bool(self.tabs.widget(index).show_place(place))
        return False

    def show_about(self) -> None:
        AboutDialog(self.workspace.path if self.workspace else None, self).open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        settle(self)  # an import still running is cancelled (rolled back), any other job finishes
        if self.workspace is not None:
            try:
                self.workspace.back_up_at_exit()
            except (UserInputError, DatabaseError) as error:
                QMessageBox.warning(self, "退出时备份失败", str(error))
            self.workspace.close()
        super().closeEvent(event)
