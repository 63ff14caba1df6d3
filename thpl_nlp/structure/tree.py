"""The provision tree: Phần / Chương / Mục / Tiểu mục / Điều / Khoản / Điểm, in one pass.

:func:`build_tree` reads the lines of one body (the decision itself, or an attached
regulation) and returns its root nodes. Labels are accepted only when they fit the
numbering so far (the next article, the next clause of the article, the next point
letter), so a wrapped PDF line that happens to start with "Điều 5." or "2." stays text;
gaps and duplicates that are still accepted produce a W204 warning. ``start``/``end`` of
every node cover its own lines and all its children (trailing blank lines excluded).

>>> from thpl_nlp.structure.lines import split_lines
>>> text = "Điều 1. Phạm vi\\n1. Khoản một:\\na) điểm a;\\nb) điểm b.\\n2. Khoản hai."
>>> roots = build_tree(text, split_lines(text), None, prefix="", warnings=[])
>>> [p.eid for p in roots[0].walk()]
['art_1', 'art_1__para_1', 'art_1__para_1__point_a', 'art_1__para_1__point_b', 'art_1__para_2']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from thpl_nlp.errors import warning
from thpl_nlp.models import Provision
from thpl_nlp.structure.eid import node_eid
from thpl_nlp.structure.lines import Line, collapse_ws, is_upper_line
from thpl_nlp.structure.patterns import (
    ARTICLE_RE,
    CHAPTER_RE,
    CLAUSE_RE,
    PART_RE,
    POINT_RE,
    ROMAN_ITEM_RE,
    SECTION_RE,
)

RANK = {
    "part": 0,
    "chapter": 1,
    "section": 2,
    "subsection": 3,
    "article": 4,
    "clause": 5,
    "point": 6,
    "paragraph": 7,
}

# Vietnamese point letters, in order (no f, j, w, z).
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"

_ORDINALS = {
    "NHẤT": 1, "HAI": 2, "BA": 3, "TƯ": 4, "BỐN": 4, "NĂM": 5, "SÁU": 6, "BẢY": 7, "BẨY": 7,
    "TÁM": 8, "CHÍN": 9, "MƯỜI": 10,
}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_TERMINAL = re.compile(r"(?:[.;:!?]|\./\.)[\"”’)\]]*$")


def roman_value(s: str) -> int | None:
    """Integer value of a roman numeral, or None.

    >>> roman_value("XIV")
    14
    """
    s = s.upper()
    if not s or any(ch not in _ROMAN for ch in s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total


def part_number(label: str) -> str:
    """Number used in a part eId: "THỨ NHẤT" → "1", "II" → "2", "3" → "3"."""
    up = collapse_ws(label).upper()
    if up.startswith("THỨ "):
        words = up[4:].split()
        if len(words) == 1 and words[0] in _ORDINALS:
            return str(_ORDINALS[words[0]])
        if len(words) == 2 and words[0] == "MƯỜI" and words[1] in _ORDINALS:
            return str(10 + _ORDINALS[words[1]])
        return "_".join(words).lower()
    r = roman_value(up)
    return str(r) if r else up


def _num_key(num: str) -> tuple[int, str]:
    m = re.match(r"(\d+)(.*)", num)
    return (int(m.group(1)), m.group(2)) if m else (0, num)


@dataclass
class _Node:
    prov: Provision
    rank: int
    last_child: dict[str, str] = field(default_factory=dict)  # kind -> last num
    paragraphs: int = 0
    last_line: str = ""  # the last text line consumed (for paragraph joining)
    heading_open: bool = False  # following upper-case lines extend the heading


class _Builder:
    def __init__(
        self,
        text: str,
        page_at: Callable[[int], int | None] | None,
        prefix: str,
        warnings: list[str],
    ) -> None:
        self.text = text
        self.page_at = page_at
        self.prefix = prefix
        self.warnings = warnings
        self.roots: list[Provision] = []
        self.stack: list[_Node] = []
        self.root_last: dict[str, str] = {}
        self.root_paragraphs = 0
        self.last_article: str | None = None
        self.seen: set[str] = set()
        self.rejected_label = False  # the previous line looked like a label but was text
        self.chapters_restart = False  # chapter numbers restart in each part
        self.repeat_heading = False  # consuming a heading repeated at a page break
        self.flat = False  # the body has no articles: roman groups and numbered clauses
        self._heading_next: _Node | None = None  # "Điều 2." alone: heading on the next line
        self._article_heading_pending: _Node | None = None  # heading may wrap to next line

    # --- helpers ------------------------------------------------------------------------
    def _warn_seq(self, what: str) -> None:
        w = warning("W204", what)
        if w not in self.warnings:
            self.warnings.append(w)

    def _touch(self, end: int) -> None:
        for n in self.stack:
            n.prov.end = max(n.prov.end, end)

    def _pop_to(self, rank: int) -> None:
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()

    def _open(self, kind: str, num: str, line: Line, eid_num: str | None = None) -> _Node:
        rank = RANK[kind]
        self._pop_to(rank)
        parent = self.stack[-1] if self.stack else None
        eid = node_eid(kind, eid_num or num, parent.prov.eid if parent else None, self.prefix)
        if eid in self.seen and kind == "chapter" and parent and parent.prov.kind == "part":
            # chapters numbered afresh in each part (Luật XLVPHC): qualified at the end
            self.chapters_restart = True
            eid = f"{eid}__dup{len(self.seen)}"
        elif eid in self.seen:
            self._warn_seq(f"{eid} (trùng)")
            k = 2
            while f"{eid}_{k}" in self.seen:
                k += 1
            eid = f"{eid}_{k}"
        self.seen.add(eid)
        prov = Provision(
            eid=eid,
            kind=kind,
            num=num,
            start=line.start,
            end=line.end,
            page=self.page_at(line.start) if self.page_at else None,
        )
        (parent.prov.children if parent else self.roots).append(prov)
        if parent:
            parent.last_child[kind] = num
        else:
            self.root_last[kind] = num
        node = _Node(prov, rank, last_line=line.text)
        self.stack.append(node)
        self._touch(line.end)
        return node

    def _orig(self, line: Line, m: re.Match[str], *groups: str) -> str | None:
        """Original text of the first matched group (patterns run on match_text)."""
        for g in groups:
            if m.group(g) is not None:
                return self.text[line.start + m.start(g) : line.start + m.end(g)]
        return None

    def _in_article(self) -> _Node | None:
        return next((n for n in reversed(self.stack) if n.rank == RANK["article"]), None)

    def _container(self, kinds: Sequence[str]) -> _Node | None:
        """Deepest open node whose kind is in ``kinds`` (paragraphs skipped)."""
        for n in reversed(self.stack):
            if n.prov.kind in kinds:
                return n
            if n.prov.kind != "paragraph" and n.prov.kind not in ("clause", "point"):
                return None
        return None

    # --- line handlers ------------------------------------------------------------------
    def feed(self, line: Line) -> None:
        s = line.text
        top = self.stack[-1] if self.stack else None
        if top is not None and top.heading_open:
            if self._heading_line(top, line):
                return
        if self.repeat_heading:
            if is_upper_line(s) and not ARTICLE_RE.match(s):
                self._touch(line.end)
                return
            self.repeat_heading = False
        m = PART_RE.match(s)
        if m and self._repeated("part", collapse_ws(m.group("num")), line):
            return
        m2 = CHAPTER_RE.match(s)
        if m2 and self._repeated("chapter", m2.group("num").upper(), line):
            return
        if m and (m.group("rest") is None or is_upper_line(s)):
            node = self._open("part", collapse_ws(m.group("num")), line,
                              part_number(m.group("num")))
            self._set_heading(node, self._orig(line, m, "rest"))
            return
        m = CHAPTER_RE.match(s)
        if m and self._chapter_ok(m):
            num = m.group("num").upper() if m.group("num").isalpha() else m.group("num")
            node = self._open("chapter", num, line)
            self._set_heading(node, self._orig(line, m, "rest", "rest2"))
            return
        m = SECTION_RE.match(s)
        if m and self._chapter_ok(m):
            kind = "subsection" if m.group("word").lower().startswith("tiểu") else "section"
            node = self._open(kind, m.group("num"), line)
            self._set_heading(node, self._orig(line, m, "rest", "rest2"))
            return
        if self.flat:
            m = ROMAN_ITEM_RE.match(s)
            if m and self._roman_ok(m):
                node = self._open("section", m.group("num"), line)
                self._set_heading(node, self._orig(line, m, "rest"))
                return
        m = ARTICLE_RE.match(s)
        if m and self._article_ok(m):
            self._article(m, line)
            return
        after_rejected = self.rejected_label
        self.rejected_label = False
        m = CLAUSE_RE.match(s)
        if m:
            if self._clause_ok(m):
                self._open("clause", m.group("num").lower(), line)
                return
            # a numbered line that is not the next clause (a table row, a list item)
            self.rejected_label = True
        m = POINT_RE.match(s)
        if m and not (after_rejected and m.group("num") == "a") and self._point_ok(m):
            self._open("point", m.group("num"), line)
            return
        self._text(line)

    def _repeated(self, kind: str, num: str, line: Line) -> bool:
        """A part/chapter heading equal to the open one, repeated after a page break."""
        open_node = next((n for n in self.stack if n.prov.kind == kind), None)
        if open_node is None or (open_node.prov.num or "").upper() != num.upper():
            return False
        if open_node is self.stack[-1] or (
            kind == "chapter" and self.stack[-1].prov.kind == "part"
        ):
            return False  # nothing under it yet: not a repeat
        self.repeat_heading = True
        self._touch(line.end)
        return True

    def _chapter_ok(self, m: re.Match[str]) -> bool:
        rest2 = m.group("rest2")
        return rest2 is None or is_upper_line(rest2)

    def _set_heading(self, node: _Node, rest: str | None) -> None:
        if rest and rest.strip():
            node.prov.heading = collapse_ws(rest)
            node.heading_open = is_upper_line(rest)
        else:
            node.heading_open = True

    def _heading_line(self, node: _Node, line: Line) -> bool:
        """Consume ``line`` as (part of) the heading of a part/chapter/section."""
        s = line.text
        structural = any(
            r.match(s) for r in (PART_RE, CHAPTER_RE, SECTION_RE, ARTICLE_RE, CLAUSE_RE)
        )
        first = node.prov.heading is None
        ok = not structural and (
            is_upper_line(s)
            or (first and len(s) < 200 and (not _TERMINAL.search(s) or s.endswith(":")))
        )
        if not ok:
            node.heading_open = False
            return False
        orig = self.text[line.start : line.end]
        node.prov.heading = collapse_ws(f"{node.prov.heading or ''} {orig}")
        node.heading_open = is_upper_line(s)
        self._touch(line.end)
        return True

    def _article_ok(self, m: re.Match[str]) -> bool:
        num = m.group("num").lower()
        rest = m.group("rest")
        strong = bool(rest) and (rest[0].isupper() or rest[0] in "“\"(")
        if m.group("bare") is not None:
            # "Điều 5 Phạm vi điều chỉnh": only as the very next article, with a capital
            if not strong:
                return False
            if self.last_article is None:
                return num == "1"
            n, suf = _num_key(num)
            return not suf and n == _num_key(self.last_article)[0] + 1
        if self.last_article is None:
            return strong or not rest or num == "1"
        n, suf = _num_key(num)
        ln, lsuf = _num_key(self.last_article)
        if n == ln + 1 and not suf:
            return True
        if n == ln and suf and suf > lsuf:
            return True  # inserted article: 68a after 68
        if n == ln + 1 and suf and strong:
            return True  # 69a right after an omitted 69? accept, numbering warns
        if ln + 1 < n <= ln + 10 and strong:
            self._warn_seq(f"Điều {ln} → Điều {n}")
            return True
        if n == 1 and strong and ln > 1:
            self._warn_seq(f"Điều {ln} → Điều 1")
            return True
        return False

    def _article(self, m: re.Match[str], line: Line) -> None:
        num = m.group("num").lower()
        self.last_article = num
        node = self._open("article", num, line)
        rest = m.group("rest").strip()
        if rest and not _TERMINAL.search(rest):
            node.prov.heading = collapse_ws(self._orig(line, m, "rest") or rest)
            node.heading_open = False
            node.last_line = ""
            self._article_heading_pending = node
        else:
            node.last_line = rest
            # "Điều 2." alone: a short unpunctuated next line is its heading
            self._heading_next = node if (not rest and m.group("punct") == ".") else None

    def _roman_ok(self, m: re.Match[str]) -> bool:
        if any(n.prov.kind in ("clause", "point") for n in self.stack[:1]):
            return False
        value = roman_value(m.group("num"))
        last = self.root_last.get("section")
        expected = (roman_value(last) or 0) + 1 if last else 1
        if value is not None and expected < value <= expected + 4:
            self._warn_seq(f"Mục {last or '—'} → Mục {m.group('num')}")
            return True
        return value == expected

    def _clause_ok(self, m: re.Match[str]) -> bool:
        holder = self._container(("article",))
        last_child = holder.last_child if holder else None
        if holder is None and self.flat:
            # no articles in this body: numbered items are clauses of the roman group
            holder = self._container(("section",))
            if holder is None and not any(n.prov.kind != "paragraph" for n in self.stack[:1]):
                last_child = self.root_last
            elif holder is not None:
                last_child = holder.last_child
        if last_child is None:
            return False
        num = m.group("num").lower()
        rest = m.group("rest") or ""
        if rest and not (rest[0].isupper() or rest[0] in "“\"(" or rest[0].isdigit()):
            return False
        last = last_child.get("clause")
        n, suf = _num_key(num)
        if last is None:
            return n == 1 or (n <= 3 and bool(rest))
        ln, lsuf = _num_key(last)
        if n == ln + 1 and not suf:
            return True
        if n == ln and suf and suf > lsuf:
            return True
        if ln + 1 < n <= ln + 3 and rest:
            where = holder.prov.eid if holder else "văn bản"
            self._warn_seq(f"{where}: khoản {ln} → khoản {n}")
            return True
        return False

    def _point_ok(self, m: re.Match[str]) -> bool:
        holder = self._container(("clause", "article"))
        if holder is None:
            return False
        num = m.group("num")
        letter = num[0]
        last = holder.last_child.get("point")
        if last is None:
            return num == "a"
        if num[1:]:
            return letter == last[0] or POINT_LETTERS.find(letter) == POINT_LETTERS.find(
                last[0]
            ) + 1
        li = POINT_LETTERS.find(last[0])
        ni = POINT_LETTERS.find(letter)
        if ni == li + 1:
            return True
        if li + 1 < ni <= li + 3:
            self._warn_seq(f"{holder.prov.eid}: điểm {last} → điểm {num}")
            return True
        return False

    def _text(self, line: Line) -> None:
        s = line.text
        top = self.stack[-1] if self.stack else None
        # A wrapped article heading continues on a line starting in lower case.
        nxt, self._heading_next = self._heading_next, None
        if (
            top is not None
            and nxt is top
            and len(s) <= 120
            and s[:1].isupper()
            and not _TERMINAL.search(s)
        ):
            top.prov.heading = collapse_ws(self.text[line.start : line.end])
            top.last_line = ""
            self._article_heading_pending = top
            self._touch(line.end)
            return
        pending = self._article_heading_pending
        if top is not None and pending is top and s[:1].islower():
            orig = self.text[line.start : line.end]
            top.prov.heading = collapse_ws(f"{top.prov.heading} {orig}")
            self._touch(line.end)
            return
        self._article_heading_pending = None
        if top is not None and top.prov.kind in ("clause", "point"):
            self._touch(line.end)
            top.last_line = s
            return
        if top is not None and top.prov.kind == "paragraph":
            if not _TERMINAL.search(top.last_line) or s[:1].islower():
                top.last_line = s
                self._touch(line.end)
                return
            self.stack.pop()
            top = self.stack[-1] if self.stack else None
        if top is not None and top.prov.kind == "article" and top.last_line:
            # the article line itself carried text: a wrapped continuation stays with it
            if not _TERMINAL.search(top.last_line) or s[:1].islower():
                top.last_line = s
                self._touch(line.end)
                return
        # a new unnumbered paragraph under the deepest open node
        if top is not None:
            top.paragraphs += 1
            idx = top.paragraphs
        else:
            self.root_paragraphs += 1
            idx = self.root_paragraphs
        node = self._open("paragraph", str(idx), line)
        node.prov.num = None
        node.last_line = s


def build_tree(
    text: str,
    lines: Sequence[Line],
    page_at: Callable[[int], int | None] | None,
    prefix: str,
    warnings: list[str],
) -> list[Provision]:
    """Root provisions of one body made of ``lines`` (blank lines are skipped).

    ``prefix`` is ``""`` for the document itself and ``"att_1__"`` for an attachment.
    """
    b = _Builder(text, page_at, prefix, warnings)
    lines = _join_split_labels(text, lines)
    b.flat = not any(
        (m := ARTICLE_RE.match(ln.text))
        and (not m.group("rest") or m.group("rest")[0].isupper())
        and (m.group("bare") is None or m.group("num") == "1")
        for ln in lines
        if ln.text
    )
    for line in lines:
        if not line.blank:
            b.feed(line)
    if b.chapters_restart:
        _qualify_chapters(b.roots)
    return b.roots


_SPLIT_NUM_RE = re.compile(r"^\d{1,4}[a-zđ]?\s*\.?$|^\d{1,4}[a-zđ]?\.\s")  # "45", "45.", "45. X"


def _join_split_labels(text: str, lines: Sequence[Line]) -> list[Line]:
    """Join an article label split over lines by a web copy: "Điều" / "45" / ". Xây dựng …".

    The joined line keeps the offsets of the span; its text has the newlines as spaces, so
    patterns see "Điều 45 . Xây dựng …" at the same offsets.
    """
    out: list[Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.text.lower() == "điều" and i + 1 < len(lines) and _SPLIT_NUM_RE.match(
            lines[i + 1].text
        ):
            j = i + 1
            if j + 1 < len(lines) and lines[j + 1].text.startswith(".") and not lines[
                j
            ].text.endswith("."):
                j += 1
            span = text[ln.start : lines[j].end].replace("\n", " ").replace("\r", " ")
            out.append(Line(ln.index, ln.start, lines[j].end, span, span))
            i = j + 1
            continue
        out.append(ln)
        i += 1
    return out


def _qualify_chapters(roots: Sequence[Provision]) -> None:
    """Give chapters their part (``part_2__chp_I``) when numbering restarts in each part."""
    used: set[str] = set()
    for part in roots:
        if part.kind != "part":
            continue
        for ch in part.children:
            if ch.kind != "chapter":
                continue
            old = ch.eid
            new = f"{part.eid}__chp_{ch.num}"
            k = 2
            while new in used:  # the same chapter twice in one part: keep eIds unique
                new = f"{part.eid}__chp_{ch.num}_{k}"
                k += 1
            used.add(new)
            for node in ch.walk():
                if node.eid == old or node.eid.startswith(old + "__"):
                    node.eid = new + node.eid[len(old) :]
