"""Building blocks of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I)
with python-docx: A4 page and margins, Times New Roman 13–14, the header block (tên cơ quan,
Quốc hiệu and Tiêu ngữ with their rule lines, số và ký hiệu, địa danh và ngày tháng in italics),
title, body paragraphs, bordered tables, "Nơi nhận" and the signature block.

Used by ``scripts/make_report_template.py`` to write the editable ``.docx`` templates (the
Jinja tags of docxtpl stay in single runs so the department can move and restyle them in Word).

>>> nd30_date(dt.date(2026, 1, 5))
'ngày 05 tháng 01 năm 2026'
>>> nd30_date(dt.date(2025, 12, 14))
'ngày 14 tháng 12 năm 2025'
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
# Nghị định 30/2020/NĐ-CP: top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
FIRST_LINE_CM = 1.27


def nd30_date(day: dt.date) -> str:
    """The date as Nghị định 30 writes it: a 0 before days < 10 and months 1 and 2."""
    d = f"{day.day:02d}"
    m = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {d} tháng {m} năm {day.year}"


@cache
def _font(bold: bool) -> Any:
    """A metric-compatible Times New Roman face (Liberation Serif) for measuring text."""
    from PIL import ImageFont

    for name in (
        "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf",
        "DejaVuSerif-Bold.ttf" if bold else "DejaVuSerif.ttf",
    ):
        for root in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
            hits = sorted(root.rglob(name)) if root.is_dir() else []
            if hits:
                return ImageFont.truetype(str(hits[0]), 100)
    return None


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Printed width of ``text`` in Times New Roman at ``size_pt`` (estimate without fonts).

    >>> 4.5 < text_width_cm("Độc lập - Tự do - Hạnh phúc", 13, bold=True) < 6.5
    True
    """
    font = _font(bold)
    if font is None:
        return len(text) * size_pt * 0.5 / 72 * 2.54
    width_px = font.getlength(text)  # at 100 pt
    return width_px / 100 * size_pt / 72 * 2.54


def set_page(section: Any, landscape: bool = False) -> None:
    """A4 with the decree's margins (portrait or landscape)."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    w, h = Mm(210), Mm(297)
    section.page_width, section.page_height = (h, w) if landscape else (w, h)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"] if not landscape else 20)
    section.right_margin = Mm(MARGINS_MM["right"] if not landscape else 20)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _set_font(style_or_run: Any, size: float | None = None) -> None:
    font = style_or_run.font
    font.name = FONT
    if size:
        font.size = Pt(size)
    rpr = style_or_run.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)


def setup_styles(doc: Any) -> None:
    """Normal = Times New Roman 14, justified body; vi-VN language; table text 12."""
    normal = doc.styles["Normal"]
    _set_font(normal, BODY_PT)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(6)
    pf.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    pf.line_spacing = 1.1
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)
    for name in ("Table Grid",):
        if name in [s.name for s in doc.styles]:
            _set_font(doc.styles[name], 12)


def para(
    container: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: str = "justify",
    first_line: float | None = None,
    before: float = 0,
    after: float = 6,
    keep_next: bool = False,
    line: float | None = None,
) -> Any:
    """Add a paragraph with one run (so a ``{{ tag }}`` in ``text`` stays in one run)."""
    p = container.add_paragraph()
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    pf = p.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if first_line is not None:
        pf.first_line_indent = Cm(first_line)
    if keep_next:
        pf.keep_with_next = True
    if line is not None:
        pf.line_spacing = line
    if text:
        add_run(p, text, bold=bold, italic=italic, size=size)
    return p


def add_run(
    p: Any, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None
) -> Any:
    r = p.add_run(text)
    r.bold = bold or None
    r.italic = italic or None
    if size:
        r.font.size = Pt(size)
    return r


def rule(container: Any, length_cm: float, width_cm: float, after: float = 0) -> Any:
    """A centred solid horizontal line of ``length_cm`` in a box ``width_cm`` wide (an empty
    paragraph with a bottom border and symmetric indents)."""
    p = container.add_paragraph()
    pf = p.paragraph_format
    side = max(0.0, (width_cm - length_cm) / 2)
    pf.left_indent = Cm(side)
    pf.right_indent = Cm(side)
    pf.space_before = Pt(0)
    pf.space_after = Pt(after)
    pf.line_spacing = Pt(2)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.append(bdr)
    r = p.add_run("")
    r.font.size = Pt(2)
    return p


def _no_borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:val"), "nil")
        borders.append(e)
    tbl_pr.append(borders)


def _cell_margins(table: Any, left_cm: float = 0.1, right_cm: float = 0.1) -> None:
    tbl_pr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for edge, v in (("left", left_cm), ("right", right_cm)):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:w"), str(int(v * 567)))
        e.set(qn("w:type"), "dxa")
        mar.append(e)
    tbl_pr.append(mar)


def layout_table(doc: Any, widths_cm: list[float], rows: int = 1, borders: bool = False) -> Any:
    """A fixed-width table (borderless for layout, gridded for data)."""
    t = doc.add_table(rows=rows, cols=len(widths_cm))
    if borders:
        t.style = doc.styles["Table Grid"]
    else:
        _no_borders(t)
    _cell_margins(t)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    tbl_pr = t._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for row in t.rows:
        for cell, w in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(w)
        if borders:  # a data row stays on one page
            cant = OxmlElement("w:cantSplit")
            row._tr.get_or_add_trPr().append(cant)
    grid = t._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(w * 567)))
    return t


def clear_cell(cell: Any) -> Any:
    """Return the cell with its default empty paragraph removed (call ``para`` on it next)."""
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)
    return cell


def repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    h = OxmlElement("w:tblHeader")
    h.set(qn("w:val"), "true")
    trpr.append(h)


def shade(cell: Any, fill: str = "E7E6E6") -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def page_number_header(section: Any) -> None:
    """Page number centred at the top from page 2 (Nghị định 30: ô số 10, cỡ 13–14)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    run.font.size = Pt(13)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "2"
    r.append(t)
    fld.append(r)
    p._p.append(fld)


def header_block(
    doc: Any,
    *,
    parent_body: str,
    issuing_body: str,
    number_line: str,
    place_date: str,
    sample_issuing_body: str,
    page_width_cm: float,
) -> None:
    """The two-column header: bodies and số/ký hiệu on the left, Quốc hiệu, Tiêu ngữ and
    place/date on the right, with the rule lines the decree asks for."""
    left_w = 7.0
    right_w = page_width_cm - left_w
    t = layout_table(doc, [left_w, right_w], rows=2)
    left, right = (clear_cell(c) for c in t.rows[0].cells)
    para(left, parent_body, size=13, align="center", after=0)
    para(left, issuing_body, bold=True, size=13, align="center", after=0)
    body_w = text_width_cm(sample_issuing_body, 13, bold=True)
    rule(left, max(1.2, body_w * 0.5), left_w)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12.5, align="center", after=0)
    motto = "Độc lập - Tự do - Hạnh phúc"
    para(right, motto, bold=True, size=13, align="center", after=0)
    rule(right, text_width_cm(motto, 13, bold=True) + 0.1, right_w)
    left2, right2 = (clear_cell(c) for c in t.rows[1].cells)
    para(left2, number_line, size=13, align="center", before=6, after=0)
    para(right2, place_date, italic=True, size=14, align="center", before=6, after=0)


def title_block(
    doc: Any, kind: str, summary_lines: list[str], summary_sample: str, width_cm: float
) -> None:
    """Tên loại (BÁO CÁO…) and trích yếu, bold and centred, with a rule 1/3–1/2 as long."""
    para(doc, kind, bold=True, size=14, align="center", before=18, after=0, keep_next=True)
    for line in summary_lines:
        para(doc, line, bold=True, size=14, align="center", after=0, keep_next=True)
    length = min(width_cm * 0.45, max(2.5, text_width_cm(summary_sample, 14, bold=True) * 0.4))
    rule(doc, length, width_cm, after=12)


def recipients_and_signature(
    doc: Any,
    *,
    recipients_loop: tuple[str, str, str],
    signer_lines: list[tuple[str, bool]],
    width_cm: float,
) -> None:
    """ "Nơi nhận:" (bold italic 12, items 11 each on a line) and the signature block."""
    left_w = 7.6
    t = layout_table(doc, [left_w, width_cm - left_w], rows=1)
    left, right = (clear_cell(c) for c in t.rows[0].cells)
    para(left, "Nơi nhận:", bold=True, italic=True, size=12, align="left", before=6, after=0)
    start, item, end = recipients_loop
    para(left, start, size=11, align="left", after=0)
    para(left, item, size=11, align="left", after=0, line=1.0)
    para(left, end, size=11, align="left", after=0)
    first = True
    for text, bold in signer_lines:
        para(right, text, bold=bold, size=14, align="center", before=6 if first else 0, after=0)
        first = False
