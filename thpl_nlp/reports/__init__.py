"""Periodic and annual text-review reports (DOCX, XLSX, HTML), per-document check conclusions
and the annual list of documents no longer in force.

>>> from thpl_nlp.reports import annual
>>> annual(2025).range_text
'từ ngày 15/12/2024 đến ngày 14/12/2025'
"""

from thpl_nlp.reports.data import ReportData, SqlReportSource, build_report_data
from thpl_nlp.reports.periodic import write_check, write_expired, write_period_report
from thpl_nlp.reports.periods import Period, annual, half_year

__all__ = [
    "Period",
    "ReportData",
    "SqlReportSource",
    "annual",
    "build_report_data",
    "half_year",
    "write_check",
    "write_expired",
    "write_period_report",
]
