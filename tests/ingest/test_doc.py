"""Legacy .doc: antiword, LibreOffice fallback, footnotes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from thpl_nlp.ingest import doc as doc_reader
from thpl_nlp.ingest import read

ARTICLE_RE = re.compile(r"^Điều (\d+[a-zđ]?)\b", re.M)


@pytest.fixture(scope="module")
def constitution(corpus: Path) -> Path:
    path = next((corpus / "doc").glob("(32801)*.doc"), None)
    if path is None:
        pytest.skip("Constitution .doc absent")
    return path


@pytest.mark.corpus
def test_antiword_reads_constitution(constitution: Path) -> None:
    if not shutil.which("antiword"):
        pytest.skip("antiword not installed")
    raw = read(constitution)
    assert raw.fmt == "doc"
    assert len(set(ARTICLE_RE.findall(raw.text))) == 120
    assert "Nhân dân Việt Nam lao động cần cù, sáng tạo" in raw.text
    assert "|" not in raw.text


@pytest.mark.corpus
def test_doc_footnotes(corpus: Path) -> None:
    path = next((corpus / "doc").glob("(147301)*.doc"))
    raw = read(path)
    assert len(raw.notes) >= 150
    assert raw.notes[0].marker == "1" and raw.notes[0].text.startswith("Luật Hải quan số 54/2014")
    assert "[1]" not in raw.text and "[119]" not in raw.text
    assert raw.text[: raw.notes[0].anchor].endswith(
        "Quốc hội ban hành Luật xử lý vi phạm hành chính"
    )


@pytest.mark.slow
@pytest.mark.corpus
def test_libreoffice_fallback_gives_same_text(constitution: Path, monkeypatch) -> None:
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice not installed")
    via_antiword = read(constitution).text
    monkeypatch.setattr(doc_reader, "_antiword", lambda path: None)
    via_soffice = read(constitution).text
    assert ARTICLE_RE.findall(via_soffice) == ARTICLE_RE.findall(via_antiword)
    words_a, words_s = set(via_antiword.split()), set(via_soffice.split())
    assert len(words_a ^ words_s) <= 5
