"""Plain text (.txt) and Markdown (.md) reader.

* Decoding: UTF-8 (BOM stripped) first; UTF-16 with a BOM; a text with a few invalid bytes
  is decoded with replacement characters and a W101 warning; otherwise the bytes are read
  as cp1252 and checked for the legacy TCVN3 (ABC) and VNI encodings, which are converted
  to Unicode with a W102 warning (E110 when neither converts cleanly). UTF-8 text holding
  legacy mojibake (``ViÖt Nam``) is converted the same way.
* A YAML front-matter header (``---`` … ``---``) goes to :attr:`RawText.meta`; malformed
  YAML (unquoted values with colons) falls back to one ``key: value`` per line.
* A ``.txt`` file without a header comes out unchanged apart from NFC and ``\\r\\n`` → ``\\n``:
  offsets into the file as given are offsets into :attr:`RawText.text` (the contract's
  worked example depends on it).
* Markdown becomes plain text, one line per source line: emphasis marks, escapes, links and
  images removed; layout tables (the header block ``CƠ QUAN | CỘNG HÒA …`` and the signature
  block) read column by column, data tables row by row (cells separated by a tab) and kept
  as :class:`~thpl_nlp.models.Table`. Bold runs glued by the converter are split again:
  ``**NGHỊ QUYẾT****Về q****uy định**`` → ``NGHỊ QUYẾT`` / ``Về quy định``.

>>> md_to_text("**NGHỊ QUYẾT****Về q****uy định** **mức khoán**")[0]
'NGHỊ QUYẾT\\nVề quy định mức khoán'
"""

from __future__ import annotations

import codecs
import html
import re
from pathlib import Path
from typing import Any

import yaml

from thpl_nlp.errors import ThplError, warning
from thpl_nlp.ingest.legacy import detect_and_convert
from thpl_nlp.ingest.normalise import clean_text_counted, is_binary_garbage, match_fold
from thpl_nlp.models import RawText, Table

_FRONT_MATTER_RE = re.compile(
    r"""
    \A(?:\ufeff)?---[ \t]*\r?\n          # opening fence on the first line
    (?P<yaml>.*?)                       # the YAML body
    \r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)   # closing fence
    """,
    re.VERBOSE | re.DOTALL,
)
_KEY_VALUE_RE = re.compile(r"^(?P<key>[A-Za-z_][\w\- ]*):\s*(?P<value>.*)$")

# --- Markdown inline syntax -----------------------------------------------------------------
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK_RE = re.compile(
    r"""
    \[(?P<label>[^\]]*)\]          # [label]
    \((?P<url>[^)\s]*)             # (url
    (?:\s+"[^"]*")?\)              #  "title")
    """,
    re.VERBOSE,
)
_LINK_END_RE = re.compile(r"(?<=\w)\ue002+(?=\w)")
_REF_LINK_RE = re.compile(r"\[(?P<label>[^\]]+)\]\[[^\]]*\]")
_ESCAPE_RE = re.compile(r"\\(?P<char>[\\`*_{}\[\]()#+\-.!|>~])")
_TAG_RE = re.compile(r"<(?P<tag>/?[A-Za-z][^>]*)>")
# Two bold runs glued together by the converter: "…QUYẾT****Về…", "q****uy", "và****ngân".
_GLUED_BOLD_RE = re.compile(r"(?P<left>\w*)(?P<marks>\*{4}|_{4})(?P<right>\w?\w?)")
_STARS_RE = re.compile(r"\*+")
_RULE_RE = re.compile(r"^\s*(?:[-_*=–—]\s*){3,}$")
_INLINE_RULE_RE = re.compile(r"(?:\\?_){4,}|-{5,}|–{3,}")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
_QUOTE_RE = re.compile(r"^\s{0,3}>\s?")
_TABLE_ROW_RE = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_VOWELS = set("aăâeêioôơuưyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
# Cells of the header/signature layout tables.
_LAYOUT_CELL_RE = re.compile(
    r"CỘNG\s+HÒA|Độc\s+lập|^\s*Số\s*:|Nơi\s+nhận|TM\.|KT\.|CHỦ\s+TỊCH|ỦY\s+BAN|HỘI\s+ĐỒNG",
    re.IGNORECASE,
)


def decode_bytes(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode file bytes to text; return the text and Vietnamese warnings.

    >>> decode_bytes("Điều 1".encode("utf-16"), "x.txt")
    ('Điều 1', [])
    """
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), warnings
        except UnicodeDecodeError as exc:
            raise ThplError("E109", source, " (UTF-16 không hợp lệ)") from exc
    if b"\x00" in data[:4096]:
        raise ThplError("E109", source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(3, len(data) // 2000):  # a few stray bytes in a long text
            warnings.append(warning("W101", bad))
        else:
            text = data.decode("cp1252", errors="replace")
    if is_binary_garbage(text):
        raise ThplError("E109", source)
    try:
        converted = detect_and_convert(text)
    except ValueError as exc:
        raise ThplError("E110", source, "(TCVN3/VNI)") from exc
    if converted is not None:
        text, name = converted
        warnings.append(warning("W102", name))
    return text, warnings


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Split a YAML header off; return ``(meta, body, offset of body in text)``.

    >>> split_front_matter("---\\nso_hieu: 12/2021/QĐ-UBND\\n---\\nQUYẾT ĐỊNH")
    ({'so_hieu': '12/2021/QĐ-UBND'}, 'QUYẾT ĐỊNH', 33)
    """
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return {}, text, 0
    raw = m.group("yaml")
    meta: dict[str, Any]
    try:
        loaded = yaml.safe_load(raw)
        meta = loaded if isinstance(loaded, dict) else {"_raw": raw}
    except yaml.YAMLError:
        meta = {}
        for line in raw.splitlines():
            kv = _KEY_VALUE_RE.match(line.strip())
            if kv:
                meta[kv.group("key").strip()] = kv.group("value").strip().strip("\"'")
    meta = {str(k): v for k, v in meta.items()}
    return meta, text[m.end() :], m.end()


# --- Markdown -------------------------------------------------------------------------------


def _unglue(m: re.Match[str]) -> str:
    """Decide what two glued bold runs stood for: a line break, a space, or nothing."""
    left, right = m.group("left"), m.group("right")
    if not left or not right or not right[0].isalpha():
        return left + right
    if (
        len(left) >= 2
        and left.isupper()
        and right[0].isupper()
        and (len(right) < 2 or right[1].islower())
    ):
        return left + "\n" + right  # "QUYẾT" | "Về": two lines of the title
    if any(c in _VOWELS for c in left.lower()):
        return left + " " + right  # "và" | "ngân": a whole syllable, the space was lost
    return left + right  # "q" | "uy": a word cut in two


def _inline(text: str) -> str:
    """Markdown inline syntax → plain text."""
    text = html.unescape(text)
    text = _TAG_RE.sub(lambda m: "\n" if m.group("tag").lower().startswith("br") else "", text)
    text = _IMAGE_RE.sub("", text)
    # Converters glue links to the words around them ("số*[*30/2021/QĐ-TTg*](…)*ngày"):
    # mark the link's ends and turn a mark between two word characters into a space.
    text = _LINK_RE.sub(lambda m: "\ue002" + m.group("label") + "\ue002", text)
    text = _REF_LINK_RE.sub(lambda m: "\ue002" + m.group("label") + "\ue002", text)
    text = _INLINE_RULE_RE.sub("\n", text)
    escaped: list[str] = []

    def protect(m: re.Match[str]) -> str:
        escaped.append(m.group("char"))
        return f"\ue000{len(escaped) - 1}\ue001"

    text = _ESCAPE_RE.sub(protect, text)
    text = _GLUED_BOLD_RE.sub(_unglue, text)
    text = _STARS_RE.sub("", text)
    text = re.sub(r"(?<!\w)__?(?=\S)|(?<=\S)__?(?!\w)", "", text)
    text = re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], text)
    text = _LINK_END_RE.sub(" ", text)
    return text.replace("\ue002", "")


def _cells(row: str) -> list[str]:
    m = _TABLE_ROW_RE.match(row)
    body = m.group("cells") if m else row
    return [c.strip() for c in re.split(r"(?<!\\)\|", body)]


def table_lines(rows: list[list[str]]) -> tuple[list[str], list[list[str]] | None]:
    """Plain lines for a table of cell texts (cell line breaks as ``\\n``).

    A layout table (at most two columns holding the header block — issuer, ``Số:``, the
    national motto, place and date — or the signature block) is read column by column, one
    line per cell line; a data table row by row, cells joined by a tab, and its rows are
    returned for a :class:`~thpl_nlp.models.Table`.

    >>> table_lines([["ỦY BAN NHÂN DÂN\\nTỈNH HÒA SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ...              ["Số: 09/2024/QĐ-UBND", "Hòa Sơn, ngày 5 tháng 3 năm 2024"]])[0]
    ['ỦY BAN NHÂN DÂN', 'TỈNH HÒA SƠN', 'Số: 09/2024/QĐ-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Hòa Sơn, ngày 5 tháng 3 năm 2024']
    """  # noqa: E501
    rows = [r for r in rows if any(c.strip() for c in r)]
    # Merged cells come back repeated: drop a cell equal to its left neighbour.
    rows = [[c for k, c in enumerate(r) if k == 0 or c != r[k - 1]] for r in rows]
    if not rows:
        return [], None
    width = max(len(r) for r in rows)
    flat = " ".join(c for r in rows for c in r)
    if width <= 2 and _LAYOUT_CELL_RE.search(flat):
        lines: list[str] = []
        for col in range(width):
            for r in rows:
                if col < len(r):
                    for piece in r[col].split("\n"):
                        piece = " ".join(piece.split())
                        if piece and not _RULE_RE.match(piece):
                            lines.append(piece)
        return lines, None
    plain = [[" ".join(c.split()) for c in r] for r in rows]
    return ["\t".join(r).rstrip("\t") for r in plain], plain


def _table_lines(block: list[str]) -> tuple[list[str], list[list[str]] | None]:
    """A Markdown table → (plain lines, rows for a data table or None for a layout table)."""
    rows = [_cells(r) for r in block if not _TABLE_SEP_RE.match(r)]
    # Converters keep a cell's own line breaks as runs of two or more spaces.
    cells = [["\n".join(re.split(r"\s{2,}", _inline(c).strip())) for c in r] for r in rows]
    return table_lines(cells)


def md_to_text(md: str) -> tuple[str, list[tuple[int, int, list[list[str]]]]]:
    """Convert Markdown to plain text; return it with ``(start, end, rows)`` of data tables.

    >>> md_to_text("| Số: 28/2022/NQ-HĐND | *Đà Nẵng, ngày 14 tháng 7 năm 2022* |")[0]
    'Số: 28/2022/NQ-HĐND\\nĐà Nẵng, ngày 14 tháng 7 năm 2022'
    """
    out: list[str] = []
    tables: list[tuple[int, int, list[list[str]]]] = []
    pos = 0

    def emit(line: str) -> None:
        nonlocal pos
        for piece in line.split("\n"):
            piece = " ".join(piece.split()) if "\t" not in piece else piece.strip()
            if not piece or _RULE_RE.match(piece):
                continue
            out.append(piece)
            pos += len(piece) + 1

    lines = md.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if _TABLE_ROW_RE.match(line) or (_TABLE_SEP_RE.match(line) and "|" in line):
            block = []
            while i < len(lines) and (
                _TABLE_ROW_RE.match(lines[i]) or (_TABLE_SEP_RE.match(lines[i]) and "|" in lines[i])
            ):
                block.append(lines[i])
                i += 1
            start = pos
            tlines, rows = _table_lines(block)
            for tl in tlines:
                emit(tl)
            if rows:
                tables.append((start, max(start, pos - 1), rows))
            continue
        if _RULE_RE.match(line):
            i += 1
            continue
        line = _QUOTE_RE.sub("", _HEADING_RE.sub("", line))
        emit(_inline(line))
        i += 1
    return "\n".join(out), tables


def read_text(path: str | Path, *, source: str | None = None, fmt: str = "txt") -> RawText:
    """Read a .txt or .md file into :class:`RawText` (see the module docstring).

    >>> raw = read_text("../shared/examples/qd-mau-12-2021.txt")  # doctest: +SKIP
    >>> raw.text[287:355]  # doctest: +SKIP
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;'
    """
    path = Path(path)
    source = source if source is not None else str(path)
    data = path.read_bytes()
    if not data:
        raise ThplError("E101", source)
    text, warnings = decode_bytes(data, source)
    meta, body, _ = split_front_matter(text)
    tables: list[Table] = []
    if fmt == "md":
        plain, found = md_to_text(body.replace("\r\n", "\n").replace("\r", "\n"))
        cleaned, replaced = clean_text_counted(plain)
        if len(cleaned) != len(plain):
            found = []  # offsets moved (dropped invisible characters): tables re-located below
        tables = [Table(rows=rows, start=s, end=e) for s, e, rows in found]
    else:
        cleaned, replaced = clean_text_counted(body)
    if replaced:
        warnings.append(warning("W104", replaced))
    if not cleaned.strip():
        raise ThplError("E101", source, "")
    return RawText(
        source=source,
        text=cleaned,
        fmt=fmt,
        tables=tables,
        meta=meta,
        warnings=warnings,
        match_text=match_fold(cleaned),
    )
