"""Initial schema: runs and their findings.

Revision ID: 0001
Revises: none
Create Date: 2026-11-27

A migration is a frozen snapshot: it spells out its columns instead of
importing `banwatch.store.tables`, so later edits to the tables cannot change
what an old revision creates.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create `runs` and `findings`."""
    op.create_table(
        "runs",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("finished_at", _utc(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("input_digest", sa.Text(), nullable=False),
        sa.Column("input_files", sa.JSON(), nullable=False),
        sa.Column("as_of", sa.String(10), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("registry_version", sa.Text(), nullable=False),
        sa.Column("matcher_version", sa.Text(), nullable=False),
        sa.Column("banwatch_version", sa.Text(), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.CheckConstraint("status IN ('running', 'complete')", name="ck_runs_status"),
    )
    op.create_index("ix_runs_status_created_at", "runs", ["status", "created_at"])
    op.create_table(
        "findings",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column(
            "run_id",
            sa.String(40),
            sa.ForeignKey("runs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("record_key", sa.Text(), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("matches", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("file", sa.Text(), nullable=True),
    )
    op.create_index("ix_findings_run_id_row", "findings", ["run_id", "row"])


def downgrade() -> None:
    """Drop `findings` and `runs`."""
    op.drop_index("ix_findings_run_id_row", table_name="findings")
    op.drop_table("findings")
    op.drop_index("ix_runs_status_created_at", table_name="runs")
    op.drop_table("runs")
