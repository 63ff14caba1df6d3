"""Building findings: stable fingerprints, hashes and Vietnamese messages.

A finding's identity across runs is ``fingerprint`` = hash(document number or source hash,
eId, rule, cited target) — never the text, so an edited provision keeps its finding.
``text_hash`` is the hash of the provision's normalised text and ``fact_hash`` the hash of the
higher-level fact used (KB status, the quoted higher text); the queue reopens a dismissed
finding when either changes.

>>> where("att_1__art_3__para_1__point_c")
'điểm c khoản 1 Điều 3 của văn bản ban hành kèm theo'
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from thpl_nlp.models import (
    ACTIONS,
    FINDING_CATEGORIES,
    SEVERITIES,
    Evidence,
    Finding,
    is_numberless_label,
)

_EID_PART = re.compile(
    r"""
    (?P<kind>att|art|para|point|chp|sec|part|appendix|basis)   # eId component kind
    _(?P<num>[^_]+)                                            # its label
    """,
    re.VERBOSE,
)
_KIND_WORD = {
    "art": "Điều",
    "para": "khoản",
    "point": "điểm",
    "chp": "Chương",
    "sec": "Mục",
    "part": "Phần",
    "appendix": "Phụ lục",
}


def _h(*parts: Any) -> str:
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def normalise_text(text: str) -> str:
    """NFC, lower case, one space, no list punctuation at the ends — what text_hash covers.

    >>> normalise_text("  Điều 4.  Thời hạn\\n30 ngày;  ")
    'điều 4. thời hạn 30 ngày'
    """
    t = unicodedata.normalize("NFC", text).lower()
    t = re.sub(r"\s+", " ", t).strip()
    return t.strip(" ;,.")


def text_hash(text: str) -> str:
    """Hash of the normalised provision text.

    >>> text_hash("a  b") == text_hash("A b;")
    True
    """
    return _h(normalise_text(text))


def fact_hash(fact: Any) -> str:
    """Hash of a higher-level fact (a KB status dict, a quoted higher text…).

    >>> fact_hash({"status": "expired"}) == fact_hash({"status": "expired"})
    True
    """
    if isinstance(fact, (dict, list)):
        fact = json.dumps(fact, ensure_ascii=False, sort_keys=True, default=str)
    return _h(fact)


def document_key(number: str | None, text: str) -> str:
    """The document part of a provision's identity: its number, else a hash of its text.

    >>> document_key("12/2021/QĐ-UBND", "x")
    '12/2021/QĐ-UBND'
    """
    return number or "sha:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def fingerprint(doc_key: str, eid: str, rule: str, cited: str | None) -> str:
    """Stable identity of a finding: document, eId, rule, cited target — not the text.

    >>> a = fingerprint("12/2021/QĐ-UBND", "basis_2", "basis.expired", "80/2015/QH13")
    >>> len(a), a == fingerprint("12/2021/QĐ-UBND", "basis_2", "basis.expired", "80/2015/QH13")
    (24, True)
    """
    return _h(doc_key, eid, rule, cited or "")


def where(eid: str) -> str:
    """An eId in words, innermost first, as a Vietnamese reader cites it.

    >>> where("art_5__para_2")
    'khoản 2 Điều 5'
    >>> where("basis_2")
    'căn cứ pháp lý thứ 2'
    >>> where("document")
    'toàn văn bản'
    """
    if eid == "document":
        return "toàn văn bản"
    parts = [(m["kind"], m["num"]) for m in _EID_PART.finditer(eid)]
    if parts and parts[0][0] == "basis":
        return f"căn cứ pháp lý thứ {parts[0][1]}"
    attached = any(k == "att" for k, _ in parts)
    words = [f"{_KIND_WORD[k]} {n}" for k, n in reversed(parts) if k in _KIND_WORD]
    out = " ".join(words) or eid
    if attached:
        out += " của văn bản ban hành kèm theo"
    return out


@dataclass
class Draft:
    """What a rule hands back before the runner stamps identity and hashes on it."""

    eid: str
    rule: str
    category: str
    severity: str
    confidence: float
    what: str  # what is wrong
    why: str  # why, quoting the higher text or KB fact with its source
    action: str  # key of ACTIONS
    legal_ground: str
    cited: str | None = None
    replaced_by: list[str] | None = None
    evidence: list[Evidence] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    fact: Any = None  # the higher-level fact behind it (hashed into fact_hash)
    local_text: str = ""  # the provision's text (hashed into text_hash)
    todo: str = ""  # optional extra advice appended to the action

    def __post_init__(self) -> None:
        if self.category not in FINDING_CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if self.action not in ACTIONS:
            raise ValueError(f"unknown action {self.action!r}")


def message(d: Draft) -> str:
    """The Vietnamese message: what, where, why, what to do, and on what legal ground.

    >>> d = Draft("art_5", "x", "competence", "high", 0.9, "Quy định mức phạt tiền",
    ...           "chỉ Chính phủ quy định", "bai_bo", "Luật 15/2012/QH13")
    >>> message(d).split(". ")[0]
    'Tại Điều 5: Quy định mức phạt tiền'
    """
    where_words = where(d.eid)
    todo = f"Đề xuất: {ACTIONS[d.action]}"
    if d.todo:
        todo += f" — {d.todo}"
    return (
        f"Tại {where_words}: {d.what.rstrip('.')}. Lý do: {d.why.rstrip('.')}. "
        f"{todo.rstrip('.')}. Căn cứ: {d.legal_ground}."
    )


def to_finding(d: Draft, *, document: str, number: str | None, doc_key: str) -> Finding:
    """Stamp identity, hashes and the message on a rule's draft.

    >>> d = Draft("art_5", "competence.sanction", "competence", "high", 0.9, "a", "b",
    ...           "bai_bo", "Luật 15/2012/QH13", local_text="Phạt tiền")
    >>> f = to_finding(d, document="qd.txt", number="1/2021/QĐ-UBND", doc_key="1/2021/QĐ-UBND")
    >>> f.fingerprint == fingerprint("1/2021/QĐ-UBND", "art_5", "competence.sanction", None)
    True
    """
    return Finding(
        document=document,
        number=number,
        eid=d.eid,
        rule=d.rule,
        category=d.category,
        severity=d.severity,
        confidence=round(max(0.0, min(1.0, d.confidence)), 4),
        message=message(d),
        # a law without a số hiệu is named in the message; ``cited`` (the contract: a number
        # or null) stays null, while the fingerprint still tells such laws apart
        cited=None if d.cited and is_numberless_label(d.cited) else d.cited,
        replaced_by=d.replaced_by,
        evidence=list(d.evidence),
        legal_ground=d.legal_ground,
        action=d.action,
        start=d.start,
        end=d.end,
        fingerprint=fingerprint(doc_key, d.eid, d.rule, d.cited),
        text_hash=text_hash(d.local_text),
        fact_hash=fact_hash(d.fact) if d.fact is not None else "",
    )


def vn_date(d: Any) -> str:
    """A date as Vietnamese legal texts write it.

    >>> import datetime as dt
    >>> vn_date(dt.date(2025, 4, 1))
    'ngày 01/04/2025'
    """
    if d is None:
        return "(không rõ ngày)"
    return f"ngày {d.day:02d}/{d.month:02d}/{d.year}"
