"""Ingest: read a file (PDF, DOCX, DOC, HTML, TXT, MD) into a :class:`~thpl_nlp.models.RawText`.

:func:`read` sniffs the content (magic bytes) first and falls back on the extension; every
problem is a :class:`~thpl_nlp.errors.ThplError` with an E1xx code, never a raw exception.
``read`` does not decide whether the text is a legal document: the structure stage does, with
:func:`thpl_nlp.ingest.detect.is_legal_document`.

>>> from thpl_nlp.ingest import read
>>> raw = read("../shared/examples/qd-mau-12-2021.txt")  # doctest: +SKIP
>>> raw.text.startswith("ỦY BAN NHÂN DÂN")  # doctest: +SKIP
True
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from thpl_nlp.errors import ThplError
from thpl_nlp.ingest.detect import is_legal_document
from thpl_nlp.models import RawText
from thpl_nlp.settings import get_settings

__all__ = ["read", "sniff", "is_legal_document", "FORMATS"]

FORMATS = ("pdf", "docx", "doc", "html", "txt", "md")
_EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File Binary (Word 97-2003)


def sniff(path: Path, head: bytes) -> str | None:
    """Format of a file from its first bytes, then its extension; None when unknown.

    >>> sniff(Path("x.bin"), b"%PDF-1.7\\n")
    'pdf'
    >>> sniff(Path("quyet-dinh.md"), "# QUYẾT ĐỊNH".encode())
    'md'
    """
    ext = _EXTENSIONS.get(path.suffix.lower())
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE_MAGIC):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                if "word/document.xml" in zf.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return "docx" if ext == "docx" else None
        return "docx" if ext == "docx" else None
    if head.startswith(b"{\\rtf"):
        return "doc"  # LibreOffice reads RTF through the same fallback as .doc
    lower = stripped[:512].lower()
    if ext in ("txt", "md"):
        return ext
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lower:
        return "html"
    return ext


def read(path: str | Path, *, source: str | None = None, ocr: bool | None = None) -> RawText:
    """Read one file into a :class:`RawText`.

    ``source`` is the path as given on the command line (default ``str(path)``); ``ocr``:
    None — OCR only pages without a text layer, True — OCR every page, False — never.

    >>> read("khong-co.pdf")
    Traceback (most recent call last):
    ...
    thpl_nlp.errors.ThplError: khong-co.pdf: [E100] Không tìm thấy tệp hoặc thư mục. Hãy kiểm tra lại đường dẫn.
    """  # noqa: E501
    path = Path(path)
    source = source if source is not None else str(path)
    try:
        if not path.is_file():
            raise ThplError("E100", source)
        size = path.stat().st_size
        if size == 0:
            raise ThplError("E101", source)
        limit = get_settings().max_bytes
        if size > limit:
            raise ThplError("E106", source, f" ({size:,} byte; giới hạn {limit:,} byte)")
        with path.open("rb") as fh:
            head = fh.read(4096)
        fmt = sniff(path, head)
        if fmt == "pdf":
            from thpl_nlp.ingest.pdf import read_pdf

            return read_pdf(path, source=source, ocr_mode=ocr)
        if fmt == "docx":
            from thpl_nlp.ingest.docx import read_docx

            return read_docx(path, source=source)
        if fmt == "doc":
            from thpl_nlp.ingest.doc import read_doc

            return read_doc(path, source=source)
        if fmt == "html":
            from thpl_nlp.ingest.html import read_html

            return read_html(path, source=source)
        from thpl_nlp.ingest.text import read_text

        if fmt in ("txt", "md"):
            return read_text(path, source=source, fmt=fmt)
        if b"\x00" not in head[:1024]:
            return read_text(path, source=source, fmt="txt")
        raise ThplError("E102", source, f" ({path.suffix or 'không có phần mở rộng'})")
    except ThplError:
        raise
    except PermissionError as exc:
        raise ThplError("E113", source, f" ({exc.strerror})") from exc
    except OSError as exc:
        raise ThplError("E113", source, f" ({exc.strerror or exc})") from exc
    except Exception as exc:  # noqa: BLE001 - a reader bug must still reach the user cleanly
        raise ThplError("E113", source, f" ({type(exc).__name__}: {exc})") from exc
