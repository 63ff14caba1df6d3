"""Importers: each turns one kind of source into fact, provision, relation and alias records.

An importer module exposes ``units(corpus: Path) -> list[Unit]``; a :class:`Unit` is the
smallest thing that is hashed and re-imported as a whole (a zip file, a folder of .md files).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from thpl_nlp.kb.relations import RelationRec


@dataclass
class FactRec:
    number: str
    field: str  # doc_type, title, issuer, issued_on, effective_on, expiry_on, status_text, ...
    value: str | None
    source: str
    source_kind: str
    evidence: str | None = None


@dataclass
class ProvisionRec:
    number: str
    eid: str
    heading: str | None
    text: str
    source: str
    source_kind: str
    effective_on: dt.date | None = None


@dataclass
class AliasRec:
    key: str
    number: str
    year: int | None = None
    issued_on: dt.date | None = None


@dataclass
class Problem:
    """A Vietnamese message about a part of a source that was skipped."""

    message: str


@dataclass
class SourcedRelation:
    rel: RelationRec
    source_kind: str
    source: str | None = None


@functools.cache
def code_version() -> str:
    """Hash of the knowledge-base code that turns sources into records."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for p in sorted(root.rglob("*.py")) + sorted(root.glob("*.yaml")):
        if p.name in ("cli.py", "api.py"):
            continue
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


Record = FactRec | ProvisionRec | AliasRec | Problem | SourcedRelation


@dataclass
class Unit:
    key: str  # stable id: "central/vbpl_review.zip"
    importer: str
    paths: list[Path]
    load: Callable[[], Iterator[Record]]

    def content_hash(self) -> str:
        """Hash of the unit's files and of the importing code (a code change re-imports)."""
        h = hashlib.sha256(self.importer.encode())
        h.update(code_version().encode())
        for p in sorted(self.paths):
            h.update(str(p.name).encode())
            with open(p, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
        return h.hexdigest()


def relations_of(
    rels: Iterable[RelationRec], source_kind: str
) -> Iterator[SourcedRelation]:
    for r in rels:
        yield SourcedRelation(r, source_kind)
