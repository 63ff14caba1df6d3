"""Render the periodic report (annual or six-monthly) as DOCX from the editable template.

The template ``templates/bao-cao-dinh-ky.docx`` (written by ``scripts/make_report_template.py``,
restylable by the department) holds the Nghị định 30/2020/NĐ-CP layout and docxtpl tags; this
module only computes the context: numbers from :class:`~thpl_nlp.reports.data.ReportData`,
the issuing body, place and date, recipients and signer from the report configuration.

>>> from thpl_nlp.reports.data import MemorySource, build_report_data
>>> from thpl_nlp.reports.periods import annual
>>> ctx = report_context(build_report_data(MemorySource(), annual(2025)), charts={})
>>> ctx["empty_text"]
'Trong kỳ báo cáo không có văn bản nào được kiểm tra, rà soát.'
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from thpl_nlp.errors import ThplError
from thpl_nlp.reports.config import TEMPLATES_DIR
from thpl_nlp.reports.data import ReportData
from thpl_nlp.reports.layout import nd30_date

EMPTY_TEXT = "Trong kỳ báo cáo không có văn bản nào được kiểm tra, rà soát."
REPORT_TEMPLATE = "bao-cao-dinh-ky.docx"


def org_context(cfg: dict[str, Any], kind: str, when: dt.date) -> dict[str, Any]:
    """Header, recipients and signer keys shared by every template (``kind``: report,
    conclusion, expired_list)."""
    signer = cfg.get("signer") or {}
    return {
        "org": {
            "parent_body": cfg.get("parent_body", ""),
            "issuing_body": cfg.get("issuing_body", ""),
            "issuing_body_name": cfg.get("issuing_body_name", ""),
        },
        "number": cfg.get("number") or "\u00a0" * 8,
        "symbol": (cfg.get("symbols") or {}).get(kind, ""),
        "place_date": f"{cfg.get('place', '')}, {nd30_date(when)}",
        "date_text": nd30_date(when),
        "recipients": list((cfg.get("recipients") or {}).get(kind, [])),
        "signer": {
            "mode": signer.get("mode", ""),
            "title": signer.get("title", ""),
            "name": signer.get("name", ""),
        },
    }


def _stt(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for i, r in enumerate(rows, 1):
        r["stt"] = i
    return rows


def _total(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> dict[str, int]:
    return {f: sum(int(r[f]) for r in rows) for f in fields}


def report_tables(data: ReportData) -> dict[str, Any]:
    """The tables of the report as lists of dicts (also used by the XLSX annex and HTML)."""
    t_issuer = _stt(
        [
            {
                "label": r.label,
                "checked": r.checked,
                "reviewed": r.reviewed,
                "with_findings": r.with_findings,
                "unlawful": r.unlawful,
                "proposed": r.proposed,
            }
            for r in data.by_issuer
        ]
    )
    t_type = _stt(
        [
            {
                "label": r.doc_type,
                "checked": r.checked,
                "reviewed": r.reviewed,
                "with_findings": r.with_findings,
                "unlawful": r.unlawful,
            }
            for r in data.by_type
        ]
    )
    t_category = _stt(
        [
            {"label": r.label, "high": r.high, "medium": r.medium, "low": r.low, "total": r.total}
            for r in data.by_category
        ]
    )
    t_status = _stt(
        [{"label": r.label, "count": r.count, "documents": r.documents} for r in data.by_status]
    )
    t_decision = _stt(
        [{"label": r.label, "count": r.count, "documents": r.documents} for r in data.decisions]
    )
    t_action = _stt(
        [{"label": r.label, "count": r.count, "documents": r.documents} for r in data.actions]
    )
    proposals = _stt(
        [
            {
                "type_issuer": p.type_issuer,
                "identity": p.identity,
                "actions": p.actions,
                "grounds": list(p.grounds),
                "drafting_body": p.drafting_body,
                "deadline": p.deadline,
            }
            for p in data.proposals
        ]
    )
    expired = _stt(
        [
            {
                "document": _doc_line(r.document),
                "issuer": r.document.issuer or "",
                "basis": r.basis_name,
                "basis_number": r.basis,
                "date": f"{r.not_in_force_from:%d/%m/%Y}",
                "replaced_by": r.replaced_by,
            }
            for r in data.expired_bases
        ]
    )
    comparison = _stt(
        [
            {
                "key": r.key,
                "label": r.label,
                "current": r.current,
                "previous": r.previous,
                "delta": r.delta_text,
            }
            for r in data.comparison
        ]
    )
    # A document is in one issuer group and one type, so those rows add up; it may have
    # findings in several statuses, so the "documents" totals count distinct documents.
    return {
        "t_issuer": t_issuer,
        "t_issuer_total": _total(
            t_issuer, ("checked", "reviewed", "with_findings", "unlawful", "proposed")
        ),
        "t_type": t_type,
        "t_type_total": _total(t_type, ("checked", "reviewed", "with_findings", "unlawful")),
        "t_category": t_category,
        "t_category_total": _total(t_category, ("high", "medium", "low", "total")),
        "t_status": t_status,
        "t_status_total": {
            **_total(t_status, ("count",)),
            "documents": data.summary["docs_any_finding"],
        },
        "t_decision": t_decision,
        "t_decision_total": {
            **_total(t_decision, ("count",)),
            "documents": data.summary["docs_decided"],
        },
        "t_action": t_action,
        "t_action_total": {
            **_total(t_action, ("count",)),
            "documents": data.summary["docs_proposed"],
        },
        "proposals": proposals,
        "expired": expired,
        "expired_docs": data.summary["docs_expired_bases"],
        "comparison": comparison,
    }


def _doc_line(d: Any) -> str:
    parts = [d.number or d.source]
    if d.issued_on:
        parts.append(f"ngày {d.issued_on:%d/%m/%Y}")
    if d.doc_type:
        parts.append(d.doc_type)
    return "; ".join(parts)


def _top_categories(data: ReportData, n: int = 3) -> str:
    rows = sorted((r for r in data.by_category if r.total), key=lambda r: -r.total)[:n]
    return "; ".join(f"{r.label.lower()} ({r.total} vấn đề)" for r in rows)


def assessment(data: ReportData) -> list[str]:
    """Section III: the facts the report can state, then the department's own paragraphs."""
    s = data.summary
    out: list[str] = []
    if not data.empty and s["findings_detected"]:
        out.append(f"Các nhóm vấn đề phát hiện nhiều nhất trong kỳ: {_top_categories(data)}.")
    if s["findings_open"]:
        out.append(
            f"Đến hết ngày {data.period.end:%d/%m/%Y} còn {s['findings_open']} vấn đề phát hiện "
            "trong kỳ chưa được xem xét, xử lý xong; đề nghị các cơ quan, đơn vị liên quan tiếp "
            "tục phối hợp xem xét, xử lý trong kỳ tới."
        )
    if s["docs_expired_bases"]:
        out.append(
            f"Có {s['docs_expired_bases']} văn bản có căn cứ ban hành hết hiệu lực trong kỳ; đề "
            "nghị cơ quan đã ban hành văn bản tổ chức rà soát, xử lý theo quy định tại Điều 39 "
            "Nghị định số 79/2025/NĐ-CP."
        )
    if data.proposals:
        out.append(
            f"Đề nghị các cơ quan đã ban hành {len(data.proposals)} văn bản được kiến nghị xử lý "
            "(Phụ lục I) tổ chức xử lý và thông báo kết quả theo quy định tại Điều 26 Nghị định "
            "số 79/2025/NĐ-CP."
        )
    if not data.kb_available:
        out.append(
            "Ghi chú: khi lập báo cáo chưa có cơ sở dữ liệu văn bản cấp trên (thpl kb build), "
            "nên danh mục văn bản có căn cứ ban hành hết hiệu lực chỉ gồm các trường hợp đã "
            "được cập nhật thủ công."
        )
    out.extend(str(x) for x in data.config.get("assessment") or [])
    return out


def report_context(
    data: ReportData,
    charts: dict[str, Any],
    when: dt.date | None = None,
) -> dict[str, Any]:
    """Everything the report template refers to."""
    cfg = data.config
    when = when or data.generated_at.date()
    title_tail = f"kết quả kiểm tra, rà soát văn bản quy phạm pháp luật {data.period.label}"
    s = data.summary
    if s["docs_expired_bases"]:
        expired_text = (
            f"Trong kỳ có {s['docs_expired_bases']} văn bản có căn cứ ban hành hết hiệu lực "
            f"({len(data.expired_bases)} căn cứ), cần được rà soát để xử lý (chi tiết tại "
            "Phụ lục II)."
        )
    else:
        expired_text = "Trong kỳ báo cáo không có văn bản nào có căn cứ ban hành hết hiệu lực."
    intro = (
        f"{str(cfg.get('legal_basis', '')).strip()} {cfg.get('issuing_body_name', '')} báo cáo "
        f"{title_tail} (số liệu tính {data.period.range_text}) như sau:"
    ).strip()
    return {
        **org_context(cfg, "report", when),
        **report_tables(data),
        "title_line": title_tail[0].upper() + title_tail[1:],
        "title_tail": title_tail,
        "intro": intro,
        "period_text": data.period.range_text,
        "period_end": f"{data.period.end:%d/%m/%Y}",
        "prev_label": data.previous.label,
        "prev_period_text": data.previous.range_text,
        "empty": data.empty,
        "n_expired": 1 if data.empty else 4,
        "empty_text": EMPTY_TEXT,
        "s": dict(s),
        "p": dict(data.previous_summary),
        "expired_text": expired_text,
        "handling_ground": cfg.get("handling_ground", ""),
        "assessment": assessment(data),
        "charts": charts,
    }


def render_template(
    template: str | Path,
    context: dict[str, Any],
    images: dict[str, bytes | None],
    out: Path,
    width_mm: float = 160,
) -> Path:
    """Render a docxtpl template; ``images`` become ``charts.<name>`` InlineImages."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    path = Path(template)
    if not path.is_absolute() and not path.exists():
        path = TEMPLATES_DIR / path
    try:
        tpl = DocxTemplate(str(path))
        charts = {
            name: InlineImage(tpl, io.BytesIO(png), width=Mm(width_mm)) if png else None
            for name, png in images.items()
        }
        ctx = {**context, "charts": charts}
        tpl.render(ctx, autoescape=True)
    except ThplError:
        raise
    except FileNotFoundError:
        raise ThplError("E804", path=str(path), detail=" (không tìm thấy tệp mẫu)") from None
    except Exception as err:  # noqa: BLE001 - a broken template is a user-fixable problem
        raise ThplError("E804", path=str(path), detail=f" ({type(err).__name__}: {err})") from None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tpl.save(str(out))
    except OSError as err:
        raise ThplError("E803", path=str(out), detail=f" ({err.strerror})") from None
    return out


def write_report_docx(
    data: ReportData,
    out: Path,
    template: str | Path | None = None,
    when: dt.date | None = None,
    with_charts: bool = True,
) -> Path:
    """Write the report to ``out`` (a .docx path) and return it.

    ``template`` defaults to ``reports.template`` in the configuration, else the shipped one.
    """
    from thpl_nlp.reports.charts import all_charts

    images = all_charts(data) if with_charts else {}
    ctx = report_context(data, {}, when)
    template = template or data.config.get("template") or REPORT_TEMPLATE
    return render_template(template, ctx, images, out)
