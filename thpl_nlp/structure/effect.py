"""The effective date, from the effect clause ("… có hiệu lực kể từ ngày …").

Handled forms, as the national database records them (CONTRACT.md):

* "có hiệu lực (thi hành) (kể) từ ngày 25 tháng 6 năm 2021" → that date;
* "có hiệu lực … sau N ngày kể từ ngày X" → X + N days;
* "có hiệu lực … kể từ ngày ký / ban hành / … thông qua" → the issue (adoption) date.

>>> import datetime as dt
>>> find_effective("Nghị quyết này có hiệu lực thi hành sau 10 ngày kể từ ngày Hội đồng "
...                "nhân dân thành phố biểu quyết thông qua.", dt.date(2022, 7, 14))
(datetime.date(2022, 7, 24), (15, 107))
>>> find_effective("Quyết định này có hiệu lực kể từ ngày 25 tháng 6 năm 2021.", None)[0]
datetime.date(2021, 6, 25)
"""

from __future__ import annotations

import datetime as dt
import re

from thpl_nlp.structure.lines import DATE_RE, date_from_match

EFFECT_RE = re.compile(
    r"""
    có\s+hiệu\s+lực(?:\s+thi\s+hành|\s+pháp\s+luật)?\s*(?:chung\s+)?   # "có hiệu lực (thi hành)"
    (?:
       sau\s+(?P<n>\d{1,3}|[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)  # "sau 10 ngày", "sau mười ngày"
       \s*(?:\(\d+\)\s*)?ngày\s+(?:kể\s+)?từ\s+
       (?P<after>ngày\s+[^.;]{0,160})                       # … kể từ ngày X
      |(?:kể\s+)?từ\s+(?P<from>ngày\s+[^.;]{0,160})          # (kể) từ ngày …
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
# "ngày ký", "ngày ban hành", "ngày … thông qua", "ngày công bố": the document's own date.
_OWN_DATE_RE = re.compile(r"^ngày\s+(?:ký|ban\s+hành|.{0,120}?thông\s+qua|công\s+bố)", re.I)


def find_effective(
    text: str,
    issued_on: dt.date | None,
    start: int = 0,
    end: int | None = None,
    doc_type: str | None = None,
) -> tuple[dt.date | None, tuple[int, int] | None]:
    """(effective date, span of the clause) from the best effect clause in the range.

    A clause whose subject is the document itself ("Luật này", "<doc_type> này") wins over
    one about "… này" in general, which wins over mentions of other documents ("Các quyết
    định này", "Quyết định số 5/2019/QĐ-UBND"); ties go to the first.
    """
    end = len(text) if end is None else end
    best: tuple[int, dt.date | None, tuple[int, int]] | None = None
    own_type = (
        re.compile(rf"(?<!của )(?<!các )\b{re.escape(doc_type)}\s+này\s*(?:\S+\s+){{0,2}}$", re.I)
        if doc_type
        else None
    )
    for m in EFFECT_RE.finditer(text, start, end):
        before = text[max(start, m.start() - 80) : m.start()]
        tail = before[-50:]
        if own_type is not None and own_type.search(tail):
            score = 3
        elif (self_m := _SELF_RE.search(tail)) and not tail[: self_m.start()].endswith("của "):
            score = 2
        elif re.search(r"(?i)\bnày\b", before):
            score = 1
        else:
            score = 0
        if best is None or score > best[0]:
            best = (score, _resolve(m, issued_on), (m.start(), m.end()))
            if score == 3:
                break
    return (best[1], best[2]) if best else (None, None)


# The document speaking of itself: "Quyết định này", "Luật này" (not "Các quyết định này").
_SELF_RE = re.compile(
    r"(?<!các )(?<!Các )\b(?:hiến\s+pháp|bộ\s+luật|luật|pháp\s+lệnh|nghị\s+quyết|nghị\s+định|"
    r"quyết\s+định|thông\s+tư|chỉ\s+thị|văn\s+bản|quy\s+định|quy\s+chế)\s+này\b",
    re.IGNORECASE,
)


def _resolve(m: re.Match[str], issued_on: dt.date | None) -> dt.date | None:
    target = m.group("after") or m.group("from") or ""
    days = _number(m.group("n")) if m.group("n") else 0
    if days is None:
        return None
    dm = DATE_RE.match(target)
    if dm:
        base = date_from_match(dm)
    elif _OWN_DATE_RE.match(target):
        base = issued_on
    else:
        return None
    return base + dt.timedelta(days=days) if base else None


_UNITS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
          "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10}


def _number(s: str) -> int | None:
    """An integer written in digits or Vietnamese words ("mười", "mười lăm", "hai mươi")."""
    s = s.strip().lower()
    if s.isdigit():
        return int(s)
    words = s.split()
    if not words or any(w not in _UNITS and w not in ("mươi", "mốt") for w in words):
        return None
    if words[0] == "mười":
        return 10 + (_UNITS[words[1]] if len(words) > 1 else 0)
    if len(words) >= 2 and words[1] == "mươi":
        tail = 1 if len(words) > 2 and words[2] == "mốt" else _UNITS.get(words[2], 0) if len(
            words) > 2 else 0
        return _UNITS[words[0]] * 10 + tail
    return _UNITS.get(words[0]) if len(words) == 1 else None
