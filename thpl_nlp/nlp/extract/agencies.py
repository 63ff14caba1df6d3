"""Agencies and roles: ``Ủy ban nhân dân tỉnh Bắc Giang``, ``Hội đồng nhân dân``,
``Sở Tài chính``, ``Bộ Xây dựng``, ``Chính phủ``, ``Thủ tướng Chính phủ``,
``Chủ tịch Ủy ban nhân dân cấp huyện``. The vocabulary lives in ``resources/legal_vocab.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from thpl_nlp.nlp.extract.base import Span
from thpl_nlp.nlp.vocab import LOWER, UPPER, VOCAB, alternation, first_chars

_A = VOCAB.raw["agencies"]
_HEADS = alternation(_A["named_heads"] + _A["local_heads"] + _A["central"] + _A["roles"])
# A name: capitalised compounds ("Tài nguyên", "Môi trường") joined by "và" or "-".
_NAME = (
    rf"(?:[ \t]{{1,2}}(?:[{UPPER}][^\W\d_]*"
    rf"(?:\s(?!và\s|của\s|có\s|là\s){LOWER}[^\W\d_]*)?(?![\w])"
    rf"|và(?=[ \t]{{1,2}}[{UPPER}])(?![ \t]{{1,2}}(?:{_HEADS})(?![\w]))"
    rf"|-(?=[ \t]{{1,2}}[{UPPER}]))){{1,8}}"
)

_FIRST = first_chars(_A["roles"] + _A["central"] + _A["local_heads"] + _A["named_heads"])

AGENCY_RE = re.compile(
    rf"""
    (?<![\w\-/])
    (?=[{_FIRST}])      # the first letter of a role or an agency (fast skip)
    (?P<role>(?:{alternation(_A["roles"])})\s{{1,3}})?        # a role heading the agency
    (?P<agency>
        (?P<central>{alternation(_A["central"])})(?![\w])     # a central body
    |
        (?P<local>{alternation(_A["local_heads"])})(?![\w])   # UBND / HĐND …
        (?:[ \t]{{1,3}}(?P<level>{alternation(_A["levels"])})(?![\w]))?  # … of which level
        (?P<place>{_NAME})?                                   # … and which place
    |
        (?P<named>{alternation(_A["named_heads"])})           # Sở / Bộ / Phòng + a name
        (?P<name>{_NAME})
    )
    """,
    re.VERBOSE,
)

ROLE_ONLY_RE = re.compile(
    rf"""
    (?<![\w])
    (?P<role>{alternation(_A["roles"])})(?![\w])   # a role without an agency: "Giám đốc các sở"
    """,
    re.VERBOSE,
)

_LEVELS = {
    "tỉnh": "tỉnh",
    "thành phố": "tỉnh",
    "cấp tỉnh": "tỉnh",
    "huyện": "huyện",
    "quận": "huyện",
    "thị xã": "huyện",
    "cấp huyện": "huyện",
    "xã": "xã",
    "phường": "xã",
    "thị trấn": "xã",
    "đặc khu": "xã",
    "cấp xã": "xã",
    "các cấp": "các cấp",
}


@dataclass(slots=True)
class AgencyMention(Span):
    """An agency (``kind="agency"``) or a role in an agency (``kind="role"``).

    ``level`` is ``trung ương``, ``tỉnh``, ``huyện``, ``xã`` or ``các cấp`` when known
    (a "thành phố" is taken as provincial; city-level units under a province are rare in
    legal bases). ``role`` is the title ("Chủ tịch"), ``agency`` the body's name."""

    kind: str = "agency"
    agency: str | None = None
    role: str | None = None
    level: str | None = None


def extract_agencies(text: str) -> Iterator[AgencyMention]:
    """Every agency or role mention in ``text``.

    >>> for a in extract_agencies("Chủ tịch Ủy ban nhân dân tỉnh Bắc Giang và Sở Xây dựng"):
    ...     print(a.kind, a.role, a.agency, a.level)
    role Chủ tịch Ủy ban nhân dân tỉnh Bắc Giang tỉnh
    agency None Sở Xây dựng None
    """
    if not text:
        return
    for m in AGENCY_RE.finditer(text):
        role = re.sub(r"\s+", " ", m.group("role")).strip() if m.group("role") else None
        agency = re.sub(r"\s+", " ", m.group("agency")).strip()
        level = None
        if m.group("central"):
            level = "trung ương"
        elif m.group("level"):
            level = _LEVELS.get(re.sub(r"\s+", " ", m.group("level")).lower())
        yield AgencyMention(
            m.start(),
            m.end(),
            m.group(0),
            kind="role" if role else "agency",
            agency=agency,
            role=role,
            level=level,
        )
