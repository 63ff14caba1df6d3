"""The annual list of local documents no longer in force, wholly or in part (danh mục văn bản
hết hiệu lực, tạm ngưng hiệu lực — Mẫu số 01 and 02, Điều 43 Nghị định 79/2025/NĐ-CP), as DOCX
and XLSX.

The year of the list is the calendar year (khoản 3 Điều 43: from 1 January to 31 December), not
the reporting period. The documents are the stored local documents with a number; whether and
when each stopped being in force comes from the knowledge base and the specialists' overrides,
as of 31 December. Part B of the forms (documents that ended in an earlier year but were never
published) needs a record of earlier lists and is not produced.

>>> from thpl_nlp.reports.data import MemorySource
>>> build_expired_list(MemorySource(), 2025).total
0
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thpl_nlp.reports.data import (
    DocumentRecord,
    ReportSource,
    Validity,
    ValidityLookup,
    _date,
    _identity,
    _type_issuer,
)
from thpl_nlp.reports.docx_report import org_context, render_template
from thpl_nlp.reports.periods import Period, calendar_year
from thpl_nlp.reports.xlsx_annex import Sheet, write_workbook

EXPIRED_TEMPLATE = "danh-muc-het-hieu-luc.docx"


@dataclass
class ExpiredEntry:
    document: DocumentRecord
    date: dt.date
    reason: str
    content: str  # for partial ends: which provisions
    suspended: bool = False


@dataclass
class ExpiredList:
    year: int
    period: Period
    whole: list[ExpiredEntry] = field(default_factory=list)
    partial: list[ExpiredEntry] = field(default_factory=list)
    kb_available: bool = False

    @property
    def total(self) -> int:
        return len(self.whole) + len(self.partial)


def _reason(st: dict[str, Any]) -> str:
    by = st.get("replaced_by") or st.get("partly_ended_by") or []
    ev = [e for e in st.get("evidence") or [] if isinstance(e, dict)]
    src = next((e.get("source") for e in ev if e.get("source")), None)
    if by:
        out = f"Được thay thế, bãi bỏ bởi văn bản số {', '.join(by)}"
        if src and not str(src).startswith(("kb:", "override:")):
            out += f" ({src})"
        return out
    text = next((e.get("text") for e in ev if e.get("text")), None)
    return str(text) if text else "Hết thời hạn có hiệu lực hoặc hết hiệu lực theo quy định"


def _content(st: dict[str, Any]) -> str:
    texts = [
        str(e.get("text"))
        for e in st.get("evidence") or []
        if isinstance(e, dict) and e.get("text")
    ]
    return "; ".join(texts) or "Một phần văn bản"


def build_expired_list(
    source: ReportSource, year: int, kb: ValidityLookup | None = None, timezone: str | None = None
) -> ExpiredList:
    """The documents of the store that ceased to be in force, wholly or partly, in ``year``."""
    period = calendar_year(year, timezone or "Asia/Ho_Chi_Minh")
    out = ExpiredList(year, period, kb_available=kb is not None)
    validity = Validity(kb, source.overrides())
    seen: set[str] = set()
    for doc in source.documents():
        if not doc.number or doc.number in seen:
            continue
        seen.add(doc.number)
        st = validity.status(doc.number, period.end)
        if not st:
            continue
        when = _date(st.get("not_in_force_from"))
        if when is None or not period.contains(when):
            continue
        status = st.get("status")
        if status in ("expired", "suspended"):
            out.whole.append(ExpiredEntry(doc, when, _reason(st), "", status == "suspended"))
        elif status == "partly_in_force":
            out.partial.append(ExpiredEntry(doc, when, _reason(st), _content(st)))
    key = lambda e: (e.date, e.document.number or "")  # noqa: E731
    out.whole.sort(key=key)
    out.partial.sort(key=key)
    return out


def _rows(entries: list[ExpiredEntry]) -> list[dict[str, Any]]:
    rows = []
    for i, e in enumerate(entries, 1):
        d = e.document
        rows.append(
            {
                "stt": i,
                "type_issuer": _type_issuer(d),
                "number_date": "; ".join(
                    x for x in (d.number, f"{d.issued_on:%d/%m/%Y}" if d.issued_on else "") if x
                ),
                "title": d.title or "",
                "identity": _identity(d),
                "content": e.content,
                "reason": e.reason,
                "date": f"{e.date:%d/%m/%Y}",
                "date_value": e.date,
            }
        )
    return rows


def expired_context(data: ExpiredList, cfg: dict[str, Any], when: dt.date) -> dict[str, Any]:
    def split(entries: list[ExpiredEntry]) -> dict[str, Any]:
        return {
            "expired": _rows([e for e in entries if not e.suspended]),
            "suspended": _rows([e for e in entries if e.suspended]),
            "total": len(entries),
        }

    scope = (
        f"Văn bản của Hội đồng nhân dân, Ủy ban nhân dân có thời điểm hết hiệu lực, ngưng hiệu "
        f"lực {data.period.range_text}"
    )
    return {
        **org_context(cfg, "expired_list", when),
        "year": data.year,
        "scope_text": scope,
        "whole": split(data.whole),
        "partial": split(data.partial),
    }


def write_expired_docx(
    data: ExpiredList,
    out: Path,
    config: dict[str, Any] | None = None,
    when: dt.date | None = None,
    template: str | Path | None = None,
) -> Path:
    """Mẫu số 01 and 02 in one landscape DOCX."""
    if config is None:
        from thpl_nlp.reports.config import load_config

        config = load_config()
    ctx = expired_context(data, config, when or dt.date.today())
    template = template or config.get("expired_template") or EXPIRED_TEMPLATE
    return render_template(template, ctx, {}, out)


def expired_sheets(data: ExpiredList) -> list[Sheet]:
    whole = _rows(data.whole)
    partial = _rows(data.partial)
    kinds = {
        id(e): "Tạm ngưng hiệu lực" if e.suspended else "Hết hiệu lực"
        for e in data.whole + data.partial
    }
    return [
        Sheet(
            "Mẫu 01 toàn bộ",
            [
                ("STT", 6),
                ("Tên loại văn bản; cơ quan ban hành", 36),
                ("Số, ký hiệu; ngày, tháng, năm ban hành văn bản", 28),
                ("Tên gọi của văn bản", 44),
                ("Lý do hết hiệu lực, tạm ngưng hiệu lực", 44),
                ("Ngày hết hiệu lực, tạm ngưng hiệu lực", 16),
                ("Tình trạng", 18),
            ],
            [
                [
                    r["stt"],
                    r["type_issuer"],
                    r["number_date"],
                    r["title"],
                    r["reason"],
                    r["date_value"],
                    kinds[id(e)],
                ]
                for r, e in zip(whole, data.whole, strict=True)
            ],
            wrap={1, 2, 3, 4},
        ),
        Sheet(
            "Mẫu 02 một phần",
            [
                ("STT", 6),
                ("Tên loại văn bản; cơ quan ban hành", 36),
                ("Số, ký hiệu; ngày, tháng, năm ban hành; tên gọi của văn bản", 44),
                ("Nội dung, quy định hết hiệu lực, tạm ngưng hiệu lực", 40),
                ("Lý do hết hiệu lực, tạm ngưng hiệu lực", 40),
                ("Ngày hết hiệu lực, tạm ngưng hiệu lực", 16),
                ("Tình trạng", 18),
            ],
            [
                [
                    r["stt"],
                    r["type_issuer"],
                    r["identity"],
                    r["content"],
                    r["reason"],
                    r["date_value"],
                    kinds[id(e)],
                ]
                for r, e in zip(partial, data.partial, strict=True)
            ],
            wrap={1, 2, 3, 4},
        ),
    ]


def write_expired_xlsx(data: ExpiredList, out: Path) -> Path:
    return write_workbook(expired_sheets(data), out)
