"""Read a file and parse it into a :class:`LegalDocument` with its references.

This is the parse path of ``thpl parse``: ingest → structure → reference extraction, then
(optionally) resolution of name-only citations through a resolver the knowledge base provides.
It imports nothing heavy (no spaCy, no Prefect) so that parsing stays fast.

>>> doc = parse_file("../shared/examples/qd-mau-12-2021.txt")  # doctest: +SKIP
>>> doc.number  # doctest: +SKIP
'12/2021/QĐ-UBND'
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from pathlib import Path

from thpl_nlp.models import LegalDocument, Provision, Reference, is_numberless_label

# A resolver maps a name-only citation to a canonical number (or None when unknown).
Resolver = Callable[[Reference], "str | None"]


def open_resolver() -> Resolver | None:
    """The knowledge base's citation resolver when a KB has been built in THPL_HOME, else None."""
    from thpl_nlp.settings import get_settings

    settings = get_settings()
    kb_file = settings.sqlite_file(settings.kb_url)
    if kb_file is not None and not kb_file.exists():
        return None  # no KB built: skip importing it (keeps `thpl parse` fast)
    try:
        from thpl_nlp.kb import KnowledgeBase
    except ImportError:
        return None
    if not KnowledgeBase.exists(settings):
        return None
    kb = KnowledgeBase.open(lazy=True)  # reads only the rows a citation needs
    return kb.resolve


def attach_references(doc: LegalDocument, resolver: Resolver | None = None) -> None:
    """Extract citations once over the whole text and attach each to its basis or provision.

    A citation inside a provision goes to the deepest node containing it; name-only citations
    are resolved through ``resolver`` when one is given.
    """
    from thpl_nlp.nlp.extract.references import extract_references

    refs = list(extract_references(doc.text))
    if resolver is not None:
        for ref in refs:
            if ref.number is None:
                found = resolver(ref)
                # a law the corpus names only by name and date has a KB key, not a số hiệu:
                # the contract's ``number`` stays null (the review resolves it again)
                if found and not is_numberless_label(found):
                    ref.number = found
    starts = [r.start for r in refs]

    def within(start: int, end: int) -> list[Reference]:
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return [r for r in refs[lo:hi] if r.end <= end]

    for basis in doc.bases:
        basis.refs = within(basis.start, basis.end)

    def assign(node: Provision) -> None:
        for child in node.children:
            assign(child)
        taken = {id(r) for c in node.children for r in within(c.start, c.end)}
        node.refs = [r for r in within(node.start, node.end) if id(r) not in taken]

    for root in doc.provisions:
        assign(root)


def parse_file(
    path: str | Path,
    *,
    source: str | None = None,
    resolver: Resolver | None = None,
) -> LegalDocument:
    """Read ``path`` (any supported format) and return the parsed document with references.

    Raises :class:`thpl_nlp.errors.ThplError` with a Vietnamese message on bad input.
    """
    from thpl_nlp.ingest import read
    from thpl_nlp.structure import parse_raw

    raw = read(path, source=source)
    doc = parse_raw(raw)
    attach_references(doc, resolver)
    return doc
