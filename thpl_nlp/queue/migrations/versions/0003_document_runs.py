"""document_runs: every review of a document merged into the store

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 12:00:00

One row per document and review run (when, run, review date ``as_of``, KB build stamp,
content hash, and what the merge changed: new / reopened / unchanged / closed findings),
written by ``service.ingest_findings`` in the merge's own transaction. The periodic reports
count "reviewed again in the period" from it: ``documents.updated_at`` keeps only the latest
review.

Existing documents are backfilled from what the store kept: one row at ``created_at`` (the
first review) and, when the document was reviewed again, one at ``updated_at`` with
``last_run_id`` and that run's ``as_of`` / KB stamp. The counts of backfilled rows are NULL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from thpl_nlp.queue.store import backfill_document_runs

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("kb_version", sa.String(length=120), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("new", sa.Integer(), nullable=True),
        sa.Column("reopened", sa.Integer(), nullable=True),
        sa.Column("unchanged", sa.Integer(), nullable=True),
        sa.Column("closed", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("document_id", "run_id", name="uq_document_runs_document_run"),
    )
    with op.batch_alter_table("document_runs", schema=None) as batch_op:
        batch_op.create_index(
            "ix_document_runs_document_reviewed", ["document_id", "reviewed_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_document_runs_reviewed_at"), ["reviewed_at"], unique=False
        )
    backfill_document_runs(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("document_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_runs_reviewed_at"))
        batch_op.drop_index("ix_document_runs_document_reviewed")
    op.drop_table("document_runs")
