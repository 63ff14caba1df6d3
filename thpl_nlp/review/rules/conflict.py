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

import re
from collections.abc import Iterator
from typing import Any

from thpl_nlp.models import Evidence, Provision
from thpl_nlp.review import tthc
from thpl_nlp.review.findings import Draft, vn_date
from thpl_nlp.review.kb_api import amendments, hit_field, parse_date, provision_text
from thpl_nlp.review.quantities import Deadline, deadlines, sentences
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


def _bigrams(text: str) -> set[str]:
    w = [x for x in re.findall(r"[a-zà-ỹđ]+", text.lower()) if x not in _STOP]
    return {f"{a} {b}" for a, b in zip(w, w[1:], strict=False)}


def topic(text: str) -> set[str]:
    """Subject word pairs of a text: adjacent words, neither of them deadline boilerplate.

    >>> sorted(topic("Thời hạn cấp giấy phép xây dựng không quá 30 ngày"))
    ['cấp giấy', 'giấy phép', 'phép xây', 'xây dựng']
    """
    w = re.findall(r"[a-zà-ỹđ]+", text.lower())
    return {f"{a} {b}" for a, b in zip(w, w[1:], strict=False)
            if a not in _GENERIC and b not in _GENERIC}


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


def _local_limits(text: str) -> list[tuple[Deadline, str]]:
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
                            sent))
    return out


def _best_higher(local_topic: set[str], higher_text: str
                 ) -> tuple[float, str, list[Deadline]] | None:
    """The higher sentence with a time limit sharing most of the local subject."""
    best = None
    for s, e in sentences(higher_text):
        sent = higher_text[s:e]
        ds = [d for d in deadlines(sent) if d.unit in ("day", "working_day", "month")
              and d.bound != "min"]
        if not ds or not _PROCESSING.search(sent):
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


def _kb_candidates(ctx: ReviewContext, query: str, k: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    try:
        hits = ctx.kb.search(query, k=k, as_of=ctx.as_of) or []
    except (KeyError, ValueError, LookupError):
        return out
    for h in hits:
        number, eid = hit_field(h, "number", ""), hit_field(h, "eid", "")
        text = provision_text(ctx.kb, number, eid, hit_field(h, "text", "") or "")
        out.append({"number": number, "eid": eid, "text": text,
                    "effective_on": parse_date(hit_field(h, "effective_on")), "amended": False})
        art = _ARTICLE_OF_EID.search(eid)
        if not art:
            continue
        for src, src_eid in amendments(ctx.kb, number, ctx.as_of):
            seg = amended_segment(provision_text(ctx.kb, src, src_eid), art["num"])
            if seg:
                st = ctx.status(src, ctx.as_of) or {}
                out.append({"number": src, "eid": src_eid, "text": seg, "amended": True,
                            "effective_on": parse_date(st.get("effective_on")),
                            "amends": f"Điều {art['num']} {number}"})
    return out


def _candidates(ctx: ReviewContext, query: str) -> list[dict[str, Any]]:
    """Higher-level texts for ``query``: KB search hits (full text, and the amending text in
    force at ``as_of`` for the same article), plus matching portal procedure records."""
    k = int(ctx.cfg["thresholds"]["conflict_top_k"])
    out: list[dict[str, Any]] = _kb_candidates(ctx, query, k) if ctx.kb is not None else []
    q = set(re.findall(r"[a-zà-ỹđ]+", query.lower())) - _STOP
    for p in tthc.procedures():
        if p.deadline is None:
            continue
        t = set(re.findall(r"[a-zà-ỹđ]+", p.name.lower())) - _STOP
        if t and len(q & t) / len(t) >= 0.8:
            unit = "ngày làm việc" if p.unit == "working_day" else "ngày"
            out.append({
                "number": ", ".join(p.bases[:2]) or f"TTHC {p.code}",
                "eid": f"tthc {p.code}",
                "text": (f"Thời hạn giải quyết thủ tục {p.name} trong thời hạn "
                         f"{int(p.deadline)} {unit}"),
                "effective_on": None, "amended": False,
            })
    return out


def check(ctx: ReviewContext) -> Iterator[Draft]:
    if ctx.level is None:
        return
    g = ctx.cfg["legal_grounds"]
    min_overlap = float(ctx.cfg["thresholds"]["conflict_min_overlap"])
    label = ctx.doc.number or ctx.doc.source
    for p in ctx.own_text_provisions():
        text = ctx.text(p)
        limits = _local_limits(text)
        if not limits:
            continue
        heading = _heading(ctx, p)
        first = text[: sentences(text)[0][1]] if sentences(text) else ""
        for d, sent in limits:
            query = f"{heading} {sent}".strip()
            local_topic = topic(query)
            if len(local_topic) < 2:  # "Thời hạn giải quyết: 20 ngày" — the subject is above
                query = f"{heading} {first} {sent}".strip()
                local_topic = topic(query)
            if len(local_topic) < 2:
                continue
            found = _compare(ctx, d, local_topic, query, min_overlap)
            if found is None:
                continue
            cand, hsent, hd, score = found
            src = f"{cand['number']} {cand['eid']}".strip()
            since = cand.get("effective_on")
            why = f"{src} quy định: “{hsent.strip()}”"
            if cand.get("amends"):
                why = (f"{cand['amends']} được sửa đổi bởi {src}, có hiệu lực từ "
                       f"{vn_date(since)}: “{hsent.strip()}”")
            elif since:
                why += f" (có hiệu lực từ {vn_date(since)})"
            yield Draft(
                p.eid, "conflict.deadline_longer", "conflict", "high",
                min(0.95, 0.6 + 0.4 * min(score, 1.0)),
                f"Thời hạn “{d.text}” dài hơn thời hạn {hd.words()} do văn bản cấp trên quy định",
                why, "sua_doi", g["conflict"], cited=(cand["number"] or None),
                evidence=[Evidence(f"{label} {p.eid}", sent.strip(), p.start + d.start,
                                   p.start + d.end),
                          Evidence(src, hsent.strip())],
                todo=f"sửa thời hạn cho không vượt quá {hd.words()}",
                start=p.start + d.start, end=p.start + d.end, local_text=text,
                fact={"higher": hsent.strip(), "source": src},
            )


def _heading(ctx: ReviewContext, p: Provision) -> str:
    art_eid = re.match(r"((?:att_\d+__)?art_[^_]+)", p.eid)
    art = ctx.doc.find(art_eid.group(1)) if art_eid else None
    return (art.heading or "") if art else ""


def _compare(ctx: ReviewContext, d: Deadline, local_topic: set[str], query: str,
             min_overlap: float) -> tuple[dict[str, Any], str, Deadline, float] | None:
    best = None
    for cand in _candidates(ctx, query):
        b = _best_higher(local_topic, cand["text"])
        if b is None or b[0] < min_overlap:
            continue
        # the amending text in force supersedes the original wording of the same article
        score = b[0] + (0.05 if cand.get("amended") else 0.0)
        if best is None or score > best[3]:
            best = (cand, b[1], b[2], score)
    if best is None:
        return None
    cand, hsent, hds, score = best
    # the local limit must exceed every time limit of the matched higher sentence
    longest = max(hds, key=lambda x: x.in_days())
    same_unit = all(h.unit == d.unit for h in hds)
    local = d.days if same_unit else d.in_days()
    higher = longest.days if same_unit else longest.in_days()
    if local <= higher:
        return None
    return cand, hsent, longest, score
