"""The annual list of documents no longer in force (Mẫu số 01, 02)."""

from __future__ import annotations

import datetime as dt

from docx import Document
from openpyxl import load_workbook

from thpl_nlp.reports.data import SqlReportSource
from thpl_nlp.reports.expired_list import build_expired_list
from thpl_nlp.reports.periodic import write_expired


def test_expired_list_from_kb_facts(store, kb, tmp_path):
    data = build_expired_list(SqlReportSource(store), 2025, kb)
    assert [(e.document.number, e.date) for e in data.whole] == [
        ("15/2021/QĐ-UBND", dt.date(2025, 5, 10))
    ]
    assert [(e.document.number, e.date) for e in data.partial] == [
        ("12/2020/NQ-HĐND", dt.date(2025, 7, 1))
    ]
    assert "22/2025/QĐ-UBND" in data.whole[0].reason
    assert build_expired_list(SqlReportSource(store), 2024, kb).total == 0

    written = write_expired(
        2025, tmp_path, source=SqlReportSource(store), kb=kb, when=dt.date(2026, 1, 5)
    )
    files = {w.kind: w.path for w in written}
    doc = Document(files["expired_list"])
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "DANH MỤC" in text and "toàn bộ năm 2025" in text and "một phần năm 2025" in text
    assert "Tổng số: 1 văn bản" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any("15/2021/QĐ-UBND" in c for c in cells)
    assert any("12/2020/NQ-HĐND" in c for c in cells)
    assert "ngày 05 tháng 01 năm 2026" in text or any(
        "ngày 05 tháng 01 năm 2026" in c for c in cells
    )
    wb = load_workbook(files["expired_annex"])
    assert wb.sheetnames == ["Mẫu 01 toàn bộ", "Mẫu 02 một phần"]
    whole = list(wb["Mẫu 01 toàn bộ"].iter_rows(min_row=2, values_only=True))
    assert len(whole) == 1 and whole[0][5].date() == dt.date(2025, 5, 10)
    assert wb["Mẫu 01 toàn bộ"]["B1"].value == "Tên loại văn bản; cơ quan ban hành"


def test_no_kb_no_claims(store):
    assert build_expired_list(SqlReportSource(store), 2025, None).total == 0
