"""Helpers shared by importers: reading an article-structured text into records."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from thpl_nlp.kb.aliases import alias_key, cited_titles
from thpl_nlp.kb.importers import AliasRec, FactRec, ProvisionRec, Record, SourcedRelation
from thpl_nlp.kb.relations import DOC_TYPES, extract_relations
from thpl_nlp.kb.textutil import NUMBER_RE, canon_number, parse_vn_date

# "Luật này có hiệu lực (thi hành) (kể) từ ngày 01 tháng 01 năm 2016"
EFFECT_RE = re.compile(
    rf"""
    ^(?:\d+\.\s*)?(?P<self>{DOC_TYPES})\s+này\s+có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s*,?\s*
    (?:(?:kể\s+)?từ\s+(?:ngày\s+)?(?P<date>\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}
        |\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*\d{{4}})       # explicit date
      |(?P<signed>(?:kể\s+)?từ\s+ngày\s+(?:ký|ban\s+hành|(?:được\s+)?thông\s+qua)))  # signing
    """,
    re.VERBOSE | re.IGNORECASE,
)
# "Luật này đã được Quốc hội … thông qua ngày 19 tháng 6 năm 2015."
PASSED_RE = re.compile(
    r"thông\s+qua\s+ngày\s+(?P<date>\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})", re.IGNORECASE
)


# "<number> ngày <date>": the issue date of a cited document
CITED_DATE_RE = re.compile(
    rf"""(?P<number>{NUMBER_RE.pattern})\s*,?\s+ngày\s+
    (?P<date>\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})""",
    re.VERBOSE,
)


def article_records(
    number: str,
    articles: list[tuple[str, str | None, str]],
    *,
    source: str,
    source_kind: str,
    provisions: bool = True,
) -> Iterator[Record]:
    """Provisions, own-text facts (effective/passed dates), relations and aliases of a text."""
    issued = None
    for eid, heading, body in articles:
        if provisions:
            yield ProvisionRec(number, eid, heading, body, source, source_kind)
        for line in body.split("\n"):
            line = line.strip()
            m = EFFECT_RE.match(line)
            if m:
                if m.group("date"):
                    yield FactRec(number, "effective_on", parse_vn_date(m.group("date")).isoformat()
                                  if parse_vn_date(m.group("date")) else None,
                                  f"{number} {eid}", source_kind, line[:400])
                elif m.group("signed"):
                    yield FactRec(number, "effective_rule", "issued_on", f"{number} {eid}",
                                  source_kind, line[:400])
            p = PASSED_RE.search(line)
            if p and "này" in line[: p.start()]:
                issued = parse_vn_date(p.group("date"))
                if issued:
                    yield FactRec(number, "issued_on", issued.isoformat(), f"{number} {eid}",
                                  source_kind, line[:400])
        for m in CITED_DATE_RE.finditer(body):
            num, day = canon_number(m.group("number")), parse_vn_date(m.group("date"))
            if num and day and num != number:
                yield FactRec(num, "issued_on", day.isoformat(), f"{number} {eid}", "citation",
                              m.group(0)[:200])
        for num, _typ, title, date in cited_titles(body):
            if num == number:
                continue
            yield AliasRec(alias_key(title), num, int(num.split("/")[1]) if _has_year(num)
                           else (date.year if date else None), date)
            yield FactRec(num, "cited_title", title, f"{number} {eid}", "citation", None)
    for r in extract_relations(number, articles):
        yield SourcedRelation(r, source_kind, f"{number} {r.source_eid or ''}".strip())


def _has_year(num: str) -> bool:
    parts = num.split("/")
    return len(parts) >= 3 and parts[1].isdigit() and len(parts[1]) == 4


def article_eid(label: str | None, fallback: str) -> str:
    """``Điều 141`` → ``art_141``; ``Điều 68a`` → ``art_68a``."""
    m = re.search(r"(\d+[a-zđ]?)", label or "")
    return f"art_{m.group(1)}" if m else fallback


def own_title_alias(number: str, title: str) -> Iterable[Record]:
    year = int(number.split("/")[1]) if _has_year(number) else None
    yield AliasRec(alias_key(title), number, year, None)
