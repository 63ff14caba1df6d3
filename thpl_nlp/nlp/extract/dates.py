"""Dates in every Vietnamese form: ``ngày 15 tháng 5 năm 2014``, ``15/5/2014``, ``15-5-2014``,
``tháng 6/2021``, ``tháng 6 năm 2021``, ``năm 2003``. Impossible dates (31/2, 30 tháng 2) are
kept with ``valid=False`` and a Vietnamese warning; nothing here raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from thpl_nlp.errors import warning
from thpl_nlp.nlp.extract.base import Span

DATE_RE = re.compile(
    r"""
    (?=[\dnNtT])                                    # a digit, "ngày", "tháng" or "năm" (fast skip)
    (?:
        (?i:ngày)\s{1,3}(?P<wd>\d{1,2})              # "ngày 15": day of a worded date
        \s{1,3}(?i:tháng)\s{1,3}(?P<wm>\d{1,2})      # "tháng 5": month
        \s{0,3},?\s{0,3}(?i:năm)\s{1,3}(?P<wy>\d{4}) # "năm 2014": year
        (?!\d)
    |
        (?<![\d/.\-])
        (?P<nd>\d{1,2})                              # day of a numeric date
        \s?(?P<sep>[/.\-])\s?                        # separator: "/", "-" or "."
        (?P<nm>\d{1,2})                              # month
        \s?(?P=sep)\s?
        (?P<ny>(?:1[89]|20)\d{2})                    # four-digit year
        (?![\d/])
    |
        (?i:tháng)\s{1,3}(?P<mm>\d{1,2})             # "tháng 6": month of a month-year date
        \s{0,3}(?:/|-|,?\s{0,3}(?i:năm)\s{1,3})
        (?P<my>(?:1[89]|20)\d{2})(?!\d)              # its year
    |
        (?<!\w)(?i:năm)\s{1,3}(?P<yy>(?:1[89]|20)\d{2})(?![\d/])  # "năm 2003": a bare year
    )
    """,
    re.VERBOSE,
)


@dataclass(slots=True)
class DateMention(Span):
    """A date as printed. ``value`` is set for valid full dates; ``precision`` is
    ``day``, ``month`` or ``year``."""

    year: int = 0
    month: int | None = None
    day: int | None = None
    precision: str = "day"
    value: dt.date | None = None
    valid: bool = True
    warnings: list[str] = field(default_factory=list)


def make_date(start: int, end: int, text: str, y: int, m: int | None, d: int | None) -> DateMention:
    """Build a :class:`DateMention`, checking that the date exists.

    >>> make_date(0, 10, "31/02/2008", 2008, 2, 31).valid
    False
    """
    precision = "day" if d is not None else "month" if m is not None else "year"
    ann = DateMention(start, end, text, year=y, month=m, day=d, precision=precision)
    problem = None
    if not 1800 <= y <= 2099:
        problem = f"năm {y} nằm ngoài khoảng hợp lý"
    elif m is not None and not 1 <= m <= 12:
        problem = f"không có tháng {m}"
    elif d is not None and m is not None:
        try:
            ann.value = dt.date(y, m, d)
        except ValueError:
            problem = f"tháng {m} năm {y} không có ngày {d}"
    if problem:
        ann.valid = False
        ann.value = None
        ann.warnings.append(warning("W250", f"'{text}' ({problem})"))
    return ann


def date_from_match(m: re.Match[str], offset: int = 0) -> DateMention:
    """Turn a :data:`DATE_RE` match into a :class:`DateMention` (offsets shifted by ``offset``)."""
    g = m.groupdict()
    s, e, t = m.start() + offset, m.end() + offset, m.group(0)
    if g["wd"]:
        return make_date(s, e, t, int(g["wy"]), int(g["wm"]), int(g["wd"]))
    if g["nd"]:
        return make_date(s, e, t, int(g["ny"]), int(g["nm"]), int(g["nd"]))
    if g["mm"]:
        return make_date(s, e, t, int(g["my"]), int(g["mm"]), None)
    return make_date(s, e, t, int(g["yy"]), None, None)


def parse_date(text: str) -> DateMention | None:
    """Parse one date expression that should fill ``text`` (surrounding spaces allowed).

    >>> parse_date("ngày 15 tháng 5 năm 2014").value
    datetime.date(2014, 5, 15)
    """
    m = DATE_RE.search(text)
    return date_from_match(m) if m else None


def extract_dates(text: str) -> Iterator[DateMention]:
    """Every date mention in ``text``, in order.

    >>> [d.value.isoformat() for d in extract_dates("ngày 15 tháng 5 năm 2014 và 03/12/2004")]
    ['2014-05-15', '2004-12-03']
    """
    if not text:
        return
    for m in DATE_RE.finditer(text):
        yield date_from_match(m)
