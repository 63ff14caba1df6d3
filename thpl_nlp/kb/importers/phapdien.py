"""Importer of the Bộ pháp điển export (``phapdien/phapdien.zip``, ``demuc/*.html``).

Each article (``p.pDieu``) comes with a source note (``p.pGhiChu``)::

    (Điều 1 Nghị định số 92/2008/NĐ-CP Quy định chi tiết … ngày 22/08/2008 của Chính phủ,
     có hiệu lực thi hành kể từ ngày 23/09/2008, có nội dung được sửa đổi … bởi Điều 1
     Nghị định số 95/2021/NĐ-CP có hiệu lực thi hành kể từ ngày 02/01/2022)

giving the original document, article, title, issue date, issuer and effective date, and
amendments. Cross-references (``p.pChiDan``) are kept in the provision text's neighbourhood
but not as relations. The HTML is read with regular expressions (one pass, ~150 M chars).
"""

from __future__ import annotations

import html
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from thpl_nlp.kb.aliases import alias_key, cited_titles
from thpl_nlp.kb.importers import (
    AliasRec,
    FactRec,
    Problem,
    ProvisionRec,
    Record,
    SourcedRelation,
    Unit,
)
from thpl_nlp.kb.relations import DOC_TYPES, RelationRec
from thpl_nlp.kb.textutil import canon_number, parse_vn_date

BLOCK_RE = re.compile(
    r"""<p\s+class='pDieu'>(?P<dieu>.*?)</p>\s*            # article label and heading
    (?:<p\s+class='pGhiChu'>(?P<note>.*?)</p>)?\s*         # source note
    <p\s+class='pNoiDung'>(?P<body>.*?)                     # content (nested <p>s)
    (?=<p\s+class='p(?:Dieu|ChiDan|Chuong|Muc)'>|</div>|\Z)
    """,
    re.VERBOSE | re.DOTALL,
)
NOTE_RE = re.compile(
    rf"""\(?\s*(?P<art>(?:Điều|Khoản|Điểm)\s+[\w.]+(?:\s+[\w.]+)?)\s+   # Điều 5 (of the source)
    (?P<type>{DOC_TYPES})\s+(?:số\s+)?(?P<num>[\w./Đđ-]+?)              # type and number
    (?:\s+(?P<title>[^,]*)\s+ngày\s+(?P<issued>\d{{1,2}}/\d{{1,2}}/\d{{4}})  # title, the
       (?:\s+của\s+(?P<issuer>[^,]+?))?                                # last date, issuer
      |(?:\s+(?P<title2>[^,]*?))?)\s*,
    \s*có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+kể\s+từ\s+ngày\s+(?P<eff>\d{{1,2}}/\d{{1,2}}/\d{{4}})
    """,
    re.VERBOSE,
)
AMENDED_BY_RE = re.compile(
    rf"""(?P<how>được\s+(?:sửa\s+đổi|bổ\s+sung|bãi\s+bỏ|thay\s+thế)[^()]*?)\s+bởi\s+
    (?P<art>(?:Điều|Khoản|Điểm)\s+[\w.]+(?:\s+[\w.]+)?)\s+(?P<type>{DOC_TYPES})\s+(?:số\s+)?
    (?P<num>[\w./Đđ-]+?)\s+có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+kể\s+từ\s+ngày\s+
    (?P<eff>\d{{1,2}}/\d{{1,2}}/\d{{4}})""",
    re.VERBOSE,
)
TAG_RE = re.compile(r"<[^>]+>")
# cross-reference notes: "Điều 3. … của Nghị định 36/2016/NĐ-CP Về … ban hành ngày 15/05/2016"
CHIDAN_RE = re.compile(
    rf"""của\s+(?P<type>{DOC_TYPES})\s+(?P<num>[\w./Đđ-]+/[\w./Đđ-]+)\s+   # type and number
    (?P<title>[^<>]{{3,300}}?)\s+ban\s+hành\s+ngày\s+                   # title
    (?P<date>\d{{1,2}}/\d{{1,2}}/\d{{4}})""",
    re.VERBOSE,
)


def units(corpus: Path) -> list[Unit]:
    z = corpus / "phapdien" / "phapdien.zip"
    if not z.is_file():
        return []
    return [Unit("phapdien/phapdien.zip", "phapdien", [z], lambda: load(z))]


def _text(fragment: str) -> str:
    t = re.sub(r"</p>\s*<p[^>]*>", "\n", fragment)
    t = html.unescape(TAG_RE.sub("", t))
    return re.sub(r"[ \t]+", " ", re.sub(r"\n\s*\n+", "\n", t)).strip()


def _year(num: str) -> int | None:
    parts = num.split("/")
    return int(parts[1]) if len(parts) >= 3 and parts[1].isdigit() and len(parts[1]) == 4 else None


def _eid(art: str) -> str:
    m = re.match(r"(?:Điều)\s+(\d+[a-zđ]?)", art)
    return f"art_{m.group(1)}" if m else re.sub(r"\W+", "_", art.lower()).strip("_")


def load(z: Path) -> Iterator[Record]:
    try:
        zf = zipfile.ZipFile(z)
    except zipfile.BadZipFile:
        yield Problem(f"{z}: tệp zip bị hỏng; bỏ qua Bộ pháp điển. Hãy tải lại tệp.")
        return
    first_eff: dict[str, tuple] = {}
    seen_title: set[str] = set()
    seen_prov: set[tuple[str, str]] = set()
    amend_seen: set[tuple[str, str]] = set()
    chidan_seen: set[str] = set()
    counts: dict[str, int] = defaultdict(int)
    with zf:
        for name in sorted(zf.namelist()):
            if not name.startswith("demuc/") or not name.endswith(".html"):
                continue
            try:
                s = zf.read(name).decode("utf-8-sig", "replace")
            except (zipfile.BadZipFile, OSError, RuntimeError) as e:
                yield Problem(f"{z}!{name}: không đọc được thành phần zip ({e}); đã bỏ qua.")
                continue
            for m in BLOCK_RE.finditer(s):
                note = _text(m.group("note") or "")
                n = NOTE_RE.search(note)
                if not n:
                    counts["no_note"] += 1
                    continue
                num = canon_number(n.group("num"))
                if not num:
                    continue
                eid = _eid(n.group("art"))
                dieu = _text(m.group("dieu"))
                heading = re.sub(r"^Điều\s+[\d.]+\w*(?:\.[\w]+)*\.\s*", "", dieu)
                heading = re.sub(r"^Điều\s+\S+\s+", "", heading) if heading == dieu else heading
                eff = parse_vn_date(n.group("eff"))
                src = f"{num} {eid} (Pháp điển {name[6:14]})"
                if (num, eid) not in seen_prov:
                    seen_prov.add((num, eid))
                    body = _text(m.group("body"))
                    yield ProvisionRec(num, eid, heading, body, src, "phapdien", eff)
                    for cnum, _typ, ctitle, cdate in cited_titles(body):
                        if cnum != num:
                            yield AliasRec(alias_key(ctitle), cnum, _year(cnum), cdate)
                            yield FactRec(cnum, "cited_title", ctitle, src, "citation")
                if eff and (num not in first_eff or eff < first_eff[num][0]):
                    first_eff[num] = (eff, src, note)
                if (n.group("title") or n.group("title2")) and num not in seen_title:
                    seen_title.add(num)
                    typ = re.sub(r"\s+", " ", n.group("type"))
                    title = (n.group("title") or n.group("title2")).strip()
                    if not title.lower().startswith(typ.lower()):
                        title = f"{typ} {title}"
                    yield FactRec(num, "doc_type", typ, src, "phapdien")
                    yield FactRec(num, "title", title, src, "phapdien", note)
                    issued = parse_vn_date(n.group("issued"))
                    if issued:
                        yield FactRec(num, "issued_on", issued.isoformat(), src, "phapdien", note)
                    if n.group("issuer"):
                        yield FactRec(num, "issuer", n.group("issuer").strip(), src, "phapdien")
                    year = issued.year if issued else None
                    yield AliasRec(alias_key(title), num, year, issued)
                for a in AMENDED_BY_RE.finditer(note):
                    anum = canon_number(a.group("num"))
                    if not anum or (anum, num + eid) in amend_seen:
                        continue
                    amend_seen.add((anum, num + eid))
                    kind = "repeals" if "bãi bỏ" in a.group("how") else "amends"
                    yield SourcedRelation(RelationRec(
                        kind, anum, _eid(a.group("art")), num, eid, None, True,
                        parse_vn_date(a.group("eff")), "explicit", evidence=note[:600],
                    ), "phapdien", f"{anum} (Pháp điển: ghi chú {num} {eid})")
            for c in CHIDAN_RE.finditer(s):
                cnum = canon_number(c.group("num"))
                if not cnum or cnum in seen_title or cnum in chidan_seen:
                    continue
                chidan_seen.add(cnum)
                typ = re.sub(r"\s+", " ", c.group("type"))
                title = html.unescape(c.group("title")).strip()
                if not title.lower().startswith(typ.lower()):
                    title = f"{typ} {title}"
                day = parse_vn_date(c.group("date"))
                csrc = f"{cnum} (Pháp điển, chỉ dẫn {name[6:14]})"
                yield FactRec(cnum, "cited_title", title, csrc, "citation")
                if day:
                    yield FactRec(cnum, "issued_on", day.isoformat(), csrc, "citation")
                yield AliasRec(alias_key(title), cnum, day.year if day else _year(cnum), day)
    for num, (eff, src, note) in first_eff.items():
        yield FactRec(num, "effective_on", eff.isoformat(), src, "phapdien", note[:400])
    if counts["no_note"]:
        yield Problem(f"{z}: {counts['no_note']} điều không có ghi chú nguồn đọc được; "
                      "đã nhập các điều còn lại.")
