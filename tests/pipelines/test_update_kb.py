"""update_kb: a law's status changed by legal staff re-reviews only the documents citing it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from pipelines.review_documents import review_documents
from pipelines.update_kb import update_kb
from thpl_nlp import workflow

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 26)
LAW = "50/2014/QH13"  # Luật Xây dựng, cited by the worked example only


@pytest.fixture
def reviewed(prefect_harness, fresh_home, examples, tmp_path, monkeypatch):
    from thpl_nlp.kb.build import build
    from thpl_nlp.settings import get_settings

    monkeypatch.setenv("THPL_CORPUS", "")  # the seed alone: only the override changes anything
    get_settings.cache_clear()

    build(use_corpus=False)  # the project's seed: works without ../shared/corpus
    workflow.open_kb.cache_clear()
    inbox = tmp_path / "docs"
    inbox.mkdir()
    shutil.copy(examples / "qd-mau-12-2021.txt", inbox)
    for f in sorted((ROOT / "corpus" / "samples").glob("*.pdf")):
        shutil.copy(f, inbox)
    first = review_documents([str(inbox)], AS_OF)
    assert not first.failed
    return inbox


def _basis_expired(cited: str) -> list[str]:
    from thpl_nlp.queue.store import FindingRow

    with workflow._queue_sessions()() as s:
        q = select(FindingRow.eid).where(
            FindingRow.category == "basis_expired", FindingRow.cited == cited
        )
        return list(s.scalars(q))


def test_status_override_rereviews_only_citing_documents(reviewed):
    from thpl_nlp.queue.service import set_kb_override
    from thpl_nlp.queue.store import User

    kb = workflow.open_kb()
    citing = {c["document"] for c in kb.cited_by(LAW)}
    assert citing == {"12/2021/QĐ-UBND"}
    assert _basis_expired(LAW) == []

    with workflow._queue_sessions()() as s:
        admin = User(name="phapche", role="admin", password_hash="x")
        s.add(admin)
        s.commit()
        set_kb_override(
            s, admin, LAW, status="expired", not_in_force_from="2026-01-01",
            note="Thử nghiệm: giả định luật hết hiệu lực từ 01/01/2026",
        )

    summary = update_kb(as_of=AS_OF)
    assert summary.changed == [LAW]
    assert set(summary.affected) == citing
    assert summary.review is not None
    assert summary.review.documents_ok == [str(reviewed / "qd-mau-12-2021.txt")]
    assert _basis_expired(LAW) == ["basis_3"]
