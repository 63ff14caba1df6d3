"""Importer of higher-level documents given as files (PDF, DOC, DOCX, TXT, MD) through the
project's parser (ingest → structure), used by ``thpl kb add``.

A consolidated text (VBHN) speaks for its base law: its relations and effective dates are
recorded for the base law (``Luật này`` in 23/VBHN-VPQH is 80/2015/QH13), found in the
VBHN preamble ("Luật … số 80/2015/QH13 …, có hiệu lực kể từ ngày …").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from thpl_nlp.kb.importers import FactRec, Problem, Record, Unit
from thpl_nlp.kb.importers.common import article_records
from thpl_nlp.kb.textutil import NUMBER_RE, canon_number

# VBHN preamble: "<Luật …> số <base> ngày … của Quốc hội, có hiệu lực kể từ ngày …"
VBHN_BASE_RE = re.compile(
    rf"""số\s+(?P<number>{NUMBER_RE.pattern})[^.;]{{0,200}}?,\s*có\s+hiệu\s+lực""",
    re.VERBOSE,
)


# number in a vbpl.vn file name: "31.VBHN.VPQH", "100.2015.QH13"
FILE_NUMBER_RE = re.compile(r"(?<![\d.])(\d{1,4})\.(?:(\d{4})\.)?(VBHN\.VPQH|QH\d{2})\b")


def units(corpus: Path) -> list[Unit]:
    """Corpus PDFs and .doc files, one unit per document: files sharing the vbpl id prefix
    ("(96122)-…P1.pdf", "…P2.pdf") are the parts of one document; PDFs are preferred to the
    .doc of the same id (same text, better page map)."""
    groups: dict[str, list[Path]] = {}
    for sub in ("pdf", "doc"):
        d = corpus / sub
        for f in sorted(d.glob("*")) if d.is_dir() else []:
            if f.suffix.lower() not in (".pdf", ".doc", ".docx"):
                continue
            m = re.match(r"\((\d+)\)", f.name)
            key = m.group(1) if m else f.stem
            groups.setdefault(key, []).append(f)
    out = []
    for key, files in sorted(groups.items()):
        pdfs = [f for f in files if f.suffix.lower() == ".pdf"]
        chosen = pdfs or files
        out.append(Unit(f"files/{key}", "documents", chosen,
                        lambda chosen=chosen: load_parts(chosen)))
    return out


def load_parts(paths: list[Path]) -> Iterator[Record]:
    """A document given in several files: the number from the part that has one."""
    from thpl_nlp.parse import parse_file

    docs = []
    for p in paths:
        try:
            docs.append((p, parse_file(str(p))))
        except Exception as e:  # noqa: BLE001 - reported, never raised
            yield Problem(f"{p}: không phân tích được văn bản ({e}); đã bỏ qua.")
    number = next((canon_number(d.number) for _, d in docs if d.number), None)
    if not number and docs:
        # vbpl.vn file names carry the number: "(147301)-…_31.VBHN.VPQH.1.pdf"
        m = FILE_NUMBER_RE.search(paths[0].name)
        if m:
            raw = "/".join(g for g in m.groups() if g).replace("VBHN.VPQH", "VBHN-VPQH")
            number = canon_number(raw)
            yield Problem(f"{paths[0]}: không thấy số hiệu trong văn bản; đã lấy số hiệu "
                          f"{number} từ tên tệp. Hãy kiểm tra lại.")
    if not number:
        if docs:
            yield Problem(f"{paths[0]}: không tìm thấy số hiệu văn bản; đã bỏ qua.")
        return
    for p, d in docs:
        d.number = d.number or number
        yield from _records(p, d)


def file_unit(path: Path) -> Unit:
    return Unit(f"added/{path.resolve()}", "documents", [path], lambda: load(path))


def load(path: Path) -> Iterator[Record]:
    from thpl_nlp.parse import parse_file

    try:
        doc = parse_file(str(path))
    except Exception as e:  # noqa: BLE001 - reported, never raised
        yield Problem(f"{path}: không phân tích được văn bản ({e}); đã bỏ qua.")
        return
    yield from _records(path, doc)


def _records(path: Path, doc) -> Iterator[Record]:  # noqa: ANN001 - LegalDocument
    number = canon_number(doc.number) if doc.number else None
    if not number:
        yield Problem(f"{path}: không tìm thấy số hiệu văn bản; đã bỏ qua. Hãy kiểm tra phần "
                      "đầu văn bản.")
        return
    speaker = number
    src = f"{number} ({path.name})"
    if "VBHN" in number:
        m = VBHN_BASE_RE.search(doc.text[:20000])
        if m:
            speaker = canon_number(m.group("number")) or number
            yield FactRec(number, "base_number", speaker, src, "vbhn", m.group(0)[:300])
    for fld, val in (("doc_type", doc.doc_type), ("title", doc.title), ("issuer", doc.issuer),
                     ("issued_on", doc.issued_on), ("effective_on", doc.effective_on)):
        if val:
            v = val.isoformat() if hasattr(val, "isoformat") else str(val)
            yield FactRec(number, fld, v, src, "own_text")
    text = doc.text
    arts = [(p.eid, p.heading, text[p.start : p.end]) for p in doc.iter_provisions()
            if p.kind == "article"]
    kind = "vbhn" if speaker != number else "own_text"
    yield from article_records(speaker, arts, source=str(path), source_kind=kind,
                             provisions=False)
    from thpl_nlp.kb.importers import ProvisionRec

    for eid, heading, body in arts:
        yield ProvisionRec(number, eid, heading, body, str(path), kind)


def add_files(files: list[str], url: str | None, report: Callable[[str], None]) -> int:
    """Import ``files`` into the KB (incremental build with extra units); returns failures."""
    from thpl_nlp.kb.build import build

    failed = 0
    units_ = []
    for f in files:
        p = Path(f)
        if not p.is_file():
            report(f"{f}: [E100] Không tìm thấy tệp hoặc thư mục. Hãy kiểm tra lại đường dẫn.")
            failed += 1
            continue
        units_.append(file_unit(p))
    if units_:
        rep = build(url, extra_units=units_, progress=report)
        for p in rep.problems:
            report(p)
            failed += 1
    return failed
