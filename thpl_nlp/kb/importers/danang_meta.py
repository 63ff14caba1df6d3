"""Importer of the Đà Nẵng / Quảng Nam metadata (``provincial/danang/meta/*.index.md``).

YAML front matter from vbpl.vn (số hiệu, type, issuer, dates, validity status, related
documents: ``thayThe``, ``baiBo``, ``suaDoiBoSung``, ``huongDan``). Noisy (guessed dates,
misspelt issuers), hence the low precedence ``provincial_meta``. Malformed YAML is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

from thpl_nlp.kb.importers import FactRec, Problem, Record, SourcedRelation, Unit
from thpl_nlp.kb.relations import RelationRec
from thpl_nlp.kb.textutil import canon_number

FIELDS = {
    "loai_van_ban": "doc_type",
    "co_quan_ban_hanh": "issuer",
    "ngay_ban_hanh": "issued_on",
    "ngay_co_hieu_luc": "effective_on",
    "ngay_het_hieu_luc": "expiry_on",
    "tinh_trang_hieu_luc": "status_text",
    "tom_tat": "title",
}
RELATIONS = {"thayThe": ("replaces", False), "baiBo": ("repeals", False),
             "suaDoiBoSung": ("amends", True), "huongDan": ("guides", True)}


def units(corpus: Path) -> list[Unit]:
    d = corpus / "provincial" / "danang" / "meta"
    files = sorted(d.glob("*.index.md")) if d.is_dir() else []
    return [Unit("provincial/danang/meta", "danang_meta", files, lambda: load(files))] if (
        files) else []


def load(files: list[Path]) -> Iterator[Record]:
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        parts = text.split("---")
        if len(parts) < 3:
            yield Problem(f"{f}: không có phần YAML đầu tệp; đã bỏ qua.")
            continue
        try:
            meta = yaml.safe_load(parts[1]) or {}
        except yaml.YAMLError as e:
            yield Problem(f"{f}: YAML không hợp lệ ({str(e).splitlines()[0]}); đã bỏ qua.")
            continue
        number = canon_number(str(meta.get("so_hieu_chuan") or meta.get("so_hieu") or ""))
        if not number:
            yield Problem(f"{f}: thiếu số hiệu; đã bỏ qua.")
            continue
        src = f"{number} ({f.name})"
        for key, fld in FIELDS.items():
            v = meta.get(key)
            if v:
                yield FactRec(number, fld, str(v), src, "provincial_meta", f"{key}: {v}")
        yield FactRec(number, "scope", "provincial", src, "provincial_meta")
        for key, (kind, partial) in RELATIONS.items():
            for target in meta.get(key) or []:
                t = canon_number(str(target))
                if t:
                    yield SourcedRelation(RelationRec(
                        kind, number, None, t, partial=partial,
                        evidence=f"{key}: {target} ({f.name})"), "provincial_meta", src)
