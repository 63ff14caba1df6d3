"""Name-only citation resolution: "Luật Tổ chức HĐND và UBND ngày 26/11/2003" → 11/2003/QH11.

The alias index is built from titles found in the texts themselves (see
:mod:`thpl_nlp.kb.aliases`). A citation's date or year picks among same-name laws; without a
date, a name that maps to one number resolves, and several candidates resolve only with
``as_of`` (the one in force then).

>>> idx = AliasIndex([("luat dat dai", "13/2003/QH11", 2003, None),
...                   ("luat dat dai", "45/2013/QH13", 2013, None)])
>>> idx.resolve_text("Luật Đất đai năm 2003")
'13/2003/QH11'
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from thpl_nlp.kb.aliases import alias_key
from thpl_nlp.kb.relations import DOC_TYPES
from thpl_nlp.kb.textutil import find_numbers, parse_vn_date
from thpl_nlp.models import Reference

# "<type> <name> [số …] [ngày <date> | năm <year>]" inside a citation text
NAME_RE = re.compile(
    rf"""
    (?P<type>{DOC_TYPES})\s+                           # document type
    (?P<name>.+?)                                      # title words
    \s*(?:,\s*)?
    (?:(?:được\s+)?(?:Quốc\s+hội\s+)?(?:thông\s+qua\s+|ban\s+hành\s+)?
       ngày\s+(?P<date>\d{{1,2}}\s*(?:tháng\s*\d{{1,2}}\s*năm\s*\d{{4}}|[/.-]\s*\d{{1,2}}\s*[/.-]\s*\d{{4}}))
      |năm\s+(?P<year>(?:19|20)\d{{2}})
      |\s*[;.,]|$)                                     # date, year or end
    """,
    re.VERBOSE | re.IGNORECASE,
)


# the same with a date or year required (tried first, so commas inside titles are kept)
NAME_DATED_RE = re.compile(
    NAME_RE.pattern.replace(r"|\s*[;.,]|$)", ")"), re.VERBOSE | re.IGNORECASE
)


def _mistyped_year(cands: dict[str, tuple[int | None, dt.date | None]], year: int,
                   issued_on: dt.date | None) -> str | None:
    """The one document a citation with a mistyped year most likely means: the only
    candidate of that name dated one year off ("Luật Ban hành văn bản quy phạm pháp luật của
    HĐND và UBND ngày 03 tháng 12 năm 2003" for the law of 03/12/2004). The review reports
    the wrong date; anything further off (an older law of the same name) stays unresolved.

    >>> _mistyped_year({"31/2004/QH11": (2004, dt.date(2004, 12, 3))}, 2003,
    ...                dt.date(2003, 12, 3))
    '31/2004/QH11'
    >>> _mistyped_year({"11/2003/QH11": (2003, dt.date(2003, 11, 26))}, 1994, None) is None
    True
    """
    near = []
    for n, (y, d) in cands.items():
        cy = d.year if d else y
        if cy is None or abs(cy - year) != 1:
            continue
        if issued_on and d and (d.month, d.day) != (issued_on.month, issued_on.day):
            continue  # another day too: not a typo of the year
        near.append(n)
    return near[0] if len(set(near)) == 1 else None


class AliasIndex:
    """key → [(number, year, issued_on)] with exact and near-exact lookup."""

    def __init__(self, rows: Iterable[tuple[str, str, int | None, dt.date | None]]) -> None:
        self.by_key: dict[str, dict[str, tuple[int | None, dt.date | None]]] = defaultdict(dict)
        for key, number, year, issued in rows:
            cur = self.by_key[key].get(number)
            if cur is None or (cur[1] is None and issued is not None):
                self.by_key[key][number] = (year, issued)
        self._tokens = {k: set(k.split()) for k in self.by_key}

    @classmethod
    def from_session(cls, s) -> AliasIndex:  # noqa: ANN001
        from sqlalchemy import select

        from thpl_nlp.kb import store as S

        return cls(s.execute(select(S.Alias.key, S.Alias.number, S.Alias.year,
                                    S.Alias.issued_on)).all())

    def candidates(self, key: str) -> dict[str, tuple[int | None, dt.date | None]]:
        if key in self.by_key:
            return self.by_key[key]
        q = set(key.split())
        best: dict[str, tuple[int | None, dt.date | None]] = {}
        best_score = 0.0
        for k, toks in self._tokens.items():
            if not toks or abs(len(toks) - len(q)) > 3:
                continue
            score = len(q & toks) / len(q | toks)
            if score > best_score:
                best_score, best = score, dict(self.by_key[k])
            elif score == best_score and score > 0:
                best.update(self.by_key[k])
        return best if best_score >= 0.8 else {}

    def resolve(
        self,
        doc_type: str | None,
        title: str,
        *,
        issued_on: dt.date | None = None,
        year: int | None = None,
        as_of: dt.date | None = None,
        in_force: Callable[[str, dt.date], bool] | None = None,
    ) -> str | None:
        name = title if not doc_type or title.lower().startswith(doc_type.lower()) else (
            f"{doc_type} {title}")
        cands = self.candidates(alias_key(name))
        if not cands:
            return None
        year = year or (issued_on.year if issued_on else None)
        if issued_on:
            exact = [n for n, (_, d) in cands.items() if d == issued_on]
            if len(exact) == 1:
                return exact[0]
        if year:
            by_year = [n for n, (y, d) in cands.items() if y == year or (d and d.year == year)]
            if len(set(by_year)) == 1:
                return by_year[0]
            if not by_year:
                return _mistyped_year(cands, year, issued_on)
            cands = {n: cands[n] for n in by_year}
        if len(cands) == 1:
            return next(iter(cands))
        if as_of and in_force:
            live = [n for n in cands if in_force(n, as_of)]
            if len(live) == 1:
                return live[0]
        return None

    def resolve_text(self, text: str, *, as_of: dt.date | None = None,
                     in_force: Callable[[str, dt.date], bool] | None = None) -> str | None:
        """Resolve a citation given as text ("Pháp lệnh luật sư năm 2001")."""
        nums = find_numbers(text)
        if nums:
            return nums[0][2]
        m = NAME_DATED_RE.search(text) or NAME_RE.search(text)
        if not m:
            return None
        name = re.sub(r"\s+(?:số|của|do)\s*$", "", m.group("name").strip())
        date = parse_vn_date(m.group("date")) if m.group("date") else None
        year = int(m.group("year")) if m.group("year") else None
        return self.resolve(re.sub(r"\s+", " ", m.group("type")), name, issued_on=date,
                            year=year, as_of=as_of, in_force=in_force)

    def resolve_ref(self, ref: Reference, *, as_of: dt.date | None = None,
                    in_force: Callable[[str, dt.date], bool] | None = None) -> str | None:
        if ref.number:
            return ref.number
        if ref.title:
            num = self.resolve(ref.doc_type, ref.title, issued_on=ref.issued_on, as_of=as_of,
                               in_force=in_force)
            if num:
                return num
        return self.resolve_text(ref.text, as_of=as_of, in_force=in_force)
