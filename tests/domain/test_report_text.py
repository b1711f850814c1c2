"""The 决算说明's sentences for a department that is not the sample: another province's
其他资金 and 政府性基金, a year without a previous one, a zero base and a negative one.
Expected sentences are written by hand."""

from decimal import Decimal

from desktop.domain.report_check import check_text
from desktop.domain.report_figures import (
    BasicAmount,
    IncomeAmount,
    ReportLines,
    SpendingAmount,
    ThreePublicAmount,
    build_catalogue,
)
from desktop.domain.report_text import REASON, missing_texts, plain_text, report_blocks

NAMES = {"212": "城乡社区支出", "2120101": "行政运行", "21201": "城乡社区管理事务", "229": "其他支出"}


def yuan(text: str) -> Decimal:
    return Decimal(text)


def lines(*, previous: bool = True, fund_previous: str = "0.00") -> ReportLines:
    """A 湖北 town office: 一般公共预算 120000.00 + 政府性基金 30000.00 this year."""
    prior = (lambda amount: yuan(amount)) if previous else (lambda amount: Decimal("0.00"))
    return ReportLines(
        year=2024,
        income=[
            IncomeAmount("一般公共预算财政拨款收入", yuan("120000.00"), prior("100000.00")),
            IncomeAmount("政府性基金预算财政拨款收入", yuan("30000.00"), prior(fund_previous)),
        ],
        spending=[
            SpendingAmount(
                "2120101",
                "基本支出",
                "一般公共预算财政拨款",
                yuan("90000.00"),
                yuan("90000.00"),
                prior("80000.00"),
            ),
            SpendingAmount(
                "2120101",
                "项目支出",
                "一般公共预算财政拨款",
                yuan("40000.00"),
                yuan("30000.00"),
                prior("20000.00"),
            ),
            SpendingAmount(
                "2290401",
                "项目支出",
                "政府性基金预算财政拨款",
                yuan("30000.00"),
                yuan("30000.00"),
                prior(fund_previous),
            ),
        ],
        basic=[
            BasicAmount("30101", "基本工资", "一般公共预算财政拨款", yuan("60000.00"), prior("55000.00")),
            BasicAmount("30201", "办公费", "一般公共预算财政拨款", yuan("30000.00"), prior("25000.00")),
        ],
        three_public=[
            ThreePublicAmount("国内公务接待费", yuan("2000.00"), yuan("1500.00"), prior("1500.00"), 2, 12)
        ],
        carried_out=[],
        names=NAMES,
        has_previous=previous,
    )


def text_of(report_lines: ReportLines, texts: dict[str, str] | None = None) -> str:
    return plain_text(report_blocks(build_catalogue(report_lines), texts or {}, "某镇政府"))


def test_a_year_with_its_previous_year_compares_each_total_with_the_verbs_from_the_sign():
    text = text_of(lines(), {REASON + "收支总计": "新增政府性基金项目"})
    # 收支总计 15.00 万元 against 10.00: +5.00, +50.00%
    assert (
        "2024年度收、支总计均为15.00万元。与2023年度相比，收、支总计各增加5.00万元，增长50.00%。主要原因是新增政府性基金项目。"
        in text
    )
    assert (
        "本年收入合计15.00万元，其中：一般公共预算财政拨款收入12.00万元，占80.00%；政府性基金预算财政拨款收入3.00万元，占20.00%。"
        in text
    )
    # 一般公共预算 12.00 of 本年支出合计 15.00 = 80.00%; 12.00 − 10.00 = +2.00, +20.00%
    assert (
        "一般公共预算财政拨款支出12.00万元，占本年支出合计的80.00%。与2023年度相比，一般公共预算财政拨款支出增加2.00万元，增长20.00%。"
        in text
    )
    # 项 2120101: 12.00 spent of 13.00 budget = 92.31%
    assert (
        "1.城乡社区（212）城乡社区管理事务（01）行政运行（01）：支出决算为12.00万元，完成预算92.31%。" in text
    )
    # 三公 0.15 万元 both years, budget 0.20: 75.00%
    assert "“三公”经费财政拨款支出决算为0.15万元，完成预算75.00%，与2023年度持平。" in text
    assert "机关运行经费支出3.00万元，比2023年度增加0.50万元，增长20.00%。" in text


def test_a_zero_base_gives_the_change_without_a_rate():
    text = text_of(lines())
    # 政府性基金 0 last year: no rate is written
    assert (
        "2024年度政府性基金预算财政拨款支出3.00万元。与2023年度相比，政府性基金预算财政拨款支出增加3.00万元（2023年度为0，不计增减率）。"
        in text
    )


def test_a_negative_base_gives_no_rate_either():
    text = text_of(lines(fund_previous="-1000.00"))
    assert "政府性基金预算财政拨款支出增加3.10万元（2023年度为负数，不计增减率）。" in text


def test_a_year_without_the_previous_one_is_written_without_comparisons():
    text = text_of(lines(previous=False))
    assert "2024年度收、支总计均为15.00万元。\n" in text
    assert "与2023年度相比" not in text and "较上年度" not in text and "比2023年度" not in text
    assert "2024年度“三公”经费财政拨款支出决算为0.15万元，完成预算75.00%。" in text
    assert "2024年度，某镇政府机关运行经费支出3.00万元。" in text
    # nothing to explain: no 主要原因 asked for
    assert not [
        name for name in missing_texts(build_catalogue(lines(previous=False)), {}) if "主要原因" in name
    ]


def test_an_empty_fund_section_is_written_in_the_standard_wording():
    report = lines()
    without_fund = ReportLines(
        **{**report.__dict__, "spending": report.spending[:2], "income": report.income[:1]}
    )
    text = text_of(without_fund)
    assert "本部门2024年度无政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出。" in text
    assert (
        "本部门2024年度无国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出。" in text
    )


def test_the_missing_reasons_are_those_of_the_comparisons_that_changed():
    catalogue = build_catalogue(lines())
    missing = missing_texts(catalogue, {REASON + "收支总计": "新增项目"})
    assert "收支总计变动的主要原因" not in missing
    assert "一般公共预算财政拨款支出变动的主要原因" in missing
    assert "三公经费变动的主要原因" not in missing  # 持平


def test_the_written_text_passes_its_own_check():
    catalogue = build_catalogue(lines())
    result = check_text(text_of(lines()), catalogue)
    assert result.mismatches == []
    assert len(result.agreeing) > 20


def test_check_text_reports_a_wrong_share_and_a_wrong_change_with_the_computed_value():
    catalogue = build_catalogue(lines())
    text = (
        "2024年度一般公共预算财政拨款支出12.00万元，占本年支出合计的85.00%。"
        "与2023年度相比，一般公共预算财政拨款支出减少2.00万元，增长20.01%。"
    )
    result = check_text(text, catalogue)
    wrong = [(value.figure, value.kind, value.stated, value.computed) for value in result.mismatches]
    assert wrong == [
        ("一般公共预算财政拨款支出", "占比", "85.00%", "80.00%"),
        ("一般公共预算财政拨款支出", "增减额", "减少2.00万元", "2.00万元"),
    ]
    # 20.01% is within ±0.02 of 20.00%
    assert ("增减率", "增长20.01%") in [(value.kind, value.stated) for value in result.agreeing]


def test_the_tenth_part_is_written_from_the_reported_amounts_and_counts():
    report = lines()
    reported = ReportLines(
        **{
            **report.__dict__,
            "reported": {
                "机关运行经费": (yuan("28000.00"), yuan("35000.00")),
                "政府采购货物支出": (yuan("20000.00"), Decimal("0.00")),
                "政府采购服务支出": (yuan("10000.00"), Decimal("0.00")),
                "授予中小企业合同金额": (yuan("15000.00"), Decimal("0.00")),
            },
            "counts": {"其他用车": 2, "应急保障用车": 1, "下属二级单位": 1, "其他事业单位": 1},
        }
    )
    text = text_of(reported)
    # 机关运行经费 as reported: 2.80 against 3.50, −0.70, −20.00%
    assert "某镇政府机关运行经费支出2.80万元，比2023年度减少0.70万元，下降20.00%。" in text
    # 政府采购 2.00 + 0 + 1.00 = 3.00; 中小企业 1.50 of 3.00 = 50.00%; 小微 0 = 0.00%
    assert (
        "某镇政府政府采购支出总额3.00万元，其中：政府采购货物支出2.00万元、政府采购工程支出0.00万元、"
        "政府采购服务支出1.00万元。授予中小企业合同金额1.50万元，占政府采购支出总额的50.00%，"
        "其中：授予小微企业合同金额0.00万元，占政府采购支出总额的0.00%。"
    ) in text
    assert "共有车辆3辆，其中：应急保障用车1辆、其他用车2辆。" in text
    assert (
        "某镇政府下属二级单位1个，其中行政单位0个，参照公务员法管理的事业单位0个，其他事业单位1个。" in text
    )
    result = check_text(text, build_catalogue(reported))
    assert result.mismatches == [] and result.unmatched == []


def test_a_section_the_data_writes_is_not_asked_of_the_clerk():
    report = lines()
    asked = missing_texts(build_catalogue(report), {})
    assert {"机构设置", "政府采购支出情况", "国有资产占有使用情况"} <= set(asked)
    reported = ReportLines(
        **{
            **report.__dict__,
            "reported": {"政府采购货物支出": (yuan("20000.00"), Decimal("0.00"))},
            "counts": {"其他用车": 2, "下属二级单位": 0},
        }
    )
    asked = missing_texts(build_catalogue(reported), {})
    assert not {"机构设置", "政府采购支出情况", "国有资产占有使用情况"} & set(asked)
    assert "部门职责" in asked


def test_check_text_lists_a_scoring_rule_s_numbers_without_checking_them():
    catalogue = build_catalogue(lines())
    text = "部门预算项目12月预算执行进度达到100%的，得10分；偏差度超过20%的，不得分。"
    result = check_text(text, catalogue)
    assert result.mismatches == [] and result.agreeing == []
    assert [(value.stated, value.note) for value in result.unmatched] == [
        ("100%", "评分标准，不是决算数，未核对"),
        ("20%", "评分标准，不是决算数，未核对"),
    ]
