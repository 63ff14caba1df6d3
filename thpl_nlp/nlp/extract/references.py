"""Citations of legal documents: type, number, date, issuer and title.

Handles the forms found in provincial documents and the Pháp điển:

- ``Nghị định số 43/2014/NĐ-CP ngày 15 tháng 5 năm 2014 của Chính phủ quy định …``
- ``Nghị định 08/2005/NĐ-CP`` (no "số"), ``Quyết định số 119/QĐ-UBND`` (no year)
- name-only laws: ``Luật Tổ chức HĐND và UBND ngày 26/11/2003``, ``Luật Đất đai năm 2003``
- ``Luật Xây dựng số 50/2014/QH13`` (title ``Luật Xây dựng``)
- Pháp điển notes: ``Nghị định số 151/2017/NĐ-CP Quy định chi tiết … ngày 26/12/2017 của Chính phủ``
- lists: ``các Quyết định số 124/2004/QĐ-UB ngày 18/11/2004, 97/2005/QĐ-UB …``
- self references: ``Quyết định này``, ``Luật này`` (``internal=True``)

Numbers are canonicalised (:func:`thpl_nlp.nlp.canonical.canonical_number`) with the printed
form kept in ``raw_number`` and a warning for every repair. Pure regular expressions, linear in
the text length; no spaCy, no knowledge base.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from thpl_nlp.models import Reference
from thpl_nlp.nlp.canonical import canonical_number, type_from_symbol
from thpl_nlp.nlp.extract.dates import DATE_RE, date_from_match
from thpl_nlp.nlp.vocab import LOWER, VOCAB, alternation, fold

_SEG = r"[A-ZĐÐƯ][A-ZĐÐƯ0-9&]{0,14}(?:g|r)?"
_USYM = rf"{_SEG}(?:(?:[\-.\u2013]|\s?/\s?|\s-\s?|-\s){_SEG}){{0,8}}"
_LSYM = r"[a-zđ]{1,10}(?:[\-.][a-zđ]{1,10}){0,5}"

NUMBER_RE = re.compile(
    rf"""
    (?<![\w/])
    (?P<number>
        \d{{1,6}}[a-z]?                         # ordinal: "43", "68a"
        \s?/\s?
        (?:
            (?P<year>(?:19|20)\d{{2}})            # year of issue
            \s?(?:/\s?){{1,2}}                    # "/" (or the typo "/ /")
            (?:{_USYM}|{_LSYM})                   # symbol, upper or (with a year) lower case
        |
            {_USYM}                               # symbol of a number without a year
        )
    |
        (?<=số\s)\d{{1,6}}\s(?:[A-ZĐ]{{2,6}}\s?/\s?[A-ZĐ]{{2,8}})  # old style: "43 TC/QLCS"
    |
        \d{{1,6}}-[A-ZĐ]{{1,6}}/[A-ZĐ]{{1,6}}       # Party documents: "57-NQ/TW"
    )
    (?![\wĐÐđ])
    """,
    re.VERBOSE,
)

TYPE_RE = re.compile(
    rf"""
    (?<![\w])
    (?P<type>(?i:{alternation(VOCAB.doc_types)}))   # a document type, any case
    (?![\w])
    """,
    re.VERBOSE,
)

# What may sit between a type and its number: "số", spaces, markdown emphasis.
AFTER_TYPE_NUMBER_RE = re.compile(
    rf"""
    (?P<gap>(?:(?:\s{{1,2}}{LOWER}[^\W\d_]{{1,7}}){{1,2}}          # "Báo cáo thẩm tra số"
              (?=\s{{1,3}}(?i:số)\s{{0,3}}:?\s{{0,2}}\d))?
        \s{{0,3}}(?:(?i:số)\s{{0,3}}:?\s{{0,2}})?[*\[]{{0,3}}\s{{0,2}}(?i:số)?\s{{0,2}})  # " số: "
    (?=\d)
    """,
    re.VERBOSE,
)

SELF_RE = re.compile(
    r"""
    (?P<self>\s{1,3}(?i:này))   # "… này": the citing document itself
    (?![\w])
    """,
    re.VERBOSE,
)

SELF_EXTRA_RE = re.compile(
    r"""
    (?<![\w])
    (?P<type>(?:Quy\s+định|Quy\s+chế|Hướng\s+dẫn|Điều\s+lệ|Chương\s+trình))  # attached texts
    \s{1,3}(?P<self>này)(?![\w])                                              # "… này"
    """,
    re.VERBOSE,
)

NAME_WORD_RE = re.compile(
    r"""
    (?P<sp>\s{1,3})                                   # the space before the word
    (?P<word>(?:[^\W\d_]+(?:\s?-\s?[^\W\d_]+)?)|HĐND|UBND)  # one word of a law's name
    """,
    re.VERBOSE,
)

NAME_CONT_RE = re.compile(
    rf"""
    (?P<cont>\s{{0,3}}(?:{alternation(VOCAB.list("name_continuations"))}))  # name goes on
    (?![\w])
    """,
    re.VERBOSE | re.IGNORECASE,
)

NAME_STOP_RE = re.compile(
    rf"""
    \s{{1,3}}
    (?P<stop>{alternation(VOCAB.list("name_stops"))}  # a word ending the name
        |và(?=\s{{1,3}}{LOWER})                       # "và" + lower case: a new clause
        |(?:19|20)\d{{2}}(?!\d)                       # a bare year: "… 2002"
    )
    (?![\w])
    """,
    re.VERBOSE,
)

NOT_A_NAME_RE = re.compile(
    rf"""
    \s{{1,3}}(?P<word>{alternation(VOCAB.list("not_a_name"))})  # "Luật sư", "Luật này"
    (?![\w])
    """,
    re.VERBOSE,
)

DATE_LEAD_RE = re.compile(
    r"""
    (?P<lead>
        \s{0,3},?\s{0,3}
        (?:(?:đã\s+)?được\s+[^;,\n]{0,90}?thông\s+qua\s+    # "được Quốc hội … thông qua"
          |(?:ban\s+hành|thông\s+qua|ký)\s+                   # "ban hành năm 2003"
        )?
        (?:(?i:ngày)\s{1,3}(?=\d{1,2}\s?[/.\-]))?             # "ngày " before a numeric date
    )
    """,
    re.VERBOSE,
)

ISSUER_LEAD_RE = re.compile(
    r"""
    (?P<lead>\s{0,3},?\s{0,3}(?i:của)\s{0,3}(?:(?i:liên\s+tịch|liên)\s+)?)  # "của liên Bộ"
    """,
    re.VERBOSE,
)

KNOWN_ISSUER_RE = re.compile(
    rf"""
    (?P<issuer>{alternation(VOCAB.list("issuers"))})  # a named issuer: "Chính phủ"
    (?![\w])
    """,
    re.VERBOSE | re.IGNORECASE,
)

ISSUER_HEAD_RE = re.compile(
    rf"""
    (?P<head>{alternation(VOCAB.list("issuer_heads"))})  # "Bộ", "UBND", "Ủy ban nhân dân"
    (?![\w])
    """,
    re.VERBOSE,
)

TITLE_START = (
    r"quy\s+định|về|hướng\s+dẫn|ban\s+hành|sửa\s+đổi|bổ\s+sung|phê\s+duyệt|thành\s+lập|"
    r"thi\s+hành|điều\s+chỉnh|phân\s+cấp|phân\s+bổ|bãi\s+bỏ|thông\s+qua|giao|v\s?/\s?v|quy|"
    r"ban|công\s+bố|chuyển|xử\s+phạt|tổ\s+chức|phê\s+chuẩn|kéo\s+dài|miễn|giảm|"
    r"thực\s+hiện|áp\s+dụng|đặt|đổi|quản\s+lý|hợp\s+nhất|sáp\s+nhập|chia|điều\s+lệ"
)

_TYPES = alternation(VOCAB.doc_types)
TITLE_RE = re.compile(
    rf"""
    (?P<sp>\s{{0,3}},?\s{{1,3}})
    (?P<title>
        (?i:{TITLE_START}|đề\s+nghị)(?![\w])   # a title starts with a verb or "về"
        (?:[^;\n()]|\((?!\s?sau\s+đây)[^;\n()]{{0,80}}\)){{0,400}}?  # to the item's end
    )
    (?=\s{{0,3}}(?:[;\n)]|\((?!(?!\s?sau\s+đây)[^;\n()]{{0,80}}\))|\.(?:\s|$)|
        ,\s{{0,3}}(?:có\s+hiệu\s+lực|được\s+sửa\s+đổi)|$
        |(?:,|\s+và)\s{{1,3}}(?i:{_TYPES})\s{{1,3}}(?:(?i:số)\s{{1,3}})?\d[^\s;,]{{2,40}}
         ,?\s{{1,3}}(?i:ngày)\s))   # … or before a new citation with its own date
    """,
    re.VERBOSE,
)

MID_TITLE_RE = re.compile(
    r"""
    (?P<sp>\s{1,3})
    (?P<mid>[A-ZĐÀ-Ỹa-zđà-ỹ][^;\n()]{0,200}?)          # title printed before the date
    (?=\s{1,3}(?i:ngày)\s{1,3}\d{1,2}\s?(?:[/.\-]|tháng)[^;\n()]{0,40}của)  # "… ngày X của"
    """,
    re.VERBOSE,
)

LIST_NEXT_RE = re.compile(
    r"""
    (?P<sep>\s{0,3}(?:,|và|;)\s{0,3}(?:(?i:số)\s{0,3})?)   # ", 97/2005/…", "và số 08/…"
    (?=\d)
    """,
    re.VERBOSE,
)

AMEND_NAME_RE = re.compile(
    r"""
    (?P<sp>\s{1,3})
    (?P<name>(?i:sửa\s+đổi|bổ\s+sung)      # an amending law: "Luật sửa đổi, bổ sung …"
        [^;\n()]{0,250}?)                  # its name, which may cite other laws
    (?=\s{0,3}(?:,?\s{0,3}(?i:ngày|năm)\s{1,3}\d|\s(?i:số)\s{1,3}\d|[;\n()]|\.(?:\s|$)|$|
        ,\s{0,3}(?:có|được)\s|,\s{0,3}(?:Nghị|Thông|Quyết|Pháp|Chỉ|Luật\s+[A-ZĐ])))
    """,
    re.VERBOSE,
)

BARE_YEAR_RE = re.compile(
    r"""
    \s{1,3}(?P<year>(?:19|20)\d{2})(?![\d/\w])   # "Pháp lệnh … 2002": a year without "năm"
    """,
    re.VERBOSE,
)

_NAME_ONLY = {fold(t) for t in VOCAB.list("name_only_types")}
_NAME_ONLY_TYPES = set(VOCAB.list("name_only_types"))
_MAX_NAME_WORDS = 18
_MAX_ISSUER_WORDS = 30


def _number(raw: str, ref: Reference) -> bool:
    """Canonicalise ``raw`` into ``ref``; False when it is not a number."""
    try:
        canonical, warns = canonical_number(raw)
    except ValueError:
        return False
    ref.number = canonical
    ref.raw_number = raw
    ref.warnings.extend(warns)
    return True


def _parse_name(text: str, pos: int) -> int:
    """End offset of a law's name starting at ``pos`` (right after "Luật"), or ``pos``."""
    if NOT_A_NAME_RE.match(text, pos):
        return pos
    end = pos
    words = 0
    while words < _MAX_NAME_WORDS:
        c = NAME_CONT_RE.match(text, end)
        if c and words:
            end = c.end()
            words += 1
            continue
        if NAME_STOP_RE.match(text, end):
            break
        if words and re.match(r"\s{1,3}(?:19|20)\d{2}(?!\d)", text[end : end + 8]):
            break
        w = NAME_WORD_RE.match(text, end)
        if not w:
            break
        if words == 0 and not (w.group("word")[0].isupper() or w.group("word")[0].islower()):
            break
        end = w.end()
        words += 1
    trail = re.search(r"(?:\s+(?:và|của|hoặc))+$", text[pos:end])
    if trail:
        end -= len(trail.group(0))
    more = NAME_TO_NUMBER_RE.match(text, end)  # "Pháp lệnh phí và lệ phí số 38/2001/…"
    if (
        more
        and words
        and not any(
            NAME_STOP_RE.match(more.group("name"), i)
            for i in range(len(more.group("name")))
            if more.group("name")[i] == " "
        )
    ):
        return more.end("name")
    return end


NAME_TO_NUMBER_RE = re.compile(
    rf"""
    (?P<name>(?:\s{{1,3}}(?!số\s){LOWER}[^\W\d_]*){{1,6}})  # more lower-case words of the name
    (?=\s{{1,3}}số\s{{1,3}}\d)                      # right before its number
    """,
    re.VERBOSE,
)


def _parse_issuer(text: str, pos: int) -> tuple[str, int] | None:
    """The issuer after "của" at ``pos``: a named body or a head plus its name words."""
    lead = ISSUER_LEAD_RE.match(text, pos)
    if not lead:
        return None
    p = lead.end()
    k = KNOWN_ISSUER_RE.match(text, p)
    if k and not ISSUER_MORE_RE.match(text, k.end()):
        extra = ISSUER_EXTRA_RE.match(text, k.end())
        return k.group("issuer"), (extra.end() if extra else k.end())
    h = ISSUER_HEAD_RE.match(text, p)
    if not h:
        return None
    end = h.end()
    for _ in range(_MAX_ISSUER_WORDS):
        c = ISSUER_CONJ_RE.match(text, end)
        if c:
            end = c.end()
        elif ISSUER_STOP_RE.match(text, end):
            break
        w = NAME_WORD_RE.match(text, end) or ISSUER_NUM_RE.match(text, end)
        if not w:
            break
        end = w.end()
    issuer = re.sub(r"\s+", " ", text[p:end]).strip()
    if not issuer:
        return None
    extra = ISSUER_EXTRA_RE.match(text, end)
    return issuer, (extra.end() if extra else end)


ISSUER_NUM_RE = re.compile(
    r"""
    (?:(?<=quận)|(?<=phường)|(?<=Quận)|(?<=Phường))\s{1,2}\d{1,2}(?![\w/])  # "quận 5"
    """,
    re.VERBOSE,
)

ISSUER_EXTRA_RE = re.compile(
    r"""
    (?:\s{0,2}\((?i:cũ|mới)\))?                               # "(cũ)" after the issuer
    (?:\s{0,2},?\s{1,2}(?i:khoá|khóa)\s{1,2}[IVXLC\d]{1,6}      # "Khoá XIV": the legislature
       (?:\s{0,2},\s{0,2}(?i:kỳ\s+họp)(?:\s+thứ)?\s{1,2}\d{1,3})?(?:\s{0,2},(?=\s))?)?
    """,
    re.VERBOSE,
)


ISSUER_MORE_RE = re.compile(
    r"""
    \s{1,2}(?P<more>tỉnh|thành\s+phố|huyện|quận|xã|phường|Việt\s+Nam)(?![\w])  # "… tỉnh X"
    """,
    re.VERBOSE,
)

ISSUER_CONJ_RE = re.compile(
    rf"""
    (?P<conj>\s{{0,2}},|\s{{1,2}}và)            # ", Bộ Khoa học…", "và Bộ Tài nguyên…"
    (?=\s{{1,2}}[A-ZĐ])
    (?!\s{{1,2}}(?:{alternation(VOCAB.doc_types)}|Căn|Theo|Xét|Khoá|Khóa)(?![\w]))
    """,
    re.VERBOSE,
)

ISSUER_STOP_RE = re.compile(
    r"""
    \s{1,3}
    (?P<stop>(?i:quy\s+định|về|hướng\s+dẫn|ban\s+hành|sửa\s+đổi|bổ\s+sung|phê\s+duyệt|v/v|
        ngày|thi\s+hành|thành\s+lập|điều\s+chỉnh|phân\s+cấp|phân\s+bổ|bãi\s+bỏ|xử\s+phạt|
        công\s+bố|năm|tại|theo|đã|được|và\s+các|số|khoá|khóa|kỳ\s+họp|đề\s+nghị|v\s?/\s?v|
        như|hết|có\s+hiệu\s+lực)
      |và(?=\s{1,2}[a-zđ])|gồm|có|là|thì|để|cho|trong|đối\s+với)  # a word ending the issuer
    (?![\w])
    """,
    re.VERBOSE,
)


def _parse_tail(
    text: str, ref: Reference, pos: int, *, named: bool, zones: list[tuple[int, int]] | None = None
) -> int:
    """Parse the date, issuer and title after a citation's number or name; return its end.

    A citation inside the title printed before another citation's date (a Pháp điển note)
    takes no date or issuer: those belong to the outer citation. Such title zones are
    appended to ``zones``.
    """
    for zs, ze in zones or ():
        if zs <= pos <= ze:
            text = text[:ze]
            break
    end = pos
    if ref.number and not named:
        mid = MID_TITLE_RE.match(text, end)
        if (
            mid
            and not NUMBER_RE.search(mid.group("mid"))
            and not re.match(r"(?i)(?:và|hoặc|ngày|của|,)\b", mid.group("mid"))
        ):
            title = mid.group("mid").strip()
            if fold(ref.doc_type or "") in _NAME_ONLY and not title.lower().startswith("luật"):
                title = f"{ref.doc_type} {title}"
            ref.title = title
            end = mid.end()
            if zones is not None:
                zones.append((mid.start("mid"), mid.end()))
    bare = BARE_YEAR_RE.match(text, end) if named else None
    if bare:
        ref.year = int(bare.group("year"))
        end = bare.end()
    lead = DATE_LEAD_RE.match(text, end)
    d = DATE_RE.match(text, lead.end()) if lead and not bare else None
    if d and (d.group("yy") is None or named or ref.number is None):
        dm = date_from_match(d)
        ref.year = dm.year
        if dm.precision == "day":
            if dm.valid:
                ref.issued_on = dm.value
            else:
                ref.warnings.extend(dm.warnings)
        end = d.end()
    iss = _parse_issuer(text, end)
    if iss:
        ref.issuer, end = iss
        if ref.year is None:
            lead = DATE_LEAD_RE.match(text, end)
            d = DATE_RE.match(text, lead.end()) if lead else None
            if d and d.group("yy") is None:
                dm = date_from_match(d)
                ref.year = dm.year
                if dm.precision == "day" and dm.valid:
                    ref.issued_on = dm.value
                elif not dm.valid:
                    ref.warnings.extend(dm.warnings)
                end = d.end()
    if ref.title is None and not named:
        t = TITLE_RE.match(text, end)
        if t:
            ref.title = t.group("title").strip().rstrip(".,:*").strip()
            end = t.end()
    return end


def extract_references(text: str) -> Iterator[Reference]:
    """Every citation of a legal document in ``text``, in order of their start offsets.

    >>> r = next(extract_references("Căn cứ Nghị định số 43/2014/NĐ-CP ngày 15 tháng 5 năm "
    ...                             "2014 của Chính phủ quy định chi tiết thi hành Luật Đất đai;"))
    >>> r.number, r.issued_on.isoformat(), r.issuer, r.title
    ('43/2014/NĐ-CP', '2014-05-15', 'Chính phủ', 'quy định chi tiết thi hành Luật Đất đai')
    >>> [(r.doc_type, r.title, r.year) for r in extract_references("Luật Đất đai năm 2003")]
    [('Luật', 'Luật Đất đai', 2003)]
    """
    if not text:
        return
    refs: list[Reference] = []
    taken: list[tuple[int, int]] = []  # type+number/name spans, not titles
    zones: list[tuple[int, int]] = []  # titles printed before an outer citation's date

    def inside(a: int, b: int) -> bool:
        # ``taken`` grows almost in order: look at the few spans starting at or before ``a``.
        i = bisect.bisect_right(taken, (a, len(text) + 1))
        return any(s <= a and b <= e for s, e in taken[max(0, i - 4) : i])

    def take(span: tuple[int, int]) -> None:
        bisect.insort(taken, span)

    for m in TYPE_RE.finditer(text):
        start, pos = m.start(), m.end()
        if inside(start, pos):
            continue
        printed = m.group("type")
        dtype = VOCAB.canonical_type(printed)
        s = SELF_RE.match(text, pos) if dtype != "Văn bản" else None
        if s:
            ref = Reference(start, s.end(), text[start : s.end()], doc_type=dtype, internal=True)
            refs.append(ref)
            take((start, s.end()))
            continue
        ref = Reference(start, pos, "", doc_type=dtype)
        named = False
        g = AFTER_TYPE_NUMBER_RE.match(text, pos)
        n = NUMBER_RE.match(text, g.end()) if g else None
        if n and _number(n.group("number"), ref):
            anchor_end = n.end()
        elif dtype in _NAME_ONLY_TYPES and printed[0].isupper():
            am = AMEND_NAME_RE.match(text, pos)
            if am and not re.search(r"(?i)của|luật|pháp\s+lệnh", am.group("name")):
                am = None  # "các Luật sửa đổi, bổ sung": generic, not a title
            name_end = am.end() if am else _parse_name(text, pos)
            if name_end == pos and dtype != "Hiến pháp":
                continue
            named = True
            name = re.sub(r"\s+", " ", text[pos:name_end]).strip()
            ref.title = f"{dtype} {name}".strip()
            anchor_end = name_end
            g = re.compile(r"\s{1,3}(?i:số)\s{0,3}(?=\d)").match(text, name_end)
            n = NUMBER_RE.match(text, g.end()) if g else None
            if n and _number(n.group("number"), ref):
                anchor_end = n.end()
        else:
            continue
        take((start, anchor_end))
        ref.end = _parse_tail(text, ref, anchor_end, named=named, zones=zones)
        ref.text = text[start : ref.end]
        refs.append(ref)
        # A list of numbers after one type: "các Quyết định số 1/…, 2/… và 3/…".
        pos = ref.end if ref.title is None else anchor_end
        while ref.title is None:
            sep = LIST_NEXT_RE.match(text, ref.end)
            n = NUMBER_RE.match(text, sep.end()) if sep else None
            if not n:
                break
            nxt = Reference(n.start(), n.end(), "", doc_type=dtype)
            if not _number(n.group("number"), nxt):
                break
            take((n.start(), n.end()))
            nxt.end = _parse_tail(text, nxt, n.end(), named=False, zones=zones)
            nxt.text = text[nxt.start : nxt.end]
            refs.append(nxt)
            ref = nxt

    for m in SELF_EXTRA_RE.finditer(text):
        if not inside(m.start(), m.end()):
            dtype = re.sub(r"\s+", " ", m.group("type"))
            refs.append(Reference(m.start(), m.end(), m.group(0), doc_type=dtype, internal=True))
            take((m.start(), m.end()))

    # Numbers cited without a type word: "số 15/2017/QH14", "(theo 12/2021/QĐ-UBND)".
    for n in NUMBER_RE.finditer(text):
        if inside(n.start(), n.end()):
            continue
        before = text[max(0, n.start() - 6) : n.start()]
        if not (n.group("year") or re.search(r"(?i)số\s{0,3}:?\s{0,2}$", before)):
            continue
        ref = Reference(n.start(), n.end(), "")
        if not _number(n.group("number"), ref):
            continue
        ref.doc_type = type_from_symbol(ref.number or "")
        if ref.doc_type is None and not re.search(r"(?i)số\s{0,3}:?\s{0,2}$", before):
            continue
        take((n.start(), n.end()))
        ref.end = _parse_tail(text, ref, n.end(), named=False, zones=zones)
        ref.text = text[ref.start : ref.end]
        refs.append(ref)

    refs.sort(key=lambda r: (r.start, -r.end))
    yield from refs
