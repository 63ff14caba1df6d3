"""Provision pointers: ``điểm a khoản 2 Điều 5 Nghị định …``, ``Điều 3 Quy định này``,
``các khoản 1, 2 và 4 Điều 7``, ``từ Điều 5 đến Điều 9``, ``Chương II``.

Each pointer carries the target document (a :class:`~thpl_nlp.models.Reference`, ``"self"``
for "… này", or None when the text does not say) and the Akoma Ntoso eIds it expands to
(``art_7__para_1``, ``art_5__para_2__point_a``, ``chp_II``). Pointers into an attached
regulation cited as "Quy định này"/"Quy chế này" get the prefix ``att_1__`` as in the contract.
A pointer whose article is "Điều này" is ``relative``: its eIds need the enclosing article.

The target is normally printed after the pointer (``binding="following"``). A pointer with no
target after it is bound to the document named just before it in the same sentence
(``binding="preceding"``: "Trên cơ sở Luật XLVPHC, … được qui định từ điều 50 - 53"), but
only when nothing in the sentence suggests another document (see :func:`_bind_preceding`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from thpl_nlp.models import Reference
from thpl_nlp.nlp.extract.base import _plain
from thpl_nlp.nlp.extract.references import extract_references
from thpl_nlp.nlp.vocab import UPPER, VOCAB, alternation

# Vietnamese point labels in order (no f, j, w, z); "đ" comes after "d".
POINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

_SEP = r"\s{0,3}(?:,|và|hoặc|đến|tới|-|–)\s{0,3}"


def _level(keyword: str, item: str, name: str) -> str:
    return rf"""
    (?P<{name}>
        (?:(?i:các)\s{{1,3}})?(?:(?i:từ)\s{{1,3}})?
        (?i:{keyword})\s{{1,3}}{item}(?![\w/])
        (?:{_SEP}(?:(?i:{keyword})\s{{1,3}})?{item}(?![\w/])){{0,30}}
    )"""


_POINTS = _level("điểm", r"(?:[a-zđ]\d?|\d{1,2})", "points")
_CLAUSES = _level("khoản", r"\d{1,3}", "clauses")
_ARTICLES = _level("Điều", r"\d{1,4}[a-zđ]?(?!\.\d)", "articles")
_PT_POINTS = _level("điểm", r"(?:[a-zđ]\d?|\d{1,2})", "pt_points")
_LONE_POINTS = _level("điểm", r"(?:[a-zđ]\d?|\d{1,2})", "lone_points")
_LONE_CLAUSES = _level("khoản", r"\d{1,3}", "lone_clauses")
_CHAPTERS = _level("Chương", r"(?:[IVXLC]{1,7}|\d{1,2})", "chapters")
# "mục II" (a section) inside a chain: "khoản 1, mục I, Điều 1", "điểm d khoản 2 mục II"
_SECTION = r"(?:(?i:mục)\s{1,3}(?P<section>[IVXLC]{1,7}|\d{1,2})(?![\w/]))"
_GAP = r"\s{0,3},?\s{1,3}(?:(?i:của)\s{1,3})?"  # between levels: " ", ", ", " của "
_REL_POINTS = _level("điểm", r"(?:[a-zđ]\d?|\d{1,2})", "rel_points")
_SECTIONS = _level("Mục", r"(?:[IVXLC]{1,7}|\d{1,2})", "sections")
_SELF_ART = r"(?i:Điều)\s{1,3}này(?![\w])"

POINTER_RE = re.compile(
    rf"""
    (?<![\w])
    (?=[cCtTđĐkKmMĐ])           # first letter of các/từ/điểm/khoản/Điều/Mục/Chương (fast skip)
    (?:
        (?:{_POINTS}{_GAP})?                                 # points: "điểm a, b và c"
        {_CLAUSES}{_GAP}                                     # clauses: "khoản 1, 2 và 4"
        (?:
            (?P<art_self>{_SELF_ART})                         # "Điều này": the same article
        |
            (?:{_SECTION}{_GAP})?                             # "khoản 1, mục I, Điều 1"
            (?i:Điều)\s{{1,3}}(?P<article>\d{{1,4}}[a-zđ]?)(?![\w/]|\.\d)  # one article
        |
            (?i:mục)\s{{1,3}}(?P<sec_only>[IVXLC]{{1,7}}|\d{{1,2}})(?![\w/])  # "khoản 2 mục II"
        )
    |
        {_PT_POINTS}{_GAP}                                   # "điểm 6 Điều 1": points of an
        (?:(?P<pt_self>{_SELF_ART})                          # article without clauses
          |(?i:Điều)\s{{1,3}}(?P<pt_article>\d{{1,4}}[a-zđ]?)(?![\w/]|\.\d))
    |
        {_ARTICLES}                                         # "Điều 5", "từ Điều 5 đến Điều 9"
    |
        (?:{_LONE_POINTS}{_GAP})?                            # a chain without its article
        {_LONE_CLAUSES}                                     # ("điểm b khoản 6, …"), completed
        (?P<lone_self>\s{{1,3}}(?:(?i:của)\s{{1,3}})?(?:(?i:Điều)\s{{1,3}})?này(?![\w]))?  # later
    |
        {_REL_POINTS}{_GAP}(?P<clause_self>(?i:khoản)\s{{1,3}}này)(?![\w])  # "điểm a khoản này"
    |
        {_SECTIONS}{_GAP}(?i:Chương)\s{{1,3}}(?P<sec_chapter>[IVXLC]{{1,7}}|\d{{1,2}})(?![\w/])
                                                            # "Mục 1, Mục 2 … Chương II"
    |
        {_CHAPTERS}                                         # "Chương II"
    )
    """,
    re.VERBOSE,
)

# "Điều 10 Quy chế … ban hành kèm theo Quyết định số …": a provision of an attached text.
ATTACHED_RE = re.compile(
    r"""
    \s{0,3}(?:(?i:của)\s{1,3})?
    (?P<att>Quy\s+chế|Quy\s+định|Điều\s+lệ)(?![\w])    # the attached regulation
    [^;.\n]{0,200}?
    (?i:ban\s+hành\s+kèm\s+theo|kèm\s+theo)\s{1,3}     # "ban hành kèm theo"
    """,
    re.VERBOSE,
)

# A heading line ("Điều 5. Hiệu lực", "Chương II") is structure, not a pointer.
HEADING_AFTER_RE = re.compile(
    r"""
    [ \t]{0,3}(?:[.:]|\n|$|\*)      # "Điều 5." / "Chương II" alone on its line
    """,
    re.VERBOSE,
)

TARGET_GAP_RE = re.compile(
    r"""
    (?P<gap>\s{0,3},?\s{0,3}(?:(?i:được\s+quy\s+định\s+tại|quy\s+định\s+tại|của|tại|theo)
        \s{1,3})?)  # "… Điều 5 của Nghị định …", "… Điều 4 được quy định tại Nghị quyết này"
    """,
    re.VERBOSE,
)

_ITEM_RE = re.compile(
    r"""
    (?<![\w])(?P<item>\d{1,4}[a-zđ]?|[IVXLC]{1,7}|[a-zđ]\d?)(?![\w])  # one label
    """,
    re.VERBOSE,
)
_RANGE_RE = re.compile(r"(?:đến|tới|-|–)")


@dataclass(slots=True)
class ProvisionPointer:
    """A pointer to provisions of a document, expanded to eIds."""

    start: int
    end: int
    text: str
    articles: list[str] = field(default_factory=list)
    clauses: list[str] = field(default_factory=list)
    points: list[str] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # "mục II" when no article is given
    eids: list[str] = field(default_factory=list)
    target: Reference | str | None = None  # a citation, "self", or None
    relative: bool = False  # "khoản 2 Điều này": needs the enclosing article
    # How the target was found: "following" (printed after the pointer, "… này" included),
    # "preceding" (named earlier in the same sentence) or None (not printed).
    binding: str | None = None

    def to_dict(self) -> dict[str, Any]:
        t = self.target
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "articles": list(self.articles),
            "clauses": list(self.clauses),
            "points": list(self.points),
            "chapters": list(self.chapters),
            "sections": list(self.sections),
            "eids": list(self.eids),
            "target": t.to_dict() if isinstance(t, Reference) else _plain(t),
            "relative": self.relative,
            "binding": self.binding,
        }


def _expand(group: str, kind: str) -> list[str]:
    """Labels listed in a level group, with ranges ("từ 5 đến 9") expanded."""
    labels: list[str] = []
    last_end = 0
    for m in _ITEM_RE.finditer(group):
        label = m.group("item")
        between = group[last_end : m.start()]
        if labels and _RANGE_RE.search(between):
            labels.extend(_between(labels[-1], label, kind))
        labels.append(label)
        last_end = m.end()
    return list(dict.fromkeys(labels))


def _between(a: str, b: str, kind: str) -> list[str]:
    """Labels strictly between ``a`` and ``b`` of a range."""
    if kind == "points":
        if a in POINT_LETTERS and b in POINT_LETTERS:
            i, j = POINT_LETTERS.index(a), POINT_LETTERS.index(b)
            return POINT_LETTERS[i + 1 : j] if j - i < 30 else []
        return []
    if kind == "chapters":
        ia, ib = _roman(a), _roman(b)
        if ia and ib and 0 < ib - ia < 50:
            return [_to_roman(k) for k in range(ia + 1, ib)]
        return []
    da, db = re.match(r"\d+", a), re.match(r"\d+", b)
    if da and db:
        x, y = int(da.group(0)), int(db.group(0))
        if 0 < y - x <= 300:
            return [str(k) for k in range(x + 1, y)]
    return []


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def _to_roman(n: int) -> str:
    out = ""
    for v, sym in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= v:
            out += sym
            n -= v
    return out


def _is_heading(text: str, m: re.Match[str]) -> bool:
    line_start = text.rfind("\n", 0, m.start()) + 1
    if text[line_start : m.start()].strip(" \t#*>"):
        return False
    return bool(HEADING_AFTER_RE.match(text, m.end()))


def extract_pointers(
    text: str,
    references: Iterable[Reference] | None = None,
    *,
    bind_preceding: bool = True,
) -> Iterator[ProvisionPointer]:
    """Every provision pointer in ``text`` with its target and eIds.

    ``references`` may pass the citations already extracted from ``text`` (to save work).
    ``bind_preceding=False`` leaves a pointer without a following target unbound even when
    its document is named earlier in the sentence (the behaviour before that step existed).

    >>> p = next(extract_pointers("theo điểm a khoản 2 Điều 5 Nghị định số 43/2014/NĐ-CP"))
    >>> p.eids, p.target.number
    (['art_5__para_2__point_a'], '43/2014/NĐ-CP')
    >>> next(extract_pointers("các khoản 1, 2 và 4 Điều 7 Quy định này")).eids
    ['att_1__art_7__para_1', 'att_1__art_7__para_2', 'att_1__art_7__para_4']
    >>> p = next(extract_pointers("Trên cơ sở Luật XLVPHC, thẩm quyền … từ điều 50 - 51"))
    >>> p.eids, p.target.title, p.binding
    (['art_50', 'art_51'], 'Luật XLVPHC', 'preceding')
    """
    if not text:
        return
    refs = list(references) if references is not None else list(extract_references(text))
    pointers = list(_scan(text, {r.start: r for r in refs}))
    # "khoản 3 Điều 5 và Điều 6 Luật này": the target is printed once, after the last one.
    for a, b in zip(reversed(pointers[:-1]), reversed(pointers[1:]), strict=True):
        if a.target is None and b.target is not None and not a.relative:
            if CHAIN_RE.fullmatch(text, a.end, b.start):
                a.target = b.target
                a.binding = b.binding
                a.eids = _eids(a, prefix=b.eids[0].split("art_")[0] if b.eids else "")
    if bind_preceding and refs:
        _bind_preceding(text, pointers, refs)
    yield from pointers


CHAIN_RE = re.compile(
    r"""
    \s{0,3}(?:,|;|và|hoặc)\s{0,3}   # pointers listed before a shared target
    """,
    re.VERBOSE,
)


def _scan(text: str, by_start: dict[int, Reference]) -> Iterator[ProvisionPointer]:
    pending: list[ProvisionPointer] = []  # article-less chains waiting for their article
    for m in POINTER_RE.finditer(text):
        g = m.groupdict()
        if (g["articles"] or g["chapters"]) and _is_heading(text, m):
            continue
        p = ProvisionPointer(m.start(), m.end(), m.group(0))
        points = g["points"] or g["pt_points"] or g["lone_points"] or g["rel_points"]
        clauses = g["clauses"] or g["lone_clauses"]
        if points:
            p.points = _expand(points, "points")
        if clauses:
            p.clauses = _expand(clauses, "clauses")
        if g["articles"]:
            p.articles = _expand(g["articles"], "articles")
        elif g["article"] or g["pt_article"]:
            p.articles = [g["article"] or g["pt_article"]]
        if g["chapters"]:
            p.chapters = _expand(g["chapters"], "chapters")
        if g["sec_only"]:
            p.sections = [g["sec_only"]]
        if g["sections"]:
            p.sections = _expand(g["sections"], "chapters")
            p.chapters = [g["sec_chapter"]]
        if g["lone_clauses"] and not g["lone_self"]:
            # "điểm b khoản 6, điểm c khoản 10 Điều 14": the article comes later.
            if pending and not CHAIN_RE.fullmatch(text, pending[-1].end, p.start):
                yield from _flush(pending)
            pending.append(p)
            continue
        if pending:
            if (
                CHAIN_RE.fullmatch(text, pending[-1].end, p.start)
                and p.articles
                and (p.clauses or p.points)
            ):
                for q in pending:
                    q.articles = list(p.articles)
            yield from _flush(pending)
        if g["art_self"] or g["pt_self"] or g["lone_self"] or g["clause_self"]:
            p.relative = True
            p.target = "self"
            p.binding = "following"
            p.eids = _eids(p)
            yield p
            continue
        prefix = ""
        gap = TARGET_GAP_RE.match(text, m.end())
        ref = by_start.get(gap.end()) if gap else None
        if ref is None:
            att = ATTACHED_RE.match(text, m.end())
            if att:
                ref = by_start.get(att.end())
                prefix = "att_1__" if ref is not None else ""
        if ref is not None:
            p.target = "self" if ref.internal else ref
            p.binding = "following"
            if ref.internal and ref.doc_type in ("Quy định", "Quy chế"):
                prefix = "att_1__"
        p.eids = _eids(p, prefix=prefix)
        yield p
    yield from _flush(pending)


_PRECEDING = VOCAB.raw.get("preceding_target") or {}
PRECEDING_MAX_GAP = int(_PRECEDING.get("max_gap", 250))

# Where a sentence ends for the backward binding: a pointer is never bound across one.
SENTENCE_END_RE = re.compile(
    r"""
    (?P<end>
        [;:\n]              # an item, a list lead-in ("bao gồm:") or a line ends it
      | [.?!](?=\s|$)       # a full stop (also "TP. Đà Nẵng": a lost binding, never a wrong one)
    )
    """,
    re.VERBOSE,
)

# A document named without being a citation ("Nghị định 179", "của Nghị định 54", "pháp
# luật" excepted) or an attached text ("Quy chế …"): the pointer may be about that one.
DOC_MENTION_RE = re.compile(
    rf"""
    (?<![\w])(?<!(?i:pháp)\s)
    (?P<mention>(?i:{alternation(VOCAB.doc_types)})          # a document type, any case
      |{alternation(list(_PRECEDING.get("attached_texts") or []))})  # "Quy chế", capitalised
    (?![\w])
    """,
    re.VERBOSE,
)

# An amending verb between the citation and the pointer ("Quyết định số … sửa đổi Điều 4"):
# the article belongs to the amended document, not to the one named before.
AMENDMENT_RE = re.compile(
    rf"""
    (?<![\w])(?P<verb>(?i:{alternation(list(_PRECEDING.get("amendment_words") or []))}))
    (?![\w])
    """,
    re.VERBOSE,
)


# A quotation mark or a closing parenthesis between the citation and the pointer: the
# citation is part of a quoted phrase ("cụm từ “… Luật Thuế xuất khẩu …” tại khoản 3 Điều
# 33") or of a note ("điểm a (được sửa đổi tại … Nghị định số 05/2025/NĐ-CP), điểm c khoản
# 6"), the pointer is not.
QUOTE_RE = re.compile(
    r"""
    (?P<quote>["“”«»„)\]])   # a double quotation mark or a closing bracket
    """,
    re.VERBOSE,
)

OPEN_BRACKET_RE = re.compile(
    r"""
    (?P<open>\()   # an opening bracket: the pointer is a note on what comes before it
    """,
    re.VERBOSE,
)

# A capitalised word right after the pointer names its document even when it is no known
# type ("Chương 6 của Hiệp định", "Chương II-2 của Công ước SOLAS").
NAMED_AFTER_RE = re.compile(
    rf"""
    [ \t]{{0,3}}(?:(?i:của)[ \t]{{1,3}})?   # "… của" (optional)
    (?P<name>[{UPPER}])                   # a capital letter starting a name
    """,
    re.VERBOSE,
)


# "Điều 5. Áp dụng …" glued to the text before it (a title and the first article on one
# line) looks like a sentence ending in "… Điều 5." — neither is bound backwards.
GLUED_HEADING_RE = re.compile(
    r"""
    [ \t]{0,3}(?P<stop>[.:])(?:\s|$)   # "." or ":" right after an article-only pointer
    """,
    re.VERBOSE,
)


def _bind_preceding(text: str, pointers: list[ProvisionPointer], refs: list[Reference]) -> None:
    """Bind pointers that have no following target to the document cited just before them
    in the same sentence ("Ví dụ: … Nghị định 142/2013/NĐ-CP qui định … (Điều 5 và điều 12)").

    Conservative — the pointer stays unbound when:

    - a sentence end (``.``, ``;``, ``:``, a new line) lies between the citation and it;
    - the nearest citation before it is "… này" (the document itself), is printed in
      capitals (a title) or is nested in the title of another citation, or the pointer sits
      inside a citation's title;
    - an article-only pointer ends its sentence ("… Điều 5.", which is also how a heading
      glued to the text before it looks: "… LUẬT HỘ TỊCH Điều 43. Trách nhiệm");
    - more than ``max_gap`` characters separate them;
    - a document type not read as a citation ("Nghị định 179"), an attached text, an
      amending verb, a quotation mark or a closing bracket lies between them;
    - a document is named after the pointer in the same sentence ("Điều 10 (…), Điều 11
      (…) của Nghị định 54") or a capitalised name follows it ("Chương 6 của Hiệp định");
    - a pointer in between is bound to another document (or is relative);
    - the citation is the target of a pointer printed just before it ("khoản 1 Điều 36 Luật
      Sĩ quan … tại khoản 1 hoặc khoản 2 Điều 23; … Điều 27 của Điều lệ …") — a document
      cited for one provision is rarely the document of the next bare pointer — unless the
      pointer is a note in brackets ("Bổ sung Điều 57a Nghị định 88/CP (sau Điều 57)").

    Pointers listed after a bound one (``Điều 13; khoản 5 Điều 14 và khoản 1 Điều 15``) share
    its target, as for a target printed after a list.
    """
    by_start = sorted(refs, key=lambda r: r.start)
    starts = [r.start for r in by_start]
    prev: ProvisionPointer | None = None
    for i, p in enumerate(pointers):
        if p.target is not None or p.relative:
            prev = p
            continue
        ref: Reference | None = None
        if (
            prev is not None
            and prev.binding == "preceding"
            and isinstance(prev.target, Reference)
            and CHAIN_RE.fullmatch(text, prev.end, p.start)
        ):
            ref = prev.target  # "… tại khoản 5 Điều 13; khoản 5 Điều 14"
        else:
            ref = _preceding_ref(text, pointers, i, by_start, starts)
        if ref is not None and not _named_after(text, p, by_start, starts):
            p.target = ref
            p.binding = "preceding"
        prev = p


def _preceding_ref(
    text: str,
    pointers: list[ProvisionPointer],
    i: int,
    by_start: list[Reference],
    starts: list[int],
) -> Reference | None:
    """The citation a target-less pointer may be bound to, or None (see _bind_preceding)."""
    p = pointers[i]
    k = bisect.bisect_left(starts, p.start) - 1
    if k < 0:
        return None
    ref = by_start[k]
    if ref.internal or ref.end > p.start or p.start - ref.end > PRECEDING_MAX_GAP:
        return None
    if ref.text.isupper():  # a title in capitals ("… THI HÀNH LUẬT ĐẤT ĐAI"), not a sentence
        return None
    if not p.clauses and not p.points and GLUED_HEADING_RE.match(text, p.end):
        return None
    # nested in another citation's title ("Nghị định số … thi hành Luật Đất đai, … Điều 5")
    for other in by_start[max(0, k - 8) : k]:
        if other.end >= ref.end:
            return None
    if SENTENCE_END_RE.search(text, ref.end, p.start):
        return None
    between = text[ref.end : p.start]
    if DOC_MENTION_RE.search(between) or AMENDMENT_RE.search(between) or QUOTE_RE.search(between):
        return None
    cited_as_target = False
    for j in range(i - 1, -1, -1):  # back to the citation only: linear time overall
        q = pointers[j]
        if q.end <= ref.start:
            cited_as_target = q.target is ref and q.binding == "following"
            break
        if q.end <= ref.end:
            continue
        if q.relative or (q.target is not None and q.target != ref):
            return None
    # "khoản 1 Điều 36 Luật Sĩ quan … theo quy định tại khoản 1 hoặc khoản 2 Điều 23; …
    # Điều 27 của Điều lệ …": a document cited for one of its provisions is not the
    # document of the next bare pointer, unless that one is a note in brackets after it
    # ("Bổ sung Điều 57a Nghị định 88/CP (sau Điều 57)").
    if cited_as_target and not OPEN_BRACKET_RE.search(between):
        return None
    return ref


def _named_after(
    text: str, p: ProvisionPointer, by_start: list[Reference], starts: list[int]
) -> bool:
    """Whether a document is named after the pointer in its sentence (or a capitalised name
    follows the pointer directly)."""
    if NAMED_AFTER_RE.match(text, p.end):
        return True
    window = min(len(text), p.end + 4 * PRECEDING_MAX_GAP)  # linear time on 1 MB lines
    end = SENTENCE_END_RE.search(text, p.end, window)
    stop = end.start() if end else window
    k = bisect.bisect_left(starts, p.end)
    if k < len(by_start) and by_start[k].start < stop:
        return True
    return DOC_MENTION_RE.search(text, p.end, stop) is not None


def _flush(pending: list[ProvisionPointer]) -> Iterator[ProvisionPointer]:
    """Emit waiting chains: completed ones with their eIds, others as relative pointers."""
    for q in pending:
        if not q.articles:
            q.relative = True
            q.target = "self"
        q.eids = _eids(q)
    out = list(pending)
    pending.clear()
    yield from out


def _eids(p: ProvisionPointer, prefix: str = "") -> list[str]:
    """eIds of a pointer; a relative pointer gets fragments (``para_1__point_a``) that the
    caller prefixes with the enclosing article's eId."""
    if p.chapters and p.sections:
        return [f"{prefix}chp_{c}__sec_{x}" for c in p.chapters for x in p.sections]
    if p.chapters:
        return [f"{prefix}chp_{c}" for c in p.chapters]
    if p.articles:
        bases = [f"{prefix}art_{a}" for a in p.articles]
    elif p.sections:
        bases = [f"{prefix}sec_{x}" for x in p.sections]
    else:
        bases = [""] if p.relative else []
    out = []
    for base in bases:
        sep = "__" if base else ""
        if not p.clauses and not p.points:
            if base:
                out.append(base)
            continue
        if not p.clauses:
            out.extend(f"{base}{sep}point_{x}" for x in p.points)
            continue
        for c in p.clauses:
            para = f"{base}{sep}para_{c}"
            if not p.points:
                out.append(para)
            else:
                out.extend(f"{para}__point_{x}" for x in p.points)
    return out
