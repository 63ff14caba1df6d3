"""A temporary review-queue store filled with realistic documents, findings and audit events.

The documents are Đà Nẵng HĐND/UBND documents (provincial and commune level) citing the laws
that the 2025 reform replaced (facts quoted from the corpus: Luật Ban hành VBQPPL 80/2015/QH13
ended by 64/2025/QH15 from 01/4/2025; Luật Tổ chức chính quyền địa phương 77/2015/QH13 ended by
65/2025/QH15 from 01/3/2025; Nghị định 34/2016/NĐ-CP ended by 78/2025/NĐ-CP from 01/4/2025).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from thpl_nlp.models import ACTIONS

KB_FACTS: dict[str, dict[str, Any]] = {
    "80/2015/QH13": {
        "doc_type": "Luật",
        "title": "Ban hành văn bản quy phạm pháp luật",
        "not_in_force_from": dt.date(2025, 4, 1),
        "replaced_by": ["64/2025/QH15"],
    },
    "77/2015/QH13": {
        "doc_type": "Luật",
        "title": "Tổ chức chính quyền địa phương",
        "not_in_force_from": dt.date(2025, 3, 1),
        "replaced_by": ["65/2025/QH15"],
    },
    "34/2016/NĐ-CP": {
        "doc_type": "Nghị định",
        "title": "Quy định chi tiết một số điều và biện pháp thi hành Luật Ban hành VBQPPL",
        "not_in_force_from": dt.date(2025, 4, 1),
        "replaced_by": ["78/2025/NĐ-CP"],
    },
    "83/2015/QH13": {
        "doc_type": "Luật",
        "title": "Ngân sách nhà nước",
        "not_in_force_from": dt.date(2026, 1, 1),
        "replaced_by": ["89/2025/QH15"],
    },
    "64/2025/QH15": {"doc_type": "Luật", "title": "Ban hành văn bản quy phạm pháp luật"},
    "72/2025/QH15": {"doc_type": "Luật", "title": "Tổ chức chính quyền địa phương"},
    "15/2021/QĐ-UBND": {  # a local document repealed on 10/5/2025
        "doc_type": "Quyết định",
        "title": "Quy định quản lý chợ trên địa bàn thành phố",
        "not_in_force_from": dt.date(2025, 5, 10),
        "replaced_by": ["22/2025/QĐ-UBND"],
    },
}


class FakeKB:
    """Validity facts at a date, in the shape of ``thpl kb status --json``."""

    def __init__(self, facts: dict[str, dict[str, Any]] | None = None) -> None:
        self.facts = facts if facts is not None else KB_FACTS
        self.partly: dict[str, dt.date] = {"12/2020/NQ-HĐND": dt.date(2025, 7, 1)}

    def status(self, number: str, as_of: dt.date | None = None) -> dict[str, Any] | None:
        as_of = as_of or dt.date.today()
        f = self.facts.get(number)
        if number in self.partly:
            when = self.partly[number]
            return {
                "number": number,
                "doc_type": "Nghị quyết",
                "title": "Quy định mức thu phí tham quan",
                "status": "partly_in_force" if when <= as_of else "in_force",
                "not_in_force_from": when.isoformat(),
                "replaced_by": ["5/2025/NQ-HĐND"],
                "evidence": [{"source": "5/2025/NQ-HĐND art_3", "text": "Bãi bỏ Điều 4"}],
            }
        if f is None:
            return None
        end = f.get("not_in_force_from")
        expired = end is not None and end <= as_of
        return {
            "number": number,
            "doc_type": f["doc_type"],
            "title": f["title"],
            "status": "expired" if expired else "in_force",
            "not_in_force_from": end.isoformat() if end else None,
            "replaced_by": f.get("replaced_by"),
            "current_successor": None,
            "evidence": [{"source": f"kb:{number}", "text": "hết hiệu lực kể từ ngày …"}],
        }


ISSUERS = [
    ("Hội đồng nhân dân thành phố Đà Nẵng", "Nghị quyết", "NQ-HĐND"),
    ("Ủy ban nhân dân thành phố Đà Nẵng", "Quyết định", "QĐ-UBND"),
    ("Ủy ban nhân dân thành phố Đà Nẵng", "Chỉ thị", "CT-UBND"),
    ("Hội đồng nhân dân xã Hòa Vang", "Nghị quyết", "NQ-HĐND"),
    ("Ủy ban nhân dân phường Hải Châu", "Quyết định", "QĐ-UBND"),
    ("Ủy ban nhân dân huyện Hòa Vang", "Quyết định", "QĐ-UBND"),
]
TITLES = [
    "Quy định mức thu phí tham quan di tích",
    "Ban hành Quy chế quản lý vật liệu nổ công nghiệp",
    "Quy định chính sách hỗ trợ đào tạo nghề cho lao động nông thôn",
    "Quy định giá dịch vụ thu gom, vận chuyển chất thải rắn sinh hoạt",
    "Ban hành Quy định phân cấp quản lý cây xanh đô thị",
    "Quy định hạn mức giao đất ở",
]
BASES = ["80/2015/QH13", "77/2015/QH13", "34/2016/NĐ-CP", "83/2015/QH13", "64/2025/QH15"]
CATEGORY_RULES = [
    ("basis_expired", "basis.expired", "high", "bai_bo_mot_phan"),
    ("basis_not_in_force_at_issue", "basis.not_in_force_at_issue", "high", "sua_doi"),
    ("citation_invalid", "citation.invalid", "medium", "sua_doi"),
    ("effective_date", "effective_date.too_early", "medium", "sua_doi"),
    ("competence", "competence.sanction", "high", "bai_bo"),
    ("form", "form.missing_basis", "low", "bo_sung"),
    ("conflict", "conflict.fee_rate", "high", "thay_the"),
    ("admin_procedure", "admin_procedure.extra_dossier", "medium", "bai_bo_mot_phan"),
]

MESSAGES = {
    "basis_expired": "căn cứ ban hành đã hết hiệu lực. Lý do: văn bản được dẫn đã bị thay thế",
    "basis_not_in_force_at_issue": "căn cứ không còn hiệu lực vào ngày ban hành văn bản",
    "citation_invalid": "số hiệu văn bản được dẫn không đúng (sai năm ban hành)",
    "effective_date": "thời điểm có hiệu lực sớm hơn 10 ngày kể từ ngày ký ban hành",
    "competence": "quy định mức phạt tiền vượt thẩm quyền của Ủy ban nhân dân cấp tỉnh",
    "form": "thiếu căn cứ ban hành là Luật Tổ chức chính quyền địa phương",
    "conflict": "mức thu phí cao hơn khung do Bộ Tài chính quy định",
    "admin_procedure": "bổ sung thành phần hồ sơ ngoài quy định của Nghị định",
}


def utc(y: int, m: int, d: int, h: int = 3) -> dt.datetime:
    return dt.datetime(y, m, d, h, 0)


def fill_store(
    engine: Any, seed: int = 7, n_docs: int = 36, *, runs: bool = True
) -> dict[str, Any]:
    """Fill ``engine`` (an upgraded queue store) and return what was written, for reference.

    Each document was reviewed when first stored and, for about 30 %, once more later; with
    ``runs`` its ``document_runs`` rows say so, as the queue's merge writes them (without, the
    store looks like one from before migration 0003).
    """
    from sqlalchemy.orm import Session

    from thpl_nlp.queue.store import (
        Document,
        DocumentRun,
        FindingEvent,
        FindingRow,
        KbOverride,
        Run,
        User,
    )

    rnd = random.Random(seed)
    with Session(engine) as s:
        user = User(name="nguyen.thi.lan", role="reviewer", password_hash="x")
        s.add(user)
        run = Run(started_at=utc(2024, 7, 1), as_of=dt.date(2024, 7, 1))
        s.add(run)
        s.flush()
        docs = []
        for i in range(n_docs):
            issuer, dtype, suffix = ISSUERS[i % len(ISSUERS)]
            # spread over: the previous half (H2 2024), H1 2025, H2 2025, and after the period
            created = utc(2024, 6, 20) + dt.timedelta(days=int(rnd.uniform(0, 560)))
            issued = (created - dt.timedelta(days=rnd.randint(20, 400))).date()
            number = f"{i + 1}/{issued.year}/{suffix}"
            updated = created
            if rnd.random() < 0.3:  # reviewed again later (rà soát)
                updated = created + dt.timedelta(days=rnd.randint(30, 300))
            bases = rnd.sample(BASES, k=2)
            structure = {
                "number": number,
                "bases": [
                    {
                        "text": f"Căn cứ văn bản số {b};",
                        "start": 0,
                        "end": 0,
                        "refs": [
                            {
                                "number": b,
                                "doc_type": KB_FACTS[b]["doc_type"],
                                "title": KB_FACTS[b]["title"],
                                "issued_on": None,
                            }
                        ],
                    }
                    for b in bases
                ],
                "proposer": "Theo đề nghị của Giám đốc Sở Tài chính" if i % 3 == 0 else None,
            }
            d = Document(
                key=number,
                source=f"vanban/{i + 1:03d}.pdf",
                number=number,
                issuer=issuer,
                doc_type=dtype,
                title=TITLES[i % len(TITLES)],
                issued_on=issued,
                structure=structure,
                created_at=created,
                updated_at=updated,
            )
            s.add(d)
            docs.append(d)
        # two local documents the knowledge base knows ended in 2025 (wholly / in part)
        for number, dtype, issuer, title, issued in (
            (
                "15/2021/QĐ-UBND",
                "Quyết định",
                "Ủy ban nhân dân thành phố Đà Nẵng",
                "Quy định quản lý chợ trên địa bàn thành phố",
                dt.date(2021, 3, 10),
            ),
            (
                "12/2020/NQ-HĐND",
                "Nghị quyết",
                "Hội đồng nhân dân thành phố Đà Nẵng",
                "Quy định mức thu phí tham quan",
                dt.date(2020, 7, 9),
            ),
        ):
            d = Document(
                key=number,
                source=f"vanban/{number.replace('/', '-')}.pdf",
                number=number,
                issuer=issuer,
                doc_type=dtype,
                title=title,
                issued_on=issued,
                created_at=utc(2024, 7, 10),
                updated_at=utc(2024, 7, 10),
            )
            s.add(d)
            docs.append(d)
        # one document without number or issuer (a scan whose header was lost)
        lost = Document(
            key="src:vanban/khong-so.txt",
            source="vanban/khong-so.txt",
            created_at=utc(2025, 2, 3),
            updated_at=utc(2025, 2, 3),
        )
        s.add(lost)
        docs.append(lost)
        s.flush()
        if runs:
            for d in docs:
                for at in sorted({d.created_at, d.updated_at}):
                    s.add(DocumentRun(document_id=d.id, reviewed_at=at, new=0, reopened=0,
                                      unchanged=0, closed=0))
        findings = []
        k = 0
        for d in docs:
            for _ in range(rnd.randint(0, 5)):
                cat, rule, sev, action = CATEGORY_RULES[rnd.randrange(len(CATEGORY_RULES))]
                sev = sev if rnd.random() < 0.7 else rnd.choice(["high", "medium", "low"])
                k += 1
                created = d.created_at + dt.timedelta(hours=rnd.randint(0, 2))
                if d.updated_at != d.created_at and rnd.random() < 0.5:
                    created = d.updated_at + dt.timedelta(minutes=5)
                art, para_ = rnd.randint(1, 12), rnd.randint(1, 4)
                f = FindingRow(
                    document_id=d.id,
                    fingerprint=f"fp{k}",
                    document_path=d.source,
                    number=d.number,
                    eid=f"art_{art}__para_{para_}",
                    rule=rule,
                    category=cat,
                    severity=sev,
                    confidence=round(rnd.uniform(0.5, 0.99), 2),
                    message=(
                        f"Tại khoản {para_} Điều {art}: {MESSAGES[cat]}. Đề xuất: "
                        f"{ACTIONS[action]}. Căn cứ: Điều 6 Nghị định 79/2025/NĐ-CP."
                    ),
                    cited=rnd.choice(BASES[:3]) if cat.startswith("basis") else None,
                    legal_ground="Điều 6 Nghị định 79/2025/NĐ-CP",
                    action=action,
                    status="new",
                    created_at=created,
                    updated_at=created,
                    first_run_id=run.id,
                    last_run_id=run.id,
                )
                s.add(f)
                findings.append(f)
        s.flush()
        # triage: a chain of decisions, each an audit event shaped like the queue service's
        # (after = snapshot with the status; kind "status" or "action"; undo marks + restores)
        events = 0
        for f in findings:
            t = f.created_at
            s.add(
                FindingEvent(
                    finding_id=f.id,
                    run_id=run.id,
                    at=t,
                    kind="created",
                    after={"status": "new", "text_hash": "", "fact_hash": ""},
                )
            )
            state = "new"
            chain = rnd.choice(
                [
                    [],
                    ["in_review"],
                    ["confirmed"],
                    ["dismissed"],
                    ["in_review", "dismissed"],
                    ["in_review", "confirmed", "action_proposed"],
                    ["confirmed", "resolved"],
                    ["confirmed", "action_proposed", "resolved"],
                    ["confirmed", "action_proposed"],
                ]
            )
            for status in chain:
                t = t + dt.timedelta(days=rnd.randint(1, 120))
                before = {"status": state, "proposed_action": f.proposed_action}
                if status == "action_proposed":
                    act = f.action if rnd.random() < 0.7 else rnd.choice(list(ACTIONS))
                    f.proposed_action = act
                    f.proposed_ground = (
                        "Quy định không còn phù hợp với Luật Ban hành văn bản quy phạm pháp "
                        "luật số 64/2025/QH15"
                        if rnd.random() < 0.5
                        else None
                    )
                f.status = status
                f.decided_at = t
                f.decided_by_id = user.id
                after = {
                    "status": status,
                    "proposed_action": f.proposed_action,
                    "proposed_ground": f.proposed_ground,
                }
                s.add(
                    FindingEvent(
                        finding_id=f.id,
                        user_id=user.id,
                        at=t,
                        kind="action" if status == "action_proposed" else "status",
                        before=before,
                        after=after,
                    )
                )
                events += 1
                state = status
            if chain and rnd.random() < 0.15:  # a decision taken, then undone: must not count
                t1 = t + dt.timedelta(hours=1)
                s.add(
                    FindingEvent(
                        finding_id=f.id,
                        user_id=user.id,
                        at=t1,
                        kind="status",
                        before={"status": state},
                        after={"status": "in_review"},
                        undone=True,
                    )
                )
                s.add(
                    FindingEvent(
                        finding_id=f.id,
                        user_id=user.id,
                        at=t1 + dt.timedelta(minutes=3),
                        kind="undo",
                        before={"status": "in_review"},
                        after={"status": state},
                    )
                )
            if rnd.random() < 0.2:  # an assignment: not a decision, status unchanged
                s.add(
                    FindingEvent(
                        finding_id=f.id,
                        user_id=user.id,
                        at=f.created_at + dt.timedelta(hours=5),
                        kind="assign",
                        before={"status": "new"},
                        after={"status": "new"},
                    )
                )
        s.add(
            KbOverride(
                number="12/2020/NQ-HĐND",
                status=None,
                not_in_force_from=None,
                note="kiểm tra lại",
                author="lan",
                at=utc(2025, 1, 1),
                deleted=True,
            )
        )
        s.commit()
        return {"documents": len(docs), "findings": len(findings), "events": events}


# --------------------------------------------------------------------------- SQL oracle
# Independent queries on the store (plain SQL, not the report code) that every number in a
# generated report must equal.

ANNUAL_2025 = (dt.datetime(2024, 12, 14, 17), dt.datetime(2025, 12, 14, 17))  # +07:00 days
ANNUAL_2024 = (dt.datetime(2023, 12, 14, 17), dt.datetime(2024, 12, 14, 17))
ISSUER_LABELS = {
    "Hội đồng nhân dân thành phố Đà Nẵng": "Hội đồng nhân dân cấp tỉnh",
    "Ủy ban nhân dân thành phố Đà Nẵng": "Ủy ban nhân dân cấp tỉnh",
    "Hội đồng nhân dân xã Hòa Vang": "Hội đồng nhân dân cấp xã",
    "Ủy ban nhân dân phường Hải Châu": "Ủy ban nhân dân cấp xã",
    "Ủy ban nhân dân huyện Hòa Vang": "Ủy ban nhân dân cấp huyện (trước 01/7/2025)",
    None: "Chưa xác định cơ quan ban hành",
}
CATEGORY_LABELS = {
    "basis_expired": "Căn cứ ban hành đã hết hiệu lực",
    "basis_not_in_force_at_issue": "Căn cứ ban hành chưa/không còn hiệu lực khi ban hành",
    "citation_invalid": "Trích dẫn văn bản không chính xác",
    "effective_date": "Thời điểm có hiệu lực",
    "competence": "Thẩm quyền ban hành",
    "admin_procedure": "Thủ tục hành chính",
    "conflict": "Nội dung trái, mâu thuẫn với văn bản cấp trên",
    "form": "Thể thức, kỹ thuật trình bày",
}
STATUS_LABELS = {
    "new": "Mới phát hiện",
    "in_review": "Đang xem xét",
    "confirmed": "Đã xác nhận",
    "dismissed": "Không chấp nhận",
    "action_proposed": "Đã kiến nghị xử lý",
    "resolved": "Đã xử lý xong",
}


def _ts(d: dt.datetime) -> str:
    return d.strftime("%Y-%m-%d %H:%M:%S.%f")


class Oracle:
    """Plain-SQL answers for one period ``[s, e)`` (naive UTC)."""

    STATUS_SQL = """
        WITH det AS (
          SELECT id, document_id, category, severity FROM findings
          WHERE created_at >= :s AND created_at < :e
        )
        SELECT det.*, COALESCE((
            SELECT json_extract(ev.after, '$.status') FROM finding_events ev
            WHERE ev.finding_id = det.id AND ev.undone = 0 AND ev.at < :e
              AND json_extract(ev.after, '$.status') IS NOT NULL
            ORDER BY ev.at DESC, ev.id DESC LIMIT 1), 'new') AS status
        FROM det
    """
    DECISION_SQL = """
        SELECT f.id, f.document_id, json_extract(ev.after, '$.status') AS status,
               COALESCE(json_extract(ev.after, '$.proposed_action'), f.proposed_action,
                        f.action) AS action
        FROM findings f JOIN finding_events ev ON ev.id = (
            SELECT e2.id FROM finding_events e2
            WHERE e2.finding_id = f.id AND e2.undone = 0 AND e2.at >= :s AND e2.at < :e
              AND e2.kind IN ('status', 'action', 'system_resolve')
            ORDER BY e2.at DESC, e2.id DESC LIMIT 1)
        WHERE f.created_at < :e AND json_extract(ev.after, '$.status') <> 'new'
    """

    def __init__(self, engine: Any, bounds: tuple[dt.datetime, dt.datetime]) -> None:
        self.engine = engine
        # SQLite keeps timestamps as text (compared as such); PostgreSQL takes timestamps. The
        # document counts are plain SQL on both; the finding queries use SQLite's json_extract.
        if engine.dialect.name == "sqlite":
            self.p = {"s": _ts(bounds[0]), "e": _ts(bounds[1])}
        else:
            self.p = {"s": bounds[0], "e": bounds[1]}

    def q(self, sql: str, **extra: Any) -> list[Any]:
        from sqlalchemy import text

        with self.engine.connect() as c:
            return list(c.execute(text(sql), {**self.p, **extra}))

    def scalar(self, sql: str) -> int:
        return int(self.q(sql)[0][0])

    # a document's first review, and whether it was reviewed inside the period (every review
    # merged into the store is a row of document_runs)
    FIRST_RUN = "(SELECT min(r.reviewed_at) FROM document_runs r WHERE r.document_id = d.id)"
    RUN_IN_PERIOD = (
        "EXISTS (SELECT 1 FROM document_runs r WHERE r.document_id = d.id "
        "AND r.reviewed_at >= :s AND r.reviewed_at < :e)"
    )
    CHECKED = f"{FIRST_RUN} >= :s AND {FIRST_RUN} < :e"
    REVIEWED = f"{FIRST_RUN} < :s AND {RUN_IN_PERIOD}"

    @property
    def docs_checked(self) -> int:
        return self.scalar(f"SELECT count(*) FROM documents d WHERE {self.CHECKED}")

    @property
    def docs_reviewed(self) -> int:
        return self.scalar(f"SELECT count(*) FROM documents d WHERE {self.REVIEWED}")

    def statuses(self) -> list[Any]:
        return self.q(self.STATUS_SQL)

    def decisions(self) -> list[Any]:
        return self.q(self.DECISION_SQL)

    def summary(self) -> dict[str, int]:
        st = self.statuses()
        dec = self.decisions()
        acc = ("confirmed", "action_proposed", "resolved")
        return {
            "docs_checked": self.docs_checked,
            "docs_reviewed": self.docs_reviewed,
            "docs_with_findings": len({r.document_id for r in st if r.status != "dismissed"}),
            "docs_unlawful": len({r.document_id for r in st if r.status in acc}),
            "docs_proposed": len(
                {r.document_id for r in dec if r.status in ("action_proposed", "resolved")}
            ),
            "docs_resolved": len({r.document_id for r in dec if r.status == "resolved"}),
            "findings_detected": len(st),
            "findings_accepted": sum(r.status in acc for r in st),
            "findings_dismissed": sum(r.status == "dismissed" for r in st),
            "findings_open": sum(
                r.status in ("new", "in_review", "confirmed", "action_proposed") for r in st
            ),
            "decisions": len(dec),
        }

    def by_issuer(self) -> dict[str, dict[str, int]]:
        """Label → counts of documents checked / reviewed (by SQL GROUP BY issuer)."""
        out: dict[str, dict[str, int]] = {}
        for kind, where in (("checked", self.CHECKED), ("reviewed", self.REVIEWED)):
            for issuer, n in self.q(
                f"SELECT issuer, count(*) FROM documents d WHERE {where} GROUP BY issuer"
            ):
                row = out.setdefault(ISSUER_LABELS[issuer], {"checked": 0, "reviewed": 0})
                row[kind] += n
        return out

    def by_type(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for kind, where in (("checked", self.CHECKED), ("reviewed", self.REVIEWED)):
            for t, n in self.q(
                f"SELECT COALESCE(doc_type, 'Không xác định'), count(*) "
                f"FROM documents d WHERE {where} GROUP BY 1"
            ):
                out.setdefault(t, {"checked": 0, "reviewed": 0})[kind] += n
        return out

    def by_category(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for cat, sev, n in self.q(
            "SELECT category, severity, count(*) FROM findings WHERE "
            "created_at >= :s AND created_at < :e GROUP BY 1, 2"
        ):
            row = out.setdefault(CATEGORY_LABELS[cat], {"high": 0, "medium": 0, "low": 0})
            row[sev] += n
        return out

    def by_status(self) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        rows = self.statuses()
        for s in {r.status for r in rows}:
            sel = [r for r in rows if r.status == s]
            out[STATUS_LABELS[s]] = (len(sel), len({r.document_id for r in sel}))
        return out

    def by_decision(self) -> dict[str, tuple[int, int]]:
        rows = self.decisions()
        return {
            STATUS_LABELS[s]: (
                sum(r.status == s for r in rows),
                len({r.document_id for r in rows if r.status == s}),
            )
            for s in {r.status for r in rows}
        }

    def by_action(self) -> dict[str, tuple[int, int]]:
        rows = [r for r in self.decisions() if r.status in ("action_proposed", "resolved")]
        return {
            ACTIONS[a]: (
                len({r.document_id for r in rows if r.action == a}),
                sum(r.action == a for r in rows),
            )
            for a in {r.action for r in rows}
        }

    def expired_bases(self, kb: FakeKB, start: dt.date, end: dt.date) -> set[tuple[str, str]]:
        """(document number, basis number) pairs whose basis ended in [start, end]."""
        import json

        out = set()
        rows = self.q(
            "SELECT id, number, issued_on, structure FROM documents WHERE created_at < :e"
        )
        cited = self.q(
            "SELECT document_id, cited FROM findings WHERE category = "
            "'basis_expired' AND cited IS NOT NULL AND created_at < :e"
        )
        for doc_id, number, issued, structure in rows:
            nums = set()
            for b in (json.loads(structure) if structure else {}).get("bases", []):
                nums |= {r["number"] for r in b["refs"] if r.get("number")}
            nums |= {c for d, c in cited if d == doc_id}
            for n in nums:
                when = KB_FACTS.get(n, {}).get("not_in_force_from")
                issued_d = dt.date.fromisoformat(issued) if issued else None
                if when and start <= when <= end and (issued_d is None or issued_d < when):
                    out.add((number, n))
        return out


def nz(rows: dict[str, Any]) -> dict[str, Any]:
    """Drop the all-zero rows (the report keeps every row of a fixed list; SQL has none)."""

    def zero(v: Any) -> bool:
        if isinstance(v, dict):
            return not any(v.values())
        if isinstance(v, tuple | list):
            return not any(v)
        return not v

    return {k: v for k, v in rows.items() if not zero(v)}
