"""The review_documents flow: one bad file fails alone; unchanged documents add nothing."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from pipelines.review_documents import review_documents
from thpl_nlp import workflow

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"
AS_OF = dt.date(2026, 11, 26)


def _queue_rows() -> list[tuple[str, str]]:
    from sqlalchemy import select

    from thpl_nlp.queue.store import FindingRow

    with workflow._queue_sessions()() as s:
        return sorted(s.execute(select(FindingRow.fingerprint, FindingRow.status)).all())


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    d = tmp_path / "inbox"
    d.mkdir()
    for f in sorted(SAMPLES.glob("*.pdf")):
        shutil.copy(f, d / f.name)
    (d / "zz-hong.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")  # truncated
    return d


def test_corrupt_file_fails_alone_and_is_named(prefect_harness, fresh_home, inbox):
    summary = review_documents([str(inbox)], AS_OF)
    assert [s for s, _ in summary.failed] == [str(inbox / "zz-hong.pdf")]
    assert "E103" in summary.failed[0][1]
    assert len(summary.documents_ok) == 3
    assert summary.findings["new"] > 0
    assert any("zz-hong.pdf" in line for line in summary.lines())


def test_unchanged_rerun_adds_nothing_and_uses_the_cache(prefect_harness, fresh_home, inbox):
    first = review_documents([str(inbox)], AS_OF)
    rows = _queue_rows()
    second = review_documents([str(inbox)], AS_OF)
    assert second.findings["new"] == 0 and second.findings["reopened"] == 0
    assert second.findings["unchanged"] == first.findings["new"]
    assert second.documents_cached == len(second.documents_ok) == 3
    assert _queue_rows() == rows
