"""PDF reader: PDFium text layer, layout clean-up, footnotes, OCR for scanned pages.

Fast path: PDFium (pypdfium2) gives each page's text in content order with ``\\r\\n`` where
the baseline changes. The text is split into *segments* at those breaks and only a handful
of characters per segment are measured (loose boxes of the first and last visible
character), which keeps the cost near PDFium's own text extraction. From that geometry:

* running headers/footers are removed — Công báo lines ``CÔNG BÁO/Số … /Ngày …``, lines
  repeated at the top or bottom of many pages (digits ignored), bare page numbers;
* footnotes are taken out of the body: the trailing block of small-font lines at the foot of
  a page, starting with a marker, becomes :class:`~thpl_nlp.models.Note` records (a block
  without a marker continues the previous page's last note); superscript markers in the body
  are removed from the text and the note's ``anchor`` is the offset where the marker stood;
* lines are joined into paragraphs (a line is continued when it runs to the right margin
  and the next line starts at the left margin with the same font size), with
  de-hyphenation (``NQ-\\nHĐND`` → ``NQ-HĐND``, soft hyphens dropped);
* every character keeps its page: :attr:`RawText.pages` lists ``Page(number, start, end)``
  for each page of the file;
* pages without a text layer are OCR'd (Tesseract ``vie``) or reported with E105.

pdfplumber is used only for tables, and only on pages whose drawing has ruling lines.

>>> from thpl_nlp.ingest import read
>>> raw = read("corpus/samples/qd-ubnd-hoa-son-09-2024.pdf")  # doctest: +SKIP
>>> raw.page_at(raw.text.index("Điều 1."))  # doctest: +SKIP
1
"""

from __future__ import annotations

import ctypes
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from thpl_nlp.errors import ThplError, warning
from thpl_nlp.ingest import ocr
from thpl_nlp.ingest.normalise import clean_text_counted, match_fold
from thpl_nlp.models import Note, Page, RawText, Table
from thpl_nlp.settings import get_settings

# A Công báo running header: "64 CÔNG BÁO/Số 1093 + 1094/Ngày 21-11-2020" (number either side).
_CONG_BAO_RE = re.compile(
    r"""
    ^\s*(?P<num_before>\S{1,4}\s+)?     # page number before the title (OCR may misread it)
    C[ÔO]NG\s*B[ÁA]O\s*/\s*S[ốỐo]        # "CÔNG BÁO/Số"
    [^/\n]*/\s*Ng[àa]y[^\n]*$            # "… /Ngày 21-11-2020" and maybe the page number
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Continuation notes of Công báo issues: "(Tiếp theo Công báo số 1263 + 1264)".
_CONG_BAO_CONT_RE = re.compile(
    r"""
    ^\s*\(\s*(?P<what>Tiếp\s+theo|Xem\s+tiếp)   # "(Tiếp theo" / "(Xem tiếp"
    \s+C[ôo]ng\s+b[áa]o[^)]*\)\s*$              # "Công báo số …)"
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A bare page number line: "12", "- 12 -", "Trang 12", "12/40".
_PAGE_NUMBER_RE = re.compile(
    r"""
    ^\s*[-–—]?\s*
    (?:Trang\s+)?(?P<num>\d{1,4})          # the page number, maybe after "Trang"
    (?:\s*/\s*(?P<total>\d{1,4}))?         # "of N" written as "/N"
    \s*[-–—]?\s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A footnote marker as printed (superscript): digits, or one or more asterisks.
_MARKER_RE = re.compile(
    r"""
    ^\s*(?P<marker>\d{1,3}|\*{1,3})\s*$    # the whole segment is the marker
    """,
    re.VERBOSE,
)
# Starts of structural units: a wrapped line never joins onto the next when the next is one.
_LABEL_START_RE = re.compile(
    r"""
    ^(?:
        (?:Điều|Chương|Mục|Phần|Tiểu\s+mục|Phụ\s+lục)\s+[\dIVXLC]   # Điều 5, Chương II …
      | \d{1,3}[a-zđ]?\.\s                                       # clause "1. " / "8a. "
      | [a-zđ]\)\s                                               # point "a) "
    )
    """,
    re.VERBOSE,
)
_DIGITS_RE = re.compile(r"\d+")
_DIGIT_RE = re.compile(r"\d")
# A possible superscript marker inside a line: digits glued to a word or closing mark.
_INNER_MARKER_RE = re.compile(
    r"""
    (?<=[a-zà-ỹđ”")\].,;:])       # after a lower-case letter or a closing mark ...
    (?P<marker>\d{1,3})            # ... the digits of the marker
    (?=[\s.,;:”")]|$)             # ... followed by a space, punctuation or the end
    """,
    re.VERBOSE,
)
# Lines where PDFium may have joined two table columns: the number/date row of the header
# block, the national motto beside the issuer, "Nơi nhận:" beside the signature.
_COLUMN_HINT_RE = re.compile(
    r"""
    Số\s*:?\s*\S+.*\sngày\s+\d       # "Số: 09/2024/QĐ-UBND   Hòa Sơn, ngày 12 …"
    | \S\s+CỘNG\s+HÒA\s+XÃ\s+HỘI     # "ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI …"
    | \S\s+Độc\s+lập\s+-              # "TỈNH HÒA SƠN   Độc lập - Tự do - Hạnh phúc"
    | Nơi\s+nhận.*\S\s+(?:TM|KT|Q|TL|TUQ)\.\s   # "Nơi nhận:   TM. ỦY BAN NHÂN DÂN"
    | Nơi\s+nhận.*\S\s+CHỦ\s+TỊCH
    """,
    re.VERBOSE,
)


def _may_hold_columns(piece: str) -> bool:
    """A cheap pre-filter before the column regex."""
    return "Số" in piece or "CỘNG" in piece or "Độc" in piece or "Nơi" in piece


_HYPHEN_END = ("\ufffe", "\u00ad", "\x02")

_PDFIUM_LOCK = threading.RLock()
_CHAR_DROP = 0.82  # a superscript is at most this fraction of the body font height
_SMALL_FONT = 0.93  # footnote text is at most this fraction of the body font height


@dataclass(slots=True)
class _Seg:
    """A run of text PDFium put on one line, with the geometry of its ends (PDF points)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    h: float  # loose box height of the first visible character (≈ font size)
    h_last: float = 0.0
    marker: str | None = None  # a trailing superscript marker stripped from ``text``
    lead: str | None = None  # a leading superscript marker stripped from ``text`` (footnotes)
    inner: list[tuple[int, str]] = field(default_factory=list)  # markers inside ``text``
    is_marker: bool = False  # the whole segment is a superscript/footnote marker
    table: bool = False  # a table row built from pdfplumber cells (never joined)


@dataclass(slots=True)
class _Line:
    """A visual line after merging markers back into their line."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    h: float
    page: int
    # (position in ``text``, marker) for body footnote markers removed from the text
    markers: list[tuple[int, str]] = field(default_factory=list)
    table: bool = False


@dataclass(slots=True)
class _PageData:
    number: int
    width: float
    height: float
    segs: list[_Seg]
    ocr: bool = False
    ruled: bool = False  # the text looks tabular: tables are read with pdfplumber


def _loose_box(tp: ctypes.c_void_p, index: int, rect: pdfium_c.FS_RECTF) -> None:
    pdfium_c.FPDFText_GetLooseCharBox(tp, index, rect)


def _size(tp: ctypes.c_void_p, index: int, matrix: pdfium_c.FS_MATRIX) -> float:
    """Font size of a character in points (font size × the text matrix's vertical scale)."""
    pdfium_c.FPDFText_GetMatrix(tp, index, matrix)
    scale = math.hypot(matrix.c, matrix.d) or 1.0
    return pdfium_c.FPDFText_GetFontSize(tp, index) * scale


def _page_segments(textpage: pdfium.PdfTextPage) -> list[_Seg]:
    """Split a text page into segments and measure their ends."""
    raw_text = textpage.get_text_range()
    tp = textpage.raw
    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    segs: list[_Seg] = []
    index = 0
    for piece in raw_text.split("\r\n"):
        start = index
        index += len(piece) + 2
        stripped = piece.strip()
        if not stripped:
            continue
        if _may_hold_columns(piece) and _COLUMN_HINT_RE.search(piece):
            for sub_start, sub in _split_columns(tp, piece, start, rect, matrix):
                seg = _measure(tp, sub, sub_start, rect, matrix)
                if seg is not None:
                    segs.append(seg)
            continue
        seg = _measure(tp, piece, start, rect, matrix)
        if seg is not None:
            segs.append(seg)
    return segs


def _split_columns(
    tp: ctypes.c_void_p,
    piece: str,
    start: int,
    rect: pdfium_c.FS_RECTF,
    matrix: pdfium_c.FS_MATRIX,
) -> list[tuple[int, str]]:
    """Split a line PDFium joined across table columns ("Số: 09/… Hòa Sơn, ngày …")."""
    cuts = [0]
    for k, ch in enumerate(piece):
        if ch != " " or k == 0 or k + 1 >= len(piece) or piece[k + 1] == " ":
            continue
        _loose_box(tp, start + k - 1, rect)
        left_end = rect.right
        _loose_box(tp, start + k + 1, rect)
        if rect.left - left_end > 2.5 * _size(tp, start + k + 1, matrix):
            cuts.append(k + 1)
    cuts.append(len(piece))
    return [(start + a, piece[a:b]) for a, b in pairwise(cuts)]


def _measure(
    tp: ctypes.c_void_p,
    piece: str,
    start: int,
    rect: pdfium_c.FS_RECTF,
    matrix: pdfium_c.FS_MATRIX,
) -> _Seg | None:
    """Build a segment for ``piece`` (PDFium characters from ``start``)."""
    stripped = piece.strip()
    if not stripped:
        return None
    first = start + (len(piece) - len(piece.lstrip()))
    last = start + len(piece.rstrip()) - 1
    _loose_box(tp, first, rect)
    x0, top, bottom = rect.left, rect.top, rect.bottom
    h = _size(tp, first, matrix)
    h_last = h
    if last != first:
        _loose_box(tp, last, rect)
        # The last character's size matters only for a superscript marker at either end.
        if stripped[-1].isdigit() or stripped[0].isdigit():
            h_last = _size(tp, last, matrix)
    x1 = rect.right
    last_top, last_bottom = rect.top, rect.bottom
    seg = _Seg(piece, x0, x1, top, bottom, h, h_last)
    offset = start  # PDFium index of seg.text[0]
    # A trailing superscript digit run ("3.2", "pháp luật1"): measure each digit.
    if stripped[-1].isdigit() and last != first and h_last < _CHAR_DROP * h:
        n = 1
        while n < 3 and last - n > first and piece.rstrip()[-1 - n].isdigit():
            if _size(tp, last - n, matrix) >= _CHAR_DROP * h:
                break
            n += 1
        body = piece.rstrip()
        seg.marker = body[-n:]
        seg.text = body[:-n]
        seg.h_last = h
    elif stripped[0].isdigit() and last != first and h < _CHAR_DROP * h_last:
        # A leading superscript ("⁵ Điều này được sửa đổi…"): a footnote's marker.
        n = 1
        while n < 3 and first + n < last and piece[first - start + n].isdigit():
            if _size(tp, first + n, matrix) >= _CHAR_DROP * h_last:
                break
            n += 1
        body = piece.lstrip()
        seg.lead = body[:n]
        seg.text = body[n:]
        seg.h = h_last
        seg.top, seg.bottom = last_top, last_bottom  # the body baseline, not the marker
        offset = first + n
    if seg.text and _DIGIT_RE.search(seg.text) and _INNER_MARKER_RE.search(seg.text):
        _inner_markers(tp, seg, offset, matrix)
    return seg


def _inner_markers(tp: ctypes.c_void_p, seg: _Seg, offset: int, matrix: pdfium_c.FS_MATRIX) -> None:
    """Remove superscript markers inside a segment ("thẩm tra¹⁷ dự án") into ``seg.inner``."""
    found: list[tuple[int, int]] = []
    for m in _INNER_MARKER_RE.finditer(seg.text):
        i = m.start("marker")
        before = _size(tp, offset + i - 1, matrix)
        if _size(tp, offset + i, matrix) < _CHAR_DROP * before:
            found.append((i, m.end("marker")))
    removed = 0
    text = seg.text
    for i, j in found:
        seg.inner.append((i - removed, text[i:j]))
        removed += j - i
    for i, j in reversed(found):
        seg.text = seg.text[:i] + seg.text[j:]


def _looks_tabular(segs: list[_Seg]) -> bool:
    """Cheap table cue: several visual rows holding separate cells (wide gaps between runs)."""
    rows: dict[int, list[_Seg]] = {}
    for s in segs:
        rows.setdefault(round(s.bottom / 3.0), []).append(s)
    multi = 0
    for row in rows.values():
        if len(row) < 2:
            continue
        row.sort(key=lambda r: r.x0)
        if any(b.x0 - a.x1 > 1.5 * max(a.h, 1.0) for a, b in pairwise(row)):
            multi += 1
    return multi >= 3


def _has_image(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2))


def _open(path: Path, source: str) -> pdfium.PdfDocument:
    if path.stat().st_size == 0:
        raise ThplError("E101", source)
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg or "security" in msg:
            raise ThplError("E104", source) from exc
        raise ThplError("E103", source, f" ({exc})") from exc


def read_pdf(
    path: str | Path, *, source: str | None = None, ocr_mode: bool | None = None
) -> RawText:
    """Read a PDF into :class:`RawText` (see the module docstring).

    ``ocr_mode``: None — OCR only pages without a text layer; True — OCR every page;
    False — never OCR (pages without text raise E105).

    >>> raw = read_pdf("corpus/samples/nq-hdnd-hoa-son-15-2024.pdf")  # doctest: +SKIP
    >>> raw.fmt  # doctest: +SKIP
    'pdf'
    """
    path = Path(path)
    source = source if source is not None else str(path)
    # PDFium is not thread-safe: the web app or a flow may read files from several threads.
    with _PDFIUM_LOCK:
        pages, scanned, warnings = _extract(path, source, ocr_mode)
    tables = _tables(path, pages) if any(p.ruled for p in pages) else []
    raw = _assemble(pages, source, warnings)
    raw.ocr_pages = scanned
    raw.tables = _locate_tables(raw, tables)
    return raw


def _extract(
    path: Path, source: str, ocr_mode: bool | None
) -> tuple[list[_PageData], list[int], list[str]]:
    """Everything that touches PDFium: segments of every page, OCR."""
    settings = get_settings()
    doc = _open(path, source)
    try:
        n_pages = len(doc)
        if n_pages > settings.max_pages:
            raise ThplError(
                "E106", source, f" ({n_pages} trang; giới hạn {settings.max_pages} trang)"
            )
        if n_pages == 0:
            raise ThplError("E103", source, " (không có trang nào)")
        pages: list[_PageData] = []
        scanned: list[int] = []
        for i in range(n_pages):
            page = doc[i]
            width, height = page.get_size()
            textpage = page.get_textpage()
            segs = _page_segments(textpage) if ocr_mode is not True else []
            visible = sum(len(s.text.strip()) for s in segs)
            data = _PageData(i + 1, width, height, segs)
            if ocr_mode is True or (visible < 8 and _has_image(page)):
                scanned.append(i + 1)
            elif visible:
                data.ruled = _looks_tabular(segs)
            pages.append(data)
            textpage.close()
            page.close()
        warnings: list[str] = []
        if scanned:
            if ocr_mode is False or ocr.find_tesseract() is None:
                raise ThplError("E105", source, _page_list(scanned))
            recognised = ocr.ocr_pdf_pages(doc, scanned, source=source)
            for number in scanned:
                lines = recognised[number]
                pages[number - 1].segs = [
                    _Seg(
                        ln.text,
                        ln.x0,
                        ln.x1,
                        ln.top,
                        ln.bottom,
                        ln.top - ln.bottom,
                        ln.top - ln.bottom,
                    )
                    for ln in lines
                ]
                pages[number - 1].ocr = True
            warnings.append(warning("W103", len(scanned)))
    finally:
        doc.close()
    return pages, scanned, warnings


def _page_list(numbers: list[int]) -> str:
    if len(numbers) > 12:
        return ", ".join(map(str, numbers[:12])) + f"… ({len(numbers)} trang)"
    return ", ".join(map(str, numbers))


# --- running headers and footers ------------------------------------------------------------


def _edge_key(text: str) -> str:
    return _DIGITS_RE.sub("#", " ".join(text.split())).upper()


def _strip_running(pages: list[_PageData], body_h: float) -> None:
    """Remove headers/footers: Công báo lines, repeated edge lines, bare page numbers."""
    counts: Counter[str] = Counter()
    for p in pages:
        keys = {_edge_key(s.text) for s in p.segs[:2] + p.segs[-2:]}
        counts.update(keys)
    threshold = max(3, int(0.4 * len(pages)))
    repeated = {k for k, c in counts.items() if c >= threshold and len(k) > 3}
    for p in pages:
        if p.ocr and not p.segs:
            continue
        top_band = p.height * 0.88
        bottom_band = p.height * 0.10
        keep: list[_Seg] = []
        n = len(p.segs)
        for i, s in enumerate(p.segs):
            edge = i < 3 or i >= n - 2
            text = s.text.strip()
            if edge and (s.bottom >= top_band or s.top <= bottom_band):
                if _CONG_BAO_RE.match(text) or _edge_key(text) in repeated:
                    continue
                if (
                    _PAGE_NUMBER_RE.match(text)
                    and s.h >= _CHAR_DROP * body_h
                    and (i + 1 >= n or not _same_line(s, p.segs[i + 1]))
                ):
                    continue
            elif edge and _CONG_BAO_RE.match(text):
                continue
            if _CONG_BAO_CONT_RE.match(text):
                continue
            keep.append(s)
        p.segs = keep


def _same_line(a: _Seg, b: _Seg) -> bool:
    """``b`` continues ``a``'s visual line (same baseline band, to its right, small gap)."""
    tol = 0.45 * max(a.h, 1.0)
    overlap = min(a.top, b.top) - max(a.bottom, b.bottom)
    return (
        overlap > 0.3 * min(a.h, b.h)
        and abs(b.bottom - a.bottom) < tol + abs(a.h - b.h)
        and b.x0 >= a.x1 - 2.0
        and b.x0 - a.x1 < 2.5 * max(a.h, b.h)
    )


# --- footnotes ------------------------------------------------------------------------------


def _body_height(pages: list[_PageData]) -> float:
    sizes: Counter[float] = Counter()
    for p in pages:
        for s in p.segs:
            sizes[round(s.h, 1)] += len(s.text)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def _plain_marker(s: _Seg, expect: str | None) -> bool:
    """A note starting with its number in the note's own font ("90 Điều này được …")."""
    return bool(expect) and s.text.lstrip().startswith(f"{expect} ")


def _split_footnotes(
    p: _PageData, body_h: float, open_note: bool, expect: str | None
) -> tuple[list[_Seg], list[tuple[str | None, list[_Seg]]]]:
    """Return body segments and footnotes ``[(marker or None for a continuation, segs)]``.

    ``expect`` is the marker the next note should carry (the last note's number plus one).
    """
    segs = p.segs
    if p.ocr or not segs:
        return segs, []
    small = _SMALL_FONT * body_h
    i = len(segs)
    while i > 0 and segs[i - 1].h < small:
        i -= 1
    # The block starts at a marker standing on its own line (not inline after body text).
    start = None
    for j in range(i, len(segs)):
        s = segs[j]
        inline = j > 0 and _same_line(segs[j - 1], s)
        if (s.lead or (_MARKER_RE.match(s.text) and j + 1 < len(segs))) and not inline:
            start = j
            break
        if j == i and _plain_marker(s, expect):
            start = j
            break
        if j == i and not _MARKER_RE.match(s.text):
            # Text first: a continuation of the previous page's note, if one is open.
            if open_note and i < len(segs):
                start = j
            break
    if start is None:
        return segs, []
    block = segs[start:]
    notes: list[tuple[str | None, list[_Seg]]] = []
    current: tuple[str | None, list[_Seg]] | None = None
    for k, s in enumerate(block):
        m = _MARKER_RE.match(s.text)
        follows = k + 1 < len(block) and _same_line(s, block[k + 1])
        prev_inline = k > 0 and _same_line(block[k - 1], s)
        if m and follows and not prev_inline:
            current = (m.group("marker"), [])
            notes.append(current)
            expect = _next_marker(m.group("marker"))
            continue
        if s.lead and not prev_inline:
            current = (s.lead, [s])
            notes.append(current)
            expect = _next_marker(s.lead)
            continue
        if _plain_marker(s, expect) and not prev_inline:
            s.text = s.text.lstrip()[len(expect or "") :]
            current = (expect, [s])
            notes.append(current)
            expect = _next_marker(expect)
            continue
        if current is None:
            current = (None, [])
            notes.append(current)
        current[1].append(s)
    return segs[:start], notes


def _next_marker(marker: str | None) -> str | None:
    return str(int(marker) + 1) if marker and marker.isdigit() else None


# --- lines and paragraphs -------------------------------------------------------------------


def _append(line: _Line, s: _Seg) -> None:
    """Append a segment's text to a line, moving its markers into line positions."""
    if s.lead:
        line.text = line.text.rstrip() if line.text.strip() else ""
        line.markers.append((len(line.text), s.lead))
    base = len(line.text)
    line.text += s.text
    line.markers.extend((base + i, m) for i, m in s.inner)
    if s.marker:
        line.text = line.text.rstrip()
        line.markers.append((len(line.text), s.marker))


def _merge_lines(segs: list[_Seg], page: int, body_h: float) -> list[_Line]:
    """Merge markers and the text after them back into visual lines."""
    lines: list[_Line] = []
    prev: _Seg | None = None
    for s in segs:
        marker_only = bool(_MARKER_RE.match(s.text)) and s.h < _CHAR_DROP * body_h
        if marker_only and lines:
            # A superscript marker PDFium put on a line of its own: attach it to the line.
            line = lines[-1]
            line.text = line.text.rstrip()
            line.markers.append((len(line.text), s.text.strip()))
            s.is_marker = True
        elif (
            lines
            and prev is not None
            and _same_line(prev, s)
            and (prev.marker or prev.is_marker or s.lead)
        ):
            _append(lines[-1], s)
            lines[-1].x1 = s.x1
        else:
            line = _Line("", s.x0, s.x1, s.top, s.bottom, s.h, page, table=s.table)
            _append(line, s)
            lines.append(line)
        prev = s
    return lines


def _margins(lines: list[_Line], fallback: tuple[float, float]) -> tuple[float, float]:
    if len(lines) < 8:
        return fallback
    xs0 = sorted(ln.x0 for ln in lines)
    xs1 = sorted(ln.x1 for ln in lines)
    return xs0[len(xs0) // 10], xs1[(len(xs1) * 9) // 10]


def _continues(a: _Line, b: _Line, margins: tuple[float, float], same_page: bool) -> bool:
    """Does line ``b`` continue the paragraph of line ``a``?"""
    left, right = margins
    if a.table or b.table:
        return False
    if abs(a.h - b.h) > 0.15 * max(a.h, b.h):
        return False
    if b.x0 > left + 0.45 * b.h:  # indented: a new paragraph, or centred text
        centre = (left + right) / 2
        text_b = b.text.lstrip()
        wrapped_centred = (  # a centred title wrapped over the full width
            a.x1 > right - 3 * a.h
            and a.x0 < left + 4 * a.h
            and b.x0 > left + 2 * b.h
            and b.x1 < right - 2 * b.h
            and abs((b.x0 + b.x1) / 2 - centre) < 1.5 * b.h
            and abs((a.x0 + a.x1) / 2 - centre) < 1.5 * a.h
            and not a.text.rstrip().endswith((".", ";", ":"))
            and not text_b.startswith("(")
            and not _LABEL_START_RE.match(text_b)
        )
        if not wrapped_centred:
            return False
    if same_page:
        gap = a.bottom - b.top
        if gap < -0.5 * a.h or gap > 1.3 * a.h:
            return False
    text_b = b.text.lstrip()
    first_word = text_b.split(" ", 1)[0] if text_b else ""
    # The next line's first word would not have fitted on this line: a wrapped line.
    room = right - a.x1
    if room > (len(first_word) + 1) * 0.55 * a.h + 2.0:
        return False
    tail = a.text.rstrip()
    return not (tail.endswith((".", ";", ":")) and _LABEL_START_RE.match(text_b))


def _join(a: str, b: str) -> str:
    """Join two wrapped lines, de-hyphenating the break."""
    a = a.rstrip()
    b = b.lstrip()
    if a.endswith(_HYPHEN_END):
        return a.rstrip("".join(_HYPHEN_END)) + b
    if a.endswith("-") and len(a) > 1 and not a[-2].isspace():
        return a + b  # "NQ-" + "HĐND": a compound code split at its hyphen
    return a + " " + b


def _clean_line(ln: _Line) -> tuple[str, list[tuple[int, str]], int]:
    """Clean a line's text; map its marker positions into the cleaned text."""
    cleaned, n_rep = clean_text_counted(ln.text)
    markers = ln.markers
    if markers and len(cleaned) != len(ln.text):
        # Lengths differ (NFC composition or dropped characters): scale the positions.
        ratio = len(cleaned) / max(len(ln.text), 1)
        markers = [(round(i * ratio), m) for i, m in markers]
    return cleaned, markers, n_rep


def _build_paragraph(
    para: list[_Line],
) -> tuple[str, list[tuple[int, int]], list[tuple[int, str]], int]:
    """Join a paragraph's lines: (text, [(offset, page) change points], markers, replaced)."""
    text = ""
    changes: list[tuple[int, int]] = []
    markers: list[tuple[int, str]] = []
    replaced = 0
    for ln in para:
        cleaned, line_markers, n_rep = _clean_line(ln)
        replaced += n_rep
        body = cleaned.lstrip()
        lead = len(cleaned) - len(body)
        if not text:
            text = body.rstrip() if ln is para[-1] else body
            begin = 0
        else:
            joined = _join(text, body)
            begin = len(joined) - len(body)
            text = joined
            markers = [(min(i, begin), m) for i, m in markers]
        if not changes or changes[-1][1] != ln.page:
            changes.append((begin, ln.page))
        markers.extend((min(begin + i - lead, len(text)), m) for i, m in line_markers)
    text = text.rstrip()
    markers = [(min(max(i, 0), len(text)), m) for i, m in markers]
    return text, changes, markers, replaced


def _assemble(pages: list[_PageData], source: str, warnings: list[str]) -> RawText:
    body_h = _body_height(pages)
    _strip_running(pages, body_h)
    all_lines: list[list[_Line]] = []
    notes_raw: list[tuple[str | None, int, list[_Seg]]] = []
    open_note = False
    expect: str | None = None
    for p in pages:
        body, notes = _split_footnotes(p, body_h, open_note, expect)
        if notes:
            open_note = True
        elif body:
            open_note = False
        for marker, segs in notes:
            notes_raw.append((marker, p.number, segs))
            expect = _next_marker(marker) or expect
        all_lines.append(_merge_lines(body, p.number, body_h))
    flat = [ln for page_lines in all_lines for ln in page_lines if ln.text.strip()]
    doc_margins = _margins(flat, (0.0, max((p.width for p in pages), default=595.0)))
    margins = {
        p.number: _margins(lines, doc_margins) for p, lines in zip(pages, all_lines, strict=True)
    }
    # Paragraphs: consecutive lines joined while they continue each other.
    paras: list[list[_Line]] = []
    prev: _Line | None = None
    for ln in flat:
        if prev is not None and _continues(prev, ln, margins[ln.page], prev.page == ln.page):
            paras[-1].append(ln)
        else:
            paras.append([ln])
        prev = ln
    # Build the text, tracking where each page's characters begin and the body markers.
    out: list[str] = []
    pos = 0
    changes: list[tuple[int, int]] = []  # (offset, page) where a page's text begins
    anchors: dict[str, list[int]] = {}
    replaced = 0
    for para in paras:
        ptext, pchanges, pmarkers, n_rep = _build_paragraph(para)
        replaced += n_rep
        if not ptext:
            continue
        if out:
            out.append("\n")
            pos += 1
        for off, page in pchanges:
            if not changes or changes[-1][1] != page:
                changes.append((pos + off, page))
        for off, m in pmarkers:
            anchors.setdefault(m, []).append(pos + off)
        out.append(ptext)
        pos += len(ptext)
    text = "".join(out)
    notes, n_rep = _build_notes(notes_raw, anchors)
    replaced += n_rep
    if replaced:
        warnings.append(warning("W104", replaced))
    return RawText(
        source=source,
        text=text,
        fmt="pdf",
        pages=_page_ranges(pages, changes, len(text)),
        notes=notes,
        warnings=warnings,
        match_text=match_fold(text),
    )


def _build_notes(
    notes_raw: list[tuple[str | None, int, list[_Seg]]], anchors: dict[str, list[int]]
) -> tuple[list[Note], int]:
    notes: list[Note] = []
    replaced = 0
    for marker, page_no, segs in notes_raw:
        body = ""
        for s in segs:
            piece, n_rep = clean_text_counted(s.text)
            replaced += n_rep
            body = _join(body, piece) if body else piece.strip()
        body = body.strip()
        if marker is None:
            if notes:
                notes[-1].text = _join(notes[-1].text, body)
            continue
        queue = anchors.get(marker, [])
        anchor = queue.pop(0) if queue else None
        notes.append(Note(marker=marker, text=body, anchor=anchor, page=page_no))
    return notes, replaced


def _page_ranges(pages: list[_PageData], changes: list[tuple[int, int]], length: int) -> list[Page]:
    """Contiguous ``Page(number, start, end)`` for every page of the file.

    A page runs from its first character to the first character of the next page with text;
    a page without text is an empty range at that position.
    """
    starts: dict[int, int] = {}
    for off, page in changes:
        starts.setdefault(page, off)
    result: list[Page] = []
    following = length
    for p in reversed(pages):
        start = starts.get(p.number)
        if start is None:
            result.append(Page(p.number, following, following))
        else:
            result.append(Page(p.number, start, following))
            following = start
    result.reverse()
    return result


# --- tables ---------------------------------------------------------------------------------


def _tables(path: Path, pages: list[_PageData]) -> list[tuple[int, list[list[str]]]]:
    """Tables of pages that look tabular, read with pdfplumber (imported lazily: it is slow).

    The segments PDFium gave for the table area are replaced by one line per row, cells
    joined by a tab, so the body text reads row by row as in the other readers.
    """
    import pdfplumber

    found: list[tuple[int, list[list[str]]]] = []
    with pdfplumber.open(str(path)) as pdf:
        for p in pages:
            if not p.ruled:
                continue
            for table in pdf.pages[p.number - 1].find_tables():
                rows = [[" ".join((c or "").split()) for c in row] for row in table.extract()]
                keep = [k for k, r in enumerate(rows) if any(r)]
                rows = [rows[k] for k in keep]
                if len(rows) < 2 or max(len(r) for r in rows) < 2:
                    continue
                row_boxes = [table.rows[k].bbox for k in keep]
                _replace_table_area(p, table.bbox, rows, row_boxes)
                found.append((p.number, rows))
    return found


def _replace_table_area(
    p: _PageData,
    bbox: tuple[float, float, float, float],
    rows: list[list[str]],
    row_boxes: list[tuple[float, float, float, float]],
) -> None:
    """Swap the segments inside a table's box (pdfplumber top-left coordinates) for rows."""
    x0, top, x1, bottom = bbox
    y_top, y_bottom = p.height - top, p.height - bottom  # PDF coordinates

    def inside(s: _Seg) -> bool:
        mid = (s.top + s.bottom) / 2
        return x0 - 1 <= s.x0 <= x1 + 1 and y_bottom - 1 <= mid <= y_top + 1

    first = next((k for k, s in enumerate(p.segs) if inside(s)), None)
    if first is None:
        return
    size = p.segs[first].h
    new = [
        _Seg(
            "\t".join(r).rstrip("\t"),
            rb[0],
            rb[2],
            p.height - rb[1],
            p.height - rb[3],
            size,
            size,
            table=True,
        )
        for r, rb in zip(rows, row_boxes, strict=True)
    ]
    kept = [s for s in p.segs if not inside(s)]
    at = sum(1 for s in p.segs[:first] if not inside(s))
    p.segs = kept[:at] + new + kept[at:]


def _locate_tables(raw: RawText, tables: list[tuple[int, list[list[str]]]]) -> list[Table]:
    """Find each table's rows (tab-joined lines) in the text."""
    result: list[Table] = []
    lo = 0
    for page_no, rows in tables:
        page = next((p for p in raw.pages if p.number == page_no), None)
        lo = max(lo, page.start if page else 0)
        first = clean_text_counted("\t".join(rows[0]).rstrip("\t"))[0]
        last = clean_text_counted("\t".join(rows[-1]).rstrip("\t"))[0]
        start = raw.text.find(first, lo)
        end = raw.text.find(last, max(start, lo)) if start >= 0 else -1
        if start < 0 or end < 0:
            start, end = lo, lo
        else:
            end += len(last)
            lo = end
        result.append(Table(rows=rows, start=start, end=end, page=page_no))
    return result
