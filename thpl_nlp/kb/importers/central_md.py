"""Importer of the 2025 laws copied from web pages (``central/2025/*.md``).

Noisy copies: menus before and after, Markdown marks, split lines. Lines are cleaned of marks,
rejoined unless a new article, clause ("2.") or point ("a)") starts, and cut into articles.
The number comes from the file name (``64-2025-QH15.md`` → 64/2025/QH15).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from thpl_nlp.kb.importers import FactRec, Problem, Record, Unit
from thpl_nlp.kb.importers.common import article_records
from thpl_nlp.kb.textutil import canon_number

ARTICLE_RE = re.compile(r"^Điều\s+(?P<num>\d+[a-zđ]?)\s*\.?\s*(?P<heading>.*)$")
NEW_LINE_RE = re.compile(
    r"^(?:Điều\s+\d+|Chương\s+[IVXLC]+|Mục\s+\d+|\d{1,3}\.\s|[a-zđ]\)\s|[-+]\s)"
)
# the adopting sentence ends the law; what follows is the page footer
END_RE = re.compile(r"thông\s+qua\s+ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")


def units(corpus: Path) -> list[Unit]:
    d = corpus / "central" / "2025"
    files = sorted(d.glob("*.md")) if d.is_dir() else []
    return [Unit(f"central/2025/{f.name}", "central_md", [f], lambda f=f: load(f))
            for f in files]


def clean_lines(text: str) -> list[str]:
    out: list[str] = []
    for raw in text.splitlines():
        line = re.sub(r"[*_#>`]+", "", raw).replace("\u00a0", " ").strip()
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        if not line:
            continue
        if out and not NEW_LINE_RE.match(line) and not out[-1].endswith((":", ".", ";")):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def load(path: Path) -> Iterator[Record]:
    stem = path.stem
    number = canon_number(re.sub(r"^(\d+)-(\d{4})-", r"\1/\2/", stem))
    if not number:
        yield Problem(f"{path}: không suy ra được số hiệu từ tên tệp; đã bỏ qua.")
        return
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError) as e:
        yield Problem(f"{path}: không đọc được tệp ({e}); đã bỏ qua.")
        return
    lines = clean_lines(text)
    articles: list[tuple[str, str | None, str]] = []
    cur: list = []
    for line in lines:
        m = ARTICLE_RE.match(line)
        if m:
            if cur:
                articles.append((cur[0], cur[1], "\n".join(cur[2])))
            cur = [f"art_{m.group('num')}", m.group("heading").strip() or None, []]
            continue
        if cur:
            cur[2].append(line)
            if END_RE.search(line):
                articles.append((cur[0], cur[1], "\n".join(cur[2])))
                cur = []
                break
    if cur:
        articles.append((cur[0], cur[1], "\n".join(cur[2])))
    if not articles:
        yield Problem(f"{path}: không tìm thấy điều khoản nào; đã bỏ qua.")
        return
    head = "\n".join(lines[:60])
    typ = "Nghị định" if "NĐ-CP" in number else "Nghị quyết" if re.search(
        r"^NGHỊ QUYẾT", head, re.M) else "Luật"
    yield FactRec(number, "doc_type", typ, f"{number} ({path.name})", "own_text")
    yield from article_records(number, articles, source=str(path.name), source_kind="own_text")
