"""Upload jobs may be `cancelled` (`POST /jobs/{id}/cancel`).

Revision ID: 0011
Revises: 0010

A frozen snapshot, as 0001: the constraint is spelled out here. On
SQLite the table is copied with the new constraint (Alembic's batch mode).
A downgrade makes every cancelled job `failed`, the status it would have
had before: a job that ended without its run.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None

BEFORE = "status IN ('queued', 'running', 'done', 'failed')"
AFTER = "status IN ('queued', 'running', 'done', 'failed', 'cancelled')"


def upgrade() -> None:
    """Let `jobs.status` be `cancelled`."""
    with op.batch_alter_table("jobs") as batch:
        batch.drop_constraint("ck_jobs_status", type_="check")
        batch.create_check_constraint("ck_jobs_status", sa.text(AFTER))


def downgrade() -> None:
    """Cancelled jobs become `failed`; the constraint is the one before."""
    op.execute("UPDATE jobs SET status = 'failed' WHERE status = 'cancelled'")
    with op.batch_alter_table("jobs") as batch:
        batch.drop_constraint("ck_jobs_status", type_="check")
        batch.create_check_constraint("ck_jobs_status", sa.text(BEFORE))
