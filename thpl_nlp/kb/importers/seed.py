"""Importer of YAML fact files: the project's seed (``corpus/kb_seed/*.yaml``) and the
hand-maintained override file of legal staff (``THPL_HOME/kb_overrides.yaml``, always wins).

Format (both files)::

    documents:
      - number: 80/2015/QH13
        doc_type: Luật
        title: Luật Ban hành văn bản quy phạm pháp luật
        issued_on: 2015-06-22
        effective_on: 2016-07-01
        evidence: "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2016."
    relations:
      - kind: replaces            # replaces, repeals, amends, amends_effective_date, ...
        source: 64/2025/QH15      # the document that states it
        source_eid: art_71__para_3
        target: 80/2015/QH13
        on_date: 2025-04-01       # optional; default: the source's effective date
        partial: false
        evidence: "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 … hết hiệu lực …"
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import yaml

from thpl_nlp.kb.aliases import alias_key
from thpl_nlp.kb.importers import AliasRec, FactRec, Problem, Record, SourcedRelation, Unit
from thpl_nlp.kb.relations import RelationRec
from thpl_nlp.kb.textutil import canon_number
from thpl_nlp.settings import PROJECT_ROOT

SEED_DIR = PROJECT_ROOT / "corpus" / "kb_seed"
DOC_FIELDS = ("doc_type", "title", "issuer", "issued_on", "effective_on", "expiry_on",
              "status_text", "base_number", "scope")


def seed_units() -> list[Unit]:
    files = sorted(SEED_DIR.glob("*.yaml"))
    return [Unit(f"seed/{f.name}", "seed", [f], lambda f=f: load(f, "seed")) for f in files]


def override_units(home: Path) -> list[Unit]:
    out = []
    for name in ("kb_overrides.yaml", "kb_overrides.yml"):
        f = home / name
        if f.is_file():
            out.append(Unit(f"override/{name}", "override", [f], lambda f=f: load(f, "override")))
    return out


def _d(v) -> dt.date | None:
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str) and v:
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return None
    return None


def load(path: Path, kind: str) -> Iterator[Record]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        yield Problem(f"{path}: tệp YAML không hợp lệ ({e}); đã bỏ qua. Hãy sửa lỗi cú pháp.")
        return
    if isinstance(data, list):  # the web app writes a list (queue.service)
        data = overrides_as_facts(data)
    for i, d in enumerate(data.get("documents") or []):
        number = canon_number(str(d.get("number") or ""))
        if not number:
            yield Problem(f"{path}: mục documents[{i}] thiếu số hiệu; đã bỏ qua.")
            continue
        src = f"{kind}:{path.name}"
        for fld in DOC_FIELDS:
            if d.get(fld) is not None:
                v = d[fld]
                yield FactRec(number, fld, v.isoformat() if isinstance(v, dt.date) else str(v),
                              src, kind, d.get("evidence"))
        if d.get("title"):
            title = d["title"]
            year = int(number.split("/")[1]) if number.count("/") >= 2 else None
            yield AliasRec(alias_key(title), number, year, _d(d.get("issued_on")))
            for a in d.get("aliases") or []:
                yield AliasRec(alias_key(a), number, year, _d(d.get("issued_on")))
    for i, r in enumerate(data.get("relations") or []):
        s, t = canon_number(str(r.get("source") or "")), canon_number(str(r.get("target") or ""))
        if not s or not t or not r.get("kind"):
            yield Problem(f"{path}: mục relations[{i}] thiếu kind/source/target; đã bỏ qua.")
            continue
        on = _d(r.get("on_date"))
        yield SourcedRelation(
            RelationRec(
                r["kind"], s, r.get("source_eid"), t, r.get("target_eid"), None,
                bool(r.get("partial")), on, "explicit" if on else "source_effective",
                _d(r.get("new_date")), str(r.get("evidence") or ""),
            ),
            kind,
            f"{s} {r.get('source_eid') or ''}".strip() + f" ({kind}:{path.name})",
        )


# status codes of the web app → the vbpl.vn wording the validity timeline reads
_STATUS_TEXT = {
    "in_force": "Còn hiệu lực",
    "partly_in_force": "Hết hiệu lực một phần",
    "not_yet_in_force": "Chưa có hiệu lực",
    "expired": "Hết hiệu lực toàn bộ",
}


def overrides_as_facts(items: list) -> dict:
    """Translate the web app's override list into this file's documents/relations form.

    Each item ``{number, status?, effective_on?, not_in_force_from?, replaced_by?, note,
    author, at}`` becomes document facts (evidence: the note, its author and time) and, for
    each replacing document, a ``replaces`` relation dated ``not_in_force_from``.
    """
    documents, relations = [], []
    for it in items:
        if not isinstance(it, dict) or not it.get("number"):
            continue
        evidence = f"{it.get('note') or ''} ({it.get('author') or '?'}, {it.get('at') or '?'})"
        doc = {"number": it["number"], "evidence": evidence.strip()}
        if it.get("effective_on"):
            doc["effective_on"] = it["effective_on"]
        if it.get("not_in_force_from"):
            doc["expiry_on"] = it["not_in_force_from"]
        if it.get("status") in _STATUS_TEXT:
            doc["status_text"] = _STATUS_TEXT[it["status"]]
        documents.append(doc)
        for r in it.get("replaced_by") or []:
            relations.append({"kind": "replaces", "source": r, "target": it["number"],
                              "on_date": it.get("not_in_force_from"), "evidence": evidence})
    return {"documents": documents, "relations": relations}
