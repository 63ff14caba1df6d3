"""Storage of the knowledge base: SQLAlchemy 2 tables with portable types only.

SQLite by default (``THPL_HOME/kb.sqlite3``), any SQLAlchemy URL otherwise (PostgreSQL is
supported: only String, Text, Integer, Date and Float columns are used).

Every fact keeps its ``source`` (a file, a zip member, an override) and ``source_kind``; the
document row is *derived* from the facts by the precedence rule of
:mod:`thpl_nlp.kb.precedence` and can always be recomputed, so nothing is silently overwritten.

>>> url = "sqlite://"
>>> eng = make_engine(url); Base.metadata.create_all(eng)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import (
    Date,
    Float,
    Index,
    Integer,
    String,
    Text,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Document(Base):
    """A higher-level (or provincial) document, its fields resolved from :class:`Fact` rows."""

    __tablename__ = "kb_documents"
    number: Mapped[str] = mapped_column(String(80), primary_key=True)
    doc_type: Mapped[str | None] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    effective_on: Mapped[dt.date | None] = mapped_column(Date)
    expiry_on: Mapped[dt.date | None] = mapped_column(Date)
    status_text: Mapped[str | None] = mapped_column(Text)
    status_as_of: Mapped[dt.date | None] = mapped_column(Date)
    scope: Mapped[str] = mapped_column(String(40), default="central")
    base_number: Mapped[str | None] = mapped_column(String(80))  # VBHN → the base law
    sources: Mapped[str] = mapped_column(Text, default="")  # "\n"-joined source labels
    n_provisions: Mapped[int] = mapped_column(Integer, default=0)


class Fact(Base):
    """One field value of one document as stated by one source."""

    __tablename__ = "kb_facts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(80), index=True)
    field: Mapped[str] = mapped_column(String(40))
    value: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)  # human label: "77/2015/QH13 art_143"
    source_kind: Mapped[str] = mapped_column(String(30))  # own_text, phapdien, vbpl_meta, ...
    source_key: Mapped[str] = mapped_column(String(300), index=True)  # import unit
    evidence: Mapped[str | None] = mapped_column(Text)


class Provision(Base):
    __tablename__ = "kb_provisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(80))
    eid: Mapped[str] = mapped_column(String(200))
    heading: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    effective_on: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text)
    source_kind: Mapped[str] = mapped_column(String(30))
    source_key: Mapped[str] = mapped_column(String(300), index=True)
    __table_args__ = (Index("ix_kb_provisions_number_eid", "number", "eid"),)


class Relation(Base):
    """``source_number`` (at ``source_eid``) *kind* ``target_number`` (at ``target_eid``).

    ``on_date`` is the date the relation takes effect when the text gives one; when the text
    says "kể từ ngày Luật này có hiệu lực", ``date_rule`` is ``source_effective`` and the date
    is the source's effective date as finally amended (see :mod:`thpl_nlp.kb.validity`).
    For ``amends_effective_date``, ``new_date`` is the target's new effective date.
    """

    __tablename__ = "kb_relations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40))
    source_number: Mapped[str] = mapped_column(String(80), index=True)
    source_eid: Mapped[str | None] = mapped_column(String(200))
    target_number: Mapped[str | None] = mapped_column(String(80), index=True)
    target_eid: Mapped[str | None] = mapped_column(String(300))
    target_text: Mapped[str | None] = mapped_column(Text)
    partial: Mapped[int] = mapped_column(Integer, default=0)  # 1: only some provisions
    on_date: Mapped[dt.date | None] = mapped_column(Date)
    date_rule: Mapped[str] = mapped_column(String(30), default="explicit")
    new_date: Mapped[dt.date | None] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    source_kind: Mapped[str] = mapped_column(String(30))
    source_key: Mapped[str] = mapped_column(String(300), index=True)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)


class Alias(Base):
    """A folded name key (type + title [+ year/date]) pointing to a canonical number."""

    __tablename__ = "kb_aliases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(400), index=True)
    number: Mapped[str] = mapped_column(String(80))
    year: Mapped[int | None] = mapped_column(Integer)
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    source_key: Mapped[str] = mapped_column(String(300), index=True)


class Citation(Base):
    """A local document's provision citing a higher-level document (reverse index)."""

    __tablename__ = "kb_citations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    local_doc: Mapped[str] = mapped_column(String(400), index=True)
    local_eid: Mapped[str | None] = mapped_column(String(200))
    target_number: Mapped[str] = mapped_column(String(80), index=True)
    target_eid: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str | None] = mapped_column(Text)
    recorded_on: Mapped[dt.date | None] = mapped_column(Date)


class SourceState(Base):
    """Content hash of each import unit, for incremental builds."""

    __tablename__ = "kb_sources"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    hash: Mapped[str] = mapped_column(String(80))
    importer: Mapped[str] = mapped_column(String(40))
    n_rows: Mapped[int] = mapped_column(Integer, default=0)
    problems: Mapped[str] = mapped_column(Text, default="")


class Meta(Base):
    __tablename__ = "kb_meta"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets foreign-key pragmas and a WAL-free journal (single file)."""
    eng = create_engine(url, future=True)
    if url.startswith("sqlite"):

        @event.listens_for(eng, "connect")
        def _pragmas(dbapi_conn, _rec):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA temp_store=MEMORY")
            cur.close()

    return eng


def sqlite_path(url: str) -> Path | None:
    """The file behind a ``sqlite:///`` URL, None for other databases or in-memory SQLite."""
    if url.startswith("sqlite:///") and len(url) > len("sqlite:///"):
        return Path(url[len("sqlite:///") :])
    return None
