"""Backup and restore of the queue database as portable JSON (SQLite ⇄ PostgreSQL).

The file holds every row of every queue table plus the schema revision; ``.gz`` names are
gzip-compressed. Restoring replaces the whole content of the target database in one
transaction (the schema is first upgraded to the latest revision). A backup made before
migration 0003 has no ``document_runs``: they are rebuilt from the documents' first and latest
review times, as the migration does.

>>> from thpl_nlp.queue.store import make_engine, upgrade
>>> import tempfile, pathlib
>>> e = make_engine("sqlite://"); upgrade(e)
>>> p = pathlib.Path(tempfile.mkdtemp()) / "sao-luu.json.gz"
>>> backup(e, p)["findings"]
0
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, delete, func, insert, select, text
from sqlalchemy.engine import Engine

from thpl_nlp.queue.service import QueueError
from thpl_nlp.queue.store import (
    TABLES_IN_ORDER,
    Base,
    backfill_document_runs,
    current_revision,
    upgrade,
)

FORMAT = "thpl-queue-backup"


def _jsonable(v: Any) -> Any:
    if isinstance(v, dt.datetime | dt.date):
        return v.isoformat()
    return v


def backup(engine: Engine, path: Path) -> dict[str, int]:
    """Write every queue table to ``path``; returns the row count per table."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for name in TABLES_IN_ORDER:
            t = Base.metadata.tables[name]
            rows = conn.execute(select(t).order_by(t.c.id)).mappings()
            tables[name] = [{k: _jsonable(v) for k, v in r.items()} for r in rows]
    doc = {
        "format": FORMAT,
        "revision": current_revision(engine),
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "tables": tables,
    }
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    tmp.replace(path)
    return {k: len(v) for k, v in tables.items()}


def _load(path: Path) -> dict[str, Any]:
    try:
        raw = Path(path).read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        doc = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, EOFError) as err:
        raise QueueError("E609", f" ({path}: {err.__class__.__name__})", 2) from err
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise QueueError("E609", f" ({path}: không phải tệp sao lưu của thpl)", 2)
    return doc


def restore(engine: Engine, path: Path) -> dict[str, int]:
    """Replace the database content with the backup at ``path``; returns rows per table."""
    doc = _load(path)
    upgrade(engine)
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        for name in reversed(TABLES_IN_ORDER):
            conn.execute(delete(Base.metadata.tables[name]))
        for name in TABLES_IN_ORDER:
            t = Base.metadata.tables[name]
            rows = doc["tables"].get(name) or []
            conv = {
                c.name: (
                    dt.datetime.fromisoformat
                    if isinstance(c.type, DateTime)
                    else dt.date.fromisoformat
                    if isinstance(c.type, Date)
                    else None
                )
                for c in t.columns
            }
            fixed = []
            for r in rows:
                row = {}
                for k, v in r.items():
                    if k not in conv:
                        continue
                    f = conv[k]
                    row[k] = f(v) if (f and isinstance(v, str)) else v
                fixed.append(row)
            for i in range(0, len(fixed), 1000):
                conn.execute(insert(t), fixed[i : i + 1000])
            counts[name] = len(fixed)
            if conn.dialect.name == "postgresql":
                top = conn.execute(select(func.max(t.c.id))).scalar()
                conn.execute(
                    text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v, :called)"),
                    {"t": name, "v": top or 1, "called": top is not None},
                )
        if "document_runs" not in doc["tables"]:  # a backup made before migration 0003
            counts["document_runs"] = backfill_document_runs(conn)
    return counts
