"""Build or update the knowledge base from the corpus (idempotent, incremental, atomic).

Every import unit (a zip, a folder, a YAML file) carries a content hash. A build compares the
hashes with the stored ones and re-imports only changed units; with nothing new it returns
at once. For SQLite the build writes into a temporary copy and atomically replaces the KB
file, so an interrupted build leaves the previous KB intact; other databases get one
transaction.

>>> report = build(url="sqlite://", corpus=None)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from thpl_nlp.kb import store as S
from thpl_nlp.kb.config import default_url, index_dir_for, precedence, rank  # noqa: F401
from thpl_nlp.kb.importers import (
    AliasRec,
    FactRec,
    Problem,
    ProvisionRec,
    SourcedRelation,
    Unit,
)
from thpl_nlp.kb.textutil import (
    doc_type_of_number,
    find_numbers,
    fold,
    parse_vn_date,
    scope_of_number,
)
from thpl_nlp.models import is_numberless_label, numberless_label
from thpl_nlp.settings import get_settings

log = logging.getLogger("thpl.kb")
CHUNK = 5000
# the source whose later effective date overrides a document's own text (postponements)
POSTPONEMENT_SOURCE = "phapdien"
# importer modules run by a build, in order (thpl_nlp/kb/importers/<name>.py)
IMPORTERS = ("central_json", "central_md", "phapdien", "vbpl_pages", "danang_meta", "documents")


@dataclass
class BuildReport:
    url: str
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # units whose import stopped on an error
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return self.__dict__.copy()


def all_units(corpus: Path | None, home: Path,
              importers: tuple[str, ...] = IMPORTERS) -> list[Unit]:
    from thpl_nlp.kb.importers import seed

    units: list[Unit] = list(seed.seed_units())
    if corpus and corpus.is_dir():
        import importlib

        for name in importers:
            mod = importlib.import_module(f"thpl_nlp.kb.importers.{name}")
            units.extend(mod.units(corpus))
    units.extend(seed.override_units(home))
    return units


def build(
    url: str | None = None,
    corpus: Path | None = None,
    *,
    extra_units: list[Unit] | None = None,
    progress: Callable[[str], None] | None = None,
    use_corpus: bool = True,
    importers: tuple[str, ...] = IMPORTERS,
    index: bool = True,
    home: Path | None = None,
) -> BuildReport:
    """Create or update the KB at ``url`` (default ``THPL_HOME/kb.sqlite3``) from ``corpus``."""
    t0 = time.perf_counter()
    settings = get_settings()
    url = url or default_url()
    if corpus is None and use_corpus:
        corpus = settings.corpus
    say = progress or (lambda m: print(m, file=sys.stderr))
    units = all_units(corpus, home or settings.home, importers) + list(extra_units or [])
    hashes = {u.key: u.content_hash() for u in units}
    report = BuildReport(url)

    path = S.sqlite_path(url)
    # fast path: nothing new
    if path is None or path.exists():
        eng = S.make_engine(url)
        S.Base.metadata.create_all(eng)
        with Session(eng) as s:
            old = {r.key: r.hash for r in s.scalars(select(S.SourceState))}
        eng.dispose()
        keys_now = set(hashes)
        if not extra_units and old and all(old.get(k) == h for k, h in hashes.items()) and (
            set(old) <= keys_now
        ):
            report.unchanged = sorted(hashes)
            report.seconds = round(time.perf_counter() - t0, 3)
            return report

    work_url = url
    tmp: Path | None = None
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
        if path.exists():
            shutil.copyfile(path, tmp)
        elif tmp.exists():
            tmp.unlink()
        work_url = f"sqlite:///{tmp}"
    eng = S.make_engine(work_url)
    S.Base.metadata.create_all(eng)
    try:
        with Session(eng) as s, s.begin():
            old = {r.key: r.hash for r in s.scalars(select(S.SourceState))}
            for key in sorted(set(old) - set(hashes)):
                if key.startswith("added/"):
                    continue  # documents added by `kb add` stay until removed explicitly
                _delete_unit(s, key)
                report.removed.append(key)
            for u in units:
                if old.get(u.key) == hashes[u.key]:
                    report.unchanged.append(u.key)
                    continue
                say(f"[kb] nhập {u.key} …")
                _delete_unit(s, u.key)
                n, probs, ok = _import_unit(s, u)
                report.problems.extend(probs)
                if not ok:
                    report.failed.append(u.key)
                # a unit that stopped on an error is retried by the next build
                s.merge(S.SourceState(key=u.key, hash=hashes[u.key] if ok else "failed",
                                      importer=u.importer,
                                      n_rows=n, problems="\n".join(probs)))
                report.changed.append(u.key)
            say("[kb] tổng hợp văn bản, quan hệ, bí danh …")
            finalize(s)
            report.counts = {
                "documents": s.query(S.Document).count(),
                "provisions": s.query(S.Provision).count(),
                "relations": s.query(S.Relation).count(),
                "aliases": s.query(S.Alias).count(),
                "facts": s.query(S.Fact).count(),
            }
            s.merge(S.Meta(key="built_at", value=dt.datetime.now(dt.UTC).isoformat()))
        eng.dispose()
        if index:
            say("[kb] lập chỉ mục tìm kiếm …")
            from thpl_nlp.kb.search import build_index

            build_index(work_url, index_dir_for(url))
        if tmp is not None and path is not None:
            os.replace(tmp, path)
    except BaseException:
        eng.dispose()
        if tmp is not None and tmp.exists():
            tmp.unlink()
        raise
    report.seconds = round(time.perf_counter() - t0, 3)
    return report


def _delete_unit(s: Session, key: str) -> None:
    for t in (S.Fact, S.Provision, S.Relation, S.Alias):
        s.execute(delete(t).where(t.source_key == key))
    s.execute(delete(S.SourceState).where(S.SourceState.key == key))


def _import_unit(s: Session, u: Unit) -> tuple[int, list[str], bool]:
    buf: dict[type, list[dict]] = defaultdict(list)
    problems: list[str] = []
    n = 0
    ok = True

    def flush(force: bool = False) -> None:
        for table, rows in buf.items():
            if rows and (force or len(rows) >= CHUNK):
                s.execute(insert(table), rows)
                rows.clear()

    try:
        for r in u.load():
            n += 1
            number = getattr(r, "number", None) or (
                r.rel.source_number if isinstance(r, SourcedRelation) else None)
            if number and len(number) > 80:  # not a document number: garbage from a source
                problems.append(f"{u.key}: số hiệu quá dài, đã bỏ qua: {number[:100]}")
                continue
            if isinstance(r, FactRec):
                buf[S.Fact].append({"number": r.number, "field": r.field, "value": r.value,
                                    "source": r.source, "source_kind": r.source_kind,
                                    "source_key": u.key, "evidence": r.evidence})
            elif isinstance(r, ProvisionRec):
                buf[S.Provision].append({"number": r.number, "eid": r.eid[:200],
                                         "heading": r.heading, "text": r.text,
                                         "effective_on": r.effective_on, "source": r.source,
                                         "source_kind": r.source_kind, "source_key": u.key})
            elif isinstance(r, AliasRec):
                buf[S.Alias].append({"key": r.key[:400], "number": r.number, "year": r.year,
                                     "issued_on": r.issued_on, "source_key": u.key})
            elif isinstance(r, SourcedRelation):
                x = r.rel
                if len(x.target_number or "") > 80:
                    continue
                buf[S.Relation].append({
                    "kind": x.kind, "source_number": x.source_number,
                    "source_eid": (x.source_eid or "")[:200] or None,
                    "target_number": x.target_number,
                    "target_eid": (x.target_eid or "")[:300] or None,
                    "target_text": x.target_text, "partial": int(bool(x.partial)),
                    "on_date": x.on_date,
                    "date_rule": x.date_rule, "new_date": x.new_date, "evidence": x.evidence,
                    "source": r.source or f"{x.source_number} {x.source_eid or ''}".strip(),
                    "source_kind": r.source_kind, "source_key": u.key, "confidence": x.confidence})
            elif isinstance(r, Problem):
                problems.append(r.message)
            flush()
    except Exception as e:  # noqa: BLE001 - one broken source must not stop the build
        problems.append(
            f"{u.key}: lỗi khi nhập ({type(e).__name__}: {e}); phần còn lại bị bỏ qua."
        )
        ok = False
        log.exception("import %s", u.key)
    flush(force=True)
    return n, problems, ok


def finalize(s: Session) -> None:
    """Resolve name-only relation targets, then derive the document rows from the facts."""
    from thpl_nlp.kb.resolver import AliasIndex

    facts = s.execute(select(S.Fact.number, S.Fact.field, S.Fact.value, S.Fact.source,
                             S.Fact.source_kind)).all()
    by_doc: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for num, fld, val, src, kind in facts:
        by_doc[num][fld].append((rank(kind), val, src))
    # aliases from the titles we will derive, then resolve name-only targets
    s.execute(delete(S.Document))
    rel_nums = s.execute(select(S.Relation.source_number, S.Relation.target_number)).all()
    numbers = set(by_doc) | {a for a, _ in rel_nums} | {b for _, b in rel_nums if b}
    rows = []
    for num in sorted(numbers):
        f = by_doc.get(num, {})
        row = _derive(num, f)
        rows.append(row)
    for i in range(0, len(rows), CHUNK):
        s.execute(insert(S.Document), rows[i : i + CHUNK])
    # derived title aliases
    s.execute(delete(S.Alias).where(S.Alias.source_key == "derived"))
    arows = []
    from thpl_nlp.kb.aliases import alias_key

    for r in rows:
        if r["title"]:
            t = r["title"]
            if r["doc_type"] and not fold(t).startswith(fold(r["doc_type"])):
                t = f"{r['doc_type']} {t}"
            year = int(r["number"].split("/")[1]) if r["number"].count("/") >= 2 and \
                r["number"].split("/")[1].isdigit() else None
            arows.append({"key": alias_key(t)[:400], "number": r["number"], "year": year,
                              "issued_on": r["issued_on"], "source_key": "derived"})
    if arows:
        s.execute(insert(S.Alias), arows)
    # a consolidated text (VBHN) speaks for its base law: "Luật này" in 23/VBHN-VPQH is
    # 80/2015/QH13, so what it states is stated by the base law
    for r in rows:
        if r["base_number"] and r["base_number"] != r["number"]:
            s.execute(update(S.Relation).where(S.Relation.source_number == r["number"]).values(
                source_number=r["base_number"]))
    idx = AliasIndex.from_session(s)
    unresolved = s.scalars(select(S.Relation).where(S.Relation.target_number.is_(None))).all()
    for rel in unresolved:
        num = idx.resolve_text(rel.target_text or "")
        if num and num != rel.source_number:
            rel.target_number = num
            rel.confidence = 0.8
            if not s.get(S.Document, num):
                s.add(S.Document(number=num, doc_type=doc_type_of_number(num),
                                 scope=scope_of_number(num), sources=""))
    _numberless_targets(s)
    _aliases_from_relation_targets(s)
    n_prov = Counter(n for (n,) in s.execute(select(S.Provision.number)))
    for d in s.scalars(select(S.Document)):
        d.n_provisions = n_prov.get(d.number, 0)


def _numberless_targets(s: Session) -> None:
    """Relation targets still without a number after alias resolution, but named with a date
    or year, become documents of their own (key: :func:`numberless_label`) with an alias, so
    that a local basis citing "Pháp lệnh Du lịch, ngày 08 tháng 02 năm 1999" resolves to
    what 44/2005/QH11 says ended it."""
    from thpl_nlp.kb.aliases import alias_key
    from thpl_nlp.kb.relations import NAMED_DOC_RE

    made: set[str] = set()
    for rel in s.scalars(select(S.Relation).where(S.Relation.target_number.is_(None))).all():
        m = NAMED_DOC_RE.search(rel.target_text or "")
        if not m or m.start() > 3:
            continue
        doc_type = re.sub(r"\s+", " ", m.group("type")).strip()
        doc_type = doc_type[:1].upper() + doc_type[1:]
        name = re.sub(r"\s+", " ", m.group("name")).strip(" ,")
        # "Pháp lệnh Hải quan được Hội đồng Nhà nước ban hành": the name ends before "được"
        name = re.sub(r"\s+(?:đã\s+)?được\s+.*(?:ban\s+hành|thông\s+qua)$", "", name)
        if re.match(r"số\b", name, re.IGNORECASE):
            continue  # an old number ("Nghị định Số 221-HĐBT"), not a name
        date = parse_vn_date(m.group("date")) if m.group("date") else None
        year = int(m.group("year")) if m.group("year") else (date.year if date else None)
        label = numberless_label(doc_type, name, date, year)
        rel.target_number = label
        rel.confidence = min(rel.confidence or 1.0, 0.7)
        if label in made or s.get(S.Document, label):
            continue
        made.add(label)
        title = name[:1].upper() + name[1:]
        s.add(S.Document(number=label, doc_type=doc_type, title=title, issued_on=date,
                         scope="central", sources=f"named by {rel.source_number}"))
        s.add(S.Alias(key=alias_key(f"{doc_type} {name}")[:400], number=label, year=year,
                      issued_on=date, source_key="derived"))


def _title_before(text: str, number: str, doc_types: str) -> str | None:
    """The title written just before "số <number>" in ``text``: from the first document type
    whose words up to the number hold no other item (no date, year, "và", ";").

    >>> _title_before("Luật Khoáng sản ngày 20 tháng 3 năm 1996 và Luật sửa đổi, bổ sung một "
    ...               "số điều của Luật Khoáng sản số 46/2005/QH11", "46/2005/QH11", "Luật")
    'Luật sửa đổi, bổ sung một số điều của Luật Khoáng sản'
    """
    at = re.search(rf"\s+số\s+{re.escape(number)}", text)
    if not at:
        return None
    for m in re.finditer(rf"\b(?:{doc_types})\s", text[: at.start()]):
        cand = text[m.start() : at.start()].strip(" ,")
        if re.search(r"\bngày\s+\d|\bnăm\s+\d{4}|\svà\s|;", cand) or find_numbers(cand):
            continue
        return cand if len(cand.split()) >= 2 else None
    return None


def _aliases_from_relation_targets(s: Session) -> None:
    """Titles that effect clauses give to numbered targets ("Luật sửa đổi, bổ sung một số
    điều của Luật Khoáng sản số 46/2005/QH11", 60/2010/QH12 Điều 85) are aliases of those
    numbers when the KB has no title for them: a local basis citing the law by that name and
    its date then resolves."""
    from thpl_nlp.kb.aliases import alias_key
    from thpl_nlp.kb.relations import DOC_TYPES

    titled = {n for (n,) in s.execute(select(S.Document.number).where(
        S.Document.title.is_not(None)))}
    seen: set[tuple[str, str]] = set()
    for rel in s.scalars(select(S.Relation).where(S.Relation.target_number.is_not(None))):
        num = rel.target_number
        if num in titled or is_numberless_label(num) or not rel.target_text:
            continue
        title = _title_before(rel.target_text, num, DOC_TYPES)
        if not title:
            continue
        key = alias_key(title)[:400]
        if (key, num) in seen:
            continue
        seen.add((key, num))
        parts = num.split("/")
        year = int(parts[1]) if len(parts) >= 3 and parts[1].isdigit() else None
        s.add(S.Alias(key=key, number=num, year=year, issued_on=None, source_key="derived"))


def _pick(f: dict, fld: str) -> tuple[str | None, str | None]:
    vals = f.get(fld) or []
    vals = [v for v in vals if v[1] not in (None, "")]
    if not vals:
        return None, None
    best = min(v[0] for v in vals)
    top = [v for v in vals if v[0] == best]
    cnt = Counter(v[1] for v in top)
    val = max(cnt, key=lambda k: (cnt[k], -[v[1] for v in top].index(k)))
    src = next(v[2] for v in top if v[1] == val)
    return val, src


def _date(v: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(v) if v else None
    except ValueError:
        return None


def _derive(num: str, f: dict) -> dict:
    title, _ = _pick(f, "title")
    if not title:
        folded, _ = _pick(f, "title_folded")
        cands = list(f.get("cited_title") or [])
        if folded:
            cands = [c for c in cands if fold(c[1]) == folded]
        if cands:
            cnt = Counter(c[1] for c in cands)
            # prefer the capitalised spelling when counts tie
            title = max(cnt, key=lambda k: (cnt[k], sum(ch.isupper() for ch in k)))
    doc_type, _ = _pick(f, "doc_type")
    if not doc_type:
        doc_type = doc_type_of_number(num)
    if not doc_type and title:
        for t in ("Bộ luật", "Luật", "Nghị quyết", "Pháp lệnh", "Hiến pháp"):
            if title.startswith(t):
                doc_type = t
                break
    issued = _date(_pick(f, "issued_on")[0])
    eff_v, eff_src = _pick(f, "effective_on")
    eff = _date(eff_v)
    # A document's own text cannot know that a later law postponed it (Nghị quyết
    # 144/2016/QH13 moved 100/2015/QH13 to 01/01/2018); the Pháp điển notes can. When every
    # Pháp điển note gives a later date than the own text, that later date wins.
    later = [_date(v[1]) for v in f.get("effective_on", []) if v[0] == rank(POSTPONEMENT_SOURCE)]
    if eff and later and all(x and x > eff for x in later) and eff_src and any(
            v[2] == eff_src and v[0] == rank("own_text") for v in f["effective_on"]):
        eff = min(later)
    if not eff and _pick(f, "effective_rule")[0] == "issued_on":
        eff = issued
    sources = sorted({v[2] for vals in f.values() for v in vals if v[0] < 90})
    scope, _ = _pick(f, "scope")
    return {
        "number": num, "doc_type": doc_type, "issuer": _pick(f, "issuer")[0], "title": title,
        "issued_on": issued, "effective_on": eff, "expiry_on": _date(_pick(f, "expiry_on")[0]),
        "status_text": _pick(f, "status_text")[0],
        "status_as_of": _date(_pick(f, "status_as_of")[0]),
        "scope": scope or scope_of_number(num), "base_number": _pick(f, "base_number")[0],
        "sources": "\n".join(sources[:50]), "n_provisions": 0,
    }
