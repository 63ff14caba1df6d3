"""Conflict candidates: a local provision against the higher-level provisions in force.

For every local provision stating a time limit, the most relevant higher-level provisions in
force at ``as_of`` are fetched (KB search; portal procedure records without a KB), the
sentence of the higher text closest to the local one is found, and an upper-bound time limit
longer than the higher one is a ``conflict`` — both texts are quoted side by side. Only
deadlines are compared: for amounts and rates a local figure different from the higher one
is often lawful (support levels, local budgets), and flagging them drowned the real
conflicts in the labelled set.

>>> overlap("cấp giấy phép xây dựng", "cấp giấy phép xây dựng trong thời gian 20 ngày")
1.0
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

from thpl_nlp.models import Evidence, Provision
from thpl_nlp.review import tthc
from thpl_nlp.review.findings import Draft, vn_date
from thpl_nlp.review.kb_api import (
    amendments,
    hit_field,
    kb_memo,
    parse_date,
    provision_text,
)
from thpl_nlp.review.quantities import Deadline, Measure, deadlines, measures, sentences
from thpl_nlp.review.rules import ReviewContext

NEEDS_KB = False  # KB search when there is one; portal records otherwise

_STOP = set(
    "và của các cho đối với theo trong được có là một những này đó tại về từ với do không quá "
    "ngày làm việc kể thì phải trường hợp quy định điều khoản điểm".split()
)
# words that make a time limit a processing deadline of an authority
_PROCESSING = re.compile(
    r"giải\s+quyết|cấp\s+(?:giấy|phép|lại|đổi)|xem\s+xét|thẩm\s+định|trả\s+lời|phê\s+duyệt|"
    r"nhận\s+(?:đủ\s+)?hồ\s+sơ|xử\s+lý\s+hồ\s+sơ|thời\s+hạn",
    re.IGNORECASE,
)


# Words of any processing deadline ("thời hạn … ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"):
# sharing them says nothing about the subject, so topic matching ignores them.
_GENERIC = set(
    "thời hạn gian làm việc kể từ nhận đủ hồ sơ hợp lệ không quá giải quyết cơ quan có thẩm "
    "quyền tiếp được văn bản thông báo trả lời quy định theo trường hợp tổ chức cá nhân thực "
    "hiện xem xét ngày trong vòng chậm nhất là các của và cho đối với với này đó tại về do một "
    "những phải thì khi sau trước đến bằng hoặc nếu".split()
)


_WORD = re.compile(r"[a-zà-ỹđ]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _pairs(words: list[str], generic: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """Adjacent word pairs, neither word in ``generic``."""
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)
            if a not in generic and b not in generic}


def _bigrams(text: str) -> set[str]:
    return _pairs([w for w in _words(text) if w not in _STOP])


def topic(text: str) -> set[str]:
    """Subject word pairs of a text: adjacent words, neither of them deadline boilerplate.

    >>> sorted(topic("Thời hạn cấp giấy phép xây dựng không quá 30 ngày"))
    ['cấp giấy', 'giấy phép', 'phép xây', 'xây dựng']
    """
    return _pairs(_words(text), _GENERIC)


def overlap(local: str, higher: str) -> float:
    """Share of the local sentence's word pairs found in the higher sentence."""
    lb = _bigrams(local)
    return len(lb & _bigrams(higher)) / len(lb) if lb else 0.0


# A bare amount counted from the receipt of the dossier ("22 ngày làm việc kể từ ngày nhận đủ
# hồ sơ hợp lệ") is the processing time limit itself: an upper bound like "không quá …".
_FROM_RECEIPT = re.compile(
    r"""
    kể\s+từ\s+(?:ngày|khi|thời\s+điểm)\s+      # counted from the day/moment …
    (?:tiếp\s+)?nhận\s+(?:được\s+)?(?:đủ\s+)?  # … of receiving (enough of) …
    (?:bộ\s+)?hồ\s+sơ                          # … the dossier
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Lawful simplification, not a limit to compare: "giảm thời hạn … từ 10 ngày xuống 09 ngày"
_REDUCTION = re.compile(r"\bgiảm\b.{0,80}\bxuống\b|\bchỉ\s+cần\b|\brút\s+ngắn\b",
                        re.IGNORECASE | re.DOTALL)


def _local_limits(text: str) -> list[tuple[Deadline, str, int]]:
    out = []
    for s, e in sentences(text):
        sent = text[s:e]
        if not _PROCESSING.search(sent) and not _FROM_RECEIPT.search(sent):
            continue
        if _REDUCTION.search(sent):
            continue
        bare_ok = bool(_FROM_RECEIPT.search(sent))
        for d in deadlines(sent):
            upper = d.bound == "max" or (d.bound == "" and bare_ok)
            if upper and d.unit in ("day", "working_day", "month"):
                out.append((Deadline(s + d.start, s + d.end, d.days, d.unit, d.bound, d.text),
                            sent, s))
    return out


# The event a time limit runs from ("kể từ ngày nhận đủ hồ sơ hợp lệ", "kể từ ngày ký biên
# bản kiểm tra"): two limits running from different events are different steps.
_ANCHOR = re.compile(
    r"""
    (?:kể|tính)\s+từ\s+(?:ngày\s+|khi\s+|thời\s+điểm\s+)?  # "counted from (the day) …"
    (?P<event>[^,;.]{3,90})                                # … the event, up to the clause end
    """,
    re.VERBOSE | re.IGNORECASE,
)
_RECEIPT = re.compile(r"(?<!chấp\s)(?:tiếp\s+)?nhận\s+(?:được\s+)?(?:đủ\s+)?(?:bộ\s+)?hồ\s+sơ",
                      re.IGNORECASE)
# The completeness check of a dossier is its own step, with its own (short) limit.
_COMPLETENESS_STEP = re.compile(
    r"yêu\s+cầu\s+(?:bổ\s+sung|hoàn\s+thiện|hoàn\s+chỉnh)|hồ\s+sơ\s+chưa\s+(?:đầy\s+đủ|hợp\s+lệ)|"
    r"kiểm\s+tra\s+tính\s+(?:đầy\s+đủ|hợp\s+lệ)|hướng\s+dẫn\s+(?:bổ\s+sung|hoàn\s+thiện)",
    re.IGNORECASE,
)


def _anchor(text: str) -> str | None:
    """``receipt`` for a limit counted from the receipt of the dossier, else the event's
    words; None when the text does not say."""
    m = _ANCHOR.search(text)
    if not m:
        return None
    return "receipt" if _RECEIPT.search(m["event"]) else m["event"].lower()


def same_step(local: str, higher: str) -> bool:
    """Whether two time-limit sentences can be about the same step of a procedure.

    >>> same_step("trong 07 ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ",
    ...           "Trong thời hạn 03 ngày làm việc, kể từ ngày nhận được hồ sơ, cơ quan kiểm "
    ...           "tra và yêu cầu bổ sung nếu hồ sơ chưa đầy đủ")
    False
    """
    if bool(_COMPLETENESS_STEP.search(local)) != bool(_COMPLETENESS_STEP.search(higher)):
        return False
    a, b = _anchor(local), _anchor(higher)
    if a is None or b is None:
        return True
    if "receipt" in (a, b):
        return a == b
    return bool(_bigrams(a) & _bigrams(b))


def _best_higher(local_topic: set[str], local: str, higher_text: str
                 ) -> tuple[float, str, list[Deadline]] | None:
    """The higher sentence with a time limit for the same step sharing most of the local
    subject."""
    best = None
    for s, e in sentences(higher_text):
        sent = higher_text[s:e]
        ds = [d for d in deadlines(sent) if d.unit in ("day", "working_day", "month")
              and d.bound != "min"]
        if not ds or not _PROCESSING.search(sent) or not same_step(local, sent):
            continue
        shared = local_topic & topic(sent)
        if len(shared) < 2:
            continue
        score = len(shared) / len(local_topic)
        if best is None or score > best[0]:
            best = (score, sent, ds)
    return best


_ARTICLE_OF_EID = re.compile(r"(?:^|__)art_(?P<num>\d+[a-z]?)")
_NEXT_AMENDMENT = re.compile(r"\n\d+\.\s+(?:Sửa\s+đổi|Bổ\s+sung|Bãi\s+bỏ|Thay\s+thế)", re.I)


def amended_segment(amending_text: str, article: str) -> str:
    r"""The part of an amending provision rewriting Điều ``article`` (up to the next item).

    >>> amended_segment("35. Sửa đổi Điều 96.\n36. Sửa đổi Điều 102 như sau:\ne) 20 ngày"
    ...                 "\n37. Bãi bỏ Điều 103", "102")
    '36. Sửa đổi Điều 102 như sau:\ne) 20 ngày'
    """
    out = []
    for m in re.finditer(rf"Điều\s+{re.escape(article)}\b", amending_text):
        start = amending_text.rfind("\n", 0, m.start()) + 1
        nxt = _NEXT_AMENDMENT.search(amending_text, m.end())
        out.append(amending_text[start : nxt.start() if nxt else len(amending_text)].strip())
    return "\n".join(dict.fromkeys(out))


def _kb_candidates(ctx: ReviewContext, query: str, k: int, when: dt.date
                   ) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    try:
        hits = ctx.kb.search(query, k=k, as_of=when) or []
    except (KeyError, ValueError, LookupError):
        return out
    for h in hits:
        number, eid = hit_field(h, "number", ""), hit_field(h, "eid", "")
        out.extend(_hit_texts(ctx, number, eid, hit_field(h, "text", "") or "",
                              parse_date(hit_field(h, "effective_on")), when))
    return out


def _hit_texts(ctx: ReviewContext, number: str, eid: str, snippet: str,
               effective_on: dt.date | None, when: dt.date) -> list[dict[str, Any]]:
    """The higher texts of a hit: its full text, and the amending texts in force on
    ``when``. The same for every provision of every document, so they are kept on the KB
    object itself (a rebuilt KB is a new object: nothing stale survives it)."""
    cache = kb_memo(ctx.kb, "conflict_hit_texts")
    key = (number, eid, when)
    if key in cache:
        return cache[key]
    out = [{"number": number, "eid": eid, "base": number, "amended": False,
            "text": provision_text(ctx.kb, number, eid, snippet), "effective_on": effective_on}]
    art = _ARTICLE_OF_EID.search(eid)
    for src, src_eid in (amendments(ctx.kb, number, when) if art else []):
        seg = amended_segment(provision_text(ctx.kb, src, src_eid), art["num"])
        if seg:
            st = ctx.status(src, when) or {}
            out.append({"number": src, "eid": src_eid, "text": seg, "amended": True,
                        "base": number, "effective_on": parse_date(st.get("effective_on")),
                        "amends": f"Điều {art['num']} {number}"})
    if len(cache) > 20_000:  # a long-lived worker: start again rather than grow
        cache.clear()
    cache[key] = out
    return out


def _candidates(ctx: ReviewContext, query: str, when: dt.date) -> list[dict[str, Any]]:
    """Higher-level texts for ``query``: KB search hits in force on ``when`` (full text, and
    the amending text in force then for the same article), plus matching portal records."""
    key = (query, when)
    cache = ctx.memo("conflict_candidates")
    if key in cache:
        return cache[key]
    k = int(ctx.cfg["thresholds"]["conflict_top_k"])
    out: list[dict[str, Any]] = (_kb_candidates(ctx, query, k, when)
                                 if ctx.kb is not None else [])
    cache[key] = out
    q = set(_words(query)) - _STOP
    for p in tthc.procedures():
        if p.deadline is None:
            continue
        t = set(_words(p.name)) - _STOP
        if t and len(q & t) / len(t) >= 0.8:
            unit = "ngày làm việc" if p.unit == "working_day" else "ngày"
            out.append({
                "number": ", ".join(p.bases[:2]) or f"TTHC {p.code}",
                "eid": f"tthc {p.code}",
                "text": (f"Thời hạn giải quyết thủ tục {p.name} trong thời hạn "
                         f"{int(p.deadline)} {unit}"),
                "effective_on": None, "amended": False, "base": None,
            })
    return out


def _when_dates(ctx: ReviewContext) -> list[dt.date]:
    """The dates the higher law is read at: the review date, then the document's issue date
    (a conflict that existed when the document was made, with a higher text since replaced,
    still needs the document amended)."""
    out = [ctx.as_of]
    if ctx.issued_on is not None and ctx.issued_on < ctx.as_of:
        out.append(ctx.issued_on)
    return out


def _lapsed(ctx: ReviewContext, cand: dict[str, Any]) -> dict[str, Any] | None:
    """The KB status at ``as_of`` of the higher document a past comparison used, when that
    document is no longer in force (else None: a past conflict that the higher law in force
    no longer shows is not reported)."""
    base = cand.get("base")
    if not base:
        return None
    st = ctx.status(base, ctx.as_of)
    if st and st.get("status") == "expired":
        return st
    return None


def check(ctx: ReviewContext) -> Iterator[Draft]:
    if ctx.level is None:
        return
    min_overlap = float(ctx.cfg["thresholds"]["conflict_min_overlap"])
    for p in ctx.own_text_provisions():
        text = ctx.text(p)
        limits = _local_limits(text)
        quantities = _local_measures(text)
        if not limits and not quantities:
            continue
        heading = _heading(ctx, p)
        spans = sentences(text)
        first = text[: spans[0][1]] if spans else ""
        for item, sent, sent_start in [*limits, *quantities]:
            if isinstance(item, Measure):
                # what a figure is for is often said above it ("2. Hỗ trợ bồi thường …: Mức
                # hỗ trợ tối đa là 100 triệu đồng/ha")
                query = f"{heading} {first} {sent}".strip() if first != sent else \
                    f"{heading} {sent}".strip()
                local_topic = measure_topic(query)
                if len(local_topic) < 3:
                    continue
            else:
                query = f"{heading} {sent}".strip()
                local_topic = topic(query)
                if len(local_topic) < 2:  # "Thời hạn giải quyết: 20 ngày": the subject is above
                    query = f"{heading} {first} {sent}".strip()
                    local_topic = topic(query)
                if len(local_topic) < 2:
                    continue
            for when in _when_dates(ctx):
                if isinstance(item, Deadline):
                    found = _compare(ctx, item, local_topic, query, min_overlap, when)
                else:
                    # one search per provision for its figures (their subject is the
                    # provision's), not one per sentence
                    in_sent = replace(item, start=item.start - sent_start,
                                      end=item.end - sent_start)
                    found = _compare_measure(ctx, item, in_sent, sent, local_topic,
                                             f"{heading} {text[:600]}".strip(), min_overlap, when)
                if found is None:
                    continue
                lapsed = _lapsed(ctx, found[0]) if when != ctx.as_of else None
                if when != ctx.as_of and lapsed is None:
                    continue
                yield _draft(ctx, p, text, item, sent, found, lapsed)
                break


def _draft(ctx: ReviewContext, p: Provision, text: str, item: Deadline | Measure, sent: str,
           found: tuple[dict[str, Any], str, Any, float], lapsed: dict[str, Any] | None
           ) -> Draft:
    g = ctx.cfg["legal_grounds"]
    label = ctx.doc.number or ctx.doc.source
    cand, hsent, higher, score = found
    hsent = hsent.strip().strip("“”\"").strip()
    src = f"{cand['number']} {cand['eid']}".strip()
    since = cand.get("effective_on")
    why = f"{src} quy định: “{hsent.strip()}”"
    if cand.get("amends"):
        why = (f"{cand['amends']} được sửa đổi bởi {src}, có hiệu lực từ "
               f"{vn_date(since)}: “{hsent.strip()}”")
    elif since:
        why += f" (có hiệu lực từ {vn_date(since)})"
    if isinstance(item, Deadline):
        rule, limit = "conflict.deadline_longer", higher.words()
        what = f"Thời hạn “{item.text}” dài hơn thời hạn {limit} do văn bản cấp trên quy định"
        todo = f"sửa thời hạn cho không vượt quá {limit}"
    else:
        rule = "conflict.bound_exceeded"
        kind = {"percent": "Tỷ lệ", "money": "Mức tiền", "area": "Diện tích"}[item.kind]
        if higher.bound == "max":
            what = (f"{kind} “{item.text}” vượt mức tối đa {higher.text} do văn bản cấp trên "
                    "quy định")
            todo = f"sửa cho không vượt quá {higher.text}"
        else:
            what = (f"{kind} “{item.text}” thấp hơn mức tối thiểu {higher.text} do văn bản cấp "
                    "trên quy định")
            todo = f"sửa cho không thấp hơn {higher.text}"
    severity, confidence = "high", min(0.95, 0.6 + 0.4 * min(score, 1.0))
    fact: dict[str, Any] = {"higher": hsent.strip(), "source": src}
    if lapsed is not None:
        end = parse_date(lapsed.get("not_in_force_from"))
        successors = list(lapsed.get("current_successor") or lapsed.get("replaced_by") or [])
        by = f", được thay thế bởi {', '.join(successors)}" if successors else ""
        what += " khi văn bản được ban hành; văn bản cấp trên đó nay đã hết hiệu lực"
        why += (f". {cand['base']} hết hiệu lực từ {vn_date(end)}{by}; quy định của địa "
                "phương chưa được sửa đổi theo văn bản mới")
        todo = (f"rà soát, sửa đổi quy định này theo {', '.join(successors) or 'văn bản thay thế'}"
                f" và văn bản quy định chi tiết (khi {cand['base']} còn hiệu lực, cần {todo})")
        severity, confidence = "medium", round(confidence * 0.85, 3)
        fact["lapsed"] = {"number": cand["base"], "not_in_force_from": lapsed.get(
            "not_in_force_from"), "successors": successors}
    local_start = p.start + item.start
    return Draft(
        p.eid, rule, "conflict", severity, confidence, what, why, "sua_doi",
        g["conflict"], cited=(cand["number"] or None),
        evidence=[Evidence(f"{label} {p.eid}", sent.strip(), local_start, p.start + item.end),
                  Evidence(src, hsent.strip())],
        todo=todo, start=local_start, end=p.start + item.end, local_text=text, fact=fact,
    )


def _heading(ctx: ReviewContext, p: Provision) -> str:
    art_eid = re.match(r"((?:att_\d+__)?art_[^_]+)", p.eid)
    art = ctx.doc.find(art_eid.group(1)) if art_eid else None
    return (art.heading or "") if art else ""


def _best_candidate(ctx: ReviewContext, query: str, when: dt.date, min_overlap: float,
                    match: Callable[[str], tuple[float, str, Any] | None]
                    ) -> tuple[dict[str, Any], str, Any, float] | None:
    """The higher text in force on ``when`` whose best sentence (``match``: score, sentence,
    its quantities) shares most of the local subject."""
    best = None
    for cand in _candidates(ctx, query, when):
        b = match(cand["text"])
        if b is None or b[0] < min_overlap:
            continue
        # the amending text in force supersedes the original wording of the same article
        score = b[0] + (0.05 if cand.get("amended") else 0.0)
        if best is None or score > best[3]:
            best = (cand, b[1], b[2], score)
    return best


def _compare(ctx: ReviewContext, d: Deadline, local_topic: set[str], query: str,
             min_overlap: float, when: dt.date
             ) -> tuple[dict[str, Any], str, Deadline, float] | None:
    best = _best_candidate(ctx, query, when, min_overlap,
                           lambda text: _best_higher(local_topic, query, text))
    if best is None:
        return None
    cand, hsent, hds, score = best
    # the local limit must exceed every time limit of the matched higher sentence, read in
    # the local text's favour when the units differ (a working day is at least a day; a
    # working-day limit of the higher text is at most 7/5 as many calendar days)
    longest = max(hds, key=lambda x: x.in_days())
    if all(h.unit == d.unit for h in hds):
        exceeds = d.days > longest.days
    else:
        exceeds = _shortest_days(d) > max(_longest_days(h) for h in hds)
    if not exceeds:
        return None
    return cand, hsent, longest, score


def _shortest_days(d: Deadline) -> float:
    return d.days * {"day": 1.0, "working_day": 1.0, "month": 28.0, "hour": 1 / 24}[d.unit]


def _longest_days(d: Deadline) -> float:
    return d.days * {"day": 1.0, "working_day": 7 / 5, "month": 31.0, "hour": 1 / 8}[d.unit]


# --- rates, amounts and areas against a cap or floor of the higher text ---------------------

# A local figure is compared only with a higher figure that is an explicit cap or floor
# ("tối đa", "không quá", "tối thiểu" …): a different figure is otherwise often lawful
# (support levels, local budgets).
# A figure that sets a level ("mức hỗ trợ", "định mức", "tỷ lệ", "diện tích tối thiểu", "không
# quá"): a total, a budget or the area of one project is not compared with a cap.
_LEVEL = re.compile(
    r"\b(?:mức|định\s+mức|tỷ\s+lệ|tỉ\s+lệ|đơn\s+giá|giá|phụ\s+cấp|trợ\s+cấp|hỗ\s+trợ|thu|chi|"
    r"phí|tối\s+đa|tối\s+thiểu|không\s+quá|ít\s+nhất|diện\s+tích)\b",
    re.IGNORECASE,
)


def _local_measures(text: str) -> list[tuple[Measure, str, int]]:
    out = []
    for s, e in sentences(text):
        sent = text[s:e]
        if _REDUCTION.search(sent):
            continue
        for m in measures(sent):
            if not m.bound and not _LEVEL.search(sent[max(0, m.start - 60) : m.start]):
                continue
            out.append((Measure(s + m.start, s + m.end, m.kind, m.low, m.high, m.per, m.bound,
                                m.text), sent, s))
    return out


# Words of any amount or rate ("mức hỗ trợ tối đa", "tổng kinh phí", "dự toán được duyệt"):
# sharing them says nothing about *what* the figure is for.
_MEASURE_GENERIC = _GENERIC | set(
    "mức hỗ trợ tối đa thiểu không quá vượt tổng kinh phí chi giá trị số tiền đồng triệu tỷ "
    "nghìn ngân sách nhà nước dự toán duyệt phê tỷ lệ phần trăm diện tích mét vuông ha "
    "đơn vị thu nộp cấp".split()
)


def measure_topic(text: str) -> set[str]:
    """Subject word pairs of a text about an amount, rate or area: what the figure is for.

    >>> sorted(measure_topic("Mức hỗ trợ xây dựng hệ thống tưới tối đa 40 triệu đồng/ha"))
    ['dựng hệ', 'hệ thống', 'thống tưới', 'xây dựng']
    """
    return _pairs(_words(text), _MEASURE_GENERIC)


def _head(text: str, start: int, words: int = 10) -> set[str]:
    """Subject word pairs of the words just before a quantity ("phí thẩm định … tối đa")."""
    return _pairs(_words(text[:start])[-words:], _MEASURE_GENERIC)


def base_of(text: str, m: Measure, words: int = 6) -> set[str]:
    """Word pairs of what a percentage is *of* (the words after it).

    >>> sorted(base_of("bằng 80% mức chi của cấp tỉnh",
    ...                Measure(5, 8, "percent", 80.0, 80.0, "", "", "80%")))
    ['chi cấp', 'cấp tỉnh', 'mức chi']
    """
    return _pairs([w for w in _words(text[m.end :])[:words] if w not in _STOP])


@lru_cache(maxsize=4096)
def _bounded(higher_text: str) -> tuple[tuple[str, Measure, frozenset[str], frozenset[str]], ...]:
    """The caps and floors of a higher text: (sentence, figure, words naming it, sentence
    subject). The same higher texts come back for many local figures: read them once."""
    out = []
    for s, e in sentences(higher_text):
        sent = higher_text[s:e]
        for hm in measures(sent):
            if hm.bound:
                out.append((sent, hm, frozenset(_head(sent, hm.start)),
                            frozenset(measure_topic(sent))))
    return tuple(out)


def _best_bound(local: Measure, local_sent: str, local_topic: set[str], higher_text: str
                ) -> tuple[float, str, Measure] | None:
    """The higher sentence with a cap/floor of the same kind on the same subject: most of the
    local subject (heading, the provision's opening and the sentence) is in it, and the words
    naming the higher figure are among the local subject's."""
    best = None
    for sent, hm, head, subject in _bounded(higher_text):
        if hm.kind != local.kind or hm.per != local.per or not (local_topic & head):
            continue
        if local.kind == "percent" and not (base_of(local_sent, local) & base_of(sent, hm)):
            continue  # "80% mức chi của cấp tỉnh" and "50% mức quy định": other bases
        shared = local_topic & subject
        if len(shared) < 3:
            continue
        score = len(shared) / len(local_topic)
        if best is None or score > best[0]:
            best = (score, sent, hm)
    return best


def _compare_measure(ctx: ReviewContext, m: Measure, in_sent: Measure, sent: str,
                     local_topic: set[str], query: str, min_overlap: float, when: dt.date
                     ) -> tuple[dict[str, Any], str, Measure, float] | None:
    """``m`` (offsets in its provision) is ``in_sent`` in its sentence ``sent``;
    ``local_topic`` is the subject of the figure (``measure_topic``)."""
    best = _best_candidate(ctx, query, when, min_overlap,
                           lambda text: _best_bound(in_sent, sent, local_topic, text))
    if best is None:
        return None
    cand, hsent, hm, score = best
    violated = m.high > hm.high if hm.bound == "max" else m.low < hm.low
    if not violated:
        return None
    return cand, hsent, hm, score
