"""The KB on PostgreSQL (runs when THPL_TEST_PG_URL is set, like the queue tests)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from thpl_nlp.kb import KnowledgeBase
from thpl_nlp.kb import store as S
from thpl_nlp.kb.build import build

PG = os.environ.get("THPL_TEST_PG_URL")
pytestmark = pytest.mark.skipif(
    not PG, reason='THPL_TEST_PG_URL chưa đặt (eval "$(scripts/ci_postgres.sh)" để có PostgreSQL)'
)


def test_seed_kb_on_postgres(tmp_path):
    eng = S.make_engine(PG)
    S.Base.metadata.drop_all(eng)
    eng.dispose()
    rep = build(PG, use_corpus=False, home=tmp_path, progress=lambda m: None, index=False)
    assert not rep.problems and rep.counts["relations"] >= 9
    kb = KnowledgeBase.open(PG)
    st = kb.status("45/2013/QH13", dt.date(2024, 8, 1))
    assert st.status == "expired" and st.not_in_force_from == dt.date(2024, 8, 1)
    assert KnowledgeBase.open(PG, lazy=True).status("11/2003/QH11", dt.date(2025, 7, 1)) \
        .current_successor == ["72/2025/QH15"]
    rep2 = build(PG, use_corpus=False, home=tmp_path, progress=lambda m: None, index=False)
    assert rep2.changed == []
    kb.close()
