"""Golden files: each input beside the expected JSON (text, pages, notes, tables, offsets).

Regenerate after a deliberate change with ``THPL_REGEN_GOLDEN=1 pytest tests/ingest`` and
review the diff by hand.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from thpl_nlp.ingest import read
from thpl_nlp.models import RawText

HERE = Path(__file__).parent / "golden"
SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"

CASES = [
    HERE / "md-nghi-quyet.md",
    HERE / "vbpl-page.html",
    HERE / "tcvn3-quyet-dinh.txt",
    HERE / "bang-phi.pdf",
    SAMPLES / "qd-ubnd-hoa-son-09-2024.pdf",
    SAMPLES / "qd-ubnd-hoa-son-09-2024.docx",
    SAMPLES / "nq-hdnd-hoa-son-15-2024.pdf",
    SAMPLES / "qd-ubnd-hoa-son-21-2024.docx",
]


def snapshot(raw: RawText) -> dict:
    return {
        "fmt": raw.fmt,
        "text": raw.text,
        "pages": [[p.number, p.start, p.end] for p in raw.pages],
        "notes": [n.to_dict() for n in raw.notes],
        "tables": [t.to_dict() for t in raw.tables],
        "meta": raw.meta,
        "warnings": raw.warnings,
    }


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_golden(path: Path) -> None:
    expected_path = HERE / (path.name + ".expected.json")
    got = snapshot(read(path, source=path.name))
    if os.environ.get("THPL_REGEN_GOLDEN") or not expected_path.exists():
        expected_path.write_text(
            json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        if not os.environ.get("THPL_REGEN_GOLDEN"):
            pytest.fail(f"wrote missing golden file {expected_path.name}; review and commit it")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got["text"] == expected["text"]
    assert got == expected


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_offsets_are_consistent(path: Path) -> None:
    raw = read(path)
    assert len(raw.match_text) == len(raw.text)
    for t in raw.tables:
        assert 0 <= t.start <= t.end <= len(raw.text)
    for n in raw.notes:
        assert n.anchor is None or 0 <= n.anchor <= len(raw.text)
    if raw.pages:
        assert raw.pages[0].start == 0 and raw.pages[-1].end == len(raw.text)
        for a, b in zip(raw.pages, raw.pages[1:], strict=False):
            assert a.end == b.start
