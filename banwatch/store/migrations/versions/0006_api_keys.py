"""API keys of the server: each key's role and the SHA-256 of its secret.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

A frozen snapshot, as 0001: the table is spelled out here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create `api_keys`."""
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("name", sa.String(80), nullable=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("revoked_at", _utc(), nullable=True),
        sa.CheckConstraint("role IN ('viewer', 'analyst', 'admin')", name="ck_api_keys_role"),
    )


def downgrade() -> None:
    """Drop `api_keys`."""
    op.drop_table("api_keys")
