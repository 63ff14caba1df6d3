"""Legal bases ("Căn cứ …") and the proposer ("Theo đề nghị của …", "Xét …") of the preamble.

Each "Căn cứ" item is one :class:`LegalBasis` with exact offsets: it starts at "Căn cứ" and
runs over wrapped lines until a line ends with ";", "." or ":" or the next item starts. A
line naming two laws ("…; Luật sửa đổi …") stays one basis. ``refs`` are left empty: the
reference extractor of :mod:`thpl_nlp.nlp` fills them.

>>> from thpl_nlp.structure.lines import split_lines
>>> t = ("Căn cứ Luật A;\\nCăn cứ Nghị định số 1/2020/NĐ-CP\\ncủa Chính phủ;\\n"
...      "Theo đề nghị của Sở X.")
>>> bases, proposer = parse_preamble(t, split_lines(t))
>>> [(b.text, b.start, b.end) for b in bases]
[('Căn cứ Luật A;', 0, 14), ('Căn cứ Nghị định số 1/2020/NĐ-CP\\ncủa Chính phủ;', 15, 62)]
>>> proposer
'Theo đề nghị của Sở X'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from thpl_nlp.models import LegalBasis
from thpl_nlp.structure.lines import Line, collapse_ws
from thpl_nlp.structure.patterns import BASIS_RE, ENACTING_RE, PROPOSER_RE

_ITEM_END = re.compile(r"[;.:]\s*[\"”*_]*\d{0,2}$")


def parse_preamble(text: str, lines: Sequence[Line]) -> tuple[list[LegalBasis], str | None]:
    """The legal bases and the proposer found in the preamble ``lines`` of ``text``."""
    items: list[tuple[str, int, int]] = []  # (kind, start, end)
    open_item: list | None = None
    for ln in lines:
        if ln.blank:
            continue
        s = ln.text
        m = BASIS_RE.match(s) or PROPOSER_RE.match(s)
        kind = None if m is None else "basis" if m.re is BASIS_RE else "proposer"
        if kind is None and ENACTING_RE.match(s):
            open_item = None
            continue
        if kind:
            open_item = [kind, ln.start + m.start("word"), ln.end]
            items.append(open_item)  # type: ignore[arg-type]
        elif open_item is not None and not _ITEM_END.search(text[open_item[1] : open_item[2]]):
            open_item[2] = ln.end  # a wrapped line of the same item
        else:
            open_item = None
        if open_item is not None and _ITEM_END.search(s):
            open_item = None
    bases = [LegalBasis(text=text[s:e], start=s, end=e) for k, s, e in items if k == "basis"]
    proposers = [collapse_ws(text[s:e]).rstrip(" .;,") for k, s, e in items if k == "proposer"]
    return bases, (proposers[0] if proposers else None)
