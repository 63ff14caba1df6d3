"""An HTML view of a periodic report for the web app: a fragment (``<section>…</section>``,
no ``<html>``/``<body>``) with the same tables and numbers as the DOCX, charts inlined as PNG
data URIs, every value HTML-escaped.

>>> from thpl_nlp.reports.data import MemorySource, build_report_data
>>> from thpl_nlp.reports.periods import annual
>>> html = report_html(build_report_data(MemorySource(), annual(2025)), with_charts=False)
>>> "không có văn bản nào được kiểm tra" in html
True
"""

from __future__ import annotations

import base64
from functools import cache
from typing import Any

from thpl_nlp.reports.config import TEMPLATES_DIR
from thpl_nlp.reports.data import ReportData
from thpl_nlp.reports.docx_report import report_context

KPIS = ("docs_checked", "docs_reviewed", "docs_unlawful", "docs_proposed", "findings_detected")


@cache
def _env() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _table(
    tid: str,
    caption: str,
    first: str,
    cols: list[tuple[str, str]],
    rows: list[dict[str, Any]],
    total: dict[str, Any] | None,
    chart: bytes | None = None,
) -> dict[str, Any]:
    return {
        "id": tid,
        "caption": caption,
        "headers": ["STT", first] + [h for h, _ in cols],
        "rows": [[r["stt"], r["label"]] + [r[k] for _, k in cols] for r in rows],
        "total": (["", "Tổng cộng"] + [total[k] for _, k in cols]) if total and rows else None,
        "chart": base64.b64encode(chart).decode("ascii") if chart else None,
    }


def report_html(data: ReportData, with_charts: bool = True) -> str:
    """The report as an HTML fragment string."""
    charts: dict[str, bytes | None] = {}
    if with_charts:
        from thpl_nlp.reports.charts import all_charts

        charts = all_charts(data)
    ctx = report_context(data, {})
    docs = [
        ("Số văn bản đã kiểm tra", "checked"),
        ("Số văn bản đã rà soát", "reviewed"),
        ("Số văn bản có phát hiện", "with_findings"),
        ("Số văn bản trái pháp luật, sai sót", "unlawful"),
    ]
    tables = [
        _table(
            "by-issuer",
            "Biểu 1. Văn bản đã kiểm tra, rà soát theo cơ quan ban hành",
            "Cơ quan ban hành",
            docs + [("Số văn bản kiến nghị xử lý", "proposed")],
            ctx["t_issuer"],
            ctx["t_issuer_total"],
            charts.get("issuer"),
        ),
        _table(
            "by-type",
            "Biểu 2. Văn bản đã kiểm tra, rà soát theo loại văn bản",
            "Loại văn bản",
            docs,
            ctx["t_type"],
            ctx["t_type_total"],
        ),
        _table(
            "by-category",
            "Biểu 3. Vấn đề phát hiện theo nhóm và mức độ",
            "Nhóm vấn đề",
            [
                ("Mức độ cao", "high"),
                ("Mức độ trung bình", "medium"),
                ("Mức độ thấp", "low"),
                ("Tổng số", "total"),
            ],
            ctx["t_category"],
            ctx["t_category_total"],
            charts.get("category"),
        ),
        _table(
            "by-status",
            f"Biểu 4. Tình trạng xử lý các vấn đề phát hiện trong kỳ (tính đến "
            f"hết ngày {ctx['period_end']})",
            "Tình trạng",
            [("Số vấn đề", "count"), ("Số văn bản", "documents")],
            ctx["t_status"],
            ctx["t_status_total"],
        ),
        _table(
            "decisions",
            "Biểu 5. Quyết định xử lý các vấn đề phát hiện trong kỳ",
            "Quyết định",
            [("Số vấn đề", "count"), ("Số văn bản", "documents")],
            ctx["t_decision"],
            ctx["t_decision_total"],
        ),
        _table(
            "actions",
            "Biểu 6. Hình thức xử lý văn bản được kiến nghị",
            "Hình thức xử lý",
            [("Số văn bản", "documents"), ("Số vấn đề", "count")],
            ctx["t_action"],
            ctx["t_action_total"],
            charts.get("action"),
        ),
        _table(
            "comparison",
            "Biểu 7. So sánh kết quả với kỳ trước",
            "Chỉ tiêu",
            [("Kỳ này", "current"), ("Kỳ trước", "previous"), ("Tăng (+), giảm (-)", "delta")],
            ctx["comparison"],
            None,
            charts.get("comparison"),
        ),
    ]
    return (
        _env()
        .get_template("report_fragment.html")
        .render(
            period=data.period,
            previous=data.previous,
            empty=data.empty,
            empty_text=ctx["empty_text"],
            comparison=ctx["comparison"],
            kpis=KPIS,
            tables=tables,
            proposals=ctx["proposals"],
            expired=ctx["expired"],
            expired_text=ctx["expired_text"],
            assessment=ctx["assessment"],
        )
    )


def period_report_html(
    kind: str,
    year: int,
    half: int | None = None,
    engine: Any = None,
    with_charts: bool = True,
) -> str:
    """One call for the web app: the report of an annual (``kind="annual"``) or six-monthly
    (``kind="half"``) period from the queue store (``engine``, default the settings' store)
    and the knowledge base when built."""
    from thpl_nlp.reports.data import SqlReportSource, build_report_data, open_kb
    from thpl_nlp.reports.periodic import period_for

    source = SqlReportSource(engine) if engine is not None else SqlReportSource.from_settings()
    data = build_report_data(source, period_for(kind, year, half), open_kb())
    return report_html(data, with_charts=with_charts)
