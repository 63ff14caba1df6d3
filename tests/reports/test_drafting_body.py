"""The drafting body of Mẫu số 04, end to end: a sample document read, parsed and reviewed, its
result merged into a throw-away store the way the review flow does, the report data read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
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


# Provincial documents of the real corpus and the drafting body their preamble names (read).
REAL = {
    "00175111": "Sở Khoa học và Công nghệ",  # "… Giám đốc Sở … tại Tờ trình số 270/TTr-SKHCN …"
    "00176020": "Sở Nông nghiệp & PTNT Khánh Hoà",  # "(Tờ trình số 407/TT / SNN-TL …)"
    "00174678": "Ban quản lý Khu kinh tế Vân Phong, tỉnh Khánh Hoà",  # "Trưởng ban Ban quản lý"
    "00179939": "Sở Tài nguyên và Môi trường",  # "Xét Tờ trình số … của Giám đốc Sở …"
    "00191281": "Cục Thuế Thành phố Hà Nội",  # "Xét đề nghị tại Tờ trình … của …, Báo cáo …"
    "00194903": "UBND tỉnh Phú Thọ",  # "Sau khi xem xét Tờ trình … của … về việc …"
    "00198476": "Uỷ ban nhân dân tỉnh",  # "… tại Tờ trình … về đề nghị …; sau khi nghe …"
    "00200405": "Bộ Kế hoạch và Đầu tư và Uỷ ban nhân dân tỉnh Long An",  # two heads dropped
    "00208395": "Uỷ ban nhân dân tỉnh",  # "… của Uỷ ban nhân dân tỉnh về chính sách …"
    "00239022": "Văn phòng Uỷ ban Quốc gia về hợp tác kinh tế quốc tế",  # "Chánh Văn phòng"
    "00244495": "Sở Tài chính tỉnh Hải Dương",  # "của ông Giám đốc Sở …"
    "00254395": "Thanh tra tỉnh",  # "… của Chánh Thanh tra tỉnh, kèm theo …"
    "00267905": "Phòng Tổ chức - Cán bộ Cục Văn thư và Lưu trữ Nhà nước",  # "Trưởng phòng"
    "00195998": "",  # "Xét Báo cáo thẩm định … của … Phòng Tư pháp": the appraiser, not the drafter
}


def test_drafting_bodies_of_real_documents(corpus):
    from thpl_nlp.ingest import read
    from thpl_nlp.structure import parse_raw

    files = {p.stem: p for p in (corpus / "provincial").rglob("*.txt")}
    missing = sorted(set(REAL) - set(files))
    if missing:
        pytest.skip(f"corpus without {missing[:3]}")
    got = {k: drafting_body(parse_raw(read(str(files[k]))).proposer) for k in REAL}
    assert got == REAL
    # every preamble line of the provincial texts: no submission left in the body
    bodies = []
    for p in files.values():
        try:
            doc = parse_raw(read(str(p)))
        except Exception:  # noqa: BLE001 - unreadable texts are the ingest tests' concern
            continue
        if doc.proposer:
            bodies.append(drafting_body(doc.proposer))
    assert len(bodies) > 100 and sum(1 for b in bodies if b) > 0.9 * len(bodies)
    assert [b for b in bodies if "Tờ trình" in b or "TTr" in b or " ngày " in b] == []
