"""Line view of a text, shared vocabulary and small helpers of the structure parser.

The parser works on lines of :attr:`RawText.match_text` (same offsets as ``text``). A
:class:`Line` keeps the offsets of its stripped content, so every node built from lines
points exactly into the extracted text.

>>> [ln.text for ln in split_lines("Điều 1.\\n  a) Khoản  \\n")]
['Điều 1.', 'a) Khoản', '']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

_VOCAB_PATH = Path(__file__).with_name("vocab.yaml")


@cache
def vocab() -> dict[str, Any]:
    """The parser vocabulary (document types, issuers, signer titles…) from ``vocab.yaml``."""
    return yaml.safe_load(_VOCAB_PATH.read_text(encoding="utf-8"))


@dataclass(slots=True)
class Line:
    """One line: ``text`` is the stripped content found at ``[start:end]`` of the text."""

    index: int
    start: int
    end: int
    text: str  # from match_text (for patterns)
    orig: str = ""  # the same span of the original text (for values shown to users)

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str, orig: str | None = None) -> list[Line]:
    """Split ``text`` into :class:`Line` records with stripped-content offsets.

    ``orig`` (same length as ``text``) is the original text when ``text`` is the
    normalised ``match_text``; each line keeps its original content in ``Line.orig``.
    """
    orig = text if orig is None else orig
    out: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            s = pos + lead
            out.append(Line(i, s, s + len(stripped), stripped, orig[s : s + len(stripped)]))
        else:
            out.append(Line(i, pos, pos, "", ""))
        pos += len(raw) + 1
    return out


_UPPER_LETTERS = re.compile(r"[^\W\d_]")


def is_upper_line(s: str, min_letters: int = 2) -> bool:
    """True when the line has letters and all of them are upper case.

    >>> is_upper_line("QUY ĐỊNH CHUNG"), is_upper_line("Quy định chung")
    (True, False)
    """
    letters = _UPPER_LETTERS.findall(s)
    return len(letters) >= min_letters and all(ch.isupper() for ch in letters)


def upper_key(s: str) -> str:
    """Upper-cased, NFC, whitespace-collapsed form used for vocabulary look-ups."""
    s = unicodedata.normalize("NFC", s).upper()
    return re.sub(r"\s+", " ", s).strip()


def collapse_ws(s: str) -> str:
    """Collapse runs of whitespace (including newlines) to single spaces.

    >>> collapse_ws(" Về  việc\\n ban hành ")
    'Về việc ban hành'
    """
    return re.sub(r"\s+", " ", s).strip()


# --- numbers of documents ------------------------------------------------------------------

_NUMBER_FIX = str.maketrans({"\u00d0": "Đ", "\u0189": "Đ", "–": "-", "—": "-", "‑": "-"})


def canonical_number(raw: str) -> str:
    """Canonical số hiệu: no spaces, ``Đ`` (U+0110), upper-case symbol (``TTg`` kept).

    Uses :func:`thpl_nlp.nlp.canonical.canonical_number` (the repair rules shared with the
    reference extractor; its warnings concern citations and are dropped here) and falls
    back on a plain clean-up for strings it does not accept.

    >>> canonical_number("12 / 2021 / QĐ-UBND")
    '12/2021/QĐ-UBND'
    >>> canonical_number("43/2014/ND-CP")
    '43/2014/NĐ-CP'
    >>> canonical_number("44 /2025/QĐ-TTg")
    '44/2025/QĐ-TTg'
    """
    try:
        from thpl_nlp.nlp.canonical import canonical_number as shared
    except ImportError:  # pragma: no cover - the nlp package is part of the project
        shared = None
    if shared is not None:
        try:
            return shared(raw)[0]
        except ValueError:
            pass
    s = unicodedata.normalize("NFC", raw).translate(_NUMBER_FIX)
    s = re.sub(r"\s+", "", s).strip("./;,:")
    s = re.sub(r"/+", "/", s)
    parts = s.split("/")
    parts[1:] = [p.upper() for p in parts[1:]]
    s = "/".join(parts[:1] + [_fix_symbol(p) for p in parts[1:]])
    return s


# Symbols whose D stands for Đ when printed without the diacritic (QD → QĐ, ND → NĐ).
_D_SYMBOLS = {"QD": "QĐ", "ND": "NĐ", "HDND": "HĐND", "QDLT": "QĐLT", "NDLT": "NĐLT"}


def _fix_symbol(part: str) -> str:
    return "-".join(_D_SYMBOLS.get(tok, tok) for tok in part.split("-"))


# --- dates ---------------------------------------------------------------------------------

DATE_RE = re.compile(
    r"""
    ngày\s*(?P<d>\d{1,2})\s*                          # day
    (?:tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})    # "tháng 6 năm 2021"
      |[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4})  # or "15/6/2021"
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)


def date_from_match(m: re.Match[str]) -> Any:
    """A :class:`datetime.date` from a :data:`DATE_RE` match, or None when invalid."""
    import datetime as dt

    y = int(m.group("y") or m.group("y2"))
    mo = int(m.group("m") or m.group("m2"))
    try:
        return dt.date(y, mo, int(m.group("d")))
    except ValueError:
        return None
