"""Line patterns of the structure parser, one compiled ``re.VERBOSE`` regex per line kind.

All patterns run on a stripped line of ``match_text`` and are case-insensitive, so that
lower-cased legacy texts ("điều 1.", "chương ii") parse like printed ones.

>>> PART_RE.match("PHẦN THỨ NHẤT").group("num")
'THỨ NHẤT'
>>> ARTICLE_RE.match("Điều 68a. Trách nhiệm").group("num", "rest")
('68a', 'Trách nhiệm')
>>> CLAUSE_RE.match("3.2 Pháp lệnh, nghị quyết").group("num")
'3'
>>> POINT_RE.match("đ) Trường hợp khác;").group("num")
'đ'
"""

from __future__ import annotations

import re

_F = re.VERBOSE | re.IGNORECASE

PART_RE = re.compile(
    r"""
    ^(?:phần)\s+                                   # the word "Phần"
    (?P<num>thứ\s+[^\W\d_]+(?:\s+[^\W\d_]+)?      # ordinal words: "THỨ NHẤT", "thứ hai mươi"
      |[IVXLC]+|\d+)                               # or a roman / arabic number
    \s*(?:[.:\-–]\s*(?P<rest>.*))?$                # optional heading on the same line
    """,
    _F,
)

CHAPTER_RE = re.compile(
    r"""
    ^chương\s+
    (?P<num>[IVXLCDM]+|\d+)                        # roman or arabic chapter number
    (?P<fn>\d{1,3})?                               # a footnote marker glued to the number
    \s*(?:[.:\-–]\s*(?P<rest>.+)|\s+(?P<rest2>[^\W\d_].+))?$  # optional same-line heading
    """,
    _F,
)

SECTION_RE = re.compile(
    r"""
    ^(?P<word>tiểu\s+mục|mục)\s+                   # "Mục" or "Tiểu mục"
    (?P<num>\d+|[IVXLC]+)                          # number
    \s*(?:[.:\-–]\s*(?P<rest>.+)|\s+(?P<rest2>[^\W\d_].+))?$  # optional same-line heading
    """,
    _F,
)

ARTICLE_RE = re.compile(
    r"""
    ^điều\s+
    (?P<num>\d{1,4}[a-zđ]?)                        # article number, maybe inserted: "68a"
    (?:
       \s*(?P<punct>[.:])(?P<fn>\d{1,3})?          # "Điều 5." (footnote marker may follow)
       |\s+[-–]\s                                  # "Điều 5 - …" (legacy)
       |(?=\s*$)                                   # "Điều 5" alone on its line
       |(?P<bare>\s+)(?=[^\W\d_])                  # "Điều 5 Phạm vi" (no period): checked
    )
    \s*(?:[-–]\s*)?(?P<rest>.*)$                   # heading or first sentence ("Điều 1. - Nay")
    """,
    _F,
)

CLAUSE_RE = re.compile(
    r"""
    ^(?P<num>\d{1,3}[a-zđ]?)                       # clause number, maybe inserted: "8a"
    \.(?P<fn>\d{1,3})?                             # the dot, maybe a footnote marker
    (?:\s+(?P<rest>\S.*)|\s*$)                     # text (or nothing: "1." alone)
    """,
    _F,
)

POINT_RE = re.compile(
    r"""
    ^(?P<num>[a-zđ]\d{0,2})                        # point letter, maybe inserted: "a1"
    (?:\)(?P<fn>\d{1,3})?|\.(?=\s))                 # "a)" (with a footnote marker) or "a. "
    (?:\s+(?P<rest>\S.*)|\s*$)
    """,
    re.VERBOSE,  # points are lower-case letters only: "A)" is not a point
)

# Roman-numbered group of a document without articles (older Thông tư): "I. QUY ĐỊNH CHUNG".
ROMAN_ITEM_RE = re.compile(
    r"""
    ^(?P<num>[IVX]{1,5})                           # roman number, upper case only
    \.\s*(?P<rest>.*)$                             # heading on the same line, or nothing
    """,
    re.VERBOSE,
)

# Lines that end the preamble: "QUYẾT ĐỊNH:", "Quyết nghị:", "Quốc hội ban hành Luật …".
ENACTING_RE = re.compile(
    r"""
    ^(?:(?P<word>quyết\s+định|quyết\s+nghị|nghị\s+quyết|chỉ\s+thị|quy\s+định)\s*:\s*$  # formula
      |(?P<plain>Quyết\s+định|Quyết\s+nghị)\s*$        # legacy: "Quyết định" without colon
      |(?P<organ>[^\n]{2,120}?)\s+ban\s+hành\s+                # "<organ> ban hành …"
       (?P<type>bộ\s+luật|luật|nghị\s+định|pháp\s+lệnh|nghị\s+quyết|thông\s+tư|quyết\s+định)\b)
    """,
    _F,
)

# "Căn cứ …", "Theo đề nghị của …", "Xét …" items of the preamble.
# An optional list dash is skipped: "- Căn cứ …" (legacy texts).
BASIS_RE = re.compile(r"^(?:[-+•–]\s*)?(?P<word>căn\s+cứ)\b", _F)
PROPOSER_RE = re.compile(
    r"^(?:[-+•–]\s*)?(?P<word>theo\s+đề\s+nghị|xét\b|qua\s+xem\s+xét|sau\s+khi\s+xem\s+xét)",
    _F,
)

# Adoption formula after the last article: "Nghị quyết này đã được … thông qua ngày …".
ADOPTION_RE = re.compile(
    r"""
    ^(?P<type>hiến\s+pháp|bộ\s+luật|luật|pháp\s+lệnh|nghị\s+quyết)\s+(?:này\s+)?
    (?:đã\s+)?được\s+.{0,400}?thông\s+qua                   # "… đã được … thông qua"
    """,
    _F,
)

RECIPIENTS_RE = re.compile(r"^nơi\s+nhận\b\s*:?", _F)

# First line of a signature block: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M …".
SIGN_MODE_RE = re.compile(
    r"""
    ^(?P<mode>TM|KT|Q|TL|TUQ|T/M|K/T|T\.M|K\.T)     # mode of signing
    \s*\.?\s+(?P<rest>[^\W\d_].*)$                  # the body or title signed for
    """,
    re.VERBOSE,
)

# "(Ban hành kèm theo Quyết định số …)", "(Kèm theo Nghị quyết …)".
ATTACHED_RE = re.compile(r"^\(?\s*(?:ban\s+hành\s+)?kèm\s+theo\b", _F)

# Separators printed under header lines: "-------", "___", "***".
SEPARATOR_RE = re.compile(r"^[-_=*.~–—\s]{3,}$")
