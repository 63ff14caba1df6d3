"""Importers on the real corpus (skip without it; the big ones are marked slow)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from thpl_nlp.kb.importers import central_md, danang_meta, phapdien, vbpl_pages


def _load(mod, corpus, key=None):
    units = mod.units(corpus)
    assert units, f"{mod.__name__}: no unit found in the corpus"
    recs = []
    for u in units:
        if key is None or u.key == key:
            recs += list(u.load())
    return recs


def test_2025_laws_effect_clauses(corpus):
    recs = _load(central_md, corpus, "central/2025/72-2025-QH15.md")
    rels = [r.rel for r in recs if type(r).__name__ == "SourcedRelation"]
    assert any(r.kind == "replaces" and r.target_number == "65/2025/QH15" and
               r.source_eid == "art_51__para_2" for r in rels)
    facts = {(r.field, r.value) for r in recs if type(r).__name__ == "FactRec"}
    assert ("issued_on", "2025-06-16") in facts and ("effective_rule", "issued_on") in facts


def test_danang_meta(corpus):
    recs = _load(danang_meta, corpus)
    nums = {r.number for r in recs if type(r).__name__ == "FactRec"}
    assert "11/2018/NQ-HĐND" in nums


@pytest.mark.slow
def test_phapdien_notes(corpus):
    recs = _load(phapdien, corpus)
    c = Counter(type(r).__name__ for r in recs)
    assert c["ProvisionRec"] > 55_000
    prov = next(r for r in recs if type(r).__name__ == "ProvisionRec"
                and r.number == "18/2008/QH12" and r.eid == "art_1")
    assert prov.effective_on == dt.date(2009, 1, 1)


@pytest.mark.slow
def test_vbpl_pages_status_and_english_skipped(corpus):
    recs = _load(vbpl_pages, corpus)
    st = [r for r in recs if type(r).__name__ == "FactRec" and r.field == "status_text"]
    assert len(st) > 400
    assert not any("State Compensation" in (getattr(r, "text", "") or "") for r in recs)
