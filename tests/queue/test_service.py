"""Queue semantics on SQLite and (when THPL_TEST_PG_URL is set) PostgreSQL."""

from __future__ import annotations

import dataclasses
import io
import threading

import pytest
import yaml
from queue_examples import EXAMPLE_TEXT, NUMBER, example_findings, example_meta
from sqlalchemy import func, select

from thpl_nlp.models import Finding
from thpl_nlp.queue import service as svc
from thpl_nlp.queue.store import FindingEvent, FindingRow, session_factory


def _by_eid(session) -> dict[str, FindingRow]:
    return {r.eid: r for r in session.scalars(select(FindingRow))}


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_ingest_creates_five_findings_with_document(session):
    stats = svc.ingest_findings(session, example_meta(), example_findings())
    assert stats == svc.MergeStats(new=5, reopened=0, unchanged=0, closed=0)
    rows = _by_eid(session)
    assert set(rows) == {
        "att_1__art_3__para_1__point_c",
        "att_1__art_4",
        "att_1__art_5",
        "basis_2",
        "document",
    }
    assert all(r.status == "new" and r.version == 1 for r in rows.values())
    # high-severity findings of a provincial decision come first
    assert rows["att_1__art_5"].priority > rows["basis_2"].priority
    doc = rows["att_1__art_4"].document
    assert doc.number == NUMBER and doc.issuer == "Ủy ban nhân dân tỉnh Bắc Giang"
    assert doc.structure["provisions"][0]["eid"] == "att_1__art_3"
    assert rows["basis_2"].provision_text.startswith("Căn cứ Luật Ban hành văn bản")
    assert _count(session, FindingEvent) == 5


def test_rerun_of_unchanged_findings_adds_nothing(session):
    svc.ingest_findings(session, example_meta(), example_findings())
    n_events = _count(session, FindingEvent)
    stats = svc.ingest_findings(session, example_meta(), example_findings())
    assert stats == svc.MergeStats(new=0, reopened=0, unchanged=5, closed=0)
    assert _count(session, FindingRow) == 5
    assert _count(session, FindingEvent) == n_events


def test_dismissed_stays_dismissed_unless_text_changes(session, users):
    rev = users["reviewer"]
    svc.ingest_findings(session, example_meta(), example_findings())
    rows = _by_eid(session)
    for eid in ("att_1__art_4", "att_1__art_5"):
        svc.set_status(session, rows[eid].id, rev, "dismissed", rows[eid].version)
    # same text: both stay dismissed
    assert svc.ingest_findings(session, example_meta(), example_findings()).reopened == 0
    assert {r.status for r in _by_eid(session).values() if r.eid.startswith("att_1__art_")} == {
        "dismissed",
        "new",
    }
    # the drafter edits Article 4 only: exactly its dismissed finding reopens, with the reason
    edited = EXAMPLE_TEXT.replace("không quá 30 ngày", "không quá 25 ngày")
    stats = svc.ingest_findings(session, example_meta(edited), example_findings(edited))
    assert stats == svc.MergeStats(new=0, reopened=1, unchanged=4, closed=0)
    rows = _by_eid(session)
    assert rows["att_1__art_4"].status == "new"
    assert rows["att_1__art_4"].reopen_reason == svc.REASON_TEXT_CHANGED
    assert rows["att_1__art_5"].status == "dismissed"
    ev = session.scalars(
        select(FindingEvent).where(
            FindingEvent.finding_id == rows["att_1__art_4"].id, FindingEvent.kind == "reopen"
        )
    ).one()
    assert ev.before["status"] == "dismissed" and ev.after["status"] == "new"
    assert ev.before["text_hash"] != ev.after["text_hash"]


def test_dismissed_reopens_when_higher_level_fact_changes(session, users):
    svc.ingest_findings(session, example_meta(), example_findings())
    row = _by_eid(session)["basis_2"]
    svc.set_status(session, row.id, users["reviewer"], "dismissed", row.version)
    stats = svc.ingest_findings(session, example_meta(), example_findings(fact="kb-2027-01"))
    assert stats.reopened == 1
    row = _by_eid(session)["basis_2"]
    assert row.status == "new" and row.reopen_reason == svc.REASON_FACT_CHANGED


def test_disappearing_findings_are_resolved_by_system_not_deleted(session, users):
    svc.ingest_findings(session, example_meta(), example_findings())
    dismissed = _by_eid(session)["document"]
    svc.set_status(session, dismissed.id, users["reviewer"], "dismissed", dismissed.version)
    keep = [f for f in example_findings() if f.eid not in ("att_1__art_5", "document")]
    stats = svc.ingest_findings(session, example_meta(), keep)
    assert stats == svc.MergeStats(new=0, reopened=0, unchanged=3, closed=1)
    rows = _by_eid(session)
    assert len(rows) == 5
    assert rows["att_1__art_5"].status == "resolved"
    assert rows["att_1__art_5"].resolution == "system"
    assert rows["document"].status == "dismissed"  # a staff decision is left alone
    # it shows up again later: reopened
    stats = svc.ingest_findings(session, example_meta(), example_findings())
    assert stats.reopened == 1 and _by_eid(session)["att_1__art_5"].status == "new"


def test_merge_is_one_transaction(session):
    svc.ingest_findings(session, example_meta(), example_findings()[:2])
    bad = example_findings()
    bad[4] = dataclasses.replace(bad[4], category="not_a_category")
    with pytest.raises(svc.QueueError):
        svc.ingest_findings(session, example_meta(), bad)
    # nothing of the failed run was kept: still the two first findings, still new
    assert _count(session, FindingRow) == 2
    assert {r.status for r in session.scalars(select(FindingRow))} == {"new"}


def test_transitions_are_enforced_and_labels_vietnamese(session, users):
    svc.ingest_findings(session, example_meta(), example_findings())
    row = _by_eid(session)["att_1__art_5"]
    rev = users["reviewer"]
    with pytest.raises(svc.QueueError) as e:
        svc.set_status(session, row.id, rev, "resolved", row.version)
    assert e.value.code == "E602" and "Mới" in e.value.message and "Đã xử lý" in e.value.message
    row = svc.set_status(session, row.id, rev, "confirmed", row.version)
    row = svc.propose_action(
        session,
        row.id,
        rev,
        "bai_bo_mot_phan",
        "Khoản 1 Điều 4 Luật Xử lý vi phạm hành chính",
        row.version,
    )
    assert row.status == "action_proposed" and row.proposed_action == "bai_bo_mot_phan"
    row = svc.set_status(session, row.id, rev, "resolved", row.version)
    assert row.status == "resolved" and row.resolution == "staff"
    assert svc.STATUS_LABELS["action_proposed"] == "Đã đề xuất xử lý"


def test_viewer_cannot_write(session, users):
    svc.ingest_findings(session, example_meta(), example_findings())
    row = _by_eid(session)["att_1__art_4"]
    with pytest.raises(svc.QueueError) as e:
        svc.set_status(session, row.id, users["viewer"], "confirmed", row.version)
    assert e.value.http_status == 403


def test_second_reviewer_gets_conflict_not_lost_update(session, users, engine):
    svc.ingest_findings(session, example_meta(), example_findings())
    row = _by_eid(session)["att_1__art_4"]
    seen_version = row.version
    svc.set_status(session, row.id, users["reviewer"], "confirmed", seen_version)
    with pytest.raises(svc.QueueError) as e:
        svc.set_status(session, row.id, users["reviewer2"], "dismissed", seen_version)
    assert e.value.http_status == 409 and e.value.code == "E601"
    assert "người khác" in e.value.message
    assert session.get(FindingRow, row.id).status == "confirmed"


def test_concurrent_decisions_one_wins(engine, session, users):
    """Two sessions load the same version at once; the database refuses the second write."""
    svc.ingest_findings(session, example_meta(), example_findings())
    fid = _by_eid(session)["att_1__art_5"].id
    make = session_factory(engine)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def decide(user_id: int, status: str) -> None:
        with make() as s:
            user = s.get(type(users["reviewer"]), user_id)
            row = s.get(FindingRow, fid)
            version = row.version
            barrier.wait()
            try:
                svc.set_status(s, fid, user, status, version)
                results.append("ok")
            except svc.QueueError as err:
                results.append(err.code)

    ts = [
        threading.Thread(target=decide, args=(users["reviewer"].id, "confirmed")),
        threading.Thread(target=decide, args=(users["reviewer2"].id, "dismissed")),
    ]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert sorted(results) == ["E601", "ok"]
    session.expire_all()
    decided = session.get(FindingRow, fid)
    assert decided.version == 2
    n_status = session.scalar(
        select(func.count())
        .select_from(FindingEvent)
        .where(FindingEvent.finding_id == fid, FindingEvent.kind == "status")
    )
    assert n_status == 1


def test_undo_last_decision(session, users):
    svc.ingest_findings(session, example_meta(), example_findings())
    rows = _by_eid(session)
    rev = users["reviewer"]
    svc.set_status(session, rows["att_1__art_4"].id, rev, "confirmed", rows["att_1__art_4"].version)
    svc.set_status(session, rows["att_1__art_5"].id, rev, "dismissed", rows["att_1__art_5"].version)
    undone = svc.undo_last(session, rev)
    assert undone.eid == "att_1__art_5" and undone.status == "new"
    undone = svc.undo_last(session, rev)
    assert undone.eid == "att_1__art_4" and undone.status == "new"
    with pytest.raises(svc.QueueError) as e:
        svc.undo_last(session, rev)
    assert e.value.code == "E605"
    kinds = [e.kind for e in svc.events_of(session, rows["att_1__art_4"].id)]
    assert kinds[:2] == ["undo", "status"]


def test_undo_refused_after_someone_else_changed_it(session, users):
    svc.ingest_findings(session, example_meta(), example_findings())
    row = _by_eid(session)["att_1__art_4"]
    row = svc.set_status(session, row.id, users["reviewer"], "confirmed", row.version)
    svc.set_status(session, row.id, users["reviewer2"], "dismissed", row.version)
    with pytest.raises(svc.QueueError) as e:
        svc.undo_last(session, users["reviewer"])
    assert e.value.http_status == 409


def test_assign_comment_and_bulk(session, users):
    svc.ingest_findings(session, example_meta(), example_findings())
    rows = _by_eid(session)
    rev = users["reviewer"]
    r = svc.assign(session, rows["basis_2"].id, rev, "tran.thi.b", rows["basis_2"].version)
    assert r.assignee.name == "tran.thi.b" and r.status == "in_review"
    svc.add_comment(session, r.id, rev, "Đề nghị kiểm tra lại Điều 71 Luật 64/2025/QH15.")
    assert [c.text for c in svc.comments_of(session, r.id)][0].startswith("Đề nghị")
    res = svc.bulk_set_status(session, [x.id for x in rows.values()], rev, "dismissed")
    assert len(res.done) == 5 and not res.skipped
    res = svc.bulk_set_status(session, [x.id for x in rows.values()], rev, "resolved")
    assert len(res.skipped) == 5 and "Bác bỏ" in res.skipped[0]["error"]


def test_filters_search_and_neighbours(session, users):
    svc.ingest_findings(session, example_meta(), example_findings())
    page = svc.list_findings(session, svc.QueueFilter(category="competence"))
    assert page.total == 2
    page = svc.list_findings(session, svc.QueueFilter(q="phạt tiền"))
    assert [r.eid for r in page.items] == ["att_1__art_5"]
    page = svc.list_findings(session, svc.QueueFilter(issuer="Bắc Giang", severity="high"))
    assert page.total == 3
    page = svc.list_findings(session, svc.QueueFilter(q="50%_"))  # LIKE wildcards escaped
    assert page.total == 0
    # control characters in a search (a NUL ended SQLite FTS5's phrase early: HTTP 500)
    page = svc.list_findings(session, svc.QueueFilter(q="phạt\x00tiền"))
    assert [r.eid for r in page.items] == ["att_1__art_5"]
    page = svc.list_findings(session, svc.QueueFilter(per_page=2))
    assert page.pages == 3 and len(page.items) == 2
    allp = svc.list_findings(session, svc.QueueFilter()).items
    prev_id, next_id = svc.neighbours(session, svc.QueueFilter(), allp[1])
    assert (prev_id, next_id) == (allp[0].id, allp[2].id)


def test_export_labels_and_queue(session, users):
    svc.ingest_findings(session, example_meta(), example_findings())
    rows = _by_eid(session)
    rev = users["reviewer"]
    svc.set_status(session, rows["att_1__art_5"].id, rev, "confirmed", rows["att_1__art_5"].version)
    svc.set_status(session, rows["document"].id, rev, "dismissed", rows["document"].version)
    labels = {d["eid"]: d for d in svc.export_labels(session)}
    assert set(labels) == {"att_1__art_5", "document"}
    art5 = labels["att_1__art_5"]
    assert art5["decision"] == "confirmed" and art5["label"] == 1
    assert art5["provision_text"].startswith("Điều 5. Xử lý vi phạm")
    assert art5["rule"] == "competence.sanctions" and art5["category"] == "competence"
    assert labels["document"]["label"] == 0 and labels["document"]["decided_by"] == "nguyen.van.a"
    data = svc.export_queue(session, "csv")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Mã,Số hiệu văn bản")
    assert "Thẩm quyền" in text and "Xác nhận" in text
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(svc.export_queue(session, "xlsx")))
    ws = wb.active
    assert ws.max_row == 6 and ws.cell(1, 10).value == "Nội dung phát hiện"


def test_contract_dict_has_review_keys(session):
    svc.ingest_findings(session, example_meta(), example_findings())
    row = _by_eid(session)["basis_2"]
    d = svc.contract_dict(row)
    review_keys = set(Finding("a", None, "e", "r", "form", "low", 0.5, "m").to_contract_dict())
    assert review_keys <= set(d)
    assert {"id", "fingerprint", "text_hash", "status"} <= set(d)
    assert d["replaced_by"] == ["64/2025/QH15"] and d["status"] == "new"


def test_kb_overrides_history_and_yaml(session, users, tmp_path):
    path = tmp_path / "kb_overrides.yaml"
    rev = users["reviewer"]
    svc.set_kb_override(
        session,
        rev,
        "80/2015/QH13",
        status="expired",
        not_in_force_from="2025-04-01",
        replaced_by="64/2025/QH15",
        note="Điều 71 Luật 64/2025/QH15",
        yaml_path=path,
    )
    svc.set_kb_override(
        session,
        users["reviewer2"],
        "50/2014/QH13",
        status="partly_in_force",
        note="Sửa đổi bởi 62/2020/QH14",
        yaml_path=path,
    )
    svc.set_kb_override(session, rev, "50/2014/QH13", delete=True, note="Nhập nhầm", yaml_path=path)
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert items == [
        {
            "number": "80/2015/QH13",
            "status": "expired",
            "not_in_force_from": "2025-04-01",
            "replaced_by": ["64/2025/QH15"],
            "note": "Điều 71 Luật 64/2025/QH15",
            "author": "nguyen.van.a",
            "at": items[0]["at"],
        }
    ]
    assert len(svc.kb_override_history(session)) == 3
    with pytest.raises(svc.QueueError):
        svc.set_kb_override(
            session, rev, "80/2015/QH13", status="sắp hết", note="x", yaml_path=path
        )
    with pytest.raises(svc.QueueError):
        svc.set_kb_override(
            session, users["viewer"], "80/2015/QH13", status="expired", note="x", yaml_path=path
        )


def test_text_search_is_case_insensitive_and_follows_edits(session):
    svc.ingest_findings(session, example_meta(), example_findings())
    for q in ("điều 5", "ĐIỀU 5", "phạt tiền", "15/2012/qh13", "competence.sanctions"):
        page = svc.list_findings(session, svc.QueueFilter(q=q))
        assert "att_1__art_5" in [r.eid for r in page.items], q
    # the search index follows a re-reviewed message
    changed = example_findings()
    changed[2] = dataclasses.replace(changed[2], message="Điều 5 đặt chế tài riêng của tỉnh.")
    svc.ingest_findings(session, example_meta(), changed)
    assert svc.list_findings(session, svc.QueueFilter(q="chế tài riêng")).total == 1
    assert svc.list_findings(session, svc.QueueFilter(q="mức phạt tiền")).total == 0


@pytest.mark.parametrize("q", ["Điều", "QH13", "phạt", "đề nghị"])
def test_search_paths_agree(session, monkeypatch, q):
    """The FTS lookup and the LIKE walk of the queue-order index return the same page."""
    svc.ingest_findings(session, example_meta(), example_findings())
    monkeypatch.setattr(svc, "SEARCH_SCAN_ABOVE", 10**9)
    via_index = svc.list_findings(session, svc.QueueFilter(q=q))
    monkeypatch.setattr(svc, "SEARCH_SCAN_ABOVE", 0)
    via_scan = svc.list_findings(session, svc.QueueFilter(q=q))
    assert [r.id for r in via_index.items] == [r.id for r in via_scan.items]
    assert via_index.total == via_scan.total > 0
