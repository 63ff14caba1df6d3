"""Every finding's message over the real provincial corpus says what, where, why and what to do.

Walks all findings the review makes on the legacy provincial documents and the Đà Nẵng
documents (with the in-memory KB of quoted corpus facts, so that the KB-dependent rules run
too) and checks each message: it starts with the location in words ("Tại khoản 2 Điều 5: …",
"Tại căn cứ pháp lý thứ 3: …"), has a non-empty "Lý do:" part (the higher text, KB fact or
regime it rests on), an "Đề xuất:" part naming the action, and a "Căn cứ:" legal ground; it is
Vietnamese (diacritics) and carries no leaked code (``None``, ``{``, ``[``, ``Traceback``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from thpl_nlp.errors import ThplError
from thpl_nlp.parse import parse_file
from thpl_nlp.review.findings import ACTIONS, where
from thpl_nlp.review.run import review_document

_MESSAGE = re.compile(
    r"""
    ^Tại\s(?P<where>[^:]+):\s      # location in words, then what is wrong
    (?P<what>.+?)\.\s
    Lý\sdo:\s(?P<why>.+?)\.\s      # why: the higher text / KB fact / regime
    Đề\sxuất:\s(?P<todo>.+?)\.\s   # what to do: one of ACTIONS, maybe with advice
    Căn\scứ:\s(?P<ground>.+)\.$    # legal ground read in the corpus
    """,
    re.VERBOSE | re.DOTALL,
)
_LOCATION_WORDS = ("Điều", "khoản", "điểm", "căn cứ pháp lý", "toàn văn bản", "Chương", "Mục",
                   "Phần", "phụ lục", "tiêu đề", "đoạn")
_VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]")
_LEAKED = re.compile(r"\bNone\b|[{}]|\[\]|Traceback|\bnan\b")


def _corpus_files(corpus: Path) -> list[Path]:
    root = corpus / "provincial"
    return sorted(root.glob("legacy/*/*.txt")) + sorted(root.glob("danang/*.md"))


@pytest.mark.slow  # parses and reviews ~214 real files (≈ 30 s on the shared machine)
def test_every_message_says_where_why_and_what_to_do(corpus, kb):
    files = _corpus_files(corpus)
    if not files:
        pytest.skip("no legacy/Đà Nẵng documents in the corpus")
    checked = 0
    rules: set[str] = set()
    problems: list[str] = []
    for f in files:
        try:
            doc = parse_file(f)
        except ThplError:
            continue  # not a legal document (reported by the parser, not by the review)
        for fd in review_document(doc, as_of=dt.date(2026, 11, 26), kb=kb):
            checked += 1
            rules.add(fd.rule)
            msg = fd.message
            m = _MESSAGE.match(msg)
            if m is None:
                problems.append(f"{f.name} {fd.rule}: shape — {msg[:160]}")
                continue
            if m["where"] != where(fd.eid) or not any(w in m["where"] for w in _LOCATION_WORDS):
                problems.append(f"{f.name} {fd.rule}: location {m['where']!r} for {fd.eid}")
            if len(m["what"].strip()) < 10 or len(m["why"].strip()) < 10:
                problems.append(f"{f.name} {fd.rule}: empty what/why — {msg[:160]}")
            if not m["todo"].startswith(ACTIONS[fd.action]):
                problems.append(f"{f.name} {fd.rule}: action {fd.action} not in {m['todo']!r}")
            if not m["ground"].strip() or m["ground"] != fd.legal_ground.rstrip("."):
                problems.append(f"{f.name} {fd.rule}: legal ground {m['ground']!r}")
            if not _VIETNAMESE.search(msg) or _LEAKED.search(msg):
                problems.append(f"{f.name} {fd.rule}: not clean Vietnamese — {msg[:160]}")
    assert checked > 500, f"only {checked} findings over {len(files)} files"
    assert {"basis.expired", "form.header_missing"} <= rules
    assert not problems, f"{len(problems)} bad messages, e.g.:\n" + "\n".join(problems[:15])
