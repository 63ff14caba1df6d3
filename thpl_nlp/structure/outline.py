"""A readable, indented outline of a parsed document (Vietnamese labels).

>>> from thpl_nlp.models import RawText
>>> from thpl_nlp.structure import parse_raw
>>> doc = parse_raw(RawText(source="a.txt", fmt="txt",
...     text="NGHỊ QUYẾT\\nVề thử nghiệm\\nĐiều 1. Phạm vi\\n1. Khoản một."))
>>> print("\\n".join(to_outline(doc).splitlines()[3:6]))
Nội dung:
  Điều 1. Phạm vi  [art_1]
    Khoản 1. Khoản một.  [art_1__para_1]
"""

from __future__ import annotations

import datetime as dt

from thpl_nlp.models import LegalDocument, Provision
from thpl_nlp.structure.akn import label, own_lines
from thpl_nlp.structure.lines import collapse_ws

_WIDTH = 90


def _date(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else "không rõ"


def _snip(s: str, width: int = _WIDTH) -> str:
    s = collapse_ws(s)
    return s if len(s) <= width else s[: width - 1].rstrip() + "…"


def _line(doc: LegalDocument, p: Provision, depth: int) -> str:
    pad = "  " * depth
    if p.kind == "appendix":
        head = f"Phụ lục {p.num or ''}".strip()
        return f"{pad}{head}: {_snip(p.heading or '')}  [{p.eid}]"
    lab = label(p)
    if p.kind == "clause":
        lab = f"Khoản {p.num}."
    elif p.kind == "point":
        lab = f"Điểm {p.num})"
    if p.heading:
        return f"{pad}{lab} {p.heading}  [{p.eid}]"
    own = own_lines(doc.raw.text, p)
    return f"{pad}{lab} {_snip(own[0]) if own else ''}".rstrip() + f"  [{p.eid}]"


def to_outline(doc: LegalDocument) -> str:
    """Indented outline: metadata, legal bases, provisions (eIds in brackets), signature.

    >>> from thpl_nlp.models import RawText
    >>> from thpl_nlp.structure import parse_raw
    >>> doc = parse_raw(RawText(source="nq.txt", fmt="txt",
    ...     text="NGHỊ QUYẾT\\nVề phí tham quan\\nĐiều 1. Mức thu\\n1. Người lớn: 20.000 đồng."))
    >>> to_outline(doc).splitlines()[1]
    'Trích yếu: Về phí tham quan'
    """
    out = [
        f"{doc.doc_type or 'Văn bản'} số {doc.number or '(không rõ)'}"
        f" ngày {_date(doc.issued_on)} — {doc.issuer or 'không rõ cơ quan ban hành'}",
    ]
    if doc.title:
        out.append(f"Trích yếu: {doc.title}")
    out.append(f"Hiệu lực: {_date(doc.effective_on)}")
    if doc.bases:
        out.append(f"Căn cứ ban hành ({len(doc.bases)}):")
        for i, b in enumerate(doc.bases, 1):
            out.append(f"  [basis_{i}] {_snip(b.text)}")
    if doc.proposer:
        out.append(f"Đề nghị: {_snip(doc.proposer)}")
    out.append("Nội dung:")
    atts = {a["eid"] + "__": a for a in doc.attachments}
    shown: set[str] = set()

    def walk(p: Provision, depth: int) -> None:
        if p.kind == "paragraph":
            return
        out.append(_line(doc, p, depth))
        for c in p.children:
            walk(c, depth + 1)

    for p in doc.provisions:
        prefix = next((k for k in atts if p.eid.startswith(k)), None)
        if prefix and prefix not in shown:
            shown.add(prefix)
            a = atts[prefix]
            out.append(f"{a.get('name') or 'Văn bản kèm theo'}: {_snip(a.get('title') or '')}")
        walk(p, 2 if prefix else 1)
    if doc.signature:
        s = doc.signature
        role = " ".join(x for x in (s.mode, s.on_behalf_of, s.title) if x)
        out.append(f"Người ký: {s.signer or 'không rõ'} ({role})")
    if doc.recipients:
        out.append(f"Nơi nhận: {'; '.join(doc.recipients)}")
    if doc.warnings:
        out.append("Cảnh báo:")
        out.extend(f"  {w}" for w in doc.warnings)
    return "\n".join(out)
