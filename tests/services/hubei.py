"""A hand-made department beside the sample: another province, a year with no previous year, 上年结转资金."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import insert
from sqlmodel import Session

from desktop.storage import models as M
from desktop.storage.database import open_database

HUBEI_PROJECT = "42010224T000000000017"


def add_hubei_department(path) -> None:
    """武汉市江岸区民政局, 2024 (no 2023 in the file): one row in every table a clerk fills."""
    engine = open_database(path, create=True)
    with Session(engine) as session:
        department = M.Department(
            name="武汉市江岸区民政局",
            competent_department="武汉市江岸区民政局",
            implementing_unit="武汉市江岸区社会救助中心",
            province="湖北省",
            region="武汉市江岸区",
        )
        session.add(department)
        session.commit()
        d = department.id
    with engine.begin() as c:

        def add(model, **values) -> int:
            return c.execute(insert(model.__table__).values(**values)).inserted_primary_key[0]

        add(
            M.IncomeLine,
            department_id=d,
            year=2024,
            source="一般公共预算财政拨款收入",
            function_code="2080201",
            initial_budget=Decimal("1200000.00"),
            adjusted_budget=Decimal("1250000.50"),
            final_amount=Decimal("1234567.89"),
        )
        add(
            M.ExpenditureLine,
            department_id=d,
            year=2024,
            function_code="2080201",
            name="行政运行",
            category="基本支出",
            funding="一般公共预算财政拨款",
            initial_budget=Decimal("900000.00"),
            adjusted_budget=Decimal("950000.00"),
            final_amount=Decimal("948765.43"),
        )
        add(
            M.BalanceLine, department_id=d, year=2024, kind="年末结转和结余", final_amount=Decimal("15802.46")
        )
        add(
            M.BasicExpenditureLine,
            department_id=d,
            year=2024,
            economic_code="30101",
            name="基本工资",
            budget=Decimal("500000.00"),
            final_amount=Decimal("498000.01"),
        )
        add(
            M.ThreePublicItem,
            department_id=d,
            year=2024,
            item="公务用车运行维护费",
            budget=Decimal("30000.00"),
            final_amount=Decimal("28000.00"),
            vehicles=2,
        )
        add(
            M.ExecutionCheckpoint,
            department_id=d,
            year=2024,
            month=6,
            cumulative_spending=Decimal("600000.00"),
            budget_base=Decimal("1250000.50"),
            note="含上年结转",
        )
        add(
            M.StatedFigure,
            department_id=d,
            year=2024,
            key="本年收入合计",
            amount=Decimal("1234567.89"),
            source="决算说明 二",
        )
        add(
            M.StatedFigure,
            department_id=d,
            year=2024,
            key="收入·一般公共预算财政拨款收入占比",
            percent=Decimal("100.00"),
            source="决算说明 二",
        )
        p = add(
            M.Project,
            department_id=d,
            year=2024,
            code="42010224T000000000017",
            name="困难群众救助",
            competent_department="武汉市江岸区民政局",
            implementing_unit="武汉市江岸区社会救助中心",
            function_code="2082001",
            annual_goal="保障困难群众基本生活。",
            goal_completion="全年救助 1200 人次。",
            implementation_summary="按月发放救助金。",
            execution_reason="上年结转资金年底到位。",
            adjustment_reason="年中追加救助对象。",
            conclusion="基本完成目标。",
            problems="到位偏晚。",
            improvements="提前申请资金。",
            project_lead="钱七",
            finance_lead="孙八",
            execution_manual_score=Decimal("8.5"),
            execution_manual_reason="结转资金到位晚，酌情给分",
        )
        add(
            M.ProjectFunding,
            project_id=p,
            source="上年结转资金",
            initial_budget=Decimal("200000.00"),
            adjusted_budget=Decimal("200000.00"),
            executed=Decimal("60200.00"),
        )
        add(
            M.ProjectFunding,
            project_id=p,
            source="本年财政拨款",
            initial_budget=Decimal("100000.00"),
            adjusted_budget=Decimal("120000.00"),
            executed=Decimal("119000.00"),
        )
        add(
            M.Indicator,
            project_id=p,
            position=0,
            level1="产出指标",
            level2="数量指标",
            level3="救助人次",
            nature="≥",
            target="1000",
            unit="人次",
            weight=Decimal("50"),
            direction="正向指标",
            actual="1200",
        )
        add(
            M.Indicator,
            project_id=p,
            position=1,
            level1="满意度指标",
            level2="服务对象满意度指标",
            level3="救助对象满意度",
            nature="定性",
            target="优良中低差",
            weight=Decimal("40"),
            actual="良",
            manual_score=Decimal("34.5"),
            manual_reason="回访中有两户反映发放偏晚",
            shortfall_reason="发放偏晚",
        )
        card = add(
            M.Scorecard,
            department_id=d,
            year=2024,
            template="sichuan_project",
            title="救助项目评价",
            project_id=p,
        )
        add(M.ScorecardItem, scorecard_id=card, item_key="procedure", inputs='{"level": "严密"}')
        add(
            M.ScorecardItem,
            scorecard_id=card,
            item_key="usage_rate",
            inputs='{"rate": "98.5%"}',
            manual_score=Decimal("2.5"),
            manual_reason="抽查两笔支出凭证不全",
            note="见抽查记录",
        )
        add(
            M.ScorecardItem,
            scorecard_id=card,
            item_key="cost",
            inputs='{"label": "办结率", "target": "100%", "_sources": {"actual": "register:按期办结率"}}',
        )
        add(
            M.FindingNote,
            department_id=d,
            year=2024,
            rule="V1",
            place='{"tab": "预算决算"}',
            note="收入为年中调整后口径",
            updated_at=datetime(2024, 12, 1, tzinfo=UTC),
        )
        matter = add(
            M.Petition,
            department_id=d,
            number="JA2024-001",
            registered_on=date(2024, 2, 1),
            channel="来信",
            petitioner_name="周九",
            id_number="11010519491231002X",
            phone="13900001111",
            accepted_on=date(2024, 2, 5),
            closed_on=date(2024, 3, 1),
            in_evaluation_scope=True,
            satisfaction="基本满意",
        )
        add(
            M.Visit,
            department_id=d,
            visited_on=date(2024, 2, 1),
            level="到区",
            persons=3,
            collective=True,
            petition_id=matter,
            locality="大智街道",
            note="集体反映低保",
        )
    engine.dispose()
