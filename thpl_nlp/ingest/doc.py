"""Legacy Word (.doc, and RTF) reader: antiword first, LibreOffice headless as fallback.

antiword (``-m UTF-8.txt -w 0``: UTF-8, one line per paragraph) takes about 10 ms for a
law; it writes footnote references as ``[N]`` and the footnote texts after the body, which
this reader turns into :class:`~thpl_nlp.models.Note` records (anchor = where ``[N]``
stood). Table rows come out as ``cell|cell|``; each cell becomes a line.
LibreOffice (``soffice --headless --convert-to txt``) is the fallback for files antiword
cannot read (RTF, Word 6/95, damaged files); it glues footnote numbers to the word before,
so no notes are extracted on that path. On the corpus both tools give the same Vietnamese
text (same words except table pipes; same article counts).

>>> raw = read_doc("../shared/corpus/doc/(32801)-Hien_phap_nam_2013.doc")  # doctest: +SKIP
>>> raw.text.count("\\nĐiều ")  # doctest: +SKIP
120
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from thpl_nlp.errors import ThplError, warning
from thpl_nlp.ingest.normalise import clean_text_counted, match_fold
from thpl_nlp.models import Note, RawText

# A footnote reference antiword prints in the body: "hành chính[1]".
_REF_RE = re.compile(r"\[(?P<num>\d{1,4})\]")
# A footnote text antiword prints after the body: "[12] Điều này được sửa đổi …".
_NOTE_START_RE = re.compile(
    r"""
    ^\[(?P<num>\d{1,4})\]\s+      # the note number in brackets, at the line start
    (?P<text>.*)$                 # the first line of its text
    """,
    re.VERBOSE,
)
_TIMEOUT = 180


def _antiword(path: Path) -> str | None:
    exe = shutil.which("antiword")
    if not exe:
        return None
    try:
        out = subprocess.run(
            [exe, "-m", "UTF-8.txt", "-w", "0", str(path)],
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = out.stdout.decode("utf-8", errors="replace")
    if out.returncode != 0 or sum(c.isalpha() for c in text) < 20:
        return None
    return text


def _soffice(path: Path, source: str) -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise ThplError("E107", source, " (không có antiword/LibreOffice hoặc antiword thất bại)")
    with tempfile.TemporaryDirectory(prefix="thpl-doc-") as tmp:
        profile = Path(tmp) / "profile"
        # A private profile: several conversions may run at once without locking each other.
        cmd = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            tmp,
            str(path),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=_TIMEOUT, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            raise ThplError("E107", source, f" ({exc})") from exc
        produced = list(Path(tmp).glob("*.txt"))
        if not produced:
            raise ThplError("E107", source, " (LibreOffice không chuyển đổi được)")
        return produced[0].read_text(encoding="utf-8-sig", errors="replace")


def _split_notes(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """Separate antiword's trailing footnote block from the body lines."""
    refs = {m.group("num") for line in lines for m in _REF_RE.finditer(line)}
    if "1" not in refs:
        return lines, {}
    start = None
    for i in range(len(lines) - 1, -1, -1):
        m = _NOTE_START_RE.match(lines[i])
        if m and m.group("num") == "1":
            start = i
            break
    if start is None:
        return lines, {}
    notes: dict[str, str] = {}
    current: str | None = None
    for line in lines[start:]:
        m = _NOTE_START_RE.match(line)
        if m and m.group("num") in refs and m.group("num") not in notes:
            current = m.group("num")
            notes[current] = m.group("text").strip()
        elif current is not None:
            notes[current] = (notes[current] + "\n" + line).strip()
    return lines[:start], notes


def read_doc(path: str | Path, *, source: str | None = None) -> RawText:
    """Read a legacy Word file into :class:`RawText` (see the module docstring).

    >>> read_doc("khong-co.doc")  # doctest: +SKIP
    Traceback (most recent call last):
    ThplError: khong-co.doc: [E107] Tệp Word cũ (.doc) không đọc được …
    """
    path = Path(path)
    source = source if source is not None else str(path)
    raw = _antiword(path)
    via_antiword = raw is not None
    if raw is None:
        raw = _soffice(path, source)
    cleaned, replaced = clean_text_counted(raw)
    lines: list[str] = []
    for line in cleaned.split("\n"):
        cells = line.split("|") if via_antiword and "|" in line else [line]
        for cell in cells:
            cell = " ".join(cell.split()) if "\t" not in cell else cell.strip()
            if cell:
                lines.append(cell)
    notes_text: dict[str, str] = {}
    if via_antiword:
        lines, notes_text = _split_notes(lines)
    # Remove the references from the body, remembering where they stood.
    out: list[str] = []
    pos = 0
    anchors: dict[str, int] = {}
    for line in lines:
        if notes_text:
            pieces: list[str] = []
            last = 0
            for m in _REF_RE.finditer(line):
                if m.group("num") in notes_text:
                    pieces.append(line[last : m.start()])
                    anchors.setdefault(m.group("num"), pos + sum(map(len, pieces)))
                    last = m.end()
            pieces.append(line[last:])
            line = "".join(pieces).strip()
        if not line:
            continue
        out.append(line)
        pos += len(line) + 1
    text = "\n".join(out)
    if not text.strip():
        raise ThplError("E107", source, " (không có nội dung văn bản)")
    notes = [
        Note(marker=num, text=" ".join(body.split()), anchor=anchors.get(num))
        for num, body in sorted(notes_text.items(), key=lambda kv: int(kv[0]))
    ]
    warnings = [warning("W104", replaced)] if replaced else []
    return RawText(
        source=source,
        text=text,
        fmt="doc",
        notes=notes,
        warnings=warnings,
        match_text=match_fold(text),
    )
