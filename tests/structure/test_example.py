"""The worked example of the contract is reproduced exactly (bases[].refs excepted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thpl_nlp.models import RawText
from thpl_nlp.structure import parse_raw

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "examples"
KEYS = ("number", "doc_type", "issuer", "issued_on", "effective_on", "title", "signer")


@pytest.fixture(scope="module")
def pair() -> tuple[dict, dict]:
    txt = EXAMPLES / "qd-mau-12-2021.txt"
    if not txt.exists():
        pytest.skip("../shared/examples absent")
    raw = RawText(source="qd-mau-12-2021.txt", text=txt.read_text(encoding="utf-8"), fmt="txt")
    got = parse_raw(raw).to_contract_dict()
    expected = json.loads((EXAMPLES / "qd-mau-12-2021.parse.json").read_text(encoding="utf-8"))
    return got, expected


@pytest.mark.parametrize("key", KEYS)
def test_metadata(pair: tuple[dict, dict], key: str) -> None:
    got, expected = pair
    assert got[key] == expected[key]


def test_bases(pair: tuple[dict, dict]) -> None:
    got, expected = pair
    strip = [{k: b[k] for k in ("text", "start", "end")} for b in expected["bases"]]
    assert [{k: b[k] for k in ("text", "start", "end")} for b in got["bases"]] == strip


def test_provisions(pair: tuple[dict, dict]) -> None:
    got, expected = pair
    keys = expected["provisions"][0].keys()  # the contract keys (extra keys are allowed)
    assert [{k: p[k] for k in keys} for p in got["provisions"]] == expected["provisions"]
    assert got["warnings"] == expected["warnings"]


def test_closing(pair: tuple[dict, dict]) -> None:
    got, _ = pair
    assert got["signature"]["mode"] == "KT."
    assert got["signature"]["title"] == "PHÓ CHỦ TỊCH"
    assert got["recipients"][0] == "Như Điều 3"
    assert got["proposer"].startswith("Theo đề nghị của Giám đốc Sở Xây dựng")
    assert got["place"] == "Bắc Giang"
