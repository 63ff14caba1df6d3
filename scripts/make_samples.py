"""Generate the sample provincial documents in ``corpus/samples/`` (DOCX, then PDF).

The documents are invented (tỉnh Hòa Sơn does not exist; numbers and signers are made up)
but cite real laws, and each carries problems a reviewer should catch — see
``corpus/samples/README.md``. DOCX is written with python-docx (Times New Roman 14, justified
paragraphs with a first-line indent, a borderless two-column header table and signature
table, as official documents are laid out); the PDF is produced by LibreOffice headless.

Usage: ``.venv/bin/python scripts/make_samples.py [--no-pdf]``
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parent.parent / "corpus" / "samples"


@dataclass
class Sample:
    name: str
    issuer: list[str]  # left header cell lines
    number: str
    place_date: str
    doc_type: str
    title: list[str]
    authority: str
    bases: list[str]
    proposal: str
    operative: str  # "QUYẾT ĐỊNH:" or "QUYẾT NGHỊ:"
    body: list[str]  # lines; "Điều …" lines are bold headings
    recipients: list[str]
    signature: list[str]  # TM./KT./title lines, then the name last
    closing: str | None = None  # "Nghị quyết này đã được … thông qua …"
    attachment: list[str] = field(default_factory=list)  # an attached Quy định
    attachment_title: list[str] = field(default_factory=list)


QD_09 = Sample(
    name="qd-ubnd-hoa-son-09-2024",
    issuer=["ỦY BAN NHÂN DÂN", "TỈNH HÒA SƠN"],
    number="Số: 09/2024/QĐ-UBND",
    place_date="Hòa Sơn, ngày 12 tháng 3 năm 2024",
    doc_type="QUYẾT ĐỊNH",
    title=["Ban hành Quy định quản lý hoạt động quảng cáo ngoài trời", "trên địa bàn tỉnh Hòa Sơn"],
    authority="ỦY BAN NHÂN DÂN TỈNH HÒA SƠN",
    bases=[
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, "
        "bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
        "phương ngày 22 tháng 11 năm 2019;",
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22 tháng 6 năm "
        "2015; Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật "
        "số 63/2020/QH14 ngày 18 tháng 6 năm 2020;",
        "Căn cứ Luật Quảng cáo số 16/2012/QH13 ngày 21 tháng 6 năm 2012;",
        "Căn cứ Nghị định số 24/2003/NĐ-CP ngày 13 tháng 3 năm 2003 của Chính phủ quy định "
        "chi tiết thi hành Pháp lệnh Quảng cáo;",
        "Căn cứ Nghị định số 181/2013/NĐ-CP ngày 14 tháng 11 năm 2013 của Chính phủ quy định "
        "chi tiết thi hành một số điều của Luật Quảng cáo;",
    ],
    proposal="Theo đề nghị của Giám đốc Sở Văn hóa, Thể thao và Du lịch tại Tờ trình số "
    "45/TTr-SVHTTDL ngày 20 tháng 02 năm 2024.",
    operative="QUYẾT ĐỊNH:",
    body=[
        "Điều 1. Ban hành kèm theo Quyết định này Quy định quản lý hoạt động quảng cáo ngoài "
        "trời trên địa bàn tỉnh Hòa Sơn.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày 25 tháng 3 năm 2024.",
        "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc các sở: Văn hóa, Thể thao và "
        "Du lịch, Xây dựng, Giao thông vận tải; Chủ tịch Ủy ban nhân dân các huyện, thành phố "
        "và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.",
    ],
    recipients=[
        "Như Điều 3;",
        "Bộ Văn hóa, Thể thao và Du lịch;",
        "Cục Kiểm tra văn bản QPPL (Bộ Tư pháp);",
        "TT Tỉnh ủy, TT HĐND tỉnh;",
        "Chủ tịch, các PCT UBND tỉnh;",
        "Lưu: VT, KGVX.",
    ],
    signature=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Lê Thị Thu Hà"],
    attachment_title=[
        "QUY ĐỊNH",
        "Quản lý hoạt động quảng cáo ngoài trời trên địa bàn tỉnh Hòa Sơn",
        "(Ban hành kèm theo Quyết định số 09/2024/QĐ-UBND ngày 12 tháng 3 năm 2024 "
        "của Ủy ban nhân dân tỉnh Hòa Sơn)",
    ],
    attachment=[
        "Chương I",
        "QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        "Quy định này quy định về quản lý hoạt động quảng cáo ngoài trời bằng bảng quảng "
        "cáo, băng-rôn, biển hiệu và màn hình chuyên quảng cáo trên địa bàn tỉnh Hòa Sơn.",
        "Điều 2. Đối tượng áp dụng",
        "1. Cơ quan quản lý nhà nước về quảng cáo trên địa bàn tỉnh.",
        "2. Tổ chức, cá nhân Việt Nam và tổ chức, cá nhân nước ngoài tham gia hoạt động "
        "quảng cáo ngoài trời trên địa bàn tỉnh.",
        "Chương II",
        "QUẢNG CÁO NGOÀI TRỜI",
        "Điều 3. Hồ sơ thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn",
        "1. Hồ sơ gồm:",
        "a) Văn bản thông báo sản phẩm quảng cáo ghi rõ nội dung, thời gian, địa điểm quảng "
        "cáo, số lượng bảng quảng cáo, băng-rôn;",
        "b) Bản sao giấy tờ chứng minh sự phù hợp của sản phẩm quảng cáo theo quy định tại "
        "Điều 20 của Luật Quảng cáo;",
        "c) Bản sao giấy phép xây dựng công trình quảng cáo đối với loại bảng quảng cáo phải "
        "có giấy phép xây dựng;",
        "d) Văn bản xác nhận của Ủy ban nhân dân cấp xã nơi đặt bảng quảng cáo về việc không "
        "có khiếu nại của các hộ dân liền kề.",
        "2. Số lượng hồ sơ: 01 bộ.",
        "Điều 4. Thời hạn giải quyết",
        "Trong thời hạn 10 ngày làm việc, kể từ ngày nhận được hồ sơ thông báo sản phẩm quảng "
        "cáo, Sở Văn hóa, Thể thao và Du lịch có ý kiến trả lời bằng văn bản; trường hợp không "
        "đồng ý phải nêu rõ lý do.",
        "Điều 5. Vị trí quảng cáo",
        "1. Không đặt bảng quảng cáo, băng-rôn trong phạm vi hành lang an toàn giao thông, "
        "hành lang an toàn lưới điện và trong khu vực bảo vệ di tích lịch sử - văn hóa.",
        "2. Băng-rôn ngang chỉ được treo tại các vị trí do Ủy ban nhân dân cấp huyện công bố; "
        "thời gian treo không quá 15 ngày.",
        "Chương III",
        "TỔ CHỨC THỰC HIỆN",
        "Điều 6. Trách nhiệm của các cơ quan",
        "1. Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với các sở, ngành liên quan "
        "hướng dẫn, kiểm tra việc thực hiện Quy định này.",
        "2. Ủy ban nhân dân các huyện, thành phố công bố các vị trí treo băng-rôn, kiểm tra "
        "và xử lý vi phạm theo thẩm quyền.",
        "Điều 7. Điều khoản thi hành",
        "Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, tổ chức, cá nhân phản ánh "
        "về Sở Văn hóa, Thể thao và Du lịch để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem "
        "xét, sửa đổi, bổ sung cho phù hợp./.",
    ],
)

NQ_15 = Sample(
    name="nq-hdnd-hoa-son-15-2024",
    issuer=["HỘI ĐỒNG NHÂN DÂN", "TỈNH HÒA SƠN"],
    number="Số: 15/2024/NQ-HĐND",
    place_date="Hòa Sơn, ngày 10 tháng 7 năm 2024",
    doc_type="NGHỊ QUYẾT",
    title=[
        "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí tham quan",
        "di tích Thành cổ Hòa Sơn",
    ],
    authority="HỘI ĐỒNG NHÂN DÂN TỈNH HÒA SƠN\nKHÓA XVII, KỲ HỌP THỨ 19",
    bases=[
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, "
        "bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
        "phương ngày 22 tháng 11 năm 2019;",
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015; Luật sửa "
        "đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật ngày 18 tháng "
        "6 năm 2020;",
        "Căn cứ Luật Phí và lệ phí số 97/2015/QH13 ngày 25 tháng 11 năm 2015;",
        "Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13 ngày 25 tháng 6 năm 2015;",
        "Căn cứ Nghị định số 120/2016/NĐ-CP ngày 23 tháng 8 năm 2016 của Chính phủ quy định "
        "chi tiết và hướng dẫn thi hành một số điều của Luật Phí và lệ phí;",
        "Căn cứ Thông tư số 85/2019/TT-BTC ngày 29 tháng 11 năm 2019 của Bộ trưởng Bộ Tài "
        "chính hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân "
        "tỉnh, thành phố trực thuộc Trung ương;",
    ],
    proposal="Xét Tờ trình số 88/TTr-UBND ngày 14 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh; "
    "Báo cáo thẩm tra của Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh; ý kiến thảo luận "
    "của đại biểu Hội đồng nhân dân tỉnh tại kỳ họp.",
    operative="QUYẾT NGHỊ:",
    body=[
        "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng",
        "1. Nghị quyết này quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí tham "
        "quan di tích Thành cổ Hòa Sơn.",
        "2. Đối tượng áp dụng: người đến tham quan di tích; tổ chức thu phí; cơ quan, tổ "
        "chức, cá nhân có liên quan.",
        "Điều 2. Mức thu phí",
        "1. Người lớn: 40.000 đồng/người/lượt.",
        "2. Trẻ em từ 6 tuổi đến dưới 16 tuổi, học sinh, sinh viên: 20.000 đồng/người/lượt.",
        "3. Miễn phí đối với trẻ em dưới 6 tuổi, người khuyết tật đặc biệt nặng.",
        "Điều 3. Quản lý và sử dụng phí",
        "Tổ chức thu phí được để lại 90% số tiền phí thu được để trang trải chi phí cho hoạt "
        "động thu phí; nộp 10% vào ngân sách nhà nước theo chương, tiểu mục của Mục lục ngân "
        "sách nhà nước hiện hành.",
        "Điều 4. Xử lý vi phạm",
        "Tổ chức, cá nhân vào tham quan di tích mà không nộp phí thì bị phạt tiền từ "
        "500.000 đồng đến 1.000.000 đồng.",
        "Điều 5. Tổ chức thực hiện",
        "1. Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.",
        "2. Thường trực Hội đồng nhân dân, các Ban, các Tổ đại biểu và đại biểu Hội đồng "
        "nhân dân tỉnh giám sát việc thực hiện Nghị quyết này.",
        "Điều 6. Hiệu lực thi hành",
        "Nghị quyết này có hiệu lực kể từ ngày 20 tháng 7 năm 2024 và thay thế Nghị quyết số "
        "07/2017/NQ-HĐND ngày 14 tháng 7 năm 2017 của Hội đồng nhân dân tỉnh Hòa Sơn.",
    ],
    closing="Nghị quyết này đã được Hội đồng nhân dân tỉnh Hòa Sơn khóa XVII, kỳ họp thứ 19 "
    "thông qua ngày 10 tháng 7 năm 2024./.",
    recipients=[
        "UBTV Quốc hội, Chính phủ;",
        "Bộ Tài chính;",
        "Cục Kiểm tra văn bản QPPL (Bộ Tư pháp);",
        "TT Tỉnh ủy, TT HĐND, UBND tỉnh;",
        "Đại biểu HĐND tỉnh;",
        "Lưu: VT.",
    ],
    signature=["CHỦ TỊCH", "", "Nguyễn Văn Khải"],
)

QD_21 = Sample(
    name="qd-ubnd-hoa-son-21-2024",
    issuer=["ỦY BAN NHÂN DÂN", "TỈNH HÒA SƠN"],
    number="Số: 21/2024/QĐ-UBND",
    place_date="Hòa Sơn, ngày 05 tháng 8 năm 2024",
    doc_type="QUYẾT ĐỊNH",
    title=["Quy định hệ số điều chỉnh giá đất năm 2024", "trên địa bàn tỉnh Hòa Sơn"],
    authority="ỦY BAN NHÂN DÂN TỈNH HÒA SƠN",
    bases=[
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;",
        "Căn cứ Luật Đất đai ngày 26 tháng 11 năm 2003;",
        "Căn cứ Nghị định số 44/2014/NĐ-CP ngày 15 tháng 5 năm 2014 của Chính phủ quy định "
        "về giá đất;",
    ],
    proposal="Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 210/TTr-STC ngày 22 "
    "tháng 7 năm 2024.",
    operative="QUYẾT ĐỊNH:",
    body=[
        "Điều 1. Hệ số điều chỉnh giá đất",
        "1. Hệ số điều chỉnh giá đất năm 2024 áp dụng trên địa bàn tỉnh Hòa Sơn như sau:",
        "a) Đất ở tại đô thị: 1,2;",
        "b) Đất ở tại nông thôn: 1,1;",
        "c) Đất thương mại, dịch vụ: 1,15;",
        "d) Đất sản xuất, kinh doanh phi nông nghiệp không phải là đất thương mại, dịch vụ: 1,1.",
        "2. Hệ số điều chỉnh giá đất quy định tại khoản 1 Điều này được áp dụng để xác định "
        "giá đất cụ thể trong các trường hợp theo quy định của pháp luật về đất đai.",
        "Điều 2. Hiệu lực thi hành",
        "Quyết định này có hiệu lực thi hành kể từ ngày ký.",
        "Điều 3. Tổ chức thực hiện",
        "Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc các sở: Tài chính, Tài nguyên và Môi "
        "trường; Cục trưởng Cục Thuế tỉnh; Chủ tịch Ủy ban nhân dân các huyện, thành phố và "
        "các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.",
    ],
    recipients=[
        "Như Điều 3;",
        "Bộ Tài chính, Bộ Tài nguyên và Môi trường;",
        "Cục Kiểm tra văn bản QPPL (Bộ Tư pháp);",
        "Lưu: VT, KT.",
    ],
    signature=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Phạm Quốc Tuấn"],
)

SAMPLES = [QD_09, NQ_15, QD_21]


def _para(
    doc: Document,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    center: bool = False,
    indent: bool = True,
    size: int = 14,
    space_after: int = 6,
):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            fmt.first_line_indent = Cm(1.0)
    for k, line in enumerate(text.split("\n")):
        if k:
            p.add_run().add_break()
        run = p.add_run(line)
        run.bold = bold
        run.italic = italic
        run.font.size = Pt(size)
    return p


def _cell(
    cell,
    lines: list[str],
    *,
    bold_upto: int = 99,
    italic: bool = False,
    size: int = 13,
    center: bool = True,
) -> None:
    cell.paragraphs[0].text = ""
    for k, line in enumerate(lines):
        p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(line)
        run.bold = k < bold_upto
        run.italic = italic
        run.font.size = Pt(size)


def _article(doc: Document, line: str) -> None:
    if line.startswith("Điều "):
        label, _, rest = line.partition(". ")
        p = _para(doc, "")
        p.runs[0].text = ""
        run = p.add_run(label + ". ")
        run.bold = True
        run.font.size = Pt(14)
        run = p.add_run(rest)
        run.bold = not rest.startswith(("Ban hành", "Quyết định này", "Chánh Văn phòng"))
        run.font.size = Pt(14)
    elif line.startswith("Chương ") or (line.isupper() and len(line) < 80):
        _para(doc, line, bold=True, center=True, space_after=0)
    else:
        _para(doc, line)


def build_docx(s: Sample, path: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)

    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.columns[0].width, table.columns[1].width = Cm(6.0), Cm(10.0)
    _cell(table.cell(0, 0), s.issuer)
    _cell(
        table.cell(0, 1),
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        bold_upto=2,
    )
    _cell(table.cell(1, 0), [s.number], bold_upto=0)
    _cell(table.cell(1, 1), [s.place_date], bold_upto=0, italic=True)
    _para(doc, "", space_after=0)
    _para(doc, s.doc_type, bold=True, center=True, space_after=0)
    _para(doc, "\n".join(s.title), bold=True, center=True)
    _para(doc, s.authority, bold=True, center=True)
    for basis in s.bases:
        _para(doc, basis, italic=True)
    _para(doc, s.proposal, italic=True)
    _para(doc, s.operative, bold=True, center=True)
    for line in s.body:
        _article(doc, line)
    if s.closing:
        _para(doc, s.closing, italic=True)
    sig = doc.add_table(rows=1, cols=2)
    sig.columns[0].width, sig.columns[1].width = Cm(8.0), Cm(8.0)
    _cell(
        sig.cell(0, 0),
        ["Nơi nhận:"] + [f"- {r}" for r in s.recipients],
        bold_upto=1,
        size=11,
        center=False,
    )
    _cell(sig.cell(0, 1), s.signature, bold_upto=len(s.signature))
    if s.attachment:
        doc.add_page_break()
        _cell_table = doc.add_table(rows=1, cols=2)
        _cell(_cell_table.cell(0, 0), s.issuer)
        _cell(
            _cell_table.cell(0, 1),
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        )
        _para(doc, "", space_after=0)
        _para(doc, s.attachment_title[0], bold=True, center=True, space_after=0)
        _para(doc, s.attachment_title[1], bold=True, center=True, space_after=0)
        _para(doc, s.attachment_title[2], italic=True, center=True)
        for line in s.attachment:
            _article(doc, line)
    doc.core_properties.author = "thpl-nlp samples"
    doc.save(str(path))


def to_pdf(docx_path: Path) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("LibreOffice (soffice) is needed for --convert-to pdf")
    with tempfile.TemporaryDirectory(prefix="thpl-samples-") as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        produced = Path(tmp) / (docx_path.stem + ".pdf")
        target = docx_path.with_suffix(".pdf")
        shutil.copyfile(produced, target)
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-pdf", action="store_true", help="write only the DOCX files")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for s in SAMPLES:
        path = args.out / f"{s.name}.docx"
        build_docx(s, path)
        line = f"{path.name}: {path.stat().st_size:,} byte"
        if not args.no_pdf:
            pdf = to_pdf(path)
            line += f"; {pdf.name}: {pdf.stat().st_size:,} byte"
        print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
