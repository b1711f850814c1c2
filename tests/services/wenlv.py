"""A 湖北 文旅局 beside the sample, for the 决算公开 tables: the national 9, 政府性基金 lines, 事业收入,
a 项目 under 207 with its 经济分类, no previous year (2024 only). Amounts in 元; every total the
tests expect is added up by hand in the tests."""

from __future__ import annotations

from decimal import Decimal as D

from sqlmodel import Session

from desktop.storage import models as M

YEAR = 2024
PUBLIC, FUND, OTHER = "一般公共预算财政拨款", "政府性基金预算财政拨款", "其他资金"
PROJECT_CODE = "42900124T000000000101"


def add_wenlv_department(engine) -> int:
    """湖北省某县文化和旅游局 2024; returns its id."""
    with Session(engine) as session:
        department = M.Department(name="某县文化和旅游局", province="湖北省", region="某县")
        session.add(department)
        session.flush()
        d = M.saved_id(department)
        scope = {"department_id": d, "year": YEAR}
        for source, code, amount in (
            ("一般公共预算财政拨款收入", "2070101", "500000.00"),
            ("一般公共预算财政拨款收入", "2080505", "60000.00"),
            ("政府性基金预算财政拨款收入", "2076001", "30000.00"),
            ("事业收入", "2070109", "12000.00"),
        ):
            session.add(M.IncomeLine(**scope, source=source, function_code=code, final_amount=D(amount)))
        session.add(M.IncomeLine(**scope, source="年初结转和结余", function_code="2070101", funding=PUBLIC,
                                 final_amount=D("5000.00")))  # fmt: skip
        session.add(M.IncomeLine(**scope, source="年初结转和结余", function_code="2076001", funding=FUND,
                                 final_amount=D("1000.00")))  # fmt: skip
        for code, name, category, funding, final, initial, adjusted in (
            ("2070101", "行政运行", "基本支出", PUBLIC, "480000.00", "470000.00", "485000.00"),
            ("2070199", "其他文化和旅游支出", "项目支出", PUBLIC, "20000.00", "0.00", "25000.00"),
            (
                "2080505",
                "机关事业单位基本养老保险缴费支出",
                "基本支出",
                PUBLIC,
                "60000.00",
                "60000.00",
                "60000.00",
            ),
            ("2076001", "资助国产影片放映", "项目支出", FUND, "28000.00", "0.00", "0.00"),
            ("2070109", "群众文化", "项目支出", OTHER, "12000.00", "0.00", "0.00"),
        ):
            session.add(M.ExpenditureLine(**scope, function_code=code, name=name, category=category, funding=funding,
                                          final_amount=D(final), initial_budget=D(initial),
                                          adjusted_budget=D(adjusted)))  # fmt: skip
        session.add(M.BalanceLine(**scope, kind="年末结转和结余", funding=PUBLIC, function_code="2070101",
                                  final_amount=D("5000.00")))  # fmt: skip
        session.add(M.BalanceLine(**scope, kind="年末结转和结余", funding=FUND, function_code="2076001",
                                  final_amount=D("3000.00")))  # fmt: skip
        for code, name, amount in (
            ("30101", "基本工资", "300000.00"),
            ("30108", "机关事业单位基本养老保险缴费", "60000.00"),
            ("30302", "退休费", "20000.00"),
            ("30201", "办公费", "100000.00"),
            ("30217", "公务接待费", "5000.00"),
            ("30231", "公务用车运行维护费", "15000.00"),
            ("31002", "办公设备购置", "40000.00"),
        ):
            session.add(
                M.BasicExpenditureLine(**scope, economic_code=code, name=name, final_amount=D(amount))
            )
        session.add(M.Project(**scope, code=PROJECT_CODE, name="非遗保护传承", function_code="2070199"))
        session.add(M.ProjectEconomicLine(**scope, project_code=PROJECT_CODE, economic_code="30227",
                                          name="委托业务费", final_amount=D("20000.00")))  # fmt: skip
        for item, budget, final in (
            ("因公出国（境）费", "0.00", "0.00"),
            ("公务用车购置费", "0.00", "0.00"),
            ("公务用车运行维护费", "16000.00", "15000.00"),
            ("国内公务接待费", "6000.00", "5000.00"),
            ("外事接待费", "0.00", "0.00"),
        ):
            session.add(M.ThreePublicItem(**scope, item=item, budget=D(budget), final_amount=D(final)))
        session.add(M.ReportedAmount(**scope, item="机关运行经费", final_amount=D("160000.00")))
        session.add(M.ReportedCount(**scope, item="在职人数", count=14))
        session.add(M.StatedFigure(**scope, key="公开01表·income_total·income", amount=D("608100.00")))
        session.commit()
        return d
