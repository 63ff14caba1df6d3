"""Effective date of local normative documents.

Checks: no effect clause; effect earlier than signing (retroactivity, forbidden for local
documents by Luật 80/2015/QH13 Điều 152 khoản 3 and allowed by Luật 64/2025/QH15 Điều 55 only
for provincial documents when truly necessary); a gap between signing and effect shorter than
the law in force at signing allows (``effect_regimes`` in ``review.yaml``); and effect clauses
replacing documents that the KB does not know.

>>> [m["when"] for m in FROM_SIGNING.finditer("Quyết định này có hiệu lực kể từ ngày ký.")]
['ký']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from thpl_nlp.models import Evidence
from thpl_nlp.review import kb_api
from thpl_nlp.review.findings import Draft, vn_date
from thpl_nlp.review.rules import ReviewContext

NEEDS_KB = False

FROM_SIGNING = re.compile(
    r"""
    có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+           # "has effect"
    (?:kể\s+)?từ\s+ngày\s+                          # "from the day of" …
    (?:[^.;\n\d]{0,60}?\s)?                          # … "Hội đồng nhân dân tỉnh", "kỳ họp thứ 7"
    (?P<when>ký(?:\s+ban\s+hành)?|ban\s+hành|thông\s+qua)   # signing / issue / adoption
    (?!\s*(?:và|,)?\s*(?:sau|\d))                   # not "… thông qua 10 ngày" style phrasing
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Any statement of when the text applies ("có hiệu lực", "thi hành kể từ ngày ký",
# "áp dụng từ ngày 01/01/2009", "thời gian thực hiện: từ ngày …").
EFFECT_WORDS = re.compile(
    r"có\s+hiệu\s+lực|hiệu\s+lực\s+thi\s+hành|thi\s+hành\s+(?:\S+\s+){0,4}kể\s+từ\s+ngày|"
    r"(?:áp\s+dụng|thực\s+hiện)\s+(?:kể\s+)?từ\s+ngày|thời\s+gian\s+thực\s+hiện\s*:?\s*từ",
    re.IGNORECASE,
)
SHORTENED = re.compile(r"rút\s+gọn|trường\s+hợp\s+đặc\s+biệt", re.IGNORECASE)
# Title of a document laying down rules (issuing or amending a "Quy định"/"Quy chế"): without
# its số hiệu this is the only sign that an undated text is normative, not an individual
# decision (plans, approvals, transfers of functions read in the legacy corpus are not).
RULE_TITLE = re.compile(r"\bqu[yi]\s+(?:định|chế)\b|\bchính\s+sách\b", re.IGNORECASE)
# A date written in a document's text: "ngày 02/11/2006", "ngày 24 tháng 4 năm 2008"
CITED_DATE = re.compile(
    r"""
    ngày\s+(?P<day>\d{1,2})\s*                      # day
    (?:/|-|\s+tháng\s+)(?P<month>\d{1,2})\s*        # month, after "/" or "tháng"
    (?:/|-|\s+năm\s+)(?P<year>(?:19|20)\d{2})\b     # four-digit year, after "/" or "năm"
    """,
    re.VERBOSE | re.IGNORECASE,
)


def latest_cited_date(text: str) -> dt.date | None:
    """The latest valid date written in ``text`` — a lower bound of the signing date of a
    document whose header (số hiệu, date) is lost.

    >>> latest_cited_date("Quyết định số 08/2006/QĐ-UBND ngày 02/11/2006; ngày 5 tháng 3 năm 2005")
    datetime.date(2006, 11, 2)
    """
    best = None
    for m in CITED_DATE.finditer(text):
        try:
            d = dt.date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError:
            continue
        best = d if best is None or d > best else best
    return best
REPLACES = re.compile(
    r"""
    (?:thay\s+thế|bãi\s+bỏ)\s+                       # "replaces" / "repeals"
    (?P<what>(?:Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị)\s+số\s+
      (?P<number>\d+/\d{4}/[A-ZĐ]+-[A-ZĐ]+))         # the local document replaced
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _regime(key: str, on: dt.date) -> dict[str, Any] | None:
    from thpl_nlp.review.rules import config

    for r in config()[key]:
        if dt.date.fromisoformat(r["from"]) <= on < dt.date.fromisoformat(r["until"]):
            return r
    return None


def check(ctx: ReviewContext) -> Iterator[Draft]:
    doc = ctx.doc
    if not ctx.is_normative or ctx.level is None:
        return
    g = ctx.cfg["legal_grounds"]
    label = doc.number or doc.source
    clause = doc.effect_clause
    clause_text = doc.text[clause[0] : clause[1]] if clause else ""
    ev_clause = [Evidence(f"{label} hiệu lực", clause_text, clause[0], clause[1])] if clause else []
    span = {"start": clause[0], "end": clause[1]} if clause else {}
    eid = _eid_at(ctx, clause[0]) if clause else "document"
    if clause is None and doc.effective_on is None:
        if not EFFECT_WORDS.search(doc.text):
            yield Draft(
                "document", "effect.missing_clause", "effective_date", "medium", 0.8,
                "Văn bản không có điều khoản quy định thời điểm có hiệu lực",
                "thời điểm có hiệu lực của văn bản quy phạm pháp luật phải được quy định tại "
                "chính văn bản đó (Điều 53 khoản 1 Luật 64/2025/QH15)",
                "bo_sung", g["effect"], todo="bổ sung điều khoản về hiệu lực thi hành",
                local_text=doc.text[:2000], fact={"missing": "effect_clause"},
            )
        return
    issued, eff = doc.issued_on, doc.effective_on
    if issued is None and ctx.level == "province":
        yield from _undated_from_signing(ctx, eid, clause_text, ev_clause, span, g)
    if not (issued and eff):
        return
    if eff < issued:
        yield from _retroactive(ctx, eid, issued, eff, ev_clause, span, clause_text, g)
        return
    reg = _regime("effect_regimes", issued)
    if reg is None or ctx.level != "province":
        return
    gap = (eff - issued).days
    need = int(reg["provincial_days"])
    if gap >= need:
        return
    shortened = bool(SHORTENED.search(doc.text))
    yield Draft(
        eid, "effect.too_early", "effective_date", "low" if shortened else "high",
        0.45 if shortened else 0.9,
        f"Văn bản ký ngày {issued:%d/%m/%Y} nhưng có hiệu lực từ {vn_date(eff)}, chỉ sau "
        f"{gap} ngày",
        f"{reg['ground']} quy định {reg['quote']}"
        + ("; văn bản có nhắc đến trình tự rút gọn/trường hợp đặc biệt, cần kiểm tra" if
           shortened else ""),
        "sua_doi", f"{reg['ground']}; {g['effect']}",
        evidence=ev_clause + [Evidence(reg["ground"], reg["quote"])],
        todo=f"quy định thời điểm có hiệu lực không sớm hơn {vn_date(issued + dt.timedelta(need))}",
        local_text=clause_text, fact={"regime": reg["ground"], "days": need}, **span,
    )
    if ctx.kb is not None and clause_text:
        yield from _replaced_unknown(ctx, eid, clause_text, span, g)


def _undated_from_signing(ctx: ReviewContext, eid: str, clause_text: str,
                          ev_clause: list[Evidence], span: dict[str, int],
                          g: dict[str, str]) -> Iterator[Draft]:
    """A provincial document without its date taking effect "from signing": the latest date
    cited in its text bounds the signing date from below; when that bound falls under a
    regime with a minimum gap, the clause breaks it whatever the exact date was."""
    m = FROM_SIGNING.search(clause_text)
    if not m or SHORTENED.search(ctx.doc.text):
        return
    issuer, title = (ctx.doc.issuer or "").lower(), ctx.doc.title or ""
    if issuer.startswith("chủ tịch") or not RULE_TITLE.search(title):
        return  # a chairman's decision or an undated text not laying down rules
    bound = latest_cited_date(ctx.doc.text)
    reg = _regime("effect_regimes", bound) if bound else None
    if reg is None:
        return
    yield Draft(
        eid, "effect.from_signing", "effective_date", "medium", 0.7,
        f"Văn bản (không còn ghi ngày ký) có hiệu lực “{m.group(0).strip()}”",
        f"văn bản viện dẫn một văn bản {vn_date(bound)} nên được ký sau ngày đó, khi "
        f"{reg['ground']} quy định {reg['quote']}",
        "sua_doi", f"{reg['ground']}; {g['effect']}",
        evidence=ev_clause + [Evidence(reg["ground"], reg["quote"])],
        todo=f"xác định ngày ký và quy định hiệu lực sau ít nhất {reg['provincial_days']} ngày",
        local_text=clause_text, fact={"regime": reg["ground"], "bound": bound.isoformat()},
        **span,
    )


def _eid_at(ctx: ReviewContext, offset: int) -> str:
    best = "document"
    for p in ctx.doc.iter_provisions():
        if p.start <= offset < p.end and p.kind in ("article", "clause", "point"):
            best = p.eid
    return best


def _retroactive(
    ctx: ReviewContext, eid: str, issued: dt.date, eff: dt.date, ev: list[Evidence],
    span: dict[str, int], clause_text: str, g: dict[str, str],
) -> Iterator[Draft]:
    reg = _regime("retroactivity", issued)
    allowed = bool(reg and reg["local_allowed"] and ctx.level == "province")
    ground = reg["ground"] if reg else g["effect"]
    yield Draft(
        eid, "effect.retroactive", "effective_date", "medium" if allowed else "high",
        0.6 if allowed else 0.9,
        f"Thời điểm có hiệu lực ({vn_date(eff)}) sớm hơn ngày ký ban hành ({vn_date(issued)}): "
        "văn bản có hiệu lực trở về trước",
        (f"{ground} chỉ cho phép hiệu lực trở về trước trong trường hợp thật cần thiết và không "
         "được quy định trách nhiệm pháp lý mới hoặc nặng hơn") if allowed else
        f"{ground}: văn bản của Hội đồng nhân dân, Ủy ban nhân dân không được quy định hiệu lực "
        "trở về trước",
        "sua_doi", f"{ground}; {g['effect']}", evidence=ev,
        todo="kiểm tra và sửa lại thời điểm có hiệu lực", local_text=clause_text,
        fact={"regime": ground, "allowed": allowed}, **span,
    )


def _replaced_unknown(
    ctx: ReviewContext, eid: str, clause_text: str, span: dict[str, int], g: dict[str, str],
) -> Iterator[Draft]:
    for m in REPLACES.finditer(clause_text):
        number = m["number"]
        st = ctx.status(number, ctx.as_of)
        if st and st.get("status") not in (None, kb_api.UNKNOWN):
            continue
        yield Draft(
            eid, "effect.replaced_unknown", "effective_date", "low", 0.45,
            f"Điều khoản hiệu lực thay thế/bãi bỏ {m['what']} nhưng không tra cứu được văn bản "
            "này",
            "cơ sở dữ liệu văn bản không có văn bản bị thay thế; có thể số hiệu bị ghi sai",
            "sua_doi", g["citation"], cited=number,
            evidence=[Evidence(f"{ctx.doc.number or ctx.doc.source} {eid}", m.group(0))],
            todo="đối chiếu số hiệu văn bản bị thay thế với bản gốc", local_text=clause_text,
            fact={"number": number}, **span,
        )


def scan(text: str, *, normative: bool, year: int | None) -> list[tuple[str, str, str]]:
    """Text-only check of one provision: ``(rule, category, reason)`` hits.

    A normative local document issued in ``year`` (2005 or later, when Luật 31/2004/QH11
    took effect) that takes effect "from the day of signing" breaks the minimum gap of every
    regime since; without a known year the regime is unknown and nothing is said.

    >>> scan("Quyết định này có hiệu lực kể từ ngày ký.", normative=True, year=2022)[0][0]
    'effect.from_signing'
    >>> scan("Quyết định này có hiệu lực kể từ ngày ký.", normative=True, year=None)
    []
    """
    if not normative or year is None or year < 2005:
        return []
    m = FROM_SIGNING.search(text)
    if not m or SHORTENED.search(text):
        return []
    return [("effect.from_signing", "effective_date",
             f"văn bản QPPL có hiệu lực từ ngày {m['when']}, sớm hơn 10 ngày tối thiểu")]
