"""Unit tests of the rule families, each on a small real-shaped document."""

from __future__ import annotations

import datetime as dt

import pytest
from review_docs import make_doc  # tests/review/review_docs.py

from thpl_nlp.models import LegalBasis, Reference
from thpl_nlp.review import provinces
from thpl_nlp.review.findings import fingerprint, where
from thpl_nlp.review.rules import (
    ReviewContext,
    authority,
    bases,
    competence,
    effective_date,
    form,
    issuer_level,
    references,
)
from thpl_nlp.review.run import review_document, review_provision_text

D = dt.date


def rules_of(drafts):
    return sorted({(d.eid, d.rule) for d in drafts})


# --- findings -----------------------------------------------------------------------------
def test_where_reads_an_eid_in_vietnamese():
    assert where("att_1__art_3__para_1__point_c") == (
        "điểm c khoản 1 Điều 3 của văn bản ban hành kèm theo")
    assert where("art_2") == "Điều 2"


def test_fingerprint_depends_on_target_not_text():
    a = fingerprint("1/2021/QĐ-UBND", "basis_1", "basis.expired", "80/2015/QH13")
    assert a != fingerprint("1/2021/QĐ-UBND", "basis_1", "basis.expired", "77/2015/QH13")
    assert a != fingerprint("2/2021/QĐ-UBND", "basis_1", "basis.expired", "80/2015/QH13")


# --- effective date -----------------------------------------------------------------------
def test_effect_too_early_under_the_2015_law():
    body = "Điều 1. Nội dung.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày 05 tháng 3 năm 2021."
    doc = make_doc(body, issued=D(2021, 3, 1), effective=D(2021, 3, 5),
                   effect_clause=(body.index("Quyết định này"), len(body)))
    drafts = list(effective_date.check(ReviewContext(doc, D(2026, 11, 26))))
    assert [d.rule for d in drafts] == ["effect.too_early"]
    assert "80/2015/QH13" in drafts[0].legal_ground and drafts[0].eid == "art_2"


def test_ten_days_is_not_too_early_and_2025_law_applies_from_april():
    body = "Điều 1. Nội dung.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày 11 tháng 4 năm 2025."
    doc = make_doc(body, number="5/2025/QĐ-UBND", issued=D(2025, 4, 1), effective=D(2025, 4, 11),
                   effect_clause=(body.index("Quyết định này"), len(body)))
    assert not list(effective_date.check(ReviewContext(doc, D(2026, 11, 26))))
    doc.effective_on = D(2025, 4, 5)
    d = list(effective_date.check(ReviewContext(doc, D(2026, 11, 26))))[0]
    assert "64/2025/QH15" in d.legal_ground


def test_retroactive_local_document():
    body = "Điều 1. Nội dung.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày 01 tháng 01 năm 2021."
    doc = make_doc(body, issued=D(2021, 3, 1), effective=D(2021, 1, 1),
                   effect_clause=(body.index("Quyết định này"), len(body)))
    d = list(effective_date.check(ReviewContext(doc, D(2026, 11, 26))))[0]
    assert d.rule == "effect.retroactive" and d.severity == "high"


def test_missing_effect_clause():
    doc = make_doc("Điều 1. Nội dung quy định.", effective=None)
    assert [d.rule for d in effective_date.check(ReviewContext(doc, D(2026, 11, 26)))] == [
        "effect.missing_clause"]


def test_individual_decisions_are_not_checked_for_effect():
    doc = make_doc("Điều 1. Có hiệu lực kể từ ngày ký.", number="119/QĐ-UBND",
                   effective=D(2021, 3, 1))
    assert not list(effective_date.check(ReviewContext(doc, D(2026, 11, 26))))


# --- authority ----------------------------------------------------------------------------
def test_merged_province_is_flagged_after_july_2025_only():
    doc = make_doc("Điều 1. Nội dung.", issuer="Ủy ban nhân dân tỉnh Hà Nam")
    after = list(authority.check(ReviewContext(doc, D(2026, 1, 1))))
    assert [d.rule for d in after] == ["authority.province_merged"]
    assert "Ninh Bình" in after[0].todo and "khoản 8" in after[0].why
    assert not list(authority.check(ReviewContext(doc, D(2025, 6, 30))))


def test_unmerged_province_and_same_name_successor_are_not_flagged():
    for issuer in ("Ủy ban nhân dân tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Bắc Ninh"):
        doc = make_doc("Điều 1. Nội dung.", issuer=issuer)
        assert not list(authority.check(ReviewContext(doc, D(2026, 1, 1))))


def test_district_documents_after_the_abolition():
    doc = make_doc("Điều 1. Nội dung.", issuer="Ủy ban nhân dân huyện Lục Ngạn",
                   number="3/2020/QĐ-UBND")
    doc.place = "tỉnh Bắc Giang"
    d = list(authority.check(ReviewContext(doc, D(2026, 1, 1))))[0]
    assert d.rule == "authority.district_abolished" and "72/2025/QH15" in d.legal_ground
    assert "Bắc Ninh" in d.todo  # underthesea's convert_address names the new province


def test_issuer_levels():
    assert issuer_level("Hội đồng nhân dân thành phố Hải Phòng") == "province"
    assert issuer_level("Ủy ban nhân dân thành phố Thủ Đức") == "district"
    assert issuer_level("Ủy ban nhân dân quận 5") == "district"
    assert issuer_level("Chính phủ") is None


# --- competence / admin procedure -----------------------------------------------------------
def test_fines_set_by_the_province():
    hits = competence.scan("Tổ chức vi phạm bị phạt tiền từ 10.000.000 đồng đến 20.000.000 "
                           "đồng.", normative=True)
    assert [h.rule for h in hits] == ["competence.sanction"]


def test_reference_to_the_government_sanction_rules_is_not_a_finding():
    text = "Tổ chức, cá nhân vi phạm bị xử phạt theo quy định của pháp luật hiện hành."
    assert not competence.scan(text, normative=True)


def test_fee_set_by_a_peoples_committee_but_not_by_a_council():
    text = "Mức thu lệ phí cấp giấy phép: 700.000 đồng/giấy phép."
    assert [h.rule for h in competence.scan(text, normative=True, body="UBND")] == [
        "competence.fee"]
    assert not competence.scan(text, normative=True, body="HĐND")
    assert not competence.scan("Mức thu Quỹ phòng, chống lụt, bão: 20.000 đồng/người/năm.",
                               normative=True, body="UBND")


def test_extra_paper_in_a_dossier_list():
    hits = competence.scan("c) Bản xác nhận của Ủy ban nhân dân cấp xã về việc không có tranh "
                           "chấp.", normative=True)
    assert [h.rule for h in hits] == ["admin_procedure.extra_paper"]


# --- bases --------------------------------------------------------------------------------
def _basis(text: str, start: int, **ref) -> LegalBasis:
    return LegalBasis(text, start, start + len(text),
                      [Reference(start, start + len(text), text, **ref)])


def test_lower_force_basis_and_year_mismatch():
    b1 = _basis("Căn cứ Quyết định số 12/2019/QĐ-UBND ngày 01/3/2019;", 0,
                doc_type="Quyết định", number="12/2019/QĐ-UBND", issued_on=D(2019, 3, 1))
    b2 = _basis("Căn cứ Nghị định số 15/2021/NĐ-CP ngày 03/3/2020;", 60, doc_type="Nghị định",
                number="15/2021/NĐ-CP", issued_on=D(2020, 3, 3))
    doc = make_doc("Điều 1. Nội dung.", doc_type="Nghị quyết", number="7/2021/NQ-HĐND",
                   issuer="Hội đồng nhân dân tỉnh Hà Nam", bases_=[b1, b2])
    got = rules_of(bases.check(ReviewContext(doc, D(2026, 11, 26))))
    assert ("basis_1", "basis.lower_force") in got
    assert ("basis_2", "basis.citation_date_mismatch") in got


def test_missing_local_government_law(kb):
    b = _basis("Căn cứ Luật Xây dựng số 50/2014/QH13 ngày 18/6/2014;", 0, doc_type="Luật",
               number="50/2014/QH13", issued_on=D(2014, 6, 18))
    doc = make_doc("Điều 1. Nội dung.", bases_=[b])
    got = rules_of(bases.check(ReviewContext(doc, D(2026, 11, 26), kb=kb)))
    assert ("document", "basis.missing_local_government_law") in got


def test_basis_expired_and_not_in_force_at_issue(kb):
    b = _basis("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13;", 0,
               doc_type="Luật", number="80/2015/QH13", issued_on=D(2015, 6, 22))
    doc = make_doc("Điều 1. Nội dung.", issued=D(2025, 5, 2), number="9/2025/QĐ-UBND", bases_=[b])
    got = {d.rule: d for d in bases.check(ReviewContext(doc, D(2026, 11, 26), kb=kb))}
    assert got["basis.expired"].replaced_by == ["64/2025/QH15"]
    assert got["basis.not_in_force_at_issue"].severity == "high"


def test_unknown_and_wrong_date_citations(kb):
    b1 = _basis("Căn cứ Luật số 99/2099/QH99;", 0, doc_type="Luật", number="99/2019/QH14",
                issued_on=D(2019, 1, 1))
    b2 = _basis("Căn cứ Luật Xây dựng số 50/2014/QH13 ngày 18/6/2015;", 40, doc_type="Luật",
                number="50/2014/QH13", issued_on=D(2014, 6, 20))
    doc = make_doc("Điều 1. Nội dung.", bases_=[b1, b2])
    got = rules_of(bases.check(ReviewContext(doc, D(2026, 11, 26), kb=kb)))
    assert ("basis_1", "basis.unresolved") in got
    assert ("basis_2", "basis.citation_wrong_date") in got


# --- references and form ------------------------------------------------------------------
def test_internal_reference_to_a_missing_article():
    doc = make_doc("Điều 1. Thực hiện theo khoản 2 Điều 9 Quyết định này.\nĐiều 2. Nội dung.")
    got = rules_of(references.check(ReviewContext(doc, D(2026, 11, 26))))
    assert got == [("art_1", "reference.internal_missing")]


def test_numbering_gap_duplicate_and_impossible_date():
    body = ("Điều 1. Nội dung ngày 31 tháng 02 năm 2021.\nĐiều 3. Nội dung.\n"
            "Điều 4. Nội dung.\n1. Một.\n1. Hai.")
    got = rules_of(form.check(ReviewContext(make_doc(body), D(2026, 11, 26))))
    assert ("art_3", "form.numbering_gap") in got
    assert ("art_4__para_1", "form.numbering_duplicate") in got
    assert ("art_1", "form.impossible_date") in got


def test_number_type_mismatch():
    doc = make_doc("Điều 1. Nội dung.", number="5/2021/NQ-UBND")
    got = rules_of(form.check(ReviewContext(doc, D(2026, 11, 26))))
    assert ("document", "form.number_type_mismatch") in got


# --- runner -------------------------------------------------------------------------------
def test_messages_are_vietnamese_and_complete():
    doc = make_doc("Điều 1. Vi phạm bị phạt tiền 5.000.000 đồng.", issuer="Ủy ban nhân dân tỉnh "
                   "Nghệ An")
    (f,) = [f for f in review_document(doc, as_of=D(2026, 11, 26)) if f.rule ==
            "competence.sanction"]
    for part in ("Tại Điều 1", "Lý do:", "Đề xuất: Bãi bỏ một phần", "Căn cứ: Điều 4 khoản 1"):
        assert part in f.message
    assert f.legal_ground.startswith("Điều 4 khoản 1 Luật Xử lý vi phạm hành chính")


def test_provision_text_review_needs_a_year_for_effect_rules():
    text = "Quyết định này có hiệu lực kể từ ngày ký."
    assert review_provision_text(text, number="17/2022/QĐ-UBND")[0][0] == "effect.from_signing"
    assert review_provision_text(text, number="177/QĐ-UBND") == []


@pytest.mark.parametrize("old,new", [("Bắc Giang", "Bắc Ninh"), ("Quảng Nam", "Đà Nẵng"),
                                     ("Hà Giang", "Tuyên Quang"), ("Bình Dương", "Hồ Chí Minh")])
def test_province_table(old, new):
    assert provinces.successor(old) == new


def test_reference_to_an_article_amended_after_issue(kb_facts):
    class RelKB(kb_facts["FakeKB"]):
        def show(self, number):
            if number == "50/2014/QH13":
                return {"relations_in": [{"kind": "amends", "source": "62/2020/QH14",
                                          "source_eid": "art_1", "target_eid": "art_102",
                                          "on_date": "2021-01-01", "evidence": "Điều 1 …"}]}
            return {"relations_in": []}

    body = ("Điều 1. Trình tự theo khoản 1 Điều 102 Luật Xây dựng số 50/2014/QH13.\n"
            "Điều 2. Nội dung.")
    old = make_doc(body, issued=D(2019, 5, 2), number="5/2019/QĐ-UBND")
    got = [d for d in references.check(ReviewContext(old, D(2026, 11, 26), kb=RelKB()))
           if d.rule == "reference.amended_article"]
    assert [(d.eid, d.cited) for d in got] == [("art_1", "50/2014/QH13 art_102")]
    assert "62/2020/QH14" in got[0].why
    new = make_doc(body, issued=D(2022, 5, 2), number="5/2022/QĐ-UBND")
    assert not [d for d in references.check(ReviewContext(new, D(2026, 11, 26), kb=RelKB()))
                if d.rule == "reference.amended_article"]


def test_deadline_longer_than_the_portal_record_without_kb():
    from thpl_nlp.review.rules import conflict

    body = ("Điều 1. Thời hạn giải quyết thủ tục cấp Chứng chỉ hành nghề thú y không quá 10 "
            "ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.\nĐiều 2. Nội dung.")
    got = list(conflict.check(ReviewContext(make_doc(body), D(2026, 11, 26))))
    assert [(d.eid, d.rule) for d in got] == [("art_1", "conflict.deadline_longer")]
    assert "05 ngày làm việc" in got[0].why or "5 ngày làm việc" in got[0].why
    ok = body.replace("10 ", "05 ", 1)
    assert not list(conflict.check(ReviewContext(make_doc(ok), D(2026, 11, 26))))


def test_undated_legacy_decision_effective_on_signing_is_flagged(corpus):
    """Legacy texts have lost their date; a cited date bounds the signing date from below."""
    from thpl_nlp.parse import parse_file

    legacy = corpus / "provincial" / "legacy" / "Difficult"
    amending = legacy / "00177554.txt"  # amends a compensation regulation, cites 02/11/2006
    plan = legacy / "00186346.txt"  # "Ban hành kế hoạch …": an individual decision
    if not (amending.is_file() and plan.is_file()):
        pytest.skip("legacy documents 00177554/00186346 absent from the corpus")
    found = [f for f in review_document(parse_file(amending), as_of=dt.date(2026, 11, 26))
             if f.rule == "effect.from_signing"]
    assert len(found) == 1
    assert "02/11/2006" in found[0].message and "31/2004/QH11" in found[0].message
    assert found[0].message.startswith("Tại Điều 2:")
    assert not [f for f in review_document(parse_file(plan), as_of=dt.date(2026, 11, 26))
                if f.rule == "effect.from_signing"]


def test_bare_processing_time_counted_from_receipt_is_an_upper_bound():
    from thpl_nlp.review.rules.conflict import _local_limits

    bare = "Thời hạn: 22 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ."
    assert [d.text for d, _, _ in _local_limits(bare)] == ["22 ngày làm việc"]
    # a lawful reduction is not a limit to compare with the higher text
    assert _local_limits("Giảm thời hạn giải quyết từ 10 ngày xuống còn 09 ngày") == []
    # an amount not counted from the dossier's receipt, without a bound word, is not a limit
    assert _local_limits("Hội nghị tổ chức trong 2 ngày.") == []


def test_force_of_ordinances_and_standing_committee_resolutions():
    """"43/2002/PL-UBTVQH10" is an ordinance, "1003/2020/NQ-UBTVQH14" a resolution of the
    Standing Committee: both rank above a decree (force_rank in review.yaml)."""
    from thpl_nlp.review.rules.bases import _force_key

    assert _force_key(Reference(0, 0, "x", None, "43/2002/PL-UBTVQH10")) == "Pháp lệnh"
    assert _force_key(Reference(0, 0, "x", None, "1003/2020/NQ-UBTVQH14")) == (
        "Nghị quyết UBTVQH")
