"""Vietnamese numerals shared by the quantity extractors: ``10.000.000``, ``1,5``, ``năm``."""

from __future__ import annotations

import re

# Digits with "." thousands and "," decimals (Vietnamese), or plain digits.
NUM = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?(?!\.\d{3}))"

WORD_NUMBERS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười lăm": 15,
    "hai mươi": 20,
    "ba mươi": 30,
    "bốn mươi": 40,
    "năm mươi": 50,
    "sáu mươi": 60,
    "chín mươi": 90,
    "một trăm": 100,
}
WORD_NUM = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(WORD_NUMBERS, key=len, reverse=True)
)

MULTIPLIERS = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}


def parse_number(s: str) -> float | None:
    """Value of a Vietnamese numeral.

    >>> parse_number("10.000.000"), parse_number("1,5"), parse_number("năm")
    (10000000.0, 1.5, 5.0)
    """
    s = re.sub(r"\s+", " ", s.strip().lower())
    if s in WORD_NUMBERS:
        return float(WORD_NUMBERS[s])
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d+", s):
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None
