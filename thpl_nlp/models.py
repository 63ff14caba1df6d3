"""Typed records shared by every stage of the pipeline.

Data flows one way: ``ingest`` → :class:`RawText`; ``structure`` → :class:`LegalDocument`
(metadata, :class:`LegalBasis` items, a tree of :class:`Provision` nodes); ``nlp`` →
annotations such as :class:`Reference`; ``review`` → findings. Every annotation carries
``start``/``end`` character offsets into :attr:`RawText.text` so that the web app can
highlight and reports can quote exactly.

These are plain dataclasses (no heavy imports) so that the parse path stays fast.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass(slots=True)
class Page:
    """One physical page of the source file: ``text[start:end]`` came from it."""

    number: int  # 1-based page of the file (not the printed page number)
    start: int
    end: int


@dataclass(slots=True)
class Note:
    """A footnote (or endnote) kept apart from the body and attached to its marker."""

    marker: str  # the label as printed: "1", "*", "a"
    text: str
    anchor: int | None  # offset of the marker in the body text, None if not found
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"marker": self.marker, "text": self.text, "anchor": self.anchor, "page": self.page}


@dataclass(slots=True)
class Table:
    """A table found by a reader: rows of cell strings, located in the text."""

    rows: list[list[str]]
    start: int
    end: int
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "start": self.start, "end": self.end, "page": self.page}


@dataclass
class RawText:
    """What a reader produced from one file: clean body text plus where it came from.

    ``text`` is the cleaned body (NFC, look-alikes mapped, de-hyphenated, running headers,
    footers, page numbers and footnote bodies removed). All later offsets point into it.
    ``match_text`` has exactly the same length and is used only for pattern matching
    (unified tone-mark placement, e.g. ``hoà`` → ``hòa``), so a match found in it is a match
    at the same offsets in ``text``.
    """

    source: str
    text: str
    fmt: str  # pdf, docx, doc, html, txt, md
    pages: list[Page] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. a YAML header of a .md/.txt
    warnings: list[str] = field(default_factory=list)
    match_text: str = ""
    ocr_pages: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.match_text:
            self.match_text = self.text
        if len(self.match_text) != len(self.text):
            raise ValueError("match_text must have the same length as text")
        self._page_starts = [p.start for p in self.pages]

    def page_at(self, offset: int) -> int | None:
        """1-based page holding ``offset``, or None for formats without pages."""
        if not self.pages:
            return None
        i = bisect.bisect_right(self._page_starts, offset) - 1
        return self.pages[max(i, 0)].number


def numberless_label(doc_type: str, name: str, issued_on: dt.date | None,
                     year: int | None) -> str:
    """The key of a document the corpus names only by name and date (laws and ordinances
    of the 1990s: "Pháp lệnh du lịch ngày 08 tháng 02 năm 1999"). It cannot be mistaken for
    a số hiệu, and reads well in a finding.

    >>> numberless_label("Pháp lệnh", "du lịch", dt.date(1999, 2, 8), None)
    'Pháp lệnh Du lịch (08/02/1999)'
    >>> numberless_label("Luật", "doanh nghiệp nhà nước", None, 2003)
    'Luật Doanh nghiệp nhà nước (năm 2003)'
    """
    when = f"{issued_on:%d/%m/%Y}" if issued_on else f"năm {year}"
    name = " ".join(name.split())
    name = name[:1].upper() + name[1:]
    head = f"{doc_type} {name}"
    room = 80 - len(when) - 3
    return f"{head[:room].rstrip(' ,')} ({when})"


def is_numberless_label(number: str) -> bool:
    """Whether a document key names a law the corpus cites only by name and date
    (:func:`numberless_label`) rather than a số hiệu.
    Such a key is never a citation's ``number`` in the contract's JSON.

    >>> is_numberless_label("Pháp lệnh Du lịch (08/02/1999)"), is_numberless_label("44/2005/QH11")
    (True, False)
    """
    return number.endswith(")") and " (" in number


@dataclass(slots=True)
class Reference:
    """A citation of another legal document found in text.

    ``number`` is canonical (see :mod:`thpl_nlp.nlp.canonical`) or None when the citation
    gives no number (name-only citations are resolved later by the knowledge base).
    """

    start: int
    end: int
    text: str
    doc_type: str | None = None  # "Luật", "Nghị định", "Thông tư liên tịch", ...
    number: str | None = None
    raw_number: str | None = None  # the number as printed, before repair
    issued_on: dt.date | None = None
    issuer: str | None = None
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    year: int | None = None  # year of issue when only "năm 2003" is printed (or the full date's)
    internal: bool = False  # "Quyết định này", "Luật này": the citing document itself

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "internal": self.internal,
            "number": self.number,
            "doc_type": self.doc_type,
            "title": self.title,
            "issued_on": _iso(self.issued_on),
            "issuer": self.issuer,
            "raw_number": self.raw_number,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "warnings": list(self.warnings),
        }

    def to_contract_dict(self) -> dict[str, Any]:
        """The keys the outside contract lists for ``bases[].refs``."""
        return {
            "number": self.number,
            "doc_type": self.doc_type,
            "title": self.title,
            "issued_on": _iso(self.issued_on),
        }


@dataclass(slots=True)
class LegalBasis:
    """One "Căn cứ …" item of the preamble."""

    text: str
    start: int
    end: int
    refs: list[Reference] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "refs": [r.to_contract_dict() for r in self.refs],
        }


PROVISION_KINDS = (
    "part",
    "chapter",
    "section",
    "subsection",
    "article",
    "clause",
    "point",
    "appendix",
    "paragraph",  # unnumbered paragraph inside an article or clause
)


@dataclass
class Provision:
    """A node of the provision tree with an Akoma-Ntoso-style eId.

    ``start``/``end`` cover the node and all its children; ``heading`` is the title printed
    after the label (``Điều 4. Thời hạn giải quyết`` → ``"Thời hạn giải quyết"``).
    """

    eid: str
    kind: str
    num: str | None
    start: int
    end: int
    heading: str | None = None
    page: int | None = None
    children: list[Provision] = field(default_factory=list)
    refs: list[Reference] = field(default_factory=list)

    def walk(self) -> Iterator[Provision]:
        yield self
        for c in self.children:
            yield from c.walk()

    def to_dict(self, text: str) -> dict[str, Any]:
        return {
            "eid": self.eid,
            "kind": self.kind,
            "num": self.num,
            "heading": self.heading,
            "text": text[self.start : self.end],
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "refs": [r.to_contract_dict() for r in self.refs],
        }


@dataclass
class Signature:
    """The signature block: ``TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Name``."""

    mode: str | None = None  # "TM.", "KT.", "Q.", "TL.", "TUQ." or None
    on_behalf_of: str | None = None  # "ỦY BAN NHÂN DÂN"
    title: str | None = None  # "PHÓ CHỦ TỊCH"
    signer: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "on_behalf_of": self.on_behalf_of,
            "title": self.title,
            "signer": self.signer,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class LegalDocument:
    """A parsed legal document: metadata, legal bases and the provision tree."""

    source: str
    raw: RawText
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_on: dt.date | None = None
    effective_on: dt.date | None = None
    title: str | None = None
    proposer: str | None = None
    bases: list[LegalBasis] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)  # roots, in document order
    recipients: list[str] = field(default_factory=list)  # Nơi nhận
    signature: Signature | None = None
    effect_clause: tuple[int, int] | None = None  # span of the sentence giving the effect
    warnings: list[str] = field(default_factory=list)
    # Attached texts (Quy định/Quy chế ban hành kèm theo, Phụ lục), in document order:
    # {"eid": "att_1" | "appendix_1", "kind": "regulation" | "appendix", "name": "QUY ĐỊNH",
    #  "title": str | None, "start": int, "end": int}
    attachments: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.raw.text

    @property
    def signer(self) -> str | None:
        return self.signature.signer if self.signature else None

    def iter_provisions(self) -> Iterator[Provision]:
        """All nodes in document (pre-)order."""
        for p in self.provisions:
            yield from p.walk()

    def find(self, eid: str) -> Provision | None:
        return next((p for p in self.iter_provisions() if p.eid == eid), None)

    def provision_text(self, p: Provision) -> str:
        return self.raw.text[p.start : p.end]

    def to_contract_dict(self) -> dict[str, Any]:
        """The JSON object of ``thpl parse --json`` (see CONTRACT.md), plus extra keys."""
        text = self.raw.text
        return {
            "source": self.source,
            "number": self.number,
            "doc_type": self.doc_type,
            "issuer": self.issuer,
            "issued_on": _iso(self.issued_on),
            "effective_on": _iso(self.effective_on),
            "title": self.title,
            "signer": self.signer,
            "bases": [b.to_dict() for b in self.bases],
            "provisions": [
                p.to_dict(text) for p in self.iter_provisions() if p.kind != "paragraph"
            ],
            "warnings": list(self.raw.warnings) + list(self.warnings),
            "place": self.place,
            "proposer": self.proposer,
            "signature": self.signature.to_dict() if self.signature else None,
            "recipients": list(self.recipients),
            "pages": len(self.raw.pages) or None,
            "notes": [n.to_dict() for n in self.raw.notes],
        }


FINDING_CATEGORIES = (
    "basis_expired",
    "basis_not_in_force_at_issue",
    "basis_unresolved",
    "citation_invalid",
    "effective_date",
    "competence",
    "admin_procedure",
    "conflict",
    "form",
)
SEVERITIES = ("high", "medium", "low")
# Proposed actions a Sở Tư pháp may recommend (Nghị định 79/2025/NĐ-CP vocabulary).
ACTIONS = {
    "bai_bo": "Bãi bỏ",
    "bai_bo_mot_phan": "Bãi bỏ một phần",
    "sua_doi": "Sửa đổi",
    "bo_sung": "Bổ sung",
    "thay_the": "Thay thế",
    "ban_hanh_moi": "Ban hành mới",
    "dinh_chi": "Đình chỉ thi hành",
    "ngung_hieu_luc": "Ngưng hiệu lực",
    "giu_nguyen": "Giữ nguyên",
}


@dataclass(slots=True)
class Evidence:
    """One piece of evidence: a quoted text (local or higher-level) or a KB fact."""

    source: str  # "12/2021/QĐ-UBND att_1__art_4", "50/2014/QH13 art_102", "kb:77/2015/QH13"
    text: str
    start: int | None = None  # offsets into the local document, when the text is local
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"source": self.source, "text": self.text}
        if self.start is not None:
            d["start"], d["end"] = self.start, self.end
        return d


@dataclass
class Finding:
    """A possible problem in a local document, for a legal specialist to triage.

    ``fingerprint`` identifies the finding across runs (document, eId, rule, cited target),
    whatever edits the text gets; ``text_hash`` is the hash of the provision's normalised text.
    """

    document: str  # path as given
    number: str | None  # the document's số hiệu
    eid: str  # "art_3__para_1", "basis_2", or "document"
    rule: str  # stable rule id, e.g. "basis.expired"
    category: str  # one of FINDING_CATEGORIES
    severity: str  # high / medium / low
    confidence: float
    message: str  # Vietnamese: what, where, why, what to do
    cited: str | None = None
    replaced_by: list[str] | None = None
    evidence: list[Evidence] = field(default_factory=list)
    legal_ground: str | None = None  # the provision of law that grounds the rule
    action: str | None = None  # key of ACTIONS
    start: int | None = None
    end: int | None = None
    fingerprint: str = ""
    text_hash: str = ""
    fact_hash: str = ""  # hash of the higher-level fact behind it (reopens when it changes)

    def to_contract_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "number": self.number,
            "eid": self.eid,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "confidence": round(float(self.confidence), 4),
            "message": self.message,
            "cited": self.cited,
            "replaced_by": self.replaced_by,
            "evidence": [e.to_dict() for e in self.evidence],
            "legal_ground": self.legal_ground,
            "action": self.action,
            "start": self.start,
            "end": self.end,
            "fingerprint": self.fingerprint,
            "text_hash": self.text_hash,
        }
