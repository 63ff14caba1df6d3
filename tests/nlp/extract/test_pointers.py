import pytest

from thpl_nlp.models import Reference
from thpl_nlp.nlp.extract.pointers import extract_pointers


def ptrs(text: str) -> list:
    return list(extract_pointers(text))


def target(p) -> str | None:
    t = p.target
    if isinstance(t, Reference):
        return t.number or t.title
    return t


@pytest.mark.parametrize(
    "text, eids, tgt",
    [
        (
            "theo điểm a khoản 2 Điều 5 Nghị định số 43/2014/NĐ-CP ngày 15/5/2014",
            ["art_5__para_2__point_a"],
            "43/2014/NĐ-CP",
        ),
        (
            "các khoản 1, 2 và 4 Điều 7 Nghị quyết này",
            ["art_7__para_1", "art_7__para_2", "art_7__para_4"],
            "self",
        ),
        ("Điều 3 Quy định này", ["att_1__art_3"], "self"),
        (
            "từ Điều 5 đến Điều 9 của Luật Đất đai năm 2003",
            ["art_5", "art_6", "art_7", "art_8", "art_9"],
            "Luật Đất đai",
        ),
        (
            "từ điểm a đến điểm đ khoản 1 Điều 3 Luật này",
            [f"art_3__para_1__point_{x}" for x in "a b c d đ".split()],
            "self",
        ),
        (
            "theo Chương II Luật Thi hành tạm giữ, tạm giam",
            ["chp_II"],
            "Luật Thi hành tạm giữ, tạm giam",
        ),
        (
            "theo Khoản 3, Điều 8 của Luật Ngân sách nhà nước",
            ["art_8__para_3"],
            "Luật Ngân sách nhà nước",
        ),
        ("Sửa đổi điểm 6 Điều 1 Quyết định 08/2006/QĐ-UBND", ["art_1__point_6"], "08/2006/QĐ-UBND"),
        ("tại Điều 9a Thông tư số 120/2020/TT-BTC", ["art_9a"], "120/2020/TT-BTC"),
        (
            "Bãi bỏ khoản 3 Điều 10 Quy chế hoạt động của Khu kinh tế ban hành kèm theo Quyết định "
            "số 64/2008/QĐ-TTg",
            ["att_1__art_10__para_3"],
            "64/2008/QĐ-TTg",
        ),
        ("theo Điều 12", ["art_12"], None),
    ],
)
def test_single_pointer(text: str, eids: list[str], tgt: str | None) -> None:
    (p,) = ptrs(text)
    assert p.eids == eids
    assert target(p) == tgt
    assert text[p.start : p.end] == p.text


def test_chain_shares_article_and_target() -> None:
    text = (
        "quy định tại điểm b khoản 6, điểm c khoản 10 Điều 14; điểm b khoản 9 Điều 50 Nghị định "
        "số 186/2025/NĐ-CP."
    )
    got = [(e, target(p)) for p in ptrs(text) for e in p.eids]
    assert got == [
        ("art_14__para_6__point_b", "186/2025/NĐ-CP"),
        ("art_14__para_10__point_c", "186/2025/NĐ-CP"),
        ("art_50__para_9__point_b", "186/2025/NĐ-CP"),
    ]


def test_list_before_a_shared_target() -> None:
    text = "khoản 2 Điều 10 và khoản 2 Điều 17 của Luật Trợ giúp pháp lý;"
    assert [(p.eids, target(p)) for p in ptrs(text)] == [
        (["art_10__para_2"], "Luật Trợ giúp pháp lý"),
        (["art_17__para_2"], "Luật Trợ giúp pháp lý"),
    ]


def test_relative_pointers_get_fragments() -> None:
    (p,) = ptrs("trong trường hợp quy định tại Điểm a và Điểm b Khoản 1 Điều này")
    assert p.relative and p.target == "self"
    assert p.eids == ["para_1__point_a", "para_1__point_b"]
    (q,) = ptrs("quy định tại khoản 2 Điều này")
    assert q.relative and q.eids == ["para_2"]


def test_headings_are_not_pointers() -> None:
    text = "Điều 5. Hiệu lực thi hành\nChương II\n## Điều 6. Trách nhiệm\nĐiều 28.3.LQ.1. Phạm vi"
    assert ptrs(text) == []


def test_to_dict_is_json_ready() -> None:
    import json

    (p,) = ptrs("khoản 1 Điều 20 Nghị định số 77/2008/NĐ-CP")
    d = p.to_dict()
    json.dumps(d)
    assert d["target"]["number"] == "77/2008/NĐ-CP" and d["eids"] == ["art_20__para_1"]


def test_points_of_this_clause_are_relative() -> None:
    (p,) = ptrs("các quy định tại Điểm a, b và c của Khoản này")
    assert p.relative and p.target == "self"
    assert p.eids == ["point_a", "point_b", "point_c"]


def test_sections_of_a_chapter() -> None:
    (p,) = ptrs("theo các Mục 1, Mục 2 và Mục 3 Chương II Quyết định số 18/2021/QĐ-TTg")
    assert p.eids == ["chp_II__sec_1", "chp_II__sec_2", "chp_II__sec_3"]
    assert target(p) == "18/2021/QĐ-TTg"


def test_target_after_duoc_quy_dinh_tai() -> None:
    (p,) = ptrs("điểm d khoản 1 Điều 4 được quy định tại Nghị quyết này")
    assert p.eids == ["art_4__para_1__point_d"] and p.target == "self"


def test_section_without_article() -> None:
    (p,) = ptrs("điểm d khoản 2 mục II Thông tư số 65/2008/TT-BTC")
    assert p.eids == ["sec_II__para_2__point_d"] and target(p) == "65/2008/TT-BTC"
