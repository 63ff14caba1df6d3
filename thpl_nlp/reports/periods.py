"""Reporting periods after the national cut-off for statistics.

The annual period of year *Y* runs from 15 December of *Y-1* to 14 December of *Y*; the first
half-year from 15 December of *Y-1* to 14 June of *Y*, the second from 15 June to 14 December
of *Y*. Both cut-off days come from the report configuration (``cutoff.start``,
``cutoff.mid``; ``report_cutoff`` in ``thpl.yaml``). A start of ``01-01`` gives calendar years.

Stored timestamps are naive UTC; a period is a run of calendar days in the configured time
zone, so :meth:`Period.utc_bounds` converts its first and last day to UTC instants.

>>> p = annual(2025)
>>> p.start, p.end, p.label
(datetime.date(2024, 12, 15), datetime.date(2025, 12, 14), 'năm 2025')
>>> half_year(2025, 2).previous().label
'6 tháng đầu năm 2025'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Literal
from zoneinfo import ZoneInfo

from thpl_nlp.errors import ThplError

_MONTH_DAY = re.compile(
    r"""
    ^\s*(?P<month>\d{1,2})   # month, 1-12
    [-/.]
    (?P<day>\d{1,2})\s*$     # day of the month
    """,
    re.VERBOSE,
)


def parse_month_day(text: str) -> tuple[int, int]:
    """``"12-15"`` → ``(12, 15)``; raises ``ThplError(E901)`` on anything else.

    >>> parse_month_day("06-15")
    (6, 15)
    """
    m = _MONTH_DAY.match(str(text))
    if not m:
        raise ThplError(
            "E901", detail=f"ngày chốt số liệu '{text}' phải có dạng MM-DD, ví dụ 12-15"
        )
    month, day = int(m["month"]), int(m["day"])
    try:
        dt.date(2001, month, day)  # a non-leap year: 02-29 is refused too
    except ValueError:
        raise ThplError(
            "E901", detail=f"ngày chốt số liệu '{text}' không tồn tại (tháng-ngày)"
        ) from None
    return month, day


@dataclass(frozen=True)
class Cutoff:
    """First day of the annual period and of the second half-year period."""

    start: tuple[int, int] = (12, 15)
    mid: tuple[int, int] = (6, 15)
    timezone: str = "Asia/Ho_Chi_Minh"

    @classmethod
    def from_config(cls, cfg: dict[str, Any] | None = None) -> Cutoff:
        """Read ``cutoff`` and ``timezone`` from the report configuration."""
        if cfg is None:
            from thpl_nlp.reports.config import load_config

            cfg = load_config()
        c = cfg.get("cutoff") or {}
        return cls(
            start=parse_month_day(c.get("start", "12-15")),
            mid=parse_month_day(c.get("mid", "06-15")),
            timezone=str(cfg.get("timezone") or "Asia/Ho_Chi_Minh"),
        )

    def year_start(self, year: int) -> dt.date:
        """First day of the annual period of ``year``."""
        month, day = self.start
        return dt.date(year if (month, day) == (1, 1) else year - 1, month, day)


@dataclass(frozen=True)
class Period:
    """A reporting period: ``start`` and ``end`` are both included."""

    kind: Literal["annual", "half"]
    year: int
    half: int | None
    start: dt.date
    end: dt.date
    cutoff: Cutoff = field(default_factory=Cutoff, compare=False, repr=False)

    @property
    def timezone(self) -> str:
        return self.cutoff.timezone

    @property
    def label(self) -> str:
        """Vietnamese name of the period as used in report titles."""
        if self.kind == "annual":
            return f"năm {self.year}"
        return f"6 tháng {'đầu' if self.half == 1 else 'cuối'} năm {self.year}"

    @property
    def range_text(self) -> str:
        """``từ ngày 15/12/2024 đến ngày 14/12/2025``."""
        return f"từ ngày {self.start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y}"

    @property
    def slug(self) -> str:
        """File-name part: ``nam-2025``, ``6-thang-dau-2025``."""
        if self.kind == "annual":
            return f"nam-{self.year}"
        return f"6-thang-{'dau' if self.half == 1 else 'cuoi'}-{self.year}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def utc_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Naive-UTC ``[from, to)`` instants of the period's first and last local day."""
        tz = ZoneInfo(self.timezone)

        def utc(day: dt.date) -> dt.datetime:
            local = dt.datetime.combine(day, dt.time(), tzinfo=tz)
            return local.astimezone(dt.UTC).replace(tzinfo=None)

        return utc(self.start), utc(self.end + dt.timedelta(days=1))

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        cut = self.cutoff
        if self.kind == "annual":
            return annual(self.year - 1, cut)
        if self.half == 2:
            return half_year(self.year, 1, cut)
        return half_year(self.year - 1, 2, cut)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "year": self.year,
            "half": self.half,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "label": self.label,
        }


def _check_year(year: int) -> None:
    if not 1990 <= int(year) <= 2100:
        raise ThplError("E902", detail=f"năm báo cáo {year} nằm ngoài khoảng 1990–2100")


def annual(year: int, cutoff: Cutoff | None = None) -> Period:
    """The annual reporting period of ``year``.

    >>> annual(2025, Cutoff(start=(1, 1))).range_text
    'từ ngày 01/01/2025 đến ngày 31/12/2025'
    """
    _check_year(year)
    cut = cutoff or Cutoff()
    start = cut.year_start(year)
    end = cut.year_start(year + 1) - dt.timedelta(days=1)
    return Period("annual", year, None, start, end, cut)


def half_year(year: int, half: int, cutoff: Cutoff | None = None) -> Period:
    """The six-month period ``half`` (1 or 2) of ``year``.

    >>> half_year(2025, 1).range_text
    'từ ngày 15/12/2024 đến ngày 14/06/2025'
    """
    _check_year(year)
    if half not in (1, 2):
        raise ThplError("E902", detail=f"kỳ 6 tháng phải là 1 hoặc 2, không phải {half}")
    cut = cutoff or Cutoff()
    year_start = cut.year_start(year)
    year_end = cut.year_start(year + 1) - dt.timedelta(days=1)
    mid = dt.date(year, *cut.mid)
    if not year_start < mid <= year_end:
        raise ThplError(
            "E901",
            detail=f"ngày chốt giữa năm {mid:%d/%m} không nằm trong năm báo cáo {year}",
        )
    if half == 1:
        return Period("half", year, 1, year_start, mid - dt.timedelta(days=1), cut)
    return Period("half", year, 2, mid, year_end, cut)


def calendar_year(year: int, timezone: str = "Asia/Ho_Chi_Minh") -> Period:
    """1 January – 31 December: the period of the annual list of expired documents
    (khoản 3 Điều 43 Nghị định 79/2025/NĐ-CP).

    >>> calendar_year(2025).range_text
    'từ ngày 01/01/2025 đến ngày 31/12/2025'
    """
    _check_year(year)
    cut = Cutoff(start=(1, 1), timezone=timezone)
    return annual(year, cut)


def local_date(utc_naive: dt.datetime, timezone: str = "Asia/Ho_Chi_Minh") -> dt.date:
    """The calendar day, in ``timezone``, of a naive-UTC timestamp.

    >>> local_date(dt.datetime(2025, 12, 14, 18, 30))
    datetime.date(2025, 12, 15)
    """
    return utc_naive.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(timezone)).date()
