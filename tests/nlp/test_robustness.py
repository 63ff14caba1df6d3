"""Garbage, mixed encodings, huge single lines and empty strings never crash an extractor."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thpl_nlp.nlp.canonical import canonical_number
from thpl_nlp.nlp.extract.agencies import extract_agencies
from thpl_nlp.nlp.extract.dates import extract_dates
from thpl_nlp.nlp.extract.durations import extract_durations
from thpl_nlp.nlp.extract.modality import clause_modality, extract_modality_cues
from thpl_nlp.nlp.extract.money import extract_money
from thpl_nlp.nlp.extract.pointers import extract_pointers
from thpl_nlp.nlp.extract.procedure import extract_procedure_cues
from thpl_nlp.nlp.extract.quantities import extract_areas, extract_percentages
from thpl_nlp.nlp.extract.references import extract_references

EXTRACTORS = [
    extract_references,
    extract_pointers,
    extract_dates,
    extract_durations,
    extract_money,
    extract_percentages,
    extract_areas,
    extract_agencies,
    extract_modality_cues,
    extract_procedure_cues,
]

# Text built from the pieces legal citations are made of, so that the patterns get exercised.
PIECES = [
    "Nghị định",
    "số",
    "Luật",
    "Điều",
    "khoản",
    "điểm",
    "a",
    "đ",
    "này",
    "ngày",
    "tháng",
    "năm",
    "của",
    "Chính phủ",
    "43/2014/NĐ-CP",
    "/",
    "-",
    ".",
    ",",
    ";",
    " ",
    "  ",
    "\n",
    "2014",
    "15",
    "31",
    "đồng",
    "triệu",
    "%",
    "m2",
    "ha",
    "từ",
    "đến",
    "và",
    "Ð",
    "ND-CP",
    "Quy định",
    "Ủy ban nhân dân",
    "tỉnh",
    "phải",
    "không được",
    "hồ sơ gồm",
    "(",
    ")",
    "\u00a0",
    "\ufffd",
    "Uỷ",
    "sửa đổi, bổ sung",
    "Hiến pháp",
    "số:",
    "TTLT / BTC",
]
legalish = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
garbage = st.text(max_size=300)


def _check(text: str) -> None:
    for fn in EXTRACTORS:
        for ann in fn(text):
            assert 0 <= ann.start <= ann.end <= len(text)
            assert text[ann.start : ann.end] == ann.text
            ann.to_dict()
    clause_modality(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(legalish, garbage))
def test_extractors_never_crash_and_offsets_are_exact(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_canonical_number_raises_only_value_error(raw: str) -> None:
    try:
        number, warnings = canonical_number(raw)
    except ValueError:
        return
    assert " " not in number and "\u00d0" not in number
    assert all(isinstance(w, str) for w in warnings)


def test_mixed_encodings_and_control_characters() -> None:
    cp1252 = "Căn cứ Nghị định số 43/2014/NĐ-CP".encode().decode("cp1252", errors="replace")
    _check(cp1252)
    _check("\x00\x01\x02 Điều 5 \x7f Nghị định số 1/2020/NĐ-CP \udcff")
    _check("")


def test_one_megabyte_single_line() -> None:
    line = "Căn cứ Nghị định số 43/2014/NĐ-CP ngày 15/5/2014 của Chính phủ, khoản 1, 2 Điều 3; "
    text = (line * (1_000_000 // len(line) + 1))[:1_000_000]
    _check_fast(text)


def _check_fast(text: str) -> None:
    t0 = time.perf_counter()
    for fn in EXTRACTORS:
        for _ in fn(text):
            pass
    assert time.perf_counter() - t0 < 30  # linear: a few seconds on a slow shared machine


@pytest.mark.slow
@pytest.mark.parametrize(
    "line",
    [
        "Căn cứ Nghị định số 43/2014/NĐ-CP ngày 15/5/2014 của Chính phủ quy định; ",
        "a" * 50,
        "khoản 1, 2, 3, 4, 5, 6, 7, 8 Điều ",
        "1/1/1/1/1/1/1/1/",
        "từ 1 đến 2 triệu đồng/",
        "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ",
        " " * 10,
    ],
)
def test_one_megabyte_single_line_is_linear(line: str) -> None:
    _check_fast((line * (1_000_000 // len(line) + 1))[:1_000_000])
