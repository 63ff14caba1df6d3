import pytest

from thpl_nlp.reports.classify import classify_issuer

CITIES = ["Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Huế"]


@pytest.mark.parametrize(
    ("issuer", "number", "expected"),
    [
        ("Hội đồng nhân dân thành phố Đà Nẵng", None, ("HDND", "province")),
        ("HĐND tỉnh Quảng Nam", None, ("HDND", "province")),
        ("Ủy ban nhân dân thành phố Hồ Chí Minh", None, ("UBND", "province")),
        ("Uỷ ban nhân dân thành phố Hội An", None, ("UBND", "district")),
        ("Ủy ban nhân dân huyện Hòa Vang", None, ("UBND", "district")),
        ("Hội đồng nhân dân xã Hòa Vang", None, ("HDND", "commune")),
        ("Ủy ban nhân dân phường Hải Châu", None, ("UBND", "commune")),
        ("Ủy ban nhân dân đặc khu Phú Quốc", None, ("UBND", "commune")),
        ("Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam", None, ("CT_UBND", "province")),
        (None, "15/2025/NQ-HĐND", ("HDND", "other")),
        (None, "12/2021/QĐ-UBND", ("UBND", "other")),
        (None, None, ("other", "other")),
    ],
)
def test_issuer_body_and_level(issuer, number, expected):
    assert classify_issuer(issuer, number, CITIES) == expected
