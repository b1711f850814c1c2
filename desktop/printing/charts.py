"""The report's charts drawn with reportlab's own graphics (bars for the totals by year, pies for
the structures), Chinese labels and the values in 万元 beside each bar and slice."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from desktop.domain.report_charts import BAR, Chart

WIDTH, HEIGHT = 440, 230
PALETTE = (
    colors.HexColor("#4472C4"),
    colors.HexColor("#ED7D31"),
    colors.HexColor("#A5A5A5"),
    colors.HexColor("#FFC000"),
    colors.HexColor("#5B9BD5"),
    colors.HexColor("#70AD47"),
    colors.HexColor("#264478"),
    colors.HexColor("#9E480E"),
)


def chart_drawing(chart: Chart, font: str) -> Drawing:
    """The chart as a reportlab ``Drawing`` (a flowable in the PDF)."""
    drawing = Drawing(WIDTH, HEIGHT)
    drawing.add(String(WIDTH / 2, HEIGHT - 14, chart.title, fontName=font, fontSize=11, textAnchor="middle"))
    if chart.empty:
        drawing.add(
            String(WIDTH / 2, HEIGHT / 2, "本年无此项数据", fontName=font, fontSize=10, textAnchor="middle")
        )
    elif chart.kind == BAR:
        _bars(drawing, chart, font)
    else:
        _pie(drawing, chart, font)
    return drawing


def _bars(drawing: Drawing, chart: Chart, font: str) -> None:
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 50, 30, 250, 160
    # floats place the bars only; the labels are the Decimal 万元 figures as printed
    bars.data = [[float(value) for value in series.values] for series in chart.series]
    bars.categoryAxis.categoryNames = list(chart.categories)
    bars.categoryAxis.labels.fontName = font
    bars.valueAxis.labels.fontName = font
    bars.valueAxis.valueMin = 0
    bars.barLabelFormat = "values"
    bars.barLabelArray = [[f"{value}" for value in series.values] for series in chart.series]
    bars.barLabels.fontName = font
    bars.barLabels.fontSize = 8
    bars.barLabels.nudge = 7
    for index in range(len(chart.series)):
        bars.bars[index].fillColor = PALETTE[index % len(PALETTE)]
    drawing.add(bars)
    drawing.add(String(315, 165, "单位：万元", fontName=font, fontSize=8))
    legend = _legend(font, [series.name for series in chart.series])
    legend.x, legend.y = 315, 150
    drawing.add(legend)


def _pie(drawing: Drawing, chart: Chart, font: str) -> None:
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 30, 25, 160, 160
    pie.data = [float(value) for value in chart.series[0].values]  # the slices' angles only
    pie.slices.strokeColor = colors.white
    for index in range(len(pie.data)):
        pie.slices[index].fillColor = PALETTE[index % len(PALETTE)]
    drawing.add(pie)
    legend = _legend(font, list(chart.labels()))
    legend.x, legend.y = 210, 175
    drawing.add(legend)


def _legend(font: str, labels: list[str]) -> Legend:
    legend = Legend()
    legend.fontName = font
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 8
    legend.colorNamePairs = [(PALETTE[index % len(PALETTE)], label) for index, label in enumerate(labels)]
    return legend
