"""Flows ``annual_report`` and ``half_year_report``: queue store → report DOCX + XLSX.

Thin wiring over :mod:`thpl_nlp.reports`: one task computes the report content from the store
(and the knowledge base, when built), one writes each file; the annual flow also writes the
list of documents no longer in force in the calendar year (Mẫu số 01, 02).

Run it directly::

    python pipelines/reports.py annual --year 2025 --out reports/out
    python pipelines/reports.py half --year 2026 --half 1 --out reports/out
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

if __package__ in (None, ""):  # `python pipelines/reports.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from thpl_nlp.cli import prefect_environment  # noqa: E402

prefect_environment()  # Prefect home under THPL_HOME, temporary server, before importing it

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from thpl_nlp.reports.data import (  # noqa: E402
    ReportData,
    SqlReportSource,
    build_report_data,
    open_kb,
)
from thpl_nlp.reports.periodic import (  # noqa: E402
    period_for,
    report_basename,
    write_expired,
)
from thpl_nlp.reports.periods import Period  # noqa: E402


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def compute(period: Period, use_kb: bool = True) -> ReportData:
    """Query the store (DB I/O: retried) and compute the report content."""
    return build_report_data(SqlReportSource.from_settings(), period, open_kb() if use_kb else None)


@task(cache_policy=NO_CACHE)
def write_docx(data: ReportData, out_dir: Path, when: dt.date | None = None) -> Path:
    """The report as DOCX from the editable template."""
    from thpl_nlp.reports.docx_report import write_report_docx

    return write_report_docx(data, out_dir / f"{report_basename(data.period)}.docx", when=when)


@task(cache_policy=NO_CACHE)
def write_xlsx(data: ReportData, out_dir: Path) -> Path:
    """The XLSX annex (one sheet per table)."""
    from thpl_nlp.reports.xlsx_annex import write_report_xlsx

    return write_report_xlsx(data, out_dir / f"{report_basename(data.period)}-phu-luc.xlsx")


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def write_expired_list(year: int, out_dir: Path, when: dt.date | None = None) -> list[Path]:
    """Mẫu số 01 and 02 for the calendar year, DOCX + XLSX."""
    return [w.path for w in write_expired(year, out_dir, when=when)]


def _report(period: Period, out_dir: Path, when: dt.date | None) -> list[Path]:
    logger = get_run_logger()
    data = compute(period)
    if data.empty:
        logger.warning("Trong kỳ %s không có văn bản nào được kiểm tra, rà soát.", period.label)
    files = [write_docx(data, out_dir, when), write_xlsx(data, out_dir)]
    for f in files:
        logger.info("Đã ghi %s", f)
    return files


def _default_out(out_dir: str | None) -> Path:
    """Scheduled runs write under THPL_HOME/reports when no folder is given."""
    from thpl_nlp.settings import get_settings

    return Path(out_dir) if out_dir else get_settings().home / "reports"


@flow(name="annual_report")
def annual_report(
    year: int | None = None, out_dir: str | None = None, when: dt.date | None = None
) -> list[str]:
    """The annual report of ``year`` (15/12 of the year before to 14/12) and the expired list.

    Without ``year`` (the December schedule): the current year."""
    year = year or (when or dt.date.today()).year
    out = _default_out(out_dir)
    files = _report(period_for("annual", year), out, when)
    files += write_expired_list(year, out, when)
    return [str(f) for f in files]


@flow(name="half_year_report")
def half_year_report(
    year: int | None = None,
    half: int | None = None,
    out_dir: str | None = None,
    when: dt.date | None = None,
) -> list[str]:
    """The six-monthly report (half 1: 15/12–14/6, half 2: 15/6–14/12).

    Without ``year``/``half`` (the June and December schedules): the half ending this month."""
    today = when or dt.date.today()
    year = year or today.year
    half = half or (1 if today.month <= 6 else 2)
    out = _default_out(out_dir)
    return [str(f) for f in _report(period_for("half", year, half), out, when)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Lập báo cáo kiểm tra, rà soát văn bản.")
    ap.add_argument("kind", choices=["annual", "half"])
    ap.add_argument("--year", type=int, required=True)
    ap.add_argument("--half", type=int, choices=[1, 2])
    ap.add_argument("--out", default="reports/out")
    args = ap.parse_args(argv)
    if args.kind == "annual":
        files = annual_report(args.year, args.out)
    else:
        if args.half is None:
            ap.error("cần --half 1 hoặc 2")
        files = half_year_report(args.year, args.half, args.out)
    for f in files:
        print(f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
