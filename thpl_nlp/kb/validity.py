"""Validity as a timeline: the status of a document at any date, with its evidence.

A document's life: it takes effect on its effective date (as finally amended — a later law
may change it, e.g. 43/2024/QH15 moved 31/2024/QH15 to 01/8/2024), provisions may be
repealed along the way (``partly_in_force``), and it ends when a replacing or repealing
document says so (an explicit date, or "kể từ ngày Luật này có hiệu lực", i.e. the
replacing document's own — possibly amended — effective date).

>>> v = Validity({"A": Doc("A", effective_on=dt.date(2004, 1, 10)),
...               "B": Doc("B", effective_on=dt.date(2016, 1, 1))},
...              [Rel("replaces", "B", "A", evidence="A hết hiệu lực …", source="B art_141")])
>>> v.status("A", dt.date(2015, 12, 31)).status, v.status("A", dt.date(2016, 1, 1)).status
('in_force', 'expired')
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

ENDING = ("replaces", "repeals")
STATUSES = ("in_force", "partly_in_force", "not_yet_in_force", "expired", "unknown")


@dataclass
class Doc:
    number: str
    doc_type: str | None = None
    title: str | None = None
    issued_on: dt.date | None = None
    effective_on: dt.date | None = None
    expiry_on: dt.date | None = None
    status_text: str | None = None
    base_number: str | None = None
    effective_evidence: tuple[str, str] | None = None  # (source, text)
    known_text: bool = False  # we hold its text or metadata (not only a mention)
    status_as_of: dt.date | None = None  # date of the metadata status (vbpl.vn "updated")


@dataclass
class Rel:
    kind: str
    source_number: str
    target_number: str
    source_eid: str | None = None
    target_eid: str | None = None
    partial: bool = False
    on_date: dt.date | None = None
    date_rule: str = "source_effective"
    new_date: dt.date | None = None
    evidence: str = ""
    source: str = ""
    rank: int = 50


@dataclass
class Status:
    number: str
    doc_type: str | None
    title: str | None
    issued_on: dt.date | None
    effective_on: dt.date | None
    status: str
    not_in_force_from: dt.date | None = None
    replaced_by: list[str] = field(default_factory=list)
    current_successor: list[str] | None = None
    evidence: list[dict[str, str]] = field(default_factory=list)
    partly_ended_by: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    as_of: dt.date | None = None

    def to_contract_dict(self) -> dict[str, Any]:
        """Exactly the keys of ``thpl kb status --json`` (CONTRACT.md)."""
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "number": self.number,
            "doc_type": self.doc_type,
            "title": self.title,
            "issued_on": iso(self.issued_on),
            "effective_on": iso(self.effective_on),
            "status": self.status,
            "not_in_force_from": iso(self.not_in_force_from),
            "replaced_by": list(self.replaced_by),
            "current_successor": self.current_successor,
            "evidence": list(self.evidence),
        }

    # Mapping access with the contract keys, for callers that read ``status["status"]``.
    _DATE_KEYS = ("issued_on", "effective_on", "not_in_force_from")

    def __getitem__(self, key: str) -> Any:
        return self.to_dict()[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if key in self._DATE_KEYS and isinstance(value, str):
            value = dt.date.fromisoformat(value[:10])
        setattr(self, key, value)

    def __contains__(self, key: object) -> bool:
        return key in self.to_dict()

    def get(self, key: str, default: Any = None) -> Any:
        return self.to_dict().get(key, default)

    def keys(self):  # noqa: ANN201
        return self.to_contract_dict().keys()

    def items(self):  # noqa: ANN201
        return self.to_contract_dict().items()

    def to_dict(self) -> dict[str, Any]:
        d = self.to_contract_dict()
        d["partly_ended_by"] = list(self.partly_ended_by)
        d["gaps"] = list(self.gaps)
        d["as_of"] = self.as_of.isoformat() if self.as_of else None
        return d


class Validity:
    """Status computations over an in-memory snapshot of documents and relations."""

    def __init__(self, docs: dict[str, Doc], rels) -> None:  # noqa: ANN001
        """``rels``: a list of :class:`Rel`, or a mapping target → list (lazy loading)."""
        self.docs = docs
        if hasattr(rels, "get") and not isinstance(rels, list):
            self.by_target = rels
            return
        self.by_target = defaultdict(list)
        for r in rels:
            if r.target_number:
                self.by_target[r.target_number].append(r)

    # --- dates ---------------------------------------------------------------------------
    def effective_on(self, number: str, _seen: frozenset = frozenset()) -> tuple[
        dt.date | None, tuple[str, str] | None
    ]:
        """Effective date as finally amended, with its evidence."""
        amend = [r for r in self.by_target.get(number, ()) if r.kind == "amends_effective_date"
                 and r.new_date and r.source_number not in _seen]
        if amend:
            def key(r: Rel):
                d = self.docs.get(r.source_number)
                return (d.issued_on or dt.date.min) if d else dt.date.min

            r = max(amend, key=key)
            return r.new_date, (r.source, r.evidence)
        d = self.docs.get(number)
        if not d:
            return None, None
        return d.effective_on, d.effective_evidence

    def relation_date(self, r: Rel, _seen: frozenset = frozenset()) -> dt.date | None:
        if r.on_date:
            return r.on_date
        if r.date_rule == "source_issued":
            d = self.docs.get(r.source_number)
            return d.issued_on if d else None
        if r.source_number in _seen:
            return None
        return self.effective_on(r.source_number, _seen | {r.source_number})[0]

    def _ends(self, number: str) -> list[tuple[dt.date | None, Rel]]:
        """Whole-document endings, best-ranked statement per ending document."""
        best: dict[str, Rel] = {}
        for r in self.by_target.get(number, ()):
            if r.kind in ENDING and not r.partial:
                cur = best.get(r.source_number)
                if cur is None or (r.rank, -len(r.evidence)) < (cur.rank, -len(cur.evidence)):
                    best[r.source_number] = r
        return [(self.relation_date(r, frozenset({number})), r) for r in best.values()]

    # --- status --------------------------------------------------------------------------
    def status(self, number: str, as_of: dt.date) -> Status:
        d = self.docs.get(number)
        if d and d.base_number and d.base_number != number:  # VBHN speaks for its base law
            st = self.status(d.base_number, as_of)
            st.evidence.insert(0, {"source": f"kb:{number}",
                                   "text": f"Văn bản hợp nhất {number} của {d.base_number}"})
            st.number, st.doc_type = number, d.doc_type or st.doc_type
            st.title = d.title or st.title
            return st
        st = self._status_core(number, as_of)
        if st.status == "expired" and st.replaced_by:
            st.current_successor, more = self._successors(number, as_of)
            st.gaps.extend(more)
        elif st.status in ("in_force", "partly_in_force"):
            st.current_successor = None
        return st

    def _status_core(self, number: str, as_of: dt.date) -> Status:
        d = self.docs.get(number)
        eff, eff_ev = self.effective_on(number)
        st = Status(number, d.doc_type if d else None, d.title if d else None,
                    d.issued_on if d else None, eff, "unknown", as_of=as_of)
        if d is None:
            return st
        ends = self._ends(number)
        dated = [(e, r) for e, r in ends if e is not None]
        end: dt.date | None = min((e for e, _ in dated), default=None)
        if end is None and d.expiry_on:
            end = d.expiry_on
        st.not_in_force_from = end
        st.replaced_by = sorted({r.source_number for _, r in ends})
        for _, r in sorted(ends, key=lambda x: (x[1].rank, x[1].source_number)):
            if r.evidence:
                st.evidence.append({"source": r.source, "text": r.evidence})
        partial = [r for r in self.by_target.get(number, ())
                   if r.kind in ENDING and r.partial]
        partial_now = [r for r in partial
                       if (x := self.relation_date(r, frozenset({number}))) and x <= as_of]
        st.partly_ended_by = sorted({r.source_number for r in partial_now})
        if end and as_of >= end:
            st.status = "expired"
            return st
        if end is None and ends:
            # the ending date is not stated, but a replacer that has itself ended bounds it
            for _, r in ends:
                later = [e for e, _ in self._ends(r.source_number) if e is not None]
                if later and as_of >= min(later):
                    st.status = "expired"
                    st.gaps.append(f"Chưa rõ ngày {number} hết hiệu lực; chắc chắn đã hết "
                                   f"hiệu lực trước {min(later).isoformat()}")
                    return st
        if eff and as_of < eff:
            st.status = "not_yet_in_force"
        elif eff and as_of >= eff:
            st.status = "partly_in_force" if partial_now else "in_force"
            text = (d.status_text or "").lower()
            if (st.status == "in_force" and "một phần" in text and d.status_as_of
                    and as_of >= d.status_as_of):
                st.status = "partly_in_force"  # vbpl.vn: "Hết hiệu lực một phần" at that date
                st.evidence.append({"source": f"kb:{number} (vbpl.vn)",
                                    "text": f"Trạng thái ngày {d.status_as_of.isoformat()}: "
                                            f"{d.status_text}"})
        else:  # effective date unknown
            text = (d.status_text or "").lower()
            began = d.issued_on or _year_of(number)
            if ends and isinstance(began, dt.date) and began <= as_of:
                st.status = "in_force"  # it was in force before something ended it
            elif ends and isinstance(began, int) and began < as_of.year:
                st.status = "in_force"
            elif ("còn hiệu lực" in text or "có hiệu lực" in text) and "chưa" not in text:
                st.status = "partly_in_force" if partial_now else "in_force"
            elif "hết hiệu lực một phần" in text:
                st.status = "partly_in_force"
            else:
                st.status = "unknown"
        if eff_ev and st.status != "unknown":
            st.evidence.append({"source": eff_ev[0], "text": eff_ev[1]})
        for r in partial_now[:5]:
            st.evidence.append({"source": r.source, "text": r.evidence})
        return st

    def _successors(self, number: str, as_of: dt.date) -> tuple[list[str] | None, list[str]]:
        """Follow replacement chains to what is in force at ``as_of``; report gaps."""
        out: list[str] = []
        gaps: list[str] = []
        seen = {number}
        frontier = [r.source_number for _, r in self._ends(number) if r.kind == "replaces"]
        while frontier:
            n = frontier.pop(0)
            if n in seen:
                continue
            seen.add(n)
            core = self._status_core(n, as_of)
            gaps.extend(core.gaps)
            if core.status in ("in_force", "partly_in_force", "not_yet_in_force"):
                out.append(n)
            elif core.status == "expired":
                nxt = [r.source_number for _, r in self._ends(n) if r.kind == "replaces"]
                if nxt:
                    frontier.extend(nxt)
                else:
                    gaps.append(f"{n} đã hết hiệu lực nhưng chưa rõ văn bản thay thế")
            else:
                gaps.append(f"Chưa rõ hiệu lực của {n}")
        return (sorted(set(out)) or None), gaps

    def in_force(self, number: str, as_of: dt.date) -> bool:
        return self._status_core(number, as_of).status in ("in_force", "partly_in_force")


def _year_of(number: str) -> int | None:
    parts = number.split("/")
    if len(parts) >= 3 and parts[1].isdigit() and len(parts[1]) == 4:
        return int(parts[1])
    return None
