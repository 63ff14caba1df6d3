"""Is this text a Vietnamese legal normative document?

Used by the structure stage to reject what the corpus folders also hold: essays and history
texts, court precedents (án lệ), judgments, English translations. A legal document names its
type near the top (QUYẾT ĐỊNH, NGHỊ QUYẾT, LUẬT …) and is made of articles (``Điều 1.``) or,
for very short decisions, has legal bases (``Căn cứ …``) and an operative part.

>>> is_legal_document("QUYẾT ĐỊNH\\nVề việc ban hành Quy định\\nCăn cứ Luật Tổ chức chính "
...                   "quyền địa phương;\\nĐiều 1. Ban hành kèm theo Quyết định này\\n"
...                   "Điều 2. Quyết định có hiệu lực kể từ ngày ký.")
(True, 'Văn bản có tên loại (QUYẾT ĐỊNH) và 2 điều.')
>>> is_legal_document("The Law on Promulgation of Legal Documents shall take effect ...")[0]
False
"""

from __future__ import annotations

import re

# The document type printed as the title (upper case, on its own line, near the top).
_TYPE_RE = re.compile(
    r"""
    ^[ \t#*_]*                                  # Markdown marks may precede the title
    (?P<type>HIẾN\s+PHÁP|BỘ\s+LUẬT|LUẬT|PHÁP\s+LỆNH|LỆNH|NGHỊ\s+QUYẾT(?:\s+LIÊN\s+TỊCH)?
      |NGHỊ\s+ĐỊNH|QUYẾT\s+ĐỊNH|THÔNG\s+TƯ(?:\s+LIÊN\s+TỊCH)?|CHỈ\s+THỊ
      |VĂN\s+BẢN\s+HỢP\s+NHẤT|QUY\s+ĐỊNH|QUY\s+CHẾ)   # the type word(s), upper case
    [ \t*_:]*(?:\n|$|\s+(?:VỀ|SỬA|BAN|QUY|SỐ))      # end of the title line (or title follows)
    """,
    re.VERBOSE | re.MULTILINE,
)
# Sentence-case type at the start of a line (legacy files lost the upper case header).
_TYPE_LOOSE_RE = re.compile(
    r"""
    ^[ \t#*_]*(?P<type>(?:Quyết|Nghị)\s+(?:định|quyết)|Chỉ\s+thị|Thông\s+tư|Luật)\b
    """,
    re.VERBOSE | re.MULTILINE | re.IGNORECASE,
)
# An article heading at a line start: "Điều 1.", "Điều 68a.", "Điều 1" (Constitution style).
_ARTICLE_RE = re.compile(
    r"""
    ^[ \t#*_]*Điều\s+(?P<num>\d{1,3}[a-zđ]?)\s*(?:[.:]|\n|$|\*)   # the article number
    """,
    re.VERBOSE | re.MULTILINE,
)
# A numbered section of an older Thông tư / Chỉ thị: "I. Những quy định chung", "2. …".
_SECTION_RE = re.compile(r"^(?:[IVX]{1,5}|\d{1,2})\.\s+\S", re.MULTILINE)
_BASIS_RE = re.compile(r"^[ \t*_-]*Căn\s+cứ\s", re.MULTILINE)
# Court precedents and judgments: not normative documents.
_PRECEDENT_RE = re.compile(
    r"""
    ^[ \t#*_]*(?P<kind>ÁN\s+LỆ\s+SỐ|BẢN\s+ÁN\s+SỐ|QUYẾT\s+ĐỊNH\s+GIÁM\s+ĐỐC\s+THẨM)   # heading
    """,
    re.VERBOSE | re.MULTILINE | re.IGNORECASE,
)
_VIET_CHARS = set("ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
_ENGLISH_WORDS = re.compile(r"\b(?:the|of|and|shall|this|article|law|decree|to|in|be)\b", re.I)


def vietnamese_ratio(text: str) -> float:
    """Share of letters that are Vietnamese-specific (with diacritics).

    >>> round(vietnamese_ratio("Điều khoản thi hành"), 2)
    0.25
    """
    letters = [c for c in text.lower() if c.isalpha()]
    if not letters:
        return 0.0
    return sum(c in _VIET_CHARS for c in letters) / len(letters)


def is_legal_document(text: str) -> tuple[bool, str]:
    """Decide whether ``text`` is a Vietnamese legal normative document; say why (Vietnamese).

    >>> is_legal_document("ÁN LỆ SỐ 63/2023/AL\\nVề ...\\nĐiều 1. ...")[0]
    False
    """
    head = text[:6000]
    sample = text[:20000]
    ratio = vietnamese_ratio(sample)
    words = max(len(sample.split()), 1)
    english = len(_ENGLISH_WORDS.findall(sample)) / words
    if ratio < 0.08 or english > 0.12:
        return False, "Văn bản không phải tiếng Việt (có thể là bản dịch tiếng Anh)."
    if _PRECEDENT_RE.search(head):
        return False, "Đây là án lệ hoặc bản án, không phải văn bản quy phạm pháp luật."
    articles = len({m.group("num") for m in _ARTICLE_RE.finditer(text)})
    typ = _TYPE_RE.search(head)
    loose = typ or _TYPE_LOOSE_RE.search(text[:1500])
    bases = len(_BASIS_RE.findall(text[:30000]))
    if typ and articles >= 1:
        kind = " ".join(typ.group("type").split())
        return True, f"Văn bản có tên loại ({kind}) và {articles} điều."
    if loose and (articles >= 2 or (articles >= 1 and bases >= 1)):
        kind = " ".join(loose.group("type").split())
        return True, f"Văn bản có tên loại ({kind}), căn cứ ban hành và {articles} điều."
    if articles >= 3 and bases >= 1:
        return True, f"Văn bản có căn cứ ban hành và {articles} điều."
    # Older Thông tư / Chỉ thị are laid out in sections (I., II., 1., 2.) instead of articles.
    sections = len(_SECTION_RE.findall(text[:60000]))
    lead = _TYPE_LOOSE_RE.match(text.lstrip()[:200])
    if lead and sections >= 2 and (bases >= 1 or "chỉ thị" in lead.group("type").lower()):
        kind = " ".join(lead.group("type").split())
        return True, f"Văn bản có tên loại ({kind}) và được chia thành {sections} mục."
    if not articles:
        return False, "Không có điều khoản nào (Điều 1, Điều 2…): không phải văn bản QPPL."
    return False, "Không tìm thấy tên loại văn bản (Quyết định, Nghị quyết, Luật…) ở đầu văn bản."
