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


# --- bounded quantities: rates, amounts, areas ------------------------------------------------

# A cap or floor written just before the quantity ("không quá 50%", "tối thiểu 40 m2").
_BOUND_BEFORE = re.compile(
    r"""
    (?:(?P<max>không\s+(?:được\s+)?(?:quá|vượt\s+quá|cao\s+hơn|lớn\s+hơn|vượt)|tối\s+đa(?:\s+là
           |\s+bằng|\s+không\s+quá)?|cao\s+nhất(?:\s+là|\s+bằng)?)  # upper ("dưới" is a condition)
    |(?P<min>tối\s+thiểu(?:\s+là|\s+bằng)?|không\s+(?:được\s+)?(?:thấp\s+hơn|dưới|nhỏ\s+hơn|ít
           \s+hơn)|ít\s+nhất(?:\s+là|\s+bằng)?|thấp\s+nhất(?:\s+là|\s+bằng)?)  # a lower bound
    )\s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Measure:
    """A rate, amount or area in a text, with the bound written next to it."""

    start: int
    end: int
    kind: str  # "percent", "money", "area"
    low: float
    high: float
    per: str  # money: the rate unit ("/tháng"), "" otherwise
    bound: str  # "max", "min" or ""
    text: str


# The bound named with the subject: "Diện tích tối thiểu của thửa đất … là 40 m2".
_BOUND_SUBJECT = re.compile(
    r"""
    (?:(?P<max>tối\s+đa|cao\s+nhất)|(?P<min>tối\s+thiểu|thấp\s+nhất))  # the bound word
    [^,;.:\n]{0,80}?                                             # the subject, one clause
    \s(?:là|bằng)\s*$                                            # "… là" before the figure
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A rate unit starting with a count ("/1 gói thầu", "/01 đơn vị tài sản"): the money
# extractor leaves it out, but it says what the amount is per.
_PER_COUNT = re.compile(r"\s{0,2}/\s{0,2}\d{1,3}\s{0,2}[^\W\d_]+(?:\s[^\W\d_]+){0,2}")


def _bound_before(text: str, start: int) -> str:
    before = text[max(0, start - 120) : start]
    m = _BOUND_BEFORE.search(before[-30:]) or _BOUND_SUBJECT.search(before)
    if not m:
        return ""
    return "max" if m["max"] else "min"


def measures(text: str) -> list[Measure]:
    """Rates, amounts of money and areas in ``text`` with their bound.

    >>> [(m.kind, m.high, m.bound) for m in measures("mức hỗ trợ tối đa không quá 50% chi phí")]
    [('percent', 50.0, 'max')]
    >>> [(m.kind, m.low, m.bound) for m in measures("diện tích tối thiểu là 40 m2")]
    [('area', 40.0, 'min')]
    """
    from thpl_nlp.nlp.extract.money import extract_money
    from thpl_nlp.nlp.extract.quantities import extract_areas, extract_percentages

    out: list[Measure] = []
    for p in extract_percentages(text):
        if p.value is not None:
            out.append(Measure(p.start, p.end, "percent", p.value, p.value, "",
                               _bound_before(text, p.start), p.text))
    for a in extract_areas(text):
        if a.square_meters is not None:
            out.append(Measure(a.start, a.end, "area", a.square_meters, a.square_meters, "",
                               _bound_before(text, a.start), a.text))
    for m in extract_money(text):
        low = m.low if m.low is not None else m.amount
        high = m.high if m.high is not None else m.amount
        if low is None or high is None or m.currency != "VND":
            continue
        per = m.per or ""
        if not per and (count := _PER_COUNT.match(text, m.end)):
            per = re.sub(r"/\s*\d+", "/", count.group(0))
        per = re.sub(r"\s+", "", per.lower())
        out.append(Measure(m.start, m.end, "money", low, high, per,
                           _bound_before(text, m.start), m.text))
    return sorted(out, key=lambda x: x.start)
