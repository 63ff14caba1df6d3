import datetime as dt

import pytest

from thpl_nlp.nlp.extract.dates import extract_dates, parse_date


@pytest.mark.parametrize(
    "text, value, precision",
    [
        ("ngày 15 tháng 5 năm 2014", dt.date(2014, 5, 15), "day"),
        ("ngày 15  tháng 05, năm 2014", dt.date(2014, 5, 15), "day"),
        ("15/5/2014", dt.date(2014, 5, 15), "day"),
        ("15-5-2014", dt.date(2014, 5, 15), "day"),
        ("16.12.2002", dt.date(2002, 12, 16), "day"),
        ("10 /10 /2025", dt.date(2025, 10, 10), "day"),
        ("tháng 6/2021", None, "month"),
        ("tháng 6 năm 2021", None, "month"),
        ("năm 2003", None, "year"),
    ],
)
def test_forms(text: str, value: dt.date | None, precision: str) -> None:
    (d,) = extract_dates(text)
    assert (d.value, d.precision, d.valid) == (value, precision, True)
    assert (d.start, d.end) == (0, len(text))


@pytest.mark.parametrize(
    "text",
    [
        "31/2/2008",
        "ngày 30 tháng 2 năm 2009",
        "32/1/2001",
        "tháng 13/2020",
        "ngày 29 tháng 2 năm 2023",
    ],
)
def test_invalid_dates_are_flagged(text: str) -> None:
    (d,) = extract_dates(text)
    assert not d.valid and d.value is None
    assert d.warnings and d.warnings[0].startswith("[W250] Ngày không tồn tại")


def test_leap_day_is_valid() -> None:
    assert parse_date("ngày 29 tháng 2 năm 2024").value == dt.date(2024, 2, 29)


def test_not_dates() -> None:
    assert list(extract_dates("số 43/2014/NĐ-CP; 10.000.000 đồng; 2/3 thành viên; 123/456")) == []
