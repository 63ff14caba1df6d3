"""Alias resolution and the ``kb`` CLI on the seed KB (no corpus needed)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from thpl_nlp.kb import KnowledgeBase
from thpl_nlp.kb.build import build
from thpl_nlp.kb.cli import kb as kb_cli
from thpl_nlp.kb.resolver import AliasIndex
from thpl_nlp.models import Reference


@pytest.fixture(scope="module")
def seed_url(tmp_path_factory):
    d = tmp_path_factory.mktemp("kbcli")
    url = f"sqlite:///{d / 'kb.sqlite3'}"
    build(url, use_corpus=False, progress=lambda m: None)
    return url


def test_alias_index_dates_and_tone_marks():
    idx = AliasIndex([("luat to chuc hoi dong nhan dan va uy ban nhan dan", "11/2003/QH11",
                       2003, dt.date(2003, 11, 26)),
                      ("luat dat dai", "13/2003/QH11", 2003, None),
                      ("luat dat dai", "45/2013/QH13", 2013, None)])
    assert idx.resolve_text("Luật Tổ chức HĐND và UBND ngày 26/11/2003") == "11/2003/QH11"
    assert idx.resolve_text("Luật tổ chức Hội đồng nhân dân và Uỷ ban nhân dân năm 2003") == (
        "11/2003/QH11")
    assert idx.resolve_text("Luật Đất đai năm 2003") == "13/2003/QH11"
    assert idx.resolve_text("Luật Đất đai") is None  # ambiguous without a date
    assert idx.resolve_text("Luật Đất đai năm 1993") is None


def test_resolve_reference_through_kb(seed_url):
    kb = KnowledgeBase.open(seed_url)
    ref = Reference(0, 10, "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
                    doc_type="Luật", title="Tổ chức chính quyền địa phương",
                    issued_on=dt.date(2015, 6, 19))
    assert kb.resolve(ref) == "77/2015/QH13"
    assert kb.resolve(Reference(0, 1, "x", number="13/2023/NĐ-CP")) == "13/2023/NĐ-CP"


def test_cli_status_contract(seed_url):
    r = CliRunner().invoke(kb_cli, ["--url", seed_url, "status", "11/2003/QH11",
                                    "--as-of", "2016-01-01", "--json"])
    assert r.exit_code == 0
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1
    d = json.loads(lines[0])
    assert d["status"] == "expired" and d["replaced_by"] == ["77/2015/QH13"]
    assert d["not_in_force_from"] == "2016-01-01"


def test_cli_errors_are_vietnamese_and_exit_2(seed_url):
    r = CliRunner().invoke(kb_cli, ["--url", seed_url, "status", "11/2003/QH11",
                                    "--as-of", "01/01/2016", "--json"])
    assert r.exit_code == 2 and "không đúng dạng" in r.stderr and "Traceback" not in r.stderr
    r = CliRunner().invoke(kb_cli, ["--url", seed_url, "status", "abc", "--json"])
    assert r.exit_code == 2 and "Số hiệu" in r.stderr


def test_cited_by_round_trip(seed_url):
    kb = KnowledgeBase.open(seed_url)
    n = kb.record_citations("qd-12-2021.txt", [
        ("basis_1", Reference(0, 5, "Luật Tổ chức HĐND và UBND ngày 26/11/2003", doc_type="Luật",
                              title="Tổ chức HĐND và UBND", issued_on=dt.date(2003, 11, 26))),
        ("art_3", Reference(0, 5, "Luật số 77/2015/QH13", number="77/2015/QH13"))])
    assert n == 2
    r = CliRunner().invoke(kb_cli, ["--url", seed_url, "cited-by", "11/2003/QH11"])
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows and rows[0]["document"] == "qd-12-2021.txt" and rows[0]["local_eid"] == "basis_1"
