"""Charts for the reports (matplotlib, Agg backend, a font with Vietnamese glyphs).

Each function draws one chart from a :class:`~thpl_nlp.reports.data.ReportData` and returns the
PNG bytes, or None when there is nothing to draw (an empty period gets no empty chart).

>>> from thpl_nlp.reports.data import MemorySource, build_report_data
>>> from thpl_nlp.reports.periods import annual
>>> chart_categories(build_report_data(MemorySource(), annual(2025))) is None
True
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from thpl_nlp.reports.data import ReportData  # noqa: E402

_SEVERITY_COLORS = {"high": "#b22222", "medium": "#e69f00", "low": "#7f9fbf"}


def _style(data: ReportData) -> dict[str, Any]:
    charts = data.config.get("charts", {}) or {}
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [charts.get("font", "DejaVu Sans"), "DejaVu Sans"],
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _png(fig: Any, dpi: int) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _dpi(data: ReportData) -> int:
    return int((data.config.get("charts", {}) or {}).get("dpi", 150))


def _wrap(label: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _bar_labels(ax: Any, bars: Any) -> None:
    for b in bars:
        w = b.get_width()
        if w:
            ax.text(
                b.get_x() + w + 0.05,
                b.get_y() + b.get_height() / 2,
                str(int(w)),
                va="center",
                fontsize=8,
            )


def chart_categories(data: ReportData) -> bytes | None:
    """Stacked horizontal bars: findings of the period by category and severity."""
    rows = [r for r in data.by_category if r.total]
    if not rows:
        return None
    with plt.rc_context(_style(data)):
        fig, ax = plt.subplots(figsize=(6.3, 0.45 * len(rows) + 1.2))
        labels = [_wrap(r.label) for r in rows][::-1]
        left = [0] * len(rows)
        for sev in ("high", "medium", "low"):
            vals = [getattr(r, sev) for r in rows][::-1]
            ax.barh(
                labels,
                vals,
                left=left,
                color=_SEVERITY_COLORS[sev],
                label=data.label("severities", sev),
            )
            left = [a + b for a, b in zip(left, vals, strict=True)]
        for y, total in enumerate(left):
            ax.text(total + 0.1, y, str(total), va="center", fontsize=8)
        ax.set_xlabel("Số vấn đề")
        ax.set_title(f"Vấn đề phát hiện theo nhóm và mức độ ({data.period.label})")
        ax.legend(title="Mức độ", loc="lower right", fontsize=8, title_fontsize=8)
        ax.xaxis.get_major_locator().set_params(integer=True)
        return _png(fig, _dpi(data))


def chart_issuers(data: ReportData) -> bytes | None:
    """Grouped bars: documents checked / reviewed / with problems, by issuing body."""
    rows = [r for r in data.by_issuer if r.checked or r.reviewed]
    if not rows:
        return None
    with plt.rc_context(_style(data)):
        fig, ax = plt.subplots(figsize=(6.3, 0.6 * len(rows) + 1.2))
        labels = [_wrap(r.label, 30) for r in rows][::-1]
        ys = range(len(rows))
        h = 0.27
        series = (
            ("checked", "Đã kiểm tra", "#1f4e79"),
            ("reviewed", "Đã rà soát", "#5b9bd5"),
            ("unlawful", "Trái pháp luật, sai sót", "#b22222"),
        )
        for i, (attr, name, color) in enumerate(series):
            vals = [getattr(r, attr) for r in rows][::-1]
            bars = ax.barh([y + (1 - i) * h for y in ys], vals, height=h, color=color, label=name)
            _bar_labels(ax, bars)
        ax.set_yticks(list(ys), labels)
        ax.set_xlabel("Số văn bản")
        ax.set_title(f"Văn bản đã kiểm tra, rà soát theo cơ quan ban hành ({data.period.label})")
        ax.legend(loc="lower right", fontsize=8)
        ax.xaxis.get_major_locator().set_params(integer=True)
        return _png(fig, _dpi(data))


def chart_actions(data: ReportData) -> bytes | None:
    """Bars: documents proposed for each form of handling."""
    rows = [r for r in data.actions if r.documents]
    if not rows:
        return None
    with plt.rc_context(_style(data)):
        fig, ax = plt.subplots(figsize=(6.3, 0.4 * len(rows) + 1.1))
        bars = ax.barh(
            [r.label for r in rows][::-1], [r.documents for r in rows][::-1], color="#2e75b6"
        )
        _bar_labels(ax, bars)
        ax.set_xlabel("Số văn bản")
        ax.set_title("Hình thức xử lý văn bản được kiến nghị")
        ax.xaxis.get_major_locator().set_params(integer=True)
        return _png(fig, _dpi(data))


def chart_comparison(data: ReportData) -> bytes | None:
    """Paired bars: this period against the previous one, for the document figures."""
    keys = (
        "docs_checked",
        "docs_reviewed",
        "docs_with_findings",
        "docs_unlawful",
        "docs_proposed",
        "docs_resolved",
    )
    rows = [r for r in data.comparison if r.key in keys]
    if not any(r.current or r.previous for r in rows):
        return None
    short = {
        "docs_checked": "Đã\nkiểm tra",
        "docs_reviewed": "Đã\nrà soát",
        "docs_with_findings": "Có\nphát hiện",
        "docs_unlawful": "Trái pháp luật,\nsai sót",
        "docs_proposed": "Kiến nghị\nxử lý",
        "docs_resolved": "Đã xử lý\nxong",
    }
    with plt.rc_context(_style(data)):
        fig, ax = plt.subplots(figsize=(6.3, 3.0))
        xs = range(len(rows))
        w = 0.38
        b1 = ax.bar(
            [x - w / 2 for x in xs],
            [r.previous for r in rows],
            w,
            color="#a5a5a5",
            label=f"Kỳ trước ({data.previous.label})",
        )
        b2 = ax.bar(
            [x + w / 2 for x in xs],
            [r.current for r in rows],
            w,
            color="#1f4e79",
            label=f"Kỳ này ({data.period.label})",
        )
        for bars in (b1, b2):
            for b in bars:
                if b.get_height():
                    ax.text(
                        b.get_x() + b.get_width() / 2,
                        b.get_height(),
                        str(int(b.get_height())),
                        ha="center",
                        va="bottom",
                        fontsize=8,
                    )
        ax.set_xticks(list(xs), [short[r.key] for r in rows], fontsize=8)
        ax.set_ylabel("Số văn bản")
        ax.set_title("So sánh với kỳ trước")
        ax.legend(fontsize=8)
        ax.yaxis.get_major_locator().set_params(integer=True)
        return _png(fig, _dpi(data))


CHARTS = {
    "issuer": chart_issuers,
    "category": chart_categories,
    "action": chart_actions,
    "comparison": chart_comparison,
}


def all_charts(data: ReportData) -> dict[str, bytes | None]:
    """Every chart of the periodic report, by the name the templates use."""
    return {name: fn(data) for name, fn in CHARTS.items()}
