"""DOCX reader: document order, layout tables, footnotes."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from thpl_nlp.ingest import read

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"


def test_layout_tables_column_by_column() -> None:
    raw = read(SAMPLES / "qd-ubnd-hoa-son-09-2024.docx")
    lines = raw.text.split("\n")
    assert lines[:6] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH HÒA SƠN",
        "Số: 09/2024/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hòa Sơn, ngày 12 tháng 3 năm 2024",
    ]
    k = lines.index("Nơi nhận:")
    assert lines[k + 1] == "- Như Điều 3;"
    assert "Lê Thị Thu Hà" in lines[k:]
    assert raw.tables == []  # only layout tables in this sample


def test_data_table_and_document_order(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Điều 1. Mức thu như sau:")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [["STT", "Loại", "Mức thu"], ["1", "Xe máy", "4.000"], ["2", "Ô tô", "25.000"]]
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.add_paragraph("Điều 2. Hiệu lực\u00a0thi hành")
    p = tmp_path / "bang.docx"
    doc.save(str(p))
    raw = read(p)
    assert raw.text == (
        "Điều 1. Mức thu như sau:\nSTT\tLoại\tMức thu\n1\tXe máy\t4.000\n2\tÔ tô\t25.000\n"
        "Điều 2. Hiệu lực thi hành"
    )
    t = raw.tables[0]
    assert t.rows[2] == ["2", "Ô tô", "25.000"]
    assert raw.text[t.start : t.end] == "STT\tLoại\tMức thu\n1\tXe máy\t4.000\n2\tÔ tô\t25.000"
    assert raw.warnings and raw.warnings[0].startswith("[W104]")  # the NBSP
