"""Amounts of money: ``10.000.000 đồng``, ``2 triệu đồng``, ``1,5 tỷ đồng``, ``500.000đ``,
ranges ``từ 1.000.000 đồng đến 3.000.000 đồng`` and ``từ 1 đến 3 triệu đồng``, rates
``300 triệu đồng/đơn vị/năm``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from thpl_nlp.nlp.extract.base import Span
from thpl_nlp.nlp.extract.numbers import MULTIPLIERS, NUM, parse_number

_MULT = r"(?i:nghìn|ngàn|triệu|tỷ|tỉ)"
_CUR = r"(?:đồng|VNĐ|VND|vnđ|đ|USD|đô\s+la\s+Mỹ)"

MONEY_RE = re.compile(
    rf"""
    (?<![\w.,])
    (?=[\dtT])                                                  # a digit or "từ" (fast skip)
    (?:(?P<from>(?i:từ))\s{{1,3}})?                            # "từ" opening a range
    (?P<low>{NUM})\s{{0,2}}                                    # the (first) amount
    (?:(?P<low_mult>{_MULT}(?:\s{{1,2}}{_MULT})?)\s{{0,2}})?    # its multiplier: "triệu"
    (?P<low_cur>{_CUR}(?![\w]))?                               # its currency, if printed
    (?:
        \s{{0,3}}(?P<to>(?i:đến|tới)|-|–)\s{{0,3}}              # range separator
        (?P<high>{NUM})\s{{0,2}}                               # the upper amount
        (?:(?P<high_mult>{_MULT}(?:\s{{1,2}}{_MULT})?)\s{{0,2}})?
        (?P<high_cur>{_CUR}(?![\w]))                           # currency closes a range
    )?
    (?P<per>(?:\s{{0,2}}/\s{{0,2}}[^\W\d_]+(?:\s[^\W\d_]+)?){{1,3}})?  # rate: "/tháng"
    """,
    re.VERBOSE,
)


@dataclass(slots=True)
class Money(Span):
    """An amount (``amount``) or a range (``low``..``high``) in ``currency``."""

    amount: float | None = None
    low: float | None = None
    high: float | None = None
    currency: str = "VND"
    per: str | None = None


def _value(num: str, mult: str | None) -> float | None:
    v = parse_number(num)
    if v is None:
        return None
    for w in (mult or "").lower().split():
        v *= MULTIPLIERS.get(w, 1)
    return v


def _currency(cur: str) -> str:
    return "USD" if cur.startswith(("USD", "đô")) else "VND"


def extract_money(text: str) -> Iterator[Money]:
    """Every amount of money in ``text`` (a number needs a currency word to count).

    >>> [(m.amount, m.low, m.high) for m in extract_money("mức phạt từ 1 đến 3 triệu đồng")]
    [(None, 1000000.0, 3000000.0)]
    >>> next(extract_money("1,5 tỷ đồng")).amount
    1500000000.0
    """
    if not text:
        return
    for m in MONEY_RE.finditer(text):
        if not (m.group("low_cur") or m.group("high_cur")):
            continue
        per = m.group("per")
        if m.group("high"):
            hi = _value(m.group("high"), m.group("high_mult"))
            lo = _value(m.group("low"), m.group("low_mult") or m.group("high_mult"))
            cur = m.group("high_cur")
            ann = Money(m.start(), m.end(), m.group(0), low=lo, high=hi, currency=_currency(cur))
        else:
            end = m.end("low_cur")
            ann = Money(
                m.start(),
                end,
                text[m.start() : end],
                amount=_value(m.group("low"), m.group("low_mult")),
                currency=_currency(m.group("low_cur")),
            )
            if m.group("from"):
                ann.low, ann.amount = ann.amount, None
        if per and ann.end == m.start("per"):
            ann.end = m.end("per")
            ann.text = text[ann.start : ann.end]
            ann.per = re.sub(r"\s*/\s*", "/", per).strip()
        yield ann
