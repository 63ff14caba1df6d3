"""search index (SQLite FTS5 trigram) and a covering index for the queue filters

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 09:25:00

On SQLite, ``findings_fts`` is an external-content FTS5 table with the trigram tokenizer:
it answers substring searches (``MATCH '"chưa phù hợp"'``) of three characters or more
without scanning the findings. Triggers keep it in step with ``findings``. PostgreSQL keeps
using ILIKE (its sequential scans are parallel and fast enough for the queue's size).
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FTS_COLUMNS = "message, eid, cited, number, rule"


def upgrade() -> None:
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_findings_filters", ["category", "severity", "status"], unique=False
        )
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        f"CREATE VIRTUAL TABLE findings_fts USING fts5({FTS_COLUMNS}, content='findings', "
        "content_rowid='id', tokenize='trigram')"
    )
    new = ", ".join(f"new.{c.strip()}" for c in FTS_COLUMNS.split(","))
    old = ", ".join(f"old.{c.strip()}" for c in FTS_COLUMNS.split(","))
    op.execute(
        "CREATE TRIGGER findings_fts_ai AFTER INSERT ON findings BEGIN "
        f"INSERT INTO findings_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {new}); END"
    )
    op.execute(
        "CREATE TRIGGER findings_fts_ad AFTER DELETE ON findings BEGIN "
        f"INSERT INTO findings_fts(findings_fts, rowid, {FTS_COLUMNS}) "
        f"VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER findings_fts_au AFTER UPDATE OF {FTS_COLUMNS} ON findings BEGIN "
        f"INSERT INTO findings_fts(findings_fts, rowid, {FTS_COLUMNS}) "
        f"VALUES ('delete', old.id, {old}); "
        f"INSERT INTO findings_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {new}); END"
    )
    op.execute("INSERT INTO findings_fts(findings_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for t in ("findings_fts_ai", "findings_fts_ad", "findings_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {t}")
        op.execute("DROP TABLE IF EXISTS findings_fts")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index("ix_findings_filters")
