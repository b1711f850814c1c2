"""V15 vehicles: the 国有资产 vehicles by type against the 三公经费's 公务用车保有量 (疑似)."""

from __future__ import annotations

from sqlmodel import Session, select

from desktop.services.checks import CheckService
from desktop.storage.database import open_database
from desktop.storage.models import Department, ReportedCount, ThreePublicItem


def _v15(engine, department_id):
    return [
        f for f in CheckService(engine).run(department_id, 2023) if f.where == "三公经费 · 公务用车保有量"
    ]


def test_the_sample_has_no_vehicle_and_says_so_twice_and_a_type_with_two_is_one_finding(sample_path):
    engine = open_database(sample_path)
    try:
        with Session(engine) as session:
            department_id = session.exec(select(Department.id)).one()
        assert _v15(engine, department_id) == []  # “单位共有公务用车0辆”, “共有车辆0辆”
        with Session(engine) as session:
            for item, count in (("执法执勤用车", 2), ("其他用车", 1)):
                row = session.exec(select(ReportedCount).where(ReportedCount.item == item)).one()
                row.count = count
                session.add(row)
            session.commit()
        (finding,) = _v15(engine, department_id)
        assert (finding.rule, finding.severity, finding.expected, finding.actual) == ("V15", "疑似", "3", "0")
        assert finding.message == (
            "国有资产车辆按类型合计 3 辆（执法执勤用车 2 辆、其他用车 1 辆），三公经费的公务用车保有量为 0 辆"
        )
        with Session(engine) as session:
            running = session.exec(
                select(ThreePublicItem).where(ThreePublicItem.item == "公务用车运行维护费")
            ).one()
            running.vehicles = 3
            session.add(running)
            session.commit()
        assert _v15(engine, department_id) == []
    finally:
        engine.dispose()
