"""Text clean-up and the same-length matching fold."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from thpl_nlp.ingest.normalise import (
    clean_text,
    clean_text_counted,
    is_binary_garbage,
    match_fold,
)


def test_lookalikes_are_mapped_and_counted() -> None:
    text, n = clean_text_counted("Số 12/2021/QÐ-UBND\u00a0của Ủy ban, İ, ı, x\u200by")
    assert text == "Số 12/2021/QĐ-UBND của Ủy ban, I, i, xy"
    assert n == 5  # Ð, NBSP, İ, ı, zero-width space


def test_cyrillic_only_inside_latin_words() -> None:
    # "Сao" starts with a Cyrillic С; a Russian word stays Russian.
    text, n = clean_text_counted("tỉnh Сao Bằng; Москва")
    assert text == "tỉnh Cao Bằng; Москва" and n == 1


def test_nfc_and_line_ends() -> None:
    decomposed = unicodedata.normalize("NFD", "Điều 1. Phạm vi\r\nđiều chỉnh")
    assert clean_text(decomposed) == "Điều 1. Phạm vi\nđiều chỉnh"


def test_match_fold_tone_placement() -> None:
    assert match_fold("hoà bình, thuỷ lợi, Uỷ ban, khoẻ") == "hòa bình, thủy lợi, Ủy ban, khỏe"
    assert match_fold("HOÀ; quý; quỳ; hoàn; thuyền") == "HÒA; quý; quỳ; hoàn; thuyền"
    # Already new style: unchanged.
    assert match_fold("Ủy ban nhân dân tỉnh Hòa Bình") == "Ủy ban nhân dân tỉnh Hòa Bình"


@given(st.text(alphabet="hoàáảãạuỳýỷỹỵeèéẻẽẹ yqHOÀUỶ .", max_size=60))
def test_match_fold_keeps_length(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    folded = match_fold(text)
    assert len(folded) == len(text)
    assert match_fold(folded) == folded  # idempotent


def test_binary_garbage() -> None:
    assert is_binary_garbage("\x00\x01\x02PK\x03\x04" * 50)
    assert not is_binary_garbage("Căn cứ Luật Tổ chức chính quyền địa phương;" * 10)
