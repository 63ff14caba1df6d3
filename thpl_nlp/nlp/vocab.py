"""The legal vocabulary (``resources/legal_vocab.yaml``), loaded once and shared by extractors.

>>> VOCAB.canonical_type("nghị ĐỊNH")
'Nghị định'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

# Old-style tone placement ("Uỷ", "hoà") → the form used in the vocabulary ("Ủy", "hòa").
_TONE_FIXES = {
    "uỷ": "ủy",
    "Uỷ": "Ủy",
    "UỶ": "ỦY",
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "uý": "úy",
    "uỳ": "ùy",
    "uỵ": "ụy",
    "uỹ": "ũy",
    "Oà": "Òa",
    "Oá": "Óa",
}
_TONE_RE = re.compile("|".join(map(re.escape, sorted(_TONE_FIXES, key=len, reverse=True))))


def fold(text: str) -> str:
    """Case- and tone-placement-insensitive key of a phrase (NFC, lower case, unified tones).

    >>> fold("Uỷ ban Nhân dân") == fold("ủy ban nhân dân")
    True
    """
    t = unicodedata.normalize("NFC", text)
    t = _TONE_RE.sub(lambda m: _TONE_FIXES[m.group(0)], t)
    return t.lower().replace("\u00d0", "đ").replace("\u00f0", "đ")


def alternation(words: list[str], *, flexible_tones: bool = True) -> str:
    """A regex alternation of phrases, longest first, tolerant of spacing and tone placement."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w).replace(r"\ ", r"\s+")
        if flexible_tones:
            for a, b in (
                ("ủy", "u[ỷủ]y|uỷ"),
                ("Ủy", "U[ỷủ]y|Uỷ|Ủy"),
                ("hòa", "ho[àa]|hòa"),
                ("hóa", "hoá|hóa"),
                ("Đ", "[ĐÐ]"),
            ):
                p = p.replace(a, f"(?:{b})")
        parts.append(p)
    # A first-character lookahead lets the regex engine skip most positions quickly.
    return f"(?=[{first_chars(words)}])(?:{'|'.join(parts)})"


def first_chars(words: list[str]) -> str:
    """A regex character class body matching the first letter of any of ``words`` (any case,
    either tone placement).

    >>> first_chars(["Ủy ban", "Sở"])
    'SUsuỦủ'
    """
    first = set()
    for w in words:
        c = w[0]
        first.update({c, c.lower(), c.upper(), fold(c), fold(c).upper()})
        if fold(c) in "uủ":
            first.update("UuỦủ")
        if c in "ĐđÐ":
            first.update("ĐđÐ")
    return "".join(sorted(re.escape(c) for c in first))


# Vietnamese capitals (the range "à-ỹ" also holds capitals such as "Ủ", so use these).
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# A letter that is not a capital: the start of a lower-case word.
LOWER = rf"(?![{UPPER}])[^\W\d_]"


@dataclass(frozen=True, eq=False)
class Vocab:
    raw: dict[str, Any]

    @property
    def doc_types(self) -> list[str]:
        return list(self.raw["doc_types"])

    def canonical_type(self, printed: str) -> str:
        return _canonical_type(self, printed)

    def list(self, key: str) -> list[str]:
        return list(self.raw.get(key) or [])

    def mapping(self, key: str) -> dict[str, str]:
        return dict(self.raw.get(key) or {})


@lru_cache(maxsize=4096)
def _canonical_type(vocab: Vocab, printed: str) -> str:
    key = fold(re.sub(r"\s+", " ", printed))
    for t in vocab.raw["doc_types"]:
        if fold(t) == key:
            return t
    return printed


@cache
def load_vocab() -> Vocab:
    text = (
        resources.files("thpl_nlp.nlp")
        .joinpath("resources/legal_vocab.yaml")
        .read_text(encoding="utf-8")
    )
    return Vocab(yaml.safe_load(text))


VOCAB = load_vocab()
