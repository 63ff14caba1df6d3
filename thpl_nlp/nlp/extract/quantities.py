"""Percentages (``5%``, ``0,5 %``, ``năm phần trăm``) and areas (``m2``, ``m²``, ``ha``,
``km2``, ``mét vuông``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from thpl_nlp.nlp.extract.base import Span
from thpl_nlp.nlp.extract.numbers import NUM, WORD_NUM, parse_number

PERCENT_RE = re.compile(
    rf"""
    (?<![\w.,])
    (?=[\dmMhHbBtTnNsScC])            # a digit or the first letter of a number word
    (?P<num>{NUM}|(?i:{WORD_NUM}))          # the rate, in digits or words
    \s{{0,2}}
    (?P<sign>%|(?i:phần\s+trăm))            # "%" or "phần trăm"
    """,
    re.VERBOSE,
)

AREA_RE = re.compile(
    rf"""
    (?<![\w.,])
    (?=\d)                                  # fast skip
    (?P<num>{NUM})\s{{0,2}}                 # the measure
    (?P<unit>km2|km²|m2|m²|ha|(?i:héc\s?-?\s?ta|mét\s+vuông|ki\s?-?\s?lô\s?-?\s?mét\s+vuông))
    (?![\w])
    """,
    re.VERBOSE,
)


@dataclass(slots=True)
class Percentage(Span):
    value: float | None = None


@dataclass(slots=True)
class Area(Span):
    value: float | None = None
    unit: str = "m2"
    square_meters: float | None = None


def extract_percentages(text: str) -> Iterator[Percentage]:
    """Every percentage in ``text``.

    >>> [p.value for p in extract_percentages("tỷ lệ 5% và năm phần trăm, 0,5 %")]
    [5.0, 5.0, 0.5]
    """
    if not text:
        return
    for m in PERCENT_RE.finditer(text):
        yield Percentage(m.start(), m.end(), m.group(0), value=parse_number(m.group("num")))


def extract_areas(text: str) -> Iterator[Area]:
    """Every area in ``text`` with its value in square metres.

    >>> [(a.unit, a.square_meters) for a in extract_areas("diện tích 1,5 ha và 200 m²")]
    [('ha', 15000.0), ('m2', 200.0)]
    """
    if not text:
        return
    for m in AREA_RE.finditer(text):
        unit = re.sub(r"[\s\-]+", "", m.group("unit").lower())
        unit = {"m²": "m2", "km²": "km2", "métvuông": "m2", "kilômétvuông": "km2"}.get(unit, unit)
        if unit == "hécta":
            unit = "ha"
        v = parse_number(m.group("num"))
        factor = {"m2": 1.0, "ha": 1e4, "km2": 1e6}.get(unit)
        yield Area(
            m.start(),
            m.end(),
            m.group(0),
            value=v,
            unit=unit,
            square_meters=v * factor if v is not None and factor else None,
        )
