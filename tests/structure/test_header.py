"""Header metadata, legal bases, proposer and effective date (no corpus needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from thpl_nlp.errors import ThplError
from thpl_nlp.models import RawText
from thpl_nlp.structure import parse_raw
from thpl_nlp.structure.effect import find_effective
from thpl_nlp.structure.header import format_issuer, match_doc_type
from thpl_nlp.structure.lines import canonical_number

HEADER = (
    "HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nSố: 28 / 2022 / NQ-HDND\nĐà Nẵng, ngày 14 tháng 7 năm 2022\n"
    "NGHỊ QUYẾT\nVề quy định mức khoán kinh phí,\n\nhoạt động tổ dân phố\n"
    "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG\nKHÓA X, KỲ HỌP THỨ 7\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ "
    "sung một số điều của Luật Tổ chức Chính phủ ngày 22 tháng 11 năm 2019;\n"
    "Căn cứ Nghị định số 34/2021/NĐ-CP ngày 29 tháng 3 năm 2021\ncủa Chính phủ;\n"
    "Xét Tờ trình số 80/TTr-UBND ngày 07 tháng 6 năm 2022 của Ủy ban nhân dân thành phố.\n"
    "QUYẾT NGHỊ:\nĐiều 1. Mức khoán.\nĐiều 2. Hiệu lực thi hành\nNghị quyết này có hiệu lực thi "
    "hành sau 10 ngày kể từ ngày Hội đồng nhân dân thành phố biểu quyết thông qua.\n"
    "Nghị quyết này đã được Hội đồng nhân dân thành phố Đà Nẵng khóa X thông qua ngày 14 tháng 7 "
    "năm 2022./.\nCHỦ TỊCH\n(Đã ký)\nLương Nguyễn Minh Triết\n"
)


@pytest.fixture(scope="module")
def doc():
    return parse_raw(RawText(source="nq.txt", text=HEADER, fmt="txt"))


def test_metadata(doc) -> None:
    assert doc.number == "28/2022/NQ-HĐND"
    assert doc.doc_type == "Nghị quyết"
    assert doc.issuer == "Hội đồng nhân dân thành phố Đà Nẵng"
    assert doc.place == "Đà Nẵng"
    assert doc.issued_on == dt.date(2022, 7, 14)
    assert doc.title == "Về quy định mức khoán kinh phí, hoạt động tổ dân phố"
    assert doc.effective_on == dt.date(2022, 7, 24)
    assert doc.signer == "Lương Nguyễn Minh Triết"
    assert doc.warnings == []


def test_bases_offsets_two_laws_one_line_and_wrapped(doc) -> None:
    assert len(doc.bases) == 2
    first, second = doc.bases
    assert first.text.endswith("ngày 22 tháng 11 năm 2019;") and "; Luật sửa đổi" in first.text
    wrapped = "Căn cứ Nghị định số 34/2021/NĐ-CP ngày 29 tháng 3 năm 2021\ncủa Chính phủ;"
    assert second.text == wrapped
    for b in doc.bases:
        assert HEADER[b.start : b.end] == b.text and b.refs == []
    assert doc.proposer.startswith("Xét Tờ trình số 80/TTr-UBND")


def test_adoption_formula_and_signature_outside_articles(doc) -> None:
    art2 = doc.provision_text(doc.find("art_2"))
    assert art2.endswith("biểu quyết thông qua.")
    assert doc.signature.title == "CHỦ TỊCH"


@pytest.mark.parametrize(
    ("raw", "canon"),
    [("12/2021/QĐ-UBND", "12/2021/QĐ-UBND"), ("43/2014/ND-CP", "43/2014/NĐ-CP"),
     ("126/2004 / / NĐ-CP", "126/2004/NĐ-CP"), ("23/VBHN-VPQH", "23/VBHN-VPQH"),
     ("61/2025/QÐ-CTUBND", "61/2025/QĐ-CTUBND"), ("45/2013/qh13", "45/2013/QH13")],
)
def test_canonical_number(raw: str, canon: str) -> None:
    assert canonical_number(raw) == canon


@pytest.mark.parametrize(
    ("line", "issuer"),
    [("ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", "Ủy ban nhân dân tỉnh Bắc Giang"),
     ("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG",
      "Chủ tịch Ủy ban nhân dân thành phố Đà Nẵng"),
     ("Uỷ ban nhân dân thành phố hồ chí minh", "Ủy ban nhân dân thành phố Hồ Chí Minh"),
     ("QUỐC HỘI", "Quốc hội"), ("BỘ TÀI CHÍNH", "Bộ Tài chính"),
     ("Bộ trưởng bộ nội vụ", "Bộ trưởng Bộ Nội vụ"), ("Điều 1. Phạm vi", None),
     ("BỘ CÔNG THƯƠNG", "Bộ Công Thương"),
     ("Bộ trưởng bộ nông nghiệp và phát triển nông thôn",
      "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn")],
)
def test_format_issuer(line: str, issuer: str | None) -> None:
    assert format_issuer(line) == issuer


def test_doc_types() -> None:
    assert match_doc_type("THÔNG TƯ LIÊN TỊCH") == ("Thông tư liên tịch", "")
    assert match_doc_type("Chỉ thị về việc tăng cường") == ("Chỉ thị", "về việc tăng cường")
    assert match_doc_type("Luật này có hiệu lực") is None


@pytest.mark.parametrize(
    ("sentence", "issued", "expected"),
    [
        ("Quyết định này có hiệu lực kể từ ngày 25 tháng 6 năm 2021.", None, "2021-06-25"),
        ("Quyết định này có hiệu lực thi hành từ ngày 01/01/2006.", None, "2006-01-01"),
        ("Quyết định này có hiệu lực sau mười ngày kể từ ngày ký ban hành.", "2010-01-15",
         "2010-01-25"),
        ("Quyết định này có hiệu lực sau 15 ngày kể từ ngày ký.", "2010-01-15", "2010-01-30"),
        ("Quyết định này có hiệu lực kể từ ngày ký.", "2010-01-15", "2010-01-15"),
        ("Nghị quyết này có hiệu lực sau 10 ngày kể từ ngày 05 tháng 3 năm 2020.", None,
         "2020-03-15"),
        ("Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.", None, None),
    ],
)
def test_effective_dates(sentence: str, issued: str | None, expected: str | None) -> None:
    d = dt.date.fromisoformat(issued) if issued else None
    got, span = find_effective(sentence, d)
    assert (got.isoformat() if got else None) == expected
    assert span is not None and sentence[span[0] :].startswith("có hiệu lực")


def test_effect_clause_of_this_document_preferred() -> None:
    text = ("Quyết định số 5/2019/QĐ-UBND có hiệu lực kể từ ngày 01 tháng 01 năm 2019 hết "
            "hiệu lực. Quyết định này có hiệu lực kể từ ngày 01 tháng 02 năm 2020.")
    assert find_effective(text, None)[0] == dt.date(2020, 2, 1)


def test_not_a_legal_document_raises_e111() -> None:
    raw = RawText(source="tin.txt", text="Chiến thắng biên giới 1950\nNăm 1950, quân ta thắng lớn.",
                  fmt="txt")
    with pytest.raises(ThplError) as err:
        parse_raw(raw)
    assert err.value.code == "E111" and "tin.txt" in str(err.value)
    lenient = parse_raw(raw, strict=False)
    assert any(w.startswith("[E111]") for w in lenient.warnings)


def test_partial_and_quoted_effect_clauses_lose_to_the_general_one() -> None:
    text = ("“2. Khoản 3 Điều 86 của Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2028.”\n"
            "Điều 3. Hiệu lực thi hành\n1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm "
            "2026, trừ trường hợp quy định tại khoản 2 Điều này.\n2. Khoản 6 Điều 2 của Luật này "
            "có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.")
    assert find_effective(text, None, doc_type="Luật")[0] == dt.date(2026, 1, 1)
