"""Property test: any well-formed generated document parses back to the tree it was made from."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from thpl_nlp.models import RawText
from thpl_nlp.structure import parse_raw
from thpl_nlp.structure.tree import POINT_LETTERS

WORDS = st.sampled_from(["quy định", "hồ sơ", "thời hạn", "cơ quan", "tổ chức", "cá nhân",
                         "giấy phép", "xây dựng", "ngân sách", "đất đai"])
SENTENCE = st.lists(WORDS, min_size=2, max_size=8).map(lambda ws: " ".join(ws))

# an article: heading or not, and for each clause the number of points
ARTICLE = st.tuples(st.booleans(), st.lists(st.integers(0, 6), max_size=5))
DOC = st.tuples(st.lists(ARTICLE, min_size=1, max_size=8), st.booleans(), st.data())


def render(articles, blank: bool, data) -> tuple[str, list[str]]:
    sep = "\n\n" if blank else "\n"
    lines = ["QUYẾT ĐỊNH", "Về việc " + data.draw(SENTENCE), "QUYẾT ĐỊNH:"]
    eids = []
    for i, (has_heading, clauses) in enumerate(articles, 1):
        body = data.draw(SENTENCE)
        if has_heading:
            lines.append(f"Điều {i}. {body[:1].upper()}{body[1:]}")
        else:
            lines.append(f"Điều {i}. {body[:1].upper()}{body[1:]}:" if clauses else
                         f"Điều {i}. {body[:1].upper()}{body[1:]}.")
        eids.append(f"art_{i}")
        if has_heading and not clauses:
            lines.append(data.draw(SENTENCE).capitalize() + ".")
        for j, npoints in enumerate(clauses, 1):
            lines.append(f"{j}. {data.draw(SENTENCE).capitalize()}" + (":" if npoints else "."))
            eids.append(f"art_{i}__para_{j}")
            for k in range(npoints):
                letter = POINT_LETTERS[k]
                lines.append(f"{letter}) {data.draw(SENTENCE)};")
                eids.append(f"art_{i}__para_{j}__point_{letter}")
    return sep.join(lines), eids


@settings(max_examples=60, deadline=None)
@given(DOC)
def test_generated_documents_round_trip(spec) -> None:
    articles, blank, data = spec
    text, eids = render(articles, blank, data)
    doc = parse_raw(RawText(source="gen.txt", text=text, fmt="txt"), strict=False)
    got = [p.eid for p in doc.iter_provisions() if p.kind != "paragraph"]
    assert got == eids
    for p in doc.iter_provisions():
        assert text[p.start : p.end] == text[p.start : p.end].strip()
        for c in p.children:
            assert p.start <= c.start and c.end <= p.end
    assert not any(w.startswith("[W204]") for w in doc.warnings)


LINES = st.sampled_from([
    "QUYẾT ĐỊNH", "QUYẾT ĐỊNH:", "NGHỊ QUYẾT", "Căn cứ Luật Tổ chức chính quyền địa phương;",
    "Theo đề nghị của Sở Tư pháp.", "Chương I", "CHƯƠNG II", "QUY ĐỊNH CHUNG", "Mục 1",
    "Phần thứ nhất", "Điều 1. Phạm vi", "Điều 2.", "Điều 2", "Điều 3 Hiệu lực", "1. Khoản.",
    "2.", "a) điểm;", "đ) điểm", "b1) điểm", "I. Nhóm", "Nơi nhận:", "- Như Điều 3;",
    "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH", "Nguyễn Văn A", "(Đã ký)", "QUY ĐỊNH",
    "(Ban hành kèm theo Quyết định số 1/2021/QĐ-UBND)", "PHỤ LỤC I", "(Kèm theo)", "",
    "Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.", "Số: 1/2021/QĐ-UBND",
    "Hà Nội, ngày 31 tháng 12 năm 2021", "Nghị quyết này đã được Hội đồng nhân dân tỉnh thông qua "
    "ngày 10 tháng 7 năm 2024.", "XÁC THỰC VĂN BẢN HỢP NHẤT", "STT\tNội dung", "văn bản thường",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=40), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_any_line_soup_parses_without_crash(lines, sep) -> None:
    text = sep.join(lines)
    doc = parse_raw(RawText(source="soup.txt", text=text, fmt="txt"), strict=False)
    seen = set()
    for p in doc.iter_provisions():
        assert 0 <= p.start < p.end <= len(text)
        assert p.eid not in seen
        seen.add(p.eid)
        for c in p.children:
            assert p.start <= c.start and c.end <= p.end
    for b in doc.bases:
        assert text[b.start : b.end] == b.text
