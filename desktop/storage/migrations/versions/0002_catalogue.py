"""单位信息: the department's 统一社会信用代码.

Existing departments keep their province; their code is empty until the clerk enters it.

Revision ID: 0002_catalogue
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_catalogue"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.add_column(sa.Column("credit_code", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.drop_column("credit_code")
