"""Text clean-up shared by every reader.

* :func:`clean_text` — NFC, line ends unified to ``\\n``, look-alike characters mapped to the
  Vietnamese letters they imitate (``Ð`` U+00D0 → ``Đ`` U+0110, Turkish ``İ``/``ı``, Cyrillic
  letters inside Latin words), zero-width characters and soft hyphens dropped, NBSP and other
  exotic spaces made plain spaces. :func:`clean_text_counted` also returns how many look-alike
  characters were replaced so that a reader can attach a W104 warning.
* :func:`match_fold` — a string of exactly the same length for pattern matching: tone marks
  placed in the "new" style (``hoà`` → ``hòa``, ``uỷ`` → ``ủy``, ``thuỷ`` → ``thủy``), case
  kept. A match found in the folded text is a match at the same offsets in the original.
* :func:`is_binary_garbage` — True for decoded bytes that are not text (E109).

>>> clean_text("Sở Tư pháp tỉnh Ðồng Nai\\u00a0")
'Sở Tư pháp tỉnh Đồng Nai '
>>> match_fold("Uỷ ban nhân dân, Hoà Bình")
'Ủy ban nhân dân, Hòa Bình'
"""

from __future__ import annotations

import re
import unicodedata

# Characters that look like Vietnamese/Latin letters but are not: mapped one to one.
_LOOKALIKES: dict[str, str] = {
    "\u00d0": "\u0110",  # Ð LATIN CAPITAL LETTER ETH → Đ
    "\u0189": "\u0110",  # Ɖ LATIN CAPITAL LETTER AFRICAN D → Đ
    "\u00f0": "\u0111",  # ð latin small letter eth → đ (legacy fonts typed đ as ð)
    "\u0130": "I",  # İ Turkish dotted capital I
    "\u0131": "i",  # ı Turkish dotless small i
}
# Cyrillic letters with a Latin twin; replaced only inside words that also hold Latin letters.
_CYRILLIC_TWINS: dict[str, str] = dict(
    zip(
        "АВЕКМНОРСТХУаеорсухіјѕԁӏ",
        "ABEKMHOPCTXYaeopcyxijsdl",
        strict=True,
    )
)
# Invisible characters that carry no text: dropped.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufffe"
# Spaces other than U+0020 (NBSP, narrow NBSP, figure/thin/em spaces, ideographic space).
_SPACES = "\u00a0\u202f\u2007\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000"

_SIMPLE_MAP = {ord(k): v for k, v in _LOOKALIKES.items()}
_SIMPLE_MAP.update({ord(c): None for c in _INVISIBLE})
_SIMPLE_MAP.update({ord(c): " " for c in _SPACES})
_LOOKALIKE_COUNT_RE = re.compile("[" + re.escape("".join(_LOOKALIKES) + _INVISIBLE + _SPACES) + "]")

# Anything clean_text may change: line ends, controls, look-alikes, invisibles, spaces,
# Cyrillic letters.
_SUSPECT_RE = re.compile(
    "[\r\f\v\u2028\u2029\x00-\x08\x0e-\x1f\x7f-\x9f\u0400-\u04ff"
    + re.escape("".join(_LOOKALIKES) + _INVISIBLE + _SPACES)
    + "]"
)
_MIXED_WORD_RE = re.compile(
    r"""
    (?=\w*[A-Za-z\u00c0-\u024f\u1e00-\u1eff])   # the word holds a Latin letter ...
    (?=\w*[\u0400-\u04ff])      # ... and at least one Cyrillic letter
    \w+
    """,
    re.VERBOSE,
)
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_CYR_MAP = {ord(k): v for k, v in _CYRILLIC_TWINS.items()}

_LINE_END_RE = re.compile(r"\r\n?|[\f\v\u2028\u2029\u0085]")
# C0/C1 control characters other than tab and newline: never part of a legal text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def clean_text_counted(text: str) -> tuple[str, int]:
    """Clean ``text`` (see :func:`clean_text`) and count the look-alike characters replaced.

    >>> clean_text_counted("Quyết định số 12/2021/QÐ-UBND")
    ('Quyết định số 12/2021/QĐ-UBND', 1)
    """
    if not _SUSPECT_RE.search(text) and unicodedata.is_normalized("NFC", text):
        return text, 0  # fast path: nothing to map (most lines of most files)
    text = _LINE_END_RE.sub("\n", text)
    text = _CONTROL_RE.sub("", text)
    count = len(_LOOKALIKE_COUNT_RE.findall(text))
    text = text.translate(_SIMPLE_MAP)
    if _CYRILLIC_RE.search(text):

        def _fix(m: re.Match[str]) -> str:
            nonlocal count
            word = m.group(0)
            fixed = word.translate(_CYR_MAP)
            count += sum(a != b for a, b in zip(word, fixed, strict=True))
            return fixed

        text = _MIXED_WORD_RE.sub(_fix, text)
    return unicodedata.normalize("NFC", text), count


def clean_text(text: str) -> str:
    """NFC, ``\\n`` line ends, look-alike and invisible characters mapped or dropped.

    >>> clean_text("Căn cứ Luật số 80/2015/QH13\\r\\nngày 22 tháng 6 năm 2015")
    'Căn cứ Luật số 80/2015/QH13\\nngày 22 tháng 6 năm 2015'
    """
    return clean_text_counted(text)[0]


# --- tone-mark placement ------------------------------------------------------------------
# Old style puts the tone on the second vowel of the open syllables oa, oe, uy (hoà, khoẻ,
# thuỷ); the new style (used by the 2018+ drafting rules) puts it on the first (hòa, khỏe,
# thủy). Only word-final pairs are ambiguous: "hoàn", "khuyên" are the same in both styles.
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook above, tilde, dot below


def _build_fold_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            for up1, up2 in ((False, False), (True, False), (True, True), (False, True)):
                a = first.upper() if up1 else first
                b = second.upper() if up2 else second
                old = a + unicodedata.normalize("NFC", b + tone)
                new = unicodedata.normalize("NFC", a + tone) + b
                table[old] = new
    return table


_FOLD_TABLE = _build_fold_table()
_FOLD_RE = re.compile(
    r"""
    (?<![qQ])                              # "quý", "quỳ": u belongs to qu-, not the vowel pair
    (?P<pair>"""
    + "|".join(sorted(_FOLD_TABLE, key=len, reverse=True))
    + r""")                                # an old-style pair: oà, oẻ, uỷ ...
    (?!\w)                                 # ... closing the syllable
    """,
    re.VERBOSE,
)


def match_fold(text: str) -> str:
    """Return a same-length copy of ``text`` with tone marks in the new placement style.

    Case is kept; nothing else changes, so offsets found in the folded text are valid in
    ``text``. Expects NFC text (the output of :func:`clean_text`).

    >>> match_fold("Thủ tướng Chính phủ; Ủy ban; Thuỷ lợi; quý; hoàn thành; KHOẺ")
    'Thủ tướng Chính phủ; Ủy ban; Thủy lợi; quý; hoàn thành; KHỎE'
    """
    if not _FOLD_RE.search(text):
        return text
    return _FOLD_RE.sub(lambda m: _FOLD_TABLE[m.group("pair")], text)


# --- binary garbage -----------------------------------------------------------------------
_GARBAGE_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")


def is_binary_garbage(text: str, *, threshold: float = 0.05) -> bool:
    """True when ``text`` (decoded, before cleaning) looks like binary data, not prose.

    Counts control characters, replacement characters and private-use code points; more
    than ``threshold`` of a sample, or a NUL byte pattern, means garbage.

    >>> is_binary_garbage("Điều 1. Phạm vi điều chỉnh")
    False
    >>> is_binary_garbage("\\x00\\x01PK\\x03\\x04\\ufffd\\ufffd")
    True
    """
    sample = text[:200_000]
    if not sample.strip():
        return False
    bad = len(_GARBAGE_RE.findall(sample))
    letters = sum(c.isalpha() for c in sample)
    return bad / len(sample) > threshold or letters / len(sample) < 0.3
