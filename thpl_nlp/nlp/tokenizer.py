"""underthesea word segmentation as a spaCy tokenizer (``thpl.vi_tokenizer.v1``).

Guarantees: ``doc.text == text`` for any input (whitespace runs become whitespace tokens, as
spaCy does), document numbers (``43/2014/NĐ-CP``) and dates stay single tokens, multi-syllable
words are one token (``Ủy ban nhân dân``), legal terms from ``resources/fixed_words.txt`` are
kept whole. underthesea normalises tone placement (``Uỷ`` → ``Ủy``); tokens are re-aligned
to the original characters so offsets are exact. Text is segmented line by line (long lines in
chunks), which bounds memory on 1 MB single-line inputs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import srsly
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from thpl_nlp.nlp.extract.references import NUMBER_RE
from thpl_nlp.nlp.vocab import alternation

# Spans that must stay one token: document numbers and numeric dates.
PROTECT_RE = re.compile(
    rf"""
    {NUMBER_RE.pattern}                                  # a document number
    |(?<![\d/])\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{4}}(?!\d)  # a numeric date
    """,
    re.VERBOSE,
)
_CHUNK_RE = re.compile(r"[^\n]{1,4000}(?:[.;:!?](?=\s)|\s|$)|[^\n]{1,4000}")
_WORDISH_RE = re.compile(r"\w+|[^\w\s]")


def default_fixed_words() -> list[str]:
    text = (
        resources.files("thpl_nlp.nlp")
        .joinpath("resources/fixed_words.txt")
        .read_text(encoding="utf-8")
    )
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


def _segment(line: str) -> list[str]:
    from thpl_nlp.nlp.underthesea_import import load  # lazy: the parse path never imports it

    word_tokenize = load().word_tokenize

    try:
        # Fixed words are applied afterwards (see ``protect_re``): passing them to underthesea
        # rebuilds its tokenizer regex on every call and leaves it in module-global state.
        return word_tokenize(line)
    except Exception:  # underthesea can fail on odd input; fall back to a plain split
        return _WORDISH_RE.findall(line)


def _fold(s: str) -> str:
    return s.lower().replace("\u00d0", "đ").replace("\u00f0", "đ")


def align(text: str, words: Iterable[str], offset: int = 0) -> list[tuple[int, int]]:
    """Character spans of ``words`` (underthesea output) in ``text``; unmatched characters
    become their own spans so that every non-space character is covered exactly once.

    >>> align("Uỷ ban  nhân dân", ["Ủy ban nhân dân"])
    [(0, 16)]
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    for word in words:
        j = i
        while j < n and text[j].isspace():
            j += 1
        if text.startswith(word, j):  # fast path: the word as printed, single spaces
            spans.append((j + offset, j + len(word) + offset))
            i = j + len(word)
            continue
        start = None
        end = i
        ok = True
        for syl in word.split():
            j = end
            while j < n and text[j].isspace():
                j += 1
            if text[j : j + len(syl)] == syl or _fold(text[j : j + len(syl)]) == _fold(syl):
                pass
            elif (
                len(syl) == len(text[j : j + len(syl)])
                and not any(c.isspace() for c in text[j : j + len(syl)])
                and _same_letters(text[j : j + len(syl)], syl)
            ):
                pass  # tone placement normalised by underthesea
            else:
                k = text.find(syl, j, j + 40)
                if k < 0:
                    ok = False
                    break
                _cover(text, j, k, spans, offset)
                j = k
            if start is None:
                start = j
            end = j + len(syl)
        if not ok:
            break
        if start is not None:
            spans.append((start + offset, end + offset))
            i = end
    _cover(text, i, n, spans, offset)
    return spans


def _same_letters(a: str, b: str) -> bool:
    import unicodedata

    def base(s: str) -> str:
        return "".join(
            c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c)
        )

    return base(a) == base(b)


def _cover(text: str, a: int, b: int, spans: list[tuple[int, int]], offset: int) -> None:
    """Add spans for the non-space runs of ``text[a:b]`` (characters underthesea dropped)."""
    for m in _WORDISH_RE.finditer(text, a, b):
        spans.append((m.start() + offset, m.end() + offset))


def protect_re(fixed_words: Iterable[str]) -> re.Pattern[str]:
    """Numbers, dates and the fixed legal terms: spans that must end up as one token."""
    words = sorted({w for w in fixed_words if w.strip()}, key=len, reverse=True)
    if not words:
        return PROTECT_RE
    alt = alternation(words)  # tolerant of old tone placement ("Uỷ ban", "hoà")
    return re.compile(rf"{PROTECT_RE.pattern}|(?<![\w])(?P<fixed>{alt})(?![\w])", re.VERBOSE)


def _merge_protected(
    text: str, spans: list[tuple[int, int]], pattern: re.Pattern[str] = PROTECT_RE
) -> list[tuple[int, int]]:
    """Make every protected match one token.

    A document number or date split by underthesea is re-joined (tokens touching it are
    absorbed); a fixed legal term becomes one token and words straddling its edges are cut
    at the edge, so that neighbouring words stay apart.
    """
    matches = [
        (m.start(), m.end(), "fixed" in m.groupdict() and m.group("fixed") is not None)
        for m in pattern.finditer(text)
    ]
    if not matches:
        return spans
    out: list[tuple[int, int]] = []
    k = 0
    for s, e in spans:
        while k < len(matches) and matches[k][1] <= s:
            k += 1
        if k >= len(matches) or not (matches[k][0] < e and s < matches[k][1]):
            if out and out[-1][1] > s:  # inside a merged token already
                out[-1] = (out[-1][0], max(out[-1][1], e))
            else:
                out.append((s, e))
            continue
        ps, pe, fixed = matches[k]
        if fixed:
            for a, b in ((s, min(e, ps)), (ps, pe), (max(s, pe), e)):
                while a < b and text[a].isspace():
                    a += 1
                while b > a and text[b - 1].isspace():
                    b -= 1
                if a >= b:
                    continue
                if out and out[-1][1] > a:  # overlaps the previous token: join them
                    out[-1] = (min(out[-1][0], a), max(out[-1][1], b))
                else:
                    out.append((a, b))
            continue
        lo, hi = min(ps, s), max(pe, e)
        while out and out[-1][1] > lo:
            lo = min(lo, out[-1][0])
            out.pop()
        out.append((lo, hi))
    return out


class VietnameseTokenizer:
    """Callable ``text -> Doc`` using underthesea, exact offsets, numbers kept whole."""

    def __init__(self, vocab: Vocab, fixed_words: list[str] | None = None) -> None:
        self.vocab = vocab
        self.fixed_words = list(fixed_words) if fixed_words is not None else []
        self._protect = protect_re(self.fixed_words)

    def spans(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for line in re.finditer(r"[^\n]+", text):
            for chunk in _CHUNK_RE.finditer(line.group(0)):
                piece = chunk.group(0)
                if not piece.strip():
                    continue
                spans.extend(align(piece, _segment(piece), line.start() + chunk.start()))
        spans.sort()
        return _merge_protected(text, spans, self._protect)

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for s, e in self.spans(text):
            if s < pos:
                continue
            gap = text[pos:s]
            if gap:
                if words and gap[0] == " ":
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    words.append(gap)
                    spaces.append(False)
            words.append(text[s:e])
            spaces.append(False)
            pos = e
        tail = text[pos:]
        if tail:
            if words and tail[0] == " ":
                spaces[-1] = True
                tail = tail[1:]
            if tail:
                words.append(tail)
                spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["thpl_text"] = text  # components read it instead of re-joining tokens
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for t in texts:
            yield self(t)

    # --- serialisation (spaCy calls these from nlp.to_disk / from_disk) ---
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"fixed_words": self.fixed_words})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> VietnameseTokenizer:
        self.fixed_words = list(srsly.msgpack_loads(data)["fixed_words"])
        self._protect = protect_re(self.fixed_words)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"fixed_words": self.fixed_words})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> VietnameseTokenizer:
        self.fixed_words = list(srsly.read_json(Path(path) / "cfg.json")["fixed_words"])
        self._protect = protect_re(self.fixed_words)
        return self


@registry.tokenizers("thpl.vi_tokenizer.v1")
def create_vi_tokenizer(
    fixed_words_path: str | None = None,
) -> Callable[[Any], VietnameseTokenizer]:
    """Factory named in ``pipeline.cfg``; ``fixed_words_path`` None means the packaged list."""

    def make(nlp: Any) -> VietnameseTokenizer:
        if fixed_words_path:
            lines = Path(fixed_words_path).read_text(encoding="utf-8").splitlines()
            words = [w.strip() for w in lines if w.strip() and not w.startswith("#")]
        else:
            words = default_fixed_words()
        return VietnameseTokenizer(nlp.vocab, words)

    return make
