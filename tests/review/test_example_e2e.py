"""End to end on the worked example: the five findings of examples/README.md, and not more of
the kinds the README rules out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from thpl_nlp.review.run import review_document

AS_OF = dt.date(2026, 11, 26)
EXAMPLE_TXT = Path(__file__).resolve().parents[2].parent / "shared/examples/qd-mau-12-2021.txt"


def _keys(findings):
    return {(f.eid, f.category) for f in findings}


def test_the_five_expected_findings(example_doc, kb):
    found = review_document(example_doc, as_of=AS_OF, kb=kb)
    expected = {
        ("att_1__art_3__para_1__point_c", "admin_procedure"),
        ("att_1__art_4", "conflict"),
        ("att_1__art_5", "competence"),
        ("basis_2", "basis_expired"),
        ("document", "competence"),
    }
    assert expected <= _keys(found)
    b2 = next(f for f in found if f.eid == "basis_2")
    assert b2.cited == "80/2015/QH13" and b2.replaced_by == ["64/2025/QH15"]
    assert "01/04/2025" in b2.message
    doc_level = next(f for f in found if f.eid == "document" and f.category == "competence")
    assert "Bắc Ninh" in doc_level.message and "202/2025/QH15" in doc_level.legal_ground
    conflict = next(f for f in found if f.category == "conflict")
    assert "20 ngày" in conflict.message and "62/2020/QH14" in conflict.message
    assert {e.source.split()[0] for e in conflict.evidence} >= {"12/2021/QĐ-UBND", "62/2020/QH14"}


def test_what_is_not_a_finding(example_doc, kb):
    found = review_document(example_doc, as_of=AS_OF, kb=kb)
    cats = {f.category for f in found}
    # effect 25/6/2021 is ten days after signing, as Luật 80/2015 Điều 151 required
    assert "effective_date" not in cats
    # every basis was in force on the issue date 15/6/2021
    assert "basis_not_in_force_at_issue" not in cats
    # only point c adds a dossier component; points a and b are in Điều 95 Luật Xây dựng
    assert not any(f.eid.endswith(("point_a", "point_b")) for f in found)
    assert "form" not in cats and "citation_invalid" not in cats


def test_point_in_time_reading_of_the_deadline(example_doc, kb):
    """Before 2021-01-01 Điều 102 said 30 days too: no conflict then."""
    before = review_document(example_doc, as_of=dt.date(2020, 12, 1), kb=kb)
    assert not any(f.category == "conflict" for f in before)
    after = review_document(example_doc, as_of=dt.date(2021, 6, 15), kb=kb)
    assert any(f.category == "conflict" and f.eid == "att_1__art_4" for f in after)


def test_at_issue_date_the_authority_and_bases_are_fine(example_doc, kb):
    found = review_document(example_doc, as_of=dt.date(2021, 6, 15), kb=kb)
    assert not any(f.eid.startswith("basis_") for f in found)
    assert not any(f.eid == "document" for f in found)


def test_without_kb_skips_kb_checks_and_keeps_text_checks(example_doc, caplog):
    found = review_document(example_doc, as_of=AS_OF, kb=None)
    keys = _keys(found)
    assert ("att_1__art_5", "competence") in keys
    assert ("att_1__art_3__para_1__point_c", "admin_procedure") in keys
    assert ("document", "competence") in keys
    assert not any(f.category.startswith("basis_") for f in found)


def test_fingerprint_ignores_text_edits_but_text_hash_does_not(example_doc, kb):
    first = {f.fingerprint: f for f in review_document(example_doc, as_of=AS_OF, kb=kb)}
    text = example_doc.raw.text
    i = text.index("10.000.000 đồng")
    edited = text[:i] + "15.000.000 đồng" + text[i + len("10.000.000 đồng"):]
    example_doc.raw.text = edited
    example_doc.raw.match_text = edited
    second = {f.fingerprint: f for f in review_document(example_doc, as_of=AS_OF, kb=kb)}
    assert set(first) == set(second)
    fines = [fp for fp, f in first.items() if f.eid == "att_1__art_5"]
    assert fines and all(first[fp].text_hash != second[fp].text_hash for fp in fines)
    others = [fp for fp, f in first.items() if f.eid == "basis_2"]
    assert all(first[fp].text_hash == second[fp].text_hash for fp in others)


def test_fact_hash_changes_with_the_higher_fact(example_doc, kb, monkeypatch):
    before = next(f for f in review_document(example_doc, as_of=AS_OF, kb=kb)
                  if f.eid == "basis_2")
    real = kb.status

    def moved(number, as_of=None):
        st = real(number, as_of)
        if number == "80/2015/QH13" and st["status"] == "expired":
            st = {**st, "replaced_by": ["64/2025/QH15", "87/2025/QH15"]}
        return st

    monkeypatch.setattr(kb, "status", moved)
    after = next(f for f in review_document(example_doc, as_of=AS_OF, kb=kb)
                 if f.eid == "basis_2")
    assert before.fingerprint == after.fingerprint
    assert before.fact_hash != after.fact_hash


def test_through_the_real_parser(kb):
    """The same review on the parser's own output (ingest → structure → references)."""
    if not EXAMPLE_TXT.is_file():
        pytest.skip("ví dụ mẫu ../shared/examples không có trên máy này")
    from thpl_nlp.parse import parse_file

    doc = parse_file(EXAMPLE_TXT)
    keys = _keys(review_document(doc, as_of=AS_OF, kb=kb))
    assert {
        ("att_1__art_3__para_1__point_c", "admin_procedure"),
        ("att_1__art_4", "conflict"),
        ("att_1__art_5", "competence"),
        ("basis_2", "basis_expired"),
        ("document", "competence"),
    } <= keys
    assert not any(c == "effective_date" for _, c in keys)


def test_amendment_found_through_kb_relations(example_doc, kb_facts):
    """A KB whose search only knows the 2014 wording of Điều 102 (30 days) but records that
    62/2020/QH14 Điều 1 amends the law: the amending text in force is used."""
    class RelKB(kb_facts["FakeKB"]):
        def search(self, query, k=5, as_of=None):
            return [{"number": "50/2014/QH13", "eid": "art_102", "effective_on": "2015-01-01",
                     "text": "1. Quy trình cấp giấy phép xây dựng … (trích)"}]

        def provision_text(self, number, eid):
            if (number, eid) == ("50/2014/QH13", "art_102"):
                return kb_facts["art_102_2014"]
            if (number, eid) == ("62/2020/QH14", "art_1"):
                return ("35. Sửa đổi, bổ sung khoản 4 Điều 96 như sau: …\n"
                        "36. Sửa đổi, bổ sung một số điểm, khoản của Điều 102 như sau:\n"
                        "b) Sửa đổi, bổ sung điểm e khoản 1 như sau:\n“"
                        + kb_facts["art_102_2020"] + "”\n37. Bãi bỏ khoản 1 Điều 103")
            return ""

        def show(self, number):
            if number == "50/2014/QH13":
                return {"relations_in": [{"kind": "amends", "source": "62/2020/QH14",
                                          "source_eid": "art_1"}]}
            return {"relations_in": []}

    kb = RelKB()
    found = [f for f in review_document(example_doc, as_of=AS_OF, kb=kb)
             if f.category == "conflict"]
    assert [(f.eid, f.cited) for f in found] == [("att_1__art_4", "62/2020/QH14")]
    assert "được sửa đổi bởi 62/2020/QH14 art_1" in found[0].message
    before = review_document(example_doc, as_of=dt.date(2020, 12, 1), kb=kb)
    assert not any(f.category == "conflict" for f in before)
