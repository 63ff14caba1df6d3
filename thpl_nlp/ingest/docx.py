"""DOCX reader (python-docx): paragraphs and tables in document order, footnotes as notes.

python-docx opens the package (the main part and its footnotes part found through their
relationships); the body is walked at XML level because python-docx's ``Paragraph.text``
drops footnote references and keeps text of tracked deletions.

Each paragraph becomes one line (a manual line break inside it becomes ``\\n``); tables go
through :func:`thpl_nlp.ingest.text.table_lines` (the header and signature layout tables
read column by column, data tables row by row and kept as
:class:`~thpl_nlp.models.Table`). Footnote references are removed from the body; the note
text (``word/footnotes.xml``) is attached with ``anchor`` = the offset where the reference
stood. Page headers and footers live in other parts of the package and are not read.
Automatic list numbering (Word numbering definitions) is not rendered: sample documents
and most official files type their numbers.

>>> raw = read_docx("corpus/samples/qd-ubnd-hoa-son-09-2024.docx")  # doctest: +SKIP
>>> raw.text.splitlines()[0]  # doctest: +SKIP
'ỦY BAN NHÂN DÂN'
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from thpl_nlp.errors import ThplError, warning
from thpl_nlp.ingest.normalise import clean_text_counted, match_fold
from thpl_nlp.ingest.text import table_lines
from thpl_nlp.models import Note, RawText, Table

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_T, _TAB, _BR, _CR = _q("t"), _q("tab"), _q("br"), _q("cr")
_NBH, _SH, _FREF, _P = _q("noBreakHyphen"), _q("softHyphen"), _q("footnoteReference"), _q("p")
_TBL, _TR, _TC, _SDT = _q("tbl"), _q("tr"), _q("tc"), _q("sdt")
_DEL = _q("del")


def _para_text(p: etree._Element, refs: list[tuple[int, str]] | None = None) -> str:
    """Text of one ``w:p``; footnote references go to ``refs`` as (position, id)."""
    out: list[str] = []
    n = 0
    for el in p.iter(_T, _TAB, _BR, _CR, _NBH, _SH, _FREF, _DEL):
        if el.tag == _DEL:
            continue
        if any(a.tag == _DEL for a in el.iterancestors(_DEL)):
            continue  # tracked deletion
        if el.tag == _T:
            piece = el.text or ""
        elif el.tag == _TAB:
            piece = "\t"
        elif el.tag in (_BR, _CR):
            piece = "\n"
        elif el.tag == _NBH:
            piece = "-"
        elif el.tag == _FREF:
            if refs is not None:
                refs.append((n, el.get(_q("id")) or ""))
            continue
        else:
            continue
        out.append(piece)
        n += len(piece)
    return "".join(out)


def _cell_text(tc: etree._Element) -> str:
    return "\n".join(_para_text(p) for p in tc.iter(_P))


def _footnotes(document: object) -> dict[str, str]:
    """Footnote texts by id, from the package part the main document points to."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = document.part  # type: ignore[attr-defined]
    rel = next((r for r in part.rels.values() if r.reltype == RT.FOOTNOTES), None)
    if rel is None:
        return {}
    root = etree.fromstring(rel.target_part.blob)
    notes: dict[str, str] = {}
    for fn in root.iterfind("w:footnote", _NS):
        if fn.get(_q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join(_para_text(p).strip() for p in fn.iter(_P))
        notes[fn.get(_q("id")) or ""] = " ".join(text.split())
    return notes


def read_docx(path: str | Path, *, source: str | None = None) -> RawText:
    """Read a .docx file into :class:`RawText`.

    >>> read_docx("khong-phai-docx.docx")  # doctest: +SKIP
    Traceback (most recent call last):
    ThplError: khong-phai-docx.docx: [E108] Tệp DOCX bị hỏng …
    """
    path = Path(path)
    source = source if source is not None else str(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
        notes_text = _footnotes(document)
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        etree.XMLSyntaxError,
    ) as exc:
        raise ThplError("E108", source, f" ({type(exc).__name__})") from exc
    body = document.element.find("w:body", _NS)
    if body is None:
        raise ThplError("E108", source, " (không có phần nội dung)")
    lines: list[str] = []
    pos = 0
    tables: list[Table] = []
    anchors: list[tuple[int, str]] = []
    replaced = 0

    def emit(text: str, refs: list[tuple[int, str]] | None = None) -> None:
        nonlocal pos, replaced
        for k, raw_line in enumerate(text.split("\n")):
            cleaned, n_rep = clean_text_counted(raw_line)
            replaced += n_rep
            stripped = cleaned.strip()
            lead = len(cleaned) - len(cleaned.lstrip())
            if refs and k == 0:
                for i, ref in refs:
                    anchors.append((pos + max(0, min(i - lead, len(stripped))), ref))
            if not stripped:
                continue
            lines.append(stripped)
            pos += len(stripped) + 1

    def walk(container: etree._Element) -> None:
        for el in container:
            if el.tag == _P:
                refs: list[tuple[int, str]] = []
                emit(_para_text(el, refs), refs)
            elif el.tag == _TBL:
                rows = [
                    [_cell_text(tc) for tc in tr.iterfind("w:tc", _NS)]
                    for tr in el.iterfind("w:tr", _NS)
                ]
                start = pos
                tlines, data = table_lines(rows)
                for tl in tlines:
                    emit(tl)
                if data:
                    tables.append(Table(rows=data, start=start, end=max(start, pos - 1)))
            elif el.tag == _SDT:
                content = el.find("w:sdtContent", _NS)
                if content is not None:
                    walk(content)

    walk(body)
    text = "\n".join(lines)
    if not text.strip():
        raise ThplError("E101", source, "")
    notes: list[Note] = []
    for number, (anchor, ref) in enumerate(anchors, start=1):
        if ref in notes_text:
            notes.append(
                Note(marker=str(number), text=notes_text[ref], anchor=min(anchor, len(text)))
            )
    warnings = [warning("W104", replaced)] if replaced else []
    return RawText(
        source=source,
        text=text,
        fmt="docx",
        notes=notes,
        tables=tables,
        warnings=warnings,
        match_text=match_fold(text),
    )
