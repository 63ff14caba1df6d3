"""The reports read a store written by the queue's own service (ingest, triage, undo)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from thpl_nlp.models import Finding
from thpl_nlp.reports.data import SqlReportSource, build_report_data
from thpl_nlp.reports.periods import annual


def _current_annual():
    today = dt.date.today()
    year = today.year + (1 if today >= dt.date(today.year, 12, 15) else 0)
    p = annual(year)
    assert p.contains(today)
    return p


def _finding(doc: str, number: str, eid: str, category: str, action: str) -> Finding:
    return Finding(
        document=doc,
        number=number,
        eid=eid,
        rule=f"{category}.test",
        category=category,
        severity="high",
        confidence=0.9,
        message=f"Tại {eid}: nội dung cần xem xét. Đề xuất: sửa đổi. Căn cứ: Điều 6 Nghị định "
        "79/2025/NĐ-CP.",
        cited="80/2015/QH13" if category == "basis_expired" else None,
        legal_ground="Điều 6 Nghị định 79/2025/NĐ-CP",
        action=action,
        text_hash=f"t-{eid}",
    )


def test_report_over_a_store_written_by_the_queue_service(empty_store, kb):
    from thpl_nlp.queue import service
    from thpl_nlp.queue.store import User

    engine = empty_store
    with Session(engine) as s:
        user = User(name="tran.van.b", role="reviewer", password_hash="x")
        s.add(user)
        s.commit()
        run = service.start_run(s, as_of=dt.date.today())
        docs = [
            ("vb/qd-12.txt", "12/2025/QĐ-UBND", "Ủy ban nhân dân thành phố Đà Nẵng", "Quyết định"),
            ("vb/nq-3.txt", "3/2025/NQ-HĐND", "Hội đồng nhân dân xã Hòa Vang", "Nghị quyết"),
        ]
        for src, number, issuer, dtype in docs:
            meta = {
                "source": src,
                "number": number,
                "issuer": issuer,
                "doc_type": dtype,
                "issued_on": "2025-03-20",
                "text": f"{dtype} {number}",
                "bases": [
                    {
                        "text": "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày "
                        "22 tháng 6 năm 2015;",
                        "start": 0,
                        "end": 0,
                        "refs": [{"number": "80/2015/QH13"}],
                    }
                ],
            }
            items = [
                _finding(src, number, "basis_1", "basis_expired", "sua_doi"),
                _finding(src, number, "art_3__para_1", "competence", "bai_bo_mot_phan"),
                _finding(src, number, "art_5", "form", "sua_doi"),
            ]
            service.ingest_findings(s, meta, items, run)
        rows = {(r.number, r.eid): r for r in s.scalars(select(service.FindingRow))}
        a = rows[("12/2025/QĐ-UBND", "art_3__para_1")]
        service.set_status(s, a.id, user, "confirmed", a.version)
        service.propose_action(
            s,
            a.id,
            user,
            "bai_bo_mot_phan",
            "Trái khoản 2 Điều 20 Luật Xử lý vi phạm hành chính",
            a.version,
        )
        b = rows[("3/2025/NQ-HĐND", "art_5")]
        service.set_status(s, b.id, user, "dismissed", b.version)
        c = rows[("3/2025/NQ-HĐND", "basis_1")]
        service.set_status(s, c.id, user, "confirmed", c.version)
        service.undo_last(s, user, c.id)  # the confirmation is taken back
        d = rows[("12/2025/QĐ-UBND", "basis_1")]
        service.assign(s, d.id, user, user.name, d.version)  # not a decision
    data = build_report_data(SqlReportSource(engine), _current_annual(), kb)
    s_ = data.summary
    assert (s_["docs_checked"], s_["findings_detected"]) == (2, 6)
    assert s_["decisions"] == 2  # a → action_proposed, b → dismissed; c undone; d assigned
    assert {r.key: r.count for r in data.decisions if r.count} == {
        "action_proposed": 1,
        "dismissed": 1,
    }
    # assigning a new finding puts it in review (the service's rule), without a decision
    assert {r.key: r.count for r in data.by_status if r.count} == {
        "new": 3,
        "in_review": 1,
        "action_proposed": 1,
        "dismissed": 1,
    }
    assert [(r.key, r.documents) for r in data.actions if r.count] == [("bai_bo_mot_phan", 1)]
    [p] = data.proposals
    assert p.document.number == "12/2025/QĐ-UBND" and p.actions == "Bãi bỏ một phần"
    assert "khoản 2 Điều 20 Luật Xử lý vi phạm hành chính" in p.grounds[0]
    assert {r.label for r in data.by_issuer} == {
        "Ủy ban nhân dân cấp tỉnh",
        "Hội đồng nhân dân cấp xã",
    }
    # the queue keeps the bases in documents.structure: both cite 80/2015/QH13, which ended
    # on 01/4/2025 — after the two documents were issued (20/3/2025)
    if data.period.contains(dt.date(2025, 4, 1)):
        assert s_["docs_expired_bases"] == 2
    else:
        assert s_["docs_expired_bases"] == 0
