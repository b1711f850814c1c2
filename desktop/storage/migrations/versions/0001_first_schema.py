"""First schema: budget lines, projects and indicators, scorecards, petition register, audit log.

Column types are the storage types (money is INTEGER 分, exact decimals and timestamps TEXT),
so this migration stays valid whatever the Python types become.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-27 13:07:19.121410
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# the register's filters and statistics on a large register (bench/register_million.py)
PETITION_INDEXES = {
    "ix_petition_department_channel": ["department_id", "channel", "registered_on"],
    "ix_petition_department_locality": ["department_id", "locality", "registered_on"],
    "ix_petition_department_category": ["department_id", "category", "registered_on"],
    "ix_petition_department_review": ["department_id", "review_requested_on", "review_closed_on"],
    "ix_petition_department_recheck": ["department_id", "recheck_requested_on", "recheck_closed_on"],
    "ix_petition_statistics": [
        "department_id", "registered_on", "channel", "accepted_on", "closed_on", "extended",
        "extension_approved_on", "extension_days", "in_evaluation_scope", "satisfaction",
    ],
}  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    op.create_table(
        "department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("competent_department", sa.String(), nullable=False),
        sa.Column("implementing_unit", sa.String(), nullable=False),
        sa.Column("province", sa.String(), nullable=False),
        sa.Column("region", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "balance_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("final_amount", sa.Integer(), nullable=False),
        sa.Column("previous_final", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "year", "kind"),
    )
    with op.batch_alter_table("balance_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_balance_line_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_balance_line_year"), ["year"], unique=False)

    op.create_table(
        "basic_expenditure_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("economic_code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("funding", sa.String(), nullable=False),
        sa.Column("budget", sa.Integer(), nullable=False),
        sa.Column("final_amount", sa.Integer(), nullable=False),
        sa.Column("previous_final", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "year", "economic_code", "funding"),
    )
    with op.batch_alter_table("basic_expenditure_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_basic_expenditure_line_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_basic_expenditure_line_year"), ["year"], unique=False)

    op.create_table(
        "execution_checkpoint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("cumulative_spending", sa.Integer(), nullable=False),
        sa.Column("budget_base", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "year", "month"),
    )
    with op.batch_alter_table("execution_checkpoint", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_execution_checkpoint_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_execution_checkpoint_year"), ["year"], unique=False)

    op.create_table(
        "expenditure_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("function_code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("funding", sa.String(), nullable=False),
        sa.Column("initial_budget", sa.Integer(), nullable=False),
        sa.Column("adjusted_budget", sa.Integer(), nullable=False),
        sa.Column("final_amount", sa.Integer(), nullable=False),
        sa.Column("previous_final", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "year", "function_code", "category", "funding"),
    )
    with op.batch_alter_table("expenditure_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expenditure_line_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_expenditure_line_year"), ["year"], unique=False)

    op.create_table(
        "finding_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("place", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "year", "rule", "place"),
    )
    with op.batch_alter_table("finding_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_note_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_finding_note_year"), ["year"], unique=False)

    op.create_table(
        "income_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("function_code", sa.String(), nullable=False),
        sa.Column("initial_budget", sa.Integer(), nullable=False),
        sa.Column("adjusted_budget", sa.Integer(), nullable=False),
        sa.Column("final_amount", sa.Integer(), nullable=False),
        sa.Column("previous_final", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "year", "source", "function_code"),
    )
    with op.batch_alter_table("income_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_income_line_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_income_line_year"), ["year"], unique=False)

    op.create_table(
        "petition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("assigned_level", sa.String(), nullable=False),
        sa.Column("handling_type", sa.String(), nullable=False),
        sa.Column("petitioner_name", sa.String(), nullable=False),
        sa.Column("id_number", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("locality", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("responsible_unit", sa.String(), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("extended", sa.Boolean(), nullable=False),
        sa.Column("extension_approved_on", sa.Date(), nullable=True),
        sa.Column("extension_days", sa.Integer(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("in_evaluation_scope", sa.Boolean(), nullable=False),
        sa.Column("satisfaction", sa.String(), nullable=False),
        sa.Column("review_requested_on", sa.Date(), nullable=True),
        sa.Column("review_closed_on", sa.Date(), nullable=True),
        sa.Column("review_outcome", sa.String(), nullable=False),
        sa.Column("recheck_requested_on", sa.Date(), nullable=True),
        sa.Column("recheck_closed_on", sa.Date(), nullable=True),
        sa.Column("recheck_outcome", sa.String(), nullable=False),
        sa.Column("repeat", sa.Boolean(), nullable=False),
        sa.Column("backlog", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "number"),
    )
    with op.batch_alter_table("petition", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_petition_department_id"), ["department_id"], unique=False)
        batch_op.create_index(
            "ix_petition_department_registered", ["department_id", "registered_on"], unique=False
        )
        for name, columns in PETITION_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)

    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("competent_department", sa.String(), nullable=False),
        sa.Column("implementing_unit", sa.String(), nullable=False),
        sa.Column("function_code", sa.String(), nullable=False),
        sa.Column("annual_goal", sa.Text(), nullable=False),
        sa.Column("goal_completion", sa.Text(), nullable=False),
        sa.Column("implementation_summary", sa.Text(), nullable=False),
        sa.Column("execution_reason", sa.Text(), nullable=False),
        sa.Column("adjustment_reason", sa.Text(), nullable=False),
        sa.Column("conclusion", sa.Text(), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("improvements", sa.Text(), nullable=False),
        sa.Column("project_lead", sa.String(), nullable=False),
        sa.Column("finance_lead", sa.String(), nullable=False),
        sa.Column("execution_manual_score", sa.String(), nullable=True),
        sa.Column("execution_manual_reason", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "year", "code"),
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_year"), ["year"], unique=False)

    op.create_table(
        "stated_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=True),
        sa.Column("percent", sa.String(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "year", "key"),
    )
    with op.batch_alter_table("stated_figure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stated_figure_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stated_figure_year"), ["year"], unique=False)

    op.create_table(
        "three_public_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(), nullable=False),
        sa.Column("budget", sa.Integer(), nullable=False),
        sa.Column("final_amount", sa.Integer(), nullable=False),
        sa.Column("previous_final", sa.Integer(), nullable=False),
        sa.Column("batches", sa.Integer(), nullable=False),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("vehicles", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "year", "item"),
    )
    with op.batch_alter_table("three_public_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_three_public_item_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_three_public_item_year"), ["year"], unique=False)

    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("level1", sa.String(), nullable=False),
        sa.Column("level2", sa.String(), nullable=False),
        sa.Column("level3", sa.String(), nullable=False),
        sa.Column("nature", sa.String(), nullable=False),
        sa.Column("target", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("weight", sa.String(), nullable=False),
        sa.Column("direction", sa.String(), nullable=False),
        sa.Column("actual", sa.String(), nullable=False),
        sa.Column("manual_score", sa.String(), nullable=True),
        sa.Column("manual_reason", sa.String(), nullable=False),
        sa.Column("shortfall_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_project_id"), ["project_id"], unique=False)

    op.create_table(
        "project_funding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("initial_budget", sa.Integer(), nullable=False),
        sa.Column("adjusted_budget", sa.Integer(), nullable=False),
        sa.Column("executed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "source"),
    )
    with op.batch_alter_table("project_funding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_funding_project_id"), ["project_id"], unique=False)

    op.create_table(
        "scorecard",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("template", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "year", "template", "project_id"),
    )
    with op.batch_alter_table("scorecard", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scorecard_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_scorecard_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_scorecard_year"), ["year"], unique=False)

    op.create_table(
        "visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("level", sa.String(), nullable=False),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("collective", sa.Boolean(), nullable=False),
        sa.Column("petition_id", sa.Integer(), nullable=True),
        sa.Column("locality", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["petition_id"], ["petition.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index("ix_visit_department_date", ["department_id", "visited_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_department_id"), ["department_id"], unique=False)

    op.create_table(
        "scorecard_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(), nullable=False),
        sa.Column("inputs", sa.Text(), nullable=False),
        sa.Column("manual_score", sa.String(), nullable=True),
        sa.Column("manual_reason", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["scorecard_id"], ["scorecard.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("scorecard_id", "item_key"),
    )
    with op.batch_alter_table("scorecard_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scorecard_item_scorecard_id"), ["scorecard_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("scorecard_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scorecard_item_scorecard_id"))

    op.drop_table("scorecard_item")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_department_id"))
        batch_op.drop_index("ix_visit_department_date")

    op.drop_table("visit")
    with op.batch_alter_table("scorecard", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scorecard_year"))
        batch_op.drop_index(batch_op.f("ix_scorecard_project_id"))
        batch_op.drop_index(batch_op.f("ix_scorecard_department_id"))

    op.drop_table("scorecard")
    with op.batch_alter_table("project_funding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_funding_project_id"))

    op.drop_table("project_funding")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_project_id"))

    op.drop_table("indicator")
    with op.batch_alter_table("three_public_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_three_public_item_year"))
        batch_op.drop_index(batch_op.f("ix_three_public_item_department_id"))

    op.drop_table("three_public_item")
    with op.batch_alter_table("stated_figure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stated_figure_year"))
        batch_op.drop_index(batch_op.f("ix_stated_figure_department_id"))

    op.drop_table("stated_figure")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_year"))
        batch_op.drop_index(batch_op.f("ix_project_department_id"))

    op.drop_table("project")
    with op.batch_alter_table("petition", schema=None) as batch_op:
        for name in PETITION_INDEXES:
            batch_op.drop_index(name)
        batch_op.drop_index("ix_petition_department_registered")
        batch_op.drop_index(batch_op.f("ix_petition_department_id"))

    op.drop_table("petition")
    with op.batch_alter_table("income_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_income_line_year"))
        batch_op.drop_index(batch_op.f("ix_income_line_department_id"))

    op.drop_table("income_line")
    with op.batch_alter_table("finding_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_note_year"))
        batch_op.drop_index(batch_op.f("ix_finding_note_department_id"))

    op.drop_table("finding_note")
    with op.batch_alter_table("expenditure_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expenditure_line_year"))
        batch_op.drop_index(batch_op.f("ix_expenditure_line_department_id"))

    op.drop_table("expenditure_line")
    with op.batch_alter_table("execution_checkpoint", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_execution_checkpoint_year"))
        batch_op.drop_index(batch_op.f("ix_execution_checkpoint_department_id"))

    op.drop_table("execution_checkpoint")
    with op.batch_alter_table("basic_expenditure_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_basic_expenditure_line_year"))
        batch_op.drop_index(batch_op.f("ix_basic_expenditure_line_department_id"))

    op.drop_table("basic_expenditure_line")
    with op.batch_alter_table("balance_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_balance_line_year"))
        batch_op.drop_index(batch_op.f("ix_balance_line_department_id"))

    op.drop_table("balance_line")
    op.drop_table("department")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
