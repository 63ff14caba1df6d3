"""PDF reader: bad inputs made on the fly, samples, and the real corpus."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from thpl_nlp.errors import ThplError
from thpl_nlp.ingest import ocr, read

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"
ARTICLE_RE = re.compile(r"^Điều (\d+[a-zđ]?)(?:\.|\s*$)", re.M)


def _pdf_bytes(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF file with a correct cross-reference table for ``objects`` (1-based)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer_extra,
        xref,
    )
    return bytes(out)


def _simple_pdf() -> bytes:
    return _pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )


def _error_code(path: Path, **kw: object) -> str:
    with pytest.raises(ThplError) as exc:
        read(path, **kw)  # type: ignore[arg-type]
    assert str(path) in str(exc.value)  # the message names the file
    return exc.value.code


def test_empty_pdf(tmp_path: Path) -> None:
    p = tmp_path / "rong.pdf"
    p.write_bytes(b"")
    assert _error_code(p) == "E101"


def test_truncated_pdf(tmp_path: Path) -> None:
    p = tmp_path / "cut.pdf"
    data = (SAMPLES / "nq-hdnd-hoa-son-15-2024.pdf").read_bytes()
    p.write_bytes(data[: len(data) // 3])
    assert _error_code(p) == "E103"


def test_garbage_with_pdf_magic(tmp_path: Path) -> None:
    p = tmp_path / "bad.pdf"
    p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 10)
    assert _error_code(p) == "E103"


def test_encrypted_pdf(tmp_path: Path) -> None:
    # Standard security handler, revision 2, with a /U entry that the empty user password
    # does not match: PDFium asks for a password.
    encrypt = (
        b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> >>"
    )
    data = _pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            encrypt,
        ],
        trailer_extra=b"/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef>"
        b" <0123456789abcdef0123456789abcdef>] ",
    )
    p = tmp_path / "mat-khau.pdf"
    p.write_bytes(data)
    assert _error_code(p) == "E104"


def test_thousand_pages_refused_before_extraction(tmp_path: Path) -> None:
    doc = pdfium.PdfDocument.new()
    for _ in range(1000):
        doc.new_page(595, 842)
    p = tmp_path / "nghin-trang.pdf"
    doc.save(str(p))
    doc.close()
    with pytest.raises(ThplError) as exc:
        read(p)
    assert exc.value.code == "E106"
    assert "1000 trang" in str(exc.value)


def _image_only_pdf(src: Path, dest: Path, pages: list[int] | None = None, dpi: int = 100) -> None:
    doc = pdfium.PdfDocument(str(src))
    numbers = pages or list(range(len(doc)))
    images = [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in numbers]
    doc.close()
    images[0].save(dest, "PDF", resolution=dpi, save_all=True, append_images=images[1:])


def test_scanned_pdf_without_ocr_names_pages(tmp_path: Path, monkeypatch) -> None:
    p = tmp_path / "scan.pdf"
    _image_only_pdf(SAMPLES / "qd-ubnd-hoa-son-09-2024.pdf", p, pages=[0, 1])
    monkeypatch.setattr(ocr, "find_tesseract", lambda: None)
    with pytest.raises(ThplError) as exc:
        read(p)
    assert exc.value.code == "E105"
    assert "1, 2" in str(exc.value)
    assert "tesseract" in str(exc.value)


def test_scanned_pdf_ocr_disabled(tmp_path: Path) -> None:
    p = tmp_path / "scan.pdf"
    _image_only_pdf(SAMPLES / "nq-hdnd-hoa-son-15-2024.pdf", p, pages=[1])
    assert _error_code(p, ocr=False) == "E105"


def test_blank_pdf_page_is_no_scan(tmp_path: Path) -> None:
    p = tmp_path / "blank.pdf"
    p.write_bytes(_simple_pdf())
    raw = read(p)
    assert raw.text == "" and [(pg.number, pg.start, pg.end) for pg in raw.pages] == [(1, 0, 0)]


def test_sample_pages_and_paragraphs() -> None:
    raw = read(SAMPLES / "qd-ubnd-hoa-son-09-2024.pdf")
    assert len(raw.pages) == 3
    # The header table row is split back into its two columns.
    assert "Số: 09/2024/QĐ-UBND\nHòa Sơn, ngày 12 tháng 3 năm 2024" in raw.text
    # Wrapped lines of a paragraph are joined; every article starts a line.
    assert (
        "Điều 1. Ban hành kèm theo Quyết định này Quy định quản lý hoạt động quảng cáo ngoài "
        "trời trên địa bàn tỉnh Hòa Sơn.\n" in raw.text
    )
    arts = ARTICLE_RE.findall(raw.text)
    assert arts == ["1", "2", "3", "1", "2", "3", "4", "5", "6", "7"]
    quy_dinh = raw.text.index("QUY ĐỊNH\n")
    assert raw.page_at(quy_dinh) == 2
    assert raw.page_at(raw.text.index("Điều 7. Điều khoản thi hành")) == 3


@pytest.mark.slow
def test_scanned_sample_is_read_by_ocr(tmp_path: Path) -> None:
    if ocr.find_tesseract() is None:
        pytest.skip("tesseract with the vie model is not installed")
    p = tmp_path / "scan.pdf"
    _image_only_pdf(SAMPLES / "nq-hdnd-hoa-son-15-2024.pdf", p, dpi=300)
    raw = read(p)
    assert raw.ocr_pages == [1, 2]
    assert any(w.startswith("[W103]") for w in raw.warnings)
    assert ARTICLE_RE.findall(raw.text) == ["1", "2", "3", "4", "5", "6"]
    assert "15/2024/NQ-HĐND" in raw.text


# --- the real corpus ------------------------------------------------------------------------

GROUPS = {
    "(32801)": 120,  # Constitution 2013
    "(96122)": 426,  # Bộ luật Hình sự 100/2015/QH13, 4 files
    "(96172)": 510,  # Bộ luật Tố tụng hình sự 101/2015/QH13, 3 files
    "(147294)": 174,  # 23/VBHN-VPQH, 2 files: 1–173 and 68a
}


@pytest.fixture(scope="module")
def corpus_pdfs(corpus: Path) -> dict[str, object]:
    files = sorted((corpus / "pdf").glob("*.pdf"))
    if not files:
        pytest.skip("no PDFs in the corpus")
    return {f.name: read(f) for f in files}


@pytest.mark.corpus
@pytest.mark.parametrize("group,expected", GROUPS.items())
def test_every_article_found_once(corpus_pdfs: dict, group: str, expected: int) -> None:
    nums: list[str] = []
    for name, raw in corpus_pdfs.items():
        if name.startswith(group):
            nums += ARTICLE_RE.findall(raw.text)
    counts = Counter(nums)
    assert [n for n, c in counts.items() if c > 1] == []
    assert len(nums) == expected
    top = max(int(re.match(r"\d+", n).group()) for n in nums)
    assert {str(i) for i in range(1, top + 1)} <= set(nums)
    if group == "(147294)":
        assert "68a" in nums and top == 173


@pytest.mark.corpus
def test_no_running_headers_or_footnotes_in_body(corpus_pdfs: dict) -> None:
    for name, raw in corpus_pdfs.items():
        assert "CÔNG BÁO" not in raw.text, name
        assert not re.search(r"^\d{1,4}$", raw.text, re.M), name  # bare page numbers
        for note in raw.notes:
            # A note's text never appears in the body (first 60 characters).
            probe = note.text[:60]
            if len(probe) >= 40:
                assert probe not in raw.text, (name, note.marker)


@pytest.mark.corpus
def test_footnotes_attached_to_markers(corpus_pdfs: dict) -> None:
    raw = next(r for n, r in corpus_pdfs.items() if n.startswith("(147294)-2020_1093"))
    markers = [int(n.marker) for n in raw.notes]
    assert markers == list(range(1, len(markers) + 1)) and len(markers) >= 18
    first = raw.notes[0]
    assert first.text.startswith("Luật số 63/2020/QH14 sửa đổi, bổ sung")
    assert first.page == 1
    assert raw.text[: first.anchor].endswith(
        "Quốc hội ban hành Luật ban hành văn bản quy phạm pháp luật"
    )
    assert all(n.anchor is not None for n in raw.notes)
    # A superscript marker inside a line ("thẩm tra¹⁷ dự án") leaves no digit behind.
    assert "cơ quan chủ trì thẩm tra dự án luật" in raw.text
    # "3.²  Pháp lệnh…" becomes clause "3." with the marker removed.
    assert "\n3. Pháp lệnh, nghị quyết của Ủy ban thường vụ Quốc hội" in raw.text


@pytest.mark.corpus
def test_page_of_every_character(corpus_pdfs: dict) -> None:
    raw = next(r for n, r in corpus_pdfs.items() if n.startswith("(32801)"))
    assert len(raw.pages) == 28
    assert raw.page_at(raw.text.index("Điều 1\n")) == 1
    assert raw.page_at(raw.text.index("Điều 120\n")) == 28
    for a, b in zip(raw.pages, raw.pages[1:], strict=False):
        assert a.end == b.start


@pytest.mark.corpus
def test_precedents_are_read_but_not_legal(corpus: Path) -> None:
    from thpl_nlp.ingest.detect import is_legal_document

    for f in sorted((corpus / "pdf" / "anle").glob("*.pdf")):
        ok, why = is_legal_document(read(f).text)
        assert not ok and "án lệ" in why


@pytest.mark.slow
@pytest.mark.corpus
def test_constitution_through_ocr(corpus: Path, tmp_path: Path) -> None:
    """The Constitution rendered to 300-dpi images and read back by OCR: same 120 articles."""
    if ocr.find_tesseract() is None:
        pytest.skip("tesseract with the vie model is not installed")
    src = next((corpus / "pdf").glob("(32801)*.pdf"))
    scan = tmp_path / "hien-phap-scan.pdf"
    _image_only_pdf(src, scan, dpi=300)
    raw = read(scan)
    assert len(raw.ocr_pages) == 28
    nums = ARTICLE_RE.findall(raw.text)
    assert Counter(nums) == Counter(str(i) for i in range(1, 121))


def test_dehyphenation_of_wrapped_lines() -> None:
    from thpl_nlp.ingest.pdf import _join

    assert (
        _join("Nghị quyết số 15/2024/NQ-", "HĐND ngày 10")
        == "Nghị quyết số 15/2024/NQ-HĐND ngày 10"
    )
    assert _join("chủ nghĩa Mác -", "Lênin") == "chủ nghĩa Mác - Lênin"
    assert _join("quy phạm pháp lu\u00ad", "ật") == "quy phạm pháp luật"
    assert _join("văn bản quy phạm pháp lu\ufffe", "ật") == "văn bản quy phạm pháp luật"
    assert _join("thẩm quyền, hình thức, ", "trình tự") == "thẩm quyền, hình thức, trình tự"


@pytest.mark.corpus
def test_paragraphs_joined_and_not_overjoined(corpus_pdfs: dict) -> None:
    """Wrapped lines are joined (few lines start in lower case, points aside); separate
    paragraphs are not (no clause, point or article label after a sentence end mid-line)."""
    point = re.compile(r"^[a-zđ]\d?\) ")
    glued = re.compile(r"[.;:] (?:\d{1,2}\. [A-ZĐ]|[a-zđ]\) [A-ZĐ]|Điều \d+[a-z]?\. [A-ZĐ])")
    for name, raw in corpus_pdfs.items():
        lines = raw.text.split("\n")
        lower = [ln for ln in lines[1:] if ln[:1].islower() and not point.match(ln)]
        assert len(lower) <= 2, (name, lower[:3])
        assert not glued.search(raw.text), (name, glued.search(raw.text))


@pytest.mark.corpus
def test_offsets_consistent_on_corpus(corpus_pdfs: dict) -> None:
    for name, raw in corpus_pdfs.items():
        assert raw.pages[0].start == 0 and raw.pages[-1].end == len(raw.text), name
        assert all(a.end == b.start for a, b in zip(raw.pages, raw.pages[1:], strict=False))
        assert all(n.anchor is None or 0 <= n.anchor <= len(raw.text) for n in raw.notes)
        assert len(raw.match_text) == len(raw.text)
