"""Scale-out: document tasks on a Dask LocalCluster give the same findings as threads."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from pipelines.review_documents import run_review
from thpl_nlp import workflow

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 26)


def _fingerprints() -> list[str]:
    from thpl_nlp.queue.store import FindingRow

    with workflow._queue_sessions()() as s:
        return sorted(s.scalars(select(FindingRow.fingerprint)))


@pytest.mark.slow
def test_two_dask_workers_match_the_threaded_run(prefect_harness, tmp_path, monkeypatch):
    from thpl_nlp.settings import get_settings

    inbox = tmp_path / "docs"
    inbox.mkdir()
    for f in sorted((ROOT / "corpus" / "samples").glob("*.pdf")):
        shutil.copy(f, inbox)
    results = {}
    for label, kw in (("threads", {}), ("dask", {"workers": 2})):
        monkeypatch.setenv("THPL_HOME", str(tmp_path / label))
        (tmp_path / label).mkdir()
        for fn in (get_settings, workflow._queue_sessions, workflow.open_kb,
                   workflow.open_classifier):
            fn.cache_clear()
        summary = run_review([str(inbox)], AS_OF, **kw)
        assert not summary.failed and len(summary.documents_ok) == 3
        results[label] = _fingerprints()
    assert results["dask"] == results["threads"] != []
