"""Golden files of the structure stage: load, snapshot a parse, compare.

A golden file (``tests/structure/golden/*.json``) names its input(s) relative to the corpus
root (or ``examples/…`` for ``../shared/examples``) and the expected result, annotated by
hand:

* ``"kind": "document"`` — metadata, legal bases (text and offsets) and every provision
  (eId, kind, num, heading, start, end, page, first/last characters of its text);
* ``"kind": "articles"`` — the article numbers of a code split over several files, each
  file parsed alone (every article must be found exactly once, in order);
* ``"kind": "error"`` — the parse must fail with the given code (e.g. E111).

>>> compare({"number": "1/2020/QĐ-UBND"}, {"number": "1/2020/QĐ-UBND"})
[]
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from thpl_nlp.models import LegalDocument

GOLDEN_DIR = Path(__file__).resolve().parents[2] / "tests" / "structure" / "golden"
META_KEYS = ("number", "doc_type", "issuer", "issued_on", "effective_on", "title", "signer")


def golden_files() -> list[Path]:
    """All golden files, sorted by name."""
    return sorted(GOLDEN_DIR.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def resolve_input(rel: str, corpus: Path | None) -> Path | None:
    """Absolute path of a golden input, or None when its root is absent."""
    if rel.startswith("examples/"):
        root = Path(__file__).resolve().parents[3] / "shared"
        p = root / rel
        if not p.exists() and corpus is not None:
            p = corpus.parent / rel
        return p if p.exists() else None
    if corpus is None:
        return None
    p = corpus / rel
    return p if p.exists() else None


def snapshot(doc: LegalDocument) -> dict[str, Any]:
    """The part of a parse that golden files pin down."""
    c = doc.to_contract_dict()
    text = doc.raw.text
    out: dict[str, Any] = {k: c[k] for k in META_KEYS}
    out["bases"] = [{"text": b.text, "start": b.start, "end": b.end} for b in doc.bases]
    out["provisions"] = [
        {
            "eid": p.eid,
            "kind": p.kind,
            "num": p.num,
            "heading": p.heading,
            "start": p.start,
            "end": p.end,
            "page": p.page,
            "head": text[p.start : p.end][:40],
            "tail": text[p.start : p.end][-20:],
        }
        for p in doc.iter_provisions()
        if p.kind != "paragraph"
    ]
    return out


def articles(docs: Iterable[LegalDocument]) -> list[str]:
    """Article numbers of the main text of each document, in order (attachments excluded)."""
    return [
        p.num or ""
        for d in docs
        for p in d.iter_provisions()
        if p.kind == "article" and not p.eid.startswith("att_")
    ]


def compare(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Differences between two JSON values, as readable lines (empty when equal)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out: list[str] = []
        for k in expected:
            if k not in actual:
                out.append(f"{path}.{k}: missing")
            else:
                out.extend(compare(expected[k], actual[k], f"{path}.{k}"))
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        out = []
        if len(expected) != len(actual):
            out.append(f"{path}: {len(actual)} items, expected {len(expected)}")
        for i, (e, a) in enumerate(zip(expected, actual, strict=False)):
            out.extend(compare(e, a, f"{path}[{i}]"))
            if len(out) > 20:
                break
        return out
    return [] if expected == actual else [f"{path}: {actual!r} != expected {expected!r}"]
