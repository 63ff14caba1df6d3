"""The library API of the knowledge base.

>>> kb = KnowledgeBase.open()                        # doctest: +SKIP
>>> kb.status("11/2003/QH11", dt.date(2016, 1, 1)).status   # doctest: +SKIP
'expired'
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from thpl_nlp.kb import store as S
from thpl_nlp.kb.config import default_url, index_dir_for, rank
from thpl_nlp.kb.textutil import canon_number
from thpl_nlp.kb.validity import Doc, Rel, Status, Validity
from thpl_nlp.models import Reference


class _hybrid:
    """A method callable on the class or on an instance (receives either)."""

    def __init__(self, f) -> None:  # noqa: ANN001
        self.f = f

    def __get__(self, obj, cls):  # noqa: ANN001, ANN204
        return functools.partial(self.f, obj if obj is not None else cls)


class KnowledgeBase:
    """Read access to a built KB (and the reverse citation index, which it also writes)."""

    def __init__(self, url: str, *, lazy: bool = False) -> None:
        """``lazy``: read only the rows a question needs (fast start for one-off CLI calls)
        instead of loading the whole validity snapshot on first use."""
        self.url = url
        self.lazy = lazy
        self.engine = S.make_engine(url)
        S.Base.metadata.create_all(self.engine)

    @classmethod
    def open(cls, url: str | None = None, *, lazy: bool = False) -> KnowledgeBase:
        """Open the KB at ``url`` (default: ``THPL_KB_URL`` or ``THPL_HOME/kb.sqlite3``)."""
        return cls(url or default_url(), lazy=lazy)

    @_hybrid
    def exists(self_or_cls, settings=None) -> bool:  # noqa: ANN001, N805
        """True when a build has run (the KB has documents).

        Works on an instance and on the class (``KnowledgeBase.exists(settings)``, the KB at
        the default location).
        """
        if isinstance(self_or_cls, type):
            url = default_url()
            path = S.sqlite_path(url)
            if path is not None and not path.exists():
                return False
            eng = S.make_engine(url)
        else:
            eng = self_or_cls.engine
        try:
            with Session(eng) as s:
                return s.scalar(select(S.Document.number).limit(1)) is not None
        except Exception:  # noqa: BLE001 - no tables yet
            return False

    # --- snapshot --------------------------------------------------------------------------
    @cached_property
    def validity(self) -> Validity:
        if self.lazy:
            return Validity(_LazyDocs(self), _LazyRels(self))
        with Session(self.engine) as s:
            docs = {}
            eff_facts: dict[str, list] = {}
            for row in s.execute(
                select(S.Fact.number, S.Fact.source, S.Fact.evidence, S.Fact.source_kind,
                       S.Fact.value).where(S.Fact.field == "effective_on")):
                eff_facts.setdefault(row.number, []).append(row)
            eff_ev: dict[str, tuple[int, str, str]] = {}
            for d in s.execute(select(S.Document.number, S.Document.effective_on)):
                e = _effective_evidence(eff_facts.get(d.number, []), d.effective_on)
                if e:
                    eff_ev[d.number] = (0, e[0], e[1])
            for d in s.scalars(select(S.Document)):
                e = eff_ev.get(d.number)
                docs[d.number] = _doc_from_row(d, (e[1], e[2]) if e else None)
            rels = [Rel(r.kind, r.source_number, r.target_number, r.source_eid, r.target_eid,
                        bool(r.partial), r.on_date, r.date_rule, r.new_date, r.evidence,
                        r.source, rank(r.source_kind))
                    for r in s.scalars(select(S.Relation).where(
                        S.Relation.target_number.is_not(None)))]
        return Validity(docs, rels)

    @cached_property
    def aliases(self):  # noqa: ANN201 - AliasIndex
        from thpl_nlp.kb.resolver import AliasIndex

        with Session(self.engine) as s:
            return AliasIndex.from_session(s)

    # --- validity --------------------------------------------------------------------------
    def status(self, number: str, as_of: dt.date | None = None) -> Status:
        """Status of document ``number`` at ``as_of`` (default today)."""
        num = canon_number(number) or number
        return self.validity.status(num, as_of or dt.date.today())

    def document(self, number: str) -> S.Document | None:
        with Session(self.engine) as s:
            return s.get(S.Document, canon_number(number) or number)

    def show(self, number: str) -> dict:
        """Everything the KB holds about a document: fields, facts with sources, relations."""
        num = canon_number(number) or number
        with Session(self.engine) as s:
            d = s.get(S.Document, num)
            facts = s.scalars(select(S.Fact).where(S.Fact.number == num)).all()
            out_rel = s.scalars(select(S.Relation).where(S.Relation.source_number == num)).all()
            in_rel = s.scalars(select(S.Relation).where(S.Relation.target_number == num)).all()
            provs = s.execute(select(S.Provision.eid, S.Provision.heading).where(
                S.Provision.number == num)).all()

        def rel(r: S.Relation) -> dict:
            return {"kind": r.kind, "source": r.source_number, "source_eid": r.source_eid,
                    "target": r.target_number, "target_eid": r.target_eid,
                    "partial": bool(r.partial), "on_date": _iso(r.on_date),
                    "date_rule": r.date_rule, "new_date": _iso(r.new_date),
                    "evidence": r.evidence, "from": r.source_kind}

        values: dict[str, dict[str, list[str]]] = {}
        for f in facts:
            if f.source_kind != "citation" and f.value:
                values.setdefault(f.field, {}).setdefault(f.value, []).append(f.source)
        conflicts = {fld: v for fld, v in values.items() if len(v) > 1 and fld in (
            "doc_type", "issued_on", "effective_on", "expiry_on", "issuer", "base_number")}
        return {
            "number": num,
            "known": d is not None,
            "conflicts": conflicts,
            "doc_type": d.doc_type if d else None,
            "title": d.title if d else None,
            "issuer": d.issuer if d else None,
            "issued_on": _iso(d.issued_on) if d else None,
            "effective_on": _iso(d.effective_on) if d else None,
            "scope": d.scope if d else None,
            "facts": [{"field": f.field, "value": f.value, "source": f.source,
                       "source_kind": f.source_kind, "evidence": f.evidence} for f in facts],
            "relations_out": [rel(r) for r in out_rel],
            "relations_in": [rel(r) for r in in_rel],
            "provisions": [{"eid": e, "heading": h} for e, h in provs[:2000]],
        }

    # --- resolution ------------------------------------------------------------------------
    def resolve(self, ref: Reference, *, as_of: dt.date | None = None) -> str | None:
        """Canonical number of a citation; name-only citations through the alias index."""
        if ref.number:
            return canon_number(ref.number)
        return self.aliases.resolve_ref(ref, as_of=as_of, in_force=self.validity.in_force)

    def resolve_text(self, text: str, *, as_of: dt.date | None = None) -> str | None:
        return self.aliases.resolve_text(text, as_of=as_of, in_force=self.validity.in_force)

    # --- search ----------------------------------------------------------------------------
    @cached_property
    def _index(self):  # noqa: ANN202 - (Engine, ids, eff, numbers) | None
        import numpy as np

        from thpl_nlp.kb.search import Engine

        d = index_dir_for(self.url)
        if not (d / "bm25.npz").is_file():
            return None
        return (Engine.load(d), np.load(d / "ids.npy"), np.load(d / "eff.npy"),
                json.loads((d / "numbers.json").read_text()))

    def _mask(self, as_of: dt.date):  # noqa: ANN202 - numpy bool array
        cache = self.__dict__.setdefault("_mask_cache", {})
        if as_of not in cache:
            _, ids, eff, numbers = self._index  # type: ignore[misc]
            live = {}
            for n in set(numbers):
                st = self.validity._status_core(n, as_of).status
                live[n] = st in ("in_force", "partly_in_force", "unknown")
            import numpy as np

            m = np.array([live[n] for n in numbers], dtype=bool)
            m &= (eff == 0) | (eff <= as_of.toordinal())
            cache[as_of] = m
        return cache[as_of]

    def search(self, query: str, *, k: int = 10, as_of: dt.date | None = None) -> list:
        """Top-``k`` higher-level provisions for a question or a local provision's text.

        With ``as_of``, only provisions of documents in force (or of unknown status) then.
        """
        from thpl_nlp.kb.search import Hit, snippet

        idx = self._index
        if idx is None:
            return []
        eng, ids, eff, numbers = idx
        mask = self._mask(as_of) if as_of else None
        top = eng.top(query, k=k, mask=mask)
        if not top:
            return []
        want = [int(ids[i]) for i, _ in top]
        with Session(self.engine) as s:
            rows = {r.id: r for r in s.scalars(select(S.Provision).where(
                S.Provision.id.in_(want)))}
        hits = []
        for i, score in top:
            r = rows.get(int(ids[i]))
            if r is None:
                continue
            d = self.validity.docs.get(r.number)
            hits.append(Hit(r.number, r.eid, r.heading, snippet(r.text), score,
                            d.title if d else None, r.effective_on))
        return hits

    # --- reverse citations -----------------------------------------------------------------
    def record_citations(
        self, local_doc: str, citations: Iterable[tuple[str | None, Reference]],
        *, replace: bool = True,
    ) -> int:
        """Record that ``local_doc`` cites documents at its provisions ``[(eid, Reference)]``.

        Name-only references are resolved first; unresolved ones are skipped. Returns the
        number of citations stored. With ``replace``, earlier citations of ``local_doc`` go.
        """
        rows = []
        for eid, ref in citations:
            num = self.resolve(ref)
            if not num:
                continue
            rows.append(S.Citation(local_doc=local_doc, local_eid=eid, target_number=num,
                                   target_eid=getattr(ref, "eid", None), text=ref.text[:2000],
                                   recorded_on=dt.date.today()))
        with Session(self.engine) as s, s.begin():
            if replace:
                s.execute(delete(S.Citation).where(S.Citation.local_doc == local_doc))
            s.add_all(rows)
        return len(rows)

    def cited_by(self, number: str, eid: str | None = None) -> list[dict]:
        """Local documents and provisions citing ``number`` (at ``eid`` when given)."""
        num = canon_number(number) or number
        with Session(self.engine) as s:
            q = select(S.Citation).where(S.Citation.target_number == num)
            if eid:
                q = q.where((S.Citation.target_eid == eid) | S.Citation.target_eid.is_(None))
            return [{"number": c.target_number, "eid": c.target_eid, "document": c.local_doc,
                     "local_eid": c.local_eid, "text": c.text,
                     "recorded_on": _iso(c.recorded_on)} for c in s.scalars(q)]

    def close(self) -> None:
        self.engine.dispose()


def _effective_evidence(facts: list, eff: dt.date | None) -> tuple[str, str] | None:
    """The best-ranked quoted statement of the document's (derived) effective date."""
    facts = [f for f in facts if f.evidence]
    same = [f for f in facts if eff and f.value == eff.isoformat()]
    pool = same or facts
    if not pool:
        return None
    f = min(pool, key=lambda f: rank(f.source_kind))
    return f.source, f.evidence


def _doc_from_row(d: S.Document, ev: tuple[str, str] | None) -> Doc:
    return Doc(d.number, d.doc_type, d.title, d.issued_on, d.effective_on, d.expiry_on,
               d.status_text, d.base_number, ev, bool(d.sources), d.status_as_of)


class _LazyDocs:
    """Documents fetched from the database on first access (for one-off questions)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb, self.cache = kb, {}

    def get(self, number: str, default=None):  # noqa: ANN001, ANN201
        if number not in self.cache:
            with Session(self.kb.engine) as s:
                d = s.get(S.Document, number)
                ev = None
                if d is not None:
                    facts = s.execute(select(S.Fact.source, S.Fact.evidence, S.Fact.source_kind,
                                             S.Fact.value)
                                      .where(S.Fact.number == number,
                                             S.Fact.field == "effective_on")).all()
                    ev = _effective_evidence(facts, d.effective_on)
                self.cache[number] = _doc_from_row(d, ev) if d is not None else None
        return self.cache[number] if self.cache[number] is not None else default

    def __contains__(self, number: object) -> bool:
        return self.get(number) is not None  # type: ignore[arg-type]

    def __getitem__(self, number: str) -> Doc:
        d = self.get(number)
        if d is None:
            raise KeyError(number)
        return d


class _LazyRels:
    """Relations targeting a document, fetched on first access."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb, self.cache = kb, {}

    def get(self, number: str, default=()):  # noqa: ANN001, ANN201
        if number not in self.cache:
            with Session(self.kb.engine) as s:
                self.cache[number] = [
                    Rel(r.kind, r.source_number, r.target_number, r.source_eid, r.target_eid,
                        bool(r.partial), r.on_date, r.date_rule, r.new_date, r.evidence,
                        r.source, rank(r.source_kind))
                    for r in s.scalars(select(S.Relation).where(
                        S.Relation.target_number == number))]
        return self.cache[number] or default

    def __getitem__(self, number: str) -> list[Rel]:
        return self.get(number, [])


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def kb_path_exists(url: str) -> bool:
    p = S.sqlite_path(url)
    return p is None or Path(p).exists()
