"""Alerts, the decisions taken on them, and the dismissals remembered per record value.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

A frozen snapshot, as 0001: the tables are spelled out here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _id() -> sa.types.TypeEngine[int]:
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create `alerts`, `decisions` and `dismissals`."""
    op.create_table(
        "alerts",
        sa.Column("id", _id(), primary_key=True, autoincrement=True),
        sa.Column(
            "run_id", sa.String(40), sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("value", sa.String(64), nullable=False),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("basis", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("decided_at", _utc(), nullable=True),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'confirmed', 'dismissed', 'escalated')", name="ck_alerts_status"
        ),
    )
    op.create_index("ix_alerts_status_id", "alerts", ["status", "id"])
    op.create_index("ix_alerts_run_id_row", "alerts", ["run_id", "row"])
    op.create_table(
        "decisions",
        sa.Column("id", _id(), primary_key=True, autoincrement=True),
        sa.Column(
            "alert_id", _id(), sa.ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=False),
        sa.Column("decided_at", _utc(), nullable=False),
    )
    op.create_index("ix_decisions_alert_id", "decisions", ["alert_id"])
    op.create_table(
        "dismissals",
        sa.Column("value", sa.String(64), primary_key=True),
        sa.Column("entity_id", sa.String(200), primary_key=True),
        sa.Column("basis", sa.String(64), nullable=False),
        sa.Column("alert_id", _id(), nullable=False),
        sa.Column("dismissed_at", _utc(), nullable=False),
    )


def downgrade() -> None:
    """Drop `dismissals`, `decisions` and `alerts`."""
    op.drop_table("dismissals")
    op.drop_index("ix_decisions_alert_id", table_name="decisions")
    op.drop_table("decisions")
    op.drop_index("ix_alerts_run_id_row", table_name="alerts")
    op.drop_index("ix_alerts_status_id", table_name="alerts")
    op.drop_table("alerts")
