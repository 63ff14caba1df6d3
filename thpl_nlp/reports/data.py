"""The report data layer: what a periodic report shows, computed from the review queue store.

Two halves:

* :class:`ReportSource` — the few queries a report needs (documents, findings, the audit trail
  of status changes, knowledge-base overrides). :class:`SqlReportSource` implements them with
  SQLAlchemy selects on the queue models (``thpl_nlp.queue.store``); tests and other stores can
  pass any object with the same methods.
* :func:`build_report_data` — turns those rows into a :class:`ReportData` for a
  :class:`~thpl_nlp.reports.periods.Period`: documents checked (kiểm tra: first reviewed in the
  period) and reviewed again (rà soát) by issuer and type; findings detected in the period by
  category, severity and status at the end of the period; decisions and proposed actions taken
  in the period; the documents proposed for handling (Mẫu số 04, Nghị định 79/2025/NĐ-CP); the
  documents whose legal bases ceased to be in force in the period; and the same key figures for
  the previous period.

A finding's status at a past instant is read from the audit trail (``finding_events`` whose
``after`` holds a ``status``), so a report for a closed period does not change when the
findings are triaged later; a store without an audit trail falls back to the current row.

>>> from thpl_nlp.reports.periods import annual
>>> data = build_report_data(MemorySource(), annual(2025))
>>> data.empty, data.summary["docs_checked"]
(True, 0)
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from thpl_nlp.models import ACTIONS, FINDING_CATEGORIES, SEVERITIES
from thpl_nlp.reports.classify import classify_issuer
from thpl_nlp.reports.periods import Period

STATUSES = ("new", "in_review", "confirmed", "dismissed", "action_proposed", "resolved")
# Statuses by which a specialist has accepted a finding as a real problem.
ACCEPTED = ("confirmed", "action_proposed", "resolved")
# Statuses carrying a proposed handling of the document.
PROPOSED = ("action_proposed", "resolved")
# Audit events that are decisions on a finding (the queue's own kinds, plus the system
# resolving a finding when the document is fixed); "undo" restores a state, "created",
# "reopen", "assign" and "updated" are not decisions.
DECISION_KINDS = frozenset({"status", "action", "system_resolve"})
LEVEL_ORDER = ("province", "commune", "district", "other")
BODY_ORDER = ("HDND", "UBND", "CT_UBND", "other")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class DocumentRecord:
    """A local document of the store, as the reports need it."""

    id: int
    key: str
    source: str
    number: str | None
    issuer: str | None
    doc_type: str | None
    title: str | None
    issued_on: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
    bases: tuple[str, ...] = ()  # canonical numbers cited in the "Căn cứ" lines
    basis_texts: tuple[str, ...] = ()  # the "Căn cứ …" lines as printed
    proposer: str | None = None  # "Theo đề nghị của …" (the drafting body)
    effective_on: dt.date | None = None
    # (cited number, its "Căn cứ …" line, the cited type as the line names it)
    basis_lines: tuple[tuple[str, str, str], ...] = ()
    # every review merged into the store, first to last (``document_runs.reviewed_at``)
    reviews: tuple[dt.datetime, ...] = ()

    @property
    def review_times(self) -> tuple[dt.datetime, ...]:
        """The document's reviews, first to last; without a recorded history (a store or
        source without ``document_runs``), its first and latest review times."""
        if self.reviews:
            return self.reviews
        if self.updated_at > self.created_at:
            return (self.created_at, self.updated_at)
        return (self.created_at,)

    @property
    def first_reviewed(self) -> dt.datetime:
        """When the document was first checked (its first review)."""
        return self.review_times[0]

    def reviewed_between(self, start: dt.datetime, end: dt.datetime) -> bool:
        """Whether one of its reviews falls in ``[start, end)`` (naive UTC)."""
        return any(start <= t < end for t in self.review_times)

    @property
    def name(self) -> str:
        """``Nghị quyết số 15/2025/NQ-HĐND ngày 11/12/2025`` (what the document is called)."""
        parts = [self.doc_type or "Văn bản"]
        if self.number:
            parts.append(f"số {self.number}")
        if self.issued_on:
            parts.append(f"ngày {self.issued_on:%d/%m/%Y}")
        if not self.number and not self.issued_on:
            parts.append(f"({self.source})")
        return " ".join(parts)


@dataclass(frozen=True)
class FindingRecord:
    """A finding of the queue (the keys of :class:`thpl_nlp.models.Finding` + triage state)."""

    id: int
    document_id: int
    number: str | None
    eid: str
    rule: str
    category: str
    severity: str
    confidence: float
    message: str
    status: str
    created_at: dt.datetime
    cited: str | None = None
    replaced_by: tuple[str, ...] = ()
    legal_ground: str | None = None
    action: str | None = None  # suggested by the review
    proposed_action: str | None = None  # decided by a specialist
    proposed_ground: str | None = None
    decided_at: dt.datetime | None = None
    evidence: tuple[dict[str, Any], ...] = ()
    provision_text: str | None = None


@dataclass(frozen=True)
class EventRecord:
    """One audit-trail entry that set a finding's status."""

    id: int
    finding_id: int
    at: dt.datetime
    status: str  # the status after the event
    before_status: str | None = None
    kind: str = "status"
    proposed_action: str | None = None
    proposed_ground: str | None = None


class ReportSource(Protocol):
    """The queries a report makes on the review queue store."""

    def documents(self, before: dt.datetime | None = None) -> list[DocumentRecord]:
        """Documents first stored before ``before`` (all when None)."""
        ...

    def findings(self, before: dt.datetime | None = None) -> list[FindingRecord]:
        """Findings first detected before ``before`` (all when None)."""
        ...

    def status_events(self, before: dt.datetime | None = None) -> list[EventRecord]:
        """Status-setting audit events before ``before``, not undone, by time."""
        ...

    def overrides(self) -> dict[str, dict[str, Any]]:
        """Specialists' knowledge-base corrections in effect, by document number."""
        ...

    def find_documents(self, ref: str) -> list[DocumentRecord]:
        """Documents whose number, key or stored source path is ``ref``."""
        ...

    def findings_of(self, document_id: int) -> list[FindingRecord]:
        """Every finding of one document."""
        ...


class ValidityLookup(Protocol):
    """The knowledge-base call the reports make (``KnowledgeBase.status``)."""

    def status(self, number: str, as_of: dt.date | None = None) -> dict[str, Any] | None: ...


# --------------------------------------------------------------------------- SQL source


def canonical_ref(ref: str) -> str:
    """A document number as the user typed it, in canonical form (unchanged if it is not one).

    >>> canonical_ref("15/2025/NQ-HDND")
    '15/2025/NQ-HĐND'
    """
    try:
        from thpl_nlp.nlp.canonical import canonical_number

        return canonical_number(ref.strip())[0]
    except Exception:  # noqa: BLE001 - a path or anything else is looked up as given
        return ref.strip()


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _bases_from_structure(
    structure: dict[str, Any] | None,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str, str], ...]]:
    """Cited numbers, printed lines, and (number, line) pairs of a stored parse's ``bases``."""
    numbers: list[str] = []
    texts: list[str] = []
    lines: list[tuple[str, str, str]] = []
    for b in (structure or {}).get("bases") or []:
        if not isinstance(b, dict):
            continue
        text = str(b.get("text") or "").strip()
        if text:
            texts.append(text)
        for r in b.get("refs") or []:
            n = isinstance(r, dict) and r.get("number")
            if n and n not in numbers:
                numbers.append(str(n))
                lines.append((str(n), text, str(r.get("doc_type") or "")))
    return tuple(numbers), tuple(texts), tuple(lines)


def _same_file(ref: str, docs: Iterable[DocumentRecord]) -> list[DocumentRecord]:
    """Documents whose stored source is the same file as ``ref`` written another way
    (``./vb/a.pdf`` for ``vb/a.pdf``, or an absolute path)."""
    from pathlib import Path

    try:
        target = Path(ref.strip()).resolve()
    except (OSError, ValueError):
        return []
    out = []
    for d in docs:
        try:
            if Path(d.source).resolve() == target:
                out.append(d)
        except (OSError, ValueError):
            continue
    return out


class SqlReportSource:
    """:class:`ReportSource` over the queue store's SQLAlchemy models.

    >>> from thpl_nlp.queue.store import make_engine, upgrade
    >>> eng = make_engine("sqlite://"); upgrade(eng)
    >>> SqlReportSource(eng).documents()
    []
    """

    def __init__(self, engine: Any) -> None:
        from sqlalchemy.orm import Session

        self.engine = engine
        self._session = lambda: Session(engine)
        self._has_runs: bool | None = None

    @classmethod
    def from_settings(cls) -> SqlReportSource:
        """The store at ``get_settings().db_url``; ``ThplError(E801)`` when it is not set up."""
        from sqlalchemy import inspect

        from thpl_nlp.errors import ThplError
        from thpl_nlp.queue.store import make_engine
        from thpl_nlp.settings import get_settings

        url = get_settings().db_url
        try:
            engine = make_engine(url)
            tables = set(inspect(engine).get_table_names())
        except Exception as err:  # noqa: BLE001 - any driver failure is a configuration problem
            raise ThplError("E801", detail=f" ({type(err).__name__})") from None
        if not {"documents", "findings", "finding_events"} <= tables:
            raise ThplError("E801", detail=f" ({engine.url.render_as_string(hide_password=True)})")
        return cls(engine)

    def documents(self, before: dt.datetime | None = None) -> list[DocumentRecord]:
        from sqlalchemy import select

        from thpl_nlp.queue.store import Document

        q = select(Document).order_by(Document.id)
        if before is not None:
            q = q.where(Document.created_at < before)
        with self._session() as s:
            reviews = self._reviews(s, before)
            return [self._doc(d, reviews.get(d.id, ())) for d in s.scalars(q)]

    def _reviews(self, s: Any, before: dt.datetime | None) -> dict[int, tuple[dt.datetime, ...]]:
        """Review times per document (``document_runs``), for documents stored before
        ``before``; empty on a store not yet migrated to revision 0003."""
        from sqlalchemy import inspect, select

        from thpl_nlp.queue.store import Document, DocumentRun

        if self._has_runs is None:
            self._has_runs = inspect(self.engine).has_table("document_runs")
        if not self._has_runs:
            return {}
        q = select(DocumentRun.document_id, DocumentRun.reviewed_at).order_by(
            DocumentRun.document_id, DocumentRun.reviewed_at, DocumentRun.id
        )
        if before is not None:
            q = q.join(Document, Document.id == DocumentRun.document_id).where(
                Document.created_at < before
            )
        out: dict[int, list[dt.datetime]] = defaultdict(list)
        for doc_id, at in s.execute(q):
            out[doc_id].append(at)
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def _doc(d: Any, reviews: tuple[dt.datetime, ...] = ()) -> DocumentRecord:
        structure = d.structure if isinstance(d.structure, dict) else {}
        numbers, texts, lines = _bases_from_structure(structure)
        return DocumentRecord(
            id=d.id,
            key=d.key,
            source=d.source,
            number=d.number,
            issuer=d.issuer,
            doc_type=d.doc_type,
            title=d.title,
            issued_on=d.issued_on,
            created_at=d.created_at,
            updated_at=d.updated_at or d.created_at,
            bases=numbers,
            basis_texts=texts,
            proposer=structure.get("proposer"),
            effective_on=_date(structure.get("effective_on")),
            basis_lines=lines,
            reviews=reviews,
        )

    def find_documents(self, ref: str) -> list[DocumentRecord]:
        from sqlalchemy import or_, select

        from thpl_nlp.queue.store import Document

        keys = {ref.strip(), canonical_ref(ref)}
        q = select(Document).where(
            or_(Document.number.in_(keys), Document.key.in_(keys), Document.source.in_(keys))
        )
        with self._session() as s:
            hits = [self._doc(d) for d in s.scalars(q.order_by(Document.id))]
        return hits or _same_file(ref, self.documents())

    def findings_of(self, document_id: int) -> list[FindingRecord]:
        from thpl_nlp.queue.store import FindingRow

        return self.findings(where=FindingRow.document_id == document_id)

    def findings(self, before: dt.datetime | None = None, where: Any = None) -> list[FindingRecord]:
        from sqlalchemy import select

        from thpl_nlp.queue.store import FindingRow

        q = select(FindingRow).order_by(FindingRow.id)
        if before is not None:
            q = q.where(FindingRow.created_at < before)
        if where is not None:
            q = q.where(where)
        with self._session() as s:
            return [
                FindingRecord(
                    id=f.id,
                    document_id=f.document_id,
                    number=f.number,
                    eid=f.eid,
                    rule=f.rule,
                    category=f.category,
                    severity=f.severity,
                    confidence=f.confidence,
                    message=f.message,
                    status=f.status,
                    created_at=f.created_at,
                    cited=f.cited,
                    replaced_by=tuple(f.replaced_by or ()),
                    legal_ground=f.legal_ground,
                    action=f.action,
                    proposed_action=f.proposed_action,
                    proposed_ground=f.proposed_ground,
                    decided_at=f.decided_at,
                    evidence=tuple(e for e in (f.evidence or ()) if isinstance(e, dict)),
                    provision_text=f.provision_text,
                )
                for f in s.scalars(q)
            ]

    def status_events(self, before: dt.datetime | None = None) -> list[EventRecord]:
        from sqlalchemy import select

        from thpl_nlp.queue.store import FindingEvent

        q = select(FindingEvent).where(FindingEvent.undone.is_(False))
        if before is not None:
            q = q.where(FindingEvent.at < before)
        q = q.order_by(FindingEvent.at, FindingEvent.id)
        out = []
        with self._session() as s:
            for e in s.scalars(q):
                after = e.after if isinstance(e.after, dict) else {}
                status = after.get("status")
                if status not in STATUSES:
                    continue
                before_d = e.before if isinstance(e.before, dict) else {}
                out.append(
                    EventRecord(
                        id=e.id,
                        finding_id=e.finding_id,
                        at=e.at,
                        status=status,
                        before_status=before_d.get("status"),
                        kind=e.kind,
                        proposed_action=after.get("proposed_action"),
                        proposed_ground=after.get("proposed_ground"),
                    )
                )
        return out

    def overrides(self) -> dict[str, dict[str, Any]]:
        from sqlalchemy import select

        from thpl_nlp.queue.store import KbOverride

        latest: dict[str, dict[str, Any]] = {}
        with self._session() as s:
            for o in s.scalars(select(KbOverride).order_by(KbOverride.at, KbOverride.id)):
                if o.deleted:
                    latest.pop(o.number, None)
                    continue
                latest[o.number] = {
                    "number": o.number,
                    "status": o.status,
                    "effective_on": o.effective_on.isoformat() if o.effective_on else None,
                    "not_in_force_from": (
                        o.not_in_force_from.isoformat() if o.not_in_force_from else None
                    ),
                    "replaced_by": list(o.replaced_by or []) or None,
                    "evidence": [{"source": f"override:{o.author}", "text": o.note}],
                }
        return latest


class MemorySource:
    """A :class:`ReportSource` over lists (for callers that already hold the rows)."""

    def __init__(
        self,
        documents: Iterable[DocumentRecord] = (),
        findings: Iterable[FindingRecord] = (),
        events: Iterable[EventRecord] = (),
        overrides: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self._docs = list(documents)
        self._findings = list(findings)
        self._events = sorted(events, key=lambda e: (e.at, e.id))
        self._overrides = dict(overrides or {})

    def documents(self, before: dt.datetime | None = None) -> list[DocumentRecord]:
        return [d for d in self._docs if before is None or d.created_at < before]

    def findings(self, before: dt.datetime | None = None) -> list[FindingRecord]:
        return [f for f in self._findings if before is None or f.created_at < before]

    def status_events(self, before: dt.datetime | None = None) -> list[EventRecord]:
        return [e for e in self._events if before is None or e.at < before]

    def overrides(self) -> dict[str, dict[str, Any]]:
        return dict(self._overrides)

    def find_documents(self, ref: str) -> list[DocumentRecord]:
        keys = {ref.strip(), canonical_ref(ref)}
        return [d for d in self._docs if keys & {d.number, d.key, d.source}] or _same_file(
            ref, self._docs
        )

    def findings_of(self, document_id: int) -> list[FindingRecord]:
        return [f for f in self._findings if f.document_id == document_id]


# --------------------------------------------------------------------------- validity


class Validity:
    """Validity facts: specialists' overrides first, then the knowledge base (if any)."""

    def __init__(self, kb: ValidityLookup | None, overrides: dict[str, dict[str, Any]]) -> None:
        self.kb = kb
        self.overrides = overrides
        self._cache: dict[tuple[str, dt.date], dict[str, Any] | None] = {}

    def status(self, number: str, as_of: dt.date) -> dict[str, Any] | None:
        key = (number, as_of)
        if key not in self._cache:
            found: dict[str, Any] | None = None
            if self.kb is not None:
                try:
                    found = _as_dict(self.kb.status(number, as_of=as_of))
                except Exception:  # noqa: BLE001 - one unknown number must not stop a report
                    found = None
                if found and found.get("status") == "unknown":
                    found = None
            over = self.overrides.get(number)
            if over:
                found = {
                    **(found or {"number": number}),
                    **{k: v for k, v in over.items() if v is not None},
                }
                nif = _date(found.get("not_in_force_from"))
                if over.get("status") is None and nif is not None:
                    found["status"] = "expired" if nif <= as_of else found.get("status")
            self._cache[key] = found
        return self._cache[key]


def _as_dict(status: Any) -> dict[str, Any] | None:
    """A KB status (``Status`` object or contract dict) as the contract dict, plus
    ``partly_ended_by`` when the object has it."""
    if status is None or isinstance(status, dict):
        return status
    d = dict(status.to_contract_dict())
    if getattr(status, "partly_ended_by", None):
        d["partly_ended_by"] = list(status.partly_ended_by)
    return d


def open_kb() -> ValidityLookup | None:
    """The knowledge base in ``THPL_HOME`` when it has been built, else None."""
    try:
        from thpl_nlp.kb import KnowledgeBase
    except Exception:  # noqa: BLE001 - no KB package: reports still work without it
        return None
    try:
        if not KnowledgeBase.exists():
            return None
        return KnowledgeBase.open()
    except Exception:  # noqa: BLE001 - an unreadable KB is reported as "not available"
        return None


# --------------------------------------------------------------------------- report content


@dataclass
class IssuerRow:
    body: str
    level: str
    label: str
    checked: int = 0
    reviewed: int = 0
    with_findings: int = 0
    unlawful: int = 0
    proposed: int = 0


@dataclass
class TypeRow:
    doc_type: str
    checked: int = 0
    reviewed: int = 0
    with_findings: int = 0
    unlawful: int = 0


@dataclass
class CategoryRow:
    category: str
    label: str
    high: int = 0
    medium: int = 0
    low: int = 0

    @property
    def total(self) -> int:
        return self.high + self.medium + self.low


@dataclass
class CountRow:
    key: str
    label: str
    count: int = 0
    documents: int = 0


@dataclass
class ProposalRow:
    """One line of Mẫu số 04: a document proposed for handling and why."""

    document: DocumentRecord
    type_issuer: str  # "Tên loại văn bản; cơ quan ban hành"
    identity: str  # "Số, ký hiệu; ngày, tháng, năm ban hành; tên gọi của văn bản"
    actions: str  # "Kiến nghị hình thức xử lý văn bản"
    grounds: list[str]  # "Nội dung kiến nghị xử lý/Lý do kiến nghị", one per finding
    drafting_body: str  # "Cơ quan/đơn vị chủ trì soạn thảo"
    deadline: str  # "Thời hạn phải xử lý"
    findings: list[FindingRecord] = field(default_factory=list)


@dataclass
class ExpiredBasisRow:
    """A document one of whose legal bases ceased to be in force in the period."""

    document: DocumentRecord
    basis: str
    basis_name: str  # "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13"
    not_in_force_from: dt.date
    replaced_by: str
    status: str


@dataclass
class ComparisonRow:
    key: str
    label: str
    current: int
    previous: int

    @property
    def delta(self) -> int:
        return self.current - self.previous

    @property
    def delta_text(self) -> str:
        """``+3 (+25,0%)``, ``-2 (-50,0%)``, ``0``, or ``+4 (kỳ trước: 0)``."""
        if self.delta == 0:
            return "0"
        sign = "+" if self.delta > 0 else "-"
        if self.previous == 0:
            return f"{sign}{abs(self.delta)}"
        pct = abs(self.delta) * 100 / self.previous
        return f"{sign}{abs(self.delta)} ({sign}{pct:.1f}%)".replace(".", ",")


SUMMARY_LABELS = {
    "docs_checked": "Số văn bản đã kiểm tra",
    "docs_reviewed": "Số văn bản đã rà soát",
    "docs_with_findings": "Số văn bản có phát hiện cần xem xét",
    "docs_unlawful": "Số văn bản có nội dung trái pháp luật, sai sót (đã xác nhận)",
    "docs_proposed": "Số văn bản đã kiến nghị xử lý",
    "docs_resolved": "Số văn bản đã xử lý xong",
    "docs_expired_bases": "Số văn bản có căn cứ ban hành hết hiệu lực trong kỳ",
    "findings_detected": "Số phát hiện trong kỳ",
    "findings_accepted": "Số phát hiện được xác nhận",
    "findings_dismissed": "Số phát hiện không chấp nhận",
    "findings_open": "Số phát hiện chưa xử lý xong",
    "decisions": "Số quyết định xử lý phát hiện trong kỳ",
}


@dataclass
class ReportData:
    """Everything a periodic report shows. Every number is derived from the store rows."""

    period: Period
    previous: Period
    generated_at: dt.datetime
    config: dict[str, Any]
    documents_checked: list[DocumentRecord]
    documents_reviewed: list[DocumentRecord]
    by_issuer: list[IssuerRow]
    by_type: list[TypeRow]
    findings: list[FindingRecord]  # detected in the period
    status_at_end: dict[int, str]  # finding id → status at the end of the period
    by_category: list[CategoryRow]
    by_status: list[CountRow]
    decisions: list[CountRow]  # by the status decided in the period
    actions: list[CountRow]  # proposed actions decided in the period
    proposals: list[ProposalRow]
    expired_bases: list[ExpiredBasisRow]
    summary: dict[str, int]
    previous_summary: dict[str, int]
    documents_by_id: dict[int, DocumentRecord]
    kb_available: bool = False

    @property
    def empty(self) -> bool:
        """No document was checked or reviewed in the period."""
        return not self.documents_checked and not self.documents_reviewed

    @property
    def comparison(self) -> list[ComparisonRow]:
        return [
            ComparisonRow(k, SUMMARY_LABELS[k], self.summary[k], self.previous_summary.get(k, 0))
            for k in SUMMARY_LABELS
        ]

    def label(self, kind: str, key: str) -> str:
        """Vietnamese label of a category/severity/status/level/body key."""
        return (self.config.get("labels", {}).get(kind, {}) or {}).get(key, key)


def status_at(finding: FindingRecord, events: list[EventRecord], until: dt.datetime) -> str:
    """The finding's status just before ``until`` (naive UTC), read from its audit events.

    ``events`` are this finding's status events, sorted by time. Without any, the row's
    current status is used when it was decided before ``until`` (or never decided).

    >>> f = FindingRecord(1, 1, None, "art_1", "r", "form", "low", 0.5, "m", "confirmed",
    ...                   dt.datetime(2025, 1, 1))
    >>> e = EventRecord(1, 1, dt.datetime(2025, 3, 1), "confirmed", "new")
    >>> status_at(f, [e], dt.datetime(2025, 2, 1)), status_at(f, [e], dt.datetime(2025, 4, 1))
    ('new', 'confirmed')
    """
    if until <= finding.created_at:
        return "new"
    if not events:
        if finding.decided_at is None or finding.decided_at < until:
            return finding.status
        return "new"
    last = None
    for e in events:
        if e.at < until:
            last = e
        else:
            break
    if last is not None:
        return last.status
    return events[0].before_status or "new"


@dataclass
class _Decision:
    finding: FindingRecord
    status: str
    action: str | None
    ground: str | None


def _decisions(
    findings: list[FindingRecord],
    events_by_finding: dict[int, list[EventRecord]],
    start: dt.datetime,
    end: dt.datetime,
) -> list[_Decision]:
    """The last status decision of each finding taken in ``[start, end)``."""
    out: list[_Decision] = []
    for f in findings:
        evs = events_by_finding.get(f.id, [])
        if evs:
            inside = [e for e in evs if start <= e.at < end and e.kind in DECISION_KINDS]
            if not inside:
                continue
            e = inside[-1]
            status, action = e.status, e.proposed_action or f.proposed_action
            ground = e.proposed_ground or f.proposed_ground
        elif f.decided_at is not None and start <= f.decided_at < end:
            status, action, ground = f.status, f.proposed_action, f.proposed_ground
        else:
            continue
        if status in ("new",):
            continue
        if status in PROPOSED:
            action = action or f.action
        else:
            action = None
        out.append(_Decision(f, status, action, ground))
    return out


# Types whose title is a name placed before the number ("Luật Đất đai số 31/2024/QH15").
NAMED_TYPES = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh")


def cite(number: str, doc_type: str | None, title: str | None) -> str:
    """How a Vietnamese text cites a document.

    >>> cite("80/2015/QH13", "Luật", "Luật Ban hành văn bản quy phạm pháp luật")
    'Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13'
    >>> cite("64/2025/QH15", "Luật", "Ban hành văn bản quy phạm pháp luật")
    'Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15'
    >>> cite("78/2025/NĐ-CP", "Nghị định", "Quy định chi tiết một số điều")
    'Nghị định số 78/2025/NĐ-CP quy định chi tiết một số điều'
    >>> cite("34/2016/NĐ-CP", None, None)
    'số 34/2016/NĐ-CP'
    """
    t = (title or "").strip()
    ty = (doc_type or "").strip()
    if t and ty and t.lower().startswith(ty.lower() + " "):
        if ty in NAMED_TYPES:
            return f"{t} số {number}"
        t = t[len(ty) :].strip()
    if t and ty in NAMED_TYPES:
        return f"{ty} {t} số {number}"
    head = f"{ty} số {number}".strip()
    return f"{head} {t[:1].lower() + t[1:]}" if t else head


def _issuer_label(body: str, level: str, labels: dict[str, Any]) -> str:
    """``Hội đồng nhân dân cấp tỉnh``; ``Chưa xác định cơ quan ban hành`` when nothing is known."""
    if body == "other" and level == "other":
        return "Chưa xác định cơ quan ban hành"
    b = labels.get("bodies", {}).get(body, body)
    if level == "other":
        return b
    return f"{b} {labels.get('levels', {}).get(level, level).lower()}"


def _where(eid: str) -> str:
    try:
        from thpl_nlp.review.findings import where
    except Exception:  # noqa: BLE001 - the review package is optional for reports
        return eid
    return where(eid)


def _action_labels(keys: Iterable[str]) -> str:
    seen: list[str] = []
    for k in keys:
        label = ACTIONS.get(k, k)
        if label not in seen:
            seen.append(label)
    return "; ".join(seen)


def _identity(d: DocumentRecord) -> str:
    parts = [d.number or "(chưa có số hiệu)"]
    if d.issued_on:
        parts.append(f"ngày {d.issued_on:%d/%m/%Y}")
    if d.title:
        parts.append(d.title)
    elif not d.number:
        parts.append(d.source)
    return "; ".join(parts)


# The head of a body, named before it: "Giám đốc Sở Tài chính" → "Sở Tài chính", "Vụ trưởng
# Vụ Pháp chế" → "Vụ Pháp chế", "Chánh Văn phòng …" → "Văn phòng …", "Trưởng phòng Tư pháp" →
# "phòng Tư pháp", "Trưởng ban Ban quản lý …" → "Ban quản lý …".
_HEAD = r"""(?:(?:các\s+)?(?:ông|bà)\s+)?     # "ông Giám đốc …", "các Ông Vụ trưởng …"
    (?:(?:phó\s+)?(?:giám\s+đốc|chủ\s+tịch|thủ\s+trưởng|chủ\s+nhiệm
        |(?:tổng\s+cục|chi\s+cục|viện|cục|vụ|bộ)\s+trưởng)\s+
    |chánh\s+(?=văn\s+phòng|thanh\s+tra)
    |trưởng\s+(?:ban\s+(?=ban\b))?(?=ban|phòng))?"""
# What follows the body's name, up to the next ";": its submission ("tại Tờ trình số
# 210/TTr-STC ngày …", "(Tờ trình số …)", ", Báo cáo thẩm định …", "kèm theo …"), its
# subject ("về việc …", "đề nghị thông qua …") or the enacting formula (", Nghị định:").
_TAIL = r"""(?:(?:[\s,]+(?:(?:tại|theo)\s+(?:các\s+)?)?|\s*\()
        (?:tờ\s+trình|văn\s+bản|công\s+văn|báo\s+cáo)\b[^;]*
    |,?\s+kèm\s+theo\b[^;]*
    |\s+về\s+(?:việc|dự\s+thảo|kế\s+hoạch|chính\s+sách|đề\s+nghị|đề\s+án|quy\s+hoạch)\b[^;]*
    |\s+đề\s+nghị\b[^;]*
    |,\s*(?:nghị\s+định|quyết\s+định|quyết\s+nghị|thông\s+tư)\s*:.*)?"""
_END = r"""\s*(?:;|\.?\s*$)"""  # a ";" or the end of the line (a final "." dropped)
_PROPOSER = re.compile(
    rf"""
    ^\s*(?:theo|xét|sau\s+khi\s+xem\s+xét)\s+đề\s+nghị\s+của\s+
                                                # "Theo đề nghị của" / "Xét đề nghị của"
    {_HEAD}                                     # the head's title, dropped
    (?P<body>[^;]+?)                            # the drafting body
    {_TAIL}{_END}                               # its submission, dropped
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SUBMISSION = re.compile(
    rf"""
    ^\s*(?:xét|sau\s+khi\s+xem\s+xét|(?:theo|xét)\s+đề\s+nghị\s+tại)\s+
    (?:tờ\s+trình|văn\s+bản|công\s+văn)\b    # "Xét Tờ trình" (resolutions of the HĐND)
    [^;]*?\s+của\s+                          # its number and date, up to "của"
    {_HEAD}                                     # the head's title, dropped
    (?P<body>[^;]+?)                            # the body that submitted the draft
    {_TAIL}{_END}                               # the rest of its submission, dropped
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A further body joined by "và" or a comma, with its head's title: the title is dropped.
_JOINED_HEAD = re.compile(rf"(?P<join>\s+và\s+|,\s+){_HEAD}", re.VERBOSE | re.IGNORECASE)


def drafting_body(proposer: str | None) -> str:
    """The drafting body named in "Theo đề nghị của …" (column 6 of Mẫu số 04), or for an
    HĐND resolution the body whose submission it considered ("Xét Tờ trình … của …"); empty
    when the line names neither.

    >>> drafting_body("Theo đề nghị của Giám đốc Sở Tài chính.")
    'Sở Tài chính'
    >>> drafting_body("Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 210/TTr-STC "
    ...               "ngày 22 tháng 7 năm 2024")
    'Sở Tài chính'
    >>> drafting_body("Xét Tờ trình số 88/TTr-UBND ngày 14 tháng 6 năm 2024 của Ủy ban nhân "
    ...               "dân tỉnh; Báo cáo thẩm tra của Ban Kinh tế - Ngân sách")
    'Ủy ban nhân dân tỉnh'
    """
    if not proposer:
        return ""
    m = _SUBMISSION.match(proposer) or _PROPOSER.match(proposer)
    if m is None:
        return ""
    body = _JOINED_HEAD.sub(lambda j: j["join"], m["body"]).strip(" ,.:")
    return body[:1].upper() + body[1:]


def _type_issuer(d: DocumentRecord) -> str:
    return "; ".join(x for x in (d.doc_type or "Văn bản", d.issuer or "") if x)


def _sorted_docs(docs: Iterable[DocumentRecord]) -> list[DocumentRecord]:
    return sorted(docs, key=lambda d: (d.issued_on or dt.date.min, d.number or d.source, d.id))


def _key_figures(
    source_docs: list[DocumentRecord],
    findings: list[FindingRecord],
    events_by_finding: dict[int, list[EventRecord]],
    period: Period,
) -> tuple[
    list[DocumentRecord],
    list[DocumentRecord],
    list[FindingRecord],
    dict[int, str],
    list[_Decision],
    dict[str, int],
]:
    start, end = period.utc_bounds()
    # checked: first reviewed in the period; reviewed again (rà soát): stored before it and
    # reviewed at least once inside it — from every recorded review, not only the latest
    checked = [d for d in source_docs if start <= d.first_reviewed < end]
    reviewed = [
        d for d in source_docs if d.first_reviewed < start and d.reviewed_between(start, end)
    ]
    detected = [f for f in findings if start <= f.created_at < end]
    status = {f.id: status_at(f, events_by_finding.get(f.id, []), end) for f in detected}
    decisions = _decisions(
        [f for f in findings if f.created_at < end], events_by_finding, start, end
    )
    with_findings = {f.document_id for f in detected if status[f.id] != "dismissed"}
    unlawful = {f.document_id for f in detected if status[f.id] in ACCEPTED}
    proposed = {d.finding.document_id for d in decisions if d.status in PROPOSED}
    resolved = {d.finding.document_id for d in decisions if d.status == "resolved"}
    summary = {
        "docs_checked": len(checked),
        "docs_reviewed": len(reviewed),
        "docs_with_findings": len(with_findings),
        "docs_unlawful": len(unlawful),
        "docs_proposed": len(proposed),
        "docs_resolved": len(resolved),
        "docs_expired_bases": 0,  # filled by the caller (needs validity facts)
        "findings_detected": len(detected),
        "findings_accepted": sum(1 for f in detected if status[f.id] in ACCEPTED),
        "findings_dismissed": sum(1 for f in detected if status[f.id] == "dismissed"),
        "findings_open": sum(
            1
            for f in detected
            if status[f.id] in ("new", "in_review", "confirmed", "action_proposed")
        ),
        "decisions": len(decisions),
        # distinct documents behind the status and decision tables (not compared)
        "docs_any_finding": len({f.document_id for f in detected}),
        "docs_decided": len({d.finding.document_id for d in decisions}),
    }
    return checked, reviewed, detected, status, decisions, summary


def _expired_bases(
    docs: list[DocumentRecord],
    findings: list[FindingRecord],
    validity: Validity,
    period: Period,
) -> list[ExpiredBasisRow]:
    """Documents (stored before the period ends) whose bases stopped being in force in it."""
    cited: dict[int, list[str]] = defaultdict(list)
    for d in docs:
        cited[d.id].extend(d.bases)
    for f in findings:
        if f.category == "basis_expired" and f.cited and f.cited not in cited[f.document_id]:
            cited[f.document_id].append(f.cited)
    by_id = {d.id: d for d in docs}
    rows: list[ExpiredBasisRow] = []
    for doc_id, numbers in cited.items():
        doc = by_id.get(doc_id)
        if doc is None:
            continue
        for n in numbers:
            st = validity.status(n, period.end)
            if not st:
                continue
            when = _date(st.get("not_in_force_from"))
            if when is None or not period.contains(when):
                continue
            if st.get("status") not in ("expired", "partly_in_force"):
                continue
            if doc.issued_on is not None and doc.issued_on >= when:
                continue  # issued on an expired basis: a check finding, not a review trigger
            rows.append(
                ExpiredBasisRow(
                    document=doc,
                    basis=n,
                    basis_name=cite(n, st.get("doc_type"), st.get("title")),
                    not_in_force_from=when,
                    replaced_by=", ".join(st.get("replaced_by") or []),
                    status=str(st.get("status")),
                )
            )
    rows.sort(key=lambda r: (r.not_in_force_from, r.document.number or r.document.source, r.basis))
    return rows


def build_report_data(
    source: ReportSource,
    period: Period,
    kb: ValidityLookup | None = None,
    config: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> ReportData:
    """Compute the content of the report for ``period`` from ``source``."""
    if config is None:
        from thpl_nlp.reports.config import load_config

        config = load_config()
    previous = period.previous()
    _, end = period.utc_bounds()
    docs = source.documents(before=end)
    findings = source.findings(before=end)
    events_by_finding: dict[int, list[EventRecord]] = defaultdict(list)
    for e in source.status_events(before=end):
        events_by_finding[e.finding_id].append(e)
    validity = Validity(kb, source.overrides())
    labels = config.get("labels", {})
    cities = config.get("central_cities", [])

    checked, reviewed, detected, status, decisions, summary = _key_figures(
        docs, findings, events_by_finding, period
    )
    *_, prev_summary = _key_figures(docs, findings, events_by_finding, previous)
    expired = _expired_bases(docs, findings, validity, period)
    summary["docs_expired_bases"] = len({r.document.id for r in expired})
    prev_expired = _expired_bases(docs, findings, validity, previous)
    prev_summary["docs_expired_bases"] = len({r.document.id for r in prev_expired})

    docs_by_id = {d.id: d for d in docs}
    # --- by issuer and by type
    with_findings = {f.document_id for f in detected if status[f.id] != "dismissed"}
    unlawful = {f.document_id for f in detected if status[f.id] in ACCEPTED}
    proposed_docs = {d.finding.document_id for d in decisions if d.status in PROPOSED}
    issuer_rows: dict[tuple[str, str], IssuerRow] = {}
    type_rows: dict[str, TypeRow] = {}
    for group, attr in ((checked, "checked"), (reviewed, "reviewed")):
        for d in group:
            body, level = classify_issuer(d.issuer, d.number, cities)
            row = issuer_rows.setdefault(
                (body, level), IssuerRow(body, level, _issuer_label(body, level, labels))
            )
            setattr(row, attr, getattr(row, attr) + 1)
            row.with_findings += d.id in with_findings
            row.unlawful += d.id in unlawful
            row.proposed += d.id in proposed_docs
            t = type_rows.setdefault(
                d.doc_type or "Không xác định", TypeRow(d.doc_type or "Không xác định")
            )
            setattr(t, attr, getattr(t, attr) + 1)
            t.with_findings += d.id in with_findings
            t.unlawful += d.id in unlawful
    by_issuer = sorted(
        issuer_rows.values(), key=lambda r: (LEVEL_ORDER.index(r.level), BODY_ORDER.index(r.body))
    )
    by_type = sorted(type_rows.values(), key=lambda r: (-(r.checked + r.reviewed), r.doc_type))

    # --- findings by category × severity, by status at the end; the fixed lists (categories,
    # statuses, forms of handling) keep every row, so tables compare from period to period
    cats: dict[str, CategoryRow] = {
        c: CategoryRow(c, labels.get("categories", {}).get(c, c)) for c in FINDING_CATEGORIES
    }
    for f in detected:
        row = cats.setdefault(
            f.category,
            CategoryRow(f.category, labels.get("categories", {}).get(f.category, f.category)),
        )
        if f.severity in SEVERITIES:
            setattr(row, f.severity, getattr(row, f.severity) + 1)
    order = {c: i for i, c in enumerate(FINDING_CATEGORIES)}
    by_category = sorted(cats.values(), key=lambda r: (order.get(r.category, 99), r.category))
    st_count = Counter(status[f.id] for f in detected)
    st_docs: dict[str, set[int]] = defaultdict(set)
    for f in detected:
        st_docs[status[f.id]].add(f.document_id)
    by_status = [
        CountRow(s, labels.get("statuses", {}).get(s, s), st_count[s], len(st_docs[s]))
        for s in STATUSES
    ]
    dec_count = Counter(d.status for d in decisions)
    dec_docs: dict[str, set[int]] = defaultdict(set)
    for d in decisions:
        dec_docs[d.status].add(d.finding.document_id)
    decision_rows = [
        CountRow(s, labels.get("statuses", {}).get(s, s), dec_count[s], len(dec_docs[s]))
        for s in STATUSES
        if s != "new"
    ]
    act_count: Counter[str] = Counter()
    act_docs: dict[str, set[int]] = defaultdict(set)
    for d in decisions:
        if d.status in PROPOSED and d.action:
            act_count[d.action] += 1
            act_docs[d.action].add(d.finding.document_id)
    action_rows = [
        CountRow(a, label, act_count[a], len(act_docs[a])) for a, label in ACTIONS.items()
    ]
    action_rows += [
        CountRow(a, a, n, len(act_docs[a]))
        for a, n in sorted(act_count.items())
        if a not in ACTIONS
    ]

    # --- Mẫu số 04: documents proposed for handling, with their grounds
    per_doc: dict[int, list[_Decision]] = defaultdict(list)
    for d in decisions:
        if d.status in PROPOSED:
            per_doc[d.finding.document_id].append(d)
    days = int(config.get("handling_days", 30))
    deadline = f"{days} ngày kể từ ngày nhận được kết luận kiểm tra"
    proposals = []
    for doc in _sorted_docs(docs_by_id[i] for i in per_doc if i in docs_by_id):
        decs = sorted(per_doc[doc.id], key=lambda d: d.finding.id)
        grounds = []
        for d in decs:
            # what is wrong (the review's message, located), then the specialist's reason
            ground = d.finding.message.strip()
            where = _where(d.finding.eid)
            if where and where.lower() not in ground.lower()[:120]:
                ground = f"{where[0].upper() + where[1:]}: {ground}"
            if d.ground and d.ground.strip() not in ground:
                ground = f"{ground.rstrip('.')}. Lý do kiến nghị: {d.ground.strip().rstrip('.')}."
            grounds.append(ground)
        proposals.append(
            ProposalRow(
                document=doc,
                type_issuer=_type_issuer(doc),
                identity=_identity(doc),
                actions=_action_labels(d.action for d in decs if d.action),
                grounds=grounds,
                drafting_body=drafting_body(doc.proposer),
                deadline=deadline,
                findings=[d.finding for d in decs],
            )
        )

    return ReportData(
        period=period,
        previous=previous,
        generated_at=now or dt.datetime.now(),
        config=config,
        documents_checked=_sorted_docs(checked),
        documents_reviewed=_sorted_docs(reviewed),
        by_issuer=by_issuer,
        by_type=by_type,
        findings=detected,
        status_at_end=status,
        by_category=by_category,
        by_status=by_status,
        decisions=decision_rows,
        actions=action_rows,
        proposals=proposals,
        expired_bases=expired,
        summary=summary,
        previous_summary=prev_summary,
        documents_by_id=docs_by_id,
        kb_available=kb is not None,
    )
