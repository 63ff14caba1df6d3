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
       sau\s+(?P<n>\d{1,3})\s+ngày\s+(?:kể\s+)?từ\s+(?P<after>ngày\s+[^.;]{0,160})  # sau N ngày
      |(?:kể\s+)?từ\s+(?P<from>ngày\s+[^.;]{0,160})                        # (kể) từ ngày …
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
# "ngày ký", "ngày ban hành", "ngày … thông qua", "ngày công bố": the document's own date.
_OWN_DATE_RE = re.compile(r"^ngày\s+(?:ký|ban\s+hành|.{0,120}?thông\s+qua|công\s+bố)", re.I)


def find_effective(
    text: str, issued_on: dt.date | None, start: int = 0, end: int | None = None
) -> tuple[dt.date | None, tuple[int, int] | None]:
    """(effective date, span of the clause) from the first effect clause in the range.

    Clauses about "… này" (this document) are preferred over mentions of other documents.
    """
    end = len(text) if end is None else end
    found = None
    for m in EFFECT_RE.finditer(text, start, end):
        before = text[max(start, m.start() - 80) : m.start()]
        own = re.search(r"(?i)\bnày\b", before) is not None
        date = _resolve(m, issued_on)
        if own:
            return date, (m.start(), m.end())
        if found is None:
            found = (date, (m.start(), m.end()))
    return found if found else (None, None)


def _resolve(m: re.Match[str], issued_on: dt.date | None) -> dt.date | None:
    target = m.group("after") or m.group("from") or ""
    days = int(m.group("n")) if m.group("n") else 0
    dm = DATE_RE.match(target)
    if dm:
        base = date_from_match(dm)
    elif _OWN_DATE_RE.match(target):
        base = issued_on
    else:
        return None
    return base + dt.timedelta(days=days) if base else None
