"""The 部门决算 公开说明, written from the figure catalogue in the seed's phrasing.

The result is a list of blocks (headings, paragraphs, chart places) that the PDF and Word
writers lay out; the texts the clerk writes (职责, 机构, 主要原因, 名词解释 …) come in by section
name (``REASON`` + the figure's name for a 主要原因). ``missing_texts`` lists those still empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain import report_figures as names
from desktop.domain.budget import (
    EXPENDITURE_CATEGORIES,
    INCOME_SOURCES,
    NOT_CURRENT_INCOME,
    THREE_PUBLIC_ITEMS,
    VEHICLE_TYPES,
)
from desktop.domain.report_figures import ReportCatalogue
from desktop.domain.report_wording import change_phrase, listing, percent, reason_phrase, wan

REASON = "原因·"  # the section of a 主要原因: 原因·收支总计
DUTIES = "部门职责"
WORK = "重点工作完成情况"
ORGANISATION = "机构设置"
PROCUREMENT = "政府采购支出情况"
ASSETS = "国有资产占有使用情况"
PERFORMANCE = "预算绩效管理情况"
GLOSSARY = "名词解释"
CLERK_SECTIONS = (DUTIES, WORK, ORGANISATION, PROCUREMENT, ASSETS, PERFORMANCE)
UNIT_COUNTS = ("下属二级单位", "行政单位", "参照公务员法管理的事业单位", "其他事业单位")
# The comparisons whose 主要原因 the report gives (its sections 一, 四, 五, 七, 十, the 附件's 二).
COMPARED = (
    names.GRAND_TOTAL,
    names.FISCAL_GRAND_TOTAL,
    names.GENERAL_EXPENDITURE,
    names.THREE_PUBLIC,
    names.RECEPTION,
    names.RUNNING_COSTS,
    names.INCOME_TOTAL,  # the 绩效报告's 收入决算总额
    names.EXPENDITURE_TOTAL,  # and 支出决算总额
)
CHARTS = (
    "图1：收、支决算总计变动情况",
    "图2：收入决算结构",
    "图3：支出决算结构",
    "图4：财政拨款收、支决算总计变动情况",
    "图5：一般公共预算财政拨款支出决算变动情况",
    "图6：一般公共预算财政拨款支出决算结构",
    "图7：“三公”经费财政拨款支出结构",
)


@dataclass(frozen=True)
class Block:
    """One piece of the report: ``kind`` heading (with ``level`` 1–3), paragraph, or chart
    (``text`` is then its title, ``number`` 1–7)."""

    kind: str
    text: str
    level: int = 0
    number: int = 0


def _heading(text: str, level: int) -> Block:
    return Block("heading", text, level)


def _para(*sentences: str) -> Block:
    return Block("paragraph", "".join(sentence for sentence in sentences if sentence))


def clerk_paragraphs(text: str) -> list[Block]:
    """A clerk's text, a paragraph per line as written (an empty text: one empty paragraph, the
    place the export lists as still to be written)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [_para(line) for line in lines] or [_para("")]


def _chart(number: int) -> Block:
    return Block("chart", CHARTS[number - 1], number=number)


def missing_texts(catalogue: ReportCatalogue, texts: dict[str, str]) -> list[str]:
    """The texts still empty: each comparison's 主要原因 (none needed without a change) and the
    clerk's sections that the data does not write (机构, 政府采购, 国有资产 come from the reported
    counts and amounts when there are any), named as the export dialog lists them."""
    missing = []
    for name in COMPARED:
        figure = catalogue[name]
        if figure.change and not texts.get(REASON + name, "").strip():
            missing.append(f"{name}变动的主要原因")
    written_from_data = {
        ORGANISATION: any(unit in catalogue.counts for unit in UNIT_COUNTS),
        PROCUREMENT: names.PROCUREMENT in catalogue.figures,
        ASSETS: any(item in catalogue.counts for item in VEHICLE_TYPES),
    }
    missing += [
        section
        for section in CLERK_SECTIONS
        if not texts.get(section, "").strip() and not written_from_data.get(section, False)
    ]
    return missing


class _Writer:
    def __init__(self, catalogue: ReportCatalogue, texts: dict[str, str], department: str) -> None:
        self.c = catalogue
        self.texts = texts
        self.department = department
        self.year = catalogue.year

    def compare(self, name: str, subject: str, *, lead: str | None = None) -> str:
        phrase = change_phrase(self.c[name], subject, self.year, lead=lead)
        if not phrase:
            return ""
        reason = reason_phrase(self.texts.get(REASON + name, "")) if self.c[name].change else ""
        return f"{phrase}。{reason}"

    def clerk(self, section: str) -> list[Block]:
        return clerk_paragraphs(self.texts.get(section, ""))

    def shares(self, members: list[str]) -> str:
        return listing(
            [f"{name}{wan(self.c[name].current)}，占{percent(self.c.share(name))}" for name in members]
        )


def report_blocks(catalogue: ReportCatalogue, texts: dict[str, str], department: str) -> list[Block]:
    """The whole 公开说明: 第一部分 部门概况, 第二部分 一 to 十, 第三部分 名词解释."""
    writer = _Writer(catalogue, texts, department)
    return [
        _heading("第一部分 部门概况", 1),
        _heading("一、部门职责", 2),
        *writer.clerk(DUTIES),
        _heading(f"（二）{catalogue.year}年重点工作完成情况", 3),
        *writer.clerk(WORK),
        _heading("二、机构设置", 2),
        *_organisation(writer),
        _heading(f"第二部分 {catalogue.year}年度部门决算情况说明", 1),
        *_totals(writer),
        *_general(writer),
        *_three_public(writer),
        *_other(writer),
        _heading("第三部分 名词解释", 1),
        *[_para(line) for line in texts.get(GLOSSARY, "").splitlines() if line.strip()],
    ]


def _totals(w: _Writer) -> list[Block]:
    c, year = w.c, w.year
    grand_in, grand_out = c[names.INCOME_GRAND_TOTAL], c[names.EXPENDITURE_GRAND_TOTAL]
    if grand_in.current == grand_out.current:
        stated = f"{year}年度收、支总计均为{wan(grand_in.current)}。"
    else:
        stated = f"{year}年度收入总计{wan(grand_in.current)}，支出总计{wan(grand_out.current)}。"
    income = [s for s in INCOME_SOURCES if s not in NOT_CURRENT_INCOME and c[s].current]
    spending = [k for k in EXPENDITURE_CATEGORIES if c[k].current]
    fiscal, fiscal_out = c[names.FISCAL_GRAND_TOTAL], c[names.FISCAL_EXPENDITURE_GRAND_TOTAL]
    if fiscal.current == fiscal_out.current:
        fiscal_stated = f"{year}年度财政拨款收、支总计均为{wan(fiscal.current)}。"
    else:
        fiscal_stated = (
            f"{year}年度财政拨款收入总计{wan(fiscal.current)}，财政拨款支出总计{wan(fiscal_out.current)}。"
        )
    return [
        _heading("一、收入支出决算总体情况说明", 2),
        _para(stated, w.compare(names.GRAND_TOTAL, "收、支总计各")),
        _chart(1),
        _heading("二、收入决算情况说明", 2),
        _para(
            f"{year}年度本年收入合计{wan(c[names.INCOME_TOTAL].current)}",
            f"，其中：{w.shares(income)}" if income else "",
            "。",
        ),
        _chart(2),
        _heading("三、支出决算情况说明", 2),
        _para(
            f"{year}年度本年支出合计{wan(c[names.EXPENDITURE_TOTAL].current)}",
            f"，其中：{w.shares(spending)}" if spending else "",
            "。",
        ),
        _chart(3),
        _heading("四、财政拨款收入支出决算总体情况说明", 2),
        _para(fiscal_stated, w.compare(names.FISCAL_GRAND_TOTAL, "财政拨款收、支总计各")),
        _chart(4),
    ]


def _general(w: _Writer) -> list[Block]:
    c, year = w.c, w.year
    general = c[names.GENERAL_EXPENDITURE]
    blocks = [
        _heading("五、一般公共预算财政拨款支出决算情况说明", 2),
        _heading("（一）一般公共预算财政拨款支出决算总体情况", 3),
        _para(
            f"{year}年度一般公共预算财政拨款支出{wan(general.current)}，"
            f"占本年支出合计的{percent(c.share(names.GENERAL_EXPENDITURE))}。",
            w.compare(names.GENERAL_EXPENDITURE, "一般公共预算财政拨款支出"),
        ),
        _chart(5),
        _heading("（二）一般公共预算财政拨款支出决算结构情况", 3),
    ]
    classes = [name for _, name in c.classes]
    if classes:
        blocks.append(
            _para(
                f"{year}年度一般公共预算财政拨款支出{wan(general.current)}，主要用于以下方面：",
                w.shares(classes),
                "。",
            )
        )
    else:
        blocks.append(_para(f"本部门{year}年度无一般公共预算财政拨款支出。"))
    blocks += [_chart(6), _heading("（三）一般公共预算财政拨款支出决算具体情况", 3)]
    if classes:
        blocks.append(
            _para(
                f"{year}年度一般公共预算支出决算数为{wan(general.current)}，"
                f"完成预算{percent(general.completion)}。其中："
            )
        )
        for number, (_, label) in enumerate(c.items, start=1):
            item = c[label]
            blocks.append(
                _para(
                    f"{number}.{label}：支出决算为{wan(item.current)}，完成预算{percent(item.completion)}。"
                )
            )
    blocks += [_heading("六、一般公共预算财政拨款基本支出决算情况说明", 2), *_basic(w)]
    return blocks


def _basic(w: _Writer) -> list[Block]:
    c, year = w.c, w.year
    basic = c[names.GENERAL_BASIC]
    if not basic.current:
        return [_para(f"本部门{year}年度无一般公共预算财政拨款基本支出。")]
    lines = c.lines.basic if c.lines else ()

    def contents(personnel: bool) -> str:
        chosen = [
            line.name
            for line in lines
            if line.final_amount and (line.economic_code[:3] in ("301", "303")) == personnel
        ]
        return f"，主要包括：{'、'.join(chosen)}" if chosen else ""

    return [
        _para(f"{year}年度一般公共预算财政拨款基本支出{wan(basic.current)}，其中："),
        _para(f"人员经费{wan(c[names.PERSONNEL_COSTS].current)}", contents(True), "。"),
        _para(f"公用经费{wan(c[names.PUBLIC_COSTS].current)}", contents(False), "。"),
    ]


def _three_public(w: _Writer) -> list[Block]:
    c, year = w.c, w.year
    total = c[names.THREE_PUBLIC]
    travel, purchase, running, domestic, foreign = THREE_PUBLIC_ITEMS
    counts = {row.item: row for row in (c.lines.three_public if c.lines else ())}

    def count(item: str, attribute: str) -> int:
        row = counts.get(item)
        return getattr(row, attribute) if row else 0

    def completion(name: str) -> str:
        ratio = c[name].completion
        return f"，完成预算{percent(ratio)}" if ratio is not None else ""

    groups = [travel, names.VEHICLES, names.RECEPTION]
    overall = change_phrase(total, "", year, lead="较上年度")
    return [
        _heading("七、财政拨款“三公”经费支出决算情况说明", 2),
        _heading("（一）“三公”经费财政拨款支出决算总体情况说明", 3),
        _para(
            f"{year}年度“三公”经费财政拨款支出决算为{wan(total.current)}{completion(names.THREE_PUBLIC)}",
            f"，{overall}" if overall else "",
            "。",
            reason_phrase(w.texts.get(REASON + names.THREE_PUBLIC, "")) if total.change else "",
        ),
        _heading("（二）“三公”经费财政拨款支出决算具体情况说明", 3),
        _para(
            f"{year}年度“三公”经费财政拨款支出决算中，",
            listing([f"{name}支出决算{wan(c[name].current)}，占{percent(c.share(name))}" for name in groups]),
            "。具体情况如下：",
        ),
        _chart(7),
        _para(
            f"1.因公出国（境）费支出{wan(c[travel].current)}{completion(travel)}。"
            f"全年安排因公出国（境）团组{count(travel, 'batches')}次，出国（境）{count(travel, 'persons')}人。",
            w.compare(travel, "因公出国（境）费支出决算"),
        ),
        _para(
            f"2.公务用车购置及运行维护费支出{wan(c[names.VEHICLES].current)}{completion(names.VEHICLES)}。",
            w.compare(names.VEHICLES, "公务用车购置及运行维护费支出决算"),
            f"其中：公务用车购置支出{wan(c[purchase].current)}，"
            f"全年按规定更新购置公务用车{count(purchase, 'vehicles')}辆；"
            f"公务用车运行维护费支出{wan(c[running].current)}，"
            f"公务用车保有量{count(running, 'vehicles')}辆。",
        ),
        _para(
            f"3.公务接待费支出{wan(c[names.RECEPTION].current)}{completion(names.RECEPTION)}。",
            w.compare(names.RECEPTION, "公务接待费支出决算"),
            f"其中：国内公务接待支出{wan(c[domestic].current)}，国内公务接待{count(domestic, 'batches')}批次，"
            f"{count(domestic, 'persons')}人次；外事接待支出{wan(c[foreign].current)}，"
            f"外事接待{count(foreign, 'batches')}批次，{count(foreign, 'persons')}人次。",
        ),
    ]


def _other(w: _Writer) -> list[Block]:
    c, year = w.c, w.year

    def fund(name: str, kind: str) -> Block:
        if not c[name].current:
            return _para(f"本部门{year}年度无{kind}财政拨款收入，也没有使用{kind}财政拨款安排的支出。")
        return _para(f"{year}年度{name}{wan(c[name].current)}。", w.compare(name, name))

    running = c[names.RUNNING_COSTS]
    return [
        _heading("八、政府性基金预算支出决算情况说明", 2),
        fund(names.FUND_EXPENDITURE, "政府性基金预算"),
        _heading("九、国有资本经营预算支出决算情况说明", 2),
        fund(names.CAPITAL_EXPENDITURE, "国有资本经营预算"),
        _heading("十、其他重要事项的情况说明", 2),
        _heading("（一）机关运行经费支出情况", 3),
        _para(
            f"{year}年度，{w.department}机关运行经费支出{wan(running.current)}",
            "，" + change_phrase(running, "", year, lead=f"比{year - 1}年度")
            if running.previous is not None
            else "",
            "。",
            reason_phrase(w.texts.get(REASON + names.RUNNING_COSTS, "")) if running.change else "",
        ),
        _heading("（二）政府采购支出情况", 3),
        *_procurement(w),
        _heading("（三）国有资产占有使用情况", 3),
        *_assets(w),
        _heading("（四）预算绩效管理情况", 3),
        *w.clerk(PERFORMANCE),
    ]


def _organisation(w: _Writer) -> list[Block]:
    counts = w.c.counts
    blocks = []
    if any(unit in counts for unit in UNIT_COUNTS):
        n = [counts.get(unit, 0) for unit in UNIT_COUNTS]
        blocks.append(
            _para(
                f"{w.department}下属二级单位{n[0]}个，其中行政单位{n[1]}个，"
                f"参照公务员法管理的事业单位{n[2]}个，其他事业单位{n[3]}个。"
            )
        )
    return [*blocks, *w.clerk(ORGANISATION)]


def _procurement(w: _Writer) -> list[Block]:
    c = w.c
    if names.PROCUREMENT not in c.figures:
        return w.clerk(PROCUREMENT)
    goods, works, services = names.PROCUREMENT_KINDS
    small, micro = names.PROCUREMENT_AWARDS
    stated = _para(
        f"{w.year}年度，{w.department}政府采购支出总额{wan(c[names.PROCUREMENT].current)}，其中："
        f"政府采购货物支出{wan(c[goods].current)}、政府采购工程支出{wan(c[works].current)}、"
        f"政府采购服务支出{wan(c[services].current)}。授予中小企业合同金额{wan(c[small].current)}，"
        f"占政府采购支出总额的{percent(c.share(small))}，其中：授予小微企业合同金额{wan(c[micro].current)}，"
        f"占政府采购支出总额的{percent(c.share(micro))}。"
    )
    return [stated, *clerk_paragraphs(w.texts.get(PROCUREMENT, ""))]


def _assets(w: _Writer) -> list[Block]:
    counts = w.c.counts
    vehicles = [item for item in VEHICLE_TYPES if item in counts]
    if not vehicles:
        return w.clerk(ASSETS)
    listed = "、".join(f"{item}{counts[item]}辆" for item in vehicles)
    equipment = "，".join(
        f"{item}{counts[item]}台（套）"
        for item in ("单价50万元以上通用设备", "单价100万元以上专用设备")
        if item in counts
    )
    stated = _para(
        f"截至{w.year}年12月31日，{w.department}共有车辆{sum(counts[item] for item in vehicles)}辆，其中：{listed}。",
        f"{equipment}。" if equipment else "",
    )
    return [stated, *clerk_paragraphs(w.texts.get(ASSETS, ""))]


def plain_text(blocks: list[Block]) -> str:
    """The report as plain text, one block a line (chart places by their title)."""
    return "\n".join(f"（{block.text}）" if block.kind == "chart" else block.text for block in blocks)
