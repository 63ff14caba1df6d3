"""Competence and content red flags of provincial normative documents.

* administrative sanctions set by the province (``competence``): only the Government defines
  violations and sanctions (Luật Xử lý vi phạm hành chính 15/2012/QH13 Điều 4 khoản 1);
* fees set by a People's Committee (``competence``): fees and charges are set under Luật Phí
  và lệ phí 97/2015/QH13 (Điều 4 khoản 2, Điều 21 khoản 1), by the provincial People's
  Council only for delegated items — before 2017 under Pháp lệnh phí và lệ phí 2001. The fee
  word may head the provision and the amounts follow on later lines ("Quy định mức thu, nộp
  lệ phí cấp giấy phép …, cụ thể như sau:\\n1. Cấp lần đầu: 100.000 đ / giấy phép"); a levy
  per licence issued is a lệ phí even when the word is left out ("Mức thu: … / giấy phép");
* civil rights restricted by a local text (``competence.civil_rights_restriction``):
  refusing notarisation, certification or land-use certificates as a local sanction — rights
  may be restricted only by law (Hiến pháp 2013 Điều 14 khoản 2);
* a People's Council resolution letting its standing committee (Thường trực HĐND) decide
  changes to what the resolution sets (``competence.delegated_amendment``): a normative
  document is amended only by a normative document of the body that issued it (Luật
  80/2015/QH13 Điều 12 khoản 1; Luật 64/2025/QH15 Điều 8 khoản 1);
* administrative procedures and dossier components (``admin_procedure``): a local document
  may not lay down administrative procedures unless a law or National Assembly resolution
  delegates it (Luật 80/2015/QH13 Điều 14 khoản 4, as consolidated in 23/VBHN-VPQH); dossier
  components are compared with the higher-level list (portal record or KB text) when one is
  found, else only the classic extra papers (confirmations by commune authorities…) are flagged.

>>> [h.rule for h in scan("Vi phạm bị phạt tiền từ 1.000.000 đồng đến 2.000.000 đồng.",
...                       normative=True)]
['competence.sanction']
>>> [h.rule for h in scan("Điều 1. Quy định mức thu lệ phí cấp giấy phép, cụ thể như sau:\\n"
...                       "1. Cấp lần đầu: 100.000 đ / giấy phép.", normative=True)]
['competence.fee']
>>> [h.rule for h in scan("Người tự ý tách thửa thì không được cấp giấy chứng nhận quyền sử "
...                       "dụng đất; không được công chứng, chứng thực.", normative=True)]
['competence.civil_rights_restriction']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from thpl_nlp.models import Evidence, Provision
from thpl_nlp.review import tthc
from thpl_nlp.review.findings import Draft
from thpl_nlp.review.kb_api import hit_field
from thpl_nlp.review.rules import ReviewContext

NEEDS_KB = False

MONEY = re.compile(
    r"""
    (?P<amount>\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?\s*(?:triệu|nghìn|ngàn|tỷ))  # amount
    \s*(?:đồng|VNĐ|vnđ|đ\b)                                                   # currency
    """,
    re.VERBOSE | re.IGNORECASE,
)
SANCTION = re.compile(
    r"""
    (?P<word>(?:bị\s+)?phạt\s+tiền|mức\s+phạt|phạt\s+cảnh\s+cáo|bị\s+xử\s+phạt|
             xử\s+phạt\s+(?:vi\s+phạm\s+hành\s+chính\s+)?(?:từ|với\s+mức)|
             tước\s+quyền\s+sử\s+dụng|bị\s+tịch\s+thu|đình\s+chỉ\s+hoạt\s+động\s+có\s+thời\s+hạn)
    """,
    re.VERBOSE | re.IGNORECASE,
)
# "… xử phạt theo quy định của pháp luật / tại Nghị định số …": refers to the Government's rules
REFERS_OUT = re.compile(
    r"theo\s+(?:đúng\s+)?quy\s+định\s+(?:của\s+pháp\s+luật|hiện\s+hành|tại\s+(?:Nghị\s+định|"
    r"Luật|Thông\s+tư))|theo\s+Nghị\s+định\s+số|của\s+Chính\s+phủ\s+quy\s+định\s+(?:về\s+)?xử",
    re.IGNORECASE,
)
FEE = re.compile(
    r"""
    (?P<word>lệ\s+phí|mức\s+thu\s+(?:phí|lệ\s+phí)|thu\s+phí|phí\s+(?:thẩm\s+định|cấp|sử\s+dụng|
             dịch\s+vụ|trông\s+giữ|vệ\s+sinh|tham\s+quan))   # a fee, not a fund contribution
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A levy being set (not merely mentioned): "mức thu", "thu bằng 50%", "phê duyệt mức thu"
FEE_LEVEL = re.compile(r"mức\s+thu|thu\s+bằng\s+\d", re.IGNORECASE)
# A levy per licence/certificate issued: a lệ phí by its nature (Luật 97/2015 Điều 3 khoản 2)
PER_LICENCE = re.compile(
    r"""
    \s*(?:/|cho\s+mỗi|mỗi)\s*(?:1\s+)?           # "/ giấy phép", "mỗi giấy phép"
    (?:giấy\s+phép|giấy\s+chứng\s+nhận|chứng\s+chỉ|giấy)\b   # the licence issued
    """,
    re.VERBOSE | re.IGNORECASE,
)
PERCENT_OF_VALUE = re.compile(r"\d+(?:[.,]\d+)?\s*%\s*(?:giá\s+trị|tổng|số\s+tiền)", re.IGNORECASE)
# Civil rights refused by a local text: notarisation, certification, land certificates,
# registration or transfers ("không được cấp giấy chứng nhận", "không thực hiện công chứng").
CIVIL_REFUSAL = re.compile(
    r"""
    (?<!nếu\s)(?<!hoặc\s)                               # not a condition or an alternative
    (?P<refusal>
      không\s+(?:được\s+)?                              # "not (allowed to)" …
      (?:làm\s+thủ\s+tục\s+|thực\s+hiện\s+(?:việc\s+)?|giải\s+quyết\s+(?:việc\s+)?|
         tiếp\s+nhận\s+hồ\s+sơ\s+)?                      # … "do the formalities of" …
      (?P<what>công\s+chứng|chứng\s+thực|cấp\s+giấy\s+chứng\s+nhận\s+quyền\s+sử\s+dụng|
         cấp\s+giấy\s+chứng\s+nhận|đăng\s+ký\s+(?:thường\s+trú|hộ\s+khẩu|kết\s+hôn|
         biến\s+động))                                   # the right refused
    |(?:tạm\s+)?(?:dừng|ngừng)\s+(?:việc\s+)?         # "(temporarily) stop" …
     (?P<what2>công\s+chứng|chứng\s+thực)               # … notarising, certifying
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
# The refusal restates a law ("không cấp giấy chứng nhận … theo quy định tại Điều 19 Nghị định
# 43/2014") or a court/enforcement measure — not the province's own restriction.
RESTATES_LAW = re.compile(
    r"theo\s+(?:đúng\s+)?quy\s+định\s+(?:của|tại)\s+(?:pháp\s+luật|Luật|Bộ\s+luật|Điều\s+\d+\s+"
    r"(?:Luật|Bộ\s+luật|Nghị\s+định))|(?:Luật|Bộ\s+luật)\s+[A-ZĐ][^\s,.;]*\s+(?:quy\s+định|"
    r"năm\s+\d{4}\s+quy\s+định)|bản\s+án|quyết\s+định\s+của\s+Tòa|kê\s+biên|ngăn\s+chặn",
    re.IGNORECASE,
)
# The standing committee (or the People's Committee with its agreement) deciding a change
STANDING_COMMITTEE = re.compile(r"Thường\s+trực\s+(?:HĐND|Hội\s+đồng\s+nhân\s+dân)", re.IGNORECASE)
DELEGATED_CHANGE = re.compile(
    r"""
    (?<!về\sviệc\s)                                     # not a title "về việc điều chỉnh …"
    (?P<verb>điều\s+chỉnh|sửa\s+đổi|thay\s+đổi)\s+      # change …
    (?:(?:lại|bổ\s+sung|,\s*bổ\s+sung)\s+)?
    (?P<object>(?:các\s+)?(?:mức|giá|định\s+mức|đơn\s+giá|bảng\s+giá|hệ\s+số|tỷ\s+lệ|
       danh\s+mục|chế\s+độ|nội\s+dung|quy\s+định|Nghị\s+quyết|chính\s+sách))  # … what was set
    """,
    re.VERBOSE | re.IGNORECASE,
)
_DELEGATING = re.compile(
    r"giao\s+(?:cho\s+)?|ủy\s+quyền|uỷ\s+quyền|trường\s+hợp\s+cần|khi\s+cần|để\s+quyết\s+định|"
    r"xin\s+ý\s+kiến|thống\s+nhất\s+với|thỏa\s+thuận\s+với|thoả\s+thuận\s+với",
    re.IGNORECASE,
)

DOSSIER = re.compile(
    r"""
    (?:thành\s+phần\s+)?hồ\s+sơ                  # "hồ sơ"
    (?:\s+(?:đề\s+nghị|xin|đăng\s+ký)[^:;\n]{0,120})?   # "… đề nghị cấp giấy phép xây dựng"
    \s+(?:gồm|bao\s+gồm|gồm\s+có)\s*:?           # "gồm:"
    """,
    re.VERBOSE | re.IGNORECASE,
)
PROCEDURE = re.compile(
    r"""
    (?P<word>trình\s+tự(?:,\s*|\s+và\s+)thủ\s+tục|thành\s+phần(?:,\s*số\s+lượng)?\s+hồ\s+sơ|
             thời\s+hạn\s+giải\s+quyết|cách\s+thức\s+thực\s+hiện)
    """,
    re.VERBOSE | re.IGNORECASE,
)
DOSSIER_ITEM = re.compile(
    r"""
    \s*[a-zđ]\)\s*                                    # a lettered point …
    (?:Bản|Giấy|Văn\s+bản|Đơn|Tờ\s+khai|Sổ|Biên\s+bản)\b  # … naming a paper
    """,
    re.VERBOSE,
)
# Papers a province classically adds on its own: confirmations by local authorities,
# police, residence, "no dispute" certificates.
EXTRA_PAPER = re.compile(
    r"""
    (?:bản\s+|giấy\s+)?xác\s+nhận\s+của\s+(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân\s+(?:cấp\s+)?(?:xã|phường|
        huyện)|
    xác\s+nhận\s+của\s+(?:UBND|công\s+an|trưởng\s+thôn|tổ\s+dân\s+phố)|
    (?:không\s+có|không)\s+tranh\s+chấp|
    xác\s+nhận\s+(?:hộ\s+khẩu|nơi\s+cư\s+trú|tạm\s+trú)|
    giấy\s+chứng\s+nhận\s+hạnh\s+kiểm
    """,
    re.VERBOSE | re.IGNORECASE,
)
_STOP = set(
    "và của các cho đối với theo trong được có là một những này đó tại về từ với do bản sao "
    "giấy tờ đơn đề nghị".split()
)


@dataclass(frozen=True)
class Hit:
    rule: str
    category: str
    reason: str
    start: int
    end: int
    confidence: float


_BOUNDARY = re.compile(r"[.;](?=\s|$)|\n")


def _sentence_around(text: str, i: int) -> tuple[int, int]:
    """The sentence holding offset ``i`` (a period inside "10.000.000" is no boundary)."""
    s = 0
    for m in _BOUNDARY.finditer(text, 0, i):
        s = m.end()
    m = _BOUNDARY.search(text, i)
    return s, (m.start() if m else len(text))


def scan(text: str, *, normative: bool, body: str = "UBND", central_city: bool = False,
         context: str = "") -> list[Hit]:
    """Text-only red flags of one provision of a provincial document.

    ``context`` is the lead-in of the enclosing article ("Quy định mức thu lệ phí …, cụ thể
    như sau:") when the provision is one of its clauses: the fee check reads it with the
    clause, the spans stay inside the clause.
    """
    hits: list[Hit] = []
    for m in SANCTION.finditer(text):
        s, e = _sentence_around(text, m.start())
        sent = text[s:e]
        money = MONEY.search(sent)
        if REFERS_OUT.search(sent) and not money:
            continue
        if not money and not re.search(r"phạt\s+cảnh\s+cáo|tước\s+quyền|đình\s+chỉ\s+hoạt", sent,
                                       re.IGNORECASE):
            continue
        conf = 0.9 if money else 0.6
        if central_city and body == "HĐND":
            conf = 0.5  # Điều 23 khoản 1: inner-city fines up to twice the general level
        hits.append(Hit("competence.sanction", "competence",
                        "địa phương tự quy định hình thức/mức xử phạt vi phạm hành chính",
                        m.start(), e, conf))
        break
    if normative and body == "UBND":
        full = f"{context}\n{text}" if context else text
        fee = _fee_setting(full)
        if fee is not None:
            shift = len(full) - len(text)
            s, e = max(0, fee[0] - shift), max(0, fee[1] - shift)
            hits.append(Hit("competence.fee", "competence",
                            "Ủy ban nhân dân quy định mức thu phí, lệ phí", s,
                            e if e > s else len(text), 0.6))
    civil = _civil_refusal(text)
    if civil is not None:
        hits.append(Hit("competence.civil_rights_restriction", "competence",
                        "văn bản địa phương hạn chế quyền dân sự (từ chối công chứng, chứng thực, "
                        "cấp giấy chứng nhận)", civil[0], civil[1], 0.7))
    if normative and body == "HĐND":
        deleg = _delegated_change(text)
        if deleg is not None:
            hits.append(Hit("competence.delegated_amendment", "competence",
                            "nghị quyết giao Thường trực HĐND/UBND quyết định điều chỉnh nội dung "
                            "nghị quyết đã quy định", deleg[0], deleg[1], 0.7))
    if normative:
        for m in EXTRA_PAPER.finditer(text):
            # a dossier list just before it, or a dossier item ("c) Bản xác nhận của …")
            in_list = bool(DOSSIER.search(text[max(0, m.start() - 300) : m.start()]))
            if in_list or DOSSIER_ITEM.match(text):
                hits.append(Hit("admin_procedure.extra_paper", "admin_procedure",
                                "yêu cầu thêm giấy tờ xác nhận không có trong quy định cấp trên",
                                m.start(), m.end(), 0.7))
                break
        m = PROCEDURE.search(text)
        if m and DOSSIER.search(text) and not hits:
            hits.append(Hit("admin_procedure.new_procedure", "admin_procedure",
                            "văn bản QPPL địa phương quy định trình tự, thủ tục, hồ sơ",
                            m.start(), m.end(), 0.5))
    return hits


def _fee_setting(text: str) -> tuple[int, int] | None:
    """Span where a provision sets a fee or charge level, or None.

    The old sentence-level check (fee word and amount in one sentence) plus the provision-level
    form: a fee word and a levy being set ("mức thu", "thu bằng 50%") with an amount (money, or
    a percentage of a value) anywhere in the provision; or a levy per licence issued.
    """
    for m in FEE.finditer(text):
        s, e = _sentence_around(text, m.start())
        if MONEY.search(text[s:e]) and not REFERS_OUT.search(text[s:e]):
            return m.start(), e
    level = FEE_LEVEL.search(text)
    if level is None:
        return None
    fee = FEE.search(text) or re.search(r"\bphí\b", text, re.IGNORECASE)
    amounts = list(MONEY.finditer(text))
    if fee is not None and (amounts or PERCENT_OF_VALUE.search(text)):
        s, _e = _sentence_around(text, fee.start())
        if not REFERS_OUT.search(text[s : _sentence_around(text, level.start())[1]]):
            end = amounts[0].end() if amounts else _sentence_around(text, level.start())[1]
            return min(fee.start(), level.start()), max(end, level.end())
    if fee is None:
        for a in amounts:  # "Mức thu: … 700.000 đồng / giấy phép"
            per = PER_LICENCE.match(text, a.end())
            if per is not None:
                return level.start(), per.end()
    return None


def _civil_refusal(text: str) -> tuple[int, int] | None:
    """Span of a refusal of notarisation/certification/certificates made by the local text."""
    for m in CIVIL_REFUSAL.finditer(text):
        s, e = _sentence_around(text, m.start())
        if RESTATES_LAW.search(text[s:e]):
            continue
        return m.start(), e
    return None


def _delegated_change(text: str) -> tuple[int, int] | None:
    """Span of a sentence letting the standing committee (with or through the People's
    Committee) decide changes of what the resolution set."""
    for m in STANDING_COMMITTEE.finditer(text):
        s, e = _sentence_around(text, m.start())
        sent = text[s:e]
        if DELEGATED_CHANGE.search(sent) and _DELEGATING.search(sent):
            return s, e
    return None


def _terms(text: str) -> set[str]:
    words = re.findall(r"[a-zà-ỹđ]+", text.lower())
    return {w for w in words if w not in _STOP and len(w) > 1}


def _bigrams(text: str) -> set[str]:
    w = [x for x in re.findall(r"[a-zà-ỹđ]+", text.lower()) if x not in _STOP]
    return {f"{a} {b}" for a, b in zip(w, w[1:], strict=False)}


def _covered(item: str, higher_items: list[str]) -> bool:
    """Is a local dossier component found in the higher-level list (loose word match)?"""
    bi = _bigrams(item)
    if not bi:
        return True
    best = max((len(bi & _bigrams(h)) / len(bi) for h in higher_items), default=0.0)
    return best >= 0.4


_ITEM = re.compile(r"(?:^|\s)(?P<label>[a-zđ])\)\s+(?P<text>.+?)(?=\s[a-zđ]\)\s|\n\d+\.\s|$)",
                   re.S)
_VARIANT = re.compile(r"cấp\s+lại|điều\s+chỉnh|gia\s+hạn|di\s+dời|sửa\s+chữa", re.I)


def _dossier_lists(text: str) -> list[tuple[str, list[str]]]:
    """Every "Hồ sơ … gồm:" list of a higher text: (intro, items)."""
    out = []
    for m in DOSSIER.finditer(text):
        start = max(text.rfind("\n", 0, m.start()), text.rfind(". ", 0, m.start())) + 1
        intro = text[start : m.end()]
        nxt = re.search(r"\n\d+\.\s", text[m.end() :])
        body = text[m.end() : m.end() + nxt.start()] if nxt else text[m.end() :]
        items = [re.sub(r"\s+", " ", i["text"]).strip(" ;.") for i in _ITEM.finditer(body)]
        if items:
            out.append((intro, items))
    return out


def _higher_dossier(ctx: ReviewContext, query: str) -> tuple[list[str], str] | None:
    """Dossier components required by the higher level for this procedure, with a source:
    the list whose introduction best matches the local one (a portal record, else the KB)."""
    from thpl_nlp.review.kb_api import provision_text
    from thpl_nlp.review.rules.conflict import overlap

    q = _terms(query)
    best, best_score = None, 0.0
    for p in tthc.procedures():
        t = _terms(p.name)
        score = len(q & t) / max(len(t), 1)
        if score > best_score:
            best, best_score = p, score
    if best is not None and best_score >= 0.75 and best.dossier:
        return list(best.dossier), f"Cổng Dịch vụ công quốc gia, thủ tục {best.code} ({best.name})"
    if ctx.kb is None:
        return None
    try:
        hits = ctx.kb.search(query, k=8, as_of=ctx.as_of)
    except (KeyError, ValueError, LookupError):
        return None
    local_variant = bool(_VARIANT.search(query))
    chosen: tuple[float, list[str], str] | None = None
    for h in hits:
        number, eid = hit_field(h, "number", ""), hit_field(h, "eid", "")
        text = provision_text(ctx.kb, number, eid, hit_field(h, "text", "") or "")
        for intro, items in _dossier_lists(text):
            score = overlap(query, intro)
            if bool(_VARIANT.search(intro)) != local_variant:
                score -= 0.3  # a reissue/adjustment dossier is another procedure
            if score >= 0.6 and (chosen is None or score > chosen[0]):
                chosen = (score, items, f"{number} {eid}".strip())
    return (chosen[1], chosen[2]) if chosen else None


def check(ctx: ReviewContext) -> Iterator[Draft]:
    if ctx.level not in ("province", "district", "commune"):
        return
    g = ctx.cfg["legal_grounds"]
    issued = ctx.issued_on or ctx.as_of
    ap_ground = g["admin_procedure_old"] if issued < dt.date(2025, 4, 1) else g["admin_procedure"]
    body = "HĐND" if "hội đồng" in (ctx.doc.issuer or "").lower() else "UBND"
    central = ctx.level == "province" and any(
        c in (ctx.doc.issuer or "").lower() for c in ("hà nội", "hồ chí minh", "hải phòng",
                                                      "đà nẵng", "cần thơ", "huế"))
    label = ctx.doc.number or ctx.doc.source
    flagged_dossier: set[str] = set()
    yield from _dossier(ctx, ap_ground, label, flagged_dossier)
    fee_articles: set[str] = set()
    for p in ctx.own_text_provisions():
        text = ctx.text(p)
        article = p.eid.split("__para_")[0]
        for h in scan(text, normative=ctx.is_normative, body=body, central_city=central,
                      context=_lead_in(ctx, article) if article != p.eid else ""):
            if h.category == "admin_procedure" and (p.eid in flagged_dossier or any(
                    e.startswith(p.eid + "__") or p.eid.startswith(e) for e in flagged_dossier)):
                continue
            if h.rule == "competence.fee":
                if article in fee_articles:
                    continue  # one fee finding per article (its first clause with amounts)
                fee_articles.add(article)
            yield _draft(ctx, p, text, h, g, ap_ground, label)


def _lead_in(ctx: ReviewContext, eid: str) -> str:
    """The text of article ``eid`` before its first clause (heading and introduction)."""
    art = ctx.doc.find(eid)
    if art is None:
        return ""
    kids = [c for c in art.children if c.kind in ("clause", "point")]
    end = kids[0].start if kids else art.end
    return ctx.doc.raw.text[art.start : end][:600]


def _draft(ctx: ReviewContext, p: Provision, text: str, h: Hit, g: dict[str, str],
           ap_ground: str, label: str) -> Draft:
    ev = [Evidence(f"{label} {p.eid}", text[h.start : h.end].strip(), p.start + h.start,
                   p.start + h.end)]
    common = {"start": p.start + h.start, "end": p.start + h.end, "local_text": text}
    if h.rule == "competence.sanction":
        ev.append(Evidence("15/2012/QH13 art_4__para_1", g["sanctions_quote"]))
        return Draft(
            p.eid, h.rule, "competence", "high", h.confidence,
            "Văn bản của địa phương quy định hành vi vi phạm và mức xử phạt vi phạm hành chính",
            f"{g['sanctions']}: “{g['sanctions_quote']}”", "bai_bo_mot_phan", g["sanctions"],
            evidence=ev, todo="bãi bỏ quy định về xử phạt, dẫn chiếu nghị định xử phạt của "
            "Chính phủ trong lĩnh vực tương ứng", fact={"ground": g["sanctions"]}, **common,
        )
    issued = ctx.issued_on
    if h.rule == "competence.fee":
        old = issued is not None and issued < dt.date(2017, 1, 1)
        ground = g["fees_old"] if old else g["fees"]
        ev.append(Evidence("97/2015/QH13 art_4__para_2, art_21__para_1", g["fees_quote"]))
        return Draft(
            p.eid, h.rule, "competence", "medium", h.confidence,
            "Ủy ban nhân dân quy định mức thu phí, lệ phí",
            "phí, lệ phí thuộc danh mục của pháp luật về phí và lệ phí; ở địa phương chỉ Hội "
            f"đồng nhân dân cấp tỉnh quyết định mức thu đối với khoản được phân cấp — "
            f"{g['fees_quote']}"
            + ("" if issued is not None else " (văn bản không còn ngày ban hành: nếu ban hành "
               f"trước 01/01/2017 thì căn cứ là {g['fees_old']})"),
            "bai_bo_mot_phan", ground, evidence=ev,
            todo="kiểm tra nghị quyết của Hội đồng nhân dân tỉnh quyết định mức thu; nếu không "
                 "có thì bãi bỏ mức thu do Ủy ban nhân dân tự quy định",
            fact={"ground": ground}, **common,
        )
    if h.rule == "competence.civil_rights_restriction":
        ev.append(Evidence("Hiến pháp 2013 art_14__para_2", g["civil_rights_quote"]))
        return Draft(
            p.eid, h.rule, "competence", "high", h.confidence,
            "Văn bản của địa phương không cho công chứng, chứng thực hoặc cấp giấy chứng nhận "
            f"(“{text[h.start : h.end].strip()[:160]}”)",
            f"{g['civil_rights']}: “{g['civil_rights_quote']}”; văn bản của chính quyền địa "
            "phương không phải là luật nên không được hạn chế quyền công chứng, chứng thực giao "
            "dịch hoặc được cấp giấy chứng nhận của người dân",
            "bai_bo_mot_phan", g["civil_rights"], evidence=ev,
            todo="bãi bỏ quy định hạn chế quyền; xử lý vi phạm (tách thửa trái phép…) bằng các "
                 "biện pháp luật đã quy định",
            fact={"ground": g["civil_rights"]}, **common,
        )
    if h.rule == "competence.delegated_amendment":
        new_law = issued is not None and issued >= dt.date(2025, 4, 1)
        ground = g["amend_same_body"] if new_law else g["amend_same_body_old"]
        quote = g["amend_same_body_quote"] if new_law else g["amend_same_body_quote_old"]
        ev.append(Evidence(ground, quote))
        return Draft(
            p.eid, h.rule, "competence", "medium", h.confidence,
            "Nghị quyết giao Thường trực Hội đồng nhân dân (hoặc Ủy ban nhân dân sau khi xin ý "
            "kiến Thường trực) quyết định điều chỉnh nội dung do chính nghị quyết quy định",
            f"{ground}: “{quote}”; Thường trực Hội đồng nhân dân, Ủy ban nhân dân không phải cơ "
            "quan đã ban hành nghị quyết quy phạm pháp luật này",
            "sua_doi", ground, evidence=ev,
            todo="bỏ quy định giao điều chỉnh; khi cần điều chỉnh mức, giá đã quy định thì Hội "
                 "đồng nhân dân ban hành nghị quyết sửa đổi, bổ sung",
            fact={"ground": ground}, **common,
        )
    if h.rule == "admin_procedure.extra_paper":
        return Draft(
            p.eid, h.rule, "admin_procedure", "high", h.confidence,
            f"Quy định thêm thành phần hồ sơ “{text[h.start : h.end].strip()}”",
            "văn bản quy phạm pháp luật của chính quyền địa phương không được quy định thủ tục "
            "hành chính, thành phần hồ sơ khi không được luật giao; loại giấy xác nhận này "
            "thường không có trong bộ hồ sơ do cấp trên quy định",
            "bai_bo_mot_phan", ap_ground, evidence=ev,
            todo="đối chiếu bộ hồ sơ do luật, nghị định quy định và bãi bỏ thành phần tăng thêm",
            fact={"ground": ap_ground}, **common,
        )
    return Draft(
        p.eid, h.rule, "admin_procedure", "medium", h.confidence,
        "Văn bản quy định trình tự, thủ tục, hồ sơ của thủ tục hành chính",
        "văn bản quy phạm pháp luật của chính quyền địa phương chỉ quy định thủ tục hành chính "
        "khi được luật, nghị quyết của Quốc hội giao", "sua_doi", ap_ground, evidence=ev,
        todo="kiểm tra văn bản giao quy định; nếu không có thì bãi bỏ phần thủ tục",
        fact={"ground": ap_ground}, **common,
    )


def _dossier(ctx: ReviewContext, ground: str, label: str, flagged: set[str]
             ) -> Iterator[Draft]:
    """Compare listed dossier components (points of a "Hồ sơ gồm:" clause) with the higher list."""
    if not ctx.is_normative:
        return
    for p in ctx.doc.iter_provisions():
        if p.kind not in ("clause", "article"):
            continue
        points = [c for c in p.children if c.kind == "point"]
        text = ctx.text(p)
        intro = text[: (points[0].start - p.start) if points else len(text)]
        if not points or not DOSSIER.search(intro):
            continue
        art = ctx.doc.find(p.eid.split("__para_")[0]) if "__para_" in p.eid else p
        query = " ".join(x for x in ((art.heading if art else "") or "", intro) if x)
        higher = _higher_dossier(ctx, query)
        if higher is None:
            continue
        items, src = higher
        local = [(pt, ctx.text(pt)) for pt in points]
        local_items = [re.sub(r"^\s*[a-zđ]\)\s*", "", t).strip(" ;.") for _, t in local]
        covered = [_covered(item, items) for item in local_items]
        # The higher list must recognisably be the same procedure's: when most local items are
        # missing from it, search found another procedure's dossier, not an added component.
        if sum(covered) < max(1, len(points) // 2):
            continue
        for (pt, pt_text), item, ok in zip(local, local_items, covered, strict=True):
            if ok:
                continue
            flagged.add(pt.eid)
            yield Draft(
                pt.eid, "admin_procedure.dossier_component", "admin_procedure", "high", 0.85,
                f"Bổ sung thành phần hồ sơ “{item}” mà quy định cấp trên không yêu cầu",
                f"bộ hồ sơ theo {src} gồm: " + "; ".join(i.strip(" ;.") for i in items[:8]),
                "bai_bo_mot_phan", ground,
                evidence=[Evidence(f"{label} {pt.eid}", pt_text.strip(), pt.start, pt.end),
                          Evidence(src, "; ".join(items[:8]))],
                todo="bãi bỏ thành phần hồ sơ tăng thêm (văn bản địa phương không được quy định "
                     "thêm thủ tục hành chính khi không được luật giao)",
                start=pt.start, end=pt.end, local_text=pt_text, cited=src.split()[0] or None,
                fact={"higher": items, "source": src},
            )
