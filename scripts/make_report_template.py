"""Write the editable .docx templates of the reports into ``thpl_nlp/reports/templates/``.

The templates are ordinary Word documents laid out per Nghị định 30/2020/NĐ-CP with docxtpl
(Jinja) tags: ``{{ … }}`` for values, ``{%p … %}`` for paragraph-level conditions and loops,
``{%tr … %}`` for table rows. The department may open them in Word, restyle, reword and move
paragraphs freely as long as each tag stays whole; run this script to get the original back.

    python scripts/make_report_template.py [--out DIR]

Templates: ``bao-cao-dinh-ky.docx`` (annual and six-monthly report, with appendices Mẫu số 04
and the expired-bases list in a landscape section), ``ket-luan-kiem-tra.docx`` (per-document
check conclusion, Điều 18 Nghị định 79/2025/NĐ-CP), ``danh-muc-het-hieu-luc.docx`` (Mẫu số 01
and 02).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK

from thpl_nlp.reports import layout as L
from thpl_nlp.reports.config import TEMPLATES_DIR, load_config

PORTRAIT_W = 21.0 - 3.0 - 1.5  # text width in cm
LANDSCAPE_W = 29.7 - 2.0 - 2.0


def _new_doc(landscape: bool = False) -> Any:
    doc = Document()
    L.setup_styles(doc)
    L.set_page(doc.sections[0], landscape=landscape)
    L.page_number_header(doc.sections[0])
    # python-docx starts with one empty paragraph: drop it
    body = doc.element.body
    for p in body.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        body.remove(p)
    return doc


def _header(doc: Any, cfg: dict[str, Any], symbol_tag: str, width: float) -> None:
    L.header_block(
        doc,
        parent_body="{{ org.parent_body }}",
        issuing_body="{{ org.issuing_body }}",
        number_line="Số: {{ number }}/{{ " + symbol_tag + " }}",
        place_date="{{ place_date }}",
        sample_issuing_body=cfg["issuing_body"],
        page_width_cm=width,
    )


def _signature(doc: Any, width: float) -> None:
    L.recipients_and_signature(
        doc,
        recipients_loop=(
            "{%p for r in recipients %}",
            "- {{ r }}{{ ';' if not loop.last else '.' }}",
            "{%p endfor %}",
        ),
        signer_lines=[
            ("{{ signer.mode }}", True),
            ("{{ signer.title }}", True),
            ("", False),
            ("", False),
            ("", False),
            ("", False),
            ("{{ signer.name }}", True),
        ],
        width_cm=width,
    )


def _heading(doc: Any, text: str) -> None:
    L.para(
        doc,
        text,
        bold=True,
        align="left",
        first_line=L.FIRST_LINE_CM,
        before=6,
        after=6,
        keep_next=True,
    )


def _body(doc: Any, text: str, italic: bool = False) -> Any:
    return L.para(doc, text, italic=italic, first_line=L.FIRST_LINE_CM)


def _tag(doc: Any, text: str) -> None:
    """A paragraph holding only a {%p … %} tag (docxtpl removes it on rendering)."""
    L.para(doc, text, after=0)


def _data_table(
    doc: Any,
    caption: str,
    columns: list[tuple[str, float, str]],
    rows_var: str,
    total_var: str | None = None,
    size: float = 12,
) -> None:
    """A captioned grid table: header row, a ``{%tr for %}`` data row, an optional total row.

    ``columns``: (header, width cm, expression of the loop item ``r``).
    """
    L.para(
        doc,
        caption,
        bold=True,
        italic=False,
        size=13,
        align="center",
        before=6,
        after=4,
        keep_next=True,
    )
    widths = [w for _, w, _ in columns]
    t = L.layout_table(doc, widths, rows=5 if total_var else 4, borders=True)
    head = t.rows[0]
    L.repeat_header(head)
    for cell, (title, _, _) in zip(head.cells, columns, strict=True):
        L.clear_cell(cell)
        L.shade(cell)
        L.para(cell, title, bold=True, size=size, align="center", after=0)
    for row in t.rows[1:]:
        for cell in row.cells:
            L.clear_cell(cell)
    L.para(t.rows[1].cells[0], "{%tr for r in " + rows_var + " %}", size=size, after=0)
    for i, (_, _, expr) in enumerate(columns):
        align = "left" if i == 1 else "center"
        L.para(t.rows[2].cells[i], "{{ " + expr + " }}", size=size, align=align, after=0)
    L.para(t.rows[3].cells[0], "{%tr endfor %}", size=size, after=0)
    if total_var:
        total = t.rows[4]
        L.para(total.cells[0], "", size=size, after=0)
        L.para(total.cells[1], "Tổng cộng", bold=True, size=size, align="left", after=0)
        for i, (_, _, expr) in enumerate(columns[2:], start=2):
            field = expr.split(".", 1)[1]
            L.para(
                total.cells[i],
                "{{ " + total_var + "." + field + " }}",
                bold=True,
                size=size,
                align="center",
                after=0,
            )
    L.para(doc, "", after=2)


def make_report(cfg: dict[str, Any], out: Path) -> Path:
    doc = _new_doc()
    w = PORTRAIT_W
    _header(doc, cfg, "symbol", w)
    L.title_block(
        doc,
        "BÁO CÁO",
        ["{{ title_line }}"],
        "Kết quả kiểm tra, rà soát văn bản quy phạm pháp luật năm 2025",
        w,
    )
    _body(doc, "{{ intro }}")
    _heading(doc, "I. KẾT QUẢ KIỂM TRA, RÀ SOÁT VĂN BẢN QUY PHẠM PHÁP LUẬT")
    _tag(doc, "{%p if empty %}")
    _body(doc, "{{ empty_text }}")
    _tag(doc, "{%p else %}")
    _heading(doc, "1. Số văn bản đã kiểm tra, rà soát")
    _body(
        doc,
        "Trong kỳ báo cáo ({{ period_text }}), {{ org.issuing_body_name }} đã kiểm tra "
        "{{ s.docs_checked }} văn bản và rà soát {{ s.docs_reviewed }} văn bản quy phạm pháp luật "
        "do Hội đồng nhân dân, Ủy ban nhân dân các cấp ban hành (chi tiết tại Biểu 1 và Biểu 2).",
    )
    _data_table(
        doc,
        "Biểu 1. Văn bản đã kiểm tra, rà soát theo cơ quan ban hành",
        [
            ("STT", 1.0, "r.stt"),
            ("Cơ quan ban hành", 4.9, "r.label"),
            ("Số văn bản đã kiểm tra", 2.1, "r.checked"),
            ("Số văn bản đã rà soát", 2.1, "r.reviewed"),
            ("Số văn bản có phát hiện", 2.1, "r.with_findings"),
            ("Số văn bản trái pháp luật, sai sót", 2.1, "r.unlawful"),
            ("Số văn bản kiến nghị xử lý", 2.2, "r.proposed"),
        ],
        "t_issuer",
        "t_issuer_total",
    )
    _tag(doc, "{%p if charts.issuer %}")
    L.para(doc, "{{ charts.issuer }}", align="center", after=0)
    _tag(doc, "{%p endif %}")
    _data_table(
        doc,
        "Biểu 2. Văn bản đã kiểm tra, rà soát theo loại văn bản",
        [
            ("STT", 1.0, "r.stt"),
            ("Loại văn bản", 5.5, "r.label"),
            ("Số văn bản đã kiểm tra", 2.5, "r.checked"),
            ("Số văn bản đã rà soát", 2.5, "r.reviewed"),
            ("Số văn bản có phát hiện", 2.5, "r.with_findings"),
            ("Số văn bản trái pháp luật, sai sót", 2.5, "r.unlawful"),
        ],
        "t_type",
        "t_type_total",
    )
    _heading(doc, "2. Kết quả phát hiện")
    _body(
        doc,
        "Qua kiểm tra, rà soát đã phát hiện {{ s.findings_detected }} vấn đề cần xem xét tại "
        "{{ s.docs_with_findings }} văn bản; trong đó {{ s.findings_accepted }} vấn đề đã được "
        "xác nhận là trái pháp luật hoặc có sai sót tại {{ s.docs_unlawful }} văn bản, "
        "{{ s.findings_dismissed }} vấn đề không được chấp nhận sau khi xem xét (Biểu 3, Biểu 4).",
    )
    _data_table(
        doc,
        "Biểu 3. Vấn đề phát hiện theo nhóm và mức độ",
        [
            ("STT", 1.0, "r.stt"),
            ("Nhóm vấn đề", 7.0, "r.label"),
            ("Mức độ cao", 2.1, "r.high"),
            ("Mức độ trung bình", 2.1, "r.medium"),
            ("Mức độ thấp", 2.1, "r.low"),
            ("Tổng số", 2.2, "r.total"),
        ],
        "t_category",
        "t_category_total",
    )
    _tag(doc, "{%p if charts.category %}")
    L.para(doc, "{{ charts.category }}", align="center", after=0)
    _tag(doc, "{%p endif %}")
    _data_table(
        doc,
        "Biểu 4. Tình trạng xử lý các vấn đề phát hiện trong kỳ "
        "(tính đến hết ngày {{ period_end }})",
        [
            ("STT", 1.0, "r.stt"),
            ("Tình trạng", 9.0, "r.label"),
            ("Số vấn đề", 3.25, "r.count"),
            ("Số văn bản", 3.25, "r.documents"),
        ],
        "t_status",
        "t_status_total",
    )
    _heading(doc, "3. Xử lý kết quả kiểm tra, rà soát")
    _body(
        doc,
        "Trong kỳ đã có {{ s.decisions }} quyết định xử lý đối với các vấn đề phát hiện; đã kiến "
        "nghị xử lý {{ s.docs_proposed }} văn bản (danh mục tại Phụ lục I), trong đó "
        "{{ s.docs_resolved }} văn bản đã được xử lý xong (Biểu 5, Biểu 6).",
    )
    _data_table(
        doc,
        "Biểu 5. Quyết định xử lý các vấn đề phát hiện trong kỳ",
        [
            ("STT", 1.0, "r.stt"),
            ("Quyết định", 9.0, "r.label"),
            ("Số vấn đề", 3.25, "r.count"),
            ("Số văn bản", 3.25, "r.documents"),
        ],
        "t_decision",
        "t_decision_total",
    )
    _data_table(
        doc,
        "Biểu 6. Hình thức xử lý văn bản được kiến nghị",
        [
            ("STT", 1.0, "r.stt"),
            ("Hình thức xử lý", 9.0, "r.label"),
            ("Số văn bản", 3.25, "r.documents"),
            ("Số vấn đề", 3.25, "r.count"),
        ],
        "t_action",
        "t_action_total",
    )
    _tag(doc, "{%p if charts.action %}")
    L.para(doc, "{{ charts.action }}", align="center", after=0)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endif %}")
    _heading(doc, "{{ n_expired }}. Văn bản có căn cứ ban hành hết hiệu lực trong kỳ")
    _body(doc, "{{ expired_text }}")
    _heading(doc, "II. SO SÁNH VỚI KỲ TRƯỚC")
    _body(doc, "So với kỳ trước ({{ prev_label }}, {{ prev_period_text }}), kết quả như sau:")
    _data_table(
        doc,
        "Biểu 7. So sánh kết quả với kỳ trước",
        [
            ("STT", 1.0, "r.stt"),
            ("Chỉ tiêu", 7.6, "r.label"),
            ("Kỳ này", 2.3, "r.current"),
            ("Kỳ trước", 2.3, "r.previous"),
            ("Tăng (+), giảm (-)", 3.3, "r.delta"),
        ],
        "comparison",
    )
    _tag(doc, "{%p if charts.comparison %}")
    L.para(doc, "{{ charts.comparison }}", align="center", after=0)
    _tag(doc, "{%p endif %}")
    _heading(doc, "III. ĐÁNH GIÁ CHUNG, KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ")
    _tag(doc, "{%p for a in assessment %}")
    _body(doc, "{{ a }}")
    _tag(doc, "{%p endfor %}")
    _body(doc, "Trên đây là báo cáo {{ title_tail }} của {{ org.issuing_body_name }}./.")
    _signature(doc, w)

    # --- appendices in a landscape section
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    L.set_page(sec, landscape=True)
    sec.different_first_page_header_footer = False  # numbered from its first page
    L.para(doc, "Phụ lục I", bold=True, size=14, align="center", after=0)
    L.para(
        doc,
        "DANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT CẦN TẠM NGƯNG HIỆU LỰC, SỬA ĐỔI, BỔ SUNG, THAY THẾ, "
        "BÃI BỎ HOẶC BAN HÀNH MỚI",
        bold=True,
        size=13,
        align="center",
        after=0,
    )
    L.para(
        doc,
        "(Mẫu số 04 Phụ lục Nghị định số 79/2025/NĐ-CP; kèm theo Báo cáo số "
        "{{ number }}/{{ symbol }} {{ date_text }} của {{ org.issuing_body_name }})",
        italic=True,
        size=13,
        align="center",
        after=8,
    )
    _tag(doc, "{%p if proposals %}")
    t = L.layout_table(doc, [1.1, 4.0, 4.8, 2.8, 7.4, 2.6, 3.0], rows=4, borders=True)
    heads = [
        "STT",
        "Tên loại văn bản; cơ quan ban hành",
        "Số, ký hiệu; ngày, tháng, năm ban hành; tên gọi của văn bản",
        "Kiến nghị hình thức xử lý văn bản",
        "Nội dung kiến nghị xử lý/Lý do kiến nghị",
        "Cơ quan/ đơn vị chủ trì soạn thảo",
        "Thời hạn phải xử lý",
    ]
    L.repeat_header(t.rows[0])
    for cell, h in zip(t.rows[0].cells, heads, strict=True):
        L.clear_cell(cell)
        L.shade(cell)
        L.para(cell, h, bold=True, size=11, align="center", after=0)
    L.para(L.clear_cell(t.rows[1].cells[0]), "{%tr for r in proposals %}", size=11, after=0)
    exprs = [
        "r.stt",
        "r.type_issuer",
        "r.identity",
        "r.actions",
        None,
        "r.drafting_body",
        "r.deadline",
    ]
    for i, e in enumerate(exprs):
        cell = L.clear_cell(t.rows[2].cells[i])
        if e is None:
            L.para(cell, "{%p for g in r.grounds %}", size=11, after=0)
            L.para(cell, "{{ g }}", size=11, align="justify", after=2)
            L.para(cell, "{%p endfor %}", size=11, after=0)
        else:
            L.para(
                cell, "{{ " + e + " }}", size=11, align="center" if i in (0, 3) else "left", after=0
            )
    for cell in t.rows[3].cells:
        L.clear_cell(cell)
    L.para(t.rows[3].cells[0], "{%tr endfor %}", size=11, after=0)
    L.para(
        doc,
        "Tổng số: {{ proposals|length }} văn bản",
        bold=True,
        size=13,
        align="left",
        before=6,
        after=0,
    )
    L.para(
        doc,
        "Ghi chú: thời hạn xử lý theo {{ handling_ground }}.",
        italic=True,
        size=12,
        align="left",
    )
    _tag(doc, "{%p else %}")
    L.para(
        doc, "Trong kỳ báo cáo không có văn bản nào được kiến nghị xử lý.", size=13, align="center"
    )
    _tag(doc, "{%p endif %}")

    L.para(doc, "Phụ lục II", bold=True, size=14, align="center", before=18, after=0)
    L.para(
        doc,
        "DANH MỤC VĂN BẢN CÓ CĂN CỨ BAN HÀNH HẾT HIỆU LỰC TRONG KỲ BÁO CÁO",
        bold=True,
        size=13,
        align="center",
        after=0,
    )
    L.para(
        doc,
        "({{ period_text }}; kèm theo Báo cáo số {{ number }}/{{ symbol }} "
        "{{ date_text }} của {{ org.issuing_body_name }})",
        italic=True,
        size=13,
        align="center",
        after=8,
    )
    _tag(doc, "{%p if expired %}")
    t = L.layout_table(doc, [1.1, 5.6, 5.6, 6.2, 2.6, 4.6], rows=4, borders=True)
    heads = [
        "STT",
        "Số, ký hiệu; ngày ban hành; tên loại văn bản",
        "Cơ quan ban hành",
        "Căn cứ ban hành hết hiệu lực",
        "Ngày hết hiệu lực",
        "Văn bản thay thế, bãi bỏ",
    ]
    L.repeat_header(t.rows[0])
    for cell, h in zip(t.rows[0].cells, heads, strict=True):
        L.clear_cell(cell)
        L.shade(cell)
        L.para(cell, h, bold=True, size=11, align="center", after=0)
    L.para(L.clear_cell(t.rows[1].cells[0]), "{%tr for r in expired %}", size=11, after=0)
    for i, e in enumerate(
        ["r.stt", "r.document", "r.issuer", "r.basis", "r.date", "r.replaced_by"]
    ):
        L.para(
            L.clear_cell(t.rows[2].cells[i]),
            "{{ " + e + " }}",
            size=11,
            align="center" if i in (0, 4) else "left",
            after=0,
        )
    for cell in t.rows[3].cells:
        L.clear_cell(cell)
    L.para(t.rows[3].cells[0], "{%tr endfor %}", size=11, after=0)
    L.para(
        doc,
        "Tổng số: {{ expired_docs }} văn bản ({{ expired|length }} căn cứ)",
        bold=True,
        size=13,
        align="left",
        before=6,
    )
    _tag(doc, "{%p else %}")
    L.para(doc, "{{ expired_text }}", size=13, align="center")
    _tag(doc, "{%p endif %}")
    path = out / "bao-cao-dinh-ky.docx"
    doc.save(path)
    return path


def make_conclusion(cfg: dict[str, Any], out: Path) -> Path:
    doc = _new_doc()
    w = PORTRAIT_W
    _header(doc, cfg, "symbol", w)
    L.title_block(
        doc,
        "KẾT LUẬN KIỂM TRA VĂN BẢN",
        ["{{ title_line }}"],
        "Kiểm tra Quyết định số 12/2021/QĐ-UBND của Ủy ban nhân dân",
        w,
    )
    _body(doc, "{{ intro }}")
    _heading(doc, "1. Văn bản được kiểm tra")
    _tag(doc, "{%p for line in document_lines %}")
    L.para(doc, "- {{ line }}", first_line=L.FIRST_LINE_CM, after=2)
    _tag(doc, "{%p endfor %}")
    _heading(doc, "2. Văn bản làm căn cứ pháp lý để kiểm tra")
    _tag(doc, "{%p if bases %}")
    _tag(doc, "{%p for b in bases %}")
    L.para(doc, "- {{ b.name }}{{ b.status }}", first_line=L.FIRST_LINE_CM, after=2)
    _tag(doc, "{%p for q in b.quotes %}")
    L.para(doc, "“{{ q }}”", italic=True, first_line=L.FIRST_LINE_CM, after=2)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p else %}")
    _body(doc, "Chưa xác định được văn bản cấp trên làm căn cứ kiểm tra.")
    _tag(doc, "{%p endif %}")
    _heading(doc, "3. Nội dung trái pháp luật, sai sót của văn bản")
    _tag(doc, "{%p if unlawful %}")
    _tag(doc, "{%p for f in unlawful %}")
    _body(doc, "{{ f.label }}) {{ f.text }}")
    _tag(doc, "{%p if f.ground %}")
    L.para(doc, "Căn cứ pháp lý: {{ f.ground }}.", italic=True, first_line=L.FIRST_LINE_CM)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p else %}")
    _body(
        doc,
        "Qua kiểm tra, chưa có nội dung nào của văn bản được xác nhận là trái pháp luật "
        "hoặc có sai sót.",
    )
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if pending %}")
    _heading(doc, "4. Nội dung cần tiếp tục xem xét")
    _tag(doc, "{%p for f in pending %}")
    _body(doc, "{{ f.label }}) {{ f.text }}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    _heading(doc, "{{ n_request }}. Yêu cầu xử lý văn bản")
    _tag(doc, "{%p for line in requests %}")
    _body(doc, "{{ line }}")
    _tag(doc, "{%p endfor %}")
    _heading(doc, "{{ n_request + 1 }}. Kiến nghị xem xét, xử lý trách nhiệm")
    _body(doc, "{{ responsibility }}")
    _tag(doc, "{%p if review_request %}")
    _body(doc, "{{ review_request }}")
    _tag(doc, "{%p endif %}")
    _body(doc, "{{ closing }}")
    _signature(doc, w)
    path = out / "ket-luan-kiem-tra.docx"
    doc.save(path)
    return path


def make_expired_list(cfg: dict[str, Any], out: Path) -> Path:
    doc = _new_doc(landscape=True)
    w = LANDSCAPE_W
    t = L.layout_table(doc, [9.0, w - 9.0], rows=1)
    left = L.clear_cell(t.rows[0].cells[0])
    L.para(left, "{{ org.parent_body }}", size=13, align="center", after=0)
    L.para(left, "{{ org.issuing_body }}", bold=True, size=13, align="center", after=0)
    L.rule(left, 2.0, 9.0)
    L.clear_cell(t.rows[0].cells[1])
    L.para(t.rows[0].cells[1], "{{ place_date }}", italic=True, size=14, align="right", after=0)
    for part in ("whole", "partial"):
        if part == "partial":
            L.para(doc, "", after=0).add_run().add_break(WD_BREAK.PAGE)
        title = (
            "Văn bản quy phạm pháp luật hết hiệu lực, tạm ngưng hiệu lực toàn bộ năm {{ year }}"
            if part == "whole"
            else "Văn bản quy phạm pháp luật hết hiệu lực, tạm ngưng hiệu lực một phần "
            "năm {{ year }}"
        )
        L.para(
            doc,
            "Mẫu số 0" + ("1" if part == "whole" else "2"),
            italic=True,
            size=12,
            align="right",
            before=6,
            after=0,
        )
        L.para(doc, "DANH MỤC", bold=True, size=14, align="center", before=6, after=0)
        L.para(doc, title, bold=True, size=14, align="center", after=0)
        L.para(doc, "({{ scope_text }})", italic=True, size=13, align="center", after=8)
        letter = "A"
        L.para(
            doc,
            f"{letter}. VĂN BẢN HẾT HIỆU LỰC, TẠM NGƯNG HIỆU LỰC "
            + ("TOÀN BỘ" if part == "whole" else "MỘT PHẦN")
            + " NĂM {{ year }}",
            bold=True,
            size=13,
            align="left",
            after=4,
        )
        if part == "whole":
            cols = [
                ("STT", 1.2, "r.stt"),
                ("Tên loại văn bản; cơ quan ban hành", 5.0, "r.type_issuer"),
                ("Số, ký hiệu; ngày, tháng, năm ban hành văn bản", 4.0, "r.number_date"),
                ("Tên gọi của văn bản", 6.0, "r.title"),
                ("Lý do hết hiệu lực, tạm ngưng hiệu lực", 6.5, "r.reason"),
                ("Ngày hết hiệu lực, tạm ngưng hiệu lực", 3.0, "r.date"),
            ]
        else:
            cols = [
                ("STT", 1.2, "r.stt"),
                ("Tên loại văn bản; cơ quan ban hành", 4.5, "r.type_issuer"),
                ("Số, ký hiệu; ngày, tháng, năm ban hành; tên gọi của văn bản", 6.0, "r.identity"),
                ("Nội dung, quy định hết hiệu lực, tạm ngưng hiệu lực", 5.5, "r.content"),
                ("Lý do hết hiệu lực, tạm ngưng hiệu lực", 5.5, "r.reason"),
                ("Ngày hết hiệu lực, tạm ngưng hiệu lực", 3.0, "r.date"),
            ]
        for roman, key, heading in (
            ("I", "expired", "HẾT HIỆU LỰC"),
            ("II", "suspended", "TẠM NGƯNG HIỆU LỰC"),
        ):
            var = f"{part}.{key}"
            scope = "TOÀN BỘ" if part == "whole" else "MỘT PHẦN"
            L.para(
                doc,
                f"{roman}. VĂN BẢN {heading} {scope}",
                bold=True,
                size=13,
                align="left",
                before=6,
                after=4,
                keep_next=True,
            )
            _tag(doc, "{%p if " + var + " %}")
            tbl = L.layout_table(doc, [c[1] for c in cols], rows=4, borders=True)
            L.repeat_header(tbl.rows[0])
            for cell, (h, _, _) in zip(tbl.rows[0].cells, cols, strict=True):
                L.clear_cell(cell)
                L.shade(cell)
                L.para(cell, h, bold=True, size=11, align="center", after=0)
            L.para(
                L.clear_cell(tbl.rows[1].cells[0]), "{%tr for r in " + var + " %}", size=11, after=0
            )
            for i, (_, _, e) in enumerate(cols):
                L.para(
                    L.clear_cell(tbl.rows[2].cells[i]),
                    "{{ " + e + " }}",
                    size=11,
                    align="center" if i in (0, 5) else "left",
                    after=0,
                )
            for cell in tbl.rows[3].cells:
                L.clear_cell(cell)
            L.para(tbl.rows[3].cells[0], "{%tr endfor %}", size=11, after=0)
            _tag(doc, "{%p else %}")
            L.para(
                doc,
                "Không có văn bản nào.",
                italic=True,
                size=13,
                align="left",
                first_line=L.FIRST_LINE_CM,
            )
            _tag(doc, "{%p endif %}")
        L.para(
            doc,
            "Tổng số: {{ " + part + ".total }} văn bản",
            bold=True,
            size=13,
            align="left",
            before=6,
        )
    L.para(doc, "", after=0)
    _signature(doc, w)
    path = out / "danh-muc-het-hieu-luc.docx"
    doc.save(path)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=TEMPLATES_DIR)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    cfg = load_config({})
    for make in (make_report, make_conclusion, make_expired_list):
        print(make(cfg, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
