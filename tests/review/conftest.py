"""Fixtures of the review tests: the worked example as a LegalDocument, and a fake KB.

Every fact below is quoted from the corpus (path given), never invented:
- 64/2025/QH15 Điều 71 khoản 1, 3 (central/2025/64-2025-QH15.md): in force 01/4/2025; ends
  80/2015/QH13 as amended by 63/2020/QH14.
- 72/2025/QH15 Điều 51 khoản 1, 2 (central/2025/72-2025-QH15.md): in force when adopted
  (16/6/2025), ends 65/2025/QH15, which had replaced 77/2015/QH13 (corpus README).
- 62/2020/QH14 Điều 1 khoản 36 (central/vbpl_review.zip scraped/62-2020-qh14.json): amends
  Điều 102 khoản 1 điểm e Luật Xây dựng 50/2014/QH13 (20 days), in force 01/01/2021.
- 50/2014/QH13 Điều 95, Điều 102 (scraped/50-2014-qh13.json): original dossier and 30 days.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from thpl_nlp.models import LegalBasis, LegalDocument, Provision, RawText, Reference, Signature

D = dt.date.fromisoformat

ART_102_2014 = (
    "e) Kể từ ngày nhận đủ hồ sơ hợp lệ, cơ quan có thẩm quyền cấp giấy phép xây dựng phải xem "
    "xét hồ sơ để cấp giấy phép trong thời gian 30 ngày đối với trường hợp cấp giấy phép xây "
    "dựng, bao gồm cả giấy phép xây dựng có thời hạn, giấy phép xây dựng điều chỉnh, giấy phép di "
    "dời và trong thời gian 15 ngày đối với nhà ở riêng lẻ."
)
ART_102_2020 = (
    "e) Kể từ ngày nhận đủ hồ sơ hợp lệ, cơ quan có thẩm quyền cấp giấy phép xây dựng phải xem "
    "xét hồ sơ để cấp giấy phép trong thời gian 20 ngày đối với trường hợp cấp giấy phép xây "
    "dựng công trình, bao gồm cả giấy phép xây dựng có thời hạn, giấy phép xây dựng điều chỉnh, "
    "giấy phép di dời và trong thời gian 15 ngày đối với nhà ở riêng lẻ. Trường hợp đến thời hạn "
    "cấp giấy phép nhưng cần phải xem xét thêm thì cơ quan cấp giấy phép xây dựng phải thông báo "
    "bằng văn bản cho chủ đầu tư biết lý do, đồng thời báo cáo cấp có thẩm quyền quản lý trực "
    "tiếp xem xét và chỉ đạo thực hiện, nhưng không được quá 10 ngày kể từ ngày hết hạn theo quy "
    "định tại khoản này."
)
ART_95_2014 = (
    "1. Hồ sơ đề nghị cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ gồm:\n"
    "a) Đơn đề nghị cấp giấy phép xây dựng;\n"
    "b) Bản sao một trong những giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật "
    "về đất đai;\n"
    "c) Bản vẽ thiết kế xây dựng;\n"
    "d) Đối với công trình xây dựng có công trình liền kề phải có bản cam kết bảo đảm an toàn "
    "đối với công trình liền kề."
)

DOCS: dict[str, dict[str, Any]] = {
    "80/2015/QH13": {
        "doc_type": "Luật", "title": "Luật Ban hành văn bản quy phạm pháp luật",
        "issued_on": "2015-06-22", "effective_on": "2016-07-01", "ends": "2025-04-01",
        "replaced_by": ["64/2025/QH15"],
        "evidence": [{"source": "64/2025/QH15 art_71__para_3", "text": (
            "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 đã được sửa đổi, bổ sung "
            "một số điều theo Luật số 63/2020/QH14 hết hiệu lực thi hành từ ngày Luật này có "
            "hiệu lực thi hành")}],
    },
    "64/2025/QH15": {
        "doc_type": "Luật", "title": "Luật Ban hành văn bản quy phạm pháp luật",
        "issued_on": "2025-02-19", "effective_on": "2025-04-01",
    },
    "77/2015/QH13": {
        "doc_type": "Luật", "title": "Luật Tổ chức chính quyền địa phương",
        "issued_on": "2015-06-19", "effective_on": "2016-01-01", "ends": "2025-03-01",
        "replaced_by": ["65/2025/QH15"], "successor": ["72/2025/QH15"],
    },
    "65/2025/QH15": {
        "doc_type": "Luật", "title": "Luật Tổ chức chính quyền địa phương",
        "issued_on": "2025-02-19", "effective_on": "2025-03-01", "ends": "2025-06-16",
        "replaced_by": ["72/2025/QH15"],
    },
    "72/2025/QH15": {
        "doc_type": "Luật", "title": "Luật Tổ chức chính quyền địa phương",
        "issued_on": "2025-06-16", "effective_on": "2025-06-16",
    },
    "50/2014/QH13": {
        "doc_type": "Luật", "title": "Luật Xây dựng", "issued_on": "2014-06-18",
        "effective_on": "2015-01-01",
    },
    "62/2020/QH14": {
        "doc_type": "Luật", "title": "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng",
        "issued_on": "2020-06-17", "effective_on": "2021-01-01",
    },
    "15/2021/NĐ-CP": {
        "doc_type": "Nghị định", "title": "quy định chi tiết một số nội dung về quản lý dự án "
        "đầu tư xây dựng", "issued_on": "2021-03-03", "effective_on": "2021-03-03",
    },
}
# Higher-level provisions with the period each text was in force: (number, eid, text, from, to)
PROVISIONS = [
    ("50/2014/QH13", "art_102__para_1__point_e", ART_102_2014, "2015-01-01", "2021-01-01"),
    ("62/2020/QH14", "art_1__para_36", ART_102_2020, "2021-01-01", "9999-12-31"),
    ("50/2014/QH13", "art_95__para_1", ART_95_2014, "2015-01-01", "9999-12-31"),
]
NAMES = {("Luật Tổ chức chính quyền địa phương", dt.date(2015, 6, 19)): "77/2015/QH13"}


class FakeKB:
    """Point-in-time status and search over the facts above."""

    def status(self, number: str, as_of: dt.date | None = None) -> dict[str, Any] | None:
        d = DOCS.get(number)
        if d is None:
            return {"number": number, "status": "unknown", "evidence": []}
        as_of = as_of or dt.date.today()
        eff, ends = D(d["effective_on"]), D(d["ends"]) if d.get("ends") else None
        if as_of < eff:
            st = "not_yet_in_force"
        elif ends and as_of >= ends:
            st = "expired"
        else:
            st = "in_force"
        succ = d.get("successor") or d.get("replaced_by") if st == "expired" else None
        return {
            "number": number, "doc_type": d["doc_type"], "title": d["title"],
            "issued_on": d["issued_on"], "effective_on": d["effective_on"], "status": st,
            "not_in_force_from": d.get("ends") if st == "expired" else None,
            "replaced_by": d.get("replaced_by", []) if st == "expired" else [],
            "current_successor": succ, "evidence": d.get("evidence", []),
        }

    def resolve(self, ref: Reference) -> str | None:
        title = (ref.title or "").strip()
        for (name, date), number in NAMES.items():
            if name.lower() in (title or ref.text).lower() and (ref.issued_on in (None, date)):
                return number
        return None

    def search(self, query: str, k: int = 5, as_of: dt.date | None = None) -> list[dict]:
        as_of = as_of or dt.date.today()
        q = set(query.lower().split())
        scored = []
        for number, eid, text, start, end in PROVISIONS:
            if not (D(start) <= as_of < D(end)):
                continue
            score = len(q & set(text.lower().split())) / max(len(q), 1)
            scored.append({"number": number, "eid": eid, "text": text, "score": score,
                           "effective_on": start})
        return sorted(scored, key=lambda h: -h["score"])[:k]

    def cited_by(self, number: str) -> list[Any]:
        return []


EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "examples"


def doc_from_parse_json(txt: Path, parsed: Path) -> LegalDocument:
    """Rebuild a LegalDocument from a ``thpl parse --json`` object (flat provisions → tree)."""
    text = txt.read_text(encoding="utf-8")
    d = json.loads(parsed.read_text(encoding="utf-8"))
    iso = lambda s: dt.date.fromisoformat(s) if s else None  # noqa: E731
    bases = [LegalBasis(b["text"], b["start"], b["end"], [
        Reference(b["start"], b["end"], b["text"], r["doc_type"], r["number"], r["number"],
                  iso(r["issued_on"]), None, r["title"]) for r in b["refs"]]) for b in d["bases"]]
    roots: list[Provision] = []
    stack: list[Provision] = []
    for p in d["provisions"]:
        node = Provision(p["eid"], p["kind"], p["num"], p["start"], p["end"], p["heading"],
                         p["page"])
        while stack and not (stack[-1].start <= node.start and node.end <= stack[-1].end):
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    eff = text.find("Quyết định này có hiệu lực")
    return LegalDocument(
        source=d["source"], raw=RawText(d["source"], text, "txt"), number=d["number"],
        doc_type=d["doc_type"], issuer=d["issuer"], issued_on=iso(d["issued_on"]),
        effective_on=iso(d["effective_on"]), title=d["title"], bases=bases, provisions=roots,
        signature=Signature(signer=d["signer"]),
        effect_clause=(eff, text.index(".", eff) + 1) if eff >= 0 else None,
    )


@pytest.fixture
def example_doc() -> LegalDocument:
    txt, parsed = EXAMPLES / "qd-mau-12-2021.txt", EXAMPLES / "qd-mau-12-2021.parse.json"
    if not txt.is_file():
        pytest.skip("ví dụ mẫu ../shared/examples không có trên máy này")
    return doc_from_parse_json(txt, parsed)


@pytest.fixture
def kb() -> FakeKB:
    return FakeKB()


@pytest.fixture
def kb_facts() -> dict[str, Any]:
    """The quoted higher-level texts and the fake KB class, for tests that subclass it."""
    return {"art_102_2014": ART_102_2014, "art_102_2020": ART_102_2020, "FakeKB": FakeKB}
