"""Findings keep, with --explain, the nearest listed name of a record that matched nothing.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

A frozen snapshot, as 0001: the column is spelled out here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add `findings.nearest` (JSON, NULL when not asked or nothing was near)."""
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("nearest", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Drop `findings.nearest`."""
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("nearest")
