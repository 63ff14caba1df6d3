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
