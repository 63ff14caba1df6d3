"""A basis citing a law the corpus names only by name and date (no số hiệu): resolved by the
KB to a key such as "Pháp lệnh Du lịch (08/02/1999)", flagged expired, ``cited`` null in the
contract's JSON, and two such laws in one basis line keep two findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thpl_nlp.models import LegalBasis, LegalDocument, RawText, Reference
from thpl_nlp.review.run import review_document

TEXT = ("Căn cứ Pháp lệnh Du lịch ngày 08 tháng 02 năm 1999 và Luật Khoáng sản ngày 20 tháng 3 "
        "năm 1996;")
KEYS = {"Pháp lệnh Du lịch": "Pháp lệnh Du lịch (08/02/1999)",
        "Luật Khoáng sản": "Luật Khoáng sản (20/03/1996)"}
ENDS = {"Pháp lệnh Du lịch (08/02/1999)": ("2006-01-01", "44/2005/QH11"),
        "Luật Khoáng sản (20/03/1996)": ("2011-07-01", "60/2010/QH12")}


class NumberlessKB:
    def resolve(self, ref: Reference, as_of: dt.date | None = None) -> str | None:
        return KEYS.get(ref.title or "")

    def status(self, number: str, as_of: dt.date | None = None) -> dict[str, Any]:
        end, by = ENDS[number]
        return {"number": number, "status": "expired", "not_in_force_from": end,
                "replaced_by": [by], "current_successor": [by], "evidence": []}

    def search(self, query: str, k: int = 5, as_of: dt.date | None = None) -> list[Any]:
        return []

    def cited_by(self, number: str) -> list[Any]:
        return []


def test_laws_without_a_number_are_flagged_with_cited_null():
    refs = [Reference(7, 50, "Pháp lệnh Du lịch ngày 08 tháng 02 năm 1999", "Pháp lệnh", None,
                      title="Pháp lệnh Du lịch", issued_on=dt.date(1999, 2, 8)),
            Reference(54, 96, "Luật Khoáng sản ngày 20 tháng 3 năm 1996", "Luật", None,
                      title="Luật Khoáng sản", issued_on=dt.date(1996, 3, 20))]
    doc = LegalDocument("t", RawText("t", TEXT, "txt"), issuer="Ủy ban nhân dân tỉnh Lâm Đồng",
                        bases=[LegalBasis(TEXT, 0, len(TEXT), refs)])
    found = [f for f in review_document(doc, as_of=dt.date(2026, 11, 26), kb=NumberlessKB())
             if f.category == "basis_expired"]
    assert len(found) == 2 and len({f.fingerprint for f in found}) == 2
    assert all(f.cited is None for f in found)
    msgs = " ".join(f.message for f in found)
    assert "Pháp lệnh Du lịch (08/02/1999)" in msgs and "44/2005/QH11" in msgs
    assert not any(f.rule == "basis.citation_malformed" for f in review_document(
        doc, as_of=dt.date(2026, 11, 26), kb=NumberlessKB()))
