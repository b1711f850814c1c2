"""决算说明: the texts the clerk writes (主要原因 of each comparison, 职责, 机构, 名词解释, narratives).

Revision ID: 0006_report_texts
Revises: 0004_final_accounts (chained after the merge of the 决算 tables)
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_report_texts"
down_revision = "0005_user_codes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "year", "section"),
    )
    op.create_index("ix_report_text_department_id", "report_text", ["department_id"])
    op.create_index("ix_report_text_year", "report_text", ["year"])


def downgrade() -> None:
    op.drop_index("ix_report_text_year", table_name="report_text")
    op.drop_index("ix_report_text_department_id", table_name="report_text")
    op.drop_table("report_text")
