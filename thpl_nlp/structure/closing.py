"""The closing block: "Nơi nhận" list and the signature block → :class:`Signature`.

>>> from thpl_nlp.structure.lines import split_lines
>>> t = ("Nơi nhận:\\n- Như Điều 3;\\n- Lưu: VT.\\n\\nTM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH\\n"
...      "PHÓ CHỦ TỊCH\\n\\nTrần Văn Bình")
>>> rec, sig = parse_closing(split_lines(t))
>>> rec, sig.mode, sig.on_behalf_of, sig.title, sig.signer
(['Như Điều 3', 'Lưu: VT'], 'KT.', 'ỦY BAN NHÂN DÂN', 'PHÓ CHỦ TỊCH', 'Trần Văn Bình')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from thpl_nlp.models import Signature
from thpl_nlp.structure.lines import Line, collapse_ws, is_upper_line, upper_key, vocab
from thpl_nlp.structure.patterns import RECIPIENTS_RE, SIGN_MODE_RE

# Pieces of one layout line: cells of a flattened table are separated by 2+ spaces or "|".
_CELL_SPLIT = re.compile(r"\s{2,}|\t|\|")
_ITEM_RE = re.compile(r"^[-+•*–]\s*(?P<item>.+?)\s*[;.,]?$")
_SIGNED_RE = re.compile(r"^\(?\s*(?:đã\s+ký|ký\s+tên|ký,?\s+ghi\s+rõ|chữ\s+ký)", re.IGNORECASE)
_NAME_RE = re.compile(r"^(?:[^\W\d_][^\W\d_'’.-]*\.?\s+){1,6}[^\W\d_][^\W\d_'’-]*$")

_MODES = {"T/M": "TM.", "K/T": "KT.", "T.M": "TM.", "K.T": "KT."}


def _pieces(lines: Sequence[Line]) -> list[tuple[Line, str, str]]:
    """(line, piece of match text, same piece of original text) for every cell."""
    out = []
    for ln in lines:
        if ln.blank:
            continue
        orig = ln.orig or ln.text
        pos = 0
        for piece in _CELL_SPLIT.split(ln.text):
            at = ln.text.find(piece, pos)
            pos = at + len(piece)
            o = orig[at : at + len(piece)].strip()
            piece = piece.strip()
            if piece:
                out.append((ln, piece, o))
    return out


def is_signature_start(s: str) -> bool:
    """True when a line opens a signature block ("TM. …", "KT. …", "CHỦ TỊCH").

    >>> is_signature_start("KT. BỘ TRƯỞNG"), is_signature_start("Khoản 1.")
    (True, False)
    """
    first = _CELL_SPLIT.split(s.strip(), maxsplit=1)[0].strip()
    if len(first) > 80:
        return False  # signature lines are short
    m = SIGN_MODE_RE.match(first)
    if m and is_upper_line(m.group("rest")):
        return True
    return is_upper_line(first) and upper_key(first) in _titles()


@cache
def _titles() -> frozenset[str]:
    return frozenset(upper_key(t) for t in vocab()["signer_titles"])


def parse_closing(lines: Sequence[Line]) -> tuple[list[str], Signature | None]:
    """Recipients (Nơi nhận items) and the signature found in the closing ``lines``."""
    recipients: list[str] = []
    sig = Signature()
    found = False
    in_recipients = False
    title_seen = False
    for ln, piece, orig in _pieces(lines):
        m = RECIPIENTS_RE.match(piece)
        if m:
            in_recipients = True
            rest = orig[m.end():].strip()
            if rest:
                recipients.extend(_items(rest))
            continue
        if in_recipients:
            item = _ITEM_RE.match(piece)
            if item:
                recipients.extend(_items(orig))
                continue
            in_recipients = False
        mode = SIGN_MODE_RE.match(piece)
        if mode and is_upper_line(mode.group("rest")):
            md = mode.group("mode").upper()
            md = _MODES.get(md, md if md.endswith(".") else md + ".")
            if sig.mode is None or sig.on_behalf_of is None:
                sig.on_behalf_of = sig.on_behalf_of or collapse_ws(orig[mode.start("rest"):])
            sig.mode = md
            sig.start = ln.start if sig.start is None else sig.start
            sig.end = ln.end
            found = True
            continue
        if _SIGNED_RE.match(piece):
            continue
        if is_upper_line(piece) and not title_seen and (
            found or upper_key(piece) in _titles()
        ):
            sig.title = collapse_ws(orig)
            sig.start = ln.start if sig.start is None else sig.start
            sig.end = ln.end
            title_seen = found = True
            continue
        if found and sig.signer is None and looks_like_name(piece):
            sig.signer = collapse_ws(orig if not orig.isupper() else orig.title())
            sig.end = ln.end
    return recipients, (sig if found else None)


def _items(s: str) -> list[str]:
    out = []
    for part in re.split(r"(?:^|\s)[-+•–]\s+", s):
        part = part.strip().rstrip(";.,").strip()
        if part:
            out.append(part)
    return out


def looks_like_name(s: str) -> bool:
    """True for a person's name line: 2–7 capitalised words, no digits.

    >>> looks_like_name("Trần Văn Bình"), looks_like_name("Lưu: VT.")
    (True, False)
    """
    s = collapse_ws(s)
    if not _NAME_RE.match(s) or len(s) > 60:
        return False
    words = s.split()
    return 2 <= len(words) <= 7 and all(w[0].isupper() for w in words)
