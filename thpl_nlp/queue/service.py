"""Queue semantics: merging review runs, triage decisions, audit trail, exports.

Every function takes a SQLAlchemy ``Session`` and commits its own unit of work, so that the
CLI, the Prefect flows and the web app share one behaviour.

>>> from thpl_nlp.queue.store import make_engine, session_factory, upgrade
>>> from thpl_nlp.models import Finding
>>> engine = make_engine("sqlite://"); upgrade(engine)
>>> s = session_factory(engine)()
>>> f = Finding(document="qd.txt", number="12/2021/QĐ-UBND", eid="att_1__art_5",
...             rule="competence.sanctions", category="competence", severity="high",
...             confidence=0.9, message="Quy định xử phạt vượt thẩm quyền.",
...             fingerprint="fp1", text_hash="t1")
>>> ingest_findings(s, {"source": "qd.txt", "number": "12/2021/QĐ-UBND"}, [f])
MergeStats(new=1, reopened=0, unchanged=0, closed=0)
>>> ingest_findings(s, {"source": "qd.txt", "number": "12/2021/QĐ-UBND"}, [f])
MergeStats(new=0, reopened=0, unchanged=1, closed=0)
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Select, and_, func, literal_column, or_, select, table, text
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.exc import StaleDataError

from thpl_nlp.errors import ThplError
from thpl_nlp.models import ACTIONS, FINDING_CATEGORIES, SEVERITIES, Evidence, Finding
from thpl_nlp.queue.store import (
    Comment,
    Document,
    DocumentRun,
    FindingEvent,
    FindingRow,
    KbOverride,
    Run,
    User,
    utcnow,
)

# --- statuses -----------------------------------------------------------------------------

STATUSES = ("new", "in_review", "confirmed", "dismissed", "action_proposed", "resolved")
STATUS_LABELS = {
    "new": "Mới",
    "in_review": "Đang xem xét",
    "confirmed": "Xác nhận",
    "dismissed": "Bác bỏ",
    "action_proposed": "Đã đề xuất xử lý",
    "resolved": "Đã xử lý",
}
# Allowed status transitions (a decision may be taken straight from "new" during triage).
TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"in_review", "confirmed", "dismissed"}),
    "in_review": frozenset({"new", "confirmed", "dismissed"}),
    "confirmed": frozenset({"in_review", "dismissed", "action_proposed", "resolved"}),
    "dismissed": frozenset({"in_review", "confirmed"}),
    "action_proposed": frozenset({"confirmed", "resolved"}),
    "resolved": frozenset({"in_review"}),
}
OPEN_STATUSES = frozenset({"new", "in_review", "confirmed", "action_proposed"})
DECISION_KINDS = frozenset({"status", "action"})
CATEGORY_LABELS = {
    "basis_expired": "Căn cứ hết hiệu lực",
    "basis_not_in_force_at_issue": "Căn cứ chưa/không còn hiệu lực khi ban hành",
    "basis_unresolved": "Căn cứ không xác định được",
    "citation_invalid": "Trích dẫn sai",
    "effective_date": "Hiệu lực thi hành",
    "competence": "Thẩm quyền",
    "admin_procedure": "Thủ tục hành chính",
    "conflict": "Mâu thuẫn với văn bản cấp trên",
    "form": "Thể thức, kỹ thuật trình bày",
}
SEVERITY_LABELS = {"high": "Cao", "medium": "Trung bình", "low": "Thấp"}
EVENT_LABELS = {
    "created": "Hệ thống ghi nhận phát hiện",
    "updated": "Hệ thống cập nhật nội dung",
    "reopen": "Mở lại",
    "system_resolve": "Hệ thống đóng (không còn phát hiện ở lần rà soát mới)",
    "status": "Đổi trạng thái",
    "action": "Đề xuất xử lý",
    "assign": "Phân công",
    "comment": "Ý kiến",
    "undo": "Hoàn tác",
}
KB_STATUSES = ("in_force", "partly_in_force", "not_yet_in_force", "expired", "unknown")
KB_STATUS_LABELS = {
    "in_force": "Còn hiệu lực",
    "partly_in_force": "Hết hiệu lực một phần",
    "not_yet_in_force": "Chưa có hiệu lực",
    "expired": "Hết hiệu lực toàn bộ",
    "unknown": "Chưa xác định",
}
WRITER_ROLES = frozenset({"admin", "reviewer"})
REASON_TEXT_CHANGED = "Nội dung điều khoản đã thay đổi kể từ lần bác bỏ trước."
REASON_FACT_CHANGED = "Thông tin văn bản cấp trên (hiệu lực, thay thế) đã thay đổi."
REASON_REAPPEARED = "Phát hiện xuất hiện lại ở lần rà soát mới sau khi hệ thống đã đóng."


@cache
def queue_config() -> dict[str, Any]:
    """The queue settings: package defaults merged with ``queue:`` of ``THPL_HOME/thpl.yaml``."""
    from thpl_nlp.settings import get_settings

    cfg = yaml.safe_load((Path(__file__).with_name("config.yaml")).read_text(encoding="utf-8"))
    extra = get_settings().extra.get("queue") or {}
    for section, values in extra.items():
        if isinstance(values, dict):
            cfg.setdefault(section, {}).update(values)
    return cfg


class QueueError(ThplError):
    """A queue error with the HTTP status the web app answers with."""

    def __init__(self, code: str, detail: str = "", http_status: int = 400) -> None:
        super().__init__(code, None, detail)
        self.http_status = http_status


def _conflict(fid: int) -> QueueError:
    return QueueError("E601", f" (phát hiện #{fid})", 409)


def _not_found(what: str) -> QueueError:
    return QueueError("E603", what, 404)


def _require_writer(user: User) -> None:
    if user.role not in WRITER_ROLES:
        raise QueueError("E604", " (tài khoản chỉ có quyền xem)", 403)


# --- ingest -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeStats:
    new: int = 0
    reopened: int = 0
    unchanged: int = 0
    closed: int = 0

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def _as_date(v: Any) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def document_meta(doc: Any) -> dict[str, Any]:
    """Normalise a ``LegalDocument`` or a mapping (e.g. ``thpl parse --json``) for the store.

    >>> document_meta({"source": "qd.txt", "number": None})["key"]
    'src:qd.txt'
    """
    if hasattr(doc, "to_contract_dict"):
        meta = doc.to_contract_dict()
        meta["text"] = doc.text
    else:
        meta = dict(doc)
    text = meta.get("text")
    content_hash = meta.get("content_hash")
    if not content_hash and text:
        content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    structure = meta.get("structure")
    if structure is None and ("provisions" in meta or "bases" in meta):
        structure = {
            k: meta.get(k)
            for k in (
                "bases", "provisions", "title", "effective_on", "signer", "warnings", "proposer"
            )
            if k in meta
        }
    elif isinstance(structure, dict) and meta.get("proposer") and not structure.get("proposer"):
        structure = {**structure, "proposer": meta["proposer"]}  # the drafting body (Mẫu 04)
    number = meta.get("number") or None
    source = str(meta.get("source") or meta.get("document") or "")
    return {
        "key": number or f"src:{source}",
        "source": source,
        "number": number,
        "issuer": meta.get("issuer"),
        "doc_type": meta.get("doc_type"),
        "title": meta.get("title"),
        "issued_on": _as_date(meta.get("issued_on")),
        "content_hash": content_hash,
        "text": text,
        "structure": structure,
    }


def importance(doc_type: str | None, issuer: str | None) -> float:
    """Document importance used in the priority (config: ``priority``).

    >>> importance("Nghị quyết", "Hội đồng nhân dân tỉnh Bắc Ninh")
    1.0
    >>> importance("Quyết định", "Ủy ban nhân dân huyện Lục Nam")
    0.72
    """
    pcfg = queue_config()["priority"]
    w = pcfg["doc_type_default"]
    for name, val in pcfg["doc_type_importance"].items():
        if doc_type and doc_type.lower().startswith(name.lower()):
            w = val
            break
    level = pcfg["issuer_default"]
    low = f" {(issuer or '').lower()} "
    for needle, val in pcfg["issuer_level"]:
        if needle in low:
            level = val
            break
    return round(float(w) * float(level), 4)


def priority(severity: str, confidence: float, doc_importance: float) -> float:
    """0–100: severity × confidence × document importance.

    >>> priority("high", 1.0, 1.0)
    100.0
    """
    sw = queue_config()["priority"]["severity_weight"].get(severity, 0.3)
    conf = min(max(float(confidence), 0.0), 1.0)
    return round(100.0 * sw * (0.5 + 0.5 * conf) * doc_importance, 3)


def fingerprint_of(doc_key: str, f: Finding) -> str:
    """Fallback fingerprint when the review stage left it empty: document, eId, rule, cited."""
    raw = "\x1f".join([doc_key, f.eid, f.rule, f.cited or ""])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def _provision_text(meta: Mapping[str, Any], eid: str) -> str | None:
    structure = meta.get("structure") or {}
    m = re.fullmatch(r"basis_(\d+)", eid)
    if m:
        bases = structure.get("bases") or []
        i = int(m.group(1)) - 1
        return bases[i].get("text") if 0 <= i < len(bases) else None
    for p in structure.get("provisions") or []:
        if p.get("eid") == eid:
            if p.get("text") is not None:
                return p["text"]
            text = meta.get("text")
            if text and p.get("start") is not None:
                return text[p["start"] : p["end"]]
    return None


def _snapshot(row: FindingRow) -> dict[str, Any]:
    return {
        "status": row.status,
        "proposed_action": row.proposed_action,
        "proposed_ground": row.proposed_ground,
        "assignee_id": row.assignee_id,
        "resolution": row.resolution,
        "decided_by_id": row.decided_by_id,
        "decided_at": row.decided_at.isoformat() if row.decided_at else None,
        "version": row.version,
    }


def _content_fields(f: Finding) -> dict[str, Any]:
    return {
        "document_path": f.document,
        "number": f.number,
        "eid": f.eid,
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity,
        "confidence": float(f.confidence),
        "message": f.message,
        "cited": f.cited,
        "replaced_by": list(f.replaced_by) if f.replaced_by is not None else None,
        "evidence": [e.to_dict() if isinstance(e, Evidence) else dict(e) for e in f.evidence],
        "legal_ground": f.legal_ground,
        "action": f.action,
        "start": f.start,
        "end": f.end,
    }


def _validate(f: Finding) -> None:
    if f.category not in FINDING_CATEGORIES:
        raise QueueError("E606", f"nhóm phát hiện '{f.category}' ({f.eid}) không có trong hợp đồng")
    if f.severity not in SEVERITIES:
        raise QueueError("E606", f"mức độ '{f.severity}' ({f.eid}) phải là high, medium hoặc low")
    if f.action is not None and f.action not in ACTIONS:
        raise QueueError("E606", f"hướng xử lý '{f.action}' ({f.eid}) không có trong danh mục")


def start_run(session: Session, as_of: dt.date | None = None, **params: Any) -> int:
    """Record a review run and return its id (pass it to :func:`ingest_findings`)."""
    run = Run(as_of=as_of, params=json.loads(json.dumps(params, default=str)), stats={})
    session.add(run)
    session.commit()
    return run.id


def finish_run(session: Session, run_id: int, stats: Mapping[str, Any]) -> None:
    run = session.get(Run, run_id)
    if run is None:
        raise _not_found(f"lần rà soát #{run_id}")
    run.finished_at = utcnow()
    run.stats = dict(stats)
    session.commit()


def ingest_findings(
    session: Session,
    document_meta_: Any,
    findings: Iterable[Finding],
    run_id: int | None = None,
) -> MergeStats:
    """Merge one document's findings from a review run into the queue, in one transaction.

    - a finding already in the queue (same ``fingerprint``) is updated, never duplicated;
    - a dismissed (or staff-resolved) finding stays closed unless its ``text_hash`` or
      ``fact_hash`` changed — then it reopens as ``new`` with the reason, audited;
    - a system-closed finding that shows up again reopens;
    - an open finding of this document that the run no longer reports is resolved by the
      system (audited), never deleted.

    ``document_meta_`` is a ``LegalDocument`` or a mapping with at least ``source`` (``number``,
    ``issuer``, ``doc_type``, ``issued_on``, ``text``, ``bases``/``provisions`` or
    ``structure`` when known). If anything fails, nothing of this document is changed.
    """
    meta = document_meta(document_meta_)
    items = list(findings)
    try:
        stats = _merge(session, meta, items, run_id)
        session.commit()
        if stats.new:
            analyze_if_stale(session)
    except StaleDataError as err:
        session.rollback()
        raise QueueError("E601", " (trong khi nhập kết quả rà soát)", 409) from err
    except BaseException:
        session.rollback()
        raise
    return stats


def _system_event(
    session: Session,
    row: FindingRow,
    run_id: int | None,
    now: dt.datetime,
    kind: str,
    before: dict[str, Any],
    after: dict[str, Any],
    note: str,
) -> None:
    """Audit a change a review run made (no user: the run is the author)."""
    session.flush()
    session.add(
        FindingEvent(
            finding_id=row.id, run_id=run_id, at=now, kind=kind,
            before=before, after=after, note=note,
        )
    )


def _merge(
    session: Session, meta: dict[str, Any], items: list[Finding], run_id: int | None
) -> MergeStats:
    now = utcnow()
    doc = session.scalars(select(Document).where(Document.key == meta["key"])).one_or_none()
    if doc is None:
        doc = Document(key=meta["key"], source=meta["source"], created_at=now)
        session.add(doc)
    for k in ("source", "number", "issuer", "doc_type", "title", "issued_on", "content_hash"):
        if meta.get(k) is not None or k in ("source",):
            setattr(doc, k, meta[k])
    if meta.get("text") is not None:
        doc.text = meta["text"]
    if meta.get("structure") is not None:
        doc.structure = meta["structure"]
    doc.importance = importance(doc.doc_type, doc.issuer)
    doc.updated_at = now
    doc.last_run_id = run_id
    session.flush()

    incoming: dict[str, Finding] = {}
    for f in items:
        _validate(f)
        if not f.fingerprint:
            f.fingerprint = fingerprint_of(doc.key, f)
        incoming[f.fingerprint] = f  # a duplicate inside one run collapses to one finding

    existing: dict[str, FindingRow] = {
        r.fingerprint: r
        for r in session.scalars(select(FindingRow).where(FindingRow.document_id == doc.id))
    }
    missing = [fp for fp in incoming if fp not in existing]
    for i in range(0, len(missing), 500):  # a fingerprint may have moved from another key
        chunk = missing[i : i + 500]
        for r in session.scalars(select(FindingRow).where(FindingRow.fingerprint.in_(chunk))):
            existing[r.fingerprint] = r

    new = reopened = unchanged = closed = 0
    created: list[FindingRow] = []
    for fp, f in incoming.items():
        fields = _content_fields(f)
        prov_text = _provision_text(meta, f.eid)
        prio = priority(f.severity, f.confidence, doc.importance)
        row = existing.get(fp)
        if row is None:
            row = FindingRow(
                document_id=doc.id,
                fingerprint=fp,
                text_hash=f.text_hash,
                fact_hash=f.fact_hash,
                provision_text=prov_text,
                status="new",
                priority=prio,
                first_run_id=run_id,
                last_run_id=run_id,
                created_at=now,
                updated_at=now,
                **fields,
            )
            session.add(row)
            created.append(row)
            new += 1
            continue
        text_changed = bool(row.text_hash and f.text_hash and row.text_hash != f.text_hash)
        fact_changed = bool(row.fact_hash and f.fact_hash and row.fact_hash != f.fact_hash)
        closed_by_staff = row.status == "dismissed" or (
            row.status == "resolved" and row.resolution != "system"
        )
        reason = None
        if closed_by_staff and (text_changed or fact_changed):
            reason = " ".join(
                r
                for r, c in (
                    (REASON_TEXT_CHANGED, text_changed),
                    (REASON_FACT_CHANGED, fact_changed),
                )
                if c
            )
        elif row.status == "resolved" and row.resolution == "system":
            reason = REASON_REAPPEARED
        before = _snapshot(row) | {"text_hash": row.text_hash, "fact_hash": row.fact_hash}
        for k, v in fields.items():
            if getattr(row, k) != v:
                setattr(row, k, v)
        row.document_id = doc.id
        row.priority = prio
        row.last_run_id = run_id
        if prov_text is not None:
            row.provision_text = prov_text
        hashes_changed = (
            text_changed
            or fact_changed
            or ((f.text_hash and not row.text_hash) or (f.fact_hash and not row.fact_hash))
        )
        row.text_hash, row.fact_hash = f.text_hash or row.text_hash, f.fact_hash or row.fact_hash
        if reason:
            row.status = "new"
            row.resolution = None
            row.reopen_reason = reason
            row.updated_at = now
            _system_event(
                session, row, run_id, now, "reopen", before,
                _snapshot(row) | {"text_hash": row.text_hash, "fact_hash": row.fact_hash}, reason,
            )
            reopened += 1
        else:
            if hashes_changed:
                row.updated_at = now
                _system_event(
                    session, row, run_id, now, "updated",
                    {"text_hash": before["text_hash"], "fact_hash": before["fact_hash"]},
                    {"text_hash": row.text_hash, "fact_hash": row.fact_hash},
                    "Nội dung điều khoản hoặc thông tin cấp trên thay đổi.",
                )
            unchanged += 1

    if created:
        session.flush()  # one INSERT batch for the new findings, then their audit events
        session.add_all(
            FindingEvent(
                finding_id=row.id,
                run_id=run_id,
                at=now,
                kind="created",
                after={"status": "new", "text_hash": row.text_hash, "fact_hash": row.fact_hash},
            )
            for row in created
        )
    for fp, row in existing.items():
        if fp in incoming or row.document_id != doc.id or row.status not in OPEN_STATUSES:
            continue
        before = _snapshot(row)
        row.status = "resolved"
        row.resolution = "system"
        row.updated_at = now
        _system_event(
            session, row, run_id, now, "system_resolve", before, _snapshot(row),
            "Lần rà soát mới không còn phát hiện này (văn bản có thể đã được sửa).",
        )
        closed += 1
    _record_review(session, doc, run_id, now, MergeStats(new, reopened, unchanged, closed))
    session.flush()
    return MergeStats(new, reopened, unchanged, closed)


def _record_review(
    session: Session, doc: Document, run_id: int | None, now: dt.datetime, stats: MergeStats
) -> None:
    """The ``document_runs`` row of this merge (same transaction): one per document and run.

    A repeated merge of the document in the same run (a retried task) adds what it changed to
    the run's row; its first time stays the time of the review.
    """
    row = None
    if run_id is not None:
        row = session.scalars(
            select(DocumentRun).where(
                DocumentRun.document_id == doc.id, DocumentRun.run_id == run_id
            )
        ).one_or_none()
    if row is not None:
        row.new = (row.new or 0) + stats.new
        row.reopened = (row.reopened or 0) + stats.reopened
        row.closed = (row.closed or 0) + stats.closed
        row.content_hash = doc.content_hash
        return
    run = session.get(Run, run_id) if run_id is not None else None
    kb = (run.params or {}).get("kb_version") if run is not None else None
    session.add(
        DocumentRun(
            document_id=doc.id,
            run_id=run_id,
            reviewed_at=now,
            as_of=run.as_of if run is not None else None,
            kb_version=str(kb)[:120] if kb is not None else None,
            content_hash=doc.content_hash,
            new=stats.new,
            reopened=stats.reopened,
            unchanged=stats.unchanged,
            closed=stats.closed,
        )
    )


# --- decisions ----------------------------------------------------------------------------


MAX_ID = 2**31 - 1


def get_finding(session: Session, finding_id: int) -> FindingRow:
    if not 1 <= int(finding_id) <= MAX_ID:
        raise _not_found(f"phát hiện #{finding_id}")
    row = session.get(FindingRow, finding_id)
    if row is None:
        raise _not_found(f"phát hiện #{finding_id}")
    return row


def _check_version(row: FindingRow, expected_version: int | None) -> None:
    if expected_version is not None and int(expected_version) != row.version:
        raise _conflict(row.id)


def _flush(session: Session, fid: int) -> None:
    try:
        session.flush()
    except StaleDataError as err:
        session.rollback()
        raise _conflict(fid) from err


def _commit(session: Session, fid: int) -> None:
    try:
        session.commit()
    except StaleDataError as err:
        session.rollback()
        raise _conflict(fid) from err


def _audited_commit(
    session: Session,
    row: FindingRow,
    user: User,
    kind: str,
    before: dict[str, Any],
    now: dt.datetime,
    note: str | None = None,
) -> FindingRow:
    """Save a reviewer's change with its audit entry (before/after) in one commit; a
    concurrent change of the same finding surfaces as the conflict error."""
    _flush(session, row.id)
    session.add(
        FindingEvent(
            finding_id=row.id, user_id=user.id, at=now, kind=kind,
            before=before, after=_snapshot(row), note=note,
        )
    )
    _commit(session, row.id)
    return row


def set_status(
    session: Session,
    finding_id: int,
    user: User,
    status: str,
    expected_version: int | None,
    note: str | None = None,
) -> FindingRow:
    """Move a finding to ``status`` (allowed transitions only), audited.

    ``expected_version`` is the version the reviewer saw; if someone else decided in between,
    a :class:`QueueError` E601 (HTTP 409) is raised and nothing is written.
    """
    _require_writer(user)
    if status not in STATUSES:
        raise QueueError("E606", f"trạng thái '{status}' không tồn tại", 422)
    row = get_finding(session, finding_id)
    _check_version(row, expected_version)
    if status == "action_proposed":
        raise QueueError(
            "E602",
            ": để chuyển sang 'Đã đề xuất xử lý' hãy chọn hướng xử lý và căn cứ pháp lý",
            422,
        )
    if status not in TRANSITIONS[row.status]:
        raise QueueError(
            "E602",
            f" từ '{STATUS_LABELS[row.status]}' sang '{STATUS_LABELS[status]}' "
            f"(phát hiện #{row.id})",
            422,
        )
    before = _snapshot(row)
    now = utcnow()
    row.status = status
    row.resolution = "staff" if status == "resolved" else None
    if status in ("confirmed", "dismissed", "resolved"):
        row.decided_by_id, row.decided_at = user.id, now
    row.updated_at = now
    return _audited_commit(session, row, user, "status", before, now, note)


def propose_action(
    session: Session,
    finding_id: int,
    user: User,
    action: str,
    legal_ground: str,
    expected_version: int | None,
    note: str | None = None,
) -> FindingRow:
    """Record the proposed handling (key of ``models.ACTIONS``) and its legal ground."""
    _require_writer(user)
    if action not in ACTIONS:
        raise QueueError("E606", f"hướng xử lý '{action}' không có trong danh mục", 422)
    if not (legal_ground or "").strip():
        raise QueueError("E606", "cần nêu căn cứ pháp lý của đề xuất xử lý", 422)
    row = get_finding(session, finding_id)
    _check_version(row, expected_version)
    if row.status not in ("confirmed", "action_proposed"):
        raise QueueError(
            "E602",
            f": phát hiện #{row.id} phải được xác nhận trước khi đề xuất xử lý "
            f"(hiện là '{STATUS_LABELS[row.status]}')",
            422,
        )
    before = _snapshot(row)
    now = utcnow()
    row.status = "action_proposed"
    row.proposed_action = action
    row.proposed_ground = legal_ground.strip()
    row.decided_by_id, row.decided_at = user.id, now
    row.updated_at = now
    return _audited_commit(session, row, user, "action", before, now, note)


def assign(
    session: Session,
    finding_id: int,
    user: User,
    assignee: str | None,
    expected_version: int | None,
) -> FindingRow:
    """Assign a finding to a reviewer by name (``None`` or ``""`` unassigns)."""
    _require_writer(user)
    row = get_finding(session, finding_id)
    _check_version(row, expected_version)
    target = None
    if assignee:
        target = session.scalars(select(User).where(User.name == assignee)).one_or_none()
        if target is None or target.role not in WRITER_ROLES:
            raise QueueError("E606", f"không có người rà soát tên '{assignee}'", 422)
    before = _snapshot(row)
    row.assignee_id = target.id if target else None
    if row.status == "new" and target is not None:
        row.status = "in_review"
    row.updated_at = now = utcnow()
    note = f"Giao cho {assignee}" if assignee else "Bỏ phân công"
    return _audited_commit(session, row, user, "assign", before, now, note)


def add_comment(session: Session, finding_id: int, user: User, text: str) -> Comment:
    _require_writer(user)
    text = (text or "").strip()
    if not text:
        raise QueueError("E606", "ý kiến trống", 422)
    if len(text) > 10_000:
        raise QueueError("E606", "ý kiến dài quá 10.000 ký tự", 422)
    row = get_finding(session, finding_id)
    c = Comment(finding_id=row.id, user_id=user.id, text=text)
    session.add(c)
    session.add(FindingEvent(finding_id=row.id, user_id=user.id, kind="comment", note=text))
    session.commit()
    return c


def undo_last(session: Session, user: User, finding_id: int | None = None) -> FindingRow:
    """Undo the user's last decision (on ``finding_id`` if given), audited.

    Refused with E601 if someone changed the finding after that decision.
    """
    _require_writer(user)
    q = (
        select(FindingEvent)
        .where(
            FindingEvent.user_id == user.id,
            FindingEvent.kind.in_(DECISION_KINDS),
            FindingEvent.undone.is_(False),
        )
        .order_by(FindingEvent.id.desc())
        .limit(1)
    )
    if finding_id is not None:
        q = q.where(FindingEvent.finding_id == finding_id)
    ev = session.scalars(q).one_or_none()
    if ev is None:
        raise QueueError("E605", "", 409)
    row = get_finding(session, ev.finding_id)
    if (ev.after or {}).get("version") is not None and row.version != ev.after["version"]:
        raise _conflict(row.id)
    b = ev.before or {}
    before = _snapshot(row)
    row.status = b.get("status", row.status)
    row.proposed_action = b.get("proposed_action")
    row.proposed_ground = b.get("proposed_ground")
    row.resolution = b.get("resolution")
    row.decided_by_id = b.get("decided_by_id")
    row.decided_at = dt.datetime.fromisoformat(b["decided_at"]) if b.get("decided_at") else None
    row.updated_at = now = utcnow()
    ev.undone = True
    return _audited_commit(session, row, user, "undo", before, now, f"Hoàn tác thao tác #{ev.id}")


@dataclass
class BulkResult:
    done: list[int] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)


def bulk_set_status(
    session: Session, ids: Sequence[int], user: User, status: str, note: str | None = None
) -> BulkResult:
    """Apply one decision to many findings; those that cannot take it are reported, not changed."""
    _require_writer(user)
    res = BulkResult()
    for fid in dict.fromkeys(int(i) for i in ids):
        try:
            row = get_finding(session, fid)
            set_status(session, fid, user, status, row.version, note)
            res.done.append(fid)
        except QueueError as err:
            res.skipped.append({"id": fid, "error": err.message})
    return res


def events_of(session: Session, finding_id: int) -> list[FindingEvent]:
    q = (
        select(FindingEvent)
        .options(joinedload(FindingEvent.user))
        .where(FindingEvent.finding_id == finding_id)
        .order_by(FindingEvent.id.desc())
    )
    return list(session.scalars(q))


def comments_of(session: Session, finding_id: int) -> list[Comment]:
    q = (
        select(Comment)
        .options(joinedload(Comment.user))
        .where(Comment.finding_id == finding_id)
        .order_by(Comment.id)
    )
    return list(session.scalars(q))


# --- querying -----------------------------------------------------------------------------


_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class QueueFilter:
    """Filters of the queue page and ``GET /api/findings``."""

    document: str | None = None  # document number, path or id
    issuer: str | None = None
    category: str | None = None
    severity: str | None = None
    status: str | None = None
    assignee: str | None = None  # a user name, or "-" for unassigned
    date_from: dt.date | None = None  # finding first recorded on/after
    date_to: dt.date | None = None
    q: str | None = None  # text search in message, eId, cited, number, rule
    page: int = 1
    per_page: int = 50

    def __post_init__(self) -> None:
        # Control characters never belong in a search, and a NUL breaks both backends
        # (PostgreSQL refuses it in text; it ends an SQLite FTS5 phrase early).
        for name in ("document", "issuer", "assignee", "q"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, _CONTROL_RE.sub(" ", value))

    def query_args(self) -> dict[str, str]:
        d = {k: v for k, v in asdict(self).items() if v not in (None, "") and k != "per_page"}
        return {k: v.isoformat() if isinstance(v, dt.date) else str(v) for k, v in d.items()}


@dataclass
class Page:
    items: list[FindingRow]
    total: int
    page: int
    per_page: int
    total_capped: bool = False  # ``total`` is a lower bound (text search over many matches)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


_FTS: dict[str, bool] = {}


def _has_fts(session: Session) -> bool:
    """Whether this SQLite database has the trigram search table (migration 0002)."""
    url = str(session.get_bind().url)
    if url not in _FTS:
        _FTS[url] = bool(
            session.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'findings_fts'")).first()
        )
    return _FTS[url]


def _like(s: str) -> str:
    return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_query(flt: QueueFilter) -> str:
    return '"' + (flt.q or "").strip().replace('"', '""') + '"'  # one FTS5 phrase


def _fts_rowids(flt: QueueFilter) -> Select:
    return (
        select(literal_column("rowid"))
        .select_from(table("findings_fts"))
        .where(text("findings_fts MATCH :fts_query").bindparams(fts_query=_fts_query(flt)))
    )


def _use_fts(flt: QueueFilter, session: Session) -> bool:
    return (
        bool(flt.q and len(flt.q.strip()) >= 3)
        and session.get_bind().dialect.name == "sqlite"
        and _has_fts(session)
    )


def _filtered(q: Select, flt: QueueFilter, session: Session, search: str = "auto") -> Select:
    """Apply the filters. ``search="like"`` forces a LIKE scan for the text search (cheaper
    than the FTS index when most rows match and only the first page is wanted)."""
    conds = []
    if flt.status:
        conds.append(FindingRow.status == flt.status)
    if flt.category:
        conds.append(FindingRow.category == flt.category)
    if flt.severity:
        conds.append(FindingRow.severity == flt.severity)
    if flt.document:
        d = flt.document.strip()
        if d.isdigit():
            conds.append(FindingRow.document_id == int(d))
        else:
            conds.append(or_(FindingRow.number == d, FindingRow.document_path == d))
    if flt.issuer:
        sub = select(Document.id).where(Document.issuer.ilike(_like(flt.issuer), escape="\\"))
        conds.append(FindingRow.document_id.in_(sub))
    if flt.assignee:
        if flt.assignee == "-":
            conds.append(FindingRow.assignee_id.is_(None))
        else:
            sub = select(User.id).where(User.name == flt.assignee)
            conds.append(FindingRow.assignee_id.in_(sub))
    if flt.date_from:
        conds.append(FindingRow.created_at >= dt.datetime.combine(flt.date_from, dt.time()))
    if flt.date_to:
        conds.append(
            FindingRow.created_at
            < dt.datetime.combine(flt.date_to + dt.timedelta(days=1), dt.time())
        )
    if flt.q and flt.q.strip():
        pat = _like(flt.q.strip())
        # SQLite's LIKE is already case-insensitive for ASCII and its lower() knows nothing
        # more, so ILIKE (lower() on every row) would only cost time there.
        sqlite = session.get_bind().dialect.name == "sqlite"
        if search == "auto" and _use_fts(flt, session):
            conds.append(FindingRow.id.in_(_fts_rowids(flt)))
            return q.where(and_(*conds))
        cols = (
            FindingRow.message,
            FindingRow.eid,
            FindingRow.cited,
            FindingRow.number,
            FindingRow.rule,
        )
        conds.append(
            or_(*(c.like(pat, escape="\\") if sqlite else c.ilike(pat, escape="\\") for c in cols))
        )
    return q.where(and_(*conds)) if conds else q


COUNT_CAP = 10_000
SEARCH_SCAN_ABOVE = 1_000


def list_findings(session: Session, flt: QueueFilter) -> Page:
    """One page of the queue, highest priority first.

    The page's ids come from the queue-order index alone (cheap even deep into the queue),
    then the rows are loaded by id. With a text search the total is counted up to
    :data:`COUNT_CAP` only (``total_capped``).
    """
    per = min(max(int(flt.per_page), 1), 500)
    page = max(int(flt.page), 1)
    capped = False
    search = "auto"
    if flt.q and flt.q.strip():
        only_q = not any(v for k, v in asdict(flt).items() if k not in ("q", "page", "per_page"))
        if only_q and _use_fts(flt, session):
            sub = _fts_rowids(flt).limit(COUNT_CAP + 1).subquery()
        else:
            sub = _filtered(select(FindingRow.id), flt, session).limit(COUNT_CAP + 1).subquery()
        total = session.scalar(select(func.count()).select_from(sub)) or 0
        if total > COUNT_CAP:
            total, capped = COUNT_CAP, True
        # Many matches: walking the queue-order index with LIKE finds a page at once;
        # few matches: the FTS index finds them without a scan.
        if total > SEARCH_SCAN_ABOVE and (page - 1) * per < SEARCH_SCAN_ABOVE:
            search = "like"
    else:
        total = session.scalar(_filtered(select(func.count(FindingRow.id)), flt, session)) or 0
    ids = list(
        session.scalars(
            _filtered(select(FindingRow.id), flt, session, search)
            .order_by(FindingRow.priority.desc(), FindingRow.id)
            .offset((page - 1) * per)
            .limit(per)
        )
    )
    rows: list[FindingRow] = []
    if ids:
        by_id = {
            r.id: r
            for r in session.scalars(
                select(FindingRow)
                .options(joinedload(FindingRow.document), joinedload(FindingRow.assignee))
                .where(FindingRow.id.in_(ids))
            ).unique()
        }
        rows = [by_id[i] for i in ids if i in by_id]
    return Page(rows, int(total), page, per, capped)


def analyze_if_stale(session: Session) -> bool:
    """Refresh SQLite's planner statistics when the findings table outgrew them (×2).

    Without statistics SQLite may walk the queue-order index for a selective filter; with
    them it picks the filter's index. PostgreSQL's autovacuum does this by itself.
    """
    if session.get_bind().dialect.name != "sqlite":
        return False
    n = session.scalar(select(func.count(FindingRow.id))) or 0
    try:
        stat = session.execute(
            text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'findings' LIMIT 1")
        ).scalar()
    except Exception:  # noqa: BLE001 - sqlite_stat1 does not exist before the first ANALYZE
        session.rollback()
        stat = None
    analysed = int(stat.split()[0]) if stat else 0
    if n < 1000 or (stat and n <= 2 * analysed):
        return False
    session.execute(text("ANALYZE"))
    session.commit()
    return True


def neighbours(
    session: Session, flt: QueueFilter, row: FindingRow
) -> tuple[int | None, int | None]:
    """(previous, next) finding ids in queue order under ``flt``."""
    after = or_(
        FindingRow.priority < row.priority,
        and_(FindingRow.priority == row.priority, FindingRow.id > row.id),
    )
    before = or_(
        FindingRow.priority > row.priority,
        and_(FindingRow.priority == row.priority, FindingRow.id < row.id),
    )
    nxt = session.scalar(
        _filtered(select(FindingRow.id), flt, session)
        .where(after)
        .order_by(FindingRow.priority.desc(), FindingRow.id)
        .limit(1)
    )
    prv = session.scalar(
        _filtered(select(FindingRow.id), flt, session)
        .where(before)
        .order_by(FindingRow.priority.asc(), FindingRow.id.desc())
        .limit(1)
    )
    return prv, nxt


def facets(session: Session) -> dict[str, list[Any]]:
    """Values for the filter drop-downs."""
    issuers = session.scalars(
        select(Document.issuer)
        .where(Document.issuer.is_not(None))
        .distinct()
        .order_by(Document.issuer)
    )
    users = session.scalars(
        select(User.name).where(User.role.in_(WRITER_ROLES)).order_by(User.name)
    )
    return {"issuers": list(issuers), "assignees": list(users)}


def document_findings(session: Session, document_id: int) -> list[FindingRow]:
    q = (
        select(FindingRow)
        .where(FindingRow.document_id == document_id)
        .order_by(FindingRow.priority.desc(), FindingRow.id)
    )
    return list(session.scalars(q))


def document_reviews(session: Session, document_id: int) -> list[DocumentRun]:
    """Every review of a document merged into the store, first to last (``document_runs``)."""
    q = (
        select(DocumentRun)
        .where(DocumentRun.document_id == document_id)
        .order_by(DocumentRun.reviewed_at, DocumentRun.id)
    )
    return list(session.scalars(q))


def document_review_dict(r: DocumentRun) -> dict[str, Any]:
    """A review of a document as JSON (the counts are None on reviews rebuilt by migration
    0003 from the documents' first and latest review times)."""
    return {
        "reviewed_at": r.reviewed_at.isoformat(),
        "run_id": r.run_id,
        "as_of": r.as_of.isoformat() if r.as_of else None,
        "kb_version": r.kb_version,
        "content_hash": r.content_hash,
        "new": r.new,
        "reopened": r.reopened,
        "unchanged": r.unchanged,
        "closed": r.closed,
    }


def list_documents(session: Session, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    counts = (
        select(FindingRow.document_id, func.count(FindingRow.id).label("n"))
        .where(FindingRow.status.in_(OPEN_STATUSES))
        .group_by(FindingRow.document_id)
        .subquery()
    )
    q = (
        select(Document, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.document_id == Document.id)
        .order_by(Document.id)
        .offset(offset)
        .limit(limit)
    )
    return [
        {
            "id": d.id,
            "number": d.number,
            "source": d.source,
            "issuer": d.issuer,
            "doc_type": d.doc_type,
            "title": d.title,
            "issued_on": d.issued_on.isoformat() if d.issued_on else None,
            "open_findings": int(n),
        }
        for d, n in session.execute(q)
    ]


# --- serialisation and exports ------------------------------------------------------------


def contract_dict(row: FindingRow) -> dict[str, Any]:
    """The ``thpl queue list --json`` object: review finding keys plus id/fingerprint/status."""
    f = Finding(
        document=row.document_path,
        number=row.number,
        eid=row.eid,
        rule=row.rule,
        category=row.category,
        severity=row.severity,
        confidence=row.confidence,
        message=row.message,
        cited=row.cited,
        replaced_by=row.replaced_by,
        evidence=[Evidence(**e) for e in row.evidence or []],
        legal_ground=row.legal_ground,
        action=row.action,
        start=row.start,
        end=row.end,
        fingerprint=row.fingerprint,
        text_hash=row.text_hash,
        fact_hash=row.fact_hash,
    )
    d = f.to_contract_dict()
    d.update(
        id=row.id,
        fingerprint=row.fingerprint,
        text_hash=row.text_hash,
        status=row.status,
        priority=row.priority,
        proposed_action=row.proposed_action,
        proposed_ground=row.proposed_ground,
        assignee=row.assignee.name if row.assignee else None,
        version=row.version,
    )
    return d


def iter_findings(
    session: Session, status: str | None = None, batch: int = 1000
) -> Iterator[FindingRow]:
    """Every finding (optionally of one status) in id order, streamed in batches."""
    last = 0
    while True:
        q = (
            select(FindingRow)
            .options(joinedload(FindingRow.assignee), joinedload(FindingRow.decided_by))
            .where(FindingRow.id > last)
            .order_by(FindingRow.id)
            .limit(batch)
        )
        if status:
            q = q.where(FindingRow.status == status)
        rows = list(session.scalars(q).unique())
        if not rows:
            return
        yield from rows
        last = rows[-1].id
        session.expunge_all()


LABEL_STATUSES = ("confirmed", "dismissed", "action_proposed", "resolved")


def export_labels(session: Session) -> Iterator[dict[str, Any]]:
    """Staff decisions as labelled data for retraining the review classifier.

    ``label`` is 1 when the finding was accepted (confirmed, action proposed, resolved by
    staff) and 0 when dismissed. System-closed findings carry no human decision and are left
    out.
    """
    for row in iter_findings(session):
        if row.status not in LABEL_STATUSES or row.resolution == "system":
            continue
        decision = "dismissed" if row.status == "dismissed" else "confirmed"
        yield {
            "fingerprint": row.fingerprint,
            "document": row.document_path,
            "number": row.number,
            "eid": row.eid,
            "provision_text": row.provision_text,
            "rule": row.rule,
            "category": row.category,
            "severity": row.severity,
            "confidence": row.confidence,
            "message": row.message,
            "cited": row.cited,
            "status": row.status,
            "decision": decision,
            "label": 0 if decision == "dismissed" else 1,
            "action": row.proposed_action,
            "legal_ground": row.proposed_ground,
            "decided_by": row.decided_by.name if row.decided_by else None,
            "decided_at": row.decided_at.isoformat() if row.decided_at else None,
            "text_hash": row.text_hash,
        }


EXPORT_COLUMNS = (
    ("id", "Mã"),
    ("number", "Số hiệu văn bản"),
    ("document", "Tệp văn bản"),
    ("eid", "Vị trí (eId)"),
    ("category", "Nhóm"),
    ("severity", "Mức độ"),
    ("confidence", "Độ tin cậy"),
    ("priority", "Ưu tiên"),
    ("status", "Trạng thái"),
    ("message", "Nội dung phát hiện"),
    ("cited", "Văn bản được dẫn"),
    ("replaced_by", "Được thay thế bởi"),
    ("legal_ground", "Căn cứ pháp lý"),
    ("proposed_action", "Hướng xử lý đề xuất"),
    ("proposed_ground", "Căn cứ đề xuất"),
    ("assignee", "Người được giao"),
    ("rule", "Quy tắc"),
    ("fingerprint", "Dấu vân tay"),
)


def export_rows(session: Session, status: str | None = None) -> Iterator[list[Any]]:
    """Rows of the queue export (header row first), labels and values in Vietnamese."""
    yield [label for _, label in EXPORT_COLUMNS]
    for row in iter_findings(session, status):
        d = contract_dict(row)
        d["category"] = CATEGORY_LABELS.get(row.category, row.category)
        d["severity"] = SEVERITY_LABELS.get(row.severity, row.severity)
        d["status"] = STATUS_LABELS.get(row.status, row.status)
        d["replaced_by"] = ", ".join(row.replaced_by or [])
        d["proposed_action"] = ACTIONS.get(row.proposed_action or "", row.proposed_action)
        yield [d.get(k) for k, _ in EXPORT_COLUMNS]


def export_queue(
    session: Session, fmt: str, out: Path | io.IOBase | None = None, status: str | None = None
) -> bytes:
    """Export the queue as ``csv`` (UTF-8 with BOM, opens in Excel) or ``xlsx``.

    Writes to ``out`` when given (a path) and returns the bytes.
    """
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        for r in export_rows(session, status):
            w.writerow(["" if v is None else v for v in r])
        data = ("\ufeff" + buf.getvalue()).encode("utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Hàng đợi rà soát")
        rows = export_rows(session, status)
        header = next(rows)
        from openpyxl.cell import WriteOnlyCell

        cells = []
        for h in header:
            c = WriteOnlyCell(ws, value=h)
            c.font = Font(bold=True)
            cells.append(c)
        ws.append(cells)
        for r in rows:
            ws.append(r)
        bio = io.BytesIO()
        wb.save(bio)
        data = bio.getvalue()
    else:
        raise QueueError("E606", f"định dạng xuất '{fmt}' (chỉ hỗ trợ csv, xlsx)", 422)
    if out is not None:
        Path(out).write_bytes(data)  # type: ignore[arg-type]
    return data


# --- knowledge-base overrides -------------------------------------------------------------


def current_kb_overrides(session: Session) -> list[KbOverride]:
    """The override in effect for each number (latest row, unless withdrawn)."""
    latest = select(func.max(KbOverride.id)).group_by(KbOverride.number)
    q = select(KbOverride).where(KbOverride.id.in_(latest)).order_by(KbOverride.number)
    return [o for o in session.scalars(q) if not o.deleted]


def kb_override_history(session: Session, number: str | None = None) -> list[KbOverride]:
    q = select(KbOverride).order_by(KbOverride.id.desc())
    if number:
        q = q.where(KbOverride.number == number)
    return list(session.scalars(q))


_NUMBER_RE = re.compile(r"^[0-9A-Za-zĐđ/\-.]{3,60}$")


def set_kb_override(
    session: Session,
    user: User,
    number: str,
    *,
    status: str | None = None,
    effective_on: dt.date | str | None = None,
    not_in_force_from: dt.date | str | None = None,
    replaced_by: Sequence[str] | str | None = None,
    note: str = "",
    delete: bool = False,
    yaml_path: Path | None = None,
) -> KbOverride:
    """Record a legal specialist's override of a law's validity, then rewrite the YAML file.

    History is kept (one row per change); the YAML file (``THPL_HOME/kb_overrides.yaml`` by
    default) lists the override in effect for each number.
    """
    _require_writer(user)
    number = (number or "").strip().replace("Ð", "Đ")
    if not _NUMBER_RE.match(number):
        raise QueueError("E606", f"số hiệu '{number}' không đúng dạng (ví dụ 80/2015/QH13)", 422)
    if status is not None and status not in KB_STATUSES:
        raise QueueError("E606", f"tình trạng hiệu lực '{status}' không hợp lệ", 422)
    if isinstance(replaced_by, str):
        replaced_by = [x.strip() for x in re.split(r"[,;\s]+", replaced_by) if x.strip()]
    for n in replaced_by or []:
        if not _NUMBER_RE.match(n):
            raise QueueError("E606", f"số hiệu thay thế '{n}' không đúng dạng", 422)
    if not delete and not (status or effective_on or not_in_force_from or replaced_by):
        raise QueueError("E606", "cần nhập ít nhất một thông tin hiệu lực để ghi đè", 422)
    if not (note or "").strip():
        raise QueueError("E606", "cần ghi chú nguồn/căn cứ của việc ghi đè", 422)
    try:
        eff, nif = _as_date(effective_on), _as_date(not_in_force_from)
    except ValueError as err:
        raise QueueError("E606", f"ngày không hợp lệ ({err})", 422) from err
    ov = KbOverride(
        number=number,
        status=status,
        effective_on=eff,
        not_in_force_from=nif,
        replaced_by=list(replaced_by) if replaced_by else None,
        note=note.strip(),
        author_id=user.id,
        author=user.name,
        deleted=delete,
    )
    session.add(ov)
    session.commit()
    write_kb_overrides_yaml(session, yaml_path)
    return ov


def kb_override_dict(o: KbOverride) -> dict[str, Any]:
    d: dict[str, Any] = {"number": o.number}
    if o.status:
        d["status"] = o.status
    if o.effective_on:
        d["effective_on"] = o.effective_on.isoformat()
    if o.not_in_force_from:
        d["not_in_force_from"] = o.not_in_force_from.isoformat()
    if o.replaced_by:
        d["replaced_by"] = list(o.replaced_by)
    d.update(note=o.note, author=o.author, at=o.at.replace(microsecond=0).isoformat() + "Z")
    return d


def write_kb_overrides_yaml(session: Session, path: Path | None = None) -> Path:
    """Write the overrides in effect to the YAML file the knowledge base reads."""
    if path is None:
        from thpl_nlp.settings import get_settings

        path = get_settings().home / "kb_overrides.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    items = [kb_override_dict(o) for o in current_kb_overrides(session)]
    tmp = path.with_suffix(".yaml.tmp")
    header = (
        "# Ghi đè hiệu lực văn bản do cán bộ pháp chế nhập qua ứng dụng rà soát.\n"
        "# Tệp được sinh tự động từ cơ sở dữ liệu (bảng kb_overrides); không sửa tay.\n"
    )
    tmp.write_text(
        header + yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    tmp.replace(path)
    return path


def store_findings(
    document: Any,
    findings: Iterable[Finding],
    *,
    run_id: int | None = None,
    db_url: str | None = None,
) -> MergeStats:
    """Open the store (default: settings' ``db_url``, migrated) and ingest one document.

    The entry point for ``thpl review`` and the Prefect flows.
    """
    from thpl_nlp.queue.store import open_engine, session_factory

    with session_factory(open_engine(db_url))() as session:
        return ingest_findings(session, document, findings, run_id)
