import pytest

from thpl_nlp.nlp.canonical import canonical_number, symbol_of, type_from_symbol


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("43/2014/NĐ-CP", "43/2014/NĐ-CP"),
        ("45/2013/QH13", "45/2013/QH13"),
        ("119/QĐ-UBND", "119/QĐ-UBND"),
        ("23/VBHN-VPQH", "23/VBHN-VPQH"),
        ("2180/QĐ-TTg", "2180/QĐ-TTg"),
        ("85/2004/TTLT-BTC-BKHCN", "85/2004/TTLT-BTC-BKHCN"),
        (
            "11/2013/TTLT-BTP-BCA-BQP-BTC-VKSNDTC-TANDTC",
            "11/2013/TTLT-BTP-BCA-BQP-BTC-VKSNDTC-TANDTC",
        ),
        ("57-NQ/TW", "57-NQ/TW"),
    ],
)
def test_canonical_numbers_unchanged(raw: str, expected: str) -> None:
    assert canonical_number(raw) == (expected, [])


@pytest.mark.parametrize(
    "raw, expected, what",
    [
        ("126/2004 / / NĐ-CP", "126/2004/NĐ-CP", "'/' thừa"),
        ("142/2005/NĐ.CP", "142/2005/NĐ-CP", "'.'"),
        ("14/TTLT / BTC-BTNMT", "14/TTLT-BTC-BTNMT", "khoảng trắng"),
        ("43/2014/ND-CP", "43/2014/NĐ-CP", "'ND'"),
        ("43/2014/N\u00d0-CP", "43/2014/NĐ-CP", "U+00D0"),
        ("177/2004/qđ-ub", "177/2004/QĐ-UB", "chữ thường"),
        ("38/2001/PL - UBTVQH10", "38/2001/PL-UBTVQH10", "khoảng trắng"),
        ("43 TC / QLCS", "43/TC-QLCS", "'/'"),
    ],
)
def test_typos_are_repaired_with_a_vietnamese_warning(raw: str, expected: str, what: str) -> None:
    number, warnings = canonical_number(raw)
    assert number == expected
    assert len(warnings) == 1
    assert warnings[0].startswith("[W205] Đã sửa số hiệu trích dẫn")
    assert what in warnings[0] and raw.strip() in warnings[0]
    assert "Đ" in number or "Đ" not in expected  # U+0110, never U+00D0
    assert "\u00d0" not in number


@pytest.mark.parametrize("raw", ["", "abc", "12", "5/2014", "3 / giây", "15/5/2014", "Điều 5"])
def test_non_numbers_raise(raw: str) -> None:
    with pytest.raises(ValueError):
        canonical_number(raw)


def test_symbol_and_type() -> None:
    assert symbol_of("43/2014/NĐ-CP") == "NĐ-CP"
    assert type_from_symbol("43/2014/NĐ-CP") == "Nghị định"
    assert type_from_symbol("45/2013/QH13") == "Luật"
    assert type_from_symbol("12/2021/QĐ-UBND") == "Quyết định"
    assert type_from_symbol("85/2004/TTLT-BTC-BKHCN") == "Thông tư liên tịch"
    assert type_from_symbol("1/XYZ") is None
