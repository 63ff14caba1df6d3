"""Is this a Vietnamese legal normative document?"""

from __future__ import annotations

from pathlib import Path

import pytest

from thpl_nlp.ingest import read
from thpl_nlp.ingest.detect import is_legal_document

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.docx")))
def test_samples_are_legal(name: str) -> None:
    ok, why = is_legal_document(read(SAMPLES / name).text)
    assert ok, why


def test_english_is_rejected() -> None:
    text = (
        "LAW ON PROMULGATION OF LEGAL DOCUMENTS\nArticle 1. Scope\nThis Law provides for the "
        "principles, competence, form, order and procedures for the development of the legal "
        "documents; the responsibility of the agencies shall be ... Điều 1."
    )
    ok, why = is_legal_document(text)
    assert not ok and "tiếng Anh" in why


def test_essay_without_articles_is_rejected() -> None:
    ok, why = is_legal_document("A. Mở đầu\nTrong thời đại xã hội nào, những người lao động ...")
    assert not ok and "Điều" in why


@pytest.mark.corpus
def test_legacy_corpus_split(corpus: Path) -> None:
    essay = read(corpus / "provincial" / "legacy" / "Difficult" / "00003505.txt")
    assert not is_legal_document(essay.text)[0]
    legal = 0
    files = sorted((corpus / "provincial" / "legacy").glob("*/*.txt"))
    for f in files:
        legal += is_legal_document(read(f).text)[0]
    # Most of the legacy folder is provincial Quyết định / Nghị quyết.
    assert legal >= 0.6 * len(files)


@pytest.mark.corpus
def test_danang_documents_are_legal(corpus: Path) -> None:
    for f in sorted((corpus / "provincial" / "danang").glob("dn-*.md")):
        ok, why = is_legal_document(read(f).text)
        assert ok, (f.name, why)
