"""``locate``: every place a check gives a finding is read into a typed ``Place``."""

from __future__ import annotations

from desktop.domain.places import Place, locate

PUBLISHED = "是报告公开的数字，不在本程序中录入；"


def test_cells_of_the_budget_tab():
    assert locate({"tab": "预算决算", "function_code": "2010308", "column": "决算"}) == Place(
        "预算决算", "支出", "2010308", "决算"
    )
    assert locate({"tab": "预算决算", "economic_code": "30217", "column": "决算"}) == Place(
        "预算决算", "基本支出", "30217", "决算"
    )
    assert locate({"tab": "预算决算", "section": "执行进度", "month": 6, "column": "累计支出"}) == Place(
        "预算决算", "执行进度", 6, "累计支出"
    )
    assert locate(
        {"tab": "预算决算", "section": "三公经费", "item": "国内公务接待费", "column": "决算"}
    ) == Place("预算决算", "三公经费", "国内公务接待费", "决算")


def test_a_published_figure_goes_to_the_figure_computed_from_the_records():
    assert locate({"tab": "预算决算", "stated": "上年收入决算总额", "column": "上年决算"}) == Place(
        "预算决算",
        "收支总览",
        "本年收入合计",
        "上年",
        entered=f"“上年收入决算总额”{PUBLISHED}已选中按记录计算的“本年收入合计”，它由“收支总览”页的记录算出，在那里录入",
    )
    assert locate({"tab": "预算决算", "stated": "机关运行经费增减率"}).column == "增减率"
    assert locate({"tab": "预算决算", "stated": "收入·其他收入"}) == Place(
        "预算决算", "收入", "其他收入", "占比", entered=f"“收入·其他收入”{PUBLISHED}右边是按记录计算的占比"
    )
    assert locate({"tab": "预算决算", "stated": "类·201"}).describe() == "预算决算 · 支出 · 201 · 占比"
    # a 三公 group has no row of its own: its table
    assert locate({"tab": "预算决算", "stated": "三公·公务接待费"}).row is None
    assert locate({"tab": "预算决算", "stated": "三公·外事接待费"}).row == "外事接待费"


def test_places_in_the_project_and_scorecard_tabs():
    code = "51090322T000000344324"
    assert locate({"tab": "项目绩效", "project": code, "row": 6, "column": "完成值"}) == Place(
        "项目绩效", "绩效指标", 6, "完成值", owner=code
    )
    assert locate({"tab": "项目绩效", "project": code, "row": "财政资金", "column": "预算执行数"}) == Place(
        "项目绩效", "预算执行情况", "财政资金", "预算执行数", owner=code
    )
    assert locate({"tab": "项目绩效", "project": code, "column": "原因"}) == Place(
        "项目绩效", "文字", None, "原因", owner=code
    )
    assert locate({"tab": "项目绩效", "project": code, "column": "权重"}).entered.startswith("权重合计")
    assert locate({"tab": "项目绩效", "row": "财政资金", "column": "预算执行数"}).table == "项目列表"
    assert locate({"tab": "评价打分", "scorecard": 2, "item": "quality", "column": "手工得分"}) == Place(
        "评价打分", "评价表", "quality", "手工得分", owner=2
    )
    assert locate({"number": "船信〔2023〕0100号"}) == Place("信访登记", "信访事项", "船信〔2023〕0100号")
    assert locate({"tab": "没有的页"}) is None


def test_a_stated_cell_of_a_published_table_goes_to_the_lines_that_make_it_up():
    def at(row: str) -> tuple:
        place = locate({"tab": "预算决算", "table": "公开03表", "row": row, "column": "basic"})
        return place.table, place.row

    assert at("2070101") == ("支出", "2070101")  # a 项, a 款 or a 类: the 支出 by 功能分类
    assert at("207") == ("支出", "207")
    assert at("30101") == ("基本支出", "30101")  # an 经济分类 款
    assert at("total") == ("收支总览", None)
    assert "导入决算报表" in locate({"tab": "预算决算", "table": "公开01表", "row": "income_total"}).entered
