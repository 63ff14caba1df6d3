"""``reference.no_such_article``: a pointer to an article the cited document does not have,
read only when the KB holds that document's whole text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thpl_nlp.models import LegalDocument, Provision, RawText
from thpl_nlp.review.rules import ReviewContext, references

AS_OF = dt.date(2026, 11, 26)


class ArticlesKB:
    """Luật Đất đai 45/2013/QH13 has 212 articles (central/vbpl_review.zip); a decree known
    only through the Pháp điển has no whole text (None)."""

    def article_numbers(self, number: str) -> set[str] | None:
        return {str(i) for i in range(1, 213)} if number == "45/2013/QH13" else None

    def status(self, number: str, as_of: dt.date | None = None) -> dict[str, Any]:
        return {"number": number, "status": "in_force"}

    def resolve(self, ref: Any) -> None:
        return None

    def show(self, number: str) -> dict[str, Any]:
        return {"relations_in": []}

    def search(self, query: str, k: int = 5, as_of: dt.date | None = None) -> list[Any]:
        return []

    def cited_by(self, number: str) -> list[Any]:
        return []


def _findings(text: str) -> list[Any]:
    doc = LegalDocument("t", RawText("t", text, "txt"), number="01/2020/QĐ-UBND",
                        issuer="Ủy ban nhân dân tỉnh Nghệ An",
                        provisions=[Provision("art_1", "article", "1", 0, len(text))])
    return [d for d in references.check(ReviewContext(doc=doc, as_of=AS_OF, kb=ArticlesKB()))
            if d.rule == "reference.no_such_article"]


def test_an_article_beyond_the_last_one_is_flagged():
    text = "Thực hiện theo quy định tại Điều 250 của Luật Đất đai số 45/2013/QH13."
    found = _findings(text)
    assert [(d.cited, d.category, d.action) for d in found] == [
        ("45/2013/QH13 art_250", "form", "sua_doi")]
    assert text[found[0].start : found[0].end].startswith("Điều 250")
    assert "212 điều" in found[0].why


def test_existing_articles_and_unknown_documents_are_not_flagged():
    assert _findings("Theo Điều 100 của Luật Đất đai số 45/2013/QH13.") == []
    # the KB has no whole text of the decree: nothing can be said
    assert _findings("Theo Điều 250 của Nghị định số 43/2014/NĐ-CP.") == []
    # an inserted article ("Điều 68a") is left alone
    assert _findings("Theo Điều 212a của Luật Đất đai số 45/2013/QH13.") == []
