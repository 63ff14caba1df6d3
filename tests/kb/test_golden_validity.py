"""Golden validity facts (corpus/golden/validity/*.jsonl), checked by reading the texts.

Builds a KB from the central JSON and the 2025 laws (enough for these facts; no search index).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from thpl_nlp.kb import KnowledgeBase
from thpl_nlp.kb.build import build

GOLDEN = Path(__file__).resolve().parents[2] / "corpus" / "golden" / "validity"


def load_golden() -> list[dict]:
    rows = []
    for f in sorted(GOLDEN.glob("*.jsonl")):
        rows += [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line]
    return rows


@pytest.fixture(scope="module")
def corpus_kb(corpus, tmp_path_factory):
    d = tmp_path_factory.mktemp("kbgold")
    url = f"sqlite:///{d / 'kb.sqlite3'}"
    build(url, corpus, importers=("central_json", "central_md"), progress=lambda m: None,
          index=False)
    return KnowledgeBase.open(url)


def test_golden_file_is_large_enough_and_quoted():
    rows = load_golden()
    facts = {(r["number"], tuple(r["replaced_by"])) for r in rows}
    assert len(facts) >= 60
    assert all(r["evidence"] and r["evidence"][0]["text"] for r in rows)


def test_golden_validity(corpus_kb):
    wrong = []
    for r in load_golden():
        st = corpus_kb.status(r["number"], dt.date.fromisoformat(r["as_of"]))
        ok = st.status in r.get("accept", [r["expected_status"]])
        if r["expected_status"] == "expired":
            ok = ok and set(r["replaced_by"]) <= set(st.replaced_by)
            ok = ok and st.not_in_force_from == dt.date.fromisoformat(r["not_in_force_from"])
        if r["expected_status"] == "partly_in_force":
            ok = ok and set(r["partly_ended_by"]) <= set(st.partly_ended_by)
        if not ok:
            wrong.append((r["number"], r["as_of"], r["expected_status"], st.status,
                          st.not_in_force_from, st.replaced_by))
    assert not wrong, wrong[:10]
