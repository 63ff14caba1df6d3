"""Form and drafting technique (``form``): số hiệu, header parts, numbering, impossible dates.

>>> next_point("đ")
'e'
>>> bad_dates("ngày 31 tháng 02 năm 2021 và ngày 15 tháng 6 năm 2021")[0][0]
'31/02/2021'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from thpl_nlp.models import Evidence, Provision
from thpl_nlp.review.findings import Draft, where
from thpl_nlp.review.rules import ReviewContext

NEEDS_KB = False

POINT_ORDER = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
DATE = re.compile(
    r"""
    ngày\s+(?P<d>\d{1,2})\s*(?:tháng\s+|/|-)(?P<m>\d{1,2})\s*(?:năm\s+|/|-)(?P<y>(?:19|20)\d{2})
    """,
    re.VERBOSE | re.IGNORECASE,
)
LOCAL_NUMBER = re.compile(
    r"""
    ^(?P<seq>\d{1,5})/(?P<year>(?:19|20)\d{2})/   # sequence and year of a normative document
    (?P<code>QĐ|NQ|CT)-(?P<body>UBND|HĐND|CTUBND)$   # type code and issuing body
    """,
    re.VERBOSE,
)
_CODE_OF_TYPE = {"Quyết định": "QĐ", "Nghị quyết": "NQ", "Chỉ thị": "CT"}
_BODY_OF_TYPE = {"Nghị quyết": "HĐND", "Quyết định": "UBND", "Chỉ thị": "UBND"}


def next_point(label: str) -> str | None:
    i = POINT_ORDER.index(label) if label in POINT_ORDER else -1
    return POINT_ORDER[i + 1] if 0 <= i < len(POINT_ORDER) - 1 else None


def bad_dates(text: str) -> list[tuple[str, int, int]]:
    """Dates written in ``text`` that cannot exist (``31/02``, month 13)."""
    out = []
    for m in DATE.finditer(text):
        d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
        try:
            dt.date(y, mo, d)
        except ValueError:
            out.append((f"{d:02d}/{mo:02d}/{y}", m.start(), m.end()))
    return out


def _draft(ctx: ReviewContext, eid: str, rule: str, what: str, why: str, todo: str,
           start: int | None = None, end: int | None = None, conf: float = 0.8,
           severity: str = "low", cited: str | None = None) -> Draft:
    label = ctx.doc.number or ctx.doc.source
    local = ctx.doc.text[start:end] if start is not None and end is not None else ""
    return Draft(
        eid, rule, "form", severity, conf, what, why, "sua_doi", ctx.cfg["legal_grounds"]["form"],
        cited=cited, evidence=[Evidence(f"{label} {eid}", local, start, end)] if local else [],
        todo=todo, start=start, end=end, local_text=local or what, fact={"rule": rule},
    )


def check(ctx: ReviewContext) -> Iterator[Draft]:
    if ctx.level is None:
        return
    yield from _header(ctx)
    yield from _numbering(ctx)
    for s, start, end in bad_dates(ctx.doc.text):
        yield _draft(ctx, _eid_at(ctx, start), "form.impossible_date",
                     f"Ngày {s} không tồn tại",
                     "ngày tháng trong văn bản phải là ngày có thật", "sửa lại ngày cho đúng",
                     start, end, conf=0.9, severity="medium")


def _eid_at(ctx: ReviewContext, offset: int) -> str:
    best = "document"
    for p in ctx.doc.iter_provisions():
        if p.start <= offset < p.end and p.kind in ("article", "clause", "point"):
            best = p.eid
    for i, b in enumerate(ctx.doc.bases, start=1):
        if b.start <= offset < b.end:
            return f"basis_{i}"
    return best


def _header(ctx: ReviewContext) -> Iterator[Draft]:
    doc = ctx.doc
    missing = [name for name, v in (("số, ký hiệu", doc.number), ("ngày ban hành", doc.issued_on),
                                    ("tên loại văn bản", doc.doc_type), ("trích yếu", doc.title),
                                    ("chữ ký, họ tên người ký", doc.signer)) if not v]
    if missing:
        yield _draft(ctx, "document", "form.header_missing",
                     "Văn bản thiếu thành phần thể thức: " + ", ".join(missing),
                     "văn bản quy phạm pháp luật phải có đủ số, ký hiệu; địa danh và thời gian "
                     "ban hành; tên loại và trích yếu; chữ ký của người có thẩm quyền",
                     "bổ sung các thành phần còn thiếu (hoặc đối chiếu bản gốc)",
                     conf=0.6 if len(missing) < 3 else 0.4)
    number = doc.number or ""
    if number and ctx.is_normative and ctx.level == "province":
        m = LOCAL_NUMBER.match(number)
        if not m:
            yield _draft(ctx, "document", "form.number_format",
                         f"Số, ký hiệu “{number}” không đúng mẫu số/năm/QĐ-UBND, NQ-HĐND",
                         "văn bản QPPL của chính quyền địa phương ghi số thứ tự, năm ban hành và "
                         "ký hiệu tên loại - cơ quan ban hành", "sửa lại số, ký hiệu", conf=0.6)
        else:
            code = _CODE_OF_TYPE.get(doc.doc_type or "")
            body = _BODY_OF_TYPE.get(doc.doc_type or "")
            if code and m["code"] != code:
                yield _draft(ctx, "document", "form.number_type_mismatch",
                             f"Ký hiệu {m['code']} trong số hiệu không khớp tên loại "
                             f"“{doc.doc_type}”", "ký hiệu phải là chữ viết tắt của tên loại",
                             "sửa lại ký hiệu", conf=0.8, severity="medium")
            elif body and m["body"] != body and not (m["body"] == "CTUBND" and body == "UBND"):
                yield _draft(ctx, "document", "form.number_body_mismatch",
                             f"{doc.doc_type} mang ký hiệu cơ quan {m['body']}",
                             f"{doc.doc_type} của chính quyền địa phương do {body} ban hành",
                             "kiểm tra thẩm quyền và ký hiệu", conf=0.7, severity="medium")
            if doc.issued_on and int(m["year"]) != doc.issued_on.year:
                yield _draft(ctx, "document", "form.number_year_mismatch",
                             f"Năm trong số hiệu ({m['year']}) khác năm ban hành "
                             f"({doc.issued_on.year})", "năm trong số hiệu là năm ban hành",
                             "sửa lại số hiệu hoặc ngày ban hành", conf=0.8, severity="medium")


def _numbering(ctx: ReviewContext) -> Iterator[Draft]:
    """Gaps and duplicates among siblings: articles per scope, clauses, points."""
    groups: dict[str, list[Provision]] = {}
    for p in ctx.doc.iter_provisions():
        if p.kind == "article":
            scope = p.eid.split("art_")[0]
            groups.setdefault(f"art:{scope}", []).append(p)
    for p in ctx.doc.iter_provisions():
        for kind in ("clause", "point"):
            kids = [c for c in p.children if c.kind == kind]
            if kids:
                groups[f"{kind}:{p.eid}"] = kids
    for key, items in groups.items():
        kind = key.split(":")[0]
        labels = [(i.num or "").lower() for i in items]
        seen: set[str] = set()
        for prev, cur, item in zip([None, *labels], labels, items, strict=False):
            if cur in seen:
                yield _draft(ctx, item.eid, "form.numbering_duplicate",
                             f"Số thứ tự “{cur}” của {where(item.eid)} bị trùng",
                             "các điều, khoản, điểm phải được đánh số liên tục, không trùng",
                             "đánh số lại", item.start, min(item.end, item.start + 80),
                             severity="medium")
                continue
            seen.add(cur)
            if prev is None:
                continue
            inserted = (kind == "point" and bool(re.search(r"\d", cur + prev))) or any(
                re.fullmatch(r"\d+[a-z]", x) for x in (cur, prev))
            if inserted:
                continue  # inserted points/articles ("b1", "5a") keep the old numbering
            expected = _next(kind, prev)
            if expected is not None and cur != expected:
                yield _draft(ctx, item.eid, "form.numbering_gap",
                             f"Sau số “{prev}” là “{cur}” (thiếu “{expected}”) tại "
                             f"{where(item.eid)}",
                             "các điều, khoản, điểm phải được đánh số liên tục",
                             "kiểm tra nội dung bị thiếu hoặc đánh số lại",
                             item.start, min(item.end, item.start + 80))


def _next(kind: str, prev: str) -> str | None:
    if kind == "point":
        return next_point(prev)
    m = re.fullmatch(r"(\d+)[a-z]?", prev)
    return str(int(m.group(1)) + 1) if m else None
