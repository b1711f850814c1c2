"""The main window's menus: 文件, 编辑, 帮助, with the copy/paste routed to the focused table."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow, QMenu, QWidget

from desktop.errors import UserInputError
from desktop.services.departments import department_info
from desktop.services.report import ReportService
from desktop.ui.audit_dialog import AuditDialog
from desktop.ui.department_actions import delete_department, new_department
from desktop.ui.department_dialog import DepartmentDialog
from desktop.ui.editing import copy_block, table_editing
from desktop.ui.excel_actions import export_excel, import_excel, import_tables
from desktop.ui.export_pdf_dialog import ExportPdfDialog
from desktop.ui.guide_dialog import GuideDialog
from desktop.ui.messages import show_error
from desktop.ui.new_year_action import ask_new_year
from desktop.ui.pdf_actions import preview_pdf, print_pdf
from desktop.ui.report_actions import export_report
from desktop.ui.report_check_dialog import ReportCheckDialog
from desktop.ui.report_texts_dialog import ReportTextsDialog
from desktop.ui.settings_dialog import SettingsDialog, print_font

NOTHING_TO_PRINT = "当前页没有可打印的表格（在“项目绩效”选中项目，或在“评价打分”选中评价表）"


class WindowMenus:
    """Builds the menu bar of ``window`` (a ``MainWindow``) and keeps the actions' enabled state."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        file_menu = self._menu(bar, "文件(&F)")
        self._add(
            file_menu,
            "新建数据库…",
            lambda: window.choose_database(create=True),
            QKeySequence("Ctrl+Shift+N"),
        )
        self.new_record = self._add(file_menu, "新建记录", self.new_record_here, QKeySequence.StandardKey.New)
        new_year = self._add(file_menu, "新建年度…", lambda: ask_new_year(window))
        self._add(
            file_menu,
            "打开数据库…",
            lambda: window.choose_database(create=False),
            QKeySequence.StandardKey.Open,
        )
        file_menu.addSeparator()
        import_action = self._add(file_menu, "导入 Excel…", self.import_excel)
        self._add(file_menu, "导出 Excel…", self.export_excel)
        import_tables_action = self._add(file_menu, "导入决算报表…", self.import_tables)
        file_menu.addSeparator()
        self.export_pdf = self._add(file_menu, "导出 PDF…", self.open_export_pdf)
        self.print_actions = [
            self._add(
                file_menu, "打印…", lambda: self._print(print_pdf, "print"), QKeySequence.StandardKey.Print
            ),
            self._add(file_menu, "打印预览…", lambda: self._print(preview_pdf, "preview")),
        ]
        file_menu.aboutToShow.connect(self.refresh)
        file_menu.addSeparator()
        report_texts = self._add(file_menu, "决算说明文字…", self.open_report_texts)
        self._add(file_menu, "导出决算说明（PDF）…", lambda: self.export_report("pdf"))
        self._add(file_menu, "导出决算说明（Word）…", lambda: self.export_report("docx"))
        self._add(file_menu, "检查说明文本…", self.check_report_text)
        file_menu.addSeparator()
        self._add(file_menu, "备份", lambda: window.backup_now())
        self._add(file_menu, "备份到…", window.choose_backup_folder)
        restore = self._add(file_menu, "从备份恢复…", window.choose_backup_to_restore)
        file_menu.addSeparator()
        self._add(file_menu, "退出", window.close, QKeySequence.StandardKey.Quit)

        edit_menu = self._menu(bar, "编辑(&E)")
        undo = window.undo_stack.createUndoAction(window, "撤销")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = window.undo_stack.createRedoAction(window, "重做")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        self._add(edit_menu, "复制", self.copy, QKeySequence.StandardKey.Copy)
        paste = self._add(edit_menu, "粘贴", self.paste, QKeySequence.StandardKey.Paste)
        edit_menu.addSeparator()
        self._add(edit_menu, "查找", self.find, QKeySequence.StandardKey.Find)
        edit_menu.addSeparator()
        department = self._add(edit_menu, "单位信息…", self.open_department)
        new_unit = self._add(edit_menu, "新建单位…", lambda: new_department(window))
        delete_unit = self._add(edit_menu, "删除单位…", lambda: delete_department(window))
        self._add(edit_menu, "设置…", self.open_settings)
        edit_menu.aboutToShow.connect(self.refresh)
        # off on a read-only database
        self.editing_actions = (
            import_action,
            import_tables_action,
            new_year,
            report_texts,
            restore,
            paste,
            department,
            new_unit,
            delete_unit,
        )

        help_menu = self._menu(bar, "帮助(&H)")
        self._add(help_menu, "使用说明", self.open_guide, QKeySequence.StandardKey.HelpContents)
        self._add(help_menu, "审计日志…", self.open_audit_log)
        self._add(help_menu, "关于 自评 Ziping", window.show_about)

    def _menu(self, bar, title: str) -> QMenu:
        menu = bar.addMenu(title)
        menu.setToolTipsVisible(True)
        return menu

    def _add(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        return action

    def import_excel(self):
        """导入 Excel; afterwards the window shows again what the database holds (maybe a new 单位)."""
        window = self.window
        flow = import_excel(window, window.workspace.services, window.context)
        if flow is not None:
            flow.done.connect(lambda _summary: window.reload())
        return flow

    def import_tables(self):
        """导入决算报表 into the year in the toolbar; afterwards the window shows what the database holds."""
        window = self.window
        flow = import_tables(window, window.workspace.services, window.context)
        if flow is not None:
            flow.done.connect(lambda _summary: window.reload())
        return flow

    def export_excel(self):
        return export_excel(self.window, self.window.workspace.services, self.window.context)

    def export_report(self, kind: str, path=None):
        """导出决算说明: the findings first, then the file (``path`` skips the file dialog)."""
        window = self.window
        return export_report(window, window.workspace.engine, window.context, kind, path=path)

    def open_report_texts(self) -> ReportTextsDialog | None:
        """决算说明文字: the 主要原因 and the other texts the report needs from the clerk."""
        window = self.window
        context = window.context
        if context.department_id is None or context.year is None:
            show_error(window, "请先在工具栏选择单位和年度", "无法填写")
            return None
        service = ReportService(window.workspace.engine, window.workspace.services.catalogue)
        dialog = ReportTextsDialog(service, context.department_id, context.year, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def check_report_text(self) -> ReportCheckDialog | None:
        window = self.window
        context = window.context
        if context.department_id is None or context.year is None:
            show_error(window, "请先在工具栏选择单位和年度", "无法检查")
            return None
        dialog = ReportCheckDialog(window.workspace.engine, context.department_id, context.year, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_department(self) -> DepartmentDialog | None:
        """单位信息 of the department in the toolbar; once saved, the tabs show it with its province's forms."""
        window = self.window
        context = window.context
        if context.department_id is None or context.year is None:
            show_error(window, "请先新建单位或在工具栏选择单位和年度", "没有单位")
            return None
        workspace = window.workspace
        department = department_info(workspace.engine, context.department_id)
        dialog = DepartmentDialog(
            workspace.engine, workspace.services.catalogue, department, context.year, window
        )
        dialog.saved.connect(lambda _saved: window.reload())
        dialog.open()
        return dialog

    def open_guide(self) -> GuideDialog:
        dialog = GuideDialog(self.window)
        dialog.show()
        return dialog

    def open_export_pdf(self) -> ExportPdfDialog | None:
        """导出 PDF…: every form of the year in one dialog, the current tab's form checked (信访登记
        exports its list from its own 导出列表 button)."""
        window = self.window
        context = window.context
        if context.department_id is None or context.year is None:
            show_error(window, "请先新建单位或在工具栏选择单位和年度", "没有单位")
            return None
        folder = window.settings.value("export/folder")
        try:
            dialog = ExportPdfDialog(
                window.workspace.services,
                context.department_id,
                context.year,
                self._print_target(),
                window,
                Path(folder) if folder else None,
            )
        except UserInputError as error:  # no 自评表 template for the province, a broken form file
            show_error(window, str(error), "无法导出 PDF")
            return None
        dialog.started.connect(lambda _batch: window.settings.setValue("export/folder", dialog.folder.text()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_audit_log(self) -> AuditDialog:
        dialog = AuditDialog(self.window.workspace.services.audit, self.window)
        dialog.open()
        return dialog

    def open_settings(self) -> SettingsDialog:
        """设置; a new print font is used from the next export on."""
        window = self.window
        dialog = SettingsDialog(window.settings, window)
        dialog.accepted.connect(self._use_print_font)
        dialog.open()
        return dialog

    def _use_print_font(self) -> None:
        window = self.window
        window.workspace = window.workspace.with_print_font(print_font(window.settings))

    def refresh(self) -> None:
        """Enable 新建记录 where the tab makes one, 导出 PDF wherever a 单位 is shown, and 打印 /
        打印预览 where the tab has a form; on a database opened read-only, nothing that writes to it."""
        tab = self.window.current_tab()
        workspace = self.window.workspace
        writable = workspace is None or not workspace.read_only
        self.new_record.setEnabled(writable and callable(getattr(tab, "new_record", None)))
        for action in self.editing_actions:
            action.setEnabled(writable)
        self.export_pdf.setEnabled(tab is not None)
        printable = self._print_target() is not None or hasattr(tab, "menu_print")
        for action in self.print_actions:
            action.setEnabled(printable)
            action.setToolTip("" if printable else NOTHING_TO_PRINT)

    def _print_target(self) -> tuple[str, str | None] | None:
        tab = self.window.current_tab()
        return tab.print_target() if hasattr(tab, "print_target") else None

    def _print(self, action, kind: str) -> None:
        """``action`` on the tab's form; a tab that prints its own document (信访登记's list) does ``kind``."""
        tab = self.window.current_tab()
        if hasattr(tab, "menu_print"):
            tab.menu_print(kind)
            return
        target = self._print_target()
        if target is None:
            show_error(self.window, NOTHING_TO_PRINT, "没有可打印的表格")
            return
        form, project_code = target
        action(self.window, self.window.workspace.services, self.window.context, form, project_code)

    def new_record_here(self):
        """Ctrl+N: a new record of the current tab (a matter on 信访登记); None where a tab has none."""
        tab = self.window.current_tab()
        new_record = getattr(tab, "new_record", None)
        return new_record() if callable(new_record) else None

    def _focused(self) -> QWidget | None:
        return QApplication.focusWidget()

    def copy(self) -> None:
        widget = self._focused()
        if isinstance(widget, QAbstractItemView):
            copy_block(widget)
        elif hasattr(widget, "copy"):
            widget.copy()

    def paste(self) -> None:
        widget = self._focused()
        editing = table_editing(widget)
        if editing is not None:
            editing.paste()
        elif hasattr(widget, "paste") and not isinstance(widget, QAbstractItemView):
            widget.paste()

    def find(self) -> None:
        search = self.window.toolbar.search
        if search.isEnabled():
            search.setFocus()
            search.selectAll()
