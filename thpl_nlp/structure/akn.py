"""Akoma Ntoso 3.0 export of a :class:`LegalDocument`, and the text back from it.

:func:`to_akn` writes ``<meta>`` (FRBR identification, lifecycle, references),
``<preface>`` (issuer, number, place and date, type, title), ``<preamble>`` (each legal
basis a ``<citation>`` with its ``basis_N`` eId, the proposer a ``<recital>``), ``<body>``
(the provision tree with the contract eIds), ``<conclusions>`` (recipients, signature) and
``<attachments>`` (attached regulations and appendices with their tables).
:func:`akn_to_text` renders the XML back to plain text, so a round trip
``parse_raw(akn_to_text(to_akn(doc)))`` can be checked against ``doc``.

>>> from thpl_nlp.models import RawText
>>> from thpl_nlp.structure import parse_raw
>>> doc = parse_raw(RawText(source="a.txt", fmt="txt",
...     text="NGHỊ QUYẾT\\nVề thử nghiệm\\nĐiều 1. Phạm vi\\n1. Khoản một."))
>>> xml = to_akn(doc)
>>> 'eId="art_1__para_1"' in xml
True
>>> print(akn_to_text(xml).splitlines()[-2:])
['Điều 1. Phạm vi', '1. Khoản một.']
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from thpl_nlp.models import LegalDocument, Provision
from thpl_nlp.structure.lines import collapse_ws
from thpl_nlp.structure.patterns import (
    ARTICLE_RE,
    ATTACHED_RE,
    CHAPTER_RE,
    CLAUSE_RE,
    PART_RE,
    POINT_RE,
    SECTION_RE,
)

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ET.register_namespace("", NS)

_ELEMENT = {
    "part": "part",
    "chapter": "chapter",
    "section": "section",
    "subsection": "subsection",
    "article": "article",
    "clause": "paragraph",
    "point": "point",
    "paragraph": "subparagraph",
}
_KIND_OF = {v: k for k, v in _ELEMENT.items()}
_LABEL_RE = {
    "part": PART_RE,
    "chapter": CHAPTER_RE,
    "section": SECTION_RE,
    "subsection": SECTION_RE,
    "article": ARTICLE_RE,
    "clause": CLAUSE_RE,
    "point": POINT_RE,
}


def label(p: Provision) -> str:
    """The printed label of a node: "Chương II", "Điều 5.", "2.", "a)".

    >>> label(Provision(eid="art_5", kind="article", num="5", start=0, end=0))
    'Điều 5.'
    """
    return {
        "part": f"Phần {p.num}",
        "chapter": f"Chương {p.num}",
        "section": f"Mục {p.num}",
        "subsection": f"Tiểu mục {p.num}",
        "article": f"Điều {p.num}.",
        "clause": f"{p.num}.",
        "point": f"{p.num})",
    }.get(p.kind, "")


def own_lines(text: str, p: Provision) -> list[str]:
    """Lines of a node's own text: after its label and heading, before its first child."""
    end = p.children[0].start if p.children else p.end
    lines = [ln.strip() for ln in text[p.start : end].split("\n") if ln.strip()]
    if not lines:
        return []
    rx = _LABEL_RE.get(p.kind)
    if rx is not None:
        m = rx.match(lines[0])
        first = ""
        if m:
            groups = m.groupdict()
            first = (groups.get("rest") or groups.get("rest2") or "").strip()
        lines = ([first] if first else []) + lines[1:]
    if p.heading:
        acc = ""
        while lines:
            nxt = collapse_ws(f"{acc} {lines[0]}")
            if not p.heading.startswith(nxt):
                break
            acc = nxt
            lines.pop(0)
    return lines


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{NS}}}{tag}", {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _node(parent: ET.Element, text: str, p: Provision) -> None:
    el = _sub(parent, _ELEMENT[p.kind], eId=p.eid)
    if p.kind != "paragraph":
        _sub(el, "num", label(p))
    if p.heading:
        _sub(el, "heading", p.heading)
    own = own_lines(text, p)
    if p.children:
        if own:
            intro = _sub(el, "intro")
            for ln in own:
                _sub(intro, "p", ln)
        for c in p.children:
            _node(el, text, c)
    else:
        content = _sub(el, "content")
        for ln in own or [""]:
            _sub(content, "p", ln)


def _tables(parent: ET.Element, doc: LegalDocument, start: int, end: int) -> None:
    for t in doc.raw.tables:
        if start <= t.start < end:
            table = _sub(parent, "table")
            for row in t.rows:
                tr = _sub(table, "tr")
                for cell in row:
                    _sub(_sub(tr, "td"), "p", cell)


def to_akn(doc: LegalDocument) -> str:
    """Akoma Ntoso 3.0 XML (a string) for ``doc``; eIds are those of the contract.

    >>> from thpl_nlp.models import RawText
    >>> from thpl_nlp.structure import parse_raw
    >>> doc = parse_raw(RawText(source="nq.txt", fmt="txt",
    ...     text="NGHỊ QUYẾT\\nVề phí tham quan\\nĐiều 1. Mức thu\\n1. Người lớn: 20.000 đồng."))
    >>> '<paragraph eId="art_1__para_1">' in to_akn(doc)
    True
    """
    text = doc.raw.text
    root = ET.Element(f"{{{NS}}}akomaNtoso")
    act = _sub(root, "act", name=_slug(doc.doc_type or "van-ban"))
    _meta(act, doc)

    preface = _sub(act, "preface")
    if doc.issuer:
        _sub(_sub(preface, "p", **{"class": "issuer"}), "docAuthority", doc.issuer)
    if doc.number:
        p = _sub(preface, "p", "Số: ")
        _sub(p, "docNumber", doc.number)
    if doc.issued_on:
        p = _sub(preface, "p")
        if doc.place:
            _sub(p, "location", doc.place, refersTo="#place").tail = ", "
        d = doc.issued_on
        _sub(p, "docDate", f"ngày {d.day:02d} tháng {d.month} năm {d.year}", date=d.isoformat())
    if doc.doc_type:
        _sub(_sub(preface, "p"), "docType", doc.doc_type.upper())
    if doc.title:
        _sub(_sub(preface, "p"), "docTitle", doc.title)

    if doc.bases or doc.proposer:
        preamble = _sub(act, "preamble")
        if doc.bases:
            cits = _sub(preamble, "citations")
            for i, b in enumerate(doc.bases):
                _sub(_sub(cits, "citation", eId=f"basis_{i + 1}"), "p", collapse_ws(b.text))
        if doc.proposer:
            recs = _sub(preamble, "recitals")
            _sub(_sub(recs, "recital", eId="recital_1"), "p", doc.proposer)
        if doc.doc_type:
            _sub(preamble, "formula", name="enactingFormula").append(
                _p(_enacting(doc.doc_type))
            )

    body = _sub(act, "body")
    main = [p for p in doc.provisions if not _attached(p)]
    for p in main:
        _node(body, text, p)
    if not main:
        _sub(_sub(body, "hcontainer", name="empty"), "content").append(_p(""))

    if doc.recipients or doc.signature:
        concl = _sub(act, "conclusions")
        if doc.signature:
            block = _sub(concl, "container", name="signature", eId="signature")
            sig = _sub(_sub(block, "p"), "signature")
            s = doc.signature
            if s.signer:
                _sub(sig, "person", s.signer, refersTo="#signer")
            for part in (f"{s.mode or ''} {s.on_behalf_of or ''}".strip(), s.title):
                if part:
                    _sub(sig, "role", part, refersTo="#signerRole")
        if doc.recipients:
            block = _sub(concl, "container", name="recipients", eId="recipients")
            _sub(block, "p", "Nơi nhận:")
            for r in doc.recipients:
                _sub(block, "p", f"- {r};")

    if doc.attachments:
        atts = _sub(act, "attachments")
        for a in doc.attachments:
            att = _sub(atts, "attachment", eId=a["eid"])
            if a["kind"] == "appendix":
                d = _sub(att, "doc", name="appendix")
                _meta(d, doc, component=a["eid"])
                pre = _sub(d, "preface")
                _sub(_sub(pre, "p"), "docType", a.get("name") or "PHỤ LỤC")
                if a.get("title"):
                    _sub(_sub(pre, "p"), "docTitle", a["title"])
                mb = _sub(d, "mainBody")
                node = next((p for p in doc.provisions if p.eid == a["eid"]), None)
                lines = own_lines(text, node)[1:] if node else []
                cut = next((i for i, ln in enumerate(lines[:8]) if ATTACHED_RE.match(ln)), None)
                lines = lines[cut + 1 :] if cut is not None else lines
                _sub(pre, "p", "(Kèm theo văn bản này)", **{"class": "attachedTo"})
                for ln in lines:
                    _sub(mb, "p", ln)
                _tables(mb, doc, a["start"], a["end"])
                if not len(mb):
                    _sub(mb, "p", "")
            else:
                sub = _sub(att, "act", name="regulation")
                _meta(sub, doc, component=a["eid"])
                pre = _sub(sub, "preface")
                _sub(_sub(pre, "p"), "docType", a.get("name") or "QUY ĐỊNH")
                if a.get("title"):
                    _sub(_sub(pre, "p"), "docTitle", a["title"])
                _sub(pre, "p", "(Ban hành kèm theo văn bản này)", **{"class": "attachedTo"})
                b = _sub(sub, "body")
                prefix = a["eid"] + "__"
                for p in doc.provisions:
                    if p.eid.startswith(prefix):
                        _node(b, text, p)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def _p(text: str) -> ET.Element:
    el = ET.Element(f"{{{NS}}}p")
    el.text = text
    return el


def _enacting(doc_type: str) -> str:
    return {"Nghị quyết": "QUYẾT NGHỊ:", "Quyết định": "QUYẾT ĐỊNH:"}.get(doc_type, "")


def _attached(p: Provision) -> bool:
    return p.eid.startswith("att_") or p.kind == "appendix"


def _slug(s: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _meta(act: ET.Element, doc: LegalDocument, component: str = "main") -> None:
    meta = _sub(act, "meta")
    ident = _sub(meta, "identification", source="#thpl")
    date = doc.issued_on.isoformat() if doc.issued_on else "0001-01-01"
    number = _slug(doc.number) if doc.number else _slug(doc.source)  # no "/" inside a URI part
    uri = f"/akn/vn/act/{_slug(doc.doc_type or 'van-ban')}/{date}/{number}"
    for level, suffix in (("FRBRWork", ""), ("FRBRExpression", "/vie@"), ("FRBRManifestation",
                                                                           "/vie@/main.xml")):
        el = _sub(ident, level)
        _sub(el, "FRBRthis", value=uri + (suffix or "") + f"/!{component}")
        _sub(el, "FRBRuri", value=uri + suffix)
        _sub(el, "FRBRdate", date=date, name="issued" if doc.issued_on else "unknown")
        _sub(el, "FRBRauthor", href="#issuer")
        if level == "FRBRWork":
            _sub(el, "FRBRcountry", value="vn")
            if doc.number:
                _sub(el, "FRBRnumber", value=doc.number)
            if doc.doc_type:
                _sub(el, "FRBRname", value=doc.doc_type)
        if level == "FRBRExpression":
            _sub(el, "FRBRlanguage", language="vie")
    if component != "main":
        return
    life = _sub(meta, "lifecycle", source="#thpl") if doc.issued_on or doc.effective_on else None
    if life is not None and doc.issued_on:
        _sub(life, "eventRef", date=doc.issued_on.isoformat(), eId="evt_issued",
             source="#original", type="generation")
    if life is not None and doc.effective_on:
        _sub(life, "eventRef", date=doc.effective_on.isoformat(), eId="evt_effective",
             source="#original", type="generation")
    refs = _sub(meta, "references", source="#thpl")
    _sub(refs, "TLCOrganization", eId="thpl", href="/ontology/organization/thpl-nlp",
         showAs="thpl-nlp")
    _sub(refs, "TLCReference", eId="original", href=doc.source, showAs=doc.source,
         name="source")
    if doc.place:
        _sub(refs, "TLCLocation", eId="place", href=f"/ontology/location/vn/{_slug(doc.place)}",
             showAs=doc.place)
    if doc.signature and (doc.signature.title or doc.signature.on_behalf_of):
        role = doc.signature.title or doc.signature.on_behalf_of or ""
        _sub(refs, "TLCRole", eId="signerRole", href=f"/ontology/role/vn/{_slug(role)}",
             showAs=role)
    if doc.issuer:
        _sub(refs, "TLCOrganization", eId="issuer",
             href=f"/ontology/organization/vn/{_slug(doc.issuer)}", showAs=doc.issuer)
    if doc.signer:
        _sub(refs, "TLCPerson", eId="signer", href=f"/ontology/person/vn/{_slug(doc.signer)}",
             showAs=doc.signer)


# --- back to text --------------------------------------------------------------------------


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _text_of(el: ET.Element) -> str:
    return collapse_ws("".join(el.itertext()))


def _hier_lines(el: ET.Element, out: list[str]) -> None:
    kind = _KIND_OF.get(el.tag.split("}")[1])
    num = el.find(_q("num"))
    heading = el.find(_q("heading"))
    lab = _text_of(num) if num is not None else ""
    head = _text_of(heading) if heading is not None else ""
    ps = [
        _text_of(p)
        for box in (el.find(_q("intro")), el.find(_q("content")))
        if box is not None
        for p in box.findall(_q("p"))
    ]
    ps = [p for p in ps if p]
    if kind in ("part", "chapter", "section", "subsection"):
        out.append(lab)
        if head:
            out.append(head)
        out.extend(ps)
    elif kind == "article":
        out.append(f"{lab} {head}".strip())
        out.extend(ps)
    elif kind in ("clause", "point"):
        out.append(f"{lab} {ps[0]}".strip() if ps else lab)
        out.extend(ps[1:])
    else:
        out.extend(ps)
    for child in el:
        if child.tag.split("}")[1] in _KIND_OF:
            _hier_lines(child, out)


def akn_to_text(xml: str) -> str:
    """Plain text of an Akoma Ntoso document written by :func:`to_akn`.

    >>> from thpl_nlp.models import RawText
    >>> from thpl_nlp.structure import parse_raw
    >>> doc = parse_raw(RawText(source="nq.txt", fmt="txt",
    ...     text="NGHỊ QUYẾT\\nVề phí tham quan\\nĐiều 1. Mức thu\\n1. Người lớn: 20.000 đồng."))
    >>> akn_to_text(to_akn(doc)).splitlines()[-2:]
    ['Điều 1. Mức thu', '1. Người lớn: 20.000 đồng.']
    """
    root = ET.fromstring(xml)
    act = root.find(_q("act"))
    out: list[str] = []
    pre = act.find(_q("preface"))
    if pre is not None:
        for p in pre.findall(_q("p")):
            t = _text_of(p)
            if p.find(_q("docAuthority")) is not None:
                t = t.upper()
            out.append(t)
    preamble = act.find(_q("preamble"))
    if preamble is not None:
        for p in preamble.iter(_q("p")):
            out.append(_text_of(p))
    body = act.find(_q("body"))
    for el in body:
        if el.tag.split("}")[1] in _KIND_OF:
            _hier_lines(el, out)
    concl = act.find(_q("conclusions"))
    if concl is not None:
        rec = concl.find(f"{_q('container')}[@eId='recipients']")
        if rec is not None:
            out.extend(_text_of(p) for p in rec.findall(_q("p")))
        sig = concl.find(f".//{_q('signature')}")
        if sig is not None:
            out.extend(_text_of(r) for r in sig.findall(_q("role")))
            out.extend(_text_of(r) for r in sig.findall(_q("person")))
    atts = act.find(_q("attachments"))
    if atts is not None:
        for att in atts:
            sub = att[0]
            spre = sub.find(_q("preface"))
            out.append("")
            out.extend(_text_of(p) for p in spre.findall(_q("p")))
            sbody = sub.find(_q("body"))
            if sbody is not None:
                for el in sbody:
                    _hier_lines(el, out)
            mb = sub.find(_q("mainBody"))
            if mb is not None:
                out.extend(_text_of(p) for p in mb.iter(_q("p")))
    return "\n".join(out)
