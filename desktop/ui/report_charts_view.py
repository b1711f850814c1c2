"""The 决算说明's seven charts in the window, drawn by QtCharts from the same ``Chart`` data as the
PDF and the Word file (``desktop.domain.report_charts``)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QWidget

from desktop.domain.report_charts import BAR, Chart

PALETTE = ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E")
COLUMNS = 2


def chart_of(data: Chart) -> QChart:
    """One chart: a bar per year and series (values over the bars), or a pie with its slices labelled."""
    chart = QChart()
    chart.setTitle(data.title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    if data.empty:
        chart.setTitle(f"{data.title}（本年无此项数据）")
        return chart
    if data.kind == BAR:
        series = QBarSeries()
        for index, line in enumerate(data.series):
            bar_set = QBarSet(line.name)
            bar_set.setColor(QColor(PALETTE[index % len(PALETTE)]))
            for value in line.values:
                bar_set.append(float(value))  # the bar's height; the label below prints the Decimal
            series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPrecision(8)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(list(data.categories))
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        values = QValueAxis()
        values.setTitleText("万元")
        values.setMin(0)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)
        values.applyNiceNumbers()
        return chart
    pie = QPieSeries()
    for index, (label, value) in enumerate(zip(data.labels(), data.series[0].values, strict=True)):
        piece = pie.append(label, float(value))  # the slice's angle; its label holds the printed figure
        piece.setColor(QColor(PALETTE[index % len(PALETTE)]))
    chart.addSeries(pie)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)  # the labels are long: a line each
    return chart


class ReportChartsView(QScrollArea):
    """图1 to 图7, two a row."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._inner = QWidget()
        self._grid = QGridLayout(self._inner)
        self.setWidget(self._inner)
        self.views: list[QChartView] = []
        self.show_charts([])

    def show_charts(self, charts: list[Chart]) -> None:
        while self._grid.count():
            self._grid.takeAt(0).widget().deleteLater()
        self.views = []
        if not charts:
            self._grid.addWidget(QLabel("本年没有预算决算数据，无法绘制决算图表"), 0, 0)
            return
        for number, data in enumerate(charts):
            view = QChartView(chart_of(data))
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumSize(520, 300)
            view.setObjectName(f"chart_{data.number}")
            row, column = divmod(number, COLUMNS)
            self._grid.addWidget(view, row, column)
            self.views.append(view)
