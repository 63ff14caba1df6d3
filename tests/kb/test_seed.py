"""Validity from the project's seed alone (runs without the corpus)."""

from __future__ import annotations

import datetime as dt

import pytest

from thpl_nlp.kb import KnowledgeBase
from thpl_nlp.kb.build import build


@pytest.fixture(scope="module")
def seed_kb(tmp_path_factory):
    d = tmp_path_factory.mktemp("kbseed")
    url = f"sqlite:///{d / 'kb.sqlite3'}"
    rep = build(url, use_corpus=False, progress=lambda m: None)
    assert not rep.problems
    return KnowledgeBase.open(url)


@pytest.mark.parametrize(
    "number,as_of,status,replaced_by",
    [
        ("80/2015/QH13", "2025-03-31", "in_force", ["64/2025/QH15"]),
        ("80/2015/QH13", "2025-04-01", "expired", ["64/2025/QH15"]),
        ("11/2003/QH11", "2015-12-31", "in_force", ["77/2015/QH13"]),
        ("11/2003/QH11", "2016-01-01", "expired", ["77/2015/QH13"]),
        ("45/2013/QH13", "2024-06-01", "in_force", ["31/2024/QH15"]),
        ("45/2013/QH13", "2024-08-01", "expired", ["31/2024/QH15"]),
        ("64/2025/QH15", "2025-03-01", "not_yet_in_force", []),
        ("99/2099/QH99", "2025-03-01", "unknown", []),
    ],
)
def test_seed_status(seed_kb, number, as_of, status, replaced_by):
    st = seed_kb.status(number, dt.date.fromisoformat(as_of))
    assert st.status == status
    assert st.replaced_by == replaced_by


def test_amended_effective_date_moves_the_end(seed_kb):
    # 31/2024/QH15 said 01/01/2025; 43/2024/QH15 moved it to 01/8/2024
    st = seed_kb.status("45/2013/QH13", dt.date(2024, 9, 1))
    assert st.not_in_force_from == dt.date(2024, 8, 1)
    assert st.status == "expired"


def test_successor_chain_and_vbhn(seed_kb):
    st = seed_kb.status("11/2003/QH11", dt.date(2025, 7, 1))
    assert st.current_successor == ["72/2025/QH15"]
    v = seed_kb.status("23/VBHN-VPQH", dt.date(2025, 5, 1))
    assert v.status == "expired" and v.replaced_by == ["64/2025/QH15"]


def test_contract_keys(seed_kb):
    d = seed_kb.status("11/2003/QH11", dt.date(2020, 1, 1)).to_contract_dict()
    assert list(d) == ["number", "doc_type", "title", "issued_on", "effective_on", "status",
                       "not_in_force_from", "replaced_by", "current_successor", "evidence"]
    assert d["evidence"] and "11/2003/QH11" in d["evidence"][0]["text"]


def test_second_build_is_a_no_op(seed_kb):
    rep = build(seed_kb.url, use_corpus=False, progress=lambda m: None)
    assert rep.changed == [] and rep.seconds < 10
