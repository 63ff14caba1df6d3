"""Generate the report files from a filled store, open them (python-docx, openpyxl) and compare
every count with plain SQL on the store."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import pytest
from report_fixtures import ANNUAL_2024, ANNUAL_2025, KB_FACTS, Oracle, nz

from thpl_nlp.reports.data import SqlReportSource
from thpl_nlp.reports.docx_report import EMPTY_TEXT
from thpl_nlp.reports.periodic import write_period_report
from thpl_nlp.reports.periods import annual


@pytest.fixture(scope="module")
def generated(store, tmp_path_factory):
    from report_fixtures import FakeKB

    out = tmp_path_factory.mktemp("out")
    data, written = write_period_report(
        annual(2025), out, source=SqlReportSource(store), kb=FakeKB(), when=dt.date(2025, 12, 20)
    )
    return data, {w.kind: w.path for w in written}


def docx_tables(path) -> list[list[list[str]]]:
    from docx import Document

    return [[[c.text.strip() for c in row.cells] for row in t.rows] for t in Document(path).tables]


def docx_text(path) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(path).paragraphs)


def find_table(tables, *headers):
    hits = [t for t in tables if all(h in t[0] for h in headers)]
    assert len(hits) == 1, f"expected one table with {headers}, found {len(hits)}"
    return hits[0]


def body_rows(table):
    """Data rows (STT is a number) and the total row (second cell 'Tổng cộng')."""
    rows = [r for r in table[1:] if r[0].isdigit()]
    total = next((r for r in table[1:] if len(r) > 1 and r[1] == "Tổng cộng"), None)
    return rows, total


def xlsx_rows(path, sheet):
    from openpyxl import load_workbook

    ws = load_workbook(path)[sheet]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    return rows[0], [r for r in rows[1:] if isinstance(r[0], int)], ws


def test_docx_issuer_and_type_tables(generated, store):
    _, files = generated
    o = Oracle(store, ANNUAL_2025)
    tables = docx_tables(files["report"])
    rows, total = body_rows(find_table(tables, "Cơ quan ban hành", "Số văn bản đã kiểm tra"))
    got = {r[1]: {"checked": int(r[2]), "reviewed": int(r[3])} for r in rows}
    assert got == o.by_issuer()
    assert int(total[2]) == o.docs_checked and int(total[3]) == o.docs_reviewed
    s = o.summary()
    assert int(total[5]) == s["docs_unlawful"]  # one issuer group per document
    rows, total = body_rows(find_table(tables, "Loại văn bản", "Số văn bản đã rà soát"))
    assert {r[1]: {"checked": int(r[2]), "reviewed": int(r[3])} for r in rows} == o.by_type()
    assert int(total[4]) == s["docs_with_findings"]


def test_docx_findings_tables(generated, store):
    _, files = generated
    o = Oracle(store, ANNUAL_2025)
    tables = docx_tables(files["report"])
    rows, total = body_rows(find_table(tables, "Nhóm vấn đề", "Mức độ cao"))
    got = {r[1]: {"high": int(r[2]), "medium": int(r[3]), "low": int(r[4])} for r in rows}
    assert nz(got) == o.by_category() and len(got) == 9
    assert all(int(r[5]) == int(r[2]) + int(r[3]) + int(r[4]) for r in rows)
    assert int(total[5]) == o.summary()["findings_detected"]
    status_t, decision_t = [
        t
        for t in tables
        if t[0][1:] == ["Tình trạng", "Số vấn đề", "Số văn bản"]
        or t[0][1:] == ["Quyết định", "Số vấn đề", "Số văn bản"]
    ]
    rows, total = body_rows(status_t)
    assert nz({r[1]: (int(r[2]), int(r[3])) for r in rows}) == o.by_status()
    assert int(total[2]) == len(o.statuses())
    assert int(total[3]) == len({r.document_id for r in o.statuses()})
    rows, total = body_rows(decision_t)
    assert nz({r[1]: (int(r[2]), int(r[3])) for r in rows}) == o.by_decision()
    assert int(total[2]) == len(o.decisions())
    rows, total = body_rows(find_table(tables, "Hình thức xử lý"))
    assert nz({r[1]: (int(r[2]), int(r[3])) for r in rows}) == o.by_action()
    assert len(rows) == 9  # every form of handling, zero or not
    assert int(total[2]) == o.summary()["docs_proposed"]


def test_docx_comparison_and_sentences(generated, store):
    data, files = generated
    cur, prev = Oracle(store, ANNUAL_2025).summary(), Oracle(store, ANNUAL_2024).summary()
    rows, _ = body_rows(find_table(docx_tables(files["report"]), "Chỉ tiêu", "Kỳ trước"))
    by_label = {r[1]: (int(r[2]), int(r[3])) for r in rows}
    from thpl_nlp.reports.data import SUMMARY_LABELS

    for key, label in SUMMARY_LABELS.items():
        if key in cur:
            assert by_label[label] == (cur[key], prev[key]), key
    text = docx_text(files["report"])
    m = re.search(r"đã kiểm tra (\d+) văn bản và rà soát (\d+) văn bản", text)
    assert m and (int(m[1]), int(m[2])) == (cur["docs_checked"], cur["docs_reviewed"])
    m = re.search(
        r"phát hiện (\d+) vấn đề cần xem xét tại (\d+) văn bản; trong đó (\d+) vấn đề "
        r"đã được xác nhận .* tại (\d+) văn bản, (\d+) vấn đề không",
        text,
    )
    assert m and tuple(map(int, m.groups())) == (
        cur["findings_detected"],
        cur["docs_with_findings"],
        cur["findings_accepted"],
        cur["docs_unlawful"],
        cur["findings_dismissed"],
    )
    m = re.search(
        r"có (\d+) quyết định xử lý .* kiến nghị xử lý (\d+) văn bản .* trong đó "
        r"(\d+) văn bản đã được xử lý xong",
        text,
    )
    assert m and tuple(map(int, m.groups())) == (
        cur["decisions"],
        cur["docs_proposed"],
        cur["docs_resolved"],
    )
    assert "từ ngày 15/12/2024 đến ngày 14/12/2025" in text
    assert "ngày 20 tháng 12 năm 2025" in text


def test_docx_appendices(generated, store, kb):
    data, files = generated
    o = Oracle(store, ANNUAL_2025)
    tables = docx_tables(files["report"])
    m04 = find_table(
        tables,
        "Kiến nghị hình thức xử lý văn bản",
        "Nội dung kiến nghị xử lý/Lý do kiến nghị",
        "Thời hạn phải xử lý",
    )
    docs = {r.document_id for r in o.decisions() if r.status in ("action_proposed", "resolved")}
    rows, _ = body_rows(m04)
    assert len(rows) == len(docs)
    text = docx_text(files["report"])
    assert f"Tổng số: {len(docs)} văn bản" in text
    exp = find_table(tables, "Căn cứ ban hành hết hiệu lực", "Ngày hết hiệu lực")
    pairs = o.expired_bases(kb, dt.date(2024, 12, 15), dt.date(2025, 12, 14))
    rows, _ = body_rows(exp)
    assert len(rows) == len(pairs)
    got = {(r[1].split(";")[0], n) for r in rows for n in KB_FACTS if f"số {n}" in r[3]}
    assert got == pairs and len(got) == len(rows)
    assert f"Tổng số: {len({d for d, _ in pairs})} văn bản ({len(pairs)} căn cứ)" in text


def test_docx_has_charts_and_administrative_header(generated):
    _, files = generated
    with zipfile.ZipFile(files["report"]) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        xml = z.read("word/document.xml").decode("utf-8")
    assert len(media) == 4
    assert "{{" not in xml and "{%" not in xml  # every tag rendered
    text = docx_text(files["report"])
    tables = docx_tables(files["report"])
    header = tables[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[0][1]
    assert "Độc lập - Tự do - Hạnh phúc" in header[0][1]
    assert "SỞ TƯ PHÁP" in header[0][0] and header[1][0].startswith("Số:")
    assert header[1][0].endswith("/BC-STP")
    assert "BÁO CÁO" in text
    assert "Kết quả kiểm tra, rà soát văn bản quy phạm pháp luật năm 2025" in text
    assert any("Nơi nhận:" in c for row in tables[-3] for c in row) or "Nơi nhận:" in "".join(
        c for t in tables for row in t for c in row
    )


def test_docx_page_setup_follows_decree_30(generated):
    from docx import Document
    from docx.shared import Mm

    doc = Document(generated[1]["report"])
    first = doc.sections[0]
    assert abs(first.page_width - Mm(210)) < Mm(1) and abs(first.page_height - Mm(297)) < Mm(1)
    tol = Mm(0.1)  # Word stores twentieths of a point: 15 mm is 850 twips

    def within(v, lo, hi):
        return Mm(lo) - tol <= v <= Mm(hi) + tol

    assert within(first.top_margin, 20, 25) and within(first.bottom_margin, 20, 25)
    assert within(first.left_margin, 30, 35) and within(first.right_margin, 15, 20)
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    assert doc.sections[-1].page_width > doc.sections[-1].page_height  # landscape appendices


def test_xlsx_annex_equals_sql(generated, store):
    _, files = generated
    o = Oracle(store, ANNUAL_2025)
    cur, prev = o.summary(), Oracle(store, ANNUAL_2024).summary()
    head, rows, ws = xlsx_rows(files["annex"], "B1 Cơ quan ban hành")
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:G{len(rows) + 1}"
    assert {r[1]: {"checked": r[2], "reviewed": r[3]} for r in rows} == o.by_issuer()
    _, rows, _ = xlsx_rows(files["annex"], "B2 Loại văn bản")
    assert {r[1]: {"checked": r[2], "reviewed": r[3]} for r in rows} == o.by_type()
    _, rows, _ = xlsx_rows(files["annex"], "B3 Nhóm vấn đề")
    assert nz({r[1]: {"high": r[2], "medium": r[3], "low": r[4]} for r in rows}) == (
        o.by_category()
    )
    _, rows, _ = xlsx_rows(files["annex"], "B4 Tình trạng cuối kỳ")
    assert nz({r[1]: (r[2], r[3]) for r in rows}) == o.by_status()
    _, rows, _ = xlsx_rows(files["annex"], "B5 Quyết định trong kỳ")
    assert nz({r[1]: (r[2], r[3]) for r in rows}) == o.by_decision()
    _, rows, _ = xlsx_rows(files["annex"], "B6 Hình thức xử lý")
    assert nz({r[1]: (r[2], r[3]) for r in rows}) == o.by_action()
    _, rows, _ = xlsx_rows(files["annex"], "Tổng hợp")
    from thpl_nlp.reports.data import SUMMARY_LABELS

    got = {r[1]: (r[2], r[3]) for r in rows}
    for key, label in SUMMARY_LABELS.items():
        if key in cur:
            assert got[label] == (cur[key], prev[key])
    _, rows, _ = xlsx_rows(files["annex"], "Chi tiết vấn đề")
    assert len(rows) == cur["findings_detected"]
    _, rows, _ = xlsx_rows(files["annex"], "VB kiểm tra, rà soát")
    assert len(rows) == cur["docs_checked"] + cur["docs_reviewed"]
    docs = {r.document_id for r in o.decisions() if r.status in ("action_proposed", "resolved")}
    _, rows, _ = xlsx_rows(files["annex"], "PL I Mẫu 04")
    assert len(rows) == len(docs)


def test_every_sheet_has_header_filter_and_widths(generated):
    from openpyxl import load_workbook

    wb = load_workbook(generated[1]["annex"])
    assert len(wb.sheetnames) == 12
    for ws in wb:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert all(ws.column_dimensions[c].width > 5 for c in "AB"), ws.title
        assert ws["A1"].font.bold


def test_empty_period_report_says_so(empty_store, tmp_path):
    data, written = write_period_report(
        annual(2025), tmp_path, source=SqlReportSource(empty_store), kb=False
    )
    files = {w.kind: w.path for w in written}
    text = docx_text(files["report"])
    assert EMPTY_TEXT in text
    assert "Biểu 1." not in text  # no empty tables
    with zipfile.ZipFile(files["report"]) as z:
        assert not [n for n in z.namelist() if n.startswith("word/media/")]
    _, rows, _ = xlsx_rows(files["annex"], "Tổng hợp")
    assert all(r[2] == 0 for r in rows)
    _, rows, _ = xlsx_rows(files["annex"], "B1 Cơ quan ban hành")
    assert rows == []
