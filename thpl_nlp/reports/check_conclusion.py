"""The check conclusion for one document (kết luận kiểm tra văn bản, Điều 18 Nghị định
79/2025/NĐ-CP) as DOCX: the document checked; the higher-level documents used as legal bases
for checking, with their validity and the quoted provisions; the content confirmed unlawful or
erroneous and the content still under review, each with its grounds; the request to the issuing
body to handle the document within the legal deadline; and the recommendation on
responsibility (điểm d) and on reviewing conflicting content (điểm đ).

Only findings a specialist accepted (confirmed, action proposed, resolved) are stated as
unlawful; new and in-review findings are listed as "cần tiếp tục xem xét"; dismissed ones are
left out.

>>> LETTERS[:7]
('a', 'b', 'c', 'd', 'đ', 'e', 'g')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thpl_nlp.errors import ThplError
from thpl_nlp.models import ACTIONS
from thpl_nlp.reports.data import (
    ACCEPTED,
    DocumentRecord,
    FindingRecord,
    ReportSource,
    Validity,
    ValidityLookup,
    _where,
    cite,
)
from thpl_nlp.reports.docx_report import org_context, render_template

LETTERS = tuple("a b c d đ e g h i k l m n o p q r s t u v x y".split())
CONCLUSION_TEMPLATE = "ket-luan-kiem-tra.docx"
# Categories that are errors of form, corrected by đính chính (khoản 2 Điều 23), not unlawful
# content that calls for responsibility.
FORM_ONLY = frozenset({"form", "citation_invalid", "basis_unresolved"})
_NUMBER_IN_SOURCE = re.compile(
    r"""
    (?:^kb:)?                                   # a KB fact: "kb:77/2015/QH13"
    (?P<number>\d+[a-z]?/(?:\d{4}/)?[^\s/]+-?[^\s]*?)  # a số hiệu: 50/2014/QH13, 119/QĐ-UBND
    (?:\s|$)                                    # then the eId or the end
    """,
    re.VERBOSE,
)


@dataclass
class BasisItem:
    number: str
    name: str
    status: str  # ", còn hiệu lực" / ", hết hiệu lực từ ngày …" or ""
    quotes: list[str] = field(default_factory=list)


@dataclass
class ConclusionData:
    document: DocumentRecord
    unlawful: list[FindingRecord]
    pending: list[FindingRecord]
    bases: list[BasisItem]
    generated_at: dt.datetime


def find_document(source: ReportSource, ref: str) -> DocumentRecord:
    """The one stored document that ``ref`` (số hiệu, key or source path) names."""
    docs = source.find_documents(ref)
    if not docs:
        raise ThplError("E802", detail=f"'{ref}'")
    if len(docs) > 1:
        names = "; ".join(d.source for d in docs[:5])
        raise ThplError("E805", detail=f"'{ref}' ({names})")
    return docs[0]


def _type_of(number: str) -> str | None:
    """``Luật`` for ``…/QH15``, ``Nghị định`` for ``…/NĐ-CP`` (from the number's symbol)."""
    try:
        from thpl_nlp.nlp.canonical import type_from_symbol

        return type_from_symbol(number)
    except Exception:  # noqa: BLE001 - the nlp stage is optional here
        return None


def _status_text(st: dict[str, Any] | None, as_of: dt.date | None) -> str:
    if not st:
        return ""
    when = f" ngày {as_of:%d/%m/%Y}" if as_of else ""
    status = st.get("status")
    if status == "in_force":
        return f" (còn hiệu lực vào{when})" if when else " (còn hiệu lực)"
    if status == "partly_in_force":
        return f" (hết hiệu lực một phần vào{when})" if when else " (hết hiệu lực một phần)"
    if status == "not_yet_in_force":
        return f" (chưa có hiệu lực vào{when})" if when else " (chưa có hiệu lực)"
    if status == "expired":
        nif = st.get("not_in_force_from")
        out = " (hết hiệu lực"
        if nif:
            out += f" từ ngày {dt.date.fromisoformat(str(nif)[:10]):%d/%m/%Y}"
        if st.get("replaced_by"):
            out += f", được thay thế, bãi bỏ bởi {', '.join(st['replaced_by'])}"
        return out + ")"
    return ""


def build_conclusion_data(
    source: ReportSource,
    ref: str,
    kb: ValidityLookup | None = None,
    now: dt.datetime | None = None,
) -> ConclusionData:
    """Collect what the conclusion states about the document ``ref``."""
    doc = find_document(source, ref)
    findings = source.findings_of(doc.id)
    unlawful = [f for f in findings if f.status in ACCEPTED]
    pending = [f for f in findings if f.status in ("new", "in_review")]
    validity = Validity(kb, source.overrides())
    as_of = doc.issued_on
    numbers: list[str] = []
    quotes: dict[str, list[str]] = {}
    for f in unlawful + pending:
        if f.cited and f.cited not in numbers:
            numbers.append(f.cited)
        for ev in f.evidence:
            src = str(ev.get("source") or "")
            m = _NUMBER_IN_SOURCE.match(src)
            if not m or (doc.number and m["number"] == doc.number):
                continue
            n = m["number"]
            if n not in numbers:
                numbers.append(n)
            text = str(ev.get("text") or "").strip()
            if text and not src.startswith("kb:") and text not in quotes.setdefault(n, []):
                quotes[n].append(text)
    for n in doc.bases:
        if n not in numbers:
            numbers.append(n)
    bases = []
    for n in numbers:
        st = validity.status(n, as_of) if as_of else validity.status(n, dt.date.today())
        own = {num: (line, typ) for num, line, typ in doc.basis_lines}
        line, typ = own.get(n, ("", ""))
        doc_type = (st or {}).get("doc_type") or typ or _type_of(n)
        name = cite(n, doc_type, (st or {}).get("title"))
        if not (st or {}).get("title") and line and line not in quotes.get(n, []):
            quotes.setdefault(n, []).insert(0, line)  # named as the document's "Căn cứ" line
        bases.append(BasisItem(n, name, _status_text(st, as_of), quotes.get(n, [])))
    return ConclusionData(doc, unlawful, pending, bases, now or dt.datetime.now())


def _finding_item(f: FindingRecord, label: str) -> dict[str, Any]:
    text = f.message.strip()
    if not text.lower().startswith("tại"):
        w = _where(f.eid)
        text = f"Tại {w}: {text}"
    ground = f.legal_ground or ""
    if ground and ground.rstrip(".") in text:
        ground = ""  # the review's message already ends with "Căn cứ: …"
    action = f.proposed_action or f.action
    return {
        "label": label,
        "text": text,
        "ground": ground.rstrip("."),
        "action": ACTIONS.get(action or "", ""),
        "proposed_ground": f.proposed_ground or "",
    }


def conclusion_context(data: ConclusionData, cfg: dict[str, Any], when: dt.date) -> dict[str, Any]:
    """Everything the conclusion template refers to."""
    d = data.document
    issuer = d.issuer or "cơ quan ban hành văn bản"
    name = d.name
    title_line = f"Kiểm tra {name[0].lower() + name[1:]}"
    if d.issuer:
        title_line += f" của {d.issuer}"
    body_name = cfg.get("issuing_body_name", "")
    about = f" {d.title[0].lower() + d.title[1:]}" if d.title else ""
    intro = (
        "Thực hiện nhiệm vụ kiểm tra văn bản quy phạm pháp luật theo quy định của Luật Ban hành "
        "văn bản quy phạm pháp luật số 64/2025/QH15 và Nghị định số 79/2025/NĐ-CP ngày 01 tháng "
        f"4 năm 2025 của Chính phủ, {body_name} đã kiểm tra {name[0].lower() + name[1:]} "
        f"của {issuer}{about} (sau đây gọi là Văn bản). Kết quả kiểm tra như sau:"
    )
    lines = [
        f"Tên văn bản: {name}" + (f" của {d.issuer}" if d.issuer else ""),
        f"Trích yếu: {d.title}" if d.title else None,
        f"Số, ký hiệu: {d.number}" if d.number else "Số, ký hiệu: chưa xác định",
        f"Ngày ban hành: {d.issued_on:%d/%m/%Y}" if d.issued_on else None,
        f"Ngày có hiệu lực: {d.effective_on:%d/%m/%Y}" if d.effective_on else None,
        f"Tệp văn bản được kiểm tra: {d.source}",
    ]
    unlawful = [_finding_item(f, LETTERS[i % len(LETTERS)]) for i, f in enumerate(data.unlawful)]
    pending = [_finding_item(f, LETTERS[i % len(LETTERS)]) for i, f in enumerate(data.pending)]
    days = int(cfg.get("handling_days", 30))
    requests: list[str] = []
    if unlawful:
        requests.append(
            f"Đề nghị {issuer} tổ chức tự kiểm tra, xử lý Văn bản theo quy định tại Điều 23 và "
            "Điều 24 Nghị định số 79/2025/NĐ-CP, cụ thể:"
        )
        for u, f in zip(unlawful, data.unlawful, strict=True):
            what = u["action"] or "Xem xét, xử lý"
            where = _where(f.eid)
            extra = f" ({u['proposed_ground']})" if u["proposed_ground"] else ""
            requests.append(f"- {what} nội dung tại {where} (mục 3, điểm {u['label']}){extra};")
        requests.append(
            f"và thông báo kết quả xử lý cho {body_name} trong thời hạn {days} ngày kể từ ngày "
            f"nhận được Kết luận này ({cfg.get('handling_ground', '')})."
        )
    elif pending:
        requests.append(
            f"Đề nghị {issuer} nghiên cứu các nội dung nêu tại mục 4, tự kiểm tra và thông báo "
            f"ý kiến cho {body_name} trong thời hạn {days} ngày kể từ ngày nhận được Kết luận này."
        )
    else:
        requests.append("Không có yêu cầu xử lý đối với Văn bản.")
    if any(f.category not in FORM_ONLY for f in data.unlawful):
        responsibility = (
            f"Đề nghị {issuer} tổ chức xem xét, xác định, xử lý trách nhiệm đối với tập thể, cá "
            "nhân đã tham mưu, đề xuất, ban hành văn bản trái pháp luật theo quy định của Đảng "
            "và pháp luật (điểm d khoản 2 Điều 18 Nghị định số 79/2025/NĐ-CP)."
        )
    elif data.unlawful:
        responsibility = (
            f"Các sai sót nêu trên thuộc về căn cứ ban hành, thể thức, kỹ thuật trình bày; đề "
            f"nghị {issuer} đính chính theo khoản 2 Điều 23 Nghị định số 79/2025/NĐ-CP và rút "
            "kinh nghiệm trong công tác soạn thảo, ban hành văn bản."
        )
    else:
        responsibility = "Chưa đặt ra việc xem xét, xử lý trách nhiệm."
    review_request = ""
    if any(f.category in ("conflict", "basis_expired") for f in data.unlawful):
        review_request = (
            f"Đối với các nội dung mâu thuẫn, chồng chéo hoặc không còn phù hợp, đề nghị {issuer} "
            "thực hiện rà soát, xử lý theo quy định tại Chương III Nghị định số 79/2025/NĐ-CP "
            "(điểm đ khoản 2 Điều 18)."
        )
    ctx = org_context(cfg, "conclusion", when)
    ctx["recipients"] = [f"{issuer} (để thực hiện)"] + ctx["recipients"]
    return {
        **ctx,
        "title_line": title_line,
        "intro": intro,
        "document_lines": [x for x in lines if x],
        "bases": [b.__dict__ for b in data.bases],
        "unlawful": unlawful,
        "pending": pending,
        "n_request": 5 if pending else 4,
        "requests": requests,
        "responsibility": responsibility,
        "review_request": review_request,
        "closing": f"Trên đây là Kết luận kiểm tra văn bản của {body_name}./.",
    }


def write_conclusion_docx(
    data: ConclusionData,
    out: Path,
    config: dict[str, Any] | None = None,
    when: dt.date | None = None,
    template: str | Path | None = None,
) -> Path:
    """Write the check conclusion of ``data.document`` to ``out`` (a .docx path)."""
    if config is None:
        from thpl_nlp.reports.config import load_config

        config = load_config()
    ctx = conclusion_context(data, config, when or data.generated_at.date())
    template = template or config.get("conclusion_template") or CONCLUSION_TEMPLATE
    return render_template(template, ctx, {}, out)


def conclusion_filename(doc: DocumentRecord) -> str:
    """``ket-luan-kiem-tra-15-2025-NQ-HĐND.docx`` (a safe file name from the number or path).

    >>> conclusion_filename(DocumentRecord(1, "k", "a/b c.pdf", None, None, None, None, None,
    ...     dt.datetime(2025, 1, 1), dt.datetime(2025, 1, 1)))
    'ket-luan-kiem-tra-b-c.docx'
    """
    base = doc.number or Path(doc.source).stem
    safe = re.sub(r"[^\w.-]+", "-", base).strip("-")
    return f"ket-luan-kiem-tra-{safe}.docx"
