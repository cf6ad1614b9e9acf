"""Findings saved as compressed batches of their JSON lines, plus plain columns for alerts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07

A frozen snapshot, as 0001: the tables are spelled out here. Runs saved
before keep their `findings` rows and are read from there; this revision
moves nothing. Downgrading drops the new tables, and with them the findings
of runs saved since.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def _id() -> sa.types.TypeEngine[int]:
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _run_id() -> sa.Column[str]:
    return sa.Column(
        "run_id", sa.String(40), sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    """Create `finding_batches` and `flagged_findings`."""
    op.create_table(
        "finding_batches",
        sa.Column("id", _id(), primary_key=True, autoincrement=True),
        _run_id(),
        sa.Column("first_row", sa.Integer(), nullable=False),
        sa.Column("last_row", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("codec", sa.String(16), nullable=False),
        sa.Column("lines", sa.LargeBinary(), nullable=False),
    )
    op.create_index(
        "ix_finding_batches_run_id_first_row", "finding_batches", ["run_id", "first_row"]
    )
    op.create_table(
        "flagged_findings",
        sa.Column("id", _id(), primary_key=True, autoincrement=True),
        _run_id(),
        sa.Column(
            "batch_id",
            _id(),
            sa.ForeignKey("finding_batches.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("record_key", sa.Text(), nullable=False),
        sa.Column("entity_ids", sa.Text(), nullable=False),
    )
    op.create_index("ix_flagged_findings_run_id_row", "flagged_findings", ["run_id", "row"])
    op.create_index("ix_flagged_findings_record_key", "flagged_findings", ["record_key"])


def downgrade() -> None:
    """Drop `flagged_findings` and `finding_batches`."""
    op.drop_index("ix_flagged_findings_record_key", table_name="flagged_findings")
    op.drop_index("ix_flagged_findings_run_id_row", table_name="flagged_findings")
    op.drop_table("flagged_findings")
    op.drop_index("ix_finding_batches_run_id_first_row", table_name="finding_batches")
    op.drop_table("finding_batches")
