"""The review of one document as plain functions: the logic behind the Prefect flows.

``pipelines/`` only wires these into tasks; ``thpl review`` and ``make run`` use the same flow.
A document's review is a pure function of (file content, review date, knowledge-base version,
code version), which is what :func:`review_cache_key` hashes, so an unchanged document is
skipped on the next run and the queue merge — idempotent by fingerprint — is all that remains.

>>> outcome = review_file("../shared/examples/qd-mau-12-2021.txt",
...                       as_of=dt.date(2026, 11, 26))  # doctest: +SKIP
>>> sorted({f["category"] for f in outcome.findings})  # doctest: +SKIP
['admin_procedure', 'basis_expired', 'competence', 'conflict']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from thpl_nlp.models import Evidence, Finding


@dataclass
class DocumentOutcome:
    """What reviewing one file produced: the document for the queue and its findings."""

    source: str
    content_hash: str
    meta: dict[str, Any] = field(default_factory=dict)  # thpl parse --json object + text
    findings: list[dict[str, Any]] = field(default_factory=list)  # Finding.to_contract_dict()
    citations: list[tuple[str, Any]] = field(default_factory=list)  # (local eId, Reference)
    error: str | None = None  # the Vietnamese message when the file could not be reviewed
    seconds: dict[str, float] = field(default_factory=dict)  # per stage
    cached: bool = False

    def finding_objects(self) -> list[Finding]:
        """Rebuild :class:`Finding` records (outcomes travel as plain dicts between processes)."""
        out = []
        for d in self.findings:
            kw = {k: v for k, v in d.items() if k in Finding.__dataclass_fields__}
            kw["evidence"] = [Evidence(**e) for e in d.get("evidence", [])]
            out.append(Finding(**kw))
        return out


def file_hash(path: str | Path) -> str:
    """SHA-256 of the file's bytes (the document's identity for caching)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@cache
def code_version() -> str:
    """Hash of the library's source and configuration: a code change invalidates the cache."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.suffix in {".py", ".yaml", ".cfg", ".json", ".txt"} and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def kb_version() -> str:
    """Identity of the knowledge base in use: its build stamp ("none" without a KB).

    Only a build changes it — not the citations reviews record in the KB — so cached reviews
    stay valid until the higher law they were checked against changes.
    """
    from thpl_nlp.settings import get_settings

    s = get_settings()
    f = s.sqlite_file(s.kb_url)
    if f is not None:
        if not f.exists():
            return "none"
        import sqlite3

        con = sqlite3.connect(f"file:{f}?mode=ro", uri=True, timeout=30)
        try:
            row = con.execute("SELECT value FROM kb_meta WHERE key = 'built_at'").fetchone()
        except sqlite3.Error:
            row = None
        finally:
            con.close()
        return row[0] if row else "none"
    from sqlalchemy import create_engine, text

    eng = create_engine(s.kb_url)
    try:
        with eng.connect() as c:
            stamp = c.execute(text("SELECT value FROM kb_meta WHERE key = 'built_at'")).scalar()
            return stamp or "none"
    finally:
        eng.dispose()


def review_cache_key(content_hash: str, as_of: dt.date, kb: str) -> str:
    return hashlib.sha256(f"{content_hash}|{as_of}|{kb}|{code_version()}".encode()).hexdigest()


_LOAD_LOCK = threading.Lock()  # document tasks run in threads: load shared models once


def open_kb() -> Any | None:
    """The knowledge base in THPL_HOME, or None when none has been built (checks then skip).

    Re-opened when the KB is rebuilt (its build stamp changes), also in long-lived workers.
    """
    version = kb_version()
    with _LOAD_LOCK:
        return _open_kb(version)


@cache
def _open_kb(version: str) -> Any | None:
    if version == "none":
        return None
    from thpl_nlp.kb import KnowledgeBase
    from thpl_nlp.settings import get_settings

    kb = KnowledgeBase.open(get_settings().kb_url)
    return kb if kb.exists() else None


open_kb.cache_clear = _open_kb.cache_clear  # type: ignore[attr-defined]


def open_classifier() -> Any | None:
    """The promoted review classifier under ``models/``, or None when there is none."""
    with _LOAD_LOCK:
        return _open_classifier()


@cache
def _open_classifier() -> Any | None:
    from thpl_nlp.review.classifier import load_current

    return load_current()


open_classifier.cache_clear = _open_classifier.cache_clear  # type: ignore[attr-defined]


def review_file(
    path: str,
    *,
    source: str | None = None,
    as_of: dt.date,
    use_kb: bool = True,
    use_classifier: bool = True,
) -> DocumentOutcome:
    """Read, parse, extract and review one file; raises ThplError on unreadable input."""
    from thpl_nlp.ingest import read
    from thpl_nlp.parse import attach_references
    from thpl_nlp.review.run import review_document
    from thpl_nlp.structure import parse_raw

    source = source or path
    kb = open_kb() if use_kb else None
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    content_hash = file_hash(path)
    raw = read(path, source=source)
    seconds["read"], t = time.perf_counter() - t, time.perf_counter()
    doc = parse_raw(raw)
    seconds["structure"], t = time.perf_counter() - t, time.perf_counter()
    attach_references(doc, kb.resolve if kb is not None else None)
    seconds["references"], t = time.perf_counter() - t, time.perf_counter()
    clf = open_classifier() if use_classifier else None
    findings = review_document(doc, as_of=as_of, kb=kb, classifier=clf)
    seconds["review"] = time.perf_counter() - t
    meta = doc.to_contract_dict()
    meta["text"] = doc.text
    meta["content_hash"] = content_hash
    return DocumentOutcome(
        source=source,
        content_hash=content_hash,
        meta=meta,
        findings=[f.to_contract_dict() | {"fact_hash": f.fact_hash} for f in findings],
        citations=_citations(doc),
        seconds=seconds,
    )


def _citations(doc: Any) -> list[tuple[str, Any]]:
    """(eid, Reference) for every resolved citation: bases as ``basis_N``, then provisions."""
    out = [(f"basis_{i}", r) for i, b in enumerate(doc.bases, 1) for r in b.refs if r.number]
    out += [(p.eid, r) for p in doc.iter_provisions() for r in p.refs if r.number]
    return out


# --- cache of per-document outcomes -------------------------------------------------------

# Errors that follow from the file's content alone (empty, corrupt, encrypted, too large,
# garbage, legacy encoding, not a legal document): the same bytes give the same answer.
CONTENT_ERRORS = frozenset({"E101", "E102", "E103", "E104", "E106", "E108", "E109", "E110",
                            "E111"})


def _cache_dir() -> Path:
    from thpl_nlp.settings import get_settings

    d = get_settings().home / "cache" / "review"
    d.mkdir(parents=True, exist_ok=True)
    return d


def cached_review(
    path: str, *, source: str, content_hash: str, as_of: dt.date, kb: str
) -> DocumentOutcome:
    """:func:`review_file` behind a content-addressed cache (atomic writes: a killed run never
    leaves a half-written entry)."""
    import os
    import pickle

    key = review_cache_key(content_hash, as_of, kb)
    f = _cache_dir() / f"{key}.pickle"
    if f.exists():
        try:
            outcome: DocumentOutcome = pickle.loads(f.read_bytes())
        except (pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            f.unlink(missing_ok=True)  # unreadable entry: recompute
        else:
            return _reused(outcome, source)
    from thpl_nlp.errors import ThplError

    try:
        outcome = review_file(path, source=source, as_of=as_of)
    except ThplError as err:
        if err.code not in CONTENT_ERRORS:
            raise  # depends on this machine (OCR missing, unreadable share): not cached
        outcome = DocumentOutcome(
            source=source, content_hash=content_hash, error=describe_error(err, source)
        )
    tmp = f.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(outcome))
    os.replace(tmp, f)
    return outcome


def _reused(outcome: DocumentOutcome, source: str) -> DocumentOutcome:
    """A cached outcome reported under the path given this time (same bytes, maybe moved)."""
    if outcome.error and outcome.source != source:
        outcome.error = outcome.error.replace(outcome.source, source)
    outcome.source, outcome.cached = source, True
    if outcome.meta:
        outcome.meta["source"] = source
    return outcome


# --- the queue ----------------------------------------------------------------------------


@cache
def _queue_sessions() -> Any:
    from thpl_nlp.queue.store import open_engine, session_factory

    return session_factory(open_engine())


def start_run(as_of: dt.date, **params: Any) -> int:
    from thpl_nlp.queue.service import start_run as _start

    with _queue_sessions()() as session:
        return _start(session, as_of, **params)


def finish_run(run_id: int, stats: dict[str, Any]) -> None:
    from thpl_nlp.queue.service import finish_run as _finish

    with _queue_sessions()() as session:
        _finish(session, run_id, stats)


def merge_outcome(outcome: DocumentOutcome, run_id: int | None) -> Any:
    """Merge one document's findings into the queue (one transaction; idempotent) and record
    its citations in the KB's reverse index. Called from one process only (the flow), so the
    review workers never write to the KB."""
    from thpl_nlp.queue.service import ingest_findings

    with _queue_sessions()() as session:
        stats = ingest_findings(session, outcome.meta, outcome.finding_objects(), run_id)
    kb = open_kb()
    if kb is not None:
        key = outcome.meta.get("number") or f"src:{outcome.source}"
        kb.record_citations(key, outcome.citations)
    return stats


def describe_error(err: BaseException, source: str) -> str:
    """One Vietnamese line for a failed document (see :func:`thpl_nlp.logs.describe`)."""
    from thpl_nlp.logs import describe

    return describe(err, source)


# --- skipping what is already up to date ------------------------------------------------


def review_identity(as_of: dt.date, kb: str) -> dict[str, str]:
    """What, besides the file's content, a review result depends on (stored with each run)."""
    return {"as_of": as_of.isoformat(), "kb_version": kb, "code_version": code_version()}


def merged_state() -> dict[str, tuple[str | None, dict[str, Any]]]:
    """For every document in the queue: its content hash and the identity of the run that last
    merged it (one query), so a run can skip documents whose merge would change nothing."""
    from sqlalchemy import select

    from thpl_nlp.queue.store import Document, Run

    with _queue_sessions()() as s:
        rows = s.execute(
            select(Document.key, Document.content_hash, Run.as_of, Run.params).join(
                Run, Run.id == Document.last_run_id
            )
        ).all()
    return {
        key: (h, {"as_of": a.isoformat() if a else None, **(p or {})})
        for key, h, a, p in rows
    }


def up_to_date(
    path: str,
    *,
    source: str,
    identity: dict[str, str],
    state: dict[str, tuple[str | None, dict[str, Any]]],
) -> DocumentOutcome | None:
    """The cached outcome of ``path`` when the queue already holds exactly its merge: same
    content, same review date, KB build and code. None when the document must be reviewed."""
    import pickle

    content_hash = file_hash(path)
    key = review_cache_key(content_hash, dt.date.fromisoformat(identity["as_of"]),
                           identity["kb_version"])
    f = _cache_dir() / f"{key}.pickle"
    if not f.exists():
        return None
    try:
        outcome: DocumentOutcome = pickle.loads(f.read_bytes())
    except (pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        return None
    if outcome.error:  # the same bytes were already found unreadable or not a legal document
        return _reused(outcome, source)
    doc_key = outcome.meta.get("number") or f"src:{source}"
    merged = state.get(doc_key)
    if merged is None or merged[0] != content_hash:
        return None
    if any(merged[1].get(k) != v for k, v in identity.items()):
        return None
    return _reused(outcome, source)
