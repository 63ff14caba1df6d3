"""Numbers read from the header and split labels of web copies (no corpus needed)."""

from __future__ import annotations

import pytest

from thpl_nlp.models import RawText
from thpl_nlp.structure import parse_raw
from thpl_nlp.structure.header import NUMBER_RE


@pytest.mark.parametrize(
    ("line", "num"),
    [("Số: 102/2025/NQLT - UBTVQH15 - CP - ĐCTUBTWMTQVN",
      "102/2025/NQLT - UBTVQH15 - CP - ĐCTUBTWMTQVN"),
     ("Luật số: 72/2025/QH15 - LUẬT", "72/2025/QH15"),
     ("Số: 12/2021/QĐ-UBND  Bắc Giang, ngày 15 tháng 6 năm 2021", "12/2021/QĐ-UBND")],
)
def test_number_in_header_line(line: str, num: str) -> None:
    assert NUMBER_RE.search(line).group("num") == num


def test_article_label_split_over_lines() -> None:
    text = "LUẬT\nĐiều 44. A\nNội dung.\nĐiều\n45\n. Xây dựng văn bản\n1. Khoản.\nĐiều 46. B\nX."
    doc = parse_raw(RawText(source="web.md", text=text, fmt="md"), strict=False)
    art = doc.find("art_45")
    assert art.heading == "Xây dựng văn bản"
    assert text[art.start : art.end] == "Điều\n45\n. Xây dựng văn bản\n1. Khoản."
    assert doc.find("art_45__para_1") is not None
    assert not any("W204" in w for w in doc.warnings)


def test_yaml_header_fills_what_the_text_lacks() -> None:
    raw = RawText(source="web.md", fmt="md", text="Điều 1. Phạm vi\nNội dung.\nĐiều 2. Hiệu lực\n"
                  "Quyết định này có hiệu lực kể từ ngày ký.",
                  meta={"so_hieu": "5 / 2020 / QĐ-UBND", "ngay_ban_hanh": "2020-01-02",
                        "loai_van_ban": "Quyết định"})
    doc = parse_raw(raw, strict=False)
    assert (doc.number, doc.doc_type, doc.issued_on.isoformat(), doc.effective_on.isoformat()) == (
        "5/2020/QĐ-UBND", "Quyết định", "2020-01-02", "2020-01-02")
