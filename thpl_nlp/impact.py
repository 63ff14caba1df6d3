"""Impact analysis: when higher law changes, which local documents must be reviewed again.

"Rà soát ngay khi có căn cứ": the reverse citation index of the knowledge base says which
local documents cite a higher-level document. :func:`changed_numbers` compares the validity of
every cited document before and after a knowledge-base update; :func:`affected_documents`
follows the index from those, cascading to local documents that cite an affected local
document (its own legal basis was affected).

>>> changed_numbers({"80/2015/QH13": ("in_force", None, (), ())},
...                 {"80/2015/QH13": ("expired", "2025-04-01", ("64/2025/QH15",), ())})
['80/2015/QH13']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

ValidityKey = tuple[str, str | None, tuple[str, ...], tuple[str, ...]]


def cited_numbers(kb: Any) -> list[str]:
    """Every higher-level document number that some local document cites."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from thpl_nlp.kb.store import Citation

    with Session(kb.engine) as s:
        return sorted(set(s.scalars(select(Citation.target_number).distinct())))


def validity_snapshot(kb: Any, numbers: Iterable[str], as_of: dt.date) -> dict[str, ValidityKey]:
    """What a review would read about each number at ``as_of``."""
    out: dict[str, ValidityKey] = {}
    for n in numbers:
        st = kb.status(n, as_of)
        out[n] = (
            st.status,
            st.not_in_force_from.isoformat() if st.not_in_force_from else None,
            tuple(st.replaced_by or ()),
            tuple(st.current_successor or ()),
        )
    return out


def changed_numbers(
    before: dict[str, ValidityKey], after: dict[str, ValidityKey]
) -> list[str]:
    """Numbers whose validity (status, end date, replacement, successor) changed."""
    return sorted(n for n in set(before) | set(after) if before.get(n) != after.get(n))


def affected_documents(kb: Any, numbers: Iterable[str]) -> dict[str, list[str]]:
    """Local documents citing any of ``numbers``, cascading through local-to-local citations.

    Returns ``{local document key: [the changed numbers (or local documents) it cites]}``;
    keys are the document's number, or ``src:<path>`` for a document without one.
    """
    affected: dict[str, list[str]] = {}
    frontier = list(dict.fromkeys(numbers))
    seen = set(frontier)
    while frontier:
        target = frontier.pop(0)
        for c in kb.cited_by(target):
            key = c["document"]
            affected.setdefault(key, [])
            if target not in affected[key]:
                affected[key].append(target)
            if not key.startswith("src:") and key not in seen:
                seen.add(key)
                frontier.append(key)  # documents based on this one are affected in turn
    return affected


def sources_of(keys: Iterable[str]) -> dict[str, str | None]:
    """The file each local document was last reviewed from (queue store), None if unknown."""
    from sqlalchemy import select

    from thpl_nlp.queue.store import Document
    from thpl_nlp.workflow import _queue_sessions

    keys = list(keys)
    with _queue_sessions()() as s:
        q = select(Document.key, Document.source).where(Document.key.in_(keys))
        found = {row.key: row.source for row in s.execute(q)}
    out: dict[str, str | None] = {k: found.get(k) for k in keys}
    for k in keys:
        if out[k] is None and k.startswith("src:"):
            out[k] = k[4:]
    return out


def reviewed_documents() -> list[dict[str, Any]]:
    """Every local document in the queue store: key, number, source, issued_on."""
    from sqlalchemy import select

    from thpl_nlp.queue.store import Document
    from thpl_nlp.workflow import _queue_sessions

    with _queue_sessions()() as s:
        rows = s.execute(
            select(Document.key, Document.number, Document.source, Document.issued_on)
        ).all()
    return [{"key": k, "number": n, "source": src, "issued_on": d} for k, n, src, d in rows]
