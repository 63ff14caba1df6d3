"""Generate the report files of a period, of one document, or of the annual expired list.

The CLI (``thpl report …``), the Prefect flows (``pipelines/reports.py``) and the web app call
these functions; each returns the paths it wrote.

>>> from thpl_nlp.reports.periods import half_year
>>> report_basename(half_year(2025, 1))
'bao-cao-kiem-tra-ra-soat-6-thang-dau-2025'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thpl_nlp.reports.data import (
    ReportData,
    ReportSource,
    SqlReportSource,
    ValidityLookup,
    build_report_data,
    open_kb,
)
from thpl_nlp.reports.periods import Cutoff, Period, annual, half_year


@dataclass
class Written:
    """One file written: its path and what it is (``report``, ``annex``, ``expired_list``,
    ``expired_annex``, ``conclusion``)."""

    path: Path
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": str(self.path), "kind": self.kind}


def report_basename(period: Period) -> str:
    return f"bao-cao-kiem-tra-ra-soat-{period.slug}"


def _setup(
    source: ReportSource | None, kb: ValidityLookup | None | bool, config: dict[str, Any] | None
) -> tuple[ReportSource, ValidityLookup | None, dict[str, Any]]:
    if config is None:
        from thpl_nlp.reports.config import load_config

        config = load_config()
    if source is None:
        source = SqlReportSource.from_settings()
    if kb is True or kb is None:
        kb = open_kb()
    elif kb is False:
        kb = None
    return source, kb, config  # type: ignore[return-value]


def period_for(
    kind: str, year: int, half: int | None = None, config: dict[str, Any] | None = None
) -> Period:
    """The annual (``kind="annual"``) or six-monthly period after the configured cut-off."""
    if config is None:
        from thpl_nlp.reports.config import load_config

        config = load_config()
    cut = Cutoff.from_config(config)
    if kind == "annual":
        return annual(year, cut)
    return half_year(year, int(half or 0), cut)


def write_period_report(
    period: Period,
    out_dir: Path,
    source: ReportSource | None = None,
    kb: ValidityLookup | None | bool = None,
    config: dict[str, Any] | None = None,
    when: dt.date | None = None,
    with_charts: bool = True,
) -> tuple[ReportData, list[Written]]:
    """Write the DOCX report and its XLSX annex for ``period`` into ``out_dir``."""
    from thpl_nlp.reports.docx_report import write_report_docx
    from thpl_nlp.reports.xlsx_annex import write_report_xlsx

    source, kbase, config = _setup(source, kb, config)
    data = build_report_data(source, period, kbase, config)
    base = report_basename(period)
    docx = write_report_docx(data, out_dir / f"{base}.docx", when=when, with_charts=with_charts)
    xlsx = write_report_xlsx(data, out_dir / f"{base}-phu-luc.xlsx")
    return data, [Written(docx, "report"), Written(xlsx, "annex")]


def write_expired(
    year: int,
    out_dir: Path,
    source: ReportSource | None = None,
    kb: ValidityLookup | None | bool = None,
    config: dict[str, Any] | None = None,
    when: dt.date | None = None,
) -> list[Written]:
    """Write the annual list of documents no longer in force (Mẫu số 01, 02), DOCX + XLSX."""
    from thpl_nlp.reports.expired_list import (
        build_expired_list,
        write_expired_docx,
        write_expired_xlsx,
    )

    source, kbase, config = _setup(source, kb, config)
    data = build_expired_list(source, year, kbase, config.get("timezone"))
    base = f"danh-muc-van-ban-het-hieu-luc-{year}"
    return [
        Written(write_expired_docx(data, out_dir / f"{base}.docx", config, when), "expired_list"),
        Written(write_expired_xlsx(data, out_dir / f"{base}.xlsx"), "expired_annex"),
    ]


def write_check(
    ref: str,
    out_dir: Path,
    source: ReportSource | None = None,
    kb: ValidityLookup | None | bool = None,
    config: dict[str, Any] | None = None,
    when: dt.date | None = None,
) -> list[Written]:
    """Write the check conclusion of the stored document ``ref`` (số hiệu or source path)."""
    from thpl_nlp.reports.check_conclusion import (
        build_conclusion_data,
        conclusion_filename,
        write_conclusion_docx,
    )

    source, kbase, config = _setup(source, kb, config)
    data = build_conclusion_data(source, ref, kbase)
    out = out_dir / conclusion_filename(data.document)
    return [Written(write_conclusion_docx(data, out, config, when), "conclusion")]
