"""Conflict candidates: point-in-time fallback and caps/floors on rates, amounts and areas.

Higher-level texts are quoted from the corpus (KB built from ``central/vbpl_review.zip``):
77/2018/NĐ-CP Điều 5 khoản 1 điểm a, 58/2008/NĐ-CP Điều 6 khoản 1, 151/2017/NĐ-CP Điều 27.
The local texts of the negative cases are the real provincial provisions that a first version
of the amount comparison flagged wrongly (legacy 00215308, 00261152; Đà Nẵng dn-04).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from thpl_nlp.models import LegalDocument, Provision, RawText
from thpl_nlp.review.quantities import measures
from thpl_nlp.review.rules import ReviewContext, conflict
from thpl_nlp.review.run import review_document

AS_OF = dt.date(2026, 11, 26)

# 77/2018/NĐ-CP Điều 5 khoản 1 điểm a (in force)
IRRIGATION_CAP = (
    "a) Hỗ trợ tối đa 50% chi phí vật liệu, máy thi công và thiết bị để đầu tư xây dựng hệ "
    "thống tưới tiên tiến, tiết kiệm nước cho cây trồng cạn, mức hỗ trợ không quá 40 triệu "
    "đồng/ha;"
)
# 58/2008/NĐ-CP Điều 6 khoản 1
TENDER_DOSSIER_PRICE = (
    "1. Mức giá bán một bộ hồ sơ mời thầu (bao gồm cả thuế) do chủ đầu tư quyết định căn cứ "
    "quy mô, tính chất của gói thầu nhưng tối đa là 1.000.000 đồng đối với đấu thầu trong nước"
)
# 151/2017/NĐ-CP Điều 27 (a condition "dưới …", not a cap)
DIRECT_SALE = (
    "Bán tài sản công theo hình thức chỉ định được áp dụng đối với tài sản công có nguyên giá "
    "theo sổ kế toán dưới 250 triệu đồng/01 đơn vị tài sản và giá trị đánh giá lại dưới 10 "
    "triệu đồng/01 đơn vị tài sản"
)


class OneTextKB:
    """A KB whose search always returns the given higher provisions (all in force)."""

    def __init__(self, *hits: tuple[str, str, str]) -> None:
        self.hits = hits

    def search(self, query: str, k: int = 5, as_of: dt.date | None = None) -> list[dict]:
        return [{"number": n, "eid": e, "text": t, "effective_on": "2018-07-01"}
                for n, e, t in self.hits]

    def status(self, number: str, as_of: dt.date | None = None) -> dict[str, Any]:
        return {"number": number, "status": "in_force", "effective_on": "2018-07-01"}

    def resolve(self, ref: Any) -> None:
        return None

    def cited_by(self, number: str) -> list[Any]:
        return []


def _conflicts(text: str, kb: Any, issuer: str = "Ủy ban nhân dân tỉnh Nghệ An",
               number: str | None = "10/2024/QĐ-UBND") -> list[Any]:
    doc = LegalDocument("t", RawText("t", text, "txt"), number=number,
                        issuer=issuer,
                        provisions=[Provision("art_1", "article", "1", 0, len(text))])
    return list(conflict.check(ReviewContext(doc=doc, as_of=AS_OF, kb=kb)))


def test_measures_read_caps_and_floors_not_conditions():
    assert [(m.kind, m.high, m.bound) for m in measures(IRRIGATION_CAP)] == [
        ("percent", 50.0, "max"), ("money", 40e6, "max")]
    assert [m.bound for m in measures(DIRECT_SALE)] == ["", ""]  # "dưới": a condition
    assert [(m.low, m.bound) for m in measures("diện tích tối thiểu là 40 m2")] == [
        (40.0, "min")]
    assert [m.bound for m in measures("Diện tích tối thiểu của thửa đất ở được tách thửa tại "
                                      "đô thị là 40 m2")] == ["min"]
    assert [m.per for m in measures("tối đa không quá 30.000.000 đồng/1 gói thầu")] == [
        "/góithầu"]


def test_amount_above_the_higher_cap_is_a_conflict():
    kb = OneTextKB(("77/2018/NĐ-CP", "art_5", IRRIGATION_CAP))
    local = ("Hỗ trợ đầu tư xây dựng hệ thống tưới tiên tiến, tiết kiệm nước cho cây trồng "
             "cạn: mức hỗ trợ 60 triệu đồng/ha.")
    found = _conflicts(local, kb)
    assert [(d.rule, d.category) for d in found] == [("conflict.bound_exceeded", "conflict")]
    d = found[0]
    assert "60 triệu đồng/ha" in d.what and "40 triệu đồng/ha" in d.what
    assert local[d.start : d.end] == "60 triệu đồng/ha"
    assert d.evidence[1].source.startswith("77/2018/NĐ-CP")
    # within the cap: nothing
    assert _conflicts(local.replace("60 triệu", "30 triệu"), kb) == []


def test_a_floor_is_compared_the_other_way():
    higher = ("Diện tích tối thiểu của thửa đất ở được tách thửa tại đô thị là 40 m2 đối "
              "với đất ở tại đô thị.")
    kb = OneTextKB(("99/2099/NĐ-CP", "art_1", higher))
    local = "Diện tích tối thiểu của thửa đất ở được tách thửa tại đô thị là 30 m2."
    assert [d.rule for d in _conflicts(local, kb)] == ["conflict.bound_exceeded"]
    assert _conflicts(local.replace("30 m2", "50 m2"), kb) == []


def test_first_contact_false_positives_stay_quiet():
    """The real provisions earlier versions flagged: another subject, another fee, a
    condition read as a cap, a percentage of another base."""
    kb = OneTextKB(("77/2018/NĐ-CP", "art_5", IRRIGATION_CAP),
                   ("58/2008/NĐ-CP", "art_6", TENDER_DOSSIER_PRICE),
                   ("151/2017/NĐ-CP", "art_27", DIRECT_SALE))
    gpmb = ("2. Hỗ trợ bồi thường giải phóng mặt bằng:\nNgân sách tỉnh hỗ trợ kinh phí bồi "
            "thường đất, giải phóng mặt bằng KCN nhỏ theo dự toán được phê duyệt.\nMức hỗ trợ "
            "tối đa là 100 triệu đồng / ha.")
    appraisal_fee = ("Điều 1. Phê duyệt mức thu, nộp, tỷ lệ điều tiết và chế độ quản lý sử dụng "
                     "phí thẩm định kết quả đấu thầu trên địa bàn tỉnh Lâm Đồng, cụ thể như sau:"
                     "\nI. mức thu:\n- Bằng 0,05% giá trị một gói thầu.\nNhưng tối đa không quá "
                     "30.000.000 đồng/1 gói thầu.")
    public_assets = ("1. Cơ quan có thẩm quyền thu hồi tài sản công quy định tại Điều 9 là cơ "
                     "quan quyết định bán (trừ tài sản công có nguyên giá dưới 250 triệu đồng/01 "
                     "đơn vị tài sản, tài sản có giá trị đánh giá lại dưới 50 triệu đồng/01 đơn "
                     "vị tài sản của đơn vị sự nghiệp công lập).")
    # 36/2019/NĐ-CP Điều 4 (national teams) and a legacy district-team level: other bases
    kb.hits += (("36/2019/NĐ-CP", "art_4",
                 "Huấn luyện viên và vận động viên thể thao thành tích cao được triệu tập vào "
                 "các đội tuyển thể thao quốc gia để chuẩn bị tham dự Đại hội Thể thao Đông Nam Á"
                 " được hưởng chế độ dinh dưỡng cao hơn tối đa không quá 50% mức quy định tại "
                 "khoản 1 Điều này trong thời gian không quá 90 ngày"),)
    district_team = ("3. Đối với vận động viên, huấn luyện viên đội tuyển, đội tuyển trẻ và đội "
                     "tuyển năng khiếu cấp huyện mức chi dinh dưỡng bằng 80% mức chi của cấp "
                     "tỉnh.")
    for text in (gpmb, appraisal_fee, public_assets, district_team):
        assert _conflicts(text, kb) == [], text


def test_central_documents_are_not_compared():
    kb = OneTextKB(("77/2018/NĐ-CP", "art_5", IRRIGATION_CAP))
    local = ("Hỗ trợ đầu tư xây dựng hệ thống tưới tiên tiến, tiết kiệm nước cho cây trồng "
             "cạn: mức hỗ trợ 60 triệu đồng/ha.")
    assert _conflicts(local, kb, issuer="Bộ Nông nghiệp và Phát triển nông thôn",
                      number="01/2024/TT-BNNPTNT") == []


def _replaced_kb(kb_facts: dict[str, Any], replaced: bool) -> Any:
    """The example's KB, except that Luật Xây dựng 50/2014/QH13 (with its amendment by
    62/2020/QH14) ends on 2026-07-01, replaced by 135/2025/QH15, whose text gives no time
    limit (the Government sets the procedure: 135/2025/QH15 Điều 44 khoản 3)."""
    base = kb_facts["FakeKB"]

    class ReplacedKB(base):
        def status(self, number, as_of=None):
            st = super().status(number, as_of)
            ended = replaced and as_of is not None and as_of >= dt.date(2026, 7, 1)
            if number in ("50/2014/QH13", "62/2020/QH14") and ended:
                st = {**st, "status": "expired", "not_in_force_from": "2026-07-01",
                      "replaced_by": ["135/2025/QH15"], "current_successor": ["135/2025/QH15"]}
            return st

        def search(self, query, k=5, as_of=None):
            if self.status("62/2020/QH14", as_of)["status"] == "expired":
                return []  # nothing in force states a time limit for building permits
            return super().search(query, k=k, as_of=as_of)

    return ReplacedKB()


def test_past_conflict_with_a_replaced_law_is_still_reported(example_doc, kb_facts):
    """The worked example as of 2026-11-26: the 20 days of 62/2020/QH14 no longer apply
    (Luật Xây dựng replaced from 2026-07-01), but Điều 4 was unlawful from its issue and was
    never amended: the conflict is raised at medium severity, naming the new law."""
    found = [f for f in review_document(example_doc, as_of=AS_OF,
                                        kb=_replaced_kb(kb_facts, replaced=True))
             if f.category == "conflict"]
    assert [(f.eid, f.rule, f.severity) for f in found] == [
        ("att_1__art_4", "conflict.deadline_longer", "medium")]
    msg = found[0].message
    assert "20 ngày" in msg and "135/2025/QH15" in msg and "01/07/2026" in msg
    assert "khi văn bản được ban hành" in msg
    # the same finding as before the replacement (same fingerprint), with another fact
    before = next(f for f in review_document(example_doc, as_of=dt.date(2025, 6, 1),
                                             kb=_replaced_kb(kb_facts, replaced=True))
                  if f.category == "conflict")
    assert before.fingerprint == found[0].fingerprint
    assert before.fact_hash != found[0].fact_hash
    assert before.severity == "high"


def test_past_conflict_is_not_reported_while_the_higher_law_is_in_force(example_doc, kb_facts):
    """If the higher law is still in force and nothing in force conflicts today, a conflict
    with its earlier wording is history, not a finding."""
    kb = _replaced_kb(kb_facts, replaced=False)
    kb.search = lambda query, k=5, as_of=None: (  # today nothing matches; at issue it did
        [] if as_of == AS_OF else type(kb).search(kb, query, k=k, as_of=as_of))
    found = [f for f in review_document(example_doc, as_of=AS_OF, kb=kb)
             if f.category == "conflict"]
    assert found == []
