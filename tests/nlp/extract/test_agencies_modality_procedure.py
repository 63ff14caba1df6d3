import pytest

from thpl_nlp.nlp.extract.agencies import extract_agencies
from thpl_nlp.nlp.extract.modality import clause_modality, extract_modality_cues
from thpl_nlp.nlp.extract.procedure import extract_procedure_cues


@pytest.mark.parametrize(
    "text, kind, role, agency, level",
    [
        (
            "Ủy ban nhân dân tỉnh Bắc Giang",
            "agency",
            None,
            "Ủy ban nhân dân tỉnh Bắc Giang",
            "tỉnh",
        ),
        ("Uỷ ban nhân dân huyện", "agency", None, "Uỷ ban nhân dân huyện", "huyện"),
        ("UBND xã", "agency", None, "UBND xã", "xã"),
        ("Hội đồng nhân dân cấp tỉnh", "agency", None, "Hội đồng nhân dân cấp tỉnh", "tỉnh"),
        ("Sở Tài nguyên và Môi trường", "agency", None, "Sở Tài nguyên và Môi trường", None),
        (
            "Bộ Lao động - Thương binh và Xã hội",
            "agency",
            None,
            "Bộ Lao động - Thương binh và Xã hội",
            None,
        ),
        ("Chính phủ", "agency", None, "Chính phủ", "trung ương"),
        ("Thủ tướng Chính phủ", "role", "Thủ tướng", "Chính phủ", "trung ương"),
        (
            "Chủ tịch Ủy ban nhân dân cấp huyện",
            "role",
            "Chủ tịch",
            "Ủy ban nhân dân cấp huyện",
            "huyện",
        ),
        ("Giám đốc Sở Xây dựng", "role", "Giám đốc", "Sở Xây dựng", None),
    ],
)
def test_agencies(text: str, kind: str, role: str | None, agency: str, level: str | None) -> None:
    (a,) = extract_agencies(text)
    assert (a.kind, a.role, a.agency, a.level) == (kind, role, agency, level)


def test_agency_name_stops_before_the_next_one() -> None:
    got = [
        a.agency
        for a in extract_agencies("Ủy ban nhân dân tỉnh Bắc Giang và Sở Xây dựng chịu trách nhiệm")
    ]
    assert got == ["Ủy ban nhân dân tỉnh Bắc Giang", "Sở Xây dựng"]


@pytest.mark.parametrize(
    "text, label",
    [
        ("Nghiêm cấm lợi dụng việc cấp phép để trục lợi.", "prohibition"),
        ("Cơ quan tiếp nhận không được yêu cầu thêm giấy tờ.", "prohibition"),
        ("Chủ đầu tư phải nộp hồ sơ trước 30 ngày.", "obligation"),
        ("Sở Xây dựng có trách nhiệm hướng dẫn.", "obligation"),
        ("Tổ chức, cá nhân có quyền khiếu nại.", "right"),
        ("Hộ gia đình được phép chuyển nhượng.", "permission"),
        ("Người có công không phải nộp lệ phí.", "permission"),
        ("Quyết định này có hiệu lực từ ngày ký.", "none"),
    ],
)
def test_modality(text: str, label: str) -> None:
    assert clause_modality(text).label == label


def test_strongest_cue_wins() -> None:
    cm = clause_modality("Cán bộ phải công khai thủ tục và không được gây phiền hà.")
    assert cm.label == "prohibition"
    assert [c.kind for c in cm.cues] == ["obligation", "prohibition"]
    assert [c.text for c in extract_modality_cues("Cấm; phải")] == ["Cấm", "phải"]


def test_procedure_cues() -> None:
    text = (
        "1. Thành phần hồ sơ: đơn đề nghị theo mẫu; 2. Thời hạn giải quyết: 15 ngày làm việc; "
        "3. Lệ phí: 100.000 đồng; phí thẩm định; 4. Điều kiện thực hiện; hồ sơ gồm bản sao"
    )
    kinds = [c.kind for c in extract_procedure_cues(text)]
    assert kinds == [
        "dossier_components",
        "forms",
        "deadline",
        "charge",
        "fee",
        "conditions",
        "dossier",
    ]
