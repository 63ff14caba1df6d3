"""Alias index: names of documents as cited in the texts themselves → canonical numbers.

A citation "Luật Tổ chức chính quyền địa phương số 77/2015/QH13" anywhere in the corpus teaches
the key ``luat to chuc chinh quyen dia phuong`` → 77/2015/QH13; its date (or the year of the
number) tells same-name laws apart. Keys are folded (no tone marks, lower case), so old and new
tone-mark placement ("hoà"/"hòa") and lower-cased proper nouns match. Abbreviations
(HĐND, UBND, VBQPPL …) are expanded before folding.

>>> alias_key("Luật Tổ chức HĐND và UBND")
'luat to chuc hoi dong nhan dan va uy ban nhan dan'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from thpl_nlp.kb.relations import DOC_TYPES
from thpl_nlp.kb.textutil import NUMBER_RE, canon_number, fold, parse_vn_date

ABBREVIATIONS = {
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "VBQPPL": "văn bản quy phạm pháp luật",
    "QPPL": "quy phạm pháp luật",
    "XHCN": "xã hội chủ nghĩa",
    "UBTVQH": "Ủy ban thường vụ Quốc hội",
    "BLDS": "Bộ luật Dân sự",
    "BLHS": "Bộ luật Hình sự",
}
_ABBR_RE = re.compile(r"\b(" + "|".join(map(re.escape, ABBREVIATIONS)) + r")\b")

# "… số <số hiệu> [ngày <ngày>]": the number and date of a citation; the title is read
# backwards from it to the nearest document type word
CITED_NUMBER_RE = re.compile(
    rf"""
    \bsố\s*(?P<number>{NUMBER_RE.pattern})            # its number
    (?:\s*,?\s+ngày\s+(?P<date>\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}
                         |\d{{1,2}}/\d{{1,2}}/\d{{4}}))?  # its date
    """,
    re.VERBOSE,
)
TYPE_RE = re.compile(rf"(?:{DOC_TYPES})\b")
# an amending document's title before "của": "Luật số 37/2013/QH13 sửa đổi, bổ sung Điều 170 của"
AMENDER_RE = re.compile(rf"(?:{DOC_TYPES})\b[^;]*?(?:sửa\s+đổi|bổ\s+sung)[^;]*?\bcủa\s*$")
_BAD_NAME = re.compile(r"\b(?:này|sau\s+đây|nêu\s+trên|trên|dưới)\b|\d")


def expand_abbreviations(s: str) -> str:
    return _ABBR_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], s)


def alias_key(title: str) -> str:
    """Folded key of a document name (type + title), abbreviations expanded."""
    t = expand_abbreviations(title).replace("&", " và ")
    t = re.sub(r"\bnước\s+Cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+Việt\s+Nam\b", "", t, flags=re.I)
    return fold(t)


def cited_titles(text: str) -> Iterator[tuple[str, str, str, dt.date | None]]:
    """``(number, doc_type, title, date)`` for every "<type> <name> số <number>" in ``text``.

    >>> [t[:3] for t in cited_titles("Luật này có hiệu lực. Luật doanh nghiệp số 60/2005/QH11")]
    [('60/2005/QH11', 'Luật', 'Luật doanh nghiệp')]
    """
    for m in CITED_NUMBER_RE.finditer(text):
        left = text[max(0, m.start() - 200) : m.start()]
        left = re.split(r"[.;:\n()\"“”]", left)[-1]
        types = list(TYPE_RE.finditer(left))
        if not types:
            continue
        t = types[-1]
        name = left[t.end() :].strip(" ,")
        pre = left[: t.start()]
        if re.search(r"\b(?:theo|tại)\s*$", pre) or (
            re.search(r"\bcủa\s*$", pre) and AMENDER_RE.search(pre)
        ):
            continue  # "Luật sửa đổi Điều 170 của Luật doanh nghiệp số 37/2013" names the amender
        if len(name) < 3 or _BAD_NAME.search(name):
            continue
        if re.search(r"sửa\s+đổi|bổ\s+sung|quy\s+định\s+chi\s+tiết|hướng\s+dẫn", name):
            continue
        num = canon_number(m.group("number"))
        if not num:
            continue
        typ = re.sub(r"\s+", " ", t.group(0))
        yield num, typ, f"{typ} {name}", parse_vn_date(m.group("date"))
