"""Importer of ``central/vbpl_review.zip``: ``scraped/*.json`` texts and ``documents.older.js``.

Each scraped JSON is an article-structured central document; its effect and transition
clauses give relations, its own text gives effective and passing dates. ``documents.older.js``
is vbpl-style metadata (dates, status, replaces/replacedBy) for 41 documents.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from thpl_nlp.kb.importers import FactRec, Problem, Record, SourcedRelation, Unit
from thpl_nlp.kb.importers.common import article_eid, article_records, own_title_alias
from thpl_nlp.kb.relations import RelationRec
from thpl_nlp.kb.textutil import canon_number, parse_vn_date

SLUG_TYPES = [
    ("bo-luat-", "Bộ luật"),
    ("luat-", "Luật"),
    ("nghi-dinh-", "Nghị định"),
    ("thong-tu-lien-tich-", "Thông tư liên tịch"),
    ("thong-tu-", "Thông tư"),
    ("quyet-dinh-", "Quyết định"),
    ("nghi-quyet-", "Nghị quyết"),
    ("phap-lenh-", "Pháp lệnh"),
    ("hien-phap", "Hiến pháp"),
]


def units(corpus: Path) -> list[Unit]:
    z = corpus / "central" / "vbpl_review.zip"
    if not z.is_file():
        return []
    return [Unit("central/vbpl_review.zip", "central_json", [z], lambda: load(z))]


def _slug_info(url: str) -> tuple[str | None, str | None]:
    """(doc_type, folded title) from a vbpl.vn / thuvienphapluat URL slug."""
    slug = url.rstrip("/").rsplit("/", 1)[-1].lower()
    slug = re.sub(r"\.aspx$", "", slug)
    slug = re.sub(r"--?\d+$", "", slug)
    for prefix, typ in SLUG_TYPES:
        if slug.startswith(prefix):
            title = re.split(r"-so-\d|-\d+-\d{4}-", slug)[0]
            return typ, title.replace("-", " ")
    return None, None


# thuvienphapluat.vn slugs start with the document's own type and number:
# "Nghi-quyet-41-2017-QH14-thi-hanh-…", "Nghi-dinh-63-2023-ND-CP-huong-dan-…"
TVPL_SLUG_RE = re.compile(
    r"""^(?:Bo-luat|Luat|Nghi-dinh|Nghi-quyet|Thong-tu|Quyet-dinh)-   # own type
    (?P<num>\d+)-(?P<year>\d{4})-                                    # own number and year
    (?P<sym>[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*)(?=-[a-z]|-[A-Z][a-z]|-\d|$)  # own symbol
    """,
    re.VERBOSE,
)


def _slug_number(url: str) -> str | None:
    """The number a thuvienphapluat.vn address gives for its document, if any."""
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    m = TVPL_SLUG_RE.match(re.sub(r"\.aspx$", "", slug))
    if not m:
        return None
    return canon_number(f"{m.group('num')}/{m.group('year')}/{m.group('sym')}")


def load(z: Path) -> Iterator[Record]:
    try:
        zf = zipfile.ZipFile(z)
    except zipfile.BadZipFile:
        yield Problem(f"{z}: tệp zip bị hỏng, bỏ qua toàn bộ. Hãy tải lại tệp.")
        return
    with zf:
        for name in sorted(zf.namelist()):
            if name.endswith("/"):
                continue
            try:
                raw = zf.read(name)
            except (zipfile.BadZipFile, OSError, RuntimeError) as e:
                yield Problem(f"{z}!{name}: không đọc được thành phần zip ({e}); đã bỏ qua.")
                continue
            if name.startswith("scraped/") and name.endswith(".json"):
                try:
                    d = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as e:
                    yield Problem(f"{z}!{name}: JSON không hợp lệ ({e}); đã bỏ qua tệp này.")
                    continue
                yield from _scraped(d, f"{z.name}!{name}")
            elif name.endswith("documents.older.js"):
                yield from _older_js(raw.decode("utf-8", "replace"), f"{z.name}!{name}")
            else:
                yield Problem(f"{z}!{name}: định dạng không nhận dạng được; đã bỏ qua.")


def _scraped(d: dict, where: str) -> Iterator[Record]:
    number = canon_number(d.get("id"))
    if not number or not isinstance(d.get("chapters"), list):
        yield Problem(f"{where}: thiếu số hiệu hoặc danh sách chương; đã bỏ qua.")
        return
    own = _slug_number(d.get("sourceUrl") or "")
    if own and own != number:
        yield Problem(f"{where}: số hiệu ghi trong tệp là {number} nhưng nội dung (theo địa chỉ "
                      f"nguồn) là văn bản {own}; đã nhập theo số hiệu {own}. Hãy kiểm tra nguồn.")
        number = own
    typ, ftitle = _slug_info(d.get("sourceUrl") or "")
    src = f"{number} (vbpl_review)"
    if typ:
        yield FactRec(number, "doc_type", typ, src, "own_text")
    if ftitle:
        yield FactRec(number, "title_folded", ftitle, src, "own_text")
    articles = []
    for ch in d["chapters"]:
        for i, a in enumerate(ch.get("articles") or []):
            eid = article_eid(a.get("number"), f"art_x{i}")
            articles.append((eid, a.get("heading"), a.get("body") or ""))
    yield FactRec(number, "source_url", d.get("sourceUrl"), src, "own_text")
    yield from article_records(number, articles, source=where, source_kind="own_text")


def parse_js_object(js: str) -> dict:
    """The ``window.X = {...};`` literal of a .js data file as a dict (keys unquoted in JS)."""
    body = js[js.index("{") :]
    body = re.sub(r"^\s*//.*$", "", body, flags=re.M)
    body = re.sub(r"(?m)^(\s*)([A-Za-z_]\w*)\s*:", r'\1"\2":', body)
    body = re.sub(r",(\s*[}\]])", r"\1", body)
    obj, _ = json.JSONDecoder().raw_decode(body)
    return obj


def _older_js(js: str, where: str) -> Iterator[Record]:
    try:
        db = parse_js_object(js)
    except (ValueError, json.JSONDecodeError) as e:
        yield Problem(f"{where}: không phân tích được dữ liệu JS ({e}); đã bỏ qua.")
        return
    for key, d in db.items():
        number = canon_number(d.get("number") or key)
        if not number or not re.search(r"\d", number.split("/")[0]):
            continue  # drafts ("DT-…") are not documents
        src = f"{number} (documents.older.js)"
        for fld, k in (("doc_type", "type"), ("title", "title"), ("issuer", "issuer"),
                       ("issued_on", "issuedDate"), ("effective_on", "effectiveDate"),
                       ("expiry_on", "expiryDate"), ("status_text", "status")):
            if d.get(k):
                yield FactRec(number, fld, str(d[k]), src, "vbpl_meta", f"{k}: {d[k]}")
        if d.get("title"):
            yield from own_title_alias(number, f"{d.get('type') or ''} {d['title']}".strip())
        for old in d.get("replaces") or []:
            o = canon_number(old)
            if o:
                yield SourcedRelation(RelationRec(
                    "replaces", number, None, o, evidence=f"replaces: {old}"), "vbpl_meta", src)
        rb = d.get("replacedBy")
        for new in [rb] if isinstance(rb, str) else rb or []:
            n = canon_number(new)
            if n:
                exp = d.get("expiryDate")
                yield SourcedRelation(RelationRec(
                    "replaces", n, None, number,
                    on_date=_iso(exp), date_rule="explicit" if exp else "source_effective",
                    partial="một phần" in (d.get("status") or ""),
                    evidence=f"replacedBy: {new}; status: {d.get('status')}"), "vbpl_meta", src)
        arts = []
        for ch in d.get("chapters") or []:
            for i, a in enumerate(ch.get("articles") or []):
                body = a.get("body") or a.get("text") or re.sub(r"<[^>]+>", "", a.get("html") or "")
                arts.append((article_eid(a.get("number"), f"art_x{i}"), a.get("heading"), body))
        if arts:
            yield from article_records(number, arts, source=where, source_kind="own_text",
                                       provisions=False)


def _iso(s: str | None) -> dt.date | None:
    return parse_vn_date(s) if s else None
