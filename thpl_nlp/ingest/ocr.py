"""OCR of scanned pages with the Tesseract command line (language ``vie``).

pytesseract is not needed: the ``tesseract`` binary is called through :mod:`subprocess` with
TSV output, which gives every recognised word with its box, so lines come back with the same
geometry (in PDF points) as text-layer lines and go through the same layout analysis.

>>> find_tesseract() is None or find_tesseract().endswith("tesseract")
True
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from thpl_nlp.errors import ThplError

OCR_DPI = 300
OCR_LANG = "vie"


# A structural heading misread by OCR at a line start: "Điêu 6S", "Điều I1", "Diều 1O."
_HEADING_FIX_RE = re.compile(
    r"""
    ^(?P<word>Đi[êeềếễ]u|Điếu|Diều|Điểu|Đỉều)     # "Điều" with a misread tone or letter
    \s+(?P<num>[0-9IlOoSB|]{1,3})                # the number, with letter look-alikes
    (?P<suffix>[a-zđ]?)                          # "68a"
    (?=[.:]|\s|$)
    """,
    re.VERBOSE,
)
_DIGIT_LOOKALIKES = str.maketrans(
    {"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "S": "5", "B": "8"}
)


def fix_heading(text: str) -> str:
    """Repair OCR misreadings in an article heading at the start of a line.

    Only a number token that has at least one real digit, or is a single ``I``/``l``, is
    repaired, so ordinary words are never touched.

    >>> fix_heading("Điêu 6S"), fix_heading("Điều I1. Phạm vi"), fix_heading("Điều kiện")
    ('Điều 65', 'Điều 11. Phạm vi', 'Điều kiện')
    """
    m = _HEADING_FIX_RE.match(text)
    if not m:
        return text
    num = m.group("num")
    if not (any(c.isdigit() for c in num) or num in ("I", "l")):
        return text
    return "Điều " + num.translate(_DIGIT_LOOKALIKES) + m.group("suffix") + text[m.end() :]


@dataclass(slots=True)
class OcrLine:
    """One recognised line; coordinates in PDF points, origin bottom-left like PDFium."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@cache
def _tesseract_with_vie() -> str | None:
    exe = shutil.which("tesseract")
    if not exe:
        return None
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    langs = {line.strip() for line in (out.stdout + out.stderr).splitlines()}
    return exe if OCR_LANG in langs else None


def find_tesseract() -> str | None:
    """Path of a ``tesseract`` binary that has the Vietnamese model, or None.

    >>> isinstance(find_tesseract(), (str, type(None)))
    True
    """
    return _tesseract_with_vie()


def ocr_image(
    png: Path, page_height_pt: float, *, source: str = "", threads: int | None = None
) -> list[OcrLine]:
    """Recognise a 300-dpi page image and return its lines (top to bottom).

    Raises ``ThplError("E105")`` when Tesseract is missing and ``E112`` when it fails.
    """
    exe = find_tesseract()
    if exe is None:
        raise ThplError("E105", source, "")
    try:
        env = dict(os.environ)
        if threads:
            env["OMP_THREAD_LIMIT"] = str(threads)
        out = subprocess.run(
            [exe, str(png), "stdout", "-l", OCR_LANG, "--dpi", str(OCR_DPI), "tsv"],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env=env,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise ThplError("E112", source, f" ({exc})") from exc
    if out.returncode != 0:
        raise ThplError("E112", source, f" ({out.stderr.strip()[:200]})")
    scale = 72.0 / OCR_DPI
    lines: dict[tuple[int, int, int, int], list[tuple[int, int, int, int, str]]] = {}
    reader = csv.DictReader(io.StringIO(out.stdout), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        word = (row.get("text") or "").strip()
        if row.get("level") != "5" or not word:
            continue
        key = (
            int(row["page_num"]),
            int(row["block_num"]),
            int(row["par_num"]),
            int(row["line_num"]),
        )
        left, top = int(row["left"]), int(row["top"])
        lines.setdefault(key, []).append(
            (left, top, left + int(row["width"]), top + int(row["height"]), word)
        )
    result: list[OcrLine] = []
    for words in lines.values():
        words.sort()
        x0 = min(w[0] for w in words)
        x1 = max(w[2] for w in words)
        # Line height from the median word box (descenders and accents vary per word).
        tops = sorted(w[1] for w in words)
        bottoms = sorted(w[3] for w in words)
        top_px, bottom_px = tops[len(tops) // 2], bottoms[len(bottoms) // 2]
        result.append(
            OcrLine(
                text=fix_heading(" ".join(w[4] for w in words)),
                x0=x0 * scale,
                x1=x1 * scale,
                top=page_height_pt - top_px * scale,
                bottom=page_height_pt - bottom_px * scale,
            )
        )
    result.sort(key=lambda ln: (-ln.top, ln.x0))
    return result


def ocr_pdf_pages(doc: object, numbers: list[int], *, source: str = "") -> dict[int, list[OcrLine]]:
    """OCR the given 1-based pages of a :class:`pypdfium2.PdfDocument`.

    Pages are rendered at 300 dpi (one at a time, in this thread: PDFium is not thread-safe)
    and recognised by one single-threaded Tesseract process per CPU in parallel.
    """
    import pypdfium2 as pdfium

    assert isinstance(doc, pdfium.PdfDocument)
    workers = max(1, min(os.cpu_count() or 1, len(numbers)))
    results: dict[int, list[OcrLine]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="thpl-ocr-") as tmp,
        ThreadPoolExecutor(max_workers=workers) as pool,
    ):
        futures = {}
        for number in numbers:
            page = doc[number - 1]
            height = page.get_height()
            png = Path(tmp) / f"page-{number}.png"
            page.render(scale=OCR_DPI / 72.0, grayscale=True).to_pil().save(
                png, dpi=(OCR_DPI, OCR_DPI)
            )
            page.close()
            futures[number] = pool.submit(ocr_image, png, height, source=source, threads=1)
        for number, fut in futures.items():
            results[number] = fut.result()
    return results
