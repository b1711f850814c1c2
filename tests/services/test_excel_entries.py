"""Everything the clerk typed survives Excel: export → import into a new database gives the same data.

The sample (with manual scores, conclusions, signatories and a 说明 typed as a clerk would) must give
the same ``score --json`` and ``check --json`` after the round trip; a hand-made department of another
province, funded from 上年结转资金, must come back with every field of every table equal.
"""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.cli import main
from desktop.services.container import build_services
from desktop.services.departments import resolve_department
from desktop.services.excel import ExcelService, ImportRejected, import_into_path
from desktop.services.sample import build_sample_database
from desktop.storage import models as M
from desktop.storage.database import open_database
from tests.services.excel_helpers import workbook_file
from tests.services.hubei import add_hubei_department

YEAR = ["--year", "2023"]


def _json(capsys, *argv: str) -> dict:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def typed_sample(tmp_path):
    """The sample with what a clerk types in the window on top: texts, signatories, manual scores, a 说明."""
    path = tmp_path / "sample.sqlite3"
    build_sample_database(path)
    engine = open_database(path)
    services = build_services(engine)
    department = resolve_department(engine)
    project = services.projects.list(department.id, 2023)[0]
    for field, text in (
        ("conclusion", "项目完成了年度目标，资金使用规范。"),
        ("problems", "部分支出进度偏慢。"),
        ("improvements", "加强预算执行监控。"),
        ("project_lead", "王五"),
        ("finance_lead", "赵六"),
        ("execution_manual_reason", "年末集中支付，按实际到位资金调整"),
    ):
        services.projects.update_project(project.id, field, text)
    services.projects.update_project(project.id, "execution_manual_score", "9.5")
    indicator = services.projects.get(project.id).indicators[0]
    services.projects.update_indicator(indicator.id, "manual_reason", "完成值为估算，酌情扣分")
    services.projects.update_indicator(indicator.id, "manual_score", str(indicator.weight - 1))
    finding = services.checks.run(department.id, 2023)[0]
    services.checks.set_note(department.id, 2023, finding.rule, finding.place_key, "口径不同，已向财政局说明")
    engine.dispose()
    return path


def test_sample_round_trip_gives_the_same_score_and_checks(typed_sample, tmp_path, capsys):
    out, copy = tmp_path / "out.xlsx", tmp_path / "copy.sqlite3"
    score = _json(capsys, "score", "--db", str(typed_sample), *YEAR, "--json")
    check = _json(capsys, "check", "--db", str(typed_sample), *YEAR, "--json")
    assert main(["export-xlsx", "--db", str(typed_sample), *YEAR, "--out", str(out), "--unmasked"]) == 0
    assert main(["import-xlsx", "--db", str(copy), str(out)]) == 0
    report = capsys.readouterr().out

    assert _json(capsys, "score", "--db", str(copy), *YEAR, "--json") == score
    assert _json(capsys, "check", "--db", str(copy), *YEAR, "--json") == check
    # what the round trip carries, seen in the outputs themselves
    assert score["department"] is not None and sum("scorecard" in p for p in score["projects"]) == 2
    assert any(finding["note"] == "口径不同，已向财政局说明" for finding in check["findings"])
    assert "评价打分：新增 41 条，更新 0 条" in report  # 11 department items + 2 × 15 project items
    assert "核对说明：新增 1 条，更新 0 条" in report


def test_the_export_shows_the_typed_entries(typed_sample, tmp_path):
    out = tmp_path / "out.xlsx"
    assert main(["export-xlsx", "--db", str(typed_sample), *YEAR, "--out", str(out)]) == 0
    workbook = load_workbook(out)
    rows = list(workbook["项目自评"].iter_rows(values_only=True))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["评价结论"] == "项目完成了年度目标，资金使用规范。"
    assert (first["项目负责人"], first["财务负责人"]) == ("王五", "赵六")
    assert first["预算执行调整后得分"] == 9.5
    items = [
        dict(zip(workbook["评价打分"][1], row, strict=True))
        for row in workbook["评价打分"].iter_rows(min_row=2)
    ]
    accuracy = next(
        {header.value: cell.value for header, cell in item.items()}
        for item in items
        if item[next(h for h in item if h.value == "指标编号")].value == "compilation_accuracy"
    )
    # sample_scorecards: 预算调剂金额 18万元, manual 6 with the seed's reason, on the item's first row
    assert accuracy["指标名称"] and accuracy["输入项"] == "预算调剂金额" and accuracy["录入值"] == "18万元"
    assert accuracy["手工得分"] == 6 and accuracy["手工得分理由"].startswith("原自评表自评得分6分")


def test_a_masked_export_is_reported_and_never_overwrites_the_full_numbers(typed_sample, tmp_path):
    out = tmp_path / "masked.xlsx"
    engine = open_database(typed_sample)
    with engine.connect() as connection:
        table = M.Petition.__table__
        before = connection.execute(select(table.c.number, table.c.id_number, table.c.phone)).all()
    ExcelService(engine).export(resolve_department(engine).id, 2023, out)
    engine.dispose()

    over = import_into_path(typed_sample, out)
    fresh = import_into_path(tmp_path / "new.sqlite3", out)

    # the sample's 782 matters each have an ID number and a phone number
    for report in (over, fresh):
        assert "身份证号已打码，未导入：782 条（数据库中已有的号码不变，新记录留空）" in report.warnings
        assert "联系电话已打码，未导入：782 条（数据库中已有的号码不变，新记录留空）" in report.warnings
        assert any("身份证号已打码" in line for line in report.lines())
    engine = open_database(typed_sample)
    with engine.connect() as connection:
        after = connection.execute(select(table.c.number, table.c.id_number, table.c.phone)).all()
    engine.dispose()
    assert sorted(after) == sorted(before)
    assert all("*" not in row.id_number and len(row.id_number) == 18 for row in after)


# a hand-made department: another province, a year with no previous year, 上年结转资金 -------------------


_KEYS = {"id", "department_id", "project_id", "scorecard_id", "petition_id", "updated_at"}


def _snapshot(path) -> dict[str, list]:
    """Every clerk-entered row of every table, with links by 编码 instead of row ids."""
    engine = open_database(path)
    tables = {}
    with engine.connect() as connection:
        codes = dict(connection.execute(select(M.Project.__table__.c.id, M.Project.__table__.c.code)).all())
        cards = {
            row.id: (row.template, codes.get(row.project_id))
            for row in connection.execute(select(M.Scorecard.__table__))
        }
        numbers = dict(
            connection.execute(select(M.Petition.__table__.c.id, M.Petition.__table__.c.number)).all()
        )
        for model in (
            M.Department, M.IncomeLine, M.ExpenditureLine, M.BalanceLine, M.BasicExpenditureLine,
            M.ThreePublicItem, M.ExecutionCheckpoint, M.StatedFigure, M.Project, M.ProjectFunding, M.Indicator,
            M.Scorecard, M.ScorecardItem, M.FindingNote, M.Petition, M.Visit,
        ):  # fmt: skip
            rows = []
            for row in connection.execute(select(model.__table__)):
                values = {k: v for k, v in row._mapping.items() if k not in _KEYS}
                if "project_id" in row._mapping:
                    values["project"] = codes.get(row.project_id)
                if "scorecard_id" in row._mapping:
                    values["scorecard"] = cards[row.scorecard_id]
                if "petition_id" in row._mapping:
                    values["petition"] = numbers.get(row.petition_id)
                rows.append(values)
            tables[model.__tablename__] = sorted(rows, key=repr)
    engine.dispose()
    return tables


def test_a_hand_made_department_comes_back_with_every_field(tmp_path):
    source, copy, out = tmp_path / "hubei.sqlite3", tmp_path / "copy.sqlite3", tmp_path / "hubei.xlsx"
    add_hubei_department(source)
    assert main(["export-xlsx", "--db", str(source), "--year", "2024", "--out", str(out), "--unmasked"]) == 0
    assert main(["import-xlsx", "--db", str(copy), str(out)]) == 0

    before, after = _snapshot(source), _snapshot(copy)
    assert before["project_funding"][0]["source"] == "上年结转资金"  # the snapshot holds what was made
    assert len(before["scorecard_item"]) == 3 and len(before["finding_note"]) == 1
    for table, rows in before.items():
        assert after[table] == rows, table


# refused rows: the import checks what it carries as the window does -----------------------------------


def _refused(tmp_path, sheets: dict[str, list[list]]) -> tuple[str, ...]:
    source = tmp_path / "hubei.sqlite3"
    add_hubei_department(source)
    with pytest.raises(ImportRejected) as raised:
        import_into_path(source, workbook_file(tmp_path / "bad.xlsx", sheets))
    return raised.value.report.problems


def test_a_manual_score_without_its_reason_is_refused(tmp_path):
    problems = _refused(
        tmp_path,
        {
            "项目自评": [
                ["年度", "项目编码", "预算执行调整后得分", "预算执行得分调整理由"],
                [2024, "42010224T000000000017", 9, ""],
            ],
            "绩效指标": [
                [
                    "年度",
                    "项目编码",
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "指标性质",
                    "权重",
                    "调整后得分",
                    "得分调整理由",
                ],
                [2024, "42010224T000000000017", "产出指标", "数量指标", "救助人次", "≥", 50, 51, "多给一分"],
            ],
        },
    )
    assert problems == (
        "工作表“绩效指标”第 2 行“调整后得分”列：调整后得分：手工得分51.00不在0到权重50.00之间",
        "工作表“项目自评”第 2 行“预算执行调整后得分”列：预算执行得分：有手工得分时须填写调整理由",
    )


def test_a_scorecard_entry_that_cannot_be_read_is_refused(tmp_path):
    head = [
        "年度",
        "项目编码",
        "模板",
        "指标编号",
        "输入项",
        "录入值",
        "手工得分",
        "手工得分理由",
        "取数来源",
    ]
    problems = _refused(
        tmp_path,
        {
            "评价表": [
                ["年度", "项目编码", "模板"],
                [2024, "", "hubei_department"],
                [2024, "", "sichuan_project"],
                [2024, "", "../forms/sichuan_department"],
            ],
            "评价打分": [
                head,
                [
                    2024,
                    "42010224T000000000017",
                    "sichuan_project",
                    "procedure",
                    "评定等级",
                    "很严密",
                    None,
                    None,
                ],
                [
                    2024,
                    "42010224T000000000017",
                    "sichuan_project",
                    "usage_rate",
                    "发现问题数",
                    "3",
                    None,
                    None,
                ],
                [2024, "42010224T000000000017", "sichuan_project", "planning", "", "", 5, "理由"],
                [
                    2024,
                    "42010224T000000000017",
                    "sichuan_project",
                    "cost",
                    "完成值",
                    "",
                    None,
                    None,
                    "checkpoint:13",
                ],
            ],
        },
    )
    assert problems[:3] == (
        "工作表“评价表”第 2 行“模板”列：模板“hubei_department”不存在（forms 文件夹中没有这张评价表）",
        "工作表“评价表”第 3 行“模板”列：模板“sichuan_project”不能用作部门整体评价表",
        "工作表“评价表”第 4 行“模板”列：模板“../forms/sichuan_department”不存在（forms 文件夹中没有这张评价表）",
    )
    items = problems[3:]
    assert items[0].startswith("工作表“评价打分”第 2 行“录入值”列：“程序严密”的“评定等级”应为：")
    assert items[1] == "工作表“评价打分”第 3 行“输入项”列：“资金使用率”没有输入项“发现问题数”"
    assert items[2] == "工作表“评价打分”第 4 行“手工得分”列：“规划合理”：手工得分5.00不在0到权重2.00之间"
    assert items[3] == (
        "工作表“评价打分”第 5 行“取数来源”列：取数来源“checkpoint:13”无法识别"
        "（应为 checkpoint:月份、budget:…、project:execution_rate 或 register:…）"
    )
    assert len(items) == 4
