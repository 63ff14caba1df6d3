"""Evaluate the structure parser on the hand-annotated golden set.

For every golden file in ``tests/structure/golden/``: parse its input(s) through ingest and
structure, then report exact match of metadata, legal bases and the provision tree (per
document), provision counts, and for the big codes the articles found per code against
the expected list (each file parsed alone, the counts summed). Also times the parse stage.
Prints a table and writes ``reports/eval-structure.json``.

Usage: ``python scripts/eval_structure.py``; ``--bootstrap NAME KIND INPUT…`` writes a
candidate golden file from the current parser output, to be reviewed by hand;
``--rebase NAME`` moves a reviewed golden's offsets after an ingest change, refusing when
anything reviewed (metadata, eIds, headings, texts up to whitespace) would change.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thpl_nlp.errors import ThplError  # noqa: E402
from thpl_nlp.ingest import read  # noqa: E402
from thpl_nlp.settings import get_settings  # noqa: E402
from thpl_nlp.structure import parse_raw  # noqa: E402
from thpl_nlp.structure.golden import (  # noqa: E402
    GOLDEN_DIR,
    META_KEYS,
    articles,
    compare,
    golden_files,
    load,
    resolve_input,
    snapshot,
)


def _parse(path: Path, rel: str, strict: bool = True):
    raw = read(path, source=rel)
    t0 = time.perf_counter()
    doc = parse_raw(raw, strict=strict)
    return doc, time.perf_counter() - t0, len(raw.text)


def evaluate_one(g: dict, corpus: Path | None) -> dict:
    paths = [resolve_input(rel, corpus) for rel in g["inputs"]]
    row: dict = {"name": g["name"], "kind": g["kind"], "inputs": g["inputs"]}
    if any(p is None for p in paths):
        row["status"] = "skipped (corpus absent)"
        return row
    exp = g["expected"]
    if g["kind"] == "error":
        try:
            _parse(paths[0], g["inputs"][0])
            row.update(status="fail", diffs=["no error raised"])
        except ThplError as e:
            ok = e.code == exp["error"]
            row.update(status="ok" if ok else "fail", diffs=[] if ok else [e.code])
        return row
    if g["kind"] == "articles":
        docs, secs, chars = [], 0.0, 0
        for p, rel in zip(paths, g["inputs"], strict=True):
            d, s, n = _parse(p, rel, strict=False)
            docs.append(d)
            secs, chars = secs + s, chars + n
        found = articles(docs)
        counts = Counter(found)
        expected = exp["articles"]
        missing = [a for a in expected if a not in counts]
        dupes = sorted((a for a, c in counts.items() if c > 1), key=str)
        extra = [a for a in counts if a not in set(expected)]
        meta = exp.get("metadata", {})
        meta_diffs = compare(meta, {k: snapshot(docs[0])[k] for k in meta})
        ok = found == expected and not meta_diffs
        row.update(
            status="ok" if ok else "fail",
            expected=len(expected),
            found=len(found),
            missing=missing[:20],
            duplicates=dupes[:20],
            extra=extra[:20],
            metadata_exact=not meta_diffs,
            diffs=meta_diffs[:10],
            parse_seconds=round(secs, 3),
            chars=chars,
        )
        return row
    doc, secs, chars = _parse(paths[0], g["inputs"][0], strict=False)
    snap = snapshot(doc)
    meta_diffs = compare({k: exp[k] for k in META_KEYS}, {k: snap[k] for k in META_KEYS})
    basis_diffs = compare(exp["bases"], snap["bases"], ".bases")
    prov_diffs = compare(exp["provisions"], snap["provisions"], ".provisions")
    exp_eids = [p["eid"] for p in exp["provisions"]]
    got = {p["eid"]: p for p in snap["provisions"]}
    matched = sum(1 for p in exp["provisions"] if got.get(p["eid"]) == p)
    row.update(
        status="ok" if not (meta_diffs or basis_diffs or prov_diffs) else "fail",
        metadata_exact=not meta_diffs,
        bases_exact=not basis_diffs,
        tree_exact=not prov_diffs,
        bases=f"{len(snap['bases'])}/{len(exp['bases'])}",
        provisions_expected=len(exp_eids),
        provisions_found=len(snap["provisions"]),
        provisions_matched=matched,
        parse_seconds=round(secs, 4),
        chars=chars,
        diffs=(meta_diffs + basis_diffs + prov_diffs)[:10],
    )
    return row


SWEEP = ("provincial/danang/*.md", "provincial/legacy/*/*.txt", "pdf/*.pdf", "pdf/anle/*.pdf",
         "doc/*.doc")


def corpus_sweep(corpus: Path | None) -> dict:
    """Parse every document of the corpus folders in :data:`SWEEP` (timing the parse only)."""
    if corpus is None:
        return {"status": "skipped (corpus absent)"}
    tally: Counter = Counter()
    chars = 0
    secs = 0.0
    slowest = (0.0, "")
    for pattern in SWEEP:
        for path in sorted(corpus.glob(pattern)):
            rel = str(path.relative_to(corpus))
            try:
                raw = read(path, source=rel)
            except ThplError:
                tally["unreadable"] += 1
                continue
            t0 = time.perf_counter()
            try:
                doc = parse_raw(raw)
            except ThplError as e:
                tally[f"error_{e.code}"] += 1
                continue
            finally:
                dt = time.perf_counter() - t0
                secs += dt
                chars += len(raw.text)
                slowest = max(slowest, (dt, rel))
            tally["parsed"] += 1
            kinds = Counter(p.kind for p in doc.iter_provisions())
            tally["with_articles"] += bool(kinds["article"])
            tally["articles"] += kinds["article"]
            tally["provisions"] += sum(v for k, v in kinds.items() if k != "paragraph")
            tally["with_bases"] += bool(doc.bases)
            tally["bases"] += len(doc.bases)
            tally["with_number"] += doc.number is not None
            tally["with_issued_on"] += doc.issued_on is not None
            tally["with_effective_on"] += doc.effective_on is not None
            tally["with_issuer"] += doc.issuer is not None
            tally["with_signer"] += doc.signer is not None
            tally["with_W204"] += any(w.startswith("[W204]") for w in doc.warnings)
    return {
        **dict(tally),
        "parse_seconds": round(secs, 3),
        "chars": chars,
        "chars_per_second": round(chars / max(secs, 1e-9)),
        "slowest": {"file": slowest[1], "seconds": round(slowest[0], 3)},
    }


def _label_number(label: str) -> str:
    """The number part of a vbpl.vn ``so_hieu`` label, which may go on with the title."""
    kept = []
    for tok in label.replace("\xa0", " ").split():
        if kept and tok[:1].isupper() and any(ch.islower() for ch in tok) and "/" not in tok:
            break  # "273/2025/NĐ-CP Quy định …": the title starts
        kept.append(tok)
    return " ".join(kept)


def vbpl_agreement(corpus: Path | None) -> dict:
    """Số hiệu and effective date against the metadata of the vbpl.vn pages (noisy labels).

    ``central/vbpl_pages.jsonl.gz`` holds page texts with ``so_hieu`` and ``effective_date``
    from the national database; pages whose text is an English translation or holds no body
    raise E111 and are counted apart.
    """
    import datetime as dt
    import gzip

    from thpl_nlp.models import RawText
    from thpl_nlp.structure.lines import canonical_number

    path = corpus / "central" / "vbpl_pages.jsonl.gz" if corpus else None
    if path is None or not path.exists():
        return {"status": "skipped (corpus absent)"}
    tally: Counter = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            page = json.loads(line)
            raw = RawText(source=page["file"], text=page.get("text") or "", fmt="txt")
            try:
                doc = parse_raw(raw)
            except ThplError:
                tally["error_E111"] += 1
                continue
            tally["parsed"] += 1
            so = _label_number(page.get("so_hieu") or "")
            if so and doc.number:
                tally["number_both"] += 1
                tally["number_equal"] += doc.number == canonical_number(so)
            eff = (page.get("effective_date") or "").strip()
            try:
                expected = dt.datetime.strptime(eff[:10], "%d/%m/%Y").date()
            except ValueError:
                continue
            tally["effective_labelled"] += 1
            if doc.effective_on:
                tally["effective_both"] += 1
                tally["effective_equal"] += doc.effective_on == expected
    tally_d = dict(tally)
    if tally["effective_both"]:
        tally_d["effective_accuracy"] = round(tally["effective_equal"] / tally["effective_both"], 4)
    if tally["number_both"]:
        tally_d["number_accuracy"] = round(tally["number_equal"] / tally["number_both"], 4)
    return tally_d


def bootstrap(name: str, kind: str, inputs: list[str]) -> Path:
    """Write a candidate golden file from the current output (review it by hand!)."""
    corpus = get_settings().corpus
    paths = [resolve_input(rel, corpus) for rel in inputs]
    if kind == "articles":
        docs = [_parse(p, rel, strict=False)[0] for p, rel in zip(paths, inputs, strict=True)]
        expected: dict = {"articles": articles(docs)}
    else:
        doc = _parse(paths[0], inputs[0], strict=False)[0]
        expected = snapshot(doc)
    out = GOLDEN_DIR / f"{name}.json"
    body = {"name": name, "kind": kind, "inputs": inputs, "notes": "", "expected": expected}
    out.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def rebase(name: str) -> list[str]:
    """Move the offsets of a reviewed golden to the current ingest text.

    Allowed only when nothing reviewed by hand changes: metadata, the provision list (eId,
    kind, num, heading) and the bases and provision texts up to whitespace. Returns the
    differences that block the rebase (empty when the file was rewritten).
    """
    path = GOLDEN_DIR / f"{name}.json"
    g = load(path)
    corpus = get_settings().corpus
    doc = _parse(resolve_input(g["inputs"][0], corpus), g["inputs"][0], strict=False)[0]
    snap = snapshot(doc)
    exp = g["expected"]

    def norm(x: str) -> str:
        return "".join(x.split())

    def shape(s: dict) -> dict:
        return {
            "meta": {k: s[k] for k in META_KEYS},
            "bases": [norm(b["text"]) for b in s["bases"]],
            "provisions": [
                (p["eid"], p["kind"], p["num"], p["heading"], norm(p["head"])[:25])
                for p in s["provisions"]
            ],
        }

    diffs = compare(shape(exp), shape(snap))
    if not diffs:
        g["expected"] = snap
        path.write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return diffs


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--rebase":
        diffs = rebase(sys.argv[2])
        print("\n".join(diffs) or "rebased")
        return 1 if diffs else 0
    if len(sys.argv) > 3 and sys.argv[1] == "--bootstrap":
        print(bootstrap(sys.argv[2], sys.argv[3], sys.argv[4:]))
        return 0
    corpus = get_settings().corpus
    rows = [evaluate_one(load(p), corpus) for p in golden_files()]
    print(f"{'golden':<24} {'kind':<9} {'status':<8} {'meta':<5} {'bases':<7} "
          f"{'provisions (match/exp/found)':<30} {'parse s':>8}")
    for r in rows:
        if r["kind"] == "articles" and "found" in r:
            detail = f"articles {r['found']}/{r['expected']}"
            if r["missing"] or r["duplicates"]:
                detail += f" missing={r['missing'][:3]} dup={r['duplicates'][:3]}"
            print(f"{r['name']:<24} {r['kind']:<9} {r['status']:<8} {'':<5} {'':<7} "
                  f"{detail:<30} {r['parse_seconds']:>8}")
        elif "provisions_expected" in r:
            prov = f"{r['provisions_matched']}/{r['provisions_expected']}/{r['provisions_found']}"
            print(f"{r['name']:<24} {r['kind']:<9} {r['status']:<8} "
                  f"{'yes' if r['metadata_exact'] else 'no':<5} {r['bases']:<7} {prov:<30} "
                  f"{r['parse_seconds']:>8}")
        else:
            print(f"{r['name']:<24} {r['kind']:<9} {r['status']}")
    done = [r for r in rows if not r["status"].startswith("skipped")]
    docs = [r for r in done if r["kind"] == "document"]
    summary = {
        "goldens": len(rows),
        "evaluated": len(done),
        "exact": sum(r["status"] == "ok" for r in done),
        "documents_metadata_exact": sum(r["metadata_exact"] for r in docs),
        "documents_tree_exact": sum(r["tree_exact"] for r in docs),
        "documents": len(docs),
        "parse_chars_per_second": round(
            sum(r.get("chars", 0) for r in done)
            / max(sum(r.get("parse_seconds", 0) for r in done), 1e-9)
        ),
    }
    print(json.dumps(summary, ensure_ascii=False))
    sweep = corpus_sweep(corpus)
    print("corpus sweep:", json.dumps(sweep, ensure_ascii=False))
    vbpl = vbpl_agreement(corpus)
    print("vbpl.vn metadata:", json.dumps(vbpl, ensure_ascii=False))
    out = ROOT / "reports" / "eval-structure.json"
    out.parent.mkdir(exist_ok=True)
    report = {"summary": summary, "documents": rows, "corpus_sweep": sweep, "vbpl": vbpl}
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if summary["exact"] == summary["evaluated"] else 1


if __name__ == "__main__":
    sys.exit(main())
