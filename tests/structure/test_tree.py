"""Provision tree: labels, numbering checks, eIds, offsets (no corpus needed)."""

from __future__ import annotations

from thpl_nlp.models import RawText
from thpl_nlp.structure import parse_raw


def parse(text: str):
    return parse_raw(RawText(source="t.txt", text=text, fmt="txt"), strict=False)


def eids(doc, with_paragraphs: bool = False) -> list[str]:
    return [p.eid for p in doc.iter_provisions() if with_paragraphs or p.kind != "paragraph"]


def test_articles_without_period_and_constitution_layout() -> None:
    doc = parse("HIẾN PHÁP\nChương I\nCHẾ ĐỘ CHÍNH TRỊ\nĐiều 1\nNước Việt Nam.\nĐiều 2\n1. Một.\n"
                "2. Hai.")
    assert eids(doc) == ["chp_I", "art_1", "art_2", "art_2__para_1", "art_2__para_2"]
    chp = doc.find("chp_I")
    assert chp.heading == "CHẾ ĐỘ CHÍNH TRỊ" and chp.num == "I"
    assert doc.find("art_1").heading is None


def test_parts_sections_arabic_chapters_and_inserted_articles() -> None:
    doc = parse(
        "LUẬT\nPHẦN THỨ NHẤT\nQUY ĐỊNH CHUNG\nChương 1\nPHẠM VI\nMục 1\nNGUYÊN TẮC\n"
        "Điều 68. Trách nhiệm\nNội dung.\nĐiều 68a. Trách nhiệm mới\nNội dung.\n"
        "Mục 2\nKHÁC\nĐiều 69. Khác\n1. Khoản.\n8a. Khoản chèn không hợp lệ.\n"
    )
    assert eids(doc)[:5] == ["part_1", "chp_1", "chp_1__sec_1", "art_68", "art_68a"]
    assert doc.find("part_1").num == "THỨ NHẤT"
    assert doc.find("chp_1__sec_2").heading == "KHÁC"
    assert doc.find("art_68a").heading == "Trách nhiệm mới"


def test_points_vietnamese_letters_and_subpoints() -> None:
    doc = parse(
        "QUYẾT ĐỊNH\nĐiều 1. Phạm vi\n1. Gồm:\na) một;\nb) hai;\nc) ba;\nd) bốn;\nđ) năm;\n"
        "e) sáu;\ne1) sáu một;\ng) bảy."
    )
    nums = [p.num for p in doc.iter_provisions() if p.kind == "point"]
    assert nums == ["a", "b", "c", "d", "đ", "e", "e1", "g"]
    assert doc.find("art_1__para_1__point_đ") is not None
    assert doc.warnings == ["[W201] Không tìm thấy số hiệu văn bản.",
                            "[W202] Không tìm thấy ngày ban hành."]


def test_wrapped_reference_is_not_an_article_and_gaps_warn() -> None:
    doc = parse(
        "LUẬT\nĐiều 1. Một\nNội dung theo quy định tại\nĐiều 5.\nĐiều 2. Hai\n1. Khoản một.\n"
        "3. Khoản ba.\nĐiều 2. Trùng lặp không có tiêu đề viết hoa\n"
    )
    assert [p.num for p in doc.iter_provisions() if p.kind == "article"] == ["1", "2"]
    assert any(w.startswith("[W204]") and "khoản 1 → khoản 3" in w for w in doc.warnings)


def test_offsets_cover_children_and_exclude_trailing_blank_lines() -> None:
    text = "QUYẾT ĐỊNH:\nĐiều 1. Phạm vi\n\n1. Khoản một:\na) điểm.\n\n\nĐiều 2. Hai\nNội dung."
    doc = parse(text)
    art1 = doc.find("art_1")
    assert text[art1.start : art1.end] == "Điều 1. Phạm vi\n\n1. Khoản một:\na) điểm."
    point = doc.find("art_1__para_1__point_a")
    assert text[point.start : point.end] == "a) điểm."
    assert art1.start <= point.start < point.end <= art1.end


def test_unnumbered_paragraphs_are_nodes_but_not_contract_output() -> None:
    doc = parse("QUYẾT ĐỊNH:\nĐiều 1. Hiệu lực\nQuyết định này có hiệu lực.\nBãi bỏ Quyết định cũ.")
    assert eids(doc, with_paragraphs=True) == ["art_1", "art_1__subpara_1", "art_1__subpara_2"]
    assert [p["eid"] for p in doc.to_contract_dict()["provisions"]] == ["art_1"]


def test_lower_cased_legacy_labels() -> None:
    doc = parse("quyết định về việc thử\nchương ii\nquy định chung\nđiều 1. phạm vi áp dụng.\n"
                "điều 2. hiệu lực.")
    assert eids(doc) == ["chp_II", "art_1", "art_2"]


def test_repeated_page_heading_and_chapters_restarting_in_parts() -> None:
    doc = parse(
        "LUẬT\nPhần thứ nhất\nCHUNG\nChương I\nA\nĐiều 1. A\nNội dung.\n"
        "Phần thứ hai\nRIÊNG\nChương I\nB\nĐiều 2. B\nNội dung.\nPhần thứ hai\nRIÊNG\n"
        "Điều 3. C\nNội dung."
    )
    assert eids(doc) == ["part_1", "part_1__chp_I", "art_1", "part_2", "part_2__chp_I", "art_2",
                         "art_3"]
    assert not any("W204" in w for w in doc.warnings)


def test_attached_regulation_and_appendix() -> None:
    text = (
        "QUYẾT ĐỊNH\nBan hành Quy chế\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quy chế.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày 01 tháng 7 năm 2021.\n"
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n"
        "QUY CHẾ\nLàm việc\n(Ban hành kèm theo Quyết định số 1/2021/QĐ-UBND)\n"
        "Chương I\nCHUNG\nĐiều 1. Phạm vi\nNội dung.\n"
        "PHỤ LỤC I\nDANH MỤC HỒ SƠ\n(Kèm theo Quy chế)\nSTT\tTên hồ sơ\n"
    )
    doc = parse(text)
    assert eids(doc) == ["art_1", "art_2", "att_1__chp_I", "att_1__art_1", "appendix_1"]
    app = doc.find("appendix_1")
    assert app.kind == "appendix" and app.num == "I" and app.heading == "DANH MỤC HỒ SƠ"
    assert [a["eid"] for a in doc.attachments] == ["att_1", "appendix_1"]
    assert "Nơi nhận" not in doc.provision_text(doc.find("art_2"))
    assert doc.signer == "Nguyễn Văn A"
    assert doc.effective_on.isoformat() == "2021-07-01"


def test_article_heading_without_period() -> None:
    doc = parse("QUYẾT ĐỊNH\nVề thử\nĐiều 1 Phạm vi điều chỉnh\nNội dung theo quy định tại\n"
                "Điều 5 Luật này.\nĐiều 2 Hiệu lực\nQuyết định này có hiệu lực.")
    assert [(p.eid, p.heading) for p in doc.iter_provisions() if p.kind == "article"] == [
        ("art_1", "Phạm vi điều chỉnh"), ("art_2", "Hiệu lực")]
    assert "Điều 5 Luật này." in doc.provision_text(doc.find("art_1"))


def test_article_heading_on_the_next_line() -> None:
    doc = parse("THÔNG TƯ\nVề thử\nĐiều 1.\nPhạm vi điều chỉnh\nThông tư này quy định.\nĐiều 2.\n"
                "Điều khoản\nthi hành\nThông tư này có hiệu lực từ ngày 25 tháng 01 năm 2026./.")
    assert [(p.eid, p.heading) for p in doc.iter_provisions() if p.kind == "article"] == [
        ("art_1", "Phạm vi điều chỉnh"), ("art_2", "Điều khoản thi hành")]
    assert doc.effective_on.isoformat() == "2026-01-25"
    # the Constitution's "Điều 1" (no period) keeps its first sentence as text
    const = parse("HIẾN PHÁP\nĐiều 1\nNước Việt Nam là một nước độc lập\nĐiều 2\nNội dung.")
    assert const.find("art_1").heading is None


def test_attachment_titles_from_the_vocabulary() -> None:
    doc = parse(
        "THÔNG TƯ\nBan hành Quy tắc\nĐiều 1. Ban hành kèm theo Thông tư này Quy tắc.\n"
        "Điều 2. Thông tư này có hiệu lực kể từ ngày 20 tháng 12 năm 2012.\nKT. BỘ TRƯỞNG\n"
        "THỨ TRƯỞNG\nNguyễn Đức Chính\nQUY TẮC\nĐẠO ĐỨC HÀNH NGHỀ CÔNG CHỨNG\n________\n"
        "(Ban hành kèm theo Thông tư số 11/2012/TT-BTP)\nChương I\nCHUNG\nĐiều 1. Bảo vệ quyền\n"
        "Nội dung.\nĐiều 2. Nguyên tắc\nNội dung."
    )
    assert eids(doc) == ["art_1", "art_2", "att_1__chp_I", "att_1__art_1", "att_1__art_2"]
    assert doc.attachments[0]["name"] == "QUY TẮC"
    assert doc.signature.title == "THỨ TRƯỞNG" and doc.signer == "Nguyễn Đức Chính"
