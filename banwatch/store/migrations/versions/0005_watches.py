"""Watched inventories: files screened again on every check, and the run of the last check.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

A frozen snapshot, as 0001: the table is spelled out here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create `watches`."""
    op.create_table(
        "watches",
        sa.Column("name", sa.String(80), primary_key=True),
        sa.Column("files", sa.JSON(), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("webhook", sa.Text(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("checked_at", _utc(), nullable=True),
        sa.Column("checked_as_of", sa.String(10), nullable=True),
        sa.Column(
            "last_run_id",
            sa.String(40),
            sa.ForeignKey("runs.id", ondelete="SET NULL"),
            nullable=True,
        ),
    )


def downgrade() -> None:
    """Drop `watches`."""
    op.drop_table("watches")
