"""The provision-level rules added for issue 5: general repeal clauses, fees set by a People's
Committee, civil rights restricted by a local text, amendments delegated to the standing
committee, the wrong document type named, normative price tables under an individual number.

Texts are shaped on the training positives (`corpus/labels/train.jsonl`) and the legacy
documents; the held-out split is never read here.
"""

from __future__ import annotations

import datetime as dt

import pytest
from review_docs import make_doc  # tests/review/review_docs.py

from thpl_nlp.models import LegalDocument
from thpl_nlp.review.rules import competence, form
from thpl_nlp.review.run import PROVISION_RULES, review_document, review_provision_text

AS_OF = dt.date(2026, 11, 26)
NEW_RULES = ("competence.civil_rights_restriction", "competence.delegated_amendment",
             "form.general_repeal", "form.wrong_document_type",
             "form.normative_in_individual_decision")


def rules(text: str, **kw) -> list[str]:
    return [r for r, _c, _conf in review_provision_text(text, **kw)]


def test_new_rules_are_provision_rules_with_their_category():
    for rule in NEW_RULES:
        assert PROVISION_RULES[rule] == rule.split(".")[0]


# --- form.general_repeal ------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày 01/01/2006. Những quy định trước "
    "đây trái với Quyết định này đều bãi bỏ.",
    "Các mức thu, nộp, tỷ lệ điều tiết và chế độ quản lý sử dụng lệ phí cấp giấy phép hoạt động "
    "điện lực trên địa bàn tỉnh Lâm Đồng trái với Quyết định này đều bãi bỏ.",
    "Các quy định do UBND thành phố ban hành trước đây trái với Quyết định này đều bị bãi bỏ.",
    "Bãi bỏ quyết định số 87/QĐ-UB ngày 23/3/1991 của Uỷ ban nhân dân thành phố và các quy định "
    "trước đây trái với quyết định này.",
    "Mọi quy định trước đây trái với Nghị quyết này đều hết hiệu lực.",
])
def test_general_repeal_clauses(text):
    assert "form.general_repeal" in rules(text, issuer="Ủy ban nhân dân tỉnh Nghệ An")


@pytest.mark.parametrize("text", [
    "Quyết định này thay thế Quyết định số 12/2020/QĐ-UBND ngày 01/6/2020 của UBND tỉnh.",
    "Bãi bỏ Điều 5 Quy định ban hành kèm theo Quyết định số 12/2020/QĐ-UBND.",
    "Các quy định không trái với Quyết định này vẫn được tiếp tục thực hiện.",
    "Trường hợp văn bản dẫn chiếu trái với Quyết định này thì áp dụng Quyết định này.",
])
def test_named_repeals_and_other_sentences_are_not_general_repeals(text):
    assert "form.general_repeal" not in rules(text, issuer="Ủy ban nhân dân tỉnh Nghệ An")


# --- form.wrong_document_type -------------------------------------------------------------
def test_a_resolution_calling_itself_a_decision():
    text = ("Điều 1. Quy định chung: Chế độ chi tiêu đón tiếp khách nước ngoài thực hiện theo "
            "Thông tư của Bộ Tài chính và các quy định cụ thể tại Quyết định này.")
    assert "form.wrong_document_type" in rules(text, number="161/2010/NQ-HĐND16",
                                               issuer="Hội đồng nhân dân tỉnh Bắc Ninh")
    assert "form.wrong_document_type" not in rules(
        text.replace("Quyết định này", "Nghị quyết này"), number="161/2010/NQ-HĐND16")
    # without the document's own type nothing can be said
    assert "form.wrong_document_type" not in rules(text, number=None)
    # a decision naming itself correctly
    assert "form.wrong_document_type" not in rules(text, number="5/2021/QĐ-UBND")


def test_a_decision_calling_itself_a_resolution():
    hits = form.scan("Đối tượng áp dụng theo quy định tại Nghị quyết này.",
                     number="5/2021/QĐ-UBND")
    assert [r for r, _s, _e in hits] == ["form.wrong_document_type"]


# --- form.normative_in_individual_decision ------------------------------------------------
def test_general_price_table_under_an_individual_number():
    text = ("Điều 1. Ban hành kèm theo Quyết định này Bảng giá bồi thường cây trồng, vật nuôi khi "
            "Nhà nước thu hồi đất áp dụng trên địa bàn tỉnh.")
    assert "form.normative_in_individual_decision" in rules(text, number="123/QĐ-UBND")
    # the same table under a normative number (year in it) is the right form
    assert "form.normative_in_individual_decision" not in rules(text, number="12/2021/QĐ-UBND")


@pytest.mark.parametrize("text", [
    "Điều 1. Phê duyệt đơn giá bồi thường cây trồng cho dự án đường tỉnh 605 tại xã Hòa Tiến.",
    "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban nhân dân huyện.",
    "Công bố kèm theo Quyết định này Danh mục 02 thủ tục hành chính trong lĩnh vực đường thủy "
    "nội địa thuộc thẩm quyền giải quyết của Sở Giao thông vận tải.",
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chương trình giai đoạn 2021-2025.",
])
def test_individual_decisions_that_are_not_normative_content(text):
    assert "form.normative_in_individual_decision" not in rules(text, number="2047/QĐ-UBND")


# --- competence.fee -----------------------------------------------------------------------
def test_fee_levels_set_by_a_peoples_committee_on_later_lines():
    text = ("Điều 1. Quy định mức thu, nộp lệ phí cấp giấy phép thăm dò, khai thác, sử dụng nước "
            "dưới đất trên địa bàn tỉnh Lâm Đồng, cụ thể như sau:\n1. Cấp giấy lần đầu: 100.000 đ "
            "/ giấy phép.\n2. Trường hợp gia hạn: áp dụng mức thu bằng 50% mức thu cấp lần đầu.")
    assert "competence.fee" in rules(text, issuer="Ủy ban nhân dân tỉnh Lâm Đồng",
                                     normative=True)
    # the same levels in a People's Council resolution are its competence (guideline)
    assert "competence.fee" not in rules(text, issuer="Hội đồng nhân dân tỉnh Lâm Đồng",
                                         number="10/2008/NQ-HĐND", normative=True)


def test_fee_as_a_share_of_a_value_and_a_levy_per_licence():
    share = ("Điều 1. Phê duyệt mức thu, nộp và chế độ quản lý sử dụng phí thẩm định kết quả đấu "
             "thầu, cụ thể như sau: I. mức thu: - Bằng 0,05% giá trị một gói thầu. Nhưng tối đa "
             "không quá 30.000.000 đồng/1 gói thầu.")
    per_licence = ("1. Mức thu: 1.1. Cấp giấy phép lần đầu: + Quản lý và vận hành nhà máy điện: "
                   "700.000 đồng / giấy phép.")
    for text in (share, per_licence):
        assert "competence.fee" in rules(text, issuer="Ủy ban nhân dân tỉnh Lâm Đồng",
                                         normative=True)


def test_fee_words_without_a_level_set_are_not_flagged():
    for text in ("Mức thu phí thực hiện theo quy định tại Thông tư số 02/2014/TT-BTC.",
                 "Tổ chức thu phí có trách nhiệm niêm yết công khai mức thu tại nơi thu.",
                 "Mức thu: thực hiện theo Nghị quyết của Hội đồng nhân dân tỉnh."):
        assert "competence.fee" not in rules(text, issuer="Ủy ban nhân dân tỉnh Lâm Đồng",
                                             normative=True)


# --- competence.civil_rights_restriction --------------------------------------------------
def test_refusing_notarisation_and_certificates():
    text = ("2. Sau ngày Quyết định này có hiệu lực thi hành, nếu người sử dụng đất tự ý tách thửa "
            "đất trái quy định thì không được cấp giấy chứng nhận quyền sử dụng đất; cơ quan công "
            "chứng, UBND cấp xã không được làm thủ tục công chứng, chứng thực chuyển quyền sử dụng "
            "đất.")
    assert "competence.civil_rights_restriction" in rules(
        text, issuer="Ủy ban nhân dân tỉnh Đồng Nai", normative=True)


@pytest.mark.parametrize("text", [
    "Không cấp giấy chứng nhận cho trường hợp đất lấn chiếm theo quy định tại Điều 19 Nghị định "
    "số 43/2014/NĐ-CP.",
    "Hồ sơ nếu không công chứng, chứng thực thì phải xuất trình bản chính để đối chiếu.",
    "Văn phòng công chứng tạm dừng công chứng đối với tài sản đang bị kê biên.",
])
def test_refusals_that_restate_a_law_or_are_conditions(text):
    assert "competence.civil_rights_restriction" not in rules(
        text, issuer="Ủy ban nhân dân tỉnh Đồng Nai", normative=True)


# --- competence.delegated_amendment -------------------------------------------------------
P1461_SHAPED = (
    "Điều 2. - Giao UBND tỉnh tổ chức thực hiện Nghị quyết này. - Trong quá trình triển khai tổ "
    "chức thực hiện, trường hợp cần thiết phải điều chỉnh giá đất tại một số vị trí, khu vực cụ "
    "thể, UBND tỉnh xin ý kiến Thường trực HĐND tỉnh để quyết định điều chỉnh giá đất cho phù hợp "
    "với tình hình thực tiễn của địa phương.")


def test_standing_committee_deciding_changes_of_the_resolution():
    assert "competence.delegated_amendment" in rules(
        P1461_SHAPED, number="10/2009/NQ-HĐND", issuer="Hội đồng nhân dân tỉnh Hà Nam")
    # an individual resolution (no year) or a UBND decision: not this rule
    assert "competence.delegated_amendment" not in rules(
        P1461_SHAPED, number="40/NQ-HĐND", issuer="Hội đồng nhân dân tỉnh Hà Nam")
    assert "competence.delegated_amendment" not in rules(
        P1461_SHAPED, number="10/2009/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Hà Nam")


@pytest.mark.parametrize("text", [
    # budget allocation between sessions (no change of what the resolution set)
    "7. Đối với nguồn dự phòng chưa phân bổ, giao cho Uỷ ban nhân dân tỉnh thống nhất với Thường "
    "trực Hội đồng nhân dân tỉnh phân bổ cho các công trình và báo cáo Hội đồng nhân dân tỉnh.",
    # the title of the proposal, then a re-drafting task
    "Thông qua Tờ trình của Uỷ ban nhân dân tỉnh về việc điều chỉnh, bổ sung mức thu phí qua phà. "
    "Giao cho Uỷ ban nhân dân tỉnh chỉnh lý lại mức thu phí cụ thể, thống nhất với Thường trực Hội "
    "đồng nhân dân tỉnh và tổ chức triển khai thực hiện.",
    # supervision only
    "Thường trực HĐND, các ban HĐND và các đại biểu HĐND tỉnh giám sát thực hiện Nghị quyết này.",
])
def test_standing_committee_tasks_that_change_nothing(text):
    assert competence._delegated_change(text) is None
    assert "competence.delegated_amendment" not in rules(
        text, number="12/2009/NQ-HĐND", issuer="Hội đồng nhân dân tỉnh Bến Tre")


# --- on parsed documents ------------------------------------------------------------------
def _doc(body: str, *, number: str | None, issuer: str, doc_type: str = "Quyết định",
         issued: dt.date | None = dt.date(2008, 5, 2)) -> LegalDocument:
    return make_doc(body, number=number, issuer=issuer, doc_type=doc_type, issued=issued,
                    effective=issued + dt.timedelta(days=10) if issued else None,
                    title="Về mức thu lệ phí")


FEE_DOC = (
    "Điều 1. Quy định mức thu, nộp lệ phí cấp giấy phép lao động cho người nước ngoài trên địa "
    "bàn tỉnh Lâm Đồng, cụ thể như sau:\n"
    "1. Cấp mới giấy phép lao động: 400.000 đ / giấy phép;\n"
    "2. Cấp lại giấy phép lao động: 300.000 đ / giấy phép;\n"
    "Điều 2. Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký. Các mức thu lệ phí cấp giấy "
    "phép lao động trên địa bàn tỉnh trái với Quyết định này đều bãi bỏ.\n")


def test_review_document_raises_the_new_rules_with_their_grounds():
    doc = _doc(FEE_DOC, number="25/2008/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Lâm Đồng")
    found = {f.rule: f for f in review_document(doc, as_of=AS_OF)}
    fee = found["competence.fee"]
    assert fee.eid == "art_1__para_1"  # one finding for the article, on its first clause
    assert "Pháp lệnh phí và lệ phí số 38/2001/PL-UBTVQH10" in fee.legal_ground  # issued 2008
    assert "Hội đồng nhân dân cấp tỉnh quyết định mức thu" in fee.message
    rep = found["form.general_repeal"]
    assert rep.eid == "art_2" and rep.category == "form" and rep.action == "sua_doi"
    assert "Điều 12 khoản 1" in rep.legal_ground and "80/2015/QH13" in rep.legal_ground
    assert "phải xác định rõ tên văn bản" in rep.message
    assert rep.message.startswith("Tại Điều 2: Điều khoản bãi bỏ chung chung")


def test_review_document_after_the_2025_law_and_on_resolutions():
    body = ("Điều 1. Ban hành Bảng giá đất trên địa bàn thành phố.\n"
            "Điều 2. Trường hợp cần điều chỉnh giá đất, giao Ủy ban nhân dân thành phố thống nhất "
            "với Thường trực Hội đồng nhân dân thành phố quyết định điều chỉnh giá đất và báo cáo "
            "Hội đồng nhân dân tại kỳ họp gần nhất. Các quy định trước đây trái với Quyết định này "
            "đều bãi bỏ.\n")
    doc = _doc(body, number="52/2025/NQ-HĐND", issuer="Hội đồng nhân dân thành phố Đà Nẵng",
               doc_type="Nghị quyết", issued=dt.date(2025, 12, 11))
    found = {f.rule: f for f in review_document(doc, as_of=AS_OF)}
    deleg = found["competence.delegated_amendment"]
    assert deleg.legal_ground.startswith("Điều 8 khoản 1") and "64/2025/QH15" in deleg.legal_ground
    assert "chỉ được sửa đổi, bổ sung, thay thế bằng văn bản quy phạm pháp luật" in deleg.message
    assert found["form.general_repeal"].legal_ground.startswith("Điều 8 khoản 3")
    wrong = found["form.wrong_document_type"]
    assert "Nghị quyết lại tự gọi mình là “Quyết định này”" in wrong.message


def test_individual_decision_with_a_general_price_table_on_a_document():
    body = ("Điều 1. Ban hành kèm theo Quyết định này Bảng giá bồi thường cây trồng khi Nhà nước "
            "thu hồi đất áp dụng trên địa bàn tỉnh.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày "
            "ký.\n")
    doc = _doc(body, number="1223/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Quảng Nam",
               issued=dt.date(2012, 4, 20))
    found = [f for f in review_document(doc, as_of=AS_OF)
             if f.rule == "form.normative_in_individual_decision"]
    assert len(found) == 1 and found[0].eid == "art_1"
    assert "quyết định cá biệt số 1223/QĐ-UBND" in found[0].message
    assert "Điều 4 khoản 2 Nghị định 79/2025/NĐ-CP" in found[0].legal_ground


def test_legacy_documents_of_the_corpus(corpus):
    """The two legacy decisions read for these rules: Lâm Đồng's licence fee and Khánh Hòa's
    refusal of notarisation for sub-minimum parcels."""
    from thpl_nlp.parse import parse_file

    legacy = corpus / "provincial" / "legacy"
    fee = review_document(parse_file(next(legacy.glob("*/00260624.txt"))), as_of=AS_OF)
    assert {f.rule for f in fee} >= {"competence.fee"}
    civil = review_document(parse_file(next(legacy.glob("*/00218262.txt"))), as_of=AS_OF)
    hit = [f for f in civil if f.rule == "competence.civil_rights_restriction"]
    assert [f.eid for f in hit] == ["art_4"]
    assert "Điều 14 khoản 2 Hiến pháp năm 2013" in hit[0].message
