"""部门决算, complete (issue 13): 结转结余 by fund, 项目支出 by 经济分类, the 说明's amounts and counts.

- ``income_line.funding``: the fund of a 年初结转和结余 row. A file before this revision held one
  年初结转和结余 without its fund: left empty, it is read as 其他资金 (非财政拨款), like one typed
  without a fund or imported from an older workbook (which then finds it by the same empty key);
  the 财政拨款 tables' checks (V10) report it when the 财政拨款 side does not balance without it.
- ``balance_line.funding`` and ``function_code``: 结余分配 / 年末结转和结余 by fund, and by 科目 where
  the fund's own table lists them; older rows are 其他资金 like the 年初 ones.
- ``project_economic_line``, ``reported_amount``, ``reported_count``: new tables.

The unique constraints were unnamed; the naming convention names them so batch mode can drop them.

Revision ID: 0004_final_accounts
Revises: 0003_register
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_final_accounts"
down_revision = "0003_register"
branch_labels = None
depends_on = None

NAMING = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}
OLD_INCOME_KEY = ("department_id", "year", "source", "function_code")
OLD_BALANCE_KEY = ("department_id", "year", "kind")


def _unique(table: str, columns: tuple[str, ...]) -> str:
    return f"uq_{table}_{'_'.join(columns)}"


def _year_table(name: str, *columns: sa.Column, key: tuple[str, ...]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("department_id", "year", *key),
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{name}_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f(f"ix_{name}_year"), ["year"], unique=False)


def upgrade() -> None:
    with op.batch_alter_table("income_line", naming_convention=NAMING) as batch_op:
        batch_op.add_column(sa.Column("funding", sa.String(), nullable=False, server_default=""))
        batch_op.drop_constraint(_unique("income_line", OLD_INCOME_KEY), type_="unique")
        batch_op.create_unique_constraint(
            _unique("income_line", (*OLD_INCOME_KEY, "funding")), [*OLD_INCOME_KEY, "funding"]
        )
    with op.batch_alter_table("balance_line", naming_convention=NAMING) as batch_op:
        batch_op.add_column(sa.Column("funding", sa.String(), nullable=False, server_default="其他资金"))
        batch_op.add_column(sa.Column("function_code", sa.String(), nullable=False, server_default=""))
        batch_op.drop_constraint(_unique("balance_line", OLD_BALANCE_KEY), type_="unique")
        new_key = (*OLD_BALANCE_KEY, "funding", "function_code")
        batch_op.create_unique_constraint(_unique("balance_line", new_key), list(new_key))
    _year_table(
        "project_economic_line",
        sa.Column("project_code", sa.String(), nullable=False),
        sa.Column("economic_code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("funding", sa.String(), nullable=False),
        sa.Column("final_amount", sa.Integer(), nullable=False),
        key=("project_code", "economic_code", "funding"),
    )
    _year_table(
        "reported_amount",
        sa.Column("item", sa.String(), nullable=False),
        sa.Column("final_amount", sa.Integer(), nullable=False),
        sa.Column("previous_final", sa.Integer(), nullable=False),
        key=("item",),
    )
    _year_table(
        "reported_count",
        sa.Column("item", sa.String(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("previous_count", sa.Integer(), nullable=False),
        key=("item",),
    )


def downgrade() -> None:
    for name in ("reported_count", "reported_amount", "project_economic_line"):
        op.drop_table(name)
    with op.batch_alter_table("balance_line", naming_convention=NAMING) as batch_op:
        batch_op.drop_constraint(
            _unique("balance_line", (*OLD_BALANCE_KEY, "funding", "function_code")), type_="unique"
        )
        batch_op.drop_column("function_code")
        batch_op.drop_column("funding")
        batch_op.create_unique_constraint(_unique("balance_line", OLD_BALANCE_KEY), list(OLD_BALANCE_KEY))
    with op.batch_alter_table("income_line", naming_convention=NAMING) as batch_op:
        batch_op.drop_constraint(_unique("income_line", (*OLD_INCOME_KEY, "funding")), type_="unique")
        batch_op.drop_column("funding")
        batch_op.create_unique_constraint(_unique("income_line", OLD_INCOME_KEY), list(OLD_INCOME_KEY))
