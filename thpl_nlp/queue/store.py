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
