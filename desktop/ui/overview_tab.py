"""总览: the year's key figures, the cross-table check findings and the 决算说明's seven charts.

The key figures and the findings (``CheckService.run``) are worked out off the window's thread
(``BackgroundRunner``), the tab saying “正在检查…” meanwhile; a double-click asks the window (``place_requested``)
to open the tab and cell the finding names. The clerk's 说明 is saved at once through the service
and goes on the undo stack.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.checks import SEVERITIES, Finding
from desktop.domain.places import Place
from desktop.domain.report_charts import report_charts
from desktop.errors import UserInputError
from desktop.services.changes import NOTES, Change
from desktop.services.overview import key_figures
from desktop.services.report_data import report_catalogue
from desktop.storage.database import DatabaseError
from desktop.ui.background import BackgroundRunner
from desktop.ui.change_relay import ReloadWhenShown
from desktop.ui.context import WorkContext
from desktop.ui.editing import apply_change
from desktop.ui.findings_model import NOTE_COLUMN, FindingsModel
from desktop.ui.messages import show_error
from desktop.ui.report_charts_view import ReportChartsView

FIGURE_COLUMNS = 3


class OverviewTab(QWidget):
    """Key figures above, findings below; double-click a finding to go to its place."""

    place_requested = Signal(object)  # the Finding double-clicked

    def __init__(self, services, context: WorkContext, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self._services, self._context, self._undo_stack = services, context, undo_stack
        self.figures_box = QGroupBox("本年主要数字")
        self.figures_layout = QGridLayout(self.figures_box)
        self.summary_label = QLabel(objectName="findings_summary")
        self.rerun_button = QPushButton("重新检查")
        self.rerun_button.clicked.connect(self.reload)
        self._runner = BackgroundRunner(self._show_results, self)
        self.model = FindingsModel(self._save_note, self)
        self.view = QTableView(objectName="findings")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(NOTE_COLUMN, 200)
        self.view.doubleClicked.connect(self._go_to)
        findings_bar = QHBoxLayout()
        findings_bar.addWidget(QLabel("表间勾稽关系检查（双击跳转到出处，“说明”一栏可填写）"))
        findings_bar.addStretch(1)
        findings_bar.addWidget(self.summary_label)
        findings_bar.addWidget(self.rerun_button)
        findings_page = QWidget()
        findings_layout = QVBoxLayout(findings_page)
        findings_layout.setContentsMargins(0, 0, 0, 0)
        findings_layout.addLayout(findings_bar)
        findings_layout.addWidget(self.view, 1)
        self.charts = ReportChartsView()
        self.pages = QTabWidget(objectName="overview_pages")
        self.pages.addTab(findings_page, "勾稽关系检查")
        self.pages.addTab(self.charts, "决算图表")
        layout = QVBoxLayout(self)
        layout.addWidget(self.figures_box)
        layout.addWidget(self.pages, 1)
        context.changed.connect(self.reload)
        self._reload_when_shown = ReloadWhenShown(self, self.reload)
        self.reload()

    def refresh_for(self, change: Change) -> None:
        """Check again after any write but a 说明 (shown as it is saved): now if the tab is shown,
        else when the clerk comes back to it."""
        if change.concerns(self._context.department_id, self._context.year) and change.kinds - {NOTES}:
            self._reload_when_shown.request()

    @property
    def checking(self) -> bool:
        """True while the figures and findings are being worked out."""
        return self._runner.running

    def reload(self) -> None:
        """Work out the key figures and the findings again in the background."""
        department_id, year = self._context.department_id, self._context.year
        if department_id is None or year is None:
            self._runner.cancel()
            self._show_figures([])
            self.charts.show_charts([])
            self.model.set_findings([])
            self.summary_label.setText("")
            self.rerun_button.setEnabled(True)
            return
        services = self._services

        def compute():
            figures = key_figures(services.budget, services.scoring, services.register, department_id, year)
            charts = report_charts(report_catalogue(services.engine, department_id, year))
            return figures, services.checks.run(department_id, year), charts

        self.summary_label.setText("正在检查…")
        self.rerun_button.setEnabled(False)
        self._runner.start(compute)

    def _show_results(self, result) -> None:
        self.rerun_button.setEnabled(True)
        if isinstance(result, (UserInputError, DatabaseError)):
            self.summary_label.setText("检查未完成")
            show_error(self, str(result))
            return
        figures, findings, charts = result
        self._show_figures(figures)
        self.charts.show_charts([] if all(chart.empty for chart in charts) else charts)
        self.model.set_findings(findings)
        counts = "，".join(f"{s} {sum(1 for f in findings if f.severity == s)}" for s in SEVERITIES)
        self.summary_label.setText(f"共 {len(findings)} 条：{counts}")

    def _show_figures(self, figures) -> None:
        while self.figures_layout.count():
            self.figures_layout.takeAt(0).widget().deleteLater()
        for number, figure in enumerate(figures):
            row, column = divmod(number, FIGURE_COLUMNS)
            text = f"{figure.label}：<b>{figure.value}</b>"
            if figure.detail:
                text += f"<br><span style='color:#555'>{figure.detail}</span>"
            label = QLabel(text, objectName=f"figure_{figure.label}")
            self.figures_layout.addWidget(label, row, column)

    def _go_to(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() != NOTE_COLUMN:
            self.place_requested.emit(self.model.finding(index.row()))

    def _save_note(self, finding: Finding, text: str) -> None:
        department_id, year = self._context.department_id, self._context.year
        rule, place_key, before = finding.rule, finding.place_key, finding.note

        def write(note: str):
            def run() -> None:
                self._services.checks.set_note(department_id, year, rule, place_key, note)
                self.model.show_note(rule, place_key, note)

            return run

        try:
            apply_change(self._undo_stack, f"说明：{finding.where}", write(text), write(before))
        except UserInputError as error:
            show_error(self, str(error))

    def show_place(self, place: Place) -> bool:
        """The overview holds no cells that a finding names."""
        return False
