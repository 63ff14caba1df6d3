"""Checks on the legal bases ("Căn cứ …" lines), eId ``basis_N`` (1-based).

Each cited document is resolved through the KB and checked: not in force at ``as_of``
(``basis_expired``), not in force on the document's own issue date
(``basis_not_in_force_at_issue``), well-formed but unknown (``basis_unresolved``), malformed or
matching no real document (``citation_invalid``), of lower legal force than the document
(``form``); plus missing expected bases (``form``). A law in force only in part, or one whose
effect starts in a later budget year, is not expired.

>>> NEEDS_KB
False
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from thpl_nlp.models import Evidence, LegalBasis, Reference, is_numberless_label
from thpl_nlp.review import kb_api
from thpl_nlp.review.findings import Draft, vn_date
from thpl_nlp.review.rules import ReviewContext, doc_kind

NEEDS_KB = False  # the form checks run without a KB; the validity checks need one

_NUMBER_SHAPE = re.compile(
    r"""
    ^(?P<seq>\d{1,6}[a-z]?)                       # ordinal number
    (?:/(?P<year>(?:19|20)\d{2}))?                # year of issue
    /(?P<symbol>[A-ZĐ][A-Za-zĐ0-9]*(?:-[A-ZĐ][A-Za-zĐ0-9]*)*)$   # type-issuer symbol
    """,
    re.VERBOSE,
)
_TYPE_OF_SYMBOL = {
    "QH": "Luật",
    "NĐ-CP": "Nghị định",
    "QĐ-TTg": "Quyết định Thủ tướng",
    "UBTVQH": "Nghị quyết UBTVQH",
    "PL-UBTVQH": "Pháp lệnh",  # "43/2002/PL-UBTVQH10"
    "NQ-UBTVQH": "Nghị quyết UBTVQH",  # "1003/2020/NQ-UBTVQH14"
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NQ-HĐND": "Nghị quyết HĐND tỉnh",
    "QĐ-UBND": "Quyết định UBND tỉnh",
    "CT-UBND": "Chỉ thị UBND tỉnh",
}


def _force_key(ref: Reference) -> str | None:
    number = ref.number or ""
    m = _NUMBER_SHAPE.match(number)
    symbol = m["symbol"] if m else ""
    if re.fullmatch(r"QH\d+", symbol):
        return "Nghị quyết Quốc hội" if (ref.doc_type or "").startswith("Nghị quyết") else "Luật"
    if symbol.startswith("TTLT"):
        return "Thông tư liên tịch"
    if symbol.startswith("TT-"):
        return "Thông tư"
    for sym, key in _TYPE_OF_SYMBOL.items():
        if symbol == sym or symbol.startswith(sym):
            return key
    dt_ = ref.doc_type or ""
    if dt_ in ("Hiến pháp", "Luật", "Bộ luật", "Pháp lệnh", "Nghị định", "Thông tư"):
        return dt_
    return None


def _year_mismatch(ref: Reference) -> bool:
    m = _NUMBER_SHAPE.match(ref.number or "")
    if not (m and m["year"] and ref.issued_on):
        return False
    return int(m["year"]) != ref.issued_on.year


def _cited_label(ref: Reference) -> str:
    label = " ".join(x for x in (ref.doc_type, ref.number) if x) or ref.text.strip()
    if ref.title and ref.number is None:
        label = ref.title
    if ref.issued_on:
        label += f" {vn_date(ref.issued_on)}"
    return label


def check(ctx: ReviewContext) -> Iterator[Draft]:
    doc = ctx.doc
    g = ctx.cfg["legal_grounds"]
    own_rank = ctx.cfg["force_rank"].get(doc_kind(doc))
    for i, basis in enumerate(doc.bases, start=1):
        eid = f"basis_{i}"
        for ref in _cited_documents(basis):
            yield from _check_ref(ctx, eid, basis, ref, own_rank, g)
    yield from _missing_expected(ctx)


_AMENDING_TITLE = re.compile(
    r"""
    (?<!được\s)(?<!đã\s)                      # not "đã được sửa đổi" (the amending law follows)
    (?:sửa\s+đổi,?\s+bổ\s+sung|sửa\s+đổi|bãi\s+bỏ)   # an amending title …
    \s+(?:một\s+số\s+điều\s+)?(?:của|các|Luật|Nghị\s+định|Điều)   # … naming what it amends
    """,
    re.IGNORECASE | re.VERBOSE,
)


def _cited_documents(basis: LegalBasis) -> list[Reference]:
    """The documents a basis line cites as bases: laws named inside the title of a cited
    amending law ("Luật số 90/2025/QH15 … sửa đổi, bổ sung một số điều của Luật Đầu tư công")
    are part of that title, not bases of their own.

    >>> b = LegalBasis("Căn cứ Luật số 90/2025/QH15 về sửa đổi, bổ sung Luật Đầu tư công;", 0,
    ...                66, [Reference(7, 27, "Luật số 90/2025/QH15", "Luật", "90/2025/QH15"),
    ...                     Reference(48, 64, "Luật Đầu tư công", "Luật", None)])
    >>> [r.number for r in _cited_documents(b)]
    ['90/2025/QH15']
    """
    refs = list(basis.refs)
    out = []
    titles = [m.start() for m in _AMENDING_TITLE.finditer(basis.text)]
    for r in refs:
        rel = r.start - basis.start
        if any(t < rel and any(o is not r and o.number and o.start - basis.start < t
                               for o in refs) for t in titles):
            continue
        out.append(r)
    return out


def _check_ref(
    ctx: ReviewContext,
    eid: str,
    basis: LegalBasis,
    ref: Reference,
    own_rank: int | None,
    g: dict[str, str],
) -> Iterator[Draft]:
    local = Evidence(f"{ctx.doc.number or ctx.doc.source} {eid}", basis.text.strip(),
                     basis.start, basis.end)
    common: dict[str, Any] = {"start": basis.start, "end": basis.end, "local_text": basis.text}
    number = ref.number
    # 1. malformed citations (typos repaired by the extractor, impossible dates)
    if ref.raw_number and number and ref.warnings:
        yield Draft(
            eid, "basis.citation_malformed", "citation_invalid", "low", 0.7,
            f"Số hiệu trích dẫn bị viết sai: “{ref.raw_number}” (đã hiểu là {number})",
            "số hiệu văn bản làm căn cứ phải ghi đúng, đầy đủ để tra cứu được; "
            + "; ".join(ref.warnings),
            "sua_doi", g["citation"], cited=number, evidence=[local],
            todo=f"sửa lại số hiệu thành {number}", fact={"raw": ref.raw_number}, **common,
        )
    if number and _year_mismatch(ref):
        yield Draft(
            eid, "basis.citation_date_mismatch", "citation_invalid", "medium", 0.8,
            f"Số hiệu {number} mang năm {number.split('/')[1]} nhưng ngày ban hành được trích "
            f"là {vn_date(ref.issued_on)}",
            "năm trong số hiệu và ngày ban hành của một văn bản phải khớp nhau; có thể đã "
            "ghi nhầm số hiệu hoặc ngày",
            "sua_doi", g["citation"], cited=number, evidence=[local],
            todo="đối chiếu bản gốc và sửa lại số hiệu hoặc ngày ban hành",
            fact={"number": number, "issued_on": str(ref.issued_on)}, **common,
        )
    # 2. lower legal force than the document itself
    key = _force_key(ref)
    rank = ctx.cfg["force_rank"].get(key) if key else None
    if own_rank is not None and rank is not None and rank < own_rank:
        yield Draft(
            eid, "basis.lower_force", "form", "medium", 0.75,
            f"Văn bản làm căn cứ ({_cited_label(ref)}) có hiệu lực pháp lý thấp hơn "
            f"văn bản được kiểm tra ({doc_kind(ctx.doc)})",
            "căn cứ ban hành phải là văn bản có hiệu lực pháp lý cao hơn",
            "sua_doi", g["lower_force"], cited=number, evidence=[local],
            todo="bỏ căn cứ này hoặc thay bằng văn bản cấp trên tương ứng",
            fact={"rank": rank, "own": own_rank}, **common,
        )
    # 3. validity through the KB
    if ctx.kb is None:
        return
    if number is None:
        number = ctx.resolve(ref)
        if number is None:
            if ref.doc_type and (ref.issued_on or ref.title):
                yield Draft(
                    eid, "basis.unresolved_name", "basis_unresolved", "low", 0.5,
                    f"Không xác định được văn bản làm căn cứ “{_cited_label(ref)}” "
                    "(trích dẫn theo tên, không có số hiệu)",
                    "cơ sở dữ liệu văn bản không có văn bản nào khớp tên và ngày ban hành này",
                    "sua_doi", g["citation"], evidence=[local],
                    todo="ghi đầy đủ số hiệu văn bản làm căn cứ và kiểm tra lại tên, ngày",
                    fact={"text": ref.text}, **common,
                )
            return
    # a law the corpus names only by name and date has a KB key, not a số hiệu
    numberless = is_numberless_label(number)
    if not numberless and not _NUMBER_SHAPE.match(number):
        yield Draft(
            eid, "basis.citation_malformed", "citation_invalid", "medium", 0.8,
            f"Số hiệu “{number}” không đúng thể thức số hiệu văn bản",
            "số hiệu phải có dạng số/năm/ký hiệu (ví dụ 80/2015/QH13)",
            "sua_doi", g["citation"], cited=number, evidence=[local],
            todo="sửa lại số hiệu theo bản gốc", fact={"number": number}, **common,
        )
        return
    now = ctx.status(number, ctx.as_of)
    if not now or now.get("status") in (None, kb_api.UNKNOWN):
        yield from _unknown(ctx, eid, ref, number, local, common, g)
        return
    known_date = kb_api.parse_date(now.get("issued_on"))
    if ref.issued_on and known_date and ref.issued_on != known_date and not numberless:
        yield Draft(
            eid, "basis.citation_wrong_date", "citation_invalid", "medium", 0.8,
            f"Căn cứ ghi {number} {vn_date(ref.issued_on)} nhưng văn bản này được ban hành "
            f"{vn_date(known_date)}",
            f"theo cơ sở dữ liệu văn bản, {number} ({now.get('title') or ''}) ban hành "
            f"{vn_date(known_date)}",
            "sua_doi", g["citation"], cited=number, evidence=[local, _kb_evidence(number, now)],
            todo=f"sửa ngày ban hành thành {vn_date(known_date)}",
            fact={"issued_on": now.get("issued_on")}, **common,
        )
    if now.get("status") == kb_api.EXPIRED:
        yield _expired(ctx, eid, number, now, local, common, g)
    if ctx.issued_on:
        then = ctx.status(number, ctx.issued_on)
        if then and then.get("status") in (kb_api.EXPIRED, kb_api.NOT_YET):
            yield _not_at_issue(ctx, eid, number, then, local, common, g)


def _kb_evidence(number: str, st: dict[str, Any]) -> Evidence:
    parts = [f"{number}: {st.get('status')}"]
    if st.get("effective_on"):
        parts.append(f"hiệu lực từ {st['effective_on']}")
    if st.get("not_in_force_from"):
        parts.append(f"hết hiệu lực từ {st['not_in_force_from']}")
    if st.get("replaced_by"):
        parts.append("thay thế bởi " + ", ".join(st["replaced_by"]))
    return Evidence(f"kb:{number}", "; ".join(parts))


def _expired(
    ctx: ReviewContext, eid: str, number: str, st: dict[str, Any], local: Evidence,
    common: dict[str, Any], g: dict[str, str],
) -> Draft:
    since = kb_api.parse_date(st.get("not_in_force_from"))
    replaced = list(st.get("replaced_by") or [])
    successor = list(st.get("current_successor") or [])
    evidence = [local, _kb_evidence(number, st)]
    evidence += [Evidence(e.get("source", ""), e.get("text", "")) for e in st.get("evidence", [])]
    why = f"{number} hết hiệu lực từ {vn_date(since)}"
    if replaced:
        why += f", được thay thế bởi {', '.join(replaced)}"
    if successor and successor != replaced:
        why += f"; văn bản đang có hiệu lực hiện nay: {', '.join(successor)}"
    quote = next((e.get("text") for e in st.get("evidence", []) if e.get("text")), None)
    if quote:
        src = st["evidence"][0].get("source", "")
        why += f" ({src}: “{quote.strip()[:240]}”)"
    todo = (
        f"rà soát, cập nhật căn cứ theo {', '.join(successor or replaced)}"
        if (successor or replaced) else "rà soát, cập nhật căn cứ ban hành"
    )
    return Draft(
        eid, "basis.expired", "basis_expired", "high" if replaced else "medium",
        0.95 if since else 0.8,
        f"Căn cứ pháp lý {number} không còn hiệu lực tại {vn_date(ctx.as_of)}", why,
        "thay_the" if replaced else "sua_doi", g["basis"], cited=number,
        replaced_by=replaced or None, evidence=evidence, todo=todo,
        fact={k: st.get(k) for k in ("status", "not_in_force_from", "replaced_by",
                                     "current_successor")}, **common,
    )


def _not_at_issue(
    ctx: ReviewContext, eid: str, number: str, st: dict[str, Any], local: Evidence,
    common: dict[str, Any], g: dict[str, str],
) -> Draft:
    if st.get("status") == kb_api.NOT_YET:
        what = (f"Căn cứ pháp lý {number} chưa có hiệu lực vào ngày ban hành văn bản "
                f"({vn_date(ctx.issued_on)}); có hiệu lực từ "
                f"{vn_date(kb_api.parse_date(st.get('effective_on')))}")
        sev, conf = "medium", 0.75  # allowed when it takes effect no later than the document
        eff = kb_api.parse_date(st.get("effective_on"))
        if eff and ctx.doc.effective_on and eff <= ctx.doc.effective_on:
            sev, conf = "low", 0.4
    else:
        what = (f"Căn cứ pháp lý {number} đã hết hiệu lực vào ngày ban hành văn bản "
                f"({vn_date(ctx.issued_on)})")
        sev, conf = "high", 0.9
    return Draft(
        eid, "basis.not_in_force_at_issue", "basis_not_in_force_at_issue", sev, conf, what,
        "căn cứ pháp lý phải đang có hiệu lực tại thời điểm ban hành hoặc đã được thông qua và "
        "có hiệu lực trước hoặc cùng thời điểm với văn bản",
        "sua_doi", g["basis_at_issue"], cited=number,
        replaced_by=list(st.get("replaced_by") or []) or None,
        evidence=[local, _kb_evidence(number, st)],
        todo="kiểm tra lại căn cứ ban hành tại thời điểm ban hành",
        fact={k: st.get(k) for k in ("status", "effective_on", "not_in_force_from")}, **common,
    )


def _unknown(
    ctx: ReviewContext, eid: str, ref: Reference, number: str, local: Evidence,
    common: dict[str, Any], g: dict[str, str],
) -> Iterator[Draft]:
    """A well-formed number the KB does not know: unresolved, or a likely typo."""
    suggestion = None
    try:
        if ref.title or ref.doc_type:
            by_name = ctx.kb.resolve(Reference(ref.start, ref.end, ref.text, ref.doc_type, None,
                                               None, ref.issued_on, ref.issuer, ref.title))
            known = by_name and (ctx.status(by_name, ctx.as_of) or {}).get("status") not in (
                None, kb_api.UNKNOWN)
            same_stem = by_name and (number.startswith(by_name) or by_name.startswith(number))
            if by_name and by_name != number and known and not same_stem:
                suggestion = by_name
    except (KeyError, ValueError, LookupError):
        suggestion = None
    if suggestion:
        yield Draft(
            eid, "basis.citation_no_such_document", "citation_invalid", "medium", 0.8,
            f"Không có văn bản nào mang số hiệu {number}; tên và ngày được trích khớp với "
            f"{suggestion}",
            "cơ sở dữ liệu văn bản không có số hiệu này; có thể đã ghi nhầm số hiệu",
            "sua_doi", g["citation"], cited=number, evidence=[local],
            todo=f"kiểm tra bản gốc, có thể cần sửa thành {suggestion}",
            fact={"suggestion": suggestion}, **common,
        )
        return
    yield Draft(
        eid, "basis.unresolved", "basis_unresolved", "low", 0.5,
        f"Không tra cứu được văn bản làm căn cứ {number}",
        "cơ sở dữ liệu văn bản chưa có thông tin về văn bản này",
        "giu_nguyen", g["citation"], cited=number, evidence=[local],
        todo="kiểm tra thủ công tình trạng hiệu lực hoặc bổ sung văn bản vào cơ sở dữ liệu",
        fact={"number": number, "status": "unknown"}, **common,
    )


def _missing_expected(ctx: ReviewContext) -> Iterator[Draft]:
    """A provincial normative decision/resolution should cite the local-government law."""
    if ctx.level != "province" or not ctx.is_normative or not ctx.doc.bases:
        return
    joined = " ".join(b.text for b in ctx.doc.bases).lower()
    for key, spec in ctx.cfg["expected_bases"].items():
        if ctx.doc.doc_type and ctx.doc.doc_type not in spec["applies_to"]:
            continue
        if re.search(spec["pattern"], joined):
            continue
        name = {"local_government_law": "Luật Tổ chức chính quyền địa phương"}.get(key, key)
        first = ctx.doc.bases[0]
        yield Draft(
            "document", f"basis.missing_{key}", "form", "low", 0.6,
            f"Phần căn cứ không viện dẫn {name}",
            f"văn bản quy phạm pháp luật của chính quyền địa phương cấp tỉnh phải căn cứ {name} "
            "(luật quy định thẩm quyền, hình thức ban hành)",
            "bo_sung", ctx.cfg["legal_grounds"]["citation"],
            evidence=[Evidence(f"{ctx.doc.number or ctx.doc.source} basis_1", first.text)],
            todo=f"bổ sung căn cứ {name} đang có hiệu lực", start=first.start,
            end=ctx.doc.bases[-1].end, local_text=joined, fact={"missing": key},
        )


def basis_date(ref: Reference) -> dt.date | None:
    """The cited issue date (helper for callers).

    >>> basis_date(Reference(0, 1, "x", issued_on=dt.date(2015, 6, 22)))
    datetime.date(2015, 6, 22)
    """
    return ref.issued_on
