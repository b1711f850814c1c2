"""All cross-table checks of one department-year, in the order the clerk reads them."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain.check_accounts import check_accounts
from desktop.domain.check_codes import check_codes
from desktop.domain.check_projects import ManualScore, ProjectRecord, check_manual_scores, check_projects
from desktop.domain.check_records import Accounts
from desktop.domain.check_tables import TableFigures, check_tables
from desktop.domain.checks import SEVERITIES, Finding, Ledger, Statement
from desktop.domain.classification import Classification


def run_checks(
    accounts: Accounts,
    projects: list[ProjectRecord],
    statements: list[Statement],
    manual_scores: Sequence[ManualScore] = (),
    edition: Classification | None = None,
    tables: Sequence[TableFigures] = (),
) -> list[Finding]:
    """The findings, 确定 first, then 疑似, then 提示; one per rule and place. ``edition`` is the
    year's 科目 with the department's own codes (V18 is not run without it); ``tables`` are the
    published tables computed from the lines, against which their stated cells are checked."""
    ledger = Ledger(statements)
    project_spending, fiscal_project_spending = check_accounts(accounts, ledger)
    if edition is not None:
        check_codes(accounts, edition, ledger)
    check_projects(projects, project_spending, fiscal_project_spending, ledger)
    check_manual_scores(list(manual_scores), ledger)
    unique: dict[tuple[str, str], Finding] = {}
    for finding in [*ledger.findings, *check_tables(tables, statements)]:
        unique.setdefault(finding.identity(), finding)
    return sorted(unique.values(), key=lambda finding: SEVERITIES.index(finding.severity))
