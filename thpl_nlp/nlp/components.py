"""spaCy components wrapping the regex extractors, under versioned factory names.

spaCy forbids "." in factory names, so the versioned names ``thpl.legal_refs.v1`` … are
spelt ``thpl_legal_refs_v1`` …; the tokenizer lives in a registry that allows dots and keeps
``thpl.vi_tokenizer.v1``.

Each component writes typed spans into ``doc.spans[<group>]`` (label = kind) and the
JSON-able annotation dicts into a ``Doc`` extension attribute, so that documents serialise
with ``Doc.to_bytes``/``DocBin`` and pipelines with ``nlp.to_disk``:

====================  ==================================  =============================
factory               doc.spans groups                    Doc extension
====================  ==================================  =============================
thpl_legal_refs_v1    legal_refs                          doc._.thpl_refs
thpl_pointers_v1      pointers                            doc._.thpl_pointers
thpl_quantities_v1    dates, durations, money,            doc._.thpl_quantities
                      percentages, areas
thpl_agencies_v1      agencies                            doc._.thpl_agencies
thpl_procedure_v1     procedure                           doc._.thpl_procedure
thpl_modality_v1      clauses (label = modality)          doc._.thpl_modality
====================  ==================================  =============================
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from thpl_nlp.models import Reference
from thpl_nlp.nlp.extract.agencies import extract_agencies
from thpl_nlp.nlp.extract.dates import extract_dates
from thpl_nlp.nlp.extract.durations import extract_durations
from thpl_nlp.nlp.extract.modality import KINDS, extract_modality_cues
from thpl_nlp.nlp.extract.money import extract_money
from thpl_nlp.nlp.extract.pointers import extract_pointers
from thpl_nlp.nlp.extract.procedure import extract_procedure_cues
from thpl_nlp.nlp.extract.quantities import extract_areas, extract_percentages
from thpl_nlp.nlp.extract.references import extract_references

for _name in (
    "thpl_refs",
    "thpl_pointers",
    "thpl_quantities",
    "thpl_agencies",
    "thpl_procedure",
    "thpl_modality",
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def doc_text(doc: Doc) -> str:
    """The Doc's text, computed once (``doc.text`` re-joins every token on each access)."""
    text = doc.user_data.get("thpl_text")
    if text is None:
        text = doc.text
        doc.user_data["thpl_text"] = text
    return text


def _spans(doc: Doc, items: Iterable[Any], label_of: Any) -> list[Span]:
    out = []
    for it in items:
        sp = doc.char_span(it.start, it.end, label=label_of(it), alignment_mode="expand")
        if sp is not None:
            out.append(sp)
    return out


@Language.factory(
    "thpl_legal_refs_v1",
    assigns=["doc.spans", "doc._.thpl_refs"],
    requires=["token.text"],
)
def make_legal_refs(nlp: Language, name: str) -> LegalRefs:
    return LegalRefs()


class LegalRefs:
    """Citations of legal documents (:func:`extract_references`)."""

    def __call__(self, doc: Doc) -> Doc:
        refs = list(extract_references(doc_text(doc)))
        doc.spans["legal_refs"] = _spans(doc, refs, lambda r: r.doc_type or "document")
        doc._.thpl_refs = [r.to_dict() for r in refs]
        return doc


@Language.factory(
    "thpl_pointers_v1",
    assigns=["doc.spans", "doc._.thpl_pointers"],
    requires=["doc._.thpl_refs"],
)
def make_pointers(nlp: Language, name: str) -> Pointers:
    return Pointers()


def _ref_from_dict(d: dict[str, Any]) -> Reference:
    import datetime as dt

    issued = dt.date.fromisoformat(d["issued_on"]) if d.get("issued_on") else None
    return Reference(
        d["start"],
        d["end"],
        d["text"],
        doc_type=d.get("doc_type"),
        number=d.get("number"),
        raw_number=d.get("raw_number"),
        issued_on=issued,
        issuer=d.get("issuer"),
        title=d.get("title"),
        warnings=list(d.get("warnings") or []),
        year=d.get("year"),
        internal=bool(d.get("internal")),
    )


class Pointers:
    """Provision pointers with targets and eIds, reusing the citations already found."""

    def __call__(self, doc: Doc) -> Doc:
        refs = [_ref_from_dict(d) for d in (doc._.thpl_refs or [])]
        ptrs = list(
            extract_pointers(
                doc_text(doc), references=refs if doc._.thpl_refs is not None else None
            )
        )
        doc.spans["pointers"] = _spans(doc, ptrs, lambda p: "pointer")
        doc._.thpl_pointers = [p.to_dict() for p in ptrs]
        return doc


@Language.factory(
    "thpl_quantities_v1",
    assigns=["doc.spans", "doc._.thpl_quantities"],
    requires=["token.text"],
)
def make_quantities(nlp: Language, name: str) -> Quantities:
    return Quantities()


class Quantities:
    """Dates, durations, money, percentages and areas."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found = {
            "dates": list(extract_dates(text)),
            "durations": list(extract_durations(text)),
            "money": list(extract_money(text)),
            "percentages": list(extract_percentages(text)),
            "areas": list(extract_areas(text)),
        }
        for group, items in found.items():
            doc.spans[group] = _spans(doc, items, lambda _it, g=group: g)
        doc._.thpl_quantities = {g: [x.to_dict() for x in items] for g, items in found.items()}
        return doc


@Language.factory(
    "thpl_agencies_v1",
    assigns=["doc.spans", "doc._.thpl_agencies"],
    requires=["token.text"],
)
def make_agencies(nlp: Language, name: str) -> Agencies:
    return Agencies()


class Agencies:
    def __call__(self, doc: Doc) -> Doc:
        items = list(extract_agencies(doc_text(doc)))
        doc.spans["agencies"] = _spans(doc, items, lambda a: a.kind)
        doc._.thpl_agencies = [a.to_dict() for a in items]
        return doc


@Language.factory(
    "thpl_procedure_v1",
    assigns=["doc.spans", "doc._.thpl_procedure"],
    requires=["token.text"],
)
def make_procedure(nlp: Language, name: str) -> Procedure:
    return Procedure()


class Procedure:
    def __call__(self, doc: Doc) -> Doc:
        items = list(extract_procedure_cues(doc_text(doc)))
        doc.spans["procedure"] = _spans(doc, items, lambda c: c.kind)
        doc._.thpl_procedure = [c.to_dict() for c in items]
        return doc


@Language.factory(
    "thpl_modality_v1",
    assigns=["doc.spans", "doc._.thpl_modality"],
    requires=["token.text"],
    default_config={"clause_pattern": r"[^\n;]+"},
)
def make_modality(nlp: Language, name: str, clause_pattern: str) -> Modality:
    return Modality(clause_pattern)


class Modality:
    """Deontic label of every clause (a line or ``;``-item) that has a cue."""

    def __init__(self, clause_pattern: str) -> None:
        self.clause_re = re.compile(clause_pattern)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        cues = list(extract_modality_cues(text))  # one pass, then grouped by clause
        spans, dicts = [], []
        k = 0
        for m in self.clause_re.finditer(text):
            while k < len(cues) and cues[k].start < m.start():
                k += 1
            mine = []
            while k < len(cues) and cues[k].end <= m.end():
                mine.append(cues[k])
                k += 1
            if not mine:
                continue
            label = min((c.kind for c in mine), key=KINDS.index)
            sp = doc.char_span(m.start(), m.end(), label=label, alignment_mode="expand")
            if sp is not None:
                spans.append(sp)
            dicts.append(
                {
                    "label": label,
                    "start": m.start(),
                    "end": m.end(),
                    "cues": [c.to_dict() for c in mine],
                }
            )
        doc.spans["clauses"] = spans
        doc._.thpl_modality = dicts
        return doc
