"""The sample's 决算说明 texts that the clerk writes (主要原因, 部门职责 …), read from
resources/sample/report_texts_2023.toml, where each says where in the seed it is copied from."""

from __future__ import annotations

from sqlmodel import Session

from desktop.domain.report_text import DUTIES, ORGANISATION
from desktop.paths import SAMPLE
from desktop.services.report_data import DEPARTMENT_WIDE
from desktop.services.sample_budget import read_sample
from desktop.storage.models import ReportText

TEXTS_FILE = SAMPLE / "report_texts_2023.toml"


def add_sample_report_texts(session: Session, department_id: int) -> None:
    """Add the texts (not committed here); 职责 and 机构 are kept for every year."""
    data = read_sample(TEXTS_FILE)
    for row in data["text"]:
        section = row["section"]
        year = DEPARTMENT_WIDE if section in (DUTIES, ORGANISATION) else data["year"]
        session.add(
            ReportText(department_id=department_id, year=year, section=section, text=row["text"].strip())
        )
