"""Small text helpers of the knowledge base: canonical numbers, Vietnamese dates, fold keys.

>>> canon_number("13/2023/ND-CP")
'13/2023/NĐ-CP'
>>> parse_vn_date("ngày 19 tháng 6 năm 2015")
datetime.date(2015, 6, 19)
>>> fold("Luật Tổ chức chính quyền địa phương")
'luat to chuc chinh quyen dia phuong'
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from thpl_nlp.models import is_numberless_label  # noqa: F401  (re-exported)

# A document number as printed: "13/2023/NĐ-CP", "26/CP", "23/VBHN-VPQH", "04 /2026/TT-BCT".
NUMBER_RE = re.compile(
    r"""
    (?<![\w/])
    (?P<num>\d{1,4}(?:\.\d+)?[a-z]?)          # running number, "66.15" in NQ-CP series
    \s?/\s?
    (?:(?P<year>(?:19|20)\d{2})\s?/\s?)?      # year, absent in old numbers ("26/CP")
    (?P<sym>[A-ZĐÐ][A-ZĐÐa-zđ0-9]*(?:\s?-\s?[A-ZĐÐ0-9][A-ZĐÐa-zđ0-9]*)*)  # QH13, NĐ-CP, QĐ-TTg
    (?![\w])
    """,
    re.VERBOSE,
)

# an already canonical number ("77/2015/QH13", "119/QĐ-UBND", "28/2014/QĐ-TTg")
CLEAN_NUMBER_RE = re.compile(
    r"^\d{1,6}[a-z]?(?:/(?:19|20)\d{2})?/[A-ZĐ][A-Za-zĐ0-9]*(?:-[A-ZĐ][A-Za-zĐ0-9]*)*$"
)
# symbol parts that canonicalisation rewrites ("ND" → "NĐ", "QD" → "QĐ", …)
_NEEDS_FIX_RE = re.compile(r"(?:^|[/-])(?:ND|QD|HDND|BGDDT)(?:$|-)")

_SYMBOL_FIX = {"ND": "NĐ", "QD": "QĐ", "HDND": "HĐND", "TTLT": "TTLT", "BGDDT": "BGDĐT"}


def canon_number(s: str | None) -> str | None:
    """Canonical form of a document number: no spaces, ``Đ`` (U+0110), fixed known symbols.

    Uses :func:`thpl_nlp.nlp.canonical.canonical_number` when that module is available.

    >>> canon_number("04 /2026/TT-BCT")
    '04/2026/TT-BCT'
    """
    if not s:
        return None
    if is_numberless_label(s):
        return unicodedata.normalize("NFC", s)
    if CLEAN_NUMBER_RE.match(s) and not _NEEDS_FIX_RE.search(s):
        return s  # already canonical: no need to load the nlp vocabulary
    try:  # the shared canonicaliser of the nlp stage
        from thpl_nlp.nlp.canonical import canonical_number  # type: ignore

        c, _ = canonical_number(s)
        if c:
            return c
    except Exception:  # noqa: BLE001 - fall back to the local rules below
        pass
    t = unicodedata.normalize("NFC", s).replace("\u00d0", "Đ")
    t = re.sub(r"\s+", "", t).strip(" .,;:")
    parts = t.split("/")
    if not parts:
        return None
    sym = parts[-1].replace("Ð", "Đ")
    if sym.islower():
        sym = sym.upper()
    sym = "-".join(_SYMBOL_FIX.get(p, p) for p in sym.split("-"))
    parts[-1] = sym
    return "/".join(parts)


def find_numbers(text: str) -> list[tuple[int, int, str]]:
    """All document numbers in ``text`` as ``(start, end, canonical)``."""
    out = []
    for m in NUMBER_RE.finditer(text):
        sym = m.group("sym")
        if not re.search(r"[A-ZĐÐ]{2}|CP", sym):
            continue
        c = canon_number(m.group(0))
        if c:
            out.append((m.start(), m.end(), c))
    return out


def doc_type_of_number(number: str) -> str | None:
    """Document type implied by the symbol of a number (None when ambiguous)."""
    sym = number.split("/")[-1]
    if sym.startswith("VBHN"):
        return "Văn bản hợp nhất"
    if sym.startswith("QH") or sym.startswith("L-CTN"):
        return None  # Luật, Bộ luật or Nghị quyết: read the title
    head = sym.split("-")[0]
    return {
        "NĐ": "Nghị định",
        "CP": "Nghị định",
        "TT": "Thông tư",
        "TTLT": "Thông tư liên tịch",
        "QĐ": "Quyết định",
        "NQ": "Nghị quyết",
        "PL": "Pháp lệnh",
        "CT": "Chỉ thị",
        "NQLT": "Nghị quyết liên tịch",
    }.get(head)


def scope_of_number(number: str) -> str:
    """``provincial`` for HĐND/UBND documents, else ``central``."""
    return "provincial" if re.search(r"HĐND|UBND", number) else "central"


# "ngày 19 tháng 6 năm 2015", "19/6/2015", "19-06-2015", "01.01.2016"
DATE_RE = re.compile(
    r"""
    (?:ngày\s*)?(?P<d>\d{1,2})\s*
    (?:tháng\s*(?P<m1>\d{1,2})\s*năm\s*(?P<y1>\d{4})   # long form
      |[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4})) # short form
    """,
    re.VERBOSE | re.IGNORECASE,
)


def parse_vn_date(s: str | None) -> dt.date | None:
    """First Vietnamese date in ``s`` (long or short form), ISO dates too."""
    if not s:
        return None
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    m = DATE_RE.search(s)
    if not m:
        return None
    try:
        return dt.date(int(m["y1"] or m["y2"]), int(m["m1"] or m["m2"]), int(m["d"]))
    except ValueError:
        return None


def fold(s: str) -> str:
    """Lower-case, diacritics removed (đ → d), spaces collapsed: a key that ignores tone marks."""
    t = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    t = "".join(c for c in t if unicodedata.category(c) != "Mn").lower()
    t = re.sub(r"[^\w]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)
