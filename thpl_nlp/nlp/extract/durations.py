"""Durations and deadlines: ``không quá 30 ngày``, ``15 ngày làm việc``, ``03 tháng``,
``kể từ ngày nhận đủ hồ sơ hợp lệ``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from thpl_nlp.nlp.extract.base import Span
from thpl_nlp.nlp.extract.numbers import NUM, WORD_NUM, parse_number

DURATION_RE = re.compile(
    rf"""
    (?<![\w])
    (?=[\dkKtTcCsSíÍiImMhHbBnNđĐ])    # first letter of a bound or a number (fast skip)
    (?:(?P<bound>                                          # a bound on the duration
        (?i:không\s+quá|tối\s+đa|chậm\s+nhất(?:\s+là)?|trong\s+thời\s+hạn|trong\s+vòng|
           ít\s+nhất|tối\s+thiểu|không\s+ít\s+hơn|sau|trước|trong)
    )\s{{1,3}})?
    (?P<num>{NUM}|(?i:{WORD_NUM}))                          # how many
    \s{{0,3}}(?:\((?P<words>[^()\d\n]{{1,40}})\)\s{{0,3}})?  # "30 (ba mươi) ngày"
    (?P<unit>(?i:ngày\s+làm\s+việc|ngày|tháng|năm|giờ|tuần|quý))  # the unit
    (?![\w])(?!\s{{0,3}}(?:\d|/\d))                          # not a date ("15 tháng 5")
    (?P<anchor>                                              # the start of the period
        \s{{0,3}},?\s{{0,3}}(?i:kể\s+từ|tính\s+từ)\s{{1,3}}
        (?:ngày|khi|thời\s+điểm|lúc)[^,;.\n]{{1,120}}
    )?
    """,
    re.VERBOSE,
)

_BOUNDS = {
    "không quá": "max",
    "tối đa": "max",
    "chậm nhất": "max",
    "chậm nhất là": "max",
    "trong thời hạn": "within",
    "trong vòng": "within",
    "trong": "within",
    "ít nhất": "min",
    "tối thiểu": "min",
    "không ít hơn": "min",
    "sau": "after",
    "trước": "before",
}


@dataclass(slots=True)
class Duration(Span):
    """A period of time. ``unit`` is ``ngày``, ``ngày làm việc``, ``tháng``, ``năm``, ``giờ``,
    ``tuần`` or ``quý``; ``bound`` is ``max``, ``min``, ``within``, ``after``, ``before`` or None;
    ``anchor`` is the "kể từ …" phrase that starts the period."""

    value: float | None = None
    unit: str = "ngày"
    working_days: bool = False
    bound: str | None = None
    anchor: str | None = None


def extract_durations(text: str) -> Iterator[Duration]:
    """Every duration in ``text``.

    >>> text = "trong thời hạn không quá 15 ngày làm việc kể từ ngày nhận đủ hồ sơ"
    >>> d = next(extract_durations(text))
    >>> d.value, d.unit, d.working_days, d.bound, d.anchor
    (15.0, 'ngày làm việc', True, 'max', 'kể từ ngày nhận đủ hồ sơ')
    """
    if not text:
        return
    for m in DURATION_RE.finditer(text):
        unit = re.sub(r"\s+", " ", m.group("unit").lower())
        bound = m.group("bound")
        anchor = m.group("anchor")
        yield Duration(
            m.start(),
            m.end(),
            m.group(0),
            value=parse_number(m.group("num")),
            unit=unit,
            working_days=unit == "ngày làm việc",
            bound=_BOUNDS.get(re.sub(r"\s+", " ", bound.lower())) if bound else None,
            anchor=anchor.strip(" ,") if anchor else None,
        )
