"""The report's charts as PNG pictures for the Word file, drawn with Pillow.

reportlab draws them into the PDF, but its bitmap renderer (renderPM) needs a C extension this
environment does not ship, and QtCharts may not be used outside the window; Pillow is already
here as reportlab's own dependency. The same ``Chart`` data feeds all three.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from desktop.domain.report_charts import BAR, Chart
from desktop.printing.fonts import CJK_FONT

WIDTH, HEIGHT = 1100, 560
PALETTE = ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E")


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(CJK_FONT), size)


def write_chart_png(chart: Chart, path: Path) -> None:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.text((WIDTH / 2, 24), chart.title, fill="black", font=_font(30), anchor="mt")
    if chart.empty:
        draw.text((WIDTH / 2, HEIGHT / 2), "本年无此项数据", fill="black", font=_font(26), anchor="mm")
    elif chart.kind == BAR:
        _bars(draw, chart)
    else:
        _pie(draw, chart)
    image.save(path, "PNG")


def _legend(draw: ImageDraw.ImageDraw, left: int, top: int, labels: list[str]) -> None:
    font = _font(22)
    for index, label in enumerate(labels):
        y = top + index * 38
        draw.rectangle((left, y, left + 24, y + 24), fill=PALETTE[index % len(PALETTE)])
        draw.text((left + 34, y + 12), label, fill="black", font=font, anchor="lm")


def _bars(draw: ImageDraw.ImageDraw, chart: Chart) -> None:
    left, bottom, top, right = 110, HEIGHT - 70, 110, 700
    highest = max(max(series.values) for series in chart.series) or Decimal(1)
    font = _font(20)
    draw.line((left, bottom, right, bottom), fill="black", width=2)
    draw.line((left, bottom, left, top - 20), fill="black", width=2)
    draw.text((left, top - 40), "单位：万元", fill="black", font=font, anchor="lb")
    group = (right - left) / len(chart.categories)
    bar = group * 0.7 / len(chart.series)
    for position, category in enumerate(chart.categories):
        start = left + position * group + group * 0.15
        for index, series in enumerate(chart.series):
            value = series.values[position]
            height = int((bottom - top) * value / highest)
            x0 = start + index * bar
            draw.rectangle((x0, bottom - height, x0 + bar - 6, bottom), fill=PALETTE[index % len(PALETTE)])
            draw.text(
                (x0 + bar / 2 - 3, bottom - height - 6), f"{value}", fill="black", font=font, anchor="mb"
            )
        draw.text(
            (left + (position + 0.5) * group, bottom + 10), category, fill="black", font=font, anchor="mt"
        )
    _legend(draw, right + 40, top + 20, [series.name for series in chart.series])


def _pie(draw: ImageDraw.ImageDraw, chart: Chart) -> None:
    values = chart.series[0].values
    whole = sum(values, Decimal(0))
    box = (60, 100, 460, 500)
    start = Decimal(-90)
    for index, value in enumerate(values):
        sweep = Decimal(360) * value / whole
        draw.pieslice(
            box, float(start), float(start + sweep), fill=PALETTE[index % len(PALETTE)], outline="white"
        )
        start += sweep
    _legend(draw, 500, 110, list(chart.labels()))
