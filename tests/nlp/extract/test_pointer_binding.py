"""Binding a pointer to the document named earlier in its sentence (``binding="preceding"``).

Every sentence below is quoted from the real corpus (the file is named above each one); the
negative cases are the wrong bindings an earlier, less careful version of the step made.
"""

from thpl_nlp.models import Reference
from thpl_nlp.nlp.extract.pointers import ProvisionPointer, extract_pointers


def by_text(text: str, **kw) -> dict[str, ProvisionPointer]:
    return {p.text: p for p in extract_pointers(text, **kw)}


def target(p: ProvisionPointer) -> str | None:
    t = p.target
    if isinstance(t, Reference):
        return t.number or t.title
    return t


# --- bound to the document named before -------------------------------------------------

# provincial/legacy/Difficult/00049097.txt, line 12 (golden holdout2 sid 2010)
ND_142 = (
    "Ví dụ: Nghị định 179 quy định hành vi vi phạm các quy định về xả nước thải, trong khi "
    "Nghị định 142/2013/NĐ-CP qui định về xử phạt hành chính trong lĩnh vực tài nguyên nước "
    "và khoáng sản cũng có qui định về hành vi xả nước thải vào nguồn nước không có giấy phép "
    "(Điều 5 và điều 12); và khoản 2 điều 24 Nghị định 103/2013/NĐ-CP về xử phạt hành chính "
    "về nuôi trồng thuỷ sản cũng qui địnhvi phạm các quy định về hành vi xả, thải chất thải, "
    "nước thải bị ô nhiễm ra môi trường tự nhiên."
)


def test_bracketed_articles_of_the_decree_named_before() -> None:
    got = by_text(ND_142)
    p = got["Điều 5 và điều 12"]
    assert p.eids == ["art_5", "art_12"]
    assert target(p) == "142/2013/NĐ-CP" and p.binding == "preceding"
    q = got["khoản 2 điều 24"]  # its own document follows it
    assert target(q) == "103/2013/NĐ-CP" and q.binding == "following"


def test_without_the_step_the_pointer_stays_unbound() -> None:
    p = by_text(ND_142, bind_preceding=False)["Điều 5 và điều 12"]
    assert p.target is None and p.binding is None


# provincial/legacy/Difficult/00049097.txt, line 29 (golden holdout2 sid 2021)
def test_law_named_at_the_start_of_the_sentence() -> None:
    text = (
        "Trên cơ sở Luật XLVPHC, thẩm quyền XLVPHC trong lĩnh vực BVMT được qui định từ điều "
        "50 - 53, bao gồm: Chủ tịch UBND các cấp, công an, thanh tra chuyên ngành."
    )
    p = by_text(text)["từ điều 50 - 53"]
    assert p.eids == ["art_50", "art_51", "art_52", "art_53"]
    assert target(p) == "Luật XLVPHC" and p.binding == "preceding"


# phapdien.zip: demuc/e8e1515c-249d-4a9b-af30-ac0d8a3aac7d.html (Nghị định hướng dẫn Luật
# Tương trợ tư pháp)
def test_articles_of_the_law_a_decree_implements() -> None:
    text = (
        "Nghị định này quy định chi tiết và hướng dẫn thi hành một số điều của Luật Tương trợ tư "
        "pháp về chi phí thực hiện ủy thác tư pháp quy định tại các Điều 16, 31, 48, 60; chế độ "
        "báo cáo, thông báo hoạt động tương trợ tư pháp từ Điều 61 đến Điều 70 và nhiệm vụ, "
        "quyền hạn của Bộ Tư pháp trong việc thống nhất quản lý nhà nước về hoạt động tương trợ "
        "tư pháp quy định tại Điều 62 của Luật Tương trợ tư pháp."
    )
    got = by_text(text)
    p = got["các Điều 16, 31, 48, 60"]
    assert target(p) == "Luật Tương trợ tư pháp" and p.binding == "preceding"
    # after ";" a new item begins: not bound backwards (precision first)
    assert got["từ Điều 61 đến Điều 70"].target is None
    assert got["Điều 62"].binding == "following"


# phapdien.zip: demuc/295ceaf7-684c-42a9-9f57-c60ff5581bcc.html (Nghị định hướng dẫn Luật
# Kiến trúc), shortened after "quy chế quản lý kiến trúc". The citation's name runs on by
# one word ("Luật Kiến trúc giao"): a reference-extractor limit; the document is right.
def test_a_list_after_a_bound_pointer_shares_its_target() -> None:
    text = (
        "Nghị định này quy định chi tiết nội dung Luật Kiến trúc giao tại khoản 5 Điều 13; "
        "khoản 5 Điều 14 và khoản 1 Điều 15; khoản 8 Điều 17; khoản 3 Điều 22; khoản 3 Điều 23; "
        "khoản 4 Điều 26; khoản 5 Điều 29; khoản 4 Điều 30 và khoản 3 Điều 31 về công trình "
        "kiến trúc có giá trị; quy chế quản lý kiến trúc."
    )
    ptrs = list(extract_pointers(text))
    assert len(ptrs) == 10
    law = ptrs[0].target
    assert isinstance(law, Reference) and law.doc_type == "Luật"
    assert all(p.target is law and p.binding == "preceding" for p in ptrs)
    assert ptrs[-1].eids == ["art_31__para_3"]


# central/vbpl_review.zip: 66/2003/NĐ-CP, Điều 1
def test_a_note_in_brackets_after_a_cited_provision() -> None:
    got = by_text("22. Bổ sung Điều 57a Nghị định 88/CP (sau Điều 57) như sau:")
    assert target(got["Điều 57a"]) == "88/CP" and got["Điều 57a"].binding == "following"
    assert target(got["Điều 57"]) == "88/CP" and got["Điều 57"].binding == "preceding"


# central/vbpl_review.zip: 09/2023/TT-NHNN, Điều 11
def test_an_exception_in_a_repeal_clause() -> None:
    text = (
        "c) Thông tư số 20/2019/TT-NHNN ngày 14 tháng 11 năm 2019 của Thống đốc Ngân hàng Nhà "
        "nước Việt Nam, trừ quy định về quy trình quản lý rủi ro và giao dịch chuyển tiền điện "
        "tử tại khoản 2, khoản 4 Điều 1 hết hiệu lực thi hành từ ngày 01 tháng 12 năm 2023."
    )
    p = by_text(text)["khoản 2, khoản 4 Điều 1"]
    assert p.eids == ["art_1__para_2", "art_1__para_4"]
    assert target(p) == "20/2019/TT-NHNN" and p.binding == "preceding"
    assert p.to_dict()["binding"] == "preceding"


# --- left alone -------------------------------------------------------------------------


# provincial/legacy/Difficult/00049097.txt, line 5: "Nghị định 179" (no number form, not a
# citation) is named between the citation and the pointer.
def test_an_uncited_document_in_between_blocks() -> None:
    text = (
        "Khắc phục những hạn chế của Nghị định 117/2009/NĐ-CP, những hành vi vi phạm trong lĩnh "
        "vực BVMT được qui định trong Nghị định 179 gồm 8 nhóm, liệt kê tương đối đầy đủ, gồm có "
        "41 hành vi vi phạm từ Điều 8 đến 49."
    )
    assert all(p.target is None for p in extract_pointers(text))


# provincial/legacy/Difficult/00183876.txt, line 219 (golden holdout2 sid 2004)
def test_a_document_named_after_the_pointer_blocks() -> None:
    text = (
        "Nếu nhãn hàng hoá nêu tại điểm này ghi đầy đủ nội dung (trừ định lượng) theo quy định "
        "của Nghị định số 89/2006/NĐ-CP ngày 30/9/2006 của Chính phủ, nhưng hàng hoá đó lại "
        "thuộc Danh mục hàng hoá đóng gói sẵn phải quản lý nhà nước về đo lường thì áp dụng quy "
        "định tại Điều 10 (đối với sản xuất, nhập khẩu), Điều 11 (đối với buôn bán) của Nghị định "
        "54 để xử phạt."
    )
    got = by_text(text)
    assert got["Điều 10"].target is None and got["Điều 11"].target is None


# phapdien.zip: demuc/a5dd4141-f13c-40f3-802d-a6175684bb0a.html
def test_a_capitalised_name_after_the_pointer_blocks() -> None:
    text = (
        "6. Biện pháp tự vệ trong giai đoạn chuyển tiếp (sau đây gọi là biện pháp tự vệ chuyển "
        "tiếp) là biện pháp được quy định tại Điều 99 Luật Quản lý ngoại thương và quy định tại "
        "Điều 6.3 Chương 6 của Hiệp định."
    )
    got = by_text(text)
    assert target(got["Điều 99"]) == "Luật Quản lý ngoại thương"
    assert got["Chương 6"].target is None


# phapdien.zip: demuc/e7b9346d-dea5-49c5-a166-bd41599dd9e7.html
def test_a_this_document_target_after_the_pointer_blocks() -> None:
    text = (
        "1. Tuân thủ quy định của pháp luật, bảo đảm theo đúng tiêu chí quy định tại Điều 56 "
        "Luật Đấu giá tài sản, Điều 3 và Phụ lục I ban hành kèm theo Thông tư này."
    )
    assert by_text(text)["Điều 3"].target is None


# central/vbpl_review.zip: 04/2001/NĐ-CP, Điều 4 (shortened after "Điều 24") — the articles
# are of the Điều lệ named at the end of the sentence; the law was cited for its Điều 36.
def test_a_document_cited_for_a_provision_is_not_the_next_pointers() -> None:
    text = (
        "1. Sĩ quan nghỉ việc hưởng chế độ hưu trí hàng tháng khi đủ điều kiện nêu tại khoản 1 "
        "Điều 36 Luật Sĩ quan Quân đội nhân dân Việt Nam gồm những người có đủ điều kiện theo "
        "quy định tại khoản 1 hoặc khoản 2 Điều 23; hoặc nghỉ việc hưởng chế độ hưu trí hàng "
        "tháng với mức lương hưu thấp theo quy định tại Điều 24."
    )
    got = by_text(text)
    assert got["khoản 1 hoặc khoản 2 Điều 23"].target is None
    assert got["Điều 24"].target is None


# phapdien.zip: demuc/4b478410-d0e7-4487-9d32-889cd067b4fb.html (an excerpt) — the law is
# cited inside the quoted phrase being replaced; the articles are of the amended decree.
def test_a_citation_inside_a_quoted_phrase_blocks() -> None:
    text = (
        "cụm từ “Trường hợp hàng hóa thuộc diện được hoàn thuế nhưng chưa nộp thuế hoặc không "
        "phải nộp thuế theo quy định tại Điều 19 Luật Thuế xuất khẩu, thuế nhập khẩu, hồ sơ, thủ "
        "tục thực hiện như hồ sơ, thủ tục hoàn thuế” tại khoản 3 Điều 33, khoản 3 Điều 34."
    )
    got = by_text(text)
    assert got["khoản 3 Điều 33"].target is None and got["khoản 3 Điều 34"].target is None


# central/vbpl_pages.jsonl.gz: 48/2026/NĐ-CP, an excerpt of a long list — the decree cited
# in a bracketed note is not the document of the list.
def test_a_citation_inside_a_closed_note_blocks() -> None:
    text = (
        "khoản 4 Điều 20; khoản 2, điểm a (được sửa đổi, bổ sung tại khoản 4 Điều 1 Nghị định số "
        "05/2025/NĐ-CP), điểm c và điểm d khoản 6, điểm đ và điểm e khoản 7 và điểm a, điểm c "
        "khoản 8 Điều 21; khoản 3 Điều 26."
    )
    for p in extract_pointers(text):
        if p.text != "khoản 4 Điều 1":
            assert p.binding != "preceding", p.text


# provincial/vilegalbert/*.csv, column text of 123/2015/NĐ-CP (the start of it): a title in
# capitals glued to the article heading that follows it.
def test_a_heading_glued_to_a_title_is_not_bound() -> None:
    text = (
        "QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU VÀ BIỆN PHÁP THI HÀNH LUẬT HỘ TỊCH ĐIỀU KHOẢN THI HÀNH "
        "Điều 43. Trách nhiệm thi hành 1. Chủ tịch Ủy ban nhân dân cấp tỉnh có trách nhiệm"
    )
    assert all(p.target is None for p in extract_pointers(text))


# phapdien.zip: demuc/916a0b51-9d2e-4256-be6e-14c2e4b059ae.html (golden holdout2 sid 2077):
# "… này" targets are kept; a bare pointer is never bound to an outside document when none
# is named before it in its sentence.
def test_this_document_and_bare_pointers_stay_internal() -> None:
    text = (
        "3. Chủ đầu tư dự án: Căn cứ mức hỗ trợ quy định tại Khoản 1 và Khoản 2 Điều 3 Thông tư "
        "liên tịch này để xây dựng kế hoạch và lập dự toán kinh phí hỗ trợ người lao động đi làm "
        "việc ở nước ngoài trong tổng kinh phí của Dự án đầu tư hoặc phương án bồi thường hỗ trợ "
        "tái định cư được duyệt; bố trí kinh phí, chi trả các Khoản hỗ trợ quy định tại Khoản 1 "
        "Điều 3 cho người lao động thuộc đối tượng quy định tại Điểm d Khoản 1 Điều 2 Thông tư "
        "liên tịch này."
    )
    got = by_text(text)
    assert got["Khoản 1 và Khoản 2 Điều 3"].target == "self"
    assert got["Khoản 1 và Khoản 2 Điều 3"].binding == "following"
    assert got["Điểm d Khoản 1 Điều 2"].target == "self"
    assert all(not isinstance(p.target, Reference) for p in got.values())
    (p,) = extract_pointers("Thực hiện theo quy định tại Điều 12.")
    assert p.target is None and p.binding is None


def test_binding_is_recorded_for_following_targets() -> None:
    (p,) = extract_pointers("theo điểm a khoản 2 Điều 5 Nghị định số 43/2014/NĐ-CP")
    assert p.binding == "following"
    (q,) = extract_pointers("quy định tại khoản 2 Điều này")
    assert q.binding == "following" and q.relative


# Each guard alone, on the sentences above with the other trigger taken out (so that each
# test fails when its own guard is removed).
def test_each_guard_alone() -> None:
    quoted = (
        "cụm từ “hồ sơ, thủ tục thực hiện theo quy định của Luật Thuế xuất khẩu, thuế nhập khẩu” "
        "tại khoản 3 Điều 33, khoản 3 Điều 34."
    )
    assert all(p.target is None for p in extract_pointers(quoted))
    named_after = (
        "là biện pháp được quy định tại Luật Quản lý ngoại thương và quy định tại Chương 6 của "
        "Hiệp định."
    )
    assert by_text(named_after)["Chương 6"].target is None
    heading = "Quy định chi tiết thi hành Luật Hộ tịch, Điều 43. Trách nhiệm thi hành"
    assert by_text(heading)["Điều 43"].target is None
    amended = "Theo Quyết định số 35/2019/QĐ-UBND, Ủy ban nhân dân tỉnh đã bãi bỏ khoản 2 Điều 4"
    assert by_text(amended)["khoản 2 Điều 4"].target is None
    in_title = "Quyết định số 35/2019/QĐ-UBND sửa đổi, bổ sung Điều 4 như sau"
    assert by_text(in_title)["Điều 4"].target is None
