"""The review queue's store: SQLAlchemy 2 models, engine set-up and Alembic upgrades.

SQLite (WAL journal, busy timeout, foreign keys on) is the default at
``get_settings().db_url``; PostgreSQL works through the same models (``postgresql+psycopg://``).
The schema is created and upgraded only by the Alembic migrations shipped in
``thpl_nlp/queue/migrations`` (:func:`upgrade`), never by ``create_all`` in production code.

>>> engine = make_engine("sqlite://")
>>> upgrade(engine)
>>> with session_factory(engine)() as s:
...     s.add(User(name="nguyen.van.a", role="reviewer", password_hash="x"))
...     s.commit()
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker
from sqlalchemy.pool import StaticPool

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def utcnow() -> dt.datetime:
    """Timezone-naive UTC now (stored as such on every backend)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # admin / reviewer / viewer
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ApiToken(Base):
    """A bearer token for the JSON API (only its SHA-256 is stored)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)

    user: Mapped[User] = relationship()


class Run(Base):
    """One review run (``thpl review``, a Prefect flow…) that fed findings into the queue."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    as_of: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Document(Base):
    """A reviewed local document; ``key`` is its number, or ``src:<path>`` without one."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    source: Mapped[str] = mapped_column(String(1000))
    number: Mapped[str | None] = mapped_column(String(120), nullable=True, index=True)
    issuer: Mapped[str | None] = mapped_column(String(300), nullable=True, index=True)
    doc_type: Mapped[str | None] = mapped_column(String(80), nullable=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    issued_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    content_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    structure: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    importance: Mapped[float] = mapped_column(Float, default=1.0)
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DocumentRun(Base):
    """One review of a document merged into the store: when, by which run, with what effect.

    Written in the same transaction as the merge (``service.ingest_findings``), one row per
    document and run (a repeated merge in the same run adds its changes to that row). The
    periodic reports count "reviewed again in the period" from these rows, which keep every
    review, where ``documents.updated_at`` keeps only the latest. The counts are None on rows
    that migration 0003 reconstructed from ``documents.created_at``/``updated_at``.
    """

    __tablename__ = "document_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), nullable=True)
    reviewed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    as_of: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # the run's review date
    kb_version: Mapped[str | None] = mapped_column(String(120), nullable=True)  # KB build stamp
    content_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    new: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reopened: Mapped[int | None] = mapped_column(Integer, nullable=True)
    unchanged: Mapped[int | None] = mapped_column(Integer, nullable=True)
    closed: Mapped[int | None] = mapped_column(Integer, nullable=True)  # resolved by the system

    __table_args__ = (
        UniqueConstraint("document_id", "run_id", name="uq_document_runs_document_run"),
        Index("ix_document_runs_document_reviewed", "document_id", "reviewed_at"),
    )


class FindingRow(Base):
    """A finding in the queue, merged across runs by ``fingerprint``."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    fingerprint: Mapped[str] = mapped_column(String(128), unique=True)
    document_path: Mapped[str] = mapped_column(String(1000))  # `document` as given
    number: Mapped[str | None] = mapped_column(String(120), nullable=True)
    eid: Mapped[str] = mapped_column(String(200))
    rule: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(40), index=True)
    severity: Mapped[str] = mapped_column(String(10), index=True)
    confidence: Mapped[float] = mapped_column(Float)
    message: Mapped[str] = mapped_column(Text)
    cited: Mapped[str | None] = mapped_column(String(120), nullable=True)
    replaced_by: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    legal_ground: Mapped[str | None] = mapped_column(Text, nullable=True)
    action: Mapped[str | None] = mapped_column(String(40), nullable=True)  # suggested by review
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text_hash: Mapped[str] = mapped_column(String(128), default="")
    fact_hash: Mapped[str] = mapped_column(String(128), default="")
    provision_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    # --- triage state ---
    status: Mapped[str] = mapped_column(String(20), default="new")
    priority: Mapped[float] = mapped_column(Float, default=0.0)
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    proposed_action: Mapped[str | None] = mapped_column(String(40), nullable=True)
    proposed_ground: Mapped[str | None] = mapped_column(Text, nullable=True)
    resolution: Mapped[str | None] = mapped_column(String(20), nullable=True)  # system / staff
    reopen_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), nullable=True)
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # queue order: priority DESC, id ASC (mixed directions need their own index)
        Index("ix_findings_queue_order", priority.desc(), id),
        Index("ix_findings_status_priority", "status", priority.desc(), id),
        Index("ix_findings_document_status", "document_id", "status"),
        Index("ix_findings_filters", "category", "severity", "status"),  # covering counts
    )

    document: Mapped[Document] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class FindingEvent(Base):
    """Audit trail: who changed what on a finding, with the state before and after."""

    __tablename__ = "finding_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("findings.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), nullable=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(30))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    undone: Mapped[bool] = mapped_column(Boolean, default=False)

    user: Mapped[User | None] = relationship()


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("findings.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text)

    user: Mapped[User] = relationship()


class KbOverride(Base):
    """A legal specialist's correction of the knowledge base (append-only: history = audit).

    The latest row per ``number`` is in effect; ``deleted`` withdraws the override.
    """

    __tablename__ = "kb_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(120), index=True)
    status: Mapped[str | None] = mapped_column(String(30), nullable=True)
    effective_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    not_in_force_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    replaced_by: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    author: Mapped[str] = mapped_column(String(80))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


TABLES_IN_ORDER = (
    "users",
    "api_tokens",
    "runs",
    "documents",
    "document_runs",
    "findings",
    "finding_events",
    "comments",
    "kb_overrides",
)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    try:
        cur.execute("PRAGMA journal_mode=WAL")  # not available for :memory:
    except Exception:  # noqa: BLE001 - an in-memory database simply keeps its journal
        pass
    cur.close()


def make_engine(url: str | None = None, **kw: Any) -> Engine:
    """Create an engine for ``url`` (default: the settings' ``db_url``).

    >>> make_engine("sqlite://").dialect.name
    'sqlite'
    """
    if url is None:
        from thpl_nlp.settings import get_settings

        url = get_settings().db_url
    if url.startswith("sqlite"):
        db = url.split("///", 1)[1] if "///" in url else ""
        if db and db != ":memory:":
            Path(db).parent.mkdir(parents=True, exist_ok=True)
            kw.setdefault("connect_args", {"check_same_thread": False, "timeout": 10})
        else:
            kw.setdefault("connect_args", {"check_same_thread": False})
            kw.setdefault("poolclass", StaticPool)
        engine = create_engine(url, **kw)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kw.setdefault("pool_pre_ping", True)
    return create_engine(url, **kw)


def session_factory(engine: Engine) -> sessionmaker:
    """A ``sessionmaker`` whose objects stay readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def is_search_table(name: str | None) -> bool:
    """SQLite FTS5 search tables (``findings_fts*``) live outside the ORM models."""
    return bool(name) and str(name).startswith("findings_fts")


def alembic_config(engine: Engine) -> Any:
    """An Alembic ``Config`` pointing at the migrations shipped in this package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (idempotent).

    >>> upgrade(make_engine("sqlite://"))
    """
    from alembic import command

    if revision == "head" and current_revision(engine) == head_revision(engine):
        return
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


_ENGINES: dict[str, Engine] = {}


def open_engine(url: str | None = None, *, migrate: bool = True) -> Engine:
    """A cached engine for ``url`` (default: settings), migrated to the latest schema.

    >>> open_engine("sqlite://").dialect.name
    'sqlite'
    """
    if url is None:
        from thpl_nlp.settings import get_settings

        url = get_settings().db_url
    engine = _ENGINES.get(url)
    if engine is None:
        engine = make_engine(url)
        if migrate and current_revision(engine) != head_revision(engine):
            upgrade(engine)
        _ENGINES[url] = engine
    return engine


def backfill_document_runs(conn: Any) -> int:
    """Reconstruct ``document_runs`` rows for documents that have none; returns rows added.

    A document's history before migration 0003 is its first merge (``documents.created_at``)
    and, when later than that, its latest merge (``updated_at``, by ``last_run_id`` with the
    run's ``as_of`` and KB stamp). Earlier re-reviews were not kept and cannot be recovered.
    The merge counts are left None (not recorded). Used by migration 0003 and when restoring
    a backup made before it; written with Core tables of the 0003 schema so that later model
    changes do not alter what the migration does.
    """
    from sqlalchemy import column, insert, select, table

    documents = table(
        "documents",
        column("id", Integer),
        column("created_at", DateTime),
        column("updated_at", DateTime),
        column("last_run_id", Integer),
        column("content_hash", String),
    )
    runs = table("runs", column("id", Integer), column("as_of", Date), column("params", JSON))
    doc_runs = table(
        "document_runs",
        column("document_id", Integer),
        column("run_id", Integer),
        column("reviewed_at", DateTime),
        column("as_of", Date),
        column("kb_version", String),
        column("content_hash", String),
    )
    have = select(doc_runs.c.document_id).distinct()
    q = (
        select(
            documents.c.id,
            documents.c.created_at,
            documents.c.updated_at,
            documents.c.last_run_id,
            documents.c.content_hash,
            runs.c.as_of,
            runs.c.params,
        )
        .select_from(documents.outerjoin(runs, runs.c.id == documents.c.last_run_id))
        .where(documents.c.id.not_in(have))
        .order_by(documents.c.id)
    )
    rows: list[dict[str, Any]] = []
    for doc_id, created, updated, run_id, content_hash, as_of, params in conn.execute(q):
        kb = params.get("kb_version") if isinstance(params, dict) else None
        updated = updated or created
        if updated > created:  # reviewed again later: the first review, then the latest
            rows.append({"document_id": doc_id, "run_id": None, "reviewed_at": created,
                         "as_of": None, "kb_version": None, "content_hash": None})
        rows.append({"document_id": doc_id, "run_id": run_id, "reviewed_at": updated,
                     "as_of": as_of, "kb_version": str(kb)[:120] if kb is not None else None,
                     "content_hash": content_hash})
    for i in range(0, len(rows), 1000):
        conn.execute(insert(doc_runs), rows[i : i + 1000])
    return len(rows)
