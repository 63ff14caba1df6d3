"""The checked-in reference data equals what the corpus says (and what underthesea says)."""

from __future__ import annotations

import json

import pytest

from thpl_nlp.review import provinces, tthc


def test_province_table_rebuilds_from_resolution_202(corpus):
    text = (corpus / "central" / "2025" / "202-2025-QH15.md").read_text(encoding="utf-8")
    built = provinces.build_table(text)
    assert built == json.loads(provinces.DATA.read_text(encoding="utf-8"))
    assert len(built) == 52 and len({v["new"] for v in built.values()}) == 23


@pytest.mark.slow
def test_province_table_agrees_with_underthesea(corpus):
    from underthesea import convert_address

    for old, row in provinces.table().items():
        kind = "thành phố" if row["kind"] == "thành phố" else "tỉnh"
        res = convert_address(f"{kind} {old}")
        assert row["new"].lower() in res.new.province.lower(), (old, res.new.province)


def test_tthc_data_rebuilds_from_the_portal_records(corpus):
    from dataclasses import asdict

    built = [asdict(p) for p in tthc.build(corpus / "tthc")]
    assert built == json.loads(tthc.DATA.read_text(encoding="utf-8"))
    assert len(built) >= 25 and all(p["name"] for p in built)
