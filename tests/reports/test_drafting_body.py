"""The drafting body of Mẫu số 04, end to end: a sample document read, parsed and reviewed, its
result merged into a throw-away store the way the review flow does, the report data read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from thpl_nlp.reports.data import SqlReportSource, build_report_data, drafting_body
from thpl_nlp.reports.html import report_html
from thpl_nlp.reports.periods import annual

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"
# sample → what its preamble says and the drafting body the report must show
EXPECTED = {
    "qd-ubnd-hoa-son-21-2024.docx": (
        "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 210/TTr-STC",
        "Sở Tài chính",
    ),
    "nq-hdnd-hoa-son-15-2024.pdf": (
        "Xét Tờ trình số 88/TTr-UBND ngày 14 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh",
        "Ủy ban nhân dân tỉnh",
    ),
}


def _current_annual():
    today = dt.date.today()
    return annual(today.year + (1 if today >= dt.date(today.year, 12, 15) else 0))


def test_reviewed_sample_shows_its_drafting_body_in_the_report(empty_store):
    from thpl_nlp import workflow
    from thpl_nlp.queue import service
    from thpl_nlp.queue.store import Document, FindingRow, User

    with Session(empty_store) as s:
        user = User(name="tran.van.b", role="reviewer", password_hash="x")
        s.add(user)
        s.commit()
        run = service.start_run(s, as_of=dt.date.today())
        for name in EXPECTED:
            outcome = workflow.review_file(
                str(SAMPLES / name), as_of=dt.date.today(), use_kb=False, use_classifier=False
            )
            assert outcome.findings, f"{name}: the sample has planted problems"
            service.ingest_findings(s, outcome.meta, outcome.finding_objects(), run)
        stored = {d.number: d.structure.get("proposer") for d in s.scalars(select(Document))}
        assert stored["21/2024/QĐ-UBND"].startswith(EXPECTED["qd-ubnd-hoa-son-21-2024.docx"][0])
        assert stored["15/2024/NQ-HĐND"].startswith(EXPECTED["nq-hdnd-hoa-son-15-2024.pdf"][0])
        # a specialist proposes handling one finding of each document (Mẫu số 04 lists them)
        for number in stored:
            f = s.scalars(select(FindingRow).where(FindingRow.number == number)).first()
            service.set_status(s, f.id, user, "confirmed", f.version)
            service.propose_action(
                s, f.id, user, "sua_doi", "Trái Luật Ban hành văn bản quy phạm pháp luật",
                f.version,
            )
    data = build_report_data(SqlReportSource(empty_store), _current_annual())
    got = {p.document.number: p.drafting_body for p in data.proposals}
    assert got == {"21/2024/QĐ-UBND": "Sở Tài chính", "15/2024/NQ-HĐND": "Ủy ban nhân dân tỉnh"}
    html = report_html(data, with_charts=False)
    assert "<td>Sở Tài chính</td>" in html and "<td>Ủy ban nhân dân tỉnh</td>" in html


def test_drafting_body_forms():
    cases = {
        "Theo đề nghị của Giám đốc Sở Văn hóa, Thể thao và Du lịch tại Tờ trình số "
        "45/TTr-SVHTTDL ngày 20 tháng 02 năm 2024": "Sở Văn hóa, Thể thao và Du lịch",
        "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.": "Văn phòng Ủy ban nhân dân tỉnh",
        "Theo đề nghị của Trưởng phòng Tư pháp huyện;": "Phòng Tư pháp huyện",
        "theo đề nghị của Sở Tư pháp": "Sở Tư pháp",
        "Xét đề nghị của Chủ tịch Ủy ban nhân dân xã tại Tờ trình số 5/TTr-UBND":
            "Ủy ban nhân dân xã",
        "": "",
        None: "",
    }
    assert {k: drafting_body(k) for k in cases} == cases
