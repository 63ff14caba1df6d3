"""Review rules, one module per family of checks.

Every family exposes ``check(ctx: ReviewContext) -> Iterator[Draft]``. Families that need the
knowledge base say so through ``NEEDS_KB``; the runner skips them (and says so once) when no
KB is given. Provision-level families also expose ``scan(text, ...)`` over a bare provision
text so that the classifier and the evaluation can run them on provisions without a parsed
document.

>>> [m.__name__.rsplit(".", 1)[1] for m in FAMILIES][:2]
['bases', 'references']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from thpl_nlp.models import LegalDocument, Provision, Reference
from thpl_nlp.review.kb_api import ReviewKB, status_dict

CONFIG_PATH = Path(__file__).resolve().parent.parent / "review.yaml"


@cache
def config() -> dict[str, Any]:
    """The review configuration (``thpl_nlp/review/review.yaml``)."""
    return yaml.safe_load(CONFIG_PATH.read_text(encoding="utf-8"))


_LOCAL_NUMBER = re.compile(
    r"""
    ^(?P<seq>\d+[a-zđ]?)              # sequence number
    (?:/(?P<year>\d{4}))?             # year: present only on normative documents
    /(?P<code>[A-ZĐ]+)                # type code: QĐ, NQ, CT …
    -(?P<issuer>[A-ZĐ]+)              # issuer code: UBND, HĐND
    (?:-?(?P<tail>.*))?$              # anything after (rare local variants)
    """,
    re.VERBOSE,
)
_PROVINCIAL_ISSUER = re.compile(
    r"""
    (?P<body>hội\s+đồng\s+nhân\s+dân|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân|hđnd|ubnd)  # body
    \s+(?P<level>tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn)              # unit
    \s*(?P<name>.*)                                                                        # name
    """,
    re.VERBOSE | re.IGNORECASE,
)
_CENTRAL_CITIES = ("hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế")


@dataclass
class ReviewContext:
    """What every rule sees: the document, the date of the review and the optional KB."""

    doc: LegalDocument
    as_of: dt.date
    kb: ReviewKB | None = None
    notes: list[str] = field(default_factory=list)
    _status_cache: dict[tuple[str, dt.date | None], dict[str, Any] | None] = field(
        default_factory=dict
    )
    _memo: dict[str, dict[Any, Any]] = field(default_factory=dict)

    @property
    def cfg(self) -> dict[str, Any]:
        return config()

    def memo(self, name: str) -> dict[Any, Any]:
        """A per-review cache a rule family keeps under ``name`` (KB answers it reuses)."""
        return self._memo.setdefault(name, {})

    def status(self, number: str, as_of: dt.date | None) -> dict[str, Any] | None:
        """Cached ``kb.status``; None without a KB or when the KB fails on the number."""
        if self.kb is None:
            return None
        key = (number, as_of)
        if key not in self._status_cache:
            try:
                self._status_cache[key] = status_dict(self.kb.status(number, as_of))
            except (KeyError, ValueError, LookupError):
                self._status_cache[key] = None
        return self._status_cache[key]

    def resolve(self, ref: Reference) -> str | None:
        """Name-only citation → number through the KB, preferring the version in force when
        the document was issued (a KB whose ``resolve`` takes ``as_of``)."""
        if self.kb is None:
            return None
        try:
            if self.issued_on is None:  # undated document: the KB's own choice (name + year)
                return self.kb.resolve(ref)
            try:
                return self.kb.resolve(ref, as_of=self.issued_on)
            except TypeError:
                return self.kb.resolve(ref)
        except (KeyError, ValueError, LookupError):
            return None

    def text(self, p: Provision) -> str:
        return self.doc.raw.text[p.start : p.end]

    # --- facts about the document ------------------------------------------------------
    @property
    def is_normative(self) -> bool:
        """Normative local documents carry the year in their number (``12/2021/QĐ-UBND``)."""
        m = _LOCAL_NUMBER.match(self.doc.number or "")
        if m:
            return m["year"] is not None
        return bool(self.doc.bases)  # no number: a document with legal bases is likely QPPL

    @property
    def level(self) -> str | None:
        """``province``, ``district``, ``commune`` or None for a non-local issuer."""
        return issuer_level(self.doc.issuer or "", self.doc.number or "")

    @property
    def issued_on(self) -> dt.date | None:
        return self.doc.issued_on

    def own_text_provisions(self) -> list[Provision]:
        """Provisions whose own text carries content (points, clauses, leaf articles)."""
        out = []
        for p in self.doc.iter_provisions():
            if p.kind in ("part", "chapter", "section", "subsection", "appendix", "paragraph"):
                continue
            if p.kind == "article" and any(c.kind in ("clause", "point") for c in p.children):
                continue
            if p.kind == "clause" and any(c.kind == "point" for c in p.children):
                continue
            out.append(p)
        return out


def issuer_level(issuer: str, number: str = "") -> str | None:
    """Administrative level of a local issuer, from its name (or number).

    >>> issuer_level("Ủy ban nhân dân tỉnh Bắc Giang")
    'province'
    >>> issuer_level("Ủy ban nhân dân huyện Lục Ngạn")
    'district'
    >>> issuer_level("Hội đồng nhân dân thành phố Đà Nẵng")
    'province'
    """
    m = _PROVINCIAL_ISSUER.search(issuer)
    if m:
        level = re.sub(r"\s+", " ", m["level"].lower())
        name = m["name"].lower()
        if level == "tỉnh":
            return "province"
        if level == "thành phố":
            return "province" if any(c in name for c in _CENTRAL_CITIES) else "district"
        if level in ("huyện", "quận", "thị xã"):
            return "district"
        return "commune"
    m2 = _LOCAL_NUMBER.match(number)
    if m2 and m2["issuer"] in ("UBND", "HĐND"):
        return "province"  # the usual case; district numbers look the same
    return None


def doc_kind(doc: LegalDocument) -> str:
    """``Quyết định UBND tỉnh`` style key of the force ranking for a local document.

    >>> from thpl_nlp.models import LegalDocument, RawText
    >>> doc_kind(LegalDocument("x", RawText("x", "", "txt"), doc_type="Nghị quyết",
    ...          issuer="Hội đồng nhân dân tỉnh Hà Nam"))
    'Nghị quyết HĐND tỉnh'
    """
    issuer = (doc.issuer or "").lower()
    body = "HĐND" if ("hội đồng" in issuer or "HĐND" in (doc.number or "")) else "UBND"
    level = "tỉnh" if issuer_level(doc.issuer or "", doc.number or "") == "province" else "huyện"
    return f"{doc.doc_type or 'Quyết định'} {body} {level}"


from thpl_nlp.review.rules import (  # noqa: E402  (families import ReviewContext from here)
    authority,
    bases,
    competence,
    conflict,
    effective_date,
    form,
    references,
)

FAMILIES = (bases, references, effective_date, authority, competence, conflict, form)
