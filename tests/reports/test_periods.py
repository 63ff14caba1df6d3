import datetime as dt

import pytest

from thpl_nlp.errors import ThplError
from thpl_nlp.reports.config import load_config
from thpl_nlp.reports.periods import (
    Cutoff,
    annual,
    calendar_year,
    half_year,
    local_date,
    parse_month_day,
)


def test_annual_period_follows_national_cutoff():
    p = annual(2025)
    assert (p.start, p.end) == (dt.date(2024, 12, 15), dt.date(2025, 12, 14))
    assert p.label == "năm 2025"
    assert p.previous() == annual(2024)


def test_half_years_split_on_15_june_and_chain_backwards():
    h1, h2 = half_year(2025, 1), half_year(2025, 2)
    assert (h1.start, h1.end) == (dt.date(2024, 12, 15), dt.date(2025, 6, 14))
    assert (h2.start, h2.end) == (dt.date(2025, 6, 15), dt.date(2025, 12, 14))
    assert h2.previous() == h1
    assert h1.previous() == half_year(2024, 2)
    assert h1.label == "6 tháng đầu năm 2025" and h2.slug == "6-thang-cuoi-2025"


def test_periods_cover_the_year_without_gap_or_overlap():
    for year in (2024, 2025, 2028):
        h1, h2, a = half_year(year, 1), half_year(year, 2), annual(year)
        assert h1.start == a.start and h2.end == a.end
        assert h2.start - h1.end == dt.timedelta(days=1)
        assert annual(year + 1).start - a.end == dt.timedelta(days=1)


def test_cutoff_is_configurable_from_settings_extra():
    cfg = load_config({"report_cutoff": {"start": "01-01", "mid": "07-01"}})
    cut = Cutoff.from_config(cfg)
    assert annual(2025, cut).range_text == "từ ngày 01/01/2025 đến ngày 31/12/2025"
    assert half_year(2025, 2, cut).start == dt.date(2025, 7, 1)
    assert annual(2025, cut).previous().start == dt.date(2024, 1, 1)


def test_utc_bounds_are_local_days():
    s, e = annual(2025).utc_bounds()
    assert s == dt.datetime(2024, 12, 14, 17) and e == dt.datetime(2025, 12, 14, 17)
    assert local_date(dt.datetime(2025, 12, 14, 17, 30)) == dt.date(2025, 12, 15)


def test_calendar_year_for_expired_list():
    p = calendar_year(2025)
    assert (p.start, p.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.mark.parametrize("bad", ["15-12", "12/32", "xx", "02-30"])
def test_bad_cutoff_is_a_vietnamese_configuration_error(bad):
    with pytest.raises(ThplError) as err:
        parse_month_day(bad)
    assert err.value.code == "E901" and "ngày chốt số liệu" in str(err.value)


def test_bad_half_and_year():
    with pytest.raises(ThplError, match="1 hoặc 2"):
        half_year(2025, 3)
    with pytest.raises(ThplError, match="1990–2100"):
        annual(1800)
