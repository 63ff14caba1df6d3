"""What the review calls on the knowledge base — and nothing more.

The review never imports ``thpl_nlp.kb`` internals: it is handed an object implementing
:class:`ReviewKB` (``thpl_nlp.kb.KnowledgeBase`` does; tests use an in-memory fake built from
facts quoted from the corpus). ``status`` returns the JSON shape of ``thpl kb status --json``
(see CONTRACT.md).

>>> isinstance(object(), ReviewKB)
False
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol, runtime_checkable

from thpl_nlp.models import Reference

# Status values of the contract.
IN_FORCE = "in_force"
PARTLY = "partly_in_force"
NOT_YET = "not_yet_in_force"
EXPIRED = "expired"
UNKNOWN = "unknown"


@runtime_checkable
class ReviewKB(Protocol):
    """The four knowledge-base calls the review makes."""

    def status(self, number: str, as_of: dt.date | None = None) -> dict[str, Any] | None:
        """Validity of ``number`` at ``as_of``: ``{"number", "doc_type", "title", "issued_on",
        "effective_on", "status", "not_in_force_from", "replaced_by", "current_successor",
        "evidence": [{"source", "text"}]}`` (or an object with ``to_contract_dict()`` giving
        it); ``None`` or status ``unknown`` when unknown."""
        ...

    def resolve(self, ref: Reference) -> str | None:
        """Canonical number of a citation given by name (and date) only, or None."""
        ...

    def search(self, query: str, k: int = 5, as_of: dt.date | None = None) -> list[Any]:
        """Top-k higher-level provisions in force at ``as_of`` for ``query``. Each hit is a
        mapping or object with ``number``, ``eid``, ``text`` (and optionally ``score``,
        ``heading``, ``effective_on``)."""
        ...

    def cited_by(self, number: str) -> list[Any]:
        """Documents citing ``number``."""
        ...


def kb_memo(kb: Any, name: str) -> dict[Any, Any]:
    """A cache kept on the KB object itself for answers that hold as long as that KB does
    (a rebuilt KB is a new object: nothing stale survives it); a plain dict when the KB
    object takes no attributes."""
    try:
        return kb.__dict__.setdefault(f"_thpl_{name}", {})
    except AttributeError:
        return {}


def _provision_rows(kb: Any, column: str, number: str, *, eid: str | None = None,
                    sources: tuple[str, ...] | None = None) -> list[Any] | None:
    """``column`` of the KB's provision rows of ``number`` (one ``eid``, some source kinds),
    read-only from ``thpl_nlp.kb.store.Provision``; None for a KB without that table."""
    engine = getattr(kb, "engine", None)
    if engine is None:
        return None
    try:
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from thpl_nlp.kb import store

        stmt = select(getattr(store.Provision, column)).where(store.Provision.number == number)
        if eid is not None:
            stmt = stmt.where(store.Provision.eid == eid)
        if sources is not None:
            stmt = stmt.where(store.Provision.source_kind.in_(sources))
        with Session(engine) as s:
            return list(s.scalars(stmt).all())
    except Exception:  # noqa: BLE001 - a KB without the table: the caller's fallback
        return None


def provision_text(kb: Any, number: str, eid: str, fallback: str = "") -> str:
    """Full text of a higher-level provision (search hits carry a 400-character snippet).

    Uses ``kb.provision_text(number, eid)`` when the KB offers it; otherwise reads the KB's
    provision table read-only (``thpl_nlp.kb.store.Provision``); else ``fallback``.
    """
    getter = getattr(kb, "provision_text", None)
    if callable(getter):
        try:
            return getter(number, eid) or fallback
        except (KeyError, ValueError, LookupError):
            return fallback
    rows = _provision_rows(kb, "text", number, eid=eid)
    return max(rows, key=len) if rows else fallback


# KB sources that hold a document's whole text (the Pháp điển holds only codified articles)
FULL_TEXT_SOURCES = ("own_text", "vbpl_pages", "vbhn")


def article_numbers(kb: Any, number: str) -> set[str] | None:
    """Article numbers (``"5"``, ``"68a"``) of ``number`` when the KB holds its whole text,
    else None (unknown: nothing can be said about a missing article).

    Uses ``kb.article_numbers(number)`` when the KB offers it; otherwise reads the KB's
    provision table read-only, keeping full-text sources only.
    """
    getter = getattr(kb, "article_numbers", None)
    if callable(getter):
        try:
            got = getter(number)
        except (KeyError, ValueError, LookupError):
            return None
        return set(got) if got is not None else None
    if getattr(kb, "engine", None) is None:
        return None
    cache = kb_memo(kb, "article_numbers")
    if number not in cache:
        eids = _provision_rows(kb, "eid", number, sources=FULL_TEXT_SOURCES) or []
        cache[number] = {e[4:] for e in eids if e.startswith("art_") and "__" not in e} or None
    return cache[number]


def amendments(kb: Any, number: str, as_of: dt.date) -> list[tuple[str, str]]:
    """``(amending number, amending eid)`` of documents amending ``number`` in force at
    ``as_of``, from the KB's relations (``kb.show(number)["relations_in"]``)."""
    show = getattr(kb, "show", None)
    if not callable(show):
        return []
    try:
        rel = show(number).get("relations_in", [])
    except (KeyError, ValueError, LookupError):
        return []
    out = []
    for r in rel:
        if r.get("kind") != "amends" or not r.get("source") or not r.get("source_eid"):
            continue
        st = status_dict(kb.status(r["source"], as_of))
        if st and st.get("status") in (IN_FORCE, PARTLY):
            out.append((r["source"], r["source_eid"]))
    return out


def status_dict(res: Any) -> dict[str, Any] | None:
    """A KB status as the contract mapping, whether the KB returns a mapping or an object
    with ``to_contract_dict()`` (``thpl_nlp.kb`` returns a ``Status``).

    >>> status_dict({"status": "in_force"})["status"]
    'in_force'
    """
    if res is None or isinstance(res, dict):
        return res
    if hasattr(res, "to_contract_dict"):
        return res.to_contract_dict()
    if hasattr(res, "to_dict"):
        return res.to_dict()
    return None


def hit_field(hit: Any, name: str, default: Any = None) -> Any:
    """Read ``name`` from a search hit that may be a mapping or an object.

    >>> hit_field({"number": "62/2020/QH14"}, "number")
    '62/2020/QH14'
    """
    if isinstance(hit, dict):
        return hit.get(name, default)
    return getattr(hit, name, default)


def parse_date(value: Any) -> dt.date | None:
    """ISO string (or date) → date; anything else → None.

    >>> parse_date("2025-04-01")
    datetime.date(2025, 4, 1)
    """
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
