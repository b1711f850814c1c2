"""Issue 9, observations 1, 3, 4 and 5: every funding source counts, 指标性质 and targets with units
are read one way at every entry, a 完成值 that cannot be scored is 待评, a 合计 over the full marks
is not final. Expected figures are worked out by hand in the comments."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from sqlmodel import Session

from desktop.cli import main
from desktop.domain.scoring import grade
from desktop.errors import UserInputError
from desktop.services.checks import CheckService
from desktop.services.departments import resolve_department
from desktop.services.pdf_export import PdfExportService
from desktop.services.projects import ProjectService
from desktop.services.scoring import ScoringService
from desktop.storage.database import open_database
from desktop.storage.models import Department
from tests.printing.pdf_reading import page_texts, pdf_text
from tests.services.excel_helpers import workbook_file

CARRY = "51090300T000000000011"  # funded from 上年结转资金
GRANT = "51090300T000000000012"  # funded from 本年财政拨款
PROJECT_HEADER = ["项目编码", "年度", "项目名称", "资金来源", "年初预算", "调整后预算", "执行数"]
INDICATOR_HEADER = [
    "项目编码",
    "年度",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "权重",
    "完成值",
]


def import_workbook(tmp_path, province: str, indicators: list[list]) -> object:
    db = tmp_path / "issue9.sqlite3"
    path = workbook_file(
        tmp_path / "in.xlsx",
        {
            "单位": [["单位名称", "省份"], ["某区民政局", province]],
            "项目": [
                PROJECT_HEADER,
                [CARRY, 2023, "结转项目", "上年结转资金", 0, 100, "30.1"],
                [GRANT, 2023, "拨款项目", "本年财政拨款", 200, 200, "60.2"],
            ],
            "绩效指标": [INDICATOR_HEADER, *indicators],
        },
    )
    assert main(["import-xlsx", "--db", str(db), str(path)]) == 0
    return db


def _export(db, form: str, code: str | None, out, *extra: str) -> int:
    project = ["--project", code] if code else []
    return main(
        ["export-pdf", "--db", str(db), "--year", "2023", "--form", form, *project, "--out", str(out), *extra]
    )


def _one_indicator(code: str) -> list:
    return [code, 2023, "产出指标", "数量指标", "培训人次", "正向", "30", "人数", 90, "30"]


# Observation 1 -------------------------------------------------------------------------------


@pytest.mark.parametrize("province", ["四川省", "安徽省"])
def test_carried_over_and_this_years_grants_count_in_the_rate_everywhere(tmp_path, capsys, province):
    db = import_workbook(tmp_path, province, [_one_indicator(CARRY), _one_indicator(GRANT)])
    engine = open_database(db)
    department = resolve_department(engine)
    # 30.10 ÷ 100.00 = 30.10%; 60.20 ÷ 200.00 = 30.10%; 预算执行 10 × 30.10% = 3.01
    details = {d.code: d for d in ProjectService(engine).details(department.id, 2023)}
    for code in (CARRY, GRANT):
        assert details[code].total.execution_rate == D("0.301")
        assert details[code].scores.execution_score == D("3.01")
    scoring = ScoringService(engine)
    card = scoring.create_scorecard(department.id, 2023, "sichuan_project", details[CARRY].id)
    rate = scoring.scorecard(card).line("execution_rate").inputs[0]
    assert (rate.value, rate.origin) == ("30.10%", "项目预算执行数÷调整后预算数")
    engine.dispose()

    capsys.readouterr()
    assert main(["score", "--db", str(db), "--year", "2023", "--json"]) == 0
    own = {p["code"]: p["self_evaluation"] for p in json.loads(capsys.readouterr().out)["projects"]}
    assert [(own[c]["execution_rate"], own[c]["execution_score"]) for c in (CARRY, GRANT)] == [
        (30.1, 3.01)
    ] * 2

    sichuan, national = tmp_path / "sichuan.pdf", tmp_path / "national.pdf"
    if province == "四川省":  # the Sichuan form is printed for Sichuan departments only
        assert _export(db, "self-eval", CARRY, sichuan) == 0
        text = pdf_text(sichuan)
        # Sichuan: 总额 年初 0.00, 调整后 100.00, 执行 30.10, 30.10%, 权重 10, 得分 3.01; its own row too
        assert "总额0.00100.0030.1030.10%103.01" in text
        assert "上年结转资金0.00100.0030.1030.10%//" in text
    assert _export(db, "self-eval-national", GRANT, national) == 0
    text = pdf_text(national)
    # national: 年度资金总额 200.00 / 200.00 / 60.20, 分值 10, 30.10%, 3.01; 本年财政拨款 is 当年财政拨款
    assert "年度资金总额200.00200.0060.201030.10%3.01" in text
    assert "其中：当年财政拨款200.00200.0060.20—30.10%—" in text
    assert "上年结转资金0.000.000.00—0.00%—" in text


def test_the_tab_service_takes_every_source_and_refuses_others(tmp_path):
    db = import_workbook(tmp_path, "四川省", [_one_indicator(CARRY)])
    engine = open_database(db)
    service = ProjectService(engine)
    project = service.find(resolve_department(engine).id, 2023, CARRY)
    detail = service.update_funding(project.id, "本年财政拨款", "adjusted_budget", "100")
    detail = service.update_funding(project.id, "本年财政拨款", "executed", "69.9")
    # (30.10 + 69.90) ÷ (100 + 100) = 50.00%
    assert detail.total.execution_rate == D("0.5")
    with pytest.raises(UserInputError, match="资金来源“社会资金”应为财政资金、"):
        service.update_funding(project.id, "社会资金", "executed", "1")
    engine.dispose()


# Observation 3 -------------------------------------------------------------------------------


def test_an_imported_positive_nature_is_stored_scored_and_printed_as_the_sign(tmp_path):
    db = import_workbook(tmp_path, "安徽省", [_one_indicator(CARRY)])
    engine = open_database(db)
    service = ProjectService(engine)
    detail = service.find(resolve_department(engine).id, 2023, CARRY)
    indicator = detail.indicators[0]
    assert (indicator.nature, indicator.target, indicator.unit, indicator.score) == (
        "≥",
        "30",
        "人数",
        D("90.00"),
    )
    for typed, stored in (
        ("反向", "≤"),
        ("大于等于", "≥"),
        ("不低于", "≥"),
        ("≦", "≤"),
        (">=", "≥"),
        ("等于", "＝"),
    ):
        assert service.update_indicator(indicator.id, "nature", typed).indicators[0].nature == stored
    with pytest.raises(UserInputError, match="“大约”不是 ≥ ≤ ＝ 定性 之一"):
        service.update_indicator(indicator.id, "nature", "大约")
    service.update_indicator(indicator.id, "nature", "正向")
    engine.dispose()
    out = tmp_path / "national.pdf"
    assert _export(db, "self-eval-national", CARRY, out) == 0
    text = pdf_text(out)
    assert "≥30人数" in text and "正向" not in text


# Observation 4 -------------------------------------------------------------------------------


@pytest.fixture
def project(engine):
    with Session(engine) as session:
        department = Department(name="某区民政局", province="四川省")
        session.add(department)
        session.commit()
        department_id = department.id
    service = ProjectService(engine)
    created = service.create_project(department_id, 2023, "P-2023-01", "社区服务")
    service.update_funding(created.id, "财政资金", "adjusted_budget", "10")
    service.update_funding(created.id, "财政资金", "executed", "10")
    return service, created.id


def _add(service, project_id, level3, nature, target, weight, actual, unit=""):
    row = service.add_indicator(
        project_id, level3, level1="产出指标", level2="数量指标", nature=nature, target=target, unit=unit,
        weight=weight, actual=actual,
    )  # fmt: skip
    return next(i for i in service.get(project_id).indicators if i.id == row.id)


def test_targets_with_their_unit_are_read_in_that_unit(project, engine, tmp_path):
    service, project_id = project
    cost = _add(service, project_id, "项目成本", "≤", "≤90万元", 8, "95")
    # 反向, linear: 8 × (1 − (95 − 90) ÷ 90) = 7.555… → 7.56
    assert (cost.target, cost.unit, cost.score) == ("90", "万元", D("7.56"))
    count = _add(service, project_id, "培训场次", "≥", "≥50个", 40, "50")
    assert (count.target, count.unit, count.score) == ("50", "个", D("40.00"))
    share = _add(service, project_id, "覆盖率", "≥", "≥100百分比", 20, "100")
    assert (share.target, share.unit, share.score) == ("100", "百分比", D("20.00"))
    rate = _add(service, project_id, "及时率", "≥", "≥95%", 10, "90%")
    # 10 × 90 ÷ 95 = 9.473… → 9.47
    assert (rate.target, rate.unit, rate.score) == ("95", "%", D("9.47"))
    people = _add(service, project_id, "服务人次", "≥", "30人次", 12, "24")
    # 12 × 24 ÷ 30 = 9.60
    assert (people.target, people.unit, people.score) == ("30", "人次", D("9.60"))
    out = tmp_path / "national.pdf"
    department_id = service.get(project_id).department_id
    PdfExportService(engine).export(department_id, 2023, "self-eval-national", out, "P-2023-01")  # final
    text = pdf_text(out)
    assert "≤90万元95" in text and "≥50个50" in text and "≥100百分比100" in text and "≥≥" not in text
    with pytest.raises(UserInputError) as refused:
        _add(service, project_id, "支出", "≤", "90万元", 5, "80", unit="元")
    assert str(refused.value) == "指标“支出”的指标值：指标值“90万元”的单位“万元”与度量单位“元”不一致"


def test_a_completion_that_cannot_be_scored_is_pending_and_blocks_the_total(
    project, engine, tmp_path, db_path, capsys
):
    service, project_id = project
    _add(service, project_id, "培训场次", "≥", "50", 80, "50", unit="个")
    _add(service, project_id, "制度建设", "定性", "有效", 5, "有效提升")
    _add(service, project_id, "服务人数", "≥", "120", 5, "约126", unit="人")
    detail = service.get(project_id)
    assert [row.score_text for row in detail.indicators] == ["80.00", "待评", "待评"]
    assert (detail.scores.total, detail.scores.grade, detail.scores.note) == (None, None, "待评 2 项")
    listed = service.list(detail.department_id, 2023)[0]
    assert (listed.score, listed.grade, listed.note) == (None, "", "待评 2 项")
    findings = [f for f in CheckService(engine).run(detail.department_id, 2023) if f.rule == "P6"]
    assert [f.where for f in findings] == [
        "项目 社区服务 · 绩效指标第2行 · 完成值",
        "项目 社区服务 · 绩效指标第3行 · 完成值",
    ]
    assert "“约126”不是数值" in findings[1].message

    out = tmp_path / "self.pdf"
    assert _export(db_path, "self-eval", None, out) == 2
    assert capsys.readouterr().err.strip() == (
        "ziping-cli: “项目支出绩效自评表”不能定稿导出：项目“社区服务”：有2项指标待评（完成值无法计分）。如需先打印核对，请导出草稿"
    )
    assert not out.exists()
    assert _export(db_path, "self-eval", None, out, "--draft") == 0
    pages = page_texts(out)
    assert all("草稿" in page for page in pages)
    assert "待评2项" in pages[-1] and "待评" in pages[0]


# Observation 5 -------------------------------------------------------------------------------


def test_a_total_over_the_full_marks_is_not_final_and_never_graded(
    project, engine, db_path, tmp_path, capsys
):
    service, project_id = project
    _add(service, project_id, "培训场次", "≥", "50", 60, "50", unit="个")
    _add(service, project_id, "服务人数", "≥", "100", 35, "92", unit="人")
    detail = service.get(project_id)
    # 预算执行 10 × 10 ÷ 10 = 10; 60 + 35 × 92 ÷ 100 = 60 + 32.20; total 102.20 of 合计 105
    assert (detail.scores.total, detail.scores.grade) == (D("102.20"), None)
    assert detail.scores.weights.total_weight == 105
    listed = service.list(detail.department_id, 2023)[0]
    assert (listed.score, listed.grade, listed.note) == (D("102.20"), "", "合计105分超过满分100分，未定稿")
    assert grade(D("105.05")) == "" and grade(D("100")) == "优"
    p1 = [f for f in CheckService(engine).run(detail.department_id, 2023) if f.rule == "P1"]
    assert [(f.where, f.expected, f.actual) for f in p1] == [
        ("项目 社区服务 · 绩效指标 · 权重合计", "90.00", "95.00"),  # hence the 合计 105 of 100
    ]
    out = tmp_path / "self.pdf"
    command = ["export-pdf", "--db", str(db_path), "--year", "2023", "--form", "self-eval", "--out", str(out)]
    assert main(command) == 2
    assert "合计105分超过满分100分" in capsys.readouterr().err
    assert _export(db_path, "self-eval", None, out, "--draft") == 0
    assert all("草稿" in page for page in page_texts(out))
    assert "合计105102.20" in pdf_text(out)
