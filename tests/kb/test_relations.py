"""Relation extraction from effect clauses (examples quoted from the corpus)."""

from __future__ import annotations

import datetime as dt

from thpl_nlp.kb.relations import extract_relations


def rels(number, body, heading="Hiệu lực thi hành", eid="art_1"):
    return [(r.kind, r.target_number, r.partial, r.on_date, r.date_rule, r.new_date)
            for r in extract_relations(number, [(eid, heading, body)])]


def test_ends_from_source_effective_date():
    assert rels("06/2017/QH14", "2. Luật Đường sắt số 35/2005/QH11 hết hiệu lực kể từ ngày "
                "Luật này có hiệu lực thi hành.") == [
        ("replaces", "35/2005/QH11", False, None, "source_effective", None)]


def test_replaces_with_explicit_date():
    got = rels("68/2010/NĐ-CP", "Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 8 năm "
               "2010 và thay thế Nghị định số 74/2003/NĐ-CP ngày 26 tháng 6 năm 2003.")
    assert got == [("replaces", "74/2003/NĐ-CP", False, dt.date(2010, 8, 1), "explicit", None)]


def test_numbers_inside_a_description_are_not_targets():
    body = ("2. Nghị quyết số 109/2015/QH13 ngày 27 tháng 11 năm 2015 của Quốc hội về việc thi "
            "hành Bộ luật Hình sự số 100/2015/QH13 và Nghị quyết số 144/2016/QH13 ngày 29 tháng "
            "6 năm 2016 của Quốc hội về việc lùi hiệu lực thi hành của Bộ luật Hình sự số "
            "100/2015/QH13, Bộ luật Tố tụng hình sự số 101/2015/QH13 hết hiệu lực kể từ ngày "
            "Nghị quyết này có hiệu lực thi hành.")
    assert {t for _, t, *_ in rels("12/2017/QH14", body)} == {"109/2015/QH13", "144/2016/QH13"}


def test_partial_repeal_and_amendment_history_cut():
    got = rels("24/2023/QH15", "4. Bãi bỏ Điều 76 của Luật Công nghệ thông tin số "
               "67/2006/QH11 đã được sửa đổi, bổ sung một số điều theo Luật số 21/2017/QH14.")
    assert got == [("repeals", "67/2006/QH11", True, None, "source_effective", None)]


def test_amended_effective_date():
    body = ('2. Sửa đổi, bổ sung khoản 1 Điều 252 như sau:\n"1. Luật này có hiệu lực thi hành '
            'từ ngày 01 tháng 8 năm 2024, trừ trường hợp quy định tại khoản 2 và khoản 3 Điều '
            'này.".')
    got = extract_relations("43/2024/QH15", [(
        "art_1", "Sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15", body)])
    kinds = {(r.kind, r.target_number, r.new_date, r.target_eid) for r in got}
    assert ("amends_effective_date", "31/2024/QH15", dt.date(2024, 8, 1),
            "art_252__para_1") in kinds
    assert any(k[0] == "amends" for k in kinds)


def test_name_only_target_kept_as_text():
    got = extract_relations("65/2006/QH11", [("art_93", "Hiệu lực thi hành", "Luật này có hiệu "
                            "lực thi hành từ ngày 01 tháng 01 năm 2007. Pháp lệnh luật sư năm "
                            "2001 hết hiệu lực kể từ ngày Luật này có hiệu lực.")])
    assert got and got[0].target_number is None and "Pháp lệnh luật sư năm 2001" in (
        got[0].target_text or "")


def test_licence_expiry_is_not_a_document_relation():
    assert rels("32/2024/QH15", "quá thời hạn này mà không khai trương hoạt động thì Giấy phép "
                "đã cấp hết hiệu lực.") == []


def test_named_item_beside_a_numbered_one_is_a_target():
    """60/2010/QH12 Điều 85: the 1996 law has no số hiệu in the text, its amendment has."""
    got = extract_relations("60/2010/QH12", [("art_85", "Hiệu lực thi hành", (
        "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2011. Luật Khoáng sản ngày 20 "
        "tháng 3 năm 1996 và Luật sửa đổi, bổ sung một số điều của Luật Khoáng sản số "
        "46/2005/QH11 hết hiệu lực kể từ ngày Luật này có hiệu lực."))])
    targets = {(r.target_number, r.target_text or "") for r in got}
    assert any(n == "46/2005/QH11" for n, _ in targets)
    assert any(n is None and t.startswith("Luật Khoáng sản ngày 20 tháng 3 năm 1996")
               for n, t in targets)


def test_names_with_commas_are_one_target_each():
    """33/2013/QH13 Điều 46 khoản 2: "Phòng, chống lụt, bão" is one name, not a list."""
    got = extract_relations("33/2013/QH13", [("art_46", "Hiệu lực thi hành", (
        "2. Pháp lệnh phòng, chống lụt, bão năm 1993; Pháp lệnh sửa đổi, bổ sung một số điều "
        "của Pháp lệnh phòng, chống lụt, bão năm 2000 hết hiệu lực kể từ ngày Luật này có hiệu "
        "lực."))])
    texts = sorted(r.target_text for r in got if r.target_number is None)
    assert texts == ["Pháp lệnh phòng, chống lụt, bão năm 1993",
                     "Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh phòng, chống lụt, "
                     "bão năm 2000"]


def test_an_article_in_a_list_under_a_repeal_lead_in_is_partial():
    """254/2025/NĐ-CP: "Bãi bỏ các văn bản … sau đây: … b) Điều 6 Nghị định số
    125/2025/NĐ-CP …" repeals one article; the decree stays in force."""
    got = extract_relations("254/2025/NĐ-CP", [("art_20", "Hiệu lực thi hành", (
        "2. Bãi bỏ các văn bản quy phạm pháp luật sau đây:\n"
        "a) Nghị định số 20/2017/NĐ-CP ngày 24 tháng 02 năm 2017 của Chính phủ;\n"
        "b) Điều 6 Nghị định số 125/2025/NĐ-CP ngày 11 tháng 6 năm 2025 của Chính phủ quy "
        "định về phân định thẩm quyền của chính quyền địa phương 02 cấp."))])
    by_target = {r.target_number: (r.kind, r.partial) for r in got}
    assert by_target["125/2025/NĐ-CP"] == ("repeals", True)
    assert by_target["20/2017/NĐ-CP"][1] is False
