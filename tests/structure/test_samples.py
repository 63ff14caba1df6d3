"""The repository's sample documents parse to the same tree from DOCX and from PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from thpl_nlp.ingest import read
from thpl_nlp.structure import parse_raw

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"
NAMES = sorted(p.stem for p in SAMPLES.glob("*.docx"))


@pytest.mark.parametrize("name", NAMES)
def test_docx_and_pdf_agree(name: str) -> None:
    pdf = SAMPLES / f"{name}.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf.name} absent")
    a, b = (parse_raw(read(SAMPLES / f"{name}.{ext}")) for ext in ("docx", "pdf"))

    def shape(d):
        return [(p.eid, p.kind, p.num, p.heading) for p in d.iter_provisions()
                if p.kind != "paragraph"]

    assert shape(a) == shape(b) and len(shape(a)) > 3
    for key in ("number", "doc_type", "issuer", "issued_on", "effective_on", "title", "signer"):
        assert getattr(a, key) == getattr(b, key), key
        assert getattr(a, key) is not None, key
    assert [x.text.split() for x in a.bases] == [x.text.split() for x in b.bases]
    assert a.warnings == b.warnings == []
