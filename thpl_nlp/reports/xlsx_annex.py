"""The XLSX annex of a periodic report: one sheet per table, header row frozen, autofilter on
the data rows (a total row, when there is one, sits below the filtered range), column widths
set, dates as real dates.

>>> from thpl_nlp.reports.data import MemorySource, build_report_data
>>> from thpl_nlp.reports.periods import annual
>>> [s.title for s in report_sheets(build_report_data(MemorySource(), annual(2025)))][:3]
['Thông tin', 'Tổng hợp', 'B1 Cơ quan ban hành']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thpl_nlp.errors import ThplError
from thpl_nlp.reports.data import ReportData
from thpl_nlp.reports.docx_report import report_tables
from thpl_nlp.reports.periods import local_date


@dataclass
class Sheet:
    """One table: ``columns`` are (header, width in characters)."""

    title: str
    columns: list[tuple[str, float]]
    rows: list[list[Any]]
    total: list[Any] | None = None
    wrap: set[int] = field(default_factory=set)  # 0-based columns whose text wraps


def write_workbook(sheets: list[Sheet], out: Path) -> Path:
    """Write ``sheets`` to ``out`` with the annex styling."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    def style(
        name: str,
        bold: bool = False,
        wrap: bool = False,
        fmt: str | None = None,
        head: bool = False,
    ) -> str:
        st = NamedStyle(name=name)
        st.font = Font(name="Times New Roman", size=12, bold=bold)
        st.border = border
        st.alignment = (
            Alignment(horizontal="center", vertical="center", wrap_text=True)
            if head
            else Alignment(vertical="top", wrap_text=wrap)
        )
        if head:
            st.fill = PatternFill("solid", fgColor="DDEBF7")
        if fmt:
            st.number_format = fmt
        wb.add_named_style(st)
        return name

    head_s = style("thpl_head", bold=True, head=True)
    body_s = {False: style("thpl_body"), True: style("thpl_wrap", wrap=True)}
    date_s = style("thpl_date", fmt="DD/MM/YYYY")
    total_s = {
        False: style("thpl_total", bold=True),
        True: style("thpl_total_wrap", bold=True, wrap=True),
    }
    for sh in sheets:
        ws = wb.create_sheet(sh.title[:31])
        ws.append([h for h, _ in sh.columns])
        for c in ws[1]:
            c.style = head_s
        ws.row_dimensions[1].height = 48
        for row in sh.rows:
            ws.append(row)
        last = ws.max_row
        if sh.total is not None:
            ws.append(sh.total)
        for r in ws.iter_rows(min_row=2, max_row=ws.max_row):
            total = r[0].row > last
            for c in r:
                wrap = (c.column - 1) in sh.wrap
                if total:
                    c.style = total_s[wrap]
                elif isinstance(c.value, dt.date):
                    c.style = date_s
                else:
                    c.style = body_s[wrap]
        for i, (_, width) in enumerate(sh.columns, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sh.columns))}{max(last, 1)}"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        wb.save(out)
    except OSError as err:
        raise ThplError("E803", path=str(out), detail=f" ({err.strerror})") from None
    return out


def _count_sheet(
    title: str,
    label: str,
    rows: list[dict[str, Any]],
    total: dict[str, Any],
    cols: list[tuple[str, str]],
) -> Sheet:
    return Sheet(
        title,
        [("STT", 6), (label, 46)] + [(h, 16) for h, _ in cols],
        [[r["stt"], r["label"]] + [r[k] for _, k in cols] for r in rows],
        total=["", "Tổng cộng"] + [total[k] for _, k in cols],
        wrap={1},
    )


def report_sheets(data: ReportData) -> list[Sheet]:
    """The annex tables of a periodic report."""
    t = report_tables(data)
    cfg = data.config
    info = Sheet(
        "Thông tin",
        [("Mục", 30), ("Giá trị", 70)],
        [
            [
                "Báo cáo",
                f"Kết quả kiểm tra, rà soát văn bản quy phạm pháp luật {data.period.label}",
            ],
            ["Cơ quan lập", f"{cfg.get('issuing_body', '')} — {cfg.get('parent_body', '')}"],
            ["Kỳ báo cáo từ ngày", data.period.start],
            ["Kỳ báo cáo đến ngày", data.period.end],
            ["Kỳ trước", f"{data.previous.label} ({data.previous.range_text})"],
            ["Ngày lập", data.generated_at.date()],
            [
                "Tình trạng",
                "Trong kỳ báo cáo không có văn bản nào được kiểm tra, rà soát."
                if data.empty
                else "Có số liệu",
            ],
        ],
        wrap={1},
    )
    summary = Sheet(
        "Tổng hợp",
        [
            ("STT", 6),
            ("Chỉ tiêu", 60),
            ("Kỳ này", 12),
            ("Kỳ trước", 12),
            ("Tăng/giảm", 12),
            ("Tăng/giảm (%)", 14),
        ],
        [
            [
                r["stt"],
                r["label"],
                r["current"],
                r["previous"],
                r["current"] - r["previous"],
                round((r["current"] - r["previous"]) * 100 / r["previous"], 1)
                if r["previous"]
                else None,
            ]
            for r in t["comparison"]
        ],
        wrap={1},
    )
    sheets = [
        info,
        summary,
        _count_sheet(
            "B1 Cơ quan ban hành",
            "Cơ quan ban hành",
            t["t_issuer"],
            t["t_issuer_total"],
            [
                ("Số văn bản đã kiểm tra", "checked"),
                ("Số văn bản đã rà soát", "reviewed"),
                ("Số văn bản có phát hiện", "with_findings"),
                ("Số văn bản trái pháp luật, sai sót", "unlawful"),
                ("Số văn bản kiến nghị xử lý", "proposed"),
            ],
        ),
        _count_sheet(
            "B2 Loại văn bản",
            "Loại văn bản",
            t["t_type"],
            t["t_type_total"],
            [
                ("Số văn bản đã kiểm tra", "checked"),
                ("Số văn bản đã rà soát", "reviewed"),
                ("Số văn bản có phát hiện", "with_findings"),
                ("Số văn bản trái pháp luật, sai sót", "unlawful"),
            ],
        ),
        _count_sheet(
            "B3 Nhóm vấn đề",
            "Nhóm vấn đề",
            t["t_category"],
            t["t_category_total"],
            [
                ("Mức độ cao", "high"),
                ("Mức độ trung bình", "medium"),
                ("Mức độ thấp", "low"),
                ("Tổng số", "total"),
            ],
        ),
        _count_sheet(
            "B4 Tình trạng cuối kỳ",
            "Tình trạng",
            t["t_status"],
            t["t_status_total"],
            [("Số vấn đề", "count"), ("Số văn bản", "documents")],
        ),
        _count_sheet(
            "B5 Quyết định trong kỳ",
            "Quyết định",
            t["t_decision"],
            t["t_decision_total"],
            [("Số vấn đề", "count"), ("Số văn bản", "documents")],
        ),
        _count_sheet(
            "B6 Hình thức xử lý",
            "Hình thức xử lý",
            t["t_action"],
            t["t_action_total"],
            [("Số văn bản", "documents"), ("Số vấn đề", "count")],
        ),
        Sheet(
            "PL I Mẫu 04",
            [
                ("STT", 6),
                ("Tên loại văn bản; cơ quan ban hành", 32),
                ("Số, ký hiệu; ngày, tháng, năm ban hành; tên gọi của văn bản", 40),
                ("Kiến nghị hình thức xử lý văn bản", 22),
                ("Nội dung kiến nghị xử lý/Lý do kiến nghị", 70),
                ("Cơ quan/ đơn vị chủ trì soạn thảo", 24),
                ("Thời hạn phải xử lý", 24),
            ],
            [
                [
                    p["stt"],
                    p["type_issuer"],
                    p["identity"],
                    p["actions"],
                    "\n".join(p["grounds"]),
                    p["drafting_body"],
                    p["deadline"],
                ]
                for p in t["proposals"]
            ],
            wrap={1, 2, 3, 4, 5, 6},
        ),
        Sheet(
            "PL II Căn cứ hết hiệu lực",
            [
                ("STT", 6),
                ("Số, ký hiệu; ngày ban hành; tên loại văn bản", 36),
                ("Cơ quan ban hành", 32),
                ("Căn cứ ban hành hết hiệu lực", 44),
                ("Số hiệu căn cứ", 18),
                ("Ngày hết hiệu lực", 14),
                ("Văn bản thay thế, bãi bỏ", 24),
            ],
            [
                [r.stt, r.document, r.issuer, r.basis, r.basis_number, r.when, r.replaced_by]
                for r in _expired_rows(data)
            ],
            wrap={1, 2, 3},
        ),
        _documents_sheet(data),
        _findings_sheet(data),
    ]
    return sheets


@dataclass
class _ExpiredRow:
    stt: int
    document: str
    issuer: str
    basis: str
    basis_number: str
    when: dt.date
    replaced_by: str


def _expired_rows(data: ReportData) -> list[_ExpiredRow]:
    t = report_tables(data)["expired"]
    return [
        _ExpiredRow(
            r["stt"],
            r["document"],
            r["issuer"],
            r["basis"],
            r["basis_number"],
            src.not_in_force_from,
            r["replaced_by"],
        )
        for r, src in zip(t, data.expired_bases, strict=True)
    ]


def _documents_sheet(data: ReportData) -> Sheet:
    per_doc: dict[int, int] = {}
    for f in data.findings:
        per_doc[f.document_id] = per_doc.get(f.document_id, 0) + 1
    rows = []
    docs = [(d, "Kiểm tra") for d in data.documents_checked] + [
        (d, "Rà soát") for d in data.documents_reviewed
    ]
    start, end = data.period.utc_bounds()
    for i, (d, kind) in enumerate(docs, 1):
        days = sorted({local_date(t, data.period.timezone) for t in d.review_times
                       if start <= t < end})
        rows.append(
            [
                i,
                d.doc_type or "",
                d.number or "",
                d.issued_on,
                d.issuer or "",
                d.title or "",
                kind,
                "; ".join(f"{x:%d/%m/%Y}" for x in days),
                per_doc.get(d.id, 0),
                d.source,
            ]
        )
    return Sheet(
        "VB kiểm tra, rà soát",
        [
            ("STT", 6),
            ("Loại văn bản", 14),
            ("Số, ký hiệu", 20),
            ("Ngày ban hành", 14),
            ("Cơ quan ban hành", 34),
            ("Trích yếu", 50),
            ("Hình thức", 12),
            ("Ngày kiểm tra, rà soát trong kỳ", 16),
            ("Số vấn đề phát hiện trong kỳ", 14),
            ("Tệp nguồn", 36),
        ],
        rows,
        wrap={4, 5, 7},
    )


def _findings_sheet(data: ReportData) -> Sheet:
    from thpl_nlp.reports.data import _where

    rows = []
    for i, f in enumerate(sorted(data.findings, key=lambda f: (f.document_id, f.id)), 1):
        d = data.documents_by_id.get(f.document_id)
        rows.append(
            [
                i,
                f.id,
                (d.number or d.source) if d else f.number or "",
                _where(f.eid),
                f.eid,
                data.label("categories", f.category),
                data.label("severities", f.severity),
                round(f.confidence, 2),
                data.label("statuses", data.status_at_end[f.id]),
                f.rule,
                f.cited or "",
                local_date(f.created_at, data.period.timezone),
                f.message,
            ]
        )
    return Sheet(
        "Chi tiết vấn đề",
        [
            ("STT", 6),
            ("Mã vấn đề", 10),
            ("Văn bản", 22),
            ("Vị trí", 22),
            ("eId", 20),
            ("Nhóm vấn đề", 30),
            ("Mức độ", 12),
            ("Độ tin cậy", 10),
            ("Tình trạng cuối kỳ", 18),
            ("Quy tắc", 24),
            ("Văn bản được dẫn", 18),
            ("Ngày phát hiện", 14),
            ("Nội dung", 80),
        ],
        rows,
        wrap={3, 5, 12},
    )


def write_report_xlsx(data: ReportData, out: Path) -> Path:
    """Write the annex of the periodic report to ``out`` (a .xlsx path)."""
    return write_workbook(report_sheets(data), out)
