"""A workbook another program filled from the template: headers only, its own column order and variants."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.services.departments import resolve_department
from desktop.storage import models as M
from desktop.storage.database import open_database
from tests.services.excel_helpers import workbook_file

CODE = "51090300T000000000001"
SPLIT = "51090300T000000000002"


def _workbook(path):
    return workbook_file(
        path,
        {
            "单位": [["主管部门", "单位名称", "省份"], ["某区民政局部门", "某区民政局", "安徽"]],
            "项目": [
                [
                    "项目代码",
                    "年度",
                    "资金来源",
                    "执行数（万元）",
                    "年初预算",
                    "调整后预算数",
                    "项目名称",
                    "年度目标",
                ],
                [CODE, 2023, "总额", 6, 10, 8, "社区培训", "培训社区工作者"],
                [SPLIT, 2023, "总额", "4.5", "5", "5", "困难补助", None],
                [SPLIT, 2023, "财政资金", 3, 3, 3, "困难补助", None],
                [SPLIT, 2023, "单位资金", "1.5", 2, 2, "困难补助", None],
            ],
            "绩效指标": [
                [
                    "项目代码",
                    "三级指标",
                    "一级指标",
                    "二级指标",
                    "指标性质",
                    "指标值",
                    "实际完成值",
                    "分值",
                    "年度",
                ],
                [CODE, "培训人次", "产出指标", "数量指标", "≥", "100", "90", 40, 2023],
                [CODE, "投诉件数", "效益指标", "社会效益指标", "≤", "10", "15", 30, 2023],
                [CODE, "服务对象满意度", "满意度指标", "服务对象满意度指标", "≥", "90", "95", 20, 2023],
            ],
            "信访事项": [
                ["信访形式", "编号", "登记日期", "姓名", "受理日期", "办结日期", "满意度", "纳入满意度评价"],
                ["来信", "2023-001", datetime(2023, 1, 5), "李四", "2023/1/9", "2023年2月1日", "满意", "是"],
                ["网上", 2023002, "2023-01-06", None, None, None, None, None],
            ],
            "走访记录": [
                ["日期", "层级", "人次", "集体访", "事项编号"],
                ["2023-01-05", "到区", 7, "是", "2023-001"],
            ],
        },
    )


def test_another_programs_workbook_imports_into_a_new_database(tmp_path, capsys):
    db = tmp_path / "new.sqlite3"

    assert main(["import-xlsx", "--db", str(db), str(_workbook(tmp_path / "in.xlsx"))]) == 0

    out = capsys.readouterr().out
    assert "项目：新增 2 条，更新 0 条" in out
    assert "绩效指标：新增 3 条，更新 0 条" in out
    engine = open_database(db)
    department = resolve_department(engine)
    assert (department.name, department.competent_department) == ("某区民政局", "某区民政局部门")
    with engine.connect() as connection:
        funding = connection.execute(
            select(M.Project.__table__.c.code, M.ProjectFunding.__table__)
            .join(M.Project.__table__)
            .order_by(M.ProjectFunding.__table__.c.id)
        ).all()
        petitions = connection.execute(select(M.Petition.__table__).order_by("number")).all()
        visit = connection.execute(select(M.Visit.__table__)).one()
        weights = connection.execute(select(M.Indicator.__table__.c.weight)).scalars().all()
    engine.dispose()
    # a 总额 row alone is one 财政资金 source; 总额 with sources keeps the sources
    assert [
        (row.code, row.source, row.initial_budget, row.adjusted_budget, row.executed) for row in funding
    ] == [
        (CODE, "财政资金", Decimal("100000.00"), Decimal("80000.00"), Decimal("60000.00")),
        (SPLIT, "财政资金", Decimal("30000.00"), Decimal("30000.00"), Decimal("30000.00")),
        (SPLIT, "单位资金", Decimal("20000.00"), Decimal("20000.00"), Decimal("15000.00")),
    ]
    assert [(p.number, p.registered_on, p.accepted_on, p.closed_on, p.satisfaction) for p in petitions] == [
        ("2023-001", date(2023, 1, 5), date(2023, 1, 9), date(2023, 2, 1), "满意"),
        ("2023002", date(2023, 1, 6), None, None, "未评价"),
    ]
    assert (visit.level, visit.persons, visit.collective, visit.petition_id) == (
        "到区",
        7,
        True,
        petitions[0].id,
    )
    assert weights == [Decimal(40), Decimal(30), Decimal(20)]


def test_scores_of_the_imported_project_follow_domain_rules(tmp_path):
    scoring = pytest.importorskip("desktop.services.scoring")
    db = tmp_path / "new.sqlite3"
    assert main(["import-xlsx", "--db", str(db), str(_workbook(tmp_path / "in.xlsx"))]) == 0
    engine = open_database(db)
    evaluations = scoring.ScoringService(engine).project_evaluations(resolve_department(engine).id, 2023)
    engine.dispose()
    evaluation = next(e for e in evaluations if e.code == CODE)

    # DOMAIN.md §1.3: 执行率 = 6 / 8 = 75%, 得分 = 10 × 75% = 7.50
    assert evaluation.scores.execution_score == Decimal("7.50")
    # §1.5: ≥ 90 of 100 → 40 × 0.9 = 36; ≤ 15 against 10 → 30 × (1 − 5/10) = 15; ≥ 95 of 90 → 20
    assert [indicator.score for indicator in evaluation.indicators] == [
        Decimal("36.00"),
        Decimal("15.00"),
        Decimal("20.00"),
    ]
    # §1.7: 7.50 + 36 + 15 + 20 = 78.50 → 中
    assert (evaluation.scores.total, evaluation.scores.grade) == (Decimal("78.50"), "中")


def test_total_that_disagrees_with_its_sources_is_reported(tmp_path, capsys):
    path = workbook_file(
        tmp_path / "in.xlsx",
        {
            "单位": [["单位名称", "省份"], ["某区民政局", "安徽省"]],
            "项目": [
                ["年度", "项目编码", "项目名称", "资金来源", "年初预算", "调整后预算", "执行数"],
                [2023, SPLIT, "困难补助", "总额", 5, 5, 4],
                [2023, SPLIT, "困难补助", "财政资金", 3, 3, 3],
                [2023, SPLIT, "困难补助", "单位资金", 2, 2, "1.5"],
            ],
        },
    )

    assert main(["import-xlsx", "--db", str(tmp_path / "new.sqlite3"), str(path)]) == 2

    assert capsys.readouterr().err.strip() == (
        "ziping-cli: in.xlsx 未导入：工作表“项目”第 2 行“执行数”列：总额行的执行数 4.00 万元与各资金来源合计 4.50 万元不一致"
    )
    assert not (tmp_path / "new.sqlite3").exists()
