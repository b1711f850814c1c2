"""信访登记: the department's 信访事项编号格式 (``船信〔{年}〕{序号:04}号``).

Existing departments get the empty pattern, which numbers matters by the default one.

Revision ID: 0003_register
Revises: 0002_catalogue
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_register"
down_revision = "0002_catalogue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("matter_number_pattern", sa.String(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.drop_column("matter_number_pattern")
