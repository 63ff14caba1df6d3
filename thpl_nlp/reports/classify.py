"""Group local documents by issuing body (HĐND / UBND / Chủ tịch UBND) and level.

The level comes from the administrative unit named in the issuer: ``tỉnh`` and the
centrally-run cities (configured in ``central_cities``) are provincial; ``xã``, ``phường``,
``thị trấn`` and ``đặc khu`` are commune level; ``huyện``, ``quận``, ``thị xã`` and the other
``thành phố`` are the former district level. When the issuer is missing, the number's suffix
(``NQ-HĐND``, ``QĐ-UBND``) still gives the body.

>>> classify_issuer("Hội đồng nhân dân thành phố Đà Nẵng", "15/2025/NQ-HĐND")
('HDND', 'province')
>>> classify_issuer("Ủy ban nhân dân xã Hòa Vang", None)
('UBND', 'commune')
>>> classify_issuer("Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam", None)
('CT_UBND', 'province')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_BODY = re.compile(
    r"""
    (?P<chair>chủ\s+tịch\s+(?:ủy|uỷ)\s+ban\s+nhân\s+dân|chủ\s+tịch\s+ubnd)  # Chủ tịch UBND
    | (?P<council>hội\s+đồng\s+nhân\s+dân|hđnd)                           # HĐND
    | (?P<committee>(?:ủy|uỷ)\s+ban\s+nhân\s+dân|ubnd)                     # UBND
    """,
    re.VERBOSE | re.IGNORECASE,
)
_NUMBER_BODY = re.compile(
    r"""
    -(?P<suffix>HĐND|UBND)\b   # the issuer part of a số hiệu: 15/2025/NQ-HĐND, 12/2021/QĐ-UBND
    """,
    re.VERBOSE,
)
_UNIT = re.compile(
    r"""
    \b(?P<commune>xã|phường|thị\s+trấn|đặc\s+khu)\s+\S      # commune-level units
    | \b(?P<district>huyện|quận|thị\s+xã)\s+\S             # former district-level units
    | \b(?P<province>tỉnh)\s+\S                            # provinces
    | \bthành\s+phố\s+(?P<city>[^,;()]+)                   # a city: central or district level
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("Ð", "Đ").strip()


def classify_issuer(
    issuer: str | None, number: str | None, central_cities: Iterable[str] | None = None
) -> tuple[str, str]:
    """``(body, level)``: body in HDND/UBND/CT_UBND/other, level in
    province/district/commune/other."""
    if central_cities is None:
        from thpl_nlp.reports.config import load_config

        central_cities = load_config().get("central_cities", [])
    cities = {_fold(c).lower() for c in central_cities}
    text = _fold(issuer or "")
    body = "other"
    m = _BODY.search(text)
    if m:
        body = "CT_UBND" if m["chair"] else "HDND" if m["council"] else "UBND"
    elif number:
        n = _NUMBER_BODY.search(_fold(number))
        if n:
            body = "HDND" if n["suffix"] == "HĐND" else "UBND"
    level = "other"
    u = _UNIT.search(text)
    if u:
        if u["commune"]:
            level = "commune"
        elif u["district"]:
            level = "district"
        elif u["province"]:
            level = "province"
        else:
            city = u["city"].strip().lower()
            level = "province" if any(city.startswith(c) for c in cities) else "district"
    elif body != "other" and re.search(r"\bcấp\s+tỉnh\b", text, re.IGNORECASE):
        level = "province"
    return body, level
