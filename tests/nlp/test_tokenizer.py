import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("underthesea")

from thpl_nlp.nlp.tokenizer import align  # noqa: E402


@pytest.fixture(scope="module")
def tokenizer():
    from thpl_nlp.nlp.pipeline import load_pipeline

    return load_pipeline().tokenizer


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\n",
        "Căn cứ Nghị định số 43/2014/NĐ-CP ngày 15/5/2014 của Chính phủ;",
        "Uỷ ban  nhân dân tỉnh Khánh Hoà,\t10.000.000 đồng \n\n  Điều 2.",
        "a@#$b 😀 \u00d0 x\u00a0y \ufffd",
        "126/2004 / / NĐ-CP và 14/TTLT / BTC-BTNMT",
    ],
)
def test_text_round_trips(tokenizer, text: str) -> None:
    doc = tokenizer(text)
    assert doc.text == text
    assert "".join(t.text_with_ws for t in doc) == text
    assert all(t.idx == text.find(t.text, t.idx) for t in doc)


def test_numbers_and_dates_stay_single_tokens(tokenizer) -> None:
    text = "Nghị định số 126/2004 / / NĐ-CP ngày 26/5/2004 và Quyết định 2180/QĐ-TTg"
    words = [t.text for t in tokenizer(text)]
    assert "126/2004 / / NĐ-CP" in words and "26/5/2004" in words and "2180/QĐ-TTg" in words


def test_multi_syllable_words_and_fixed_terms(tokenizer) -> None:
    words = [
        t.text
        for t in tokenizer(
            "Uỷ ban nhân dân ban hành văn bản quy phạm pháp luật về thủ tục hành chính"
        )
    ]
    assert "Uỷ ban nhân dân" in words
    assert "văn bản quy phạm pháp luật" in words and "thủ tục hành chính" in words


def test_align_tolerates_normalised_tones_and_dropped_characters() -> None:
    assert align("Uỷ ban  nhân dân", ["Ủy ban nhân dân"]) == [(0, 16)]
    assert align("Khánh Hoà", ["Khánh Hòa"]) == [(0, 9)]
    assert align("a \u200b b", ["a", "b"]) == [(0, 1), (2, 3), (4, 5)]


PIECES = [
    *"aăâbcdđeêoôơuưy ÁÀẢÃẠáàảãạ\n\t/-.,;0123456789NĐCPQ",
    "Uỷ ban",
    "43/2014/NĐ-CP",
    "văn bản quy phạm pháp luật",
    "  ",
    "\u00a0",
    "😀",
    "Khánh Hoà",
    "126/2004 / / NĐ-CP",
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_round_trips(tokenizer, text: str) -> None:
    doc = tokenizer(text)
    assert doc.text == text
