"""Split a text into its regions and assemble the :class:`LegalDocument`.

Regions, in order: header (issuer, number, date, type, title) → preamble (legal bases,
proposer, enacting formula) → body (the provisions) → closing (adoption formula, Nơi nhận,
signature) → attachments (regulations "ban hành kèm theo", appendices), each attachment
with its own body and closing. Everything is found with line patterns in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from thpl_nlp.errors import ThplError, warning
from thpl_nlp.models import LegalDocument, Provision, RawText
from thpl_nlp.structure.bases import parse_preamble
from thpl_nlp.structure.closing import (
    _SIGNED_RE,
    is_signature_start,
    looks_like_name,
    parse_closing,
)
from thpl_nlp.structure.effect import find_effective
from thpl_nlp.structure.header import (
    NUMBER_RE,
    PLACE_DATE_RE,
    complete_issuer,
    format_issuer,
    parse_header,
)
from thpl_nlp.structure.lines import (
    DATE_RE,
    Line,
    canonical_number,
    collapse_ws,
    date_from_match,
    is_upper_line,
    split_lines,
    upper_key,
    vocab,
)
from thpl_nlp.structure.patterns import (
    ADOPTION_RE,
    ARTICLE_RE,
    ATTACHED_RE,
    BASIS_RE,
    CHAPTER_RE,
    ENACTING_RE,
    PART_RE,
    PROPOSER_RE,
    RECIPIENTS_RE,
    SEPARATOR_RE,
    SIGN_MODE_RE,
)
from thpl_nlp.structure.tree import build_tree

_APPENDIX_RE = re.compile(
    r"""
    ^(?:phụ\s+lục|biểu\s+mẫu|mẫu\s+số)            # the word
    (?:\s+(?:số\s+)?(?P<num>[IVXLC]+|\d+[a-z]?|[A-Z]))?  # label: "I", "01", "2a"
    \s*(?:[.:\-–]\s*(?P<rest>.*))?$                # optional title on the same line
    """,
    re.VERBOSE | re.IGNORECASE,
)
_VBHN_CLOSE_RE = re.compile(r"^XÁC\s+THỰC\s+VĂN\s+BẢN\s+HỢP\s+NHẤT", re.IGNORECASE)
_NUMBER_LINE_RE = re.compile(r"^số\s*:\s*\d+[^\s]*/", re.IGNORECASE)  # "Số: 23/VBHN-VPQH"
# "… đã được Hội đồng nhân dân thành phố Đà Nẵng khóa X, kỳ họp … thông qua"
_ADOPTED_BY_RE = re.compile(
    r"được\s+(?P<organ>(?:hội\s+đồng\s+nhân\s+dân|quốc\s+hội|ủy\s+ban\s+thường\s+vụ)[^,;]*?)"
    r"(?=\s*(?:,|khóa|khoá|kỳ\s+họp|nhiệm\s+kỳ|thông\s+qua))",
    re.IGNORECASE,
)
_LOOKAHEAD = 8  # lines after an attachment title in which "(kèm theo …)" must appear
# Normative types that older texts wrote without articles (roman groups, numbered items).
_NO_ARTICLE_TYPES = {"Thông tư", "Thông tư liên tịch", "Chỉ thị", "Quyết định", "Nghị quyết"}


@dataclass
class _Attachment:
    kind: str  # "regulation" or "appendix"
    title_start: int  # line index of the title
    body_start: int  # first line index of the body
    title: str | None
    num: str | None


def _strong_structure(s: str) -> bool:
    m = ARTICLE_RE.match(s)
    if m and (not m.group("rest") or m.group("rest")[0].isupper()):
        return m.group("bare") is None or m.group("num") == "1"
    m = CHAPTER_RE.match(s)
    if m and (m.group("rest2") is None or is_upper_line(m.group("rest2"))):
        return True
    return bool(PART_RE.match(s))


@cache
def _attachment_kinds() -> dict[str, str]:
    return {upper_key(k): v for k, v in vocab()["attachments"].items()}


def _attachment_at(lines: Sequence[Line], i: int, after_closing: bool) -> _Attachment | None:
    """An attached text starting at line ``i``, or None."""
    s = lines[i].text
    if len(s) > 160:
        return None  # attachment titles are short lines
    key = upper_key(s).rstrip(":")
    kinds = _attachment_kinds()
    am = _APPENDIX_RE.match(s)
    generic = False
    first_words = next(
        (k for k, v in kinds.items() if v == "regulation" and key.startswith(k + " ")), None
    )
    if key in kinds and is_upper_line(s):
        kind = kinds[key]
    elif am and (is_upper_line(s[:7]) or after_closing):
        kind = "appendix"
    elif first_words and is_upper_line(s) and len(s) <= 120:
        # "QUY CHẾ LÀM VIỆC MẪU" on one line: only with "kèm theo" under an upper-case block
        kind, generic = "regulation", True
    else:
        return None
    # look for "(Ban hành) kèm theo …" in the next lines
    j, seen = i + 1, 0
    title_parts: list[str] = []
    if am and am.group("rest"):
        title_parts.append((lines[i].orig or s)[am.start("rest") : am.end("rest")])
    while j < len(lines) and seen < _LOOKAHEAD:
        t = lines[j].text
        if t:
            seen += 1
            if ATTACHED_RE.match(t):
                k = j
                while k < len(lines) and ")" not in lines[k].text and k < j + 4:
                    k += 1
                body = min(k + 1, len(lines))
                num = am.group("num") if am else None
                title = collapse_ws(" ".join(title_parts)) or None
                return _Attachment(kind, i, body, title, num)
            if _strong_structure(t):
                break
            if generic and not (is_upper_line(t) or SEPARATOR_RE.match(t)):
                return None
            title_parts.append(lines[j].orig or t)
        j += 1
    if after_closing and not generic:
        num = am.group("num") if am else None
        return _Attachment(kind, i, i + 1, None, num)
    return None


def _closing_at(lines: Sequence[Line], i: int) -> bool:
    """True when line ``i`` opens the closing block (Nơi nhận, signature, adoption)."""
    s = lines[i].text
    if RECIPIENTS_RE.match(s) or _VBHN_CLOSE_RE.match(s) or _NUMBER_LINE_RE.match(s):
        return True
    if is_signature_start(s):
        if SIGN_MODE_RE.match(s.split("  ")[0]):
            return True
        # a bare title ("CHỦ TỊCH NƯỚC") may also be a chapter heading: want a name or
        # another signature line right after it
        nxt = [ln.text for ln in lines[i + 1 : i + 8] if ln.text][:3]
        return any(
            looks_like_name(t) or is_signature_start(t) or _SIGNED_RE.match(t) for t in nxt
        ) and not any(_strong_structure(t) for t in nxt[:1])
    m = ADOPTION_RE.match(s)
    return bool(m) and "hiệu lực" not in s.lower()


def _issuer_lines_before(lines: Sequence[Line], i: int, floor: int) -> int:
    """Move a closing start back over an issuer line printed above it ("VĂN PHÒNG QUỐC HỘI")."""
    j = i - 1
    while j > floor and not lines[j].text:
        j -= 1
    if j > floor and is_upper_line(lines[j].text) and format_issuer(lines[j].text):
        return j
    return i


def _find_body_start(lines: Sequence[Line]) -> tuple[int, int, int | None]:
    """(header end, body start, enacting-formula line) as line indexes."""
    first_struct = next(
        (i for i, ln in enumerate(lines) if ln.text and _strong_structure(ln.text)),
        len(lines),
    )
    enact = None
    for i in range(first_struct):
        s = lines[i].text
        m = ENACTING_RE.match(s) if s else None
        if m and not BASIS_RE.match(s) and not (m.group("plain") and is_upper_line(s)):
            enact = i  # an upper-case "QUYẾT ĐỊNH" without colon is the type line
    first_item = next(
        (
            i
            for i in range(first_struct)
            if lines[i].text and (BASIS_RE.match(lines[i].text) or PROPOSER_RE.match(lines[i].text))
        ),
        None,
    )
    body_start = enact + 1 if enact is not None else first_struct
    if enact is None and first_struct == len(lines):
        # no articles at all: the body starts after the last preamble item ("… như sau:")
        last_item = max(
            (i for i, ln in enumerate(lines)
             if ln.text and (BASIS_RE.match(ln.text) or PROPOSER_RE.match(ln.text))),
            default=None,
        )
        if last_item is not None:
            body_start = last_item + 1
            nxt = next((j for j in range(body_start, len(lines)) if lines[j].text), None)
            if nxt is not None and lines[nxt].text.rstrip().endswith("như sau:"):
                body_start = nxt + 1
    if first_item is not None and first_item < body_start:
        header_end = first_item
    else:
        header_end = enact if enact is not None else first_struct
    return header_end, body_start, enact


def _is_legal(raw: RawText) -> tuple[bool, str] | None:
    try:
        from thpl_nlp.ingest.detect import is_legal_document
    except ImportError:
        return None
    ok, why = is_legal_document(raw.text)
    return bool(ok), why


def parse_raw(raw: RawText, strict: bool = True) -> LegalDocument:
    """Parse a :class:`RawText` into a :class:`LegalDocument` (metadata, bases, provisions).

    With ``strict`` (the default) a text that is not a legal normative document raises
    ``ThplError("E111")``; otherwise it is parsed with an E111 warning.

    >>> from thpl_nlp.models import RawText
    >>> raw = RawText(source="qd.txt", fmt="txt", text="QUYẾT ĐỊNH\\nVề việc thử\\n"
    ...     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\\n"
    ...     "QUYẾT ĐỊNH:\\nĐiều 1. Quyết định này có hiệu lực kể từ ngày 01 tháng 7 năm 2021.")
    >>> doc = parse_raw(raw)
    >>> doc.doc_type, doc.title, len(doc.bases), doc.effective_on.isoformat()
    ('Quyết định', 'Về việc thử', 1, '2021-07-01')
    """
    text = raw.text
    mtext = raw.match_text
    lines = split_lines(mtext, text)
    doc = LegalDocument(source=raw.source, raw=raw)
    warnings = doc.warnings
    page_at = raw.page_at if raw.pages else None

    header_end, body_start, enact = _find_body_start(lines)
    h = parse_header(lines[:header_end])
    doc.number, doc.doc_type, doc.issuer = h.number, h.doc_type, h.issuer
    doc.place, doc.issued_on = h.place, h.issued_on
    if h.title_span:
        title = collapse_ws(text[h.title_span[0] : h.title_span[1]]).strip(" _-")
        doc.title = title[:1].upper() + title[1:]
    if doc.issuer is None:
        doc.issuer = _issuer_from_formula(lines[max(header_end, 0) : body_start])
    if doc.issuer and doc.title:
        doc.issuer = complete_issuer(doc.issuer, doc.title)
    preamble_end = enact if enact is not None else body_start
    bases, proposer = parse_preamble(text, lines[header_end:preamble_end])
    doc.bases, doc.proposer = bases, proposer

    # --- body, closing and attachments -----------------------------------------------
    regions: list[tuple[str, int, int, _Attachment | None]] = []  # (role, start, end, att)
    role, start = "body", body_start
    att: _Attachment | None = None
    i = body_start
    while i < len(lines):
        s = lines[i].text
        if not s:
            i += 1
            continue
        new_att = _attachment_at(lines, i, role == "closing")
        if new_att is not None and (role == "closing" or i > body_start):
            regions.append((role, start, i, att))
            att = new_att
            role, start = ("appendix" if new_att.kind == "appendix" else "body"), new_att.body_start
            i = new_att.body_start
            continue
        if role == "body" and _closing_at(lines, i):
            i = _issuer_lines_before(lines, i, start)
            regions.append((role, start, i, att))
            role, start = "closing", i
        i += 1
    regions.append((role, start, len(lines), att))

    n_reg = n_app = 0
    closing_done = False
    for role, a, b, region_att in regions:
        region_lines = lines[a:b]
        if role == "body":
            prefix = ""
            if region_att is not None:
                n_reg += 1
                prefix = f"att_{n_reg}__"
                doc.attachments.append(
                    _att_record(f"att_{n_reg}", region_att, lines, b)
                )
            doc.provisions.extend(build_tree(text, region_lines, page_at, prefix, warnings))
        elif role == "appendix" and region_att is not None:
            n_app += 1
            doc.provisions.append(_appendix(n_app, region_att, lines, b, page_at))
            doc.attachments.append(_att_record(f"appendix_{n_app}", region_att, lines, b))
        elif role == "closing":
            recipients, sig = parse_closing(region_lines)
            if not closing_done and (recipients or sig):
                doc.recipients, doc.signature = recipients, sig
                closing_done = True
            _closing_facts(doc, region_lines)

    _meta_fallback(doc, raw.meta)
    if doc.number and "/VBHN-" in doc.number:
        doc.doc_type = "Văn bản hợp nhất"  # the number is printed at the end of a VBHN

    # --- effective date ----------------------------------------------------------------
    main_end = next(
        (lines[at.title_start].start for _r, _a, _b, at in regions if at is not None), len(text)
    )
    doc.effective_on, doc.effect_clause = find_effective(
        mtext,
        doc.issued_on,
        lines[body_start].start if body_start < len(lines) else 0,
        main_end,
        doc_type=doc.doc_type if doc.doc_type != "Văn bản hợp nhất" else None,
    )

    # --- checks ------------------------------------------------------------------------
    n_articles = sum(1 for p in doc.iter_provisions() if p.kind == "article")
    verdict = _is_legal(raw)
    if verdict is None:
        legal = bool(n_articles) or bool(doc.bases) or doc.doc_type is not None
        why = ""
    else:
        legal, why = verdict
        if not legal and "điều khoản" in why and n_articles >= 2 and doc.doc_type:
            legal = True  # articles the detector's pattern misses ("Điều 1 Phạm vi …")
        if not legal and "tên loại" in why and n_articles >= 3:
            legal = True  # a later part of a code split over files: articles, no type line
        if not legal and "điều khoản" in why and doc.doc_type in _NO_ARTICLE_TYPES and (
            doc.bases or doc.doc_type == "Chỉ thị"
        ):
            legal = True  # Thông tư, Chỉ thị… of the old style: legal bases but no articles
    if not legal:
        detail = f" ({why.rstrip('.')})" if why else ""
        if strict:
            raise ThplError("E111", raw.source, detail)
        warnings.append(ThplError("E111", detail=detail).message)
    if doc.number is None and doc.doc_type not in ("Hiến pháp",):
        warnings.append(warning("W201"))
    if doc.issued_on is None:
        warnings.append(warning("W202"))
    if doc.doc_type is None:
        warnings.append(warning("W203"))
    return doc


_FORMULA_VERB_RE = re.compile(
    r"\s+(?:ban\s+hành|hướng\s+dẫn|quy\s+định|quyết\s+định|chỉ\s+thị)\b", re.IGNORECASE
)


def _issuer_from_formula(lines: Sequence[Line]) -> str | None:
    """Issuer named by the enacting formula: "Bộ Tài chính hướng dẫn … như sau:"."""
    for ln in reversed(lines):
        s = ln.orig or ln.text
        if not s or BASIS_RE.match(ln.text) or PROPOSER_RE.match(ln.text):
            continue
        m = _FORMULA_VERB_RE.search(s)
        if m and m.start() <= 80:
            name = format_issuer(s[: m.start()])
            if name:
                return name
    return None


def _meta_fallback(doc: LegalDocument, meta: dict) -> None:
    """Fill number / type / issue date from a YAML header the reader found, when the text
    itself does not print them (web copies with the header block lost)."""
    import datetime as dt

    if not meta:
        return
    number = meta.get("so_hieu") or meta.get("number")
    if doc.number is None and isinstance(number, str) and "/" in number:
        doc.number = canonical_number(number)
    kind = meta.get("loai_van_ban") or meta.get("doc_type")
    if doc.doc_type is None and isinstance(kind, str) and kind.strip():
        doc.doc_type = kind.strip()
    issued = meta.get("ngay_ban_hanh") or meta.get("issued_on")
    if doc.issued_on is None and issued:
        try:
            doc.issued_on = dt.date.fromisoformat(str(issued)[:10])
        except ValueError:
            pass


def _closing_facts(doc: LegalDocument, lines: Sequence[Line]) -> None:
    """Issue date from the adoption formula, number/date printed at the end (VBHN)."""
    for ln in lines:
        s = ln.text
        if not s:
            continue
        if ADOPTION_RE.match(s):
            dm = DATE_RE.search(s)
            if dm and doc.issued_on is None:
                doc.issued_on = date_from_match(dm)
            om = _ADOPTED_BY_RE.search(s)
            if om and doc.issuer is None:
                doc.issuer = format_issuer(om.group("organ"))
        if doc.number is None:
            m = NUMBER_RE.search(s)
            if m and s.lower().startswith("số"):
                doc.number = canonical_number(m.group("num"))
        if doc.issued_on is None:
            dm = DATE_RE.search(s)
            pm = PLACE_DATE_RE.search(s)
            if dm and pm:
                doc.issued_on = date_from_match(dm)
                doc.place = doc.place or collapse_ws(pm.group("place"))


def _att_record(eid: str, att: _Attachment, lines: Sequence[Line], end_line: int) -> dict:
    end = _last_end(lines, att.title_start, end_line)
    return {
        "eid": eid,
        "kind": att.kind,
        "name": collapse_ws(lines[att.title_start].orig or lines[att.title_start].text),
        "title": att.title,
        "start": lines[att.title_start].start,
        "end": end,
    }


def _last_end(lines: Sequence[Line], a: int, b: int) -> int:
    for ln in reversed(lines[a:b]):
        if ln.text:
            return ln.end
    return lines[a].end


def _appendix(
    n: int, att: _Attachment, lines: Sequence[Line], end_line: int, page_at
) -> Provision:
    start = lines[att.title_start].start
    return Provision(
        eid=f"appendix_{n}",
        kind="appendix",
        num=att.num,
        start=start,
        end=_last_end(lines, att.title_start, end_line),
        heading=att.title,
        page=page_at(start) if page_at else None,
    )
