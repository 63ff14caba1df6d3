import pytest

from thpl_nlp.nlp.extract.durations import extract_durations
from thpl_nlp.nlp.extract.money import extract_money
from thpl_nlp.nlp.extract.quantities import extract_areas, extract_percentages


@pytest.mark.parametrize(
    "text, value, unit, bound, working",
    [
        ("không quá 30 ngày", 30, "ngày", "max", False),
        ("15 ngày làm việc", 15, "ngày làm việc", None, True),
        ("03 tháng", 3, "tháng", None, False),
        ("trong thời hạn 05 năm", 5, "năm", "within", False),
        ("chậm nhất là mười lăm ngày", 15, "ngày", "max", False),
        ("sau 07 (bảy) ngày", 7, "ngày", "after", False),
        ("ít nhất 24 giờ", 24, "giờ", "min", False),
    ],
)
def test_durations(text: str, value: float, unit: str, bound: str | None, working: bool) -> None:
    (d,) = extract_durations(text)
    assert (d.value, d.unit, d.bound, d.working_days) == (value, unit, bound, working)


def test_duration_anchor() -> None:
    (d,) = extract_durations("trong thời hạn 15 ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ.")
    assert d.anchor == "kể từ ngày nhận đủ hồ sơ hợp lệ"


def test_dates_are_not_durations() -> None:
    assert list(extract_durations("ngày 15 tháng 5 năm 2014; năm 2003; tháng 6/2021")) == []


@pytest.mark.parametrize(
    "text, amount, low, high",
    [
        ("10.000.000 đồng", 10_000_000, None, None),
        ("2 triệu đồng", 2_000_000, None, None),
        ("1,5 tỷ đồng", 1_500_000_000, None, None),
        ("500.000đ", 500_000, None, None),
        ("từ 1.000.000 đồng đến 3.000.000 đồng", None, 1_000_000, 3_000_000),
        ("từ 1 đến 3 triệu đồng", None, 1_000_000, 3_000_000),
        ("13.646,269 triệu đồng", 13_646_269_000, None, None),
    ],
)
def test_money(text: str, amount: float | None, low: float | None, high: float | None) -> None:
    (m,) = extract_money(text)
    assert (m.amount, m.low, m.high) == (amount, low, high)
    assert m.currency == "VND"


def test_money_rate() -> None:
    (m,) = extract_money("mức 300 triệu đồng/đơn vị/năm")
    assert m.amount == 300_000_000 and m.per == "/đơn vị/năm"


def test_numbers_without_currency_are_not_money() -> None:
    assert list(extract_money("Điều 10, năm 2025, 30 ngày, 5%")) == []


def test_percentages() -> None:
    got = [p.value for p in extract_percentages("5% và năm phần trăm, 0,5 % hoặc 100%")]
    assert got == [5.0, 5.0, 0.5, 100.0]


def test_areas() -> None:
    got = [
        (a.unit, a.square_meters)
        for a in extract_areas("1,5 ha, 200 m², 3 km2, 50m2, 10 mét vuông, 2.500 m2")
    ]
    assert got == [
        ("ha", 15000.0),
        ("m2", 200.0),
        ("km2", 3e6),
        ("m2", 50.0),
        ("m2", 10.0),
        ("m2", 2500.0),
    ]
