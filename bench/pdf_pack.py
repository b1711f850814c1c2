"""Benchmark: the year pack of the sample department as one PDF, and a larger year made of copies
of the sample's projects with many indicators.

    python bench/pdf_pack.py [--projects 30] [--indicators 20]

Prints the seconds, pages and pages per second of each pack (the pack is laid out twice: the
first pass finds the page numbers of the contents page).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from desktop.services.departments import resolve_department
from desktop.services.pdf_export import PdfExportService
from desktop.services.projects import ProjectService
from desktop.services.sample import build_sample_database
from desktop.storage.database import open_database


def _enlarge(engine, department_id: int, projects: int, indicators: int) -> None:
    """Add ``projects`` projects of ``indicators`` indicators each, with paragraph-long texts."""
    service = ProjectService(engine)
    text = "开展防范和处置非法集资宣传，推进风险企业处置，按时高质量完成上级下达的各项工作任务。" * 3
    for number in range(projects):
        project = service.create_project(
            department_id, 2023, f"51090322T9{number:011d}", f"测试项目{number + 1}"
        )
        for field in ("annual_goal", "goal_completion", "implementation_summary", "conclusion", "problems"):
            service.update_project(project.id, field, text)
        service.update_funding(project.id, "财政资金", "adjusted_budget", "100")
        service.update_funding(project.id, "财政资金", "executed", "95")
        for index in range(indicators):
            service.add_indicator(
                project.id,
                f"指标{index + 1}",
                level1=("产出指标", "效益指标", "满意度指标")[index * 3 // indicators],
                level2="数量指标",
                nature="≥",
                target="100",
                unit="%",
                weight=str(round(90 / indicators, 2)),
                actual="95",
            )


def _time_pack(engine, department_id: int, out: Path) -> None:
    start = time.perf_counter()
    result = PdfExportService(engine).export(department_id, 2023, "pack", out)
    seconds = time.perf_counter() - start
    print(f"{out.name}: {seconds:.2f} s, {result.pages} 页, {result.pages / seconds:.1f} 页/秒")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=30)
    parser.add_argument("--indicators", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.sqlite3"
        build_sample_database(path)
        engine = open_database(path)
        department = resolve_department(engine)
        _time_pack(engine, department.id, Path(folder) / "sample-pack.pdf")
        _enlarge(engine, department.id, args.projects, args.indicators)
        _time_pack(engine, department.id, Path(folder) / f"pack-{args.projects}x{args.indicators}.pdf")
        engine.dispose()


if __name__ == "__main__":
    main()
