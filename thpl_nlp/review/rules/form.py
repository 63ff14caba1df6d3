"""Form and drafting technique (``form``): số hiệu, header parts, numbering, impossible dates,
and three drafting defects read in the provisions' text:

* ``form.general_repeal`` — a general repeal clause ("các quy định trước đây trái với Quyết
  định này đều bãi bỏ"): the repealed document and its provisions must be named (Luật
  80/2015/QH13 Điều 12 khoản 1; Luật 64/2025/QH15 Điều 8 khoản 3);
* ``form.wrong_document_type`` — a Nghị quyết speaking of itself as "Quyết định này" or a
  Quyết định as "Nghị quyết này";
* ``form.normative_in_individual_decision`` — a price table for compensation or land applied
  to the whole locality issued under an individual decision number (``NNN/QĐ-UBND``, no
  year), i.e. normative content without the normative form (Luật 64/2025/QH15 Điều 2;
  Nghị định 79/2025/NĐ-CP Điều 4 khoản 2).

>>> next_point("đ")
'e'
>>> bad_dates("ngày 31 tháng 02 năm 2021 và ngày 15 tháng 6 năm 2021")[0][0]
'31/02/2021'
>>> [r for r, _s, _e in scan("Những quy định trước đây trái với Quyết định này đều bãi bỏ.")]
['form.general_repeal']
>>> [r for r, _s, _e in scan("Chế độ chi thực hiện theo quy định tại Quyết định này.",
...                          number="161/2010/NQ-HĐND")]
['form.wrong_document_type']
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
_SELF = r"(?:Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị|Quy\s+định|Quy\s+chế|văn\s+bản)\s+này"
GENERAL_REPEAL = re.compile(
    r"""
    (?<!không\s)trái\s+(?:với\s+)?                      # "contrary to" (not "không trái")
    (?:(?:các\s+)?quy\s+định\s+(?:của|tại)\s+)?          # "(the provisions of)"
    """ + _SELF + r"""                                  # "this Decision/Resolution"
    [^.;\n]{0,40}?                                      # "(trước đây) …"
    (?:đều\s+)?(?:bị\s+|được\s+)?                       # "đều (bị)"
    (?:bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ|hết\s+hiệu\s+lực|không\s+còn\s+hiệu\s+lực)   # "repealed"
    |
    bãi\s+bỏ[^.;\n]{0,300}?                              # "Bãi bỏ Quyết định số … và" …
    (?:các|những|mọi)\s+(?:quy\s+định|văn\s+bản|nội\s+dung|quyết\s+định|nghị\s+quyết|
       chỉ\s+thị)                                        # … "các quy định/Quyết định"
    [^.;\n]{0,60}?trái\s+(?:với\s+)?""" + _SELF + r"""     # … "trái với Quyết định này"
    """,
    re.VERBOSE | re.IGNORECASE,
)
# The document speaking of itself: "(tại) Quyết định này", "Nghị quyết này"
SELF_TYPE = re.compile(r"\b(?P<type>Quyết\s+định|Nghị\s+quyết)\s+này\b")
# Individual decision numbers: sequence, no year, QĐ of a People's Committee or its chairman
INDIVIDUAL_NUMBER = re.compile(
    r"""
    ^\s*(?P<seq>\d{1,6})\s*/\s*                          # sequence, no year after it
    QĐ-(?P<body>UBND|UB|CTUBND|CT)\b                    # a decision of the UBND or its chairman
    """,
    re.VERBOSE,
)
# A price table applied to the whole locality (land prices, compensation prices, tax bases),
# which the land and tax laws make normative rules — not a project's own approval.
GENERAL_PRICE_TABLE = re.compile(
    r"""
    ban\s+hành\s+(?:kèm\s+theo\s+Quyết\s+định\s+này\s+)?   # "issues (with this Decision)"
    (?:bản\s+|bộ\s+)?(?:bảng\s+(?:đơn\s+)?giá|đơn\s+giá|giá)     # "a price table"
    [^.;\n]{0,80}?(?:bồi\s+thường|đất\b|tính\s+(?:thuế|lệ\s+phí))   # of compensation, land, tax
    |
    (?:bảng\s+(?:đơn\s+)?giá|đơn\s+giá|giá)\s+bồi\s+thường         # compensation prices …
    [^.;\n]{0,160}?áp\s+dụng\s+(?:chung\s+)?         # … applied (generally) …
    (?:trên|cho|tại)\s+(?:toàn\s+)?(?:địa\s+bàn|các)      # … to the whole locality / all
    """,
    re.VERBOSE | re.IGNORECASE,
)
_ONE_PROJECT = re.compile(r"(?:của|cho|thuộc)\s+(?:dự\s+án|công\s+trình)\s+\S", re.IGNORECASE)

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


def own_type(number: str | None, doc_type: str | None = None) -> str | None:
    """"Nghị quyết" or "Quyết định" from the type code of the number, else the parsed type.

    >>> own_type("161/2010/NQ-HĐND16"), own_type(None, "Quyết định")
    ('Nghị quyết', 'Quyết định')
    """
    m = re.search(r"/(NQ|QĐ)-", number or "")
    if m:
        return "Nghị quyết" if m[1] == "NQ" else "Quyết định"
    return doc_type if doc_type in ("Nghị quyết", "Quyết định") else None


def scan(text: str, *, number: str | None = None, doc_type: str | None = None
         ) -> list[tuple[str, int, int]]:
    """Text-only drafting defects of one provision: ``(rule, start, end)``.

    ``form.normative_in_individual_decision`` needs the number (an individual decision);
    ``form.wrong_document_type`` needs the document's own type (number code or parsed type).
    """
    out: list[tuple[str, int, int]] = []
    m = GENERAL_REPEAL.search(text)
    if m:
        out.append(("form.general_repeal", m.start(), m.end()))
    mine = own_type(number, doc_type)
    if mine is not None:
        for t in SELF_TYPE.finditer(text):
            named = re.sub(r"\s+", " ", t["type"])
            sent_s = max(text.rfind(". ", 0, t.start()), text.rfind("\n", 0, t.start())) + 1
            sent_e = min(x for x in (text.find(". ", t.end()), text.find("\n", t.end()),
                                     len(text)) if x >= 0)
            sentence = text[sent_s:sent_e]
            if named != mine and f"{mine} này" not in re.sub(r"\s+", " ", sentence):
                out.append(("form.wrong_document_type", t.start(), t.end()))
                break
    if INDIVIDUAL_NUMBER.match(number or ""):
        p = GENERAL_PRICE_TABLE.search(text)
        if p and not _ONE_PROJECT.search(text[p.start() : p.end() + 120]):
            out.append(("form.normative_in_individual_decision", p.start(), p.end()))
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
    yield from _drafting(ctx)
    for s, start, end in bad_dates(ctx.doc.text):
        yield _draft(ctx, _eid_at(ctx, start), "form.impossible_date",
                     f"Ngày {s} không tồn tại",
                     "ngày tháng trong văn bản phải là ngày có thật", "sửa lại ngày cho đúng",
                     start, end, conf=0.9, severity="medium")


def _drafting(ctx: ReviewContext) -> Iterator[Draft]:
    """General repeal clauses, the wrong document type named, normative price tables under an
    individual decision number — on every provision with its own text."""
    g = ctx.cfg["legal_grounds"]
    issued = ctx.issued_on
    new_law = issued is None or issued >= dt.date(2025, 4, 1)
    repeal_ground = g["repeal_named"] if new_law else g["repeal_named_old"]
    seen: set[str] = set()
    provs = ctx.own_text_provisions() or [None]
    for p in provs:
        base = p.start if p is not None else 0
        text = ctx.text(p) if p is not None else ctx.doc.text
        eid = p.eid if p is not None else "document"
        for rule, s, e in scan(text, number=ctx.doc.number, doc_type=ctx.doc.doc_type):
            if rule != "form.general_repeal" and rule in seen:
                continue  # one finding per document for the document-wide defects
            seen.add(rule)
            local = text[s:e]
            if rule == "form.general_repeal":
                d = _draft(ctx, eid, rule,
                           f"Điều khoản bãi bỏ chung chung “{local.strip()}”, không nêu tên văn "
                           "bản, điều, khoản bị bãi bỏ",
                           f"{repeal_ground}: “{g['repeal_named_quote']}”",
                           "nêu rõ số, ký hiệu, tên văn bản và điều, khoản, điểm bị bãi bỏ (rà "
                           "soát các văn bản đã ban hành trái với văn bản mới)",
                           base + s, base + e, conf=0.8, severity="medium")
                d.legal_ground = repeal_ground
            elif rule == "form.wrong_document_type":
                mine = own_type(ctx.doc.number, ctx.doc.doc_type)
                d = _draft(ctx, eid, rule,
                           f"{mine} lại tự gọi mình là “{local}”",
                           f"{g['doc_type']}: tên loại văn bản phải thống nhất trong toàn văn "
                           f"bản; viện dẫn “{local}” trong một {mine.lower()} có thể là nội dung "
                           "sao chép từ văn bản khác",
                           f"sửa thành “{mine} này” và kiểm tra nội dung được sao chép",
                           base + s, base + e, conf=0.8, severity="low")
                d.legal_ground = g["doc_type"]
            else:
                d = _draft(ctx, eid, rule,
                           f"Bảng giá áp dụng chung (“{local.strip()[:120]}”) được ban hành bằng "
                           f"quyết định cá biệt số {ctx.doc.number}",
                           f"{g['normative_form']}: “{g['normative_form_quote']}”; bảng giá "
                           "áp dụng cho mọi trường hợp trên địa bàn là quy tắc xử sự chung, phải "
                           "ban hành bằng quyết định quy phạm pháp luật (số/năm/QĐ-UBND)",
                           "ban hành lại nội dung này bằng văn bản quy phạm pháp luật đúng "
                           "trình tự, thủ tục; xử lý văn bản đã ban hành sai hình thức",
                           base + s, base + e, conf=0.7, severity="medium")
                d.legal_ground = g["normative_form"]
            yield d


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
