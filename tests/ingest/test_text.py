"""TXT/MD reader: decoding, front matter, Markdown clean-up, the worked example."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from thpl_nlp.errors import ThplError
from thpl_nlp.ingest import read
from thpl_nlp.ingest.legacy import convert_tcvn3, convert_vni, detect_and_convert
from thpl_nlp.ingest.text import md_to_text

EXAMPLE = Path(__file__).resolve().parents[3] / "shared" / "examples" / "qd-mau-12-2021.txt"


def test_example_is_byte_identical_apart_from_nfc() -> None:
    if not EXAMPLE.exists():
        pytest.skip("worked example absent")
    raw = read(EXAMPLE)
    original = EXAMPLE.read_text(encoding="utf-8")
    assert raw.text == unicodedata.normalize("NFC", original)
    # The contract's offsets: basis 1 is text[287:355].
    assert (
        raw.text[287:355] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    )
    assert raw.warnings == []


def test_glued_bold_runs() -> None:
    text, _ = md_to_text(
        "**NGHỊ QUYẾT****Về q****uy định** **mức khoán kinh phí****hoạt động** "
        "**các tổ chức chính trị - xã hội****ở phường****,** **xã**"
    )
    assert text == (
        "NGHỊ QUYẾT\nVề quy định mức khoán kinh phí hoạt động các tổ chức chính trị - xã hội "
        "ở phường, xã"
    )


def test_markdown_escapes_links_and_rules() -> None:
    text, _ = md_to_text(
        '# Tiêu đề\n\nCăn cứ Quyết định số*[*30/2021/QĐ-TTg*](https://x.vn/a "t")*ngày 10;\n'
        "\\_\\_\\_\\_\\_\n> trích \\*dẫn\\*\n![ảnh](a.png)"
    )
    assert text == "Tiêu đề\nCăn cứ Quyết định số 30/2021/QĐ-TTg ngày 10;\ntrích *dẫn*"


def test_front_matter_malformed_yaml(tmp_path: Path) -> None:
    p = tmp_path / "tthc.md"
    p.write_text(
        "---\ntitle: Thủ tục: cấp giấy phép\nma: 1.000055\n---\n# Thủ tục\nNội dung", "utf-8"
    )
    raw = read(p)
    assert raw.meta == {"title": "Thủ tục: cấp giấy phép", "ma": "1.000055"}
    assert raw.text == "Thủ tục\nNội dung"


def test_front_matter_in_txt(tmp_path: Path) -> None:
    p = tmp_path / "vb.txt"
    p.write_text("---\nso_hieu: 12/2021/QĐ-UBND\n---\nQUYẾT ĐỊNH\n", "utf-8")
    raw = read(p)
    assert raw.meta == {"so_hieu": "12/2021/QĐ-UBND"} and raw.text == "QUYẾT ĐỊNH\n"


def test_few_invalid_bytes_replaced_with_warning(tmp_path: Path) -> None:
    p = tmp_path / "hong.txt"
    p.write_bytes("Điều 1. Phạm vi điều chỉnh\n".encode() * 20 + b"\xa7 cu\xf4i")
    raw = read(p)
    assert raw.warnings and raw.warnings[0].startswith("[W101]")
    assert "\ufffd" in raw.text and "Điều 1. Phạm vi" in raw.text


def test_utf16_bom(tmp_path: Path) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes("Quyết định số 05/2020/QĐ-UBND".encode("utf-16"))
    assert read(p).text == "Quyết định số 05/2020/QĐ-UBND"


def test_tcvn3_and_vni_bytes(tmp_path: Path) -> None:
    p = tmp_path / "vni.txt"
    p.write_bytes(
        "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc".encode(
            "cp1252"
        )
    )
    raw = read(p)
    assert raw.text == "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"
    assert raw.warnings[0].startswith("[W102]") and "VNI" in raw.warnings[0]
    p2 = tmp_path / "tcvn3.txt"
    p2.write_bytes("Céng hoµ x· héi chñ nghÜa ViÖt Nam".encode("latin-1"))
    assert read(p2).text == "Cộng hoà xã hội chủ nghĩa Việt Nam"


def test_utf8_mojibake_of_tcvn3_is_converted() -> None:
    converted = detect_and_convert("QuyÕt ®Þnh vÒ viÖc ban hµnh quy ®Þnh qu¶n lý chî")
    assert converted == ("Quyết định về việc ban hành quy định quản lý chợ", "TCVN3")


def test_unsure_legacy_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "la.txt"
    # Legacy-looking (stray Latin-1 symbols) but with codes neither table knows.
    p.write_bytes(("Qu¿ ®¿nh s¿ ¿¿ c¿a ¿y ban nh©n d©n " * 20).encode("latin-1"))
    with pytest.raises(ThplError) as exc:
        read(p)
    assert exc.value.code == "E110"


def test_tables_roundtrip_small() -> None:
    assert convert_tcvn3("§iÒu 1") == "Điều 1" and convert_vni("Ñieàu 1") == "Điều 1"


@pytest.mark.corpus
def test_danang_markdown(corpus: Path) -> None:
    raw = read(corpus / "provincial" / "danang" / "dn-02.md")
    lines = raw.text.split("\n")
    i = lines.index("NGHỊ QUYẾT")
    assert lines[i + 1].startswith("Về quy định mức khoán kinh phí hoạt động các tổ chức")
    assert "*" not in raw.text and "\\_" not in raw.text and "|" not in raw.text
    assert "Số: 28/2022/NQ-HĐND" in lines
    assert lines[-1] == "Lương Nguyễn Minh Triết"
    assert raw.tables and raw.tables[0].rows[0][0]


@pytest.mark.corpus
def test_legacy_invalid_utf8_file(corpus: Path) -> None:
    raw = read(corpus / "provincial" / "legacy" / "Difficult" / "00009297.txt")
    assert raw.warnings == [
        "[W101] Tệp có 1 byte không hợp lệ theo UTF-8; đã thay bằng ký tự thay thế."
    ]
