"""ReportData numbers against plain SQL on a filled store."""

import datetime as dt

from report_fixtures import ANNUAL_2024, ANNUAL_2025, Oracle, nz

from thpl_nlp.reports.data import (
    EventRecord,
    FindingRecord,
    MemorySource,
    SqlReportSource,
    build_report_data,
    status_at,
)
from thpl_nlp.reports.periods import annual, half_year


def test_summary_equals_sql(store, kb):
    data = build_report_data(SqlReportSource(store), annual(2025), kb)
    expected = Oracle(store, ANNUAL_2025).summary()
    assert {k: data.summary[k] for k in expected} == expected
    assert expected["docs_checked"] > 10 and expected["decisions"] > 10  # a real test
    prev = Oracle(store, ANNUAL_2024).summary()
    assert {k: data.previous_summary[k] for k in prev} == prev


def test_tables_equal_sql(store, kb):
    data = build_report_data(SqlReportSource(store), annual(2025), kb)
    o = Oracle(store, ANNUAL_2025)
    assert {r.label: {"checked": r.checked, "reviewed": r.reviewed} for r in data.by_issuer} == (
        o.by_issuer()
    )
    assert {r.doc_type: {"checked": r.checked, "reviewed": r.reviewed} for r in data.by_type} == (
        o.by_type()
    )
    cats = {r.label: {"high": r.high, "medium": r.medium, "low": r.low} for r in data.by_category}
    assert nz(cats) == o.by_category()
    assert nz({r.label: (r.count, r.documents) for r in data.by_status}) == o.by_status()
    assert nz({r.label: (r.count, r.documents) for r in data.decisions}) == o.by_decision()
    assert nz({r.label: (r.documents, r.count) for r in data.actions}) == o.by_action()
    # the fixed lists keep every row
    assert len(data.by_category) == 9 and len(data.by_status) == 6
    assert len(data.decisions) == 5 and len(data.actions) == 9


def test_proposals_are_the_documents_with_proposed_actions(store, kb):
    data = build_report_data(SqlReportSource(store), annual(2025), kb)
    o = Oracle(store, ANNUAL_2025)
    docs = {r.document_id for r in o.decisions() if r.status in ("action_proposed", "resolved")}
    assert {p.document.id for p in data.proposals} == docs
    for p in data.proposals:
        assert p.actions and p.grounds and len(p.grounds) == len(p.findings)
        assert p.deadline.startswith("30 ngày")


def test_expired_bases_equal_kb_facts(store, kb):
    data = build_report_data(SqlReportSource(store), annual(2025), kb)
    o = Oracle(store, ANNUAL_2025)
    expected = o.expired_bases(kb, dt.date(2024, 12, 15), dt.date(2025, 12, 14))
    assert {(r.document.number, r.basis) for r in data.expired_bases} == expected
    assert expected, "the fixture cites laws replaced in 2025"
    assert data.summary["docs_expired_bases"] == len({d for d, _ in expected})
    # without a KB, nothing is claimed
    assert build_report_data(SqlReportSource(store), annual(2025)).expired_bases == []


def test_half_years_add_up_to_the_year(store, kb):
    src = SqlReportSource(store)
    a = build_report_data(src, annual(2025), kb).summary
    h1 = build_report_data(src, half_year(2025, 1), kb).summary
    h2 = build_report_data(src, half_year(2025, 2), kb).summary
    for k in ("docs_checked", "findings_detected"):
        assert h1[k] + h2[k] == a[k]


def test_empty_period(store, empty_store):
    for engine, period in ((empty_store, annual(2025)), (store, annual(2020))):
        data = build_report_data(SqlReportSource(engine), period)
        assert data.empty
        assert all(v == 0 for k, v in data.summary.items())


def test_status_at_reads_the_audit_trail():
    f = FindingRecord(
        1,
        1,
        None,
        "art_1",
        "r",
        "form",
        "low",
        0.9,
        "m",
        "resolved",
        dt.datetime(2025, 1, 1),
        decided_at=dt.datetime(2025, 6, 1),
    )
    evs = [
        EventRecord(1, 1, dt.datetime(2025, 2, 1), "confirmed", "new"),
        EventRecord(2, 1, dt.datetime(2025, 6, 1), "resolved", "confirmed"),
    ]
    assert status_at(f, evs, dt.datetime(2025, 1, 15)) == "new"
    assert status_at(f, evs, dt.datetime(2025, 3, 1)) == "confirmed"
    assert status_at(f, evs, dt.datetime(2025, 7, 1)) == "resolved"
    # no audit trail: the row, if decided before the instant
    assert status_at(f, [], dt.datetime(2025, 7, 1)) == "resolved"
    assert status_at(f, [], dt.datetime(2025, 3, 1)) == "new"


def test_memory_source_matches_protocol():
    data = build_report_data(MemorySource(), half_year(2025, 1))
    assert data.empty and data.proposals == [] and data.comparison[0].delta_text == "0"
