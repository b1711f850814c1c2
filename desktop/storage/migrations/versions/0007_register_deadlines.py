"""信访登记: 受理期限, 办结期限 and the deadline an open matter runs against, stored on every save.

Generated (``STORED``) columns: SQLite computes them in the statement that writes the row, on
every path (the window, an import, an undo), so a deadline sort is an index walk and the
statistics compare stored dates. A change of the rule is a new migration rewriting them.

Revision ID: 0007_register_deadlines
Revises: 0006_report_texts
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_register_deadlines"
down_revision = "0006_report_texts"
branch_labels = None
depends_on = None

ACCEPTANCE = "date(registered_on, '+15 days')"
EXTENSION = (
    "CASE WHEN extended AND extension_approved_on IS NOT NULL "
    "THEN min(max(extension_days, 0), 30) ELSE 0 END"
)
COMPLETION = f"date(coalesce(accepted_on, {ACCEPTANCE}), printf('+%d days', 60 + {EXTENSION}))"
RUNNING = (
    "CASE WHEN closed_on IS NOT NULL THEN NULL "
    "WHEN accepted_on IS NULL THEN acceptance_deadline ELSE completion_deadline END"
)


def upgrade() -> None:
    with op.batch_alter_table("petition", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("acceptance_deadline", sa.Date(), sa.Computed(ACCEPTANCE, persisted=True)))
        batch_op.add_column(sa.Column("completion_deadline", sa.Date(), sa.Computed(COMPLETION, persisted=True)))
        batch_op.add_column(sa.Column("running_deadline", sa.Date(), sa.Computed(RUNNING, persisted=True)))


def downgrade() -> None:
    with op.batch_alter_table("petition", recreate="always") as batch_op:
        batch_op.drop_column("running_deadline")
        batch_op.drop_column("completion_deadline")
        batch_op.drop_column("acceptance_deadline")
