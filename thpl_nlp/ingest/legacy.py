"""Legacy Vietnamese encodings: TCVN3 (ABC, TCVN 5712:1993 VN3) and VNI-Windows → Unicode.

Older provincial files were typed with 8-bit "fonts": TCVN3 puts each precomposed lowercase
letter in one byte (``ViÖt Nam``), VNI writes a base letter followed by one or two accent
bytes (``Vieät Nam``). The text arrives either as raw bytes (decoded here as Latin-1/cp1252)
or already as Unicode mojibake (the bytes were read as Latin-1 somewhere before).

:func:`detect_and_convert` scores both conversions and keeps the one that leaves no stray
Latin-1 symbols; it returns None when the text is not legacy-encoded and raises
:class:`ValueError` when it looks legacy but neither table converts it cleanly (E110).

>>> convert_tcvn3("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
'Cộng hoà xã hội chủ nghĩa Việt Nam'
>>> convert_vni("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
'Cộng hòa xã hội chủ nghĩa Việt Nam'
"""

from __future__ import annotations

import re
import unicodedata

# TCVN 5712:1993, table VN3 (the "ABC" fonts .VnTime/.VnArial): byte → letter. Upper-case
# letters with tone marks are not encoded (the .VnTimeH fonts draw the lower-case codes as
# capitals), so words written in capitals are recased after conversion.
_TCVN3_BYTES: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
_TCVN3_TABLE = dict(_TCVN3_BYTES)

# VNI-Windows: a base letter followed by accent bytes (read as cp1252 characters).
# Accent bytes for lower case; the upper-case forms use the upper-case characters.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT_TONES = {  # circumflex (â ê ô) + tone
    "â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323",
}  # fmt: skip
_VNI_BREVE_TONES = {  # breve (ă) + tone
    "ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323",
}  # fmt: skip
# Letters that are a single byte in VNI.
_VNI_SINGLE = {
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị",  # i with tones
    "ô": "ơ", "ö": "ư", "î": "ỵ", "ñ": "đ",
    "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị",
    "Ô": "Ơ", "Ö": "Ư", "Î": "Ỵ", "Ñ": "Đ",
}  # fmt: skip


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(seq: str, base: str, marks: str) -> None:
        table[seq] = unicodedata.normalize("NFC", base + marks)

    for upper in (False, True):

        def cv(c: str, up: bool = upper) -> str:
            return c.upper() if up else c

        for base in "aeiouy":
            for acc, mark in _VNI_TONES.items():
                add(cv(base) + cv(acc), cv(base), mark)
        for base in "aeo":  # circumflex
            for acc, mark in _VNI_HAT_TONES.items():
                add(cv(base) + cv(acc), cv(base), "\u0302" + mark)
        for acc, mark in _VNI_BREVE_TONES.items():  # breve on a
            add(cv("a") + cv(acc), cv("a"), "\u0306" + mark)
        for acc, mark in _VNI_TONES.items():  # horn letters ơ (ô) and ư (ö) + tone
            add(cv("ô") + cv(acc), cv("o"), "\u031b" + mark)
            add(cv("ö") + cv(acc), cv("u"), "\u031b" + mark)
    return table


_VNI_PAIRS = _vni_table()
_VNI_RE = re.compile(
    "|".join(sorted(map(re.escape, _VNI_PAIRS), key=len, reverse=True))
    + "|["
    + "".join(_VNI_SINGLE)
    + "]"
)

_VIET_LETTERS = set(
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵfjwz"
)
_VIET_LETTERS |= {c.upper() for c in _VIET_LETTERS}
_SPECIFIC = set("ăâđêôơưảãạằẳẵắặầẩẫấậẻẽẹềểễếệỉĩịỏọồổỗốộờởỡớợủũụừửữứựỳỷỹỵ")
_SPECIFIC |= {c.upper() for c in _SPECIFIC}
_WORD_RE = re.compile(r"\w+")
_SENTENCE_START_RE = re.compile(
    "(^[ \\t]*|[.!?][ \\t]+)(["
    + "".join(sorted(set(_TCVN3_BYTES.values()) - set("ĂÂÊÔƠƯĐ")))
    + "])",
    re.MULTILINE,
)


def convert_tcvn3(text: str) -> str:
    """Convert TCVN3 (ABC) text, read as Latin-1 characters, to Unicode.

    >>> convert_tcvn3("QuyÕt ®Þnh sè 12/2004/Q§-UBND")
    'Quyết định số 12/2004/QĐ-UBND'
    """
    out = text.translate(_TCVN3_TABLE)
    words = list(_WORD_RE.finditer(out))
    caps = [_all_caps(m.group(0)) for m in words]
    pieces: list[str] = []
    last = 0
    for k, m in enumerate(words):
        word = m.group(0)
        ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
        upper = bool(ascii_letters) and all(c.isupper() for c in ascii_letters)
        # A neighbour on the same line typed in capitals ("ủY BAN" → "ỦY BAN").
        near_caps = (k > 0 and caps[k - 1] and "\n" not in out[words[k - 1].end() : m.start()]) or (
            k + 1 < len(words) and caps[k + 1] and "\n" not in out[m.end() : words[k + 1].start()]
        )
        if upper and (caps[k] or near_caps):
            pieces.append(out[last : m.start()])
            pieces.append(word.upper())
            last = m.end()
    pieces.append(out[last:])
    # A toned capital at a line or sentence start was typed with the capital font: restore it.
    return _SENTENCE_START_RE.sub(lambda m: m.group(1) + m.group(2).upper(), "".join(pieces))


def _all_caps(word: str) -> bool:
    """A word typed in capitals: at least two ASCII letters, all upper case."""
    ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
    return len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters)


def convert_vni(text: str) -> str:
    """Convert VNI-Windows text, read as cp1252 characters, to Unicode.

    >>> convert_vni("Ñoäc laäp - Töï do - Haïnh phuùc")
    'Độc lập - Tự do - Hạnh phúc'
    """
    return _VNI_RE.sub(lambda m: _VNI_PAIRS.get(m.group(0)) or _VNI_SINGLE[m.group(0)], text)


def _odd(text: str) -> int:
    """Characters of the Latin-1 supplement that are no Vietnamese letter."""
    return sum(1 for c in text if "\u00a1" <= c <= "\u00ff" and c not in _VIET_LETTERS)


# Toned vowels (any tone mark) by base vowel, to spot impossible vowel pairs.
_TONED = {
    base: "".join(unicodedata.normalize("NFC", base + t) for t in "\u0300\u0301\u0309\u0303\u0323")
    for base in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
}
_ALL_TONED = "".join(_TONED.values())
# A plain vowel followed by a toned one that can never follow it in a Vietnamese syllable:
# after a/e nothing toned; after o only a, ă, e (hòa, hoặc, khỏe). What a wrong table gives:
# "xaừ", "Coọng", "hoứa".
_BAD_PAIR_RE = re.compile(
    "[aAeE]["
    + _ALL_TONED
    + "]|[oO]["
    + _TONED["i"]
    + _TONED["o"]
    + _TONED["ô"]
    + _TONED["ơ"]
    + _TONED["u"]
    + _TONED["ư"]
    + _TONED["y"]
    + _TONED["â"]
    + _TONED["ê"]
    + "]"
)


def _bad_pairs(text: str) -> int:
    return len(_BAD_PAIR_RE.findall(text))


def _specific(text: str) -> int:
    return sum(1 for c in text if c in _SPECIFIC)


def looks_legacy(text: str) -> bool:
    """True when the text has stray Latin-1 symbols and few Vietnamese-specific letters.

    >>> looks_legacy("Cộng hòa xã hội chủ nghĩa Việt Nam")
    False
    >>> looks_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
    True
    """
    sample = text[:50_000]
    letters = sum(c.isalpha() for c in sample) or 1
    odd = _odd(sample)
    return odd / letters > 0.01 and _specific(sample) < 2 * odd


def detect_and_convert(text: str) -> tuple[str, str] | None:
    """Return ``(converted, "TCVN3"|"VNI")`` for legacy text, None for normal Unicode text.

    Raises ``ValueError`` when the text looks legacy-encoded but neither conversion leaves
    it clean.

    >>> detect_and_convert("§éc lËp - Tù do - H¹nh phóc")
    ('Độc lập - Tự do - Hạnh phúc', 'TCVN3')
    """
    if not looks_legacy(text):
        return None
    candidates = [(convert_tcvn3(text), "TCVN3"), (convert_vni(text), "VNI")]
    letters = sum(c.isalpha() for c in text[:50_000]) or 1
    scored = sorted(
        candidates,
        key=lambda c: (_odd(c[0][:50_000]) + _bad_pairs(c[0][:50_000]), -_specific(c[0][:50_000])),
    )
    best, name = scored[0]
    if _odd(best[:50_000]) / letters > 0.004:
        raise ValueError("TCVN3/VNI")
    return best, name
