"""Canonical form of Vietnamese document numbers (số hiệu).

The contract's canonical form has no spaces and uses ``Đ`` (U+0110): ``43/2014/NĐ-CP``,
``45/2013/QH13``, ``119/QĐ-UBND``, ``23/VBHN-VPQH``. Printed citations carry typos
(``126/2004 / / NĐ-CP``, ``142/2005/NĐ.CP``, ``ND-CP``, ``Ð`` U+00D0); they are repaired and
every repair is reported as a Vietnamese warning so a specialist can check the original.
"""

from __future__ import annotations

import re
import unicodedata

from thpl_nlp.errors import warning
from thpl_nlp.nlp.vocab import VOCAB

# The shape a canonical number must have after repair.
CANONICAL_RE = re.compile(
    r"""
    ^(?P<seq>\d{1,6}[a-z]?)             # ordinal number, "68" or "68a"
    (?:/(?P<year>(?:19|20)\d{2}))?       # optional year of issue
    /(?P<symbol>                         # symbol of the type and issuing body
        [A-ZĐƯ][A-Za-zĐƯ0-9&]{0,15}
        (?:-[A-ZĐƯ][A-Za-zĐƯ0-9&]{0,15}){0,8}
    )$
    """,
    re.VERBOSE,
)

# Separators printed between the parts of a symbol: ".", "–", "—", "_" instead of "-".
_BAD_DASH_RE = re.compile(r"(?P<sep>[.\u2013\u2014_])")
# Mixed-case segments that are correct as printed ("TTg", "TTr").
_MIXED_OK = {"TTg", "TTr"}


def canonical_number(raw: str) -> tuple[str, list[str]]:
    """Repair a printed document number into the canonical form.

    Returns ``(canonical, warnings)``; raises :class:`ValueError` when ``raw`` is not a
    document number at all.

    >>> number, warnings = canonical_number("142/2005/NĐ.CP")
    >>> number
    '142/2005/NĐ-CP'
    >>> print(warnings[0])  # doctest: +NORMALIZE_WHITESPACE
    [W205] Đã sửa số hiệu trích dẫn: '142/2005/NĐ.CP' → '142/2005/NĐ-CP' (dấu '.' thay cho '-');
    hãy đối chiếu và sửa lại trong văn bản.
    >>> canonical_number("43/2014/NĐ-CP")
    ('43/2014/NĐ-CP', [])
    """
    if not isinstance(raw, str):
        raise ValueError(f"not a document number: {raw!r}")
    text = unicodedata.normalize("NFC", raw).strip().strip(".,;:")
    fixes: list[str] = []
    if "\u00d0" in text or "\u00f0" in text:
        text = text.replace("\u00d0", "Đ").replace("\u00f0", "đ")
        fixes.append("ký tự 'Ð' (U+00D0) thay cho 'Đ'")
    party = re.match(r"^(\d{1,6})-([A-ZĐ]{1,6})/([A-ZĐ]{1,6})$", text)
    if party:  # Party documents keep their own form: "57-NQ/TW"
        return text, []
    old = re.match(r"^(\d{1,6})\s+([A-ZĐ]{2,6}\s?/\s?[A-ZĐ]{2,8})$", text)
    if old:  # "43 TC/QLCS" → "43/TC-QLCS"
        text = f"{old.group(1)}/{old.group(2)}"
        fixes.append("thiếu dấu '/' sau số thứ tự")
    if re.search(r"\s", text):
        text = re.sub(r"\s+", "", text)
        fixes.append("bỏ khoảng trắng")
    if "//" in text:
        text = re.sub(r"/{2,}", "/", text)
        fixes.append("bỏ dấu '/' thừa")
    m = re.match(r"^(\d{1,6}[a-z]?)/(?:((?:19|20)\d{2})/)?(.+)$", text)
    if not m:
        raise ValueError(f"not a document number: {raw!r}")
    seq, year, symbol = m.groups()
    if "/" in symbol:  # "14/TTLT/BTC-BTNMT" → "14/TTLT-BTC-BTNMT"
        symbol = symbol.replace("/", "-")
        fixes.append("dấu '/' thay cho '-' trong ký hiệu")
    bad = set(_BAD_DASH_RE.findall(symbol))
    if bad:
        symbol = _BAD_DASH_RE.sub("-", symbol)
        fixes.append("dấu " + ", ".join(f"'{b}'" for b in sorted(bad)) + " thay cho '-'")
    symbol = re.sub(r"-{2,}", "-", symbol).strip("-")
    parts = [p for p in symbol.split("-") if p]
    if not parts or not re.match(r"^[A-Za-zĐđ]", parts[0]):
        raise ValueError(f"not a document number: {raw!r}")
    repairs = VOCAB.mapping("symbol_repairs")
    out = []
    lowered = False
    for p in parts:
        q = p
        if q not in _MIXED_OK and any(c.islower() for c in q):
            if not year:  # "3/giây" is a unit, not a number
                raise ValueError(f"not a document number: {raw!r}")
            q = q.upper()
            lowered = True
        if q in repairs:
            q = repairs[q]
            fixes.append(f"'{p}' thay cho '{q}'")
        out.append(q)
    if lowered:
        fixes.append("chữ thường trong ký hiệu")
    symbol = "-".join(out)
    canonical = f"{seq}/{year}/{symbol}" if year else f"{seq}/{symbol}"
    if not CANONICAL_RE.match(canonical):
        raise ValueError(f"not a document number: {raw!r}")
    warnings = []
    if fixes:
        warnings.append(
            warning(
                "W205",
                f"'{raw.strip()}' → '{canonical}' ({'; '.join(fixes)}); "
                "hãy đối chiếu và sửa lại trong văn bản",
            ).rstrip(".")
            + "."
        )
    return canonical, warnings


def symbol_of(number: str) -> str:
    """The symbol part of a canonical number (``"43/2014/NĐ-CP"`` → ``"NĐ-CP"``).

    >>> symbol_of("119/QĐ-UBND")
    'QĐ-UBND'
    """
    return number.rsplit("/", 1)[-1]


def type_from_symbol(number: str) -> str | None:
    """Guess the document type from the symbol of a canonical number.

    >>> type_from_symbol("45/2013/QH13"), type_from_symbol("23/VBHN-VPQH")
    ('Luật', 'Văn bản hợp nhất')
    """
    first = symbol_of(number).split("-")[0]
    types = VOCAB.mapping("symbol_types")
    if first in types:
        return types[first]
    head = re.sub(r"\d+$", "", first)
    if head in types:
        return types[head]
    return None
