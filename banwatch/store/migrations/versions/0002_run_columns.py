"""Runs record how each input file's columns were read.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06

A frozen snapshot, as 0001: the column is spelled out here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add `runs.columns` (JSON, NULL for runs saved before)."""
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("columns", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Drop `runs.columns`."""
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("columns")
