"""科目: the 功能分类 codes a clerk adds for the department (``user_function_code``).

Revision ID: 0005_user_codes
Revises: 0003_register
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_user_codes"
down_revision = "0004_final_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_function_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("from_year", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "code"),
    )
    with op.batch_alter_table("user_function_code", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_user_function_code_department_id"), ["department_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("user_function_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_function_code_department_id"))
    op.drop_table("user_function_code")
