"""References inside provisions: to missing articles of the same document, and to other
documents (or their articles) that are no longer in force or do not exist.

Internal references ("Điều 7 Quy định này", "khoản 3 Điều 5 của Quyết định này") are checked
against the document's own provision tree and need no KB; external references need the KB.

>>> [m["art"] for m in INTERNAL_REF.finditer("theo khoản 2 Điều 7 Quy định này")]
['7']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from thpl_nlp.models import Evidence, Provision, Reference
from thpl_nlp.review import kb_api
from thpl_nlp.review.findings import Draft, vn_date, where
from thpl_nlp.review.rules import ReviewContext

NEEDS_KB = False  # internal references need none; external ones are skipped without a KB

INTERNAL_REF = re.compile(
    r"""
    (?:(?:điểm\s+(?P<point>[a-zđ])\s+)?khoản\s+(?P<para>\d+)\s+)?   # optional điểm/khoản
    Điều\s+(?P<art>\d+[a-z]?)                                       # the article cited
    (?:\s*,\s*\d+[a-z]?|\s+và\s+\d+[a-z]?)*                          # "Điều 5, 6 và 7" (ignored)
    \s+(?:của\s+)?(?P<scope>Quy\s+định|Quy\s+chế|Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị|
                            Điều\s+lệ|Hướng\s+dẫn)\s+này                # "… này": same document
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _scope_prefix(scope: str, eid: str) -> str:
    """``att_1__`` for "Quy định/Quy chế này" (the attached regulation), else the main body."""
    s = scope.lower()
    if s.startswith(("quy định", "quy chế", "điều lệ", "hướng dẫn")):
        m = re.match(r"(att_\d+__)", eid)
        return m.group(1) if m else "att_1__"
    return ""


def _exists(eids: set[str], prefix: str, art: str, para: str | None, point: str | None) -> bool:
    target = f"{prefix}art_{art}"
    if para:
        target += f"__para_{para}"
        if point:
            target += f"__point_{point}"
    return target in eids


def check(ctx: ReviewContext) -> Iterator[Draft]:
    eids = {p.eid for p in ctx.doc.iter_provisions()}
    has_attached = any(e.startswith("att_") for e in eids)
    g = ctx.cfg["legal_grounds"]
    for p in ctx.own_text_provisions():
        text = ctx.text(p)
        for m in INTERNAL_REF.finditer(text):
            prefix = _scope_prefix(m["scope"], p.eid)
            if prefix and not has_attached and not p.eid.startswith("att_"):
                continue  # "Quy định này" whose attached regulation is not in the text
            if _exists(eids, prefix, m["art"], m["para"], m["point"]):
                continue
            target = f"{prefix}art_{m['art']}" + (f"__para_{m['para']}" if m["para"] else "") + (
                f"__point_{m['point']}" if m["point"] and m["para"] else "")
            yield Draft(
                p.eid, "reference.internal_missing", "form", "medium", 0.85,
                f"Dẫn chiếu đến {where(target)} nhưng văn bản không có quy định này",
                f"trong văn bản không tìm thấy {where(target)} (“{m.group(0)}”)",
                "sua_doi", g["form"], cited=target,
                evidence=[Evidence(f"{ctx.doc.number or ctx.doc.source} {p.eid}", m.group(0),
                                   p.start + m.start(), p.start + m.end())],
                todo="sửa lại dẫn chiếu cho đúng điều, khoản được viện dẫn",
                start=p.start + m.start(), end=p.start + m.end(), local_text=text,
                fact={"target": target},
            )
        if ctx.kb is not None:
            yield from _external(ctx, p, text, g)
            yield from _amended_articles(ctx, p, text, g)
            yield from _missing_articles(ctx, p, text, g)


def _refs_of(p: Provision, text: str) -> list[Reference]:
    if p.refs:
        return list(p.refs)
    try:
        from thpl_nlp.nlp.extract.references import extract_references
    except ImportError:
        return []
    out = []
    for r in extract_references(text):
        r.start += p.start
        r.end += p.start
        out.append(r)
    return out


def _external(ctx: ReviewContext, p: Provision, text: str, g: dict[str, str]) -> Iterator[Draft]:
    seen: set[str] = set()
    for ref in _refs_of(p, text):
        number = ref.number
        if number is None:
            if ref.issued_on is None:
                continue  # "theo quy định của Luật Đầu tư công": the law in force, whichever
            number = ctx.resolve(ref)
        if not number or number in seen or number == ctx.doc.number:
            continue
        seen.add(number)
        st = ctx.status(number, ctx.as_of)
        if not st or st.get("status") != kb_api.EXPIRED:
            continue
        replaced = list(st.get("replaced_by") or [])
        since = kb_api.parse_date(st.get("not_in_force_from"))
        why = f"{number} hết hiệu lực từ {vn_date(since)}"
        if replaced:
            why += f", được thay thế bởi {', '.join(replaced)}"
        yield Draft(
            p.eid, "reference.expired_target", "form", "medium", 0.8,
            f"Quy định dẫn chiếu đến {number} là văn bản không còn hiệu lực tại "
            f"{vn_date(ctx.as_of)}",
            why, "sua_doi", g["reference"], cited=number, replaced_by=replaced or None,
            evidence=[
                Evidence(f"{ctx.doc.number or ctx.doc.source} {p.eid}", ref.text, ref.start,
                         ref.end),
                Evidence(f"kb:{number}", f"{number}: {st.get('status')}; hết hiệu lực từ "
                         f"{st.get('not_in_force_from')}"),
            ],
            todo="cập nhật dẫn chiếu theo văn bản thay thế" if replaced else
            "cập nhật hoặc bỏ dẫn chiếu",
            start=ref.start, end=ref.end, local_text=text,
            fact={k: st.get(k) for k in ("status", "not_in_force_from", "replaced_by")},
        )


def _pointers(p: Provision, text: str) -> list[Any]:
    try:
        from thpl_nlp.nlp.extract.pointers import extract_pointers
    except ImportError:
        return []
    try:
        return list(extract_pointers(text))
    except Exception:  # noqa: BLE001 - an extractor bug must not stop the review
        return []


def _external_pointers(ctx: ReviewContext, p: Provision, text: str
                       ) -> Iterator[tuple[Any, str]]:
    """Pointers of a provision bound to another document, with that document's number
    (a name-and-date citation resolved through the KB)."""
    for ptr in _pointers(p, text):
        ref = ptr.target
        if not isinstance(ref, Reference):
            continue
        number = ref.number or (ctx.resolve(ref) if ref.issued_on else None)
        if number and number != ctx.doc.number:
            yield ptr, number


def _amended_articles(ctx: ReviewContext, p: Provision, text: str, g: dict[str, str]
                      ) -> Iterator[Draft]:
    """Pointers to articles of another document that the KB records as amended or repealed
    after this document was issued (relations ``amends``/``repeals`` at article level, taking
    effect by ``as_of``): the local text was written against the old wording."""
    seen: set[tuple[str, str]] = set()
    for ptr, number in _external_pointers(ctx, p, text):
        rels = _relations_in(ctx, number)
        for art in ptr.articles:
            art_eid = f"art_{art}"
            if (number, art_eid) in seen:
                continue
            for r in rels:
                if r.get("kind") not in ("amends", "repeals") or r.get("target_eid") != art_eid:
                    continue
                when = kb_api.parse_date(r.get("on_date"))
                if when is None:
                    st = ctx.status(r["source"], ctx.as_of) or {}
                    when = kb_api.parse_date(st.get("effective_on"))
                if when is None or when > ctx.as_of:
                    continue
                if ctx.issued_on and when <= ctx.issued_on:
                    continue  # amended before this document: it already cites the new text
                seen.add((number, art_eid))
                verb = "bãi bỏ" if r["kind"] == "repeals" else "sửa đổi, bổ sung"
                src = f"{r['source']} {r.get('source_eid') or ''}".strip()
                yield Draft(
                    p.eid, f"reference.{'repealed' if r['kind'] == 'repeals' else 'amended'}"
                    "_article", "form", "medium" if r["kind"] == "repeals" else "low",
                    0.75 if r["kind"] == "repeals" else 0.6,
                    f"Dẫn chiếu Điều {art} {number}, điều này đã được {verb} từ {vn_date(when)}",
                    f"theo cơ sở dữ liệu văn bản, Điều {art} {number} được {verb} bởi {src}"
                    + (f" (“{r['evidence'].strip()[:200]}”)" if r.get("evidence") else ""),
                    "sua_doi", g["reference"], cited=f"{number} {art_eid}",
                    evidence=[Evidence(f"{ctx.doc.number or ctx.doc.source} {p.eid}", ptr.text,
                                       p.start + ptr.start, p.start + ptr.end),
                              Evidence(src, r.get("evidence") or "")],
                    todo="rà soát nội dung dẫn chiếu theo quy định đã được sửa đổi/bãi bỏ",
                    start=p.start + ptr.start, end=p.start + ptr.end, local_text=text,
                    fact={"relation": r.get("kind"), "source": src, "on": str(when)},
                )
                break


def _missing_articles(ctx: ReviewContext, p: Provision, text: str, g: dict[str, str]
                      ) -> Iterator[Draft]:
    """Pointers to an article the cited document does not have ("Điều 250 Luật Đất đai số
    45/2013/QH13", which has 212), when the KB holds that document's whole text. Articles
    with a letter ("Điều 68a") are left alone: amendments insert them into the original."""
    seen: set[tuple[str, str]] = set()
    for ptr, number in _external_pointers(ctx, p, text):
        have = kb_api.article_numbers(ctx.kb, number)
        if not have or not all(a.isdigit() for a in have):
            continue  # unknown, or numbered with inserted articles: not read as a gap
        last = max(int(a) for a in have)
        for art in ptr.articles:
            if not art.isdigit() or art in have or (number, art) in seen:
                continue
            seen.add((number, art))
            beyond = int(art) > last
            yield Draft(
                p.eid, "reference.no_such_article", "form", "medium", 0.8 if beyond else 0.6,
                f"Dẫn chiếu Điều {art} {number} nhưng văn bản này không có Điều {art}",
                f"theo toàn văn {number} trong cơ sở dữ liệu văn bản, văn bản có "
                f"{len(have)} điều" + (f" (đến Điều {last})" if beyond else
                                       f", không có Điều {art}"),
                "sua_doi", g["reference"], cited=f"{number} art_{art}",
                evidence=[Evidence(f"{ctx.doc.number or ctx.doc.source} {p.eid}", ptr.text,
                                   p.start + ptr.start, p.start + ptr.end),
                          Evidence(f"kb:{number}", f"{number}: {len(have)} điều, Điều 1–"
                                   f"{last}")],
                todo="sửa lại dẫn chiếu cho đúng điều của văn bản được viện dẫn",
                start=p.start + ptr.start, end=p.start + ptr.end, local_text=text,
                fact={"articles": len(have), "last": last},
            )


def _relations_in(ctx: ReviewContext, number: str) -> list[dict[str, Any]]:
    cache = ctx.memo("relations_in")
    if number not in cache:
        show = getattr(ctx.kb, "show", None)
        try:
            cache[number] = show(number).get("relations_in", []) if callable(show) else []
        except (KeyError, ValueError, LookupError):
            cache[number] = []
    return cache[number]
