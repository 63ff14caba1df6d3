"""Time limits in provision text, as the conflict and procedure checks compare them.

Uses ``thpl_nlp.nlp.extract.durations.extract_durations`` when that extractor is installed
(it gives the same spans); otherwise a local pattern covering the forms these checks compare:
an optional bound ("không quá", "trong thời hạn", "chậm nhất") and ``N (chữ) ngày [làm
việc]|tháng|giờ``. Only the bound, number and unit matter here.

>>> [(d.days, d.unit, d.bound) for d in deadlines("không quá 30 ngày kể từ ngày nhận")]
[(30.0, 'day', 'max')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DURATION = re.compile(
    r"""
    (?P<bound>không\s+quá|tối\s+đa|chậm\s+nhất(?:\s+là)?|trong\s+(?:thời\s+hạn|thời\s+gian|
              vòng)|trong|sau|trước|ít\s+nhất|tối\s+thiểu|không\s+sớm\s+hơn)?   # bound word
    \s*(?P<n>\d{1,3})                                        # the number
    (?:\s*\([^)]{1,40}\))?                                   # "(ba mươi)" in words
    \s*(?P<unit>ngày\s+làm\s+việc|ngày|tháng|giờ\s+làm\s+việc|giờ)   # unit
    (?!\s*/)                                                 # not a date "ngày 15/6"
    """,
    re.VERBOSE | re.IGNORECASE,
)
_MAX = ("không quá", "tối đa", "chậm nhất", "trong")
_MIN = ("ít nhất", "tối thiểu", "không sớm hơn", "sau")


@dataclass(frozen=True)
class Deadline:
    start: int
    end: int
    days: float  # amount in its unit
    unit: str  # "day", "working_day", "month", "hour"
    bound: str  # "max", "min" or ""
    text: str

    def words(self) -> str:
        """The amount and unit without the bound word: ``20 ngày``, ``15 ngày làm việc``."""
        unit = {"day": "ngày", "working_day": "ngày làm việc", "month": "tháng", "hour": "giờ"}
        n = int(self.days) if self.days == int(self.days) else self.days
        return f"{n} {unit[self.unit]}"

    def in_days(self) -> float:
        """Rough calendar-day length, only to compare mixed units."""
        return {"day": 1.0, "working_day": 1.4, "month": 30.0, "hour": 1 / 8}[self.unit] * self.days


def _unit(u: str) -> str:
    u = re.sub(r"\s+", " ", u.lower())
    return {"ngày": "day", "ngày làm việc": "working_day", "tháng": "month", "giờ": "hour",
            "giờ làm việc": "hour"}[u]


def deadlines(text: str) -> list[Deadline]:
    """Durations in ``text`` (offsets relative to it)."""
    out = []
    for m in DURATION.finditer(text):
        b = re.sub(r"\s+", " ", (m["bound"] or "").lower())
        bound = "max" if b.startswith(_MAX) else "min" if b.startswith(_MIN) else ""
        if b == "sau" and re.match(r"\s*kể\s+từ", text[m.end() :]):
            bound = "min"
        # "ngày 25 tháng 6": a date, not a duration
        before = text[max(0, m.start() - 6) : m.start()].lower()
        if m["unit"].lower() == "tháng" and "ngày" in before:
            continue
        out.append(Deadline(m.start(), m.end(), float(m["n"]), _unit(m["unit"]), bound,
                            m.group(0).strip()))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence-ish spans (split at ``.``/``;``/newline followed by space or end)."""
    spans, start = [], 0
    for m in re.finditer(r"[.;:]\s+|\n+", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
