"""Relation extraction from effect, transition and amending clauses of higher-level texts.

Finds who ends, replaces, repeals or amends whom, and laws that change another law's
effective date, each with its evidence sentence:

>>> rels = extract_relations("77/2015/QH13", [("art_141", "Hiệu lực thi hành",
...     "2. Luật tổ chức Hội đồng nhân dân và Ủy ban nhân dân số 11/2003/QH11 hết hiệu lực "
...     "kể từ ngày Luật này có hiệu lực thi hành.")])
>>> [(r.kind, r.target_number, r.date_rule, r.source_eid) for r in rels]
[('replaces', '11/2003/QH11', 'source_effective', 'art_141__para_2')]

Targets given by name only ("Pháp lệnh luật sư năm 2001") keep ``target_number=None`` and
their ``target_text``; the builder resolves them through the alias index afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from thpl_nlp.kb.textutil import find_numbers, parse_vn_date

DOC_TYPES = (
    r"Hiến\s+pháp|Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết\s+liên\s+tịch|Nghị\s+quyết"
    r"|Thông\s+tư\s+liên\s+tịch|Thông\s+tư|Quyết\s+định|Chỉ\s+thị|Văn\s+bản\s+hợp\s+nhất"
)

# "... hết hiệu lực (thi hành) (kể) từ ngày <when>"
EXPIRE_RE = re.compile(
    r"""
    (?P<target>.*?)                                   # what ends (documents or provisions)
    \s*(?:đều\s+|sẽ\s+)?hết\s+hiệu\s+lực(?:\s+thi\s+hành)?
    (?:\s*(?:,\s*)?(?:kể\s+|tính\s+)?từ\s+(?:ngày\s+|khi\s+)?(?P<when>[^;]*))?  # from when
    """,
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)

# "<Luật|Nghị định…> này … thay thế <targets>"
REPLACE_RE = re.compile(
    rf"""
    (?:(?:{DOC_TYPES})\s+này|[Vv]ăn\s+bản\s+này)[^.;]*?   # the source itself
    \bthay\s+thế\s+(?:cho\s+)?                        # "thay thế (cho)"
    (?P<target>(?:các\s+)?(?i:{DOC_TYPES}|Chương|Điều|Mục|Phần|khoản|văn\s+bản).+)  # documents
    """,
    re.VERBOSE | re.DOTALL,
)

# "Bãi bỏ <targets>" at the start of a clause or after "và"
REPEAL_RE = re.compile(
    r"""
    (?:^|;\s*|\bvà\s+|\d\.\s*|[a-zđ]\)\s*)
    [Bb]ãi\s+bỏ\s+(?P<target>.+)                       # what is repealed
    """,
    re.VERBOSE | re.DOTALL,
)

# heading or clause "Sửa đổi, bổ sung (một số điều|khoản 1 Điều 252) của Luật X số N"
AMEND_RE = re.compile(
    r"""
    [Ss]ửa\s+đổi(?:,\s*|\s+và\s+|\s+)bổ\s+sung\s+     # "Sửa đổi, bổ sung"
    (?P<what>.*?)\s*(?:của|tại)\s+                     # what is amended
    (?P<target>(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Thông\s+tư|Quyết\s+định)
       .+)                                            # the amended document
    """,
    re.VERBOSE | re.DOTALL,
)

# the quoted new text of an effect clause: "1. Luật này có hiệu lực thi hành từ ngày …"
NEW_EFFECT_RE = re.compile(
    rf"""
    ^[\s"“”']*(?:\d+\.\s*)?                            # optional clause number
    (?:{DOC_TYPES})\s+này\s+có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+
    (?:kể\s+)?từ\s+ngày\s+(?P<date>\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}
                          |\d{{1,2}}/\d{{1,2}}/\d{{4}})  # the new date
    """,
    re.VERBOSE,
)

# provision words that make a target partial ("Điều 57 của Luật …", "các quy định về …")
PARTIAL_RE = re.compile(
    r"""^\W*(?:các\s+)?(?:Điều|khoản|điểm|Mục|Chương|Phần|Phụ\s+lục|quy\s+định|nội\s+dung
    |cụm\s+từ|các\s+điều|một\s+số|số\s+thứ\s+tự|tên\s+gọi)\b""",
    re.VERBOSE | re.IGNORECASE,
)
# a document cited by name only: "Pháp lệnh luật sư năm 2001", "Luật … ngày 10 tháng 5 năm 1997"
NAMED_DOC_RE = re.compile(
    rf"""
    (?P<type>{DOC_TYPES})\s+                           # type
    (?P<name>(?:[^,;:()]|,(?!\s*(?:{DOC_TYPES})\b)){{3,200}}?)\s*  # title words ("Khiếu nại,
                                                       # tố cáo"), not a list "…, Luật …"
    (?:ngày\s+(?P<date>\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})
      |năm\s+(?P<year>(?:19|20)\d{{2}}))               # date or year
    """,
    re.VERBOSE,
)
SELF_RE = re.compile(rf"(?:{DOC_TYPES})\s+này", re.IGNORECASE)
# where the list of targets stops: amendments history, carve-outs, definitions
CUT_RE = re.compile(
    r";\s*bãi\s+bỏ|đã\s+được\s+sửa\s+đổi|được\s+sửa\s+đổi,\s*bổ\s+sung|\(sau\s+đây"
    r"|,?\s*trừ\s+(?:trường|các|Điều|khoản|quy)|\bkể\s+từ\b|\btừ\s+ngày\b"
)


@dataclass
class RelationRec:
    kind: str  # replaces, repeals, amends, amends_effective_date, guides, ...
    source_number: str
    source_eid: str | None
    target_number: str | None
    target_eid: str | None = None
    target_text: str | None = None
    partial: bool = False
    on_date: dt.date | None = None
    date_rule: str = "explicit"  # explicit | source_effective | source_issued
    new_date: dt.date | None = None
    evidence: str = ""
    confidence: float = 1.0
    extra: dict = field(default_factory=dict)


def _when(when: str | None) -> tuple[dt.date | None, str]:
    if not when:
        return None, "source_effective"
    w = when.strip()
    head = w[:80]
    if SELF_RE.match(head) or re.match(r"ngày\s+(?:" + DOC_TYPES + r")\s+này", head):
        if re.search(r"thông\s+qua|ký|ban\s+hành", head) and "hiệu lực" not in head:
            return None, "source_issued"
        return None, "source_effective"
    d = parse_vn_date(head)
    if d:
        return d, "explicit"
    return None, "source_effective"


# between two numbers: a new top-level item starts ("; …", "và Luật …", ", Pháp lệnh …")
_STRONG_SEP_RE = re.compile(rf";|\bvà\s+(?:các\s+)?(?:{DOC_TYPES})\b")
_COMMA_ITEM_RE = re.compile(
    rf"^\s*(?:ngày\s+[\d/]+(?:\s+tháng\s+\d+\s+năm\s+\d+)?)?\s*,\s*(?:{DOC_TYPES})\b"
)


# ", Quyết định số <number>": a new item of a comma-separated list of documents
_COMMA_TYPE_NUM_RE = re.compile(rf",\s*(?:{DOC_TYPES})\s+số\s*$")


def _targets(segment: str) -> list[tuple[str | None, str, bool]]:
    """Documents named in ``segment`` as (number | None, text, partial).

    A number inside the description of a listed document ("Nghị quyết số 144/2016/QH13 …
    về việc lùi hiệu lực thi hành của Bộ luật Hình sự số 100/2015/QH13") is not a target:
    only numbers that start a top-level item count.
    """
    seg = CUT_RE.split(segment, maxsplit=1)[0]
    partial = bool(PARTIAL_RE.match(seg))
    out: list[tuple[str | None, str, bool]] = []
    nums = find_numbers(seg)
    prev_end, prev_top = 0, True
    for i, (s, e, num) in enumerate(nums):
        gap = seg[prev_end:s]
        if i == 0 or _STRONG_SEP_RE.search(gap) or _COMMA_TYPE_NUM_RE.search(gap):
            top = True
        elif _COMMA_ITEM_RE.match(gap):
            top = prev_top
        else:
            top = False
        prev_end, prev_top = e, top
        if not top:
            continue
        # partial when the item itself starts with provision words ("Điều 57 của Luật …")
        left = seg[max(0, s - 160) : s]
        # the item starts after a list lead-in or marker too ("… sau đây: b) Điều 6 Nghị
        # định số 125/2025/NĐ-CP …": one article repealed, not the decree)
        item = re.split(r"[;:]|\bvà\s+(?=(?:" + DOC_TYPES + r"))|(?:^|\s)[a-zđ]\)\s|"
                        r"(?:^|\n)\s*[-+•]\s", left)[-1]
        p = partial or bool(PARTIAL_RE.match(item.strip()))
        out.append((num, seg[max(0, s - 120) : e].strip(), p))
    for m in NAMED_DOC_RE.finditer(seg):
        if re.match(r"này\b", m.group("name")) or find_numbers(m.group(0)):
            continue
        # among numbered items, a named one counts only where a new item starts ("Luật Khoáng
        # sản ngày 20 tháng 3 năm 1996 và Luật … số 46/2005/QH11"), not inside a description
        if nums and not re.search(r"(?:^|;|\bvà|,)\s*$", seg[: m.start()]):
            continue
        out.append((None, m.group(0).strip(), partial))
    return out


def _sentences(eid: str, body: str) -> Iterable[tuple[str, str]]:
    """(eid, sentence) pairs; clause lines "2. …" get ``__para_2``, points "a) …" ``__point_a``.

    A line ending with ":" is prefixed to each following list item so that the item keeps the
    verb of its lead-in ("Các văn bản sau đây hết hiệu lực: a) Nghị định số …").
    """
    para = None
    lead = ""
    for line in body.split("\n"):
        line = line.strip()
        if not line:
            continue
        quoted = line.startswith(('"', "“"))
        m = None if quoted else re.match(r"^(\d{1,3})\.\s", line)
        mp = None if quoted else re.match(r"^([a-zđ])\)\s", line)
        if m:
            para = m.group(1)
            lead = ""
            cur = f"{eid}__para_{para}"
        elif mp:
            pt = mp.group(1)
            cur = f"{eid}__para_{para}__point_{pt}" if para else f"{eid}__point_{pt}"
        elif line.startswith(("-", "+", "•")):
            cur = f"{eid}__para_{para}" if para else eid
        elif quoted:
            cur = f"{eid}__para_{para}" if para else eid
        else:
            cur = f"{eid}__para_{para}" if para else eid
            lead = ""
        if (mp or line.startswith(("-", "+", "•", '"', "“"))) and lead:
            yield cur, lead + " " + line
        else:
            yield cur, line
        if line.rstrip().endswith(":"):
            lead = line.rstrip()


def extract_relations(
    number: str, articles: Iterable[tuple[str, str | None, str]]
) -> list[RelationRec]:
    """Relations stated by document ``number`` in its ``(eid, heading, body)`` articles."""
    out: list[RelationRec] = []
    for eid, heading, body in articles:
        head = heading or ""
        amend_target: str | None = None
        ma = AMEND_RE.search(head)
        if ma:
            nums = find_numbers(ma.group("target"))
            if nums:
                amend_target = nums[0][2]
                if amend_target != number:
                    out.append(
                        RelationRec(
                            "amends", number, eid, amend_target, None, ma.group("target")[:300],
                            partial=True, evidence=f"Điều {eid[4:]}. {head}".strip(),
                        )
                    )
        for s_eid, sent in _sentences(eid, body):
            out.extend(_from_sentence(number, s_eid, sent, amend_target, eid, head))
    # one relation per (kind, target, partial): the first statement (a lead-in repeated on
    # its list items states the same thing again)
    seen: set = set()
    uniq = []
    for r in out:
        k = (r.kind, r.target_number or r.target_text, r.partial,
             r.source_eid if r.kind in ("amends", "amends_effective_date") else None)
        if k not in seen:
            seen.add(k)
            uniq.append(r)
    return uniq


def _from_sentence(
    number: str, s_eid: str, sent: str, amend_target: str | None, art_eid: str, head: str
) -> list[RelationRec]:
    out: list[RelationRec] = []
    # a quoted new effect clause inside an amending article
    if amend_target and re.search(r"hiệu\s+lực", sent):
        q = re.split(r"như\s+sau\s*:", sent, maxsplit=1)
        quoted = q[1] if len(q) > 1 else sent
        m = NEW_EFFECT_RE.search(quoted.strip())
        if m:
            tgt = re.search(r"(khoản\s+\d+\s+)?Điều\s+(\d+\w*)", q[0]) if len(q) > 1 else None
            t_eid = None
            if tgt:
                t_eid = f"art_{tgt.group(2)}"
                if tgt.group(1):
                    t_eid += "__para_" + re.sub(r"\D", "", tgt.group(1))
            out.append(
                RelationRec(
                    "amends_effective_date", number, s_eid, amend_target, t_eid, None,
                    new_date=parse_vn_date(m.group("date")), evidence=sent.strip(),
                )
            )
            return out
    if re.search(r"[\"“]", sent[:3]) or re.search(r"như\s+sau\s*:\s*[\"“]", sent):
        return out  # quoted text of an amended provision speaks for the amended law
    if re.search(r"hết\s+hiệu\s+lực", sent, re.IGNORECASE):
        m = EXPIRE_RE.search(sent)
        if m:
            target = m.group("target")
            # only the subject of this sentence, not an earlier one
            target = re.split(r"(?<=\.)\s+(?=[A-ZĐ])", target)[-1]
            on, rule = _when(m.group("when"))
            if not SELF_RE.match(target.strip()):
                for num, text, partial in _targets(target):
                    if num == number:
                        continue
                    out.append(
                        RelationRec(
                            "replaces" if not partial else "repeals", number, s_eid, num,
                            None, text, partial, on, rule, evidence=sent.strip(),
                        )
                    )
    m = REPLACE_RE.search(sent)
    if m and not re.search(r"văn\s+bản\s+(?:mới|khác)\s+thay\s+thế", sent):
        mon = re.search(
            r"(?:kể\s+)?từ\s+ngày\s+(\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|[\d/]+)", sent
        )
        on = parse_vn_date(mon.group(1)) if mon and "này" not in mon.group(0) else None
        for num, text, partial in _targets(m.group("target")):
            if num == number:
                continue
            out.append(
                RelationRec(
                    "replaces", number, s_eid, num, None, text, partial, on,
                    "explicit" if on else "source_effective", evidence=sent.strip(),
                )
            )
    repeals = list(REPEAL_RE.finditer(sent))
    m = repeals[-1] if repeals else None  # the last "Bãi bỏ" of a lead-in + item line
    if m and not re.search(r"bị\s+bãi\s+bỏ|đề\s+nghị\s+bãi\s+bỏ|quyết\s+định\s+bãi\s+bỏ", sent):
        target = m.group("target")
        mon = re.search(r"từ\s+ngày\s+(\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})", target)
        on = parse_vn_date(mon.group(1)) if mon else None
        for num, text, partial in _targets(target):
            if num == number or num == amend_target and not partial:
                continue
            out.append(
                RelationRec(
                    "repeals", number, s_eid, num, None, text, partial, on,
                    "explicit" if on else "source_effective", evidence=sent.strip(),
                )
            )
    return out
