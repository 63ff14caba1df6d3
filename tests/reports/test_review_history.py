"""Documents checked and reviewed again, counted from every review of a document
(``document_runs``), not from its latest one — on SQLite and, when set, PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from report_fixtures import ANNUAL_2024, ANNUAL_2025, Oracle, fill_store
from sqlalchemy import text
from sqlalchemy.orm import Session

from thpl_nlp.models import Finding
from thpl_nlp.reports.data import SqlReportSource, build_report_data
from thpl_nlp.reports.periods import annual, half_year

ANNUAL_2026 = (dt.datetime(2025, 12, 14, 17), dt.datetime(2026, 12, 14, 17))
H1_2025 = (dt.datetime(2024, 12, 14, 17), dt.datetime(2025, 6, 14, 17))
H2_2025 = (dt.datetime(2025, 6, 14, 17), dt.datetime(2025, 12, 14, 17))

# (number, issuer, document type, the UTC instants its reviews were merged at)
HISTORY = [
    # stored in 2024, reviewed again in 2025 (period A) and again in 2026 (period B)
    ("5/2024/QĐ-UBND", "Ủy ban nhân dân thành phố Đà Nẵng", "Quyết định",
     [dt.datetime(2024, 8, 1, 2), dt.datetime(2025, 5, 10, 3), dt.datetime(2026, 3, 1, 4)]),
    # first checked in 2025 (twice in that year), reviewed again in 2026
    ("7/2025/NQ-HĐND", "Hội đồng nhân dân xã Hòa Vang", "Nghị quyết",
     [dt.datetime(2025, 2, 1, 2), dt.datetime(2025, 11, 1, 2), dt.datetime(2026, 4, 1, 2)]),
    # stored in 2024, never reviewed again
    ("9/2024/QĐ-UBND", "Ủy ban nhân dân phường Hải Châu", "Quyết định",
     [dt.datetime(2024, 9, 1, 2)]),
]


def _finding(number: str, eid: str) -> Finding:
    return Finding(
        document=f"vb/{number.replace('/', '-')}.txt", number=number, eid=eid,
        rule="effect.too_early", category="effective_date", severity="medium",
        confidence=0.8, message=f"Tại {eid}: thời điểm có hiệu lực sớm hơn quy định.",
        action="sua_doi", text_hash=f"t-{eid}",
    )


@pytest.fixture()
def reviewed_store(any_store, monkeypatch):
    """The documents of HISTORY merged by the queue's service at their review instants."""
    from thpl_nlp.queue import service

    clock = {"now": None}
    monkeypatch.setattr(service, "utcnow", lambda: clock["now"])
    merges = sorted((at, doc) for doc in HISTORY for at in doc[3])
    with Session(any_store) as s:
        for at, (number, issuer, dtype, _) in merges:
            clock["now"] = at
            run = service.start_run(s, as_of=at.date(), kb_version=f"kb-{at:%Y%m%d}")
            meta = {"source": f"vb/{number.replace('/', '-')}.txt", "number": number,
                    "issuer": issuer, "doc_type": dtype, "text": f"{dtype} {number}"}
            service.ingest_findings(s, meta, [_finding(number, f"art_{at.month}")], run)
    return any_store


def _numbers(docs) -> set[str]:
    return {d.number for d in docs}


def test_a_past_period_still_counts_a_review_made_before_a_later_one(reviewed_store):
    """Period A's report, generated after the re-review of period B, counts A's re-review
    (with ``documents.updated_at`` it would show in B only)."""
    src = SqlReportSource(reviewed_store)
    a = build_report_data(src, annual(2025))
    assert _numbers(a.documents_reviewed) == {"5/2024/QĐ-UBND"}
    assert _numbers(a.documents_checked) == {"7/2025/NQ-HĐND"}  # twice in A: checked, once
    b = build_report_data(src, annual(2026))
    assert _numbers(b.documents_reviewed) == {"5/2024/QĐ-UBND", "7/2025/NQ-HĐND"}
    assert b.documents_checked == []
    assert b.previous_summary["docs_reviewed"] == 1  # the comparison with A agrees
    first = build_report_data(src, annual(2024))
    assert _numbers(first.documents_checked) == {"5/2024/QĐ-UBND", "9/2024/QĐ-UBND"}
    assert first.documents_reviewed == []
    # half-years: the 2025 re-review in H1; the second 2025 review of a document first
    # checked in H1 is a re-review in H2
    assert _numbers(build_report_data(src, half_year(2025, 1)).documents_reviewed) == {
        "5/2024/QĐ-UBND"
    }
    assert _numbers(build_report_data(src, half_year(2025, 2)).documents_reviewed) == {
        "7/2025/NQ-HĐND"
    }


@pytest.mark.parametrize(
    "period,bounds",
    [
        (annual(2024), ANNUAL_2024),
        (annual(2025), ANNUAL_2025),
        (annual(2026), ANNUAL_2026),
        (half_year(2025, 1), H1_2025),
        (half_year(2025, 2), H2_2025),
    ],
    ids=["2024", "2025", "2026", "2025-H1", "2025-H2"],
)
def test_document_counts_equal_sql_on_document_runs(reviewed_store, period, bounds):
    data = build_report_data(SqlReportSource(reviewed_store), period)
    o = Oracle(reviewed_store, bounds)
    assert (data.summary["docs_checked"], data.summary["docs_reviewed"]) == (
        o.docs_checked, o.docs_reviewed
    )
    by_issuer = {r.label: {"checked": r.checked, "reviewed": r.reviewed} for r in data.by_issuer}
    assert by_issuer == o.by_issuer()
    by_type = {r.doc_type: {"checked": r.checked, "reviewed": r.reviewed} for r in data.by_type}
    assert by_type == o.by_type()
    # the SQL reads every review: in 2025 the latest review alone would give none
    if period == annual(2025):
        assert o.docs_reviewed == 1
        with reviewed_store.connect() as c:
            latest_only = c.execute(
                text("SELECT count(*) FROM documents WHERE created_at < :s "
                     "AND updated_at >= :s AND updated_at < :e"),
                o.p,
            ).scalar()
        assert latest_only == 0


def test_a_store_migrated_to_0003_keeps_its_numbers(tmp_path, store, kb):
    """An existing store (revision 0002, no review history) upgraded to 0003: the backfilled
    history gives the reports the numbers they had, which equal the SQL on document_runs."""
    from thpl_nlp.queue.store import make_engine, upgrade

    old = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(old, "0002")
    fill_store(old, runs=False)
    with old.connect() as c:  # the numbers of the old definition (created_at / updated_at)
        before = [
            c.execute(
                text("SELECT count(*) FROM documents WHERE created_at < :s "
                     "AND updated_at >= :s AND updated_at < :e"),
                Oracle(old, bounds).p,
            ).scalar()
            for bounds in (ANNUAL_2024, ANNUAL_2025)
        ]
    upgrade(old)
    for period, bounds, n_reviewed in zip(
        (annual(2024), annual(2025)), (ANNUAL_2024, ANNUAL_2025), before, strict=True
    ):
        got = build_report_data(SqlReportSource(old), period, kb).summary
        want = build_report_data(SqlReportSource(store), period, kb).summary
        assert got == want
        assert got["docs_reviewed"] == n_reviewed == Oracle(old, bounds).docs_reviewed
        assert {k: got[k] for k in Oracle(old, bounds).summary()} == Oracle(old, bounds).summary()
    assert before[1] > 0  # the fixture has re-reviews in 2025
    old.dispose()


def test_the_annex_lists_the_review_days_of_the_period(reviewed_store, tmp_path):
    from openpyxl import load_workbook

    from thpl_nlp.reports.xlsx_annex import write_report_xlsx

    def sheet(period):
        path = write_report_xlsx(
            build_report_data(SqlReportSource(reviewed_store), period), tmp_path / "pl.xlsx"
        )
        ws = load_workbook(path)["VB kiểm tra, rà soát"]
        head, *rows = [[c.value for c in r] for r in ws.iter_rows()]
        col = {h: i for i, h in enumerate(head)}
        return {
            r[col["Số, ký hiệu"]]: (r[col["Hình thức"]], r[col["Ngày kiểm tra, rà soát trong kỳ"]])
            for r in rows
            if isinstance(r[0], int)
        }

    # local days (UTC+7) of the reviews inside each period
    assert sheet(annual(2025)) == {
        "7/2025/NQ-HĐND": ("Kiểm tra", "01/02/2025; 01/11/2025"),
        "5/2024/QĐ-UBND": ("Rà soát", "10/05/2025"),
    }
    assert sheet(annual(2026)) == {
        "5/2024/QĐ-UBND": ("Rà soát", "01/03/2026"),
        "7/2025/NQ-HĐND": ("Rà soát", "01/04/2026"),
    }
