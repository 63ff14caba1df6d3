"""Importer of vbpl.vn document pages (``central/vbpl_pages.jsonl.gz``).

Each line is ``{file, scope, title, so_hieu, status, effective_date, updated, text}``. The page
fields give vbpl metadata (status as of ``updated``, effective date); the text is cut into
articles like the 2025 web copies, so its effect clauses give relations. English
translations are skipped (they would duplicate the Vietnamese text); a consolidated text
(VBHN) speaks for its base law. Malformed lines are reported and skipped.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

from thpl_nlp.kb.aliases import alias_key
from thpl_nlp.kb.importers import AliasRec, FactRec, Problem, Record, Unit
from thpl_nlp.kb.importers.central_md import ARTICLE_RE, END_RE, clean_lines
from thpl_nlp.kb.importers.common import article_records
from thpl_nlp.kb.importers.documents import VBHN_BASE_RE
from thpl_nlp.kb.textutil import NUMBER_RE, canon_number, parse_vn_date

VI_CHARS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
STATUSES = ("Còn hiệu lực", "Chưa có hiệu lực", "Hết hiệu lực một phần", "Hết hiệu lực toàn bộ",
            "Hết hiệu lực", "Ngưng hiệu lực")
TITLE_TYPE_RE = re.compile(
    r"^(?P<type>Bộ luật|Luật|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|"
    r"Pháp lệnh|Chỉ thị|Văn bản hợp nhất)\b"
)


def units(corpus: Path) -> list[Unit]:
    f = corpus / "central" / "vbpl_pages.jsonl.gz"
    return [Unit("central/vbpl_pages.jsonl.gz", "vbpl_pages", [f], lambda: load(f))] if (
        f.is_file()) else []


def is_vietnamese(text: str) -> bool:
    sample = text[:3000]
    letters = sum(c.isalpha() for c in sample) or 1
    return len(VI_CHARS.findall(sample)) / letters > 0.03


def load(path: Path) -> Iterator[Record]:
    try:
        fh = gzip.open(path, "rt", encoding="utf-8", errors="replace")
        lines = list(fh)
    except (OSError, EOFError) as e:
        yield Problem(f"{path}: không giải nén được ({e}); đã bỏ qua.")
        return
    for i, line in enumerate(lines, 1):
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            yield Problem(f"{path}: dòng {i} không phải JSON hợp lệ ({e.msg}); đã bỏ qua.")
            continue
        text = d.get("text") or ""
        if not is_vietnamese(text):
            continue
        yield from _page(d, text, f"{path.name}#{i}")


def _page(d: dict, text: str, where: str) -> Iterator[Record]:
    number = canon_number(d.get("so_hieu")) if d.get("so_hieu") else None
    title = re.sub(r"\s+", " ", d.get("title") or "").strip()
    if not number or not NUMBER_RE.fullmatch(number.replace("Đ", "Đ")):
        m = re.search(r"số\s*[:]?\s*(" + NUMBER_RE.pattern + ")", title + "\n" + text[:600],
                      re.VERBOSE)
        number = canon_number(m.group(1)) if m else number
    if not number or "/" not in number:
        return
    src = f"{number} (vbpl.vn {d.get('file', where).rsplit('/', 1)[-1]})"
    status = d.get("status") if d.get("status") in STATUSES else None
    if status:
        yield FactRec(number, "status_text", status, src, "vbpl_pages", f"Trạng thái: {status}")
        upd = parse_vn_date(d.get("updated"))
        if upd:
            yield FactRec(number, "status_as_of", upd.isoformat(), src, "vbpl_pages")
    eff = parse_vn_date(d.get("effective_date"))
    if eff:
        yield FactRec(number, "effective_on", eff.isoformat(), src, "vbpl_pages",
                      f"Ngày có hiệu lực: {d.get('effective_date')}")
    mt = TITLE_TYPE_RE.match(title)
    if mt:
        clean = re.sub(r"\s+số\s+\S+\s*$", "", re.sub(r"\s+số\s+\S+/\S+", "", title)).strip()
        yield FactRec(number, "doc_type", mt.group("type"), src, "vbpl_pages")
        yield FactRec(number, "title", clean, src, "vbpl_pages")
        year = int(number.split("/")[1]) if number.count("/") >= 2 and number.split("/")[
            1].isdigit() else None
        yield AliasRec(alias_key(clean), number, year, None)
    speaker = number
    if "VBHN" in number:
        m = VBHN_BASE_RE.search(text[:20000])
        if m:
            speaker = canon_number(m.group("number")) or number
            yield FactRec(number, "base_number", speaker, src, "vbhn", m.group(0)[:300])
    articles = _articles(text)
    if articles:
        kind = "vbhn" if speaker != number else "own_text"
        yield from article_records(speaker, articles, source=src, source_kind=kind,
                                   provisions=False)
        from thpl_nlp.kb.importers import ProvisionRec

        for eid, heading, body in articles:
            yield ProvisionRec(number, eid, heading, body, src, "vbpl_pages")


def _articles(text: str) -> list[tuple[str, str | None, str]]:
    out: list[tuple[str, str | None, str]] = []
    cur: list = []
    for line in clean_lines(text):
        m = ARTICLE_RE.match(line)
        if m:
            if cur:
                out.append((cur[0], cur[1], "\n".join(cur[2])))
            cur = [f"art_{m.group('num')}", m.group("heading").strip() or None, []]
            continue
        if cur:
            cur[2].append(line)
            if END_RE.search(line):
                break
    if cur:
        out.append((cur[0], cur[1], "\n".join(cur[2])))
    return out
