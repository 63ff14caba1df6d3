"""Header metadata: issuer, số hiệu, place, issue date, document type and title.

The header is the block before the first "Căn cứ" line (or before the body when there is
none). Printed documents put the issuer top-left (``ỦY BAN NHÂN DÂN`` / ``TỈNH BẮC
GIANG``), the number under it, place and date top-right, then the type (``QUYẾT ĐỊNH``)
and the title. Legacy texts start with "Quyết định về việc …" and an issuer line.

>>> from thpl_nlp.structure.lines import split_lines
>>> t = ("ỦY BAN NHÂN DÂN\\nTỈNH BẮC GIANG\\nSố: 12/2021/QĐ-UBND\\n"
...      "Bắc Giang, ngày 15 tháng 6 năm 2021\\nQUYẾT ĐỊNH\\nBan hành Quy định")
>>> h = parse_header(split_lines(t))
>>> h.issuer, h.number, h.place, h.issued_on.isoformat()
('Ủy ban nhân dân tỉnh Bắc Giang', '12/2021/QĐ-UBND', 'Bắc Giang', '2021-06-15')
>>> h.doc_type, h.title
('Quyết định', 'Ban hành Quy định')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from thpl_nlp.structure.lines import (
    DATE_RE,
    Line,
    canonical_number,
    collapse_ws,
    date_from_match,
    is_upper_line,
    upper_key,
    vocab,
)
from thpl_nlp.structure.patterns import (
    ARTICLE_RE,
    BASIS_RE,
    CHAPTER_RE,
    ENACTING_RE,
    PROPOSER_RE,
    SEPARATOR_RE,
)

NUMBER_RE = re.compile(
    r"""
    (?:^|\s|\|)(?:[^\W\d_]+\s+){0,2}?số\s*[:.]?\s*       # "Số:", "Luật số:", "Nghị quyết số"
    (?P<num>\d{1,5}[a-zA-Z]?(?:\s*/\s*[\w.Đđ-]+){1,3}   # "12/2021/QĐ-UBND", "23/VBHN-VPQH"
      (?:\s+-\s+[A-ZĐ][A-Z0-9Đ]*(?![^\W\d_]))*)        # spaced joint symbols: "NQLT - CP"
    """,
    re.VERBOSE | re.IGNORECASE,
)

PLACE_DATE_RE = re.compile(
    r"""
    (?:^|\s{2,}|\|\s*)                                     # start of a line or of a cell
    (?P<place>[^\W\d_][^\d,:|]{1,40}?)\s*,\s*              # place name before the comma
    (?=ngày\s*\d)                                          # …followed by the date
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Noise lines above the header: signatures of the PDF, Công báo banners, page numbers.
_NOISE_RE = re.compile(
    r"^(?:ký\s+bởi|email|cơ\s+quan\s*:|thời\s+gian\s+ký|công\s+báo|document\s+content|\d+$)",
    re.IGNORECASE,
)
_NATIONAL_RE = re.compile(r"CỘNG\s+H[OÒ]A\s+X[AÃ]\s+HỘI|ĐỘC\s+LẬP\s*[-–]", re.IGNORECASE)
_ISSUER_TAIL_RE = re.compile(r"\s+(?:khóa|khoá|kỳ\s+họp|nhiệm\s+kỳ)\b.*$", re.IGNORECASE)


@dataclass
class Header:
    """Metadata read from the header block."""

    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_on: dt.date | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None


@cache
def _doc_types() -> list[tuple[str, str]]:
    items = vocab()["doc_types"].items()
    return sorted(((upper_key(k), v) for k, v in items), key=lambda kv: -len(kv[0]))


def match_doc_type(s: str) -> tuple[str, str] | None:
    """(display type, remainder) when ``s`` starts with a document type word.

    >>> match_doc_type("Quyết định về việc thu phí")
    ('Quyết định', 'về việc thu phí')
    >>> match_doc_type("Nghị quyết số 5") is None
    True
    """
    key = upper_key(s)
    for up, display in _doc_types():
        if key == up:
            return display, ""
        if key.startswith(up) and not key[len(up)].isalpha():
            rest = s.strip()[len(up):].strip()
            if re.match(r"(?i)(số|này|của|đã|được|ngày|\d)", rest):
                return None
            return display, rest
        if key.startswith(up) and is_upper_line(s.strip()[: len(up)]):
            # glued by a lost line break: "NGHỊ QUYẾTVề quy định …"
            rest = s.strip()[len(up):]
            if rest[:1].isupper() and not is_upper_line(rest[:4]):
                return display, rest
    return None


def format_issuer(s: str) -> str | None:
    """Issuer name as written in running text, from an upper- or lower-cased header.

    >>> format_issuer("ỦY BAN NHÂN DÂN TỈNH BẮC GIANG")
    'Ủy ban nhân dân tỉnh Bắc Giang'
    >>> format_issuer("Hội đồng nhân dân tỉnh tiền giang khóa vii - kỳ họp thứ 6")
    'Hội đồng nhân dân tỉnh Tiền Giang'
    """
    s = _ISSUER_TAIL_RE.sub("", collapse_ws(s.replace("-", " "))).strip(" ,.")
    key = upper_key(s).replace("UỶ", "ỦY").replace("HOÀ", "HÒA")
    for up, display in _issuers():
        if key == up or key.startswith(up + " "):
            rest = s[len(up):].strip()
            if display.endswith("nhân dân") and rest and not _LOCAL_PLACE_RE.match(rest):
                return None  # a local body is followed by its unit: "tỉnh Bắc Giang", "quận 5"
            if rest and not display.endswith(("nhân dân", "Bộ", "Sở")):
                return None  # "CHỦ TỊCH NƯỚC - QUỐC HỘI" (a Công báo banner) is no issuer
            return (display + " " + _format_place(rest)).strip()
    return None


# "tỉnh Bắc Giang", "thành phố hà nội", "quận 5": an administrative unit and a short name.
_LOCAL_PLACE_RE = re.compile(
    r"^(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn|đặc\s+khu)"
    r"(?:\s+[^\s,;:.]+){0,5}\s*$",
    re.IGNORECASE,
)


@cache
def _issuers() -> list[tuple[str, str]]:
    return sorted(vocab()["issuers"].items(), key=lambda kv: -len(kv[0]))


@cache
def _units() -> list[str]:
    return sorted((upper_key(u) for u in vocab()["admin_units"]), key=len, reverse=True)


def _format_place(rest: str) -> str:
    if not rest:
        return ""
    key = upper_key(rest)
    for u in _units():
        if key == u or key.startswith(u + " "):
            name = rest[len(u):].strip()
            return u.lower() + (" " + _title_words(name) if name else "")
    # a ministry or department: official casing when known ("Công Thương"), else sentence case
    low = collapse_ws(rest).lower()
    for name in vocab()["ministries"]:
        if low == name.lower() or low.startswith(name.lower() + " "):
            tail = low[len(name):].strip()
            return name + (" " + _title_words(tail) if tail else "")
    return low[:1].upper() + low[1:]


def complete_issuer(issuer: str, title: str) -> str:
    """Add the province to an issuer printed without it, when the title names it.

    >>> complete_issuer("Ủy ban nhân dân tỉnh", "Ban hành quy định trên địa bàn tỉnh bến tre")
    'Ủy ban nhân dân tỉnh Bến Tre'
    """
    m = re.search(r"\s(tỉnh|thành phố)$", issuer)
    if not m:
        return issuer
    low = upper_key(title).lower()
    for name in vocab()["provinces"]:
        if f"{m.group(1)} {name.lower()}" in low:
            return f"{issuer} {name}"
    return issuer


def _title_words(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def parse_header(lines: Sequence[Line]) -> Header:
    """Metadata from the header ``lines`` (everything before the preamble)."""
    h = Header()
    content = [ln for ln in lines if not ln.blank and not SEPARATOR_RE.match(ln.text)]
    type_idx = None
    consolidated = False
    for i, ln in enumerate(content):
        mt = match_doc_type(ln.text)
        if mt and (is_upper_line(ln.text[: len(mt[0])]) or i == 0):
            if mt[0] == "Văn bản hợp nhất" and not re.match(r"(?i)\s*số", mt[1]):
                consolidated = True  # a banner: the consolidated law's type follows
                continue
            h.doc_type = mt[0]
            type_idx = i
            _read_title(h, content, i, mt[1])
            break
    # number, place and date are printed above the type line
    limit = type_idx if type_idx is not None else min(len(content), 10)
    for ln in content[:limit]:
        if h.number is None:
            m = NUMBER_RE.search(ln.text)
            if m:
                h.number = canonical_number(m.group("num"))
        if h.issued_on is None:
            dm = DATE_RE.search(ln.text)
            if dm and not BASIS_RE.match(ln.text):
                h.issued_on = date_from_match(dm)
                pm = PLACE_DATE_RE.search(ln.text)
                if pm:
                    h.place = collapse_ws(pm.group("place"))
    if consolidated or (h.number and "/VBHN-" in h.number):
        h.doc_type = "Văn bản hợp nhất"
    h.issuer = _read_issuer(content, type_idx)
    return h


def _read_issuer(content: Sequence[Line], type_idx: int | None) -> str | None:
    # 1) the top-left block above the national motto / number
    parts: list[str] = []
    for i, ln in enumerate(content):
        if type_idx is not None and i >= type_idx:
            break
        s = ln.text
        if _NOISE_RE.match(s):
            continue
        cut = _NATIONAL_RE.search(s)
        if cut:
            s = s[: cut.start()]
        s = re.split(r"(?i)\bsố\s*[:.]", s)[0]
        s = re.sub(r"(?i)^văn bản hợp nhất\s*[-–]?\s*", "", s)
        s = s.replace("|", " ").strip(" -_")
        if s and is_upper_line(s):
            parts.append(s)
        if cut or re.match(r"(?i)số\s*[:.]", ln.text):
            if parts:
                break
    if parts:
        for k in range(len(parts), 0, -1):
            name = format_issuer(" ".join(parts[:k]))
            if name:
                return name
    # 2) a line naming the enacting body after the title (legacy texts, header-less copies)
    start = (type_idx or 0) + 1 if type_idx is not None else 0
    for ln in content[start:]:
        if BASIS_RE.match(ln.text) or PROPOSER_RE.match(ln.text):
            break
        name = format_issuer(ln.text)
        if name:
            return name
    return None


def _read_title(h: Header, content: Sequence[Line], i: int, rest: str) -> None:
    """Title lines after the type line (or the remainder of the type line)."""
    picked: list[Line] = []
    first_rest = rest.strip()
    j = i + 1
    upper_mode = None
    while j < len(content) and len(picked) < 6:
        ln = content[j]
        s = ln.text
        if _stops_title(s):
            break
        if upper_mode is None:
            upper_mode = is_upper_line(s)
            if first_rest and not upper_mode:
                break  # the title was on the type line
        elif upper_mode != is_upper_line(s):
            break
        elif not upper_mode:
            prev = picked[-1].text if picked else first_rest
            gap = ln.index - (picked[-1].index if picked else content[i].index)
            if gap > 1 and not (prev.endswith(",") or s[:1].islower()):
                break
        picked.append(ln)
        j += 1
    if first_rest:
        line = content[i]
        start = line.end - len(first_rest)
        end = picked[-1].end if picked else line.end
        text = collapse_ws(" ".join([first_rest] + [p.text for p in picked]))
    elif picked:
        start, end = picked[0].start, picked[-1].end
        text = collapse_ws(" ".join(p.text for p in picked))
    else:
        return
    text = text.strip(" _-")
    h.title = text[:1].upper() + text[1:]
    h.title_span = (start, end)


def _stops_title(s: str) -> bool:
    if BASIS_RE.match(s) or PROPOSER_RE.match(s) or ENACTING_RE.match(s):
        return True
    if ARTICLE_RE.match(s) or CHAPTER_RE.match(s) or SEPARATOR_RE.match(s):
        return True
    if upper_key(s) in ("LỜI NÓI ĐẦU", "LỜI NÓI ĐẦU:"):
        return True
    if format_issuer(s) and is_upper_line(s):
        return True  # "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG" (the enacting body)
    if format_issuer(s) and not is_upper_line(s) and len(s) < 120:
        return True  # legacy: "Ủy ban nhân dân thành phố hà nội"
    return bool(re.match(r"(?i)^(?:số\s*[:.]|\(|kèm theo)", s))
