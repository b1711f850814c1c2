"""The seed's published figures, kept as ``StatedFigure`` rows for the cross-table checks.

Each figure is copied as printed (amounts in 万元, percentages as written) with the place in the
seed (seeds/000_c2e8158ae5782495.txt) where it is stated. The seed is not consistent everywhere
(98.79% for 411.94 / 416.18, −79.09 for 416.18 − 491.03, 216.37 beside 216.38, 81.03% for
16.71 / 20.62): the figures are kept as printed so that ``check`` reports them.
"""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session

from desktop.domain.money import MoneyUnit, parse_money
from desktop.storage.models import StatedFigure

YEAR = 2023
REPORT = "决算说明"
PERFORMANCE = "整体支出绩效报告"

# (key, amount in 万元 or None, percent as printed or None, where it is stated)
_FIGURES: tuple[tuple[str, str | None, str | None, str], ...] = (
    ("收入总计", "421.67", None, f"{REPORT} 一、收入支出决算总体情况"),
    ("支出总计", "421.67", None, f"{REPORT} 一、收入支出决算总体情况"),
    ("收支总计增减额", "-74.49", None, f"{REPORT} 一、收入支出决算总体情况"),
    ("收支总计增减率", None, "-15.01", f"{REPORT} 一、收入支出决算总体情况"),
    ("本年收入合计", "416.54", None, f"{REPORT} 二、收入决算情况"),
    ("收入·一般公共预算财政拨款收入", "411.94", "98.90", f"{REPORT} 二、收入决算情况"),
    ("收入·其他收入", "4.60", "1.10", f"{REPORT} 二、收入决算情况"),
    ("本年支出合计", "416.18", None, f"{REPORT} 三、支出决算情况"),
    ("基本支出", "217.94", "52.37", f"{REPORT} 三、支出决算情况"),
    ("项目支出", "198.24", "47.63", f"{REPORT} 三、支出决算情况"),
    ("财政拨款收支总计", "411.94", None, f"{REPORT} 四、财政拨款收入支出决算总体情况"),
    ("财政拨款收支总计增减额", "-31.09", None, f"{REPORT} 四、财政拨款收入支出决算总体情况"),
    ("财政拨款收支总计增减率", None, "-7.02", f"{REPORT} 四、财政拨款收入支出决算总体情况"),
    ("一般公共预算财政拨款支出", "411.94", "98.79", f"{REPORT} 五（一）总体情况"),
    ("一般公共预算财政拨款支出增减额", "-31.09", None, f"{REPORT} 五（一）总体情况"),
    ("一般公共预算财政拨款支出增减率", None, "-7.02", f"{REPORT} 五（一）总体情况"),
    ("类·201", "368.76", "89.52", f"{REPORT} 五（二）结构情况"),
    ("类·208", "20.39", "4.95", f"{REPORT} 五（二）结构情况"),
    ("类·210", "8.52", "2.07", f"{REPORT} 五（二）结构情况"),
    ("类·221", "14.27", "3.46", f"{REPORT} 五（二）结构情况"),
    ("项·2010301", "124.14", None, f"{REPORT} 五（三）第1项"),
    ("项·2010302", "174.73", None, f"{REPORT} 五（三）第2项"),
    ("项·2010308", "20.84", None, f"{REPORT} 五（三）第3项"),
    ("项·2010350", "49.06", None, f"{REPORT} 五（三）第4项"),
    ("项·2080501", "0.62", None, f"{REPORT} 五（三）第5项"),
    ("项·2080505", "17.46", None, f"{REPORT} 五（三）第6项"),
    ("项·2080506", "0.04", None, f"{REPORT} 五（三）第7项"),
    ("项·2081105", "1.06", None, f"{REPORT} 五（三）第8项"),
    ("项·2089999", "1.21", None, f"{REPORT} 五（三）第9项"),
    ("项·2101101", "3.92", None, f"{REPORT} 五（三）第10项"),
    ("项·2101102", "2.10", None, f"{REPORT} 五（三）第11项"),
    ("项·2101103", "2.50", None, f"{REPORT} 五（三）第12项"),
    ("项·2210201", "14.27", None, f"{REPORT} 五（三）第13项"),
    ("财政拨款基本支出", "216.38", None, f"{REPORT} 六、基本支出决算情况"),
    ("人员经费", "183.57", None, f"{REPORT} 六、基本支出决算情况"),
    ("公用经费", "32.81", None, f"{REPORT} 六、基本支出决算情况"),
    ("三公经费", "0.37", None, f"{REPORT} 七（一）“三公”经费总体情况"),
    ("三公经费增减额", "-0.52", None, f"{REPORT} 七（一）“三公”经费总体情况"),
    ("三公经费增减率", None, "-58.43", f"{REPORT} 七（一）“三公”经费总体情况"),
    ("三公·因公出国（境）费", "0.00", "0", f"{REPORT} 七（二）具体情况"),
    ("三公·公务用车购置及运行维护费", "0.00", "0", f"{REPORT} 七（二）具体情况"),
    ("三公·公务接待费", "0.37", "100", f"{REPORT} 七（二）具体情况"),
    ("三公·公务用车购置费", "0.00", None, f"{REPORT} 七（二）2"),
    ("三公·公务用车运行维护费", "0.00", None, f"{REPORT} 七（二）2"),
    ("公务接待费增减额", "-0.52", None, f"{REPORT} 七（二）3"),
    ("公务接待费增减率", None, "-58.43", f"{REPORT} 七（二）3"),
    ("三公·国内公务接待费", "0.37", None, f"{REPORT} 七（二）3"),
    ("三公·外事接待费", "0.00", None, f"{REPORT} 七（二）3"),
    ("机关运行经费", "32.81", None, f"{REPORT} 十（一）机关运行经费"),
    ("机关运行经费增减额", "0.70", None, f"{REPORT} 十（一）机关运行经费"),
    ("机关运行经费增减率", None, "2.18", f"{REPORT} 十（一）机关运行经费"),
    ("收入决算总额", "416.54", None, f"{PERFORMANCE} 二（一）"),
    ("上年收入决算总额", "494.03", None, f"{PERFORMANCE} 二（一）"),
    ("收入决算总额增减额", "-77.49", None, f"{PERFORMANCE} 二（一）"),
    ("收入决算总额增减率", None, "-15.68", f"{PERFORMANCE} 二（一）"),
    ("支出决算总额", "416.18", None, f"{PERFORMANCE} 二（二）"),
    ("上年支出决算总额", "491.03", None, f"{PERFORMANCE} 二（二）"),
    ("支出决算总额增减额", "-79.09", None, f"{PERFORMANCE} 二（二）"),
    ("支出决算总额增减率", None, "-15.24", f"{PERFORMANCE} 二（二）"),
    ("财政拨款基本支出（绩效报告）", "216.37", None, f"{PERFORMANCE} 二（二）"),
    ("财政拨款项目支出（绩效报告）", "195.57", None, f"{PERFORMANCE} 二（二）"),
    ("人员经费（绩效报告）", "183.56", "84.84", f"{PERFORMANCE} 二（二）"),
    ("公用经费（绩效报告）", "32.81", "15.16", f"{PERFORMANCE} 二（二）"),
    ("项目支出·51090322T000000344324", "117.65", None, f"{PERFORMANCE} 二（二）项目支出分别为"),
    ("项目支出·51090322T000006969110", "1.95", None, f"{PERFORMANCE} 二（二）项目支出分别为"),
    ("项目支出·51090322T000000344322", "21.53", None, f"{PERFORMANCE} 二（二）项目支出分别为"),
    ("项目支出·51090322T000007311205", "0.84", None, f"{PERFORMANCE} 二（二）项目支出分别为"),
    ("项目支出·51090322T000005724034", "12.78", None, f"{PERFORMANCE} 二（二）项目支出分别为"),
    ("项目支出·51090322T000004727538", "20.82", None, f"{PERFORMANCE} 二（二）项目支出分别为"),
    ("项目支出·51090322T000007311206", "20.00", None, f"{PERFORMANCE} 二（二）项目支出分别为"),
    ("执行进度·6月", None, "43.58", f"{PERFORMANCE} 三（一）6．执行进度"),
    ("执行进度·9月", None, "66.03", f"{PERFORMANCE} 三（一）6．执行进度"),
    ("执行进度·11月", None, "78.03", f"{PERFORMANCE} 三（一）6．执行进度"),
    ("执行进度·12月", None, "95.87", f"{PERFORMANCE} 三（一）7．预算完成情况"),
)

# The five printed 自评表: code → (总额 调整后, 总额 执行, 执行率 as printed, {其中 source: (调整后, 执行)}).
_SELF_EVALUATIONS: dict[str, tuple[str, str, str, dict[str, tuple[str, str]]]] = {
    "51090322T000000344322": ("21.53", "21.53", "100.00", {"财政资金": ("21.53", "21.53")}),
    "51090322T000000344324": ("131.65", "117.65", "89.37", {"财政资金": ("131.65", "117.65")}),
    "51090322T000004727538": ("20.82", "20.82", "100.00", {"财政资金": ("20.82", "20.82")}),
    "51090322T000005724034": (
        "20.62",
        "16.71",
        "81.03",
        {"财政资金": ("12.78", "12.78"), "单位资金": ("7.84", "3.93")},
    ),
    "51090322T000006969110": ("1.95", "1.95", "100.00", {"财政资金": ("1.95", "1.95")}),
}


def _self_evaluation_figures() -> list[tuple[str, str | None, str | None, str]]:
    figures = []
    for code, (adjusted, executed, rate, rows) in _SELF_EVALUATIONS.items():
        source = f"项目支出绩效自评表 {code} 预算执行情况"
        figures += [
            (f"自评表调整后预算·{code}", adjusted, None, f"{source} 总额"),
            (f"自评表执行数·{code}", executed, None, f"{source} 总额"),
            (f"自评表执行率·{code}", None, rate, f"{source} 总额"),
        ]
        for funding, (row_adjusted, row_executed) in rows.items():
            figures += [
                (f"自评表调整后预算·{code}·{funding}", row_adjusted, None, f"{source} {funding}"),
                (f"自评表执行数·{code}·{funding}", row_executed, None, f"{source} {funding}"),
            ]
    return figures


def add_sample_stated_figures(session: Session, department_id: int) -> None:
    """Add the seed's published 2023 figures for ``department_id`` (not committed here)."""
    for key, amount, percent, source in (*_FIGURES, *_self_evaluation_figures()):
        session.add(
            StatedFigure(
                department_id=department_id,
                year=YEAR,
                key=key,
                amount=None if amount is None else parse_money(amount, MoneyUnit.WAN),
                percent=None if percent is None else Decimal(percent),
                source=source,
            )
        )
