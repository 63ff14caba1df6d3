"""Build behaviour: idempotent, atomic on interruption, problems reported in Vietnamese."""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from thpl_nlp.kb import KnowledgeBase
from thpl_nlp.kb.build import build
from thpl_nlp.kb.importers import Unit, central_json


def _digest(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_interrupted_build_keeps_previous_kb(tmp_path):
    url = f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    build(url, use_corpus=False, progress=lambda m: None, index=False)
    before = _digest(tmp_path / "kb.sqlite3")

    def boom():
        yield from ()
        raise KeyboardInterrupt

    bad = Unit("added/boom", "test", [tmp_path / "kb.sqlite3"], boom)
    with pytest.raises(KeyboardInterrupt):
        build(url, use_corpus=False, extra_units=[bad], progress=lambda m: None, index=False)
    assert _digest(tmp_path / "kb.sqlite3") == before
    assert not list(tmp_path.glob("kb.sqlite3.tmp-*"))
    assert KnowledgeBase.open(url).status("80/2015/QH13").status == "expired"


def test_corrupt_zip_member_and_bad_json_are_reported(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "central").mkdir(parents=True)
    z = corpus / "central" / "vbpl_review.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("scraped/ok.json", '{"id": "1/2020/QH14", "sourceUrl": '
                    '"https://vbpl.vn/van-ban/chi-tiet/luat-thu-so-1-2020-qh14--1", "chapters": '
                    '[{"title": "I", "articles": [{"number": "Điều 2", "heading": "Hiệu lực", '
                    '"body": "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2020."}]}]}')
        zf.writestr("scraped/bad.json", "{không phải json")
        zf.writestr("notes.bin", b"\x00\x01")
    units = central_json.units(corpus)
    msgs = [r.message for r in units[0].load() if type(r).__name__ == "Problem"]
    assert any("bad.json" in m and "JSON không hợp lệ" in m for m in msgs)
    assert any("notes.bin" in m and "không nhận dạng được" in m for m in msgs)
    url = f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    rep = build(url, corpus, importers=("central_json",), progress=lambda m: None, index=False)
    assert len(rep.problems) == 2
    kb = KnowledgeBase.open(url)
    assert kb.document("1/2020/QH14").effective_on.isoformat() == "2020-07-01"


def test_failed_unit_is_reported_and_retried(tmp_path):
    url = f"sqlite:///{tmp_path / 'kb.sqlite3'}"

    def broken():
        yield from ()
        raise ValueError("hỏng")

    bad = Unit("added/broken", "test", [], broken)
    rep = build(url, use_corpus=False, extra_units=[bad], progress=lambda m: None, index=False)
    assert rep.failed == ["added/broken"] and "lỗi khi nhập" in rep.problems[0]
    rep2 = build(url, use_corpus=False, extra_units=[bad], progress=lambda m: None, index=False)
    assert "added/broken" in rep2.changed  # retried, not skipped as unchanged
