"""document_runs: every review merged into the store (SQLite and, when set, PostgreSQL)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from queue_examples import EXAMPLE_TEXT, example_findings, example_meta
from sqlalchemy import select

from thpl_nlp.queue import service as svc
from thpl_nlp.queue.store import (
    Document,
    DocumentRun,
    FindingRow,
    Run,
    current_revision,
    make_engine,
    session_factory,
    upgrade,
)


def _runs(session) -> list[DocumentRun]:
    session.expire_all()
    return list(session.scalars(select(DocumentRun).order_by(DocumentRun.id)))


def test_each_merge_records_a_review_with_its_run_and_changes(session):
    run1 = svc.start_run(session, as_of=dt.date(2026, 3, 2), kb_version="kb-2026-03-01")
    svc.ingest_findings(session, example_meta(), example_findings(), run1)
    # the drafter edits Article 4 and the review no longer finds Article 5's problem
    edited = EXAMPLE_TEXT.replace("không quá 30 ngày", "không quá 25 ngày")
    keep = [f for f in example_findings(edited) if f.eid != "att_1__art_5"]
    run2 = svc.start_run(session, as_of=dt.date(2026, 9, 1), kb_version="kb-2026-08-30")
    svc.ingest_findings(session, example_meta(edited), keep, run2)
    svc.ingest_findings(session, example_meta(edited), keep)  # a review outside any run
    doc = session.scalars(select(Document)).one()
    first, second, third = _runs(session)
    assert [r.document_id for r in (first, second, third)] == [doc.id] * 3
    assert (first.run_id, first.as_of, first.kb_version) == (
        run1, dt.date(2026, 3, 2), "kb-2026-03-01"
    )
    assert (first.new, first.reopened, first.unchanged, first.closed) == (5, 0, 0, 0)
    assert (second.run_id, second.as_of, second.kb_version) == (
        run2, dt.date(2026, 9, 1), "kb-2026-08-30"
    )
    assert (second.new, second.reopened, second.unchanged, second.closed) == (0, 0, 4, 1)
    assert (third.run_id, third.as_of, third.kb_version) == (None, None, None)
    assert (third.new, third.unchanged, third.closed) == (0, 4, 0)
    assert first.content_hash != second.content_hash == third.content_hash == doc.content_hash
    assert first.reviewed_at == doc.created_at
    assert first.reviewed_at <= second.reviewed_at <= third.reviewed_at == doc.updated_at


def test_a_repeated_merge_in_the_same_run_keeps_one_row(session):
    run = svc.start_run(session, as_of=dt.date(2026, 3, 2))
    svc.ingest_findings(session, example_meta(), example_findings()[:3], run)
    svc.ingest_findings(session, example_meta(), example_findings(), run)  # a retried task
    [row] = _runs(session)
    assert (row.run_id, row.new, row.reopened, row.unchanged, row.closed) == (run, 5, 0, 0, 0)


def test_a_failed_merge_records_no_review(session):
    svc.ingest_findings(session, example_meta(), example_findings()[:2])
    bad = example_findings()
    bad[4] = dataclasses.replace(bad[4], category="not_a_category")
    with pytest.raises(svc.QueueError):
        svc.ingest_findings(session, example_meta(), bad)
    assert len(_runs(session)) == 1


def test_deleting_a_document_deletes_its_reviews(session):
    svc.ingest_findings(session, example_meta(), example_findings())
    session.delete(session.scalars(select(Document)).one())
    session.query(FindingRow).delete()
    session.commit()
    assert _runs(session) == []


def test_the_proposer_is_kept_in_the_structure():
    meta = example_meta() | {"proposer": "Theo đề nghị của Giám đốc Sở Xây dựng"}
    assert svc.document_meta(meta)["structure"]["proposer"] == meta["proposer"]
    # a structure given without it gets it from the top level
    given = {"source": "a.txt", "structure": {"bases": []}, "proposer": meta["proposer"]}
    assert svc.document_meta(given)["structure"]["proposer"] == meta["proposer"]
    assert "proposer" not in svc.document_meta(example_meta())["structure"]


# --- migration 0003 on an existing store ----------------------------------------------------


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (no schema at all): a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    with request.getfixturevalue("new_pg_database")("thpl_mig") as url:
        yield url


def test_migration_0003_backfills_the_reviews_the_store_kept(empty_url):
    engine = make_engine(empty_url)
    upgrade(engine, "0002")
    t = dt.datetime(2025, 3, 1, 2, 30, 0, 123456)
    with session_factory(engine)() as s:
        run = Run(started_at=t, as_of=dt.date(2025, 9, 1), params={"kb_version": "kb-2025-08"})
        s.add(run)
        s.flush()
        once = Document(key="1/2025/QĐ-UBND", source="a.pdf", created_at=t, updated_at=t,
                        content_hash="h1")
        twice = Document(key="2/2025/QĐ-UBND", source="b.pdf", created_at=t,
                         updated_at=t + dt.timedelta(days=200), last_run_id=run.id,
                         content_hash="h2")
        s.add_all([once, twice])
        s.commit()
        ids = (once.id, twice.id, run.id)
    upgrade(engine)
    assert current_revision(engine) == "0003"
    once_id, twice_id, run_id = ids
    with session_factory(engine)() as s:
        got = [
            (r.document_id, r.run_id, r.reviewed_at, r.as_of, r.kb_version, r.content_hash,
             r.new, r.closed)
            for r in _runs(s)
        ]
    assert got == [
        (once_id, None, t, None, None, "h1", None, None),
        (twice_id, None, t, None, None, None, None, None),
        (twice_id, run_id, t + dt.timedelta(days=200), dt.date(2025, 9, 1), "kb-2025-08",
         "h2", None, None),
    ]
    # merges after the migration add to the history
    with session_factory(engine)() as s:
        svc.ingest_findings(s, {"source": "a.pdf", "number": "1/2025/QĐ-UBND"}, [])
        assert [r.document_id for r in _runs(s)] == [once_id, twice_id, twice_id, once_id]
    engine.dispose()
