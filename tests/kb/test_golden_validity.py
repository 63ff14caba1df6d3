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


def test_laws_named_only_by_name_and_date_are_documents(corpus_kb):
    """Old laws and ordinances the corpus names without a số hiệu ("Pháp lệnh du lịch ngày
    08 tháng 02 năm 1999", ended by 44/2005/QH11 Điều 87) get a KB key of their own, so a
    local basis citing them by name and date is resolved and read as expired."""
    from thpl_nlp.models import Reference

    ref = Reference(0, 45, "Pháp lệnh Du lịch, ngày 08 tháng 02 năm 1999", "Pháp lệnh", None,
                    title="Pháp lệnh Du lịch", issued_on=dt.date(1999, 2, 8))
    key = corpus_kb.resolve(ref)
    assert key == "Pháp lệnh Du lịch (08/02/1999)"
    st = corpus_kb.status(key, dt.date(2026, 11, 26))
    assert st.status == "expired" and st.replaced_by == ["44/2005/QH11"]
    assert st.not_in_force_from == dt.date(2006, 1, 1)
    assert corpus_kb.status(key, dt.date(2005, 6, 1)).status == "in_force"
    # the 1996 mining law, named beside its numbered amendment (60/2010/QH12 Điều 85)
    mining = corpus_kb.status("Luật Khoáng sản (20/03/1996)", dt.date(2026, 11, 26))
    assert mining.status == "expired" and "60/2010/QH12" in mining.replaced_by


def test_mistyped_year_and_titles_given_by_effect_clauses(corpus_kb):
    """A basis citing 31/2004/QH11 with the year mistyped (legacy 00267589: "ngày 03 tháng 12
    năm 2003") and one citing 46/2005/QH11 by the title 60/2010/QH12 gives it."""
    from thpl_nlp.kb.aliases import alias_key
    from thpl_nlp.kb.resolver import AliasIndex
    from thpl_nlp.models import Reference

    title = ("Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Uỷ ban nhân "
             "dân")
    idx = AliasIndex([(alias_key(title), "31/2004/QH11", 2004, dt.date(2004, 12, 3))])
    assert idx.resolve("Luật", title, issued_on=dt.date(2003, 12, 3)) == "31/2004/QH11"
    assert idx.resolve("Luật", title, issued_on=dt.date(2003, 11, 3)) is None  # not a typo
    older = Reference(0, 10, "x", "Luật", None, title="Luật tổ chức Hội đồng nhân dân và Uỷ "
                      "ban nhân dân", issued_on=dt.date(1994, 6, 21))
    assert corpus_kb.resolve(older) is None  # the 1994 law is not the 2003 one
    amend = Reference(0, 10, "x", "Luật", None, title="Luật sửa đổi, bổ sung một số điều của "
                      "Luật Khoáng sản", issued_on=dt.date(2005, 6, 14))
    assert corpus_kb.resolve(amend) == "46/2005/QH11"
    assert corpus_kb.status("46/2005/QH11", dt.date(2026, 11, 26)).status == "expired"
