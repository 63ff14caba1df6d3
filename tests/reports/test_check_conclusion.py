"""The per-document check conclusion against the store."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from thpl_nlp.errors import ThplError
from thpl_nlp.reports.check_conclusion import build_conclusion_data, write_conclusion_docx
from thpl_nlp.reports.config import load_config
from thpl_nlp.reports.data import SqlReportSource


def _doc_with_most_accepted(engine) -> tuple[int, str, str]:
    with engine.connect() as c:
        return tuple(
            c.execute(
                text(
                    "SELECT d.id, d.number, d.source FROM documents d JOIN findings f "
                    "ON f.document_id = d.id "
                    "WHERE f.status IN ('confirmed','action_proposed','resolved')"
                    " AND d.number IS NOT NULL GROUP BY d.id ORDER BY count(*) DESC, d.id LIMIT 1"
                )
            ).one()
        )


def _statuses(engine, doc_id: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with engine.connect() as c:
        for status, message in c.execute(
            text("SELECT status, message FROM findings WHERE document_id = :d ORDER BY id"),
            {"d": doc_id},
        ):
            out.setdefault(status, []).append(message)
    return out


def test_conclusion_states_accepted_and_pending_findings(store, kb, tmp_path):
    from docx import Document

    doc_id, number, source = _doc_with_most_accepted(store)
    st = _statuses(store, doc_id)
    data = build_conclusion_data(SqlReportSource(store), number, kb)
    accepted = st.get("confirmed", []) + st.get("action_proposed", []) + st.get("resolved", [])
    pending = st.get("new", []) + st.get("in_review", [])
    assert len(data.unlawful) == len(accepted) and len(data.pending) == len(pending)
    out = write_conclusion_docx(data, tmp_path / "kl.docx", load_config(), dt.date(2025, 12, 20))
    body = "\n".join(p.text for p in Document(out).paragraphs)
    assert "KẾT LUẬN KIỂM TRA VĂN BẢN" in body
    assert f"số {number}" in body
    for m in accepted + pending:
        assert m in body
    for m in st.get("dismissed", []):
        if m not in accepted + pending:
            assert m not in body  # dismissed findings are not stated
    assert "30 ngày kể từ ngày nhận được Kết luận này" in body
    assert "điểm d khoản 2 Điều 18" in body or "đính chính" in body
    assert "{{" not in body
    # the higher-level documents cited are listed as bases for checking
    for b in data.bases:
        assert f"số {b.number}" in body


def test_conclusion_found_by_source_path_and_lowercase_symbol(store, kb):
    doc_id, number, source = _doc_with_most_accepted(store)
    src = SqlReportSource(store)
    assert build_conclusion_data(src, source, kb).document.id == doc_id
    sloppy = number.replace("Đ", "D")
    assert build_conclusion_data(src, sloppy, kb).document.id == doc_id
    assert build_conclusion_data(src, "./" + source, kb).document.id == doc_id


def test_unknown_document_is_a_vietnamese_error(store):
    with pytest.raises(ThplError) as err:
        build_conclusion_data(SqlReportSource(store), "999/2099/QĐ-UBND")
    assert err.value.code == "E802" and "Không tìm thấy văn bản" in str(err.value)
