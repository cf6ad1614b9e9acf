"""Every check of a watched inventory kept (`watch_checks`), and the release a run used.

Revision ID: 0010
Revises: 0009

A frozen snapshot, as 0001: the table and column are spelled out here. Runs
saved before this revision have no `release` (NULL): their registry version
alone names what they were judged on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create `watch_checks`; add `runs.release`."""
    op.create_table(
        "watch_checks",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column(
            "watch",
            sa.String(80),
            sa.ForeignKey("watches.name", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("as_of", sa.String(10), nullable=False),
        sa.Column(
            "run_id", sa.String(40), sa.ForeignKey("runs.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("previous_run_id", sa.String(40), nullable=True),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("delivery", sa.Text(), nullable=True),
    )
    op.create_index("ix_watch_checks_watch_id", "watch_checks", ["watch", "id"])
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("release", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Drop `watch_checks` and `runs.release`."""
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("release")
    op.drop_index("ix_watch_checks_watch_id", table_name="watch_checks")
    op.drop_table("watch_checks")
