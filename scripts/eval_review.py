"""Accuracy of the review: rules and classifier on the held-out labelled provisions, the
worked example, and (with a built knowledge base) the corpus acceptance checks.

Writes ``reports/eval-review.json`` and prints a table.

    .venv/bin/python scripts/eval_review.py [--no-kb]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from thpl_nlp.review.classifier import ReviewClassifier  # noqa: E402
from thpl_nlp.review.evaluation import evaluate  # noqa: E402
from thpl_nlp.review.run import review_document  # noqa: E402
from thpl_nlp.settings import get_settings  # noqa: E402

AS_OF = dt.date(2026, 11, 26)
EXPECTED_EXAMPLE = {
    ("att_1__art_3__para_1__point_c", "admin_procedure"),
    ("att_1__art_4", "conflict"),
    ("att_1__art_5", "competence"),
    ("basis_2", "basis_expired"),
    ("document", "competence"),
}


def _open_kb() -> Any | None:
    try:
        from thpl_nlp.kb import KnowledgeBase
    except ImportError:
        return None
    try:
        return KnowledgeBase.open() if KnowledgeBase.exists() else None
    except Exception:  # noqa: BLE001 - an unreadable KB is reported as absent
        return None


def worked_example(kb: Any | None) -> dict[str, Any]:
    from thpl_nlp.parse import parse_file

    path = ROOT.parent / "shared" / "examples" / "qd-mau-12-2021.txt"
    if not path.is_file():
        return {"skipped": "examples/qd-mau-12-2021.txt not found"}
    doc = parse_file(path)
    found = review_document(doc, as_of=AS_OF, kb=kb)
    keys = {(f.eid, f.category) for f in found}
    return {
        "kb": kb is not None,
        "expected_found": sorted(f"{e} {c}" for e, c in EXPECTED_EXAMPLE & keys),
        "expected_missing": sorted(f"{e} {c}" for e, c in EXPECTED_EXAMPLE - keys),
        "other_findings": sorted(f"{e} {c}" for e, c in keys - EXPECTED_EXAMPLE),
        "conflict_precision": _conflict_precision(found),
    }


def _conflict_precision(found: list) -> dict[str, Any]:
    conflicts = [f for f in found if f.category == "conflict"]
    ok = [f for f in conflicts if (f.eid, "conflict") in EXPECTED_EXAMPLE]
    return {"findings": len(conflicts), "correct": len(ok),
            "precision": round(len(ok) / len(conflicts), 4) if conflicts else None}


def corpus_acceptance(kb: Any) -> dict[str, Any]:
    """Legacy as of 2026-11-26: share of bases with a corpus-stated replacement flagged
    ``basis_expired``; Đà Nẵng as of each document's own issue date: bases flagged expired."""
    from thpl_nlp.parse import parse_file

    corpus = get_settings().corpus
    out: dict[str, Any] = {}
    legacy = sorted((corpus / "provincial" / "legacy").glob("*/*.txt"))
    from thpl_nlp.review.rules.bases import _cited_documents

    bases = flagged = unresolved = 0
    all_refs = all_flagged = 0  # every reference in a basis line, titles of amending laws too
    missed: list[str] = []
    dated_unresolved: list[str] = []
    t = time.perf_counter()
    for f in legacy:
        try:
            doc = parse_file(f)
        except Exception:  # noqa: BLE001 - unreadable inputs are counted by the parser eval
            continue
        found = review_document(doc, as_of=AS_OF, kb=kb)
        expired_eids = {x.eid for x in found if x.category == "basis_expired"}
        for i, b in enumerate(doc.bases, start=1):
            cited = {id(r) for r in _cited_documents(b)}
            for ref in b.refs:
                number = ref.number or kb.resolve(ref)
                if not number:
                    unresolved += 1
                    if ref.issued_on and id(ref) in cited and len(dated_unresolved) < 40:
                        # cited by name and date but not resolved: a possible miss that the
                        # share below cannot see (its replacement is unknown to it)
                        dated_unresolved.append(f"{f.name} basis_{i} {ref.text[:90]}")
                    continue
                st = kb.status(number, AS_OF)
                st = st.to_contract_dict() if hasattr(st, "to_contract_dict") else st
                if not st or not st.get("replaced_by"):
                    continue  # no replacement stated in a corpus text
                hit = f"basis_{i}" in expired_eids
                all_refs += 1
                all_flagged += hit
                if id(ref) not in cited:
                    continue  # a law named inside the title of a cited amending document
                bases += 1
                if hit:
                    flagged += 1
                elif len(missed) < 15:
                    missed.append(f"{f.name} basis_{i} {number} ({st.get('status')})")
    out["legacy"] = {"documents": len(legacy), "bases_with_stated_replacement": bases,
                     "flagged_basis_expired": flagged,
                     "share": round(flagged / bases, 4) if bases else None,
                     "all_basis_references_with_stated_replacement": all_refs,
                     "all_references_flagged": all_flagged,
                     "share_all_references": round(all_flagged / all_refs, 4) if all_refs else None,
                     "name_only_unresolved": unresolved, "missed_examples": missed,
                     "cited_by_name_and_date_unresolved": dated_unresolved,
                     "seconds": round(time.perf_counter() - t, 1)}
    dn = []
    for f in sorted((corpus / "provincial" / "danang").glob("dn-*.md")):
        doc = parse_file(f)
        if doc.issued_on is None:
            dn.append({"file": f.name, "skipped": "no issue date parsed"})
            continue
        found = review_document(doc, as_of=doc.issued_on, kb=kb)
        exp = [x.eid + " " + (x.cited or "") for x in found if x.category == "basis_expired"]
        dn.append({"file": f.name, "as_of": doc.issued_on.isoformat(), "bases": len(doc.bases),
                   "flagged_expired": exp})
    out["danang"] = dn
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--no-kb", action="store_true", help="ignore a built knowledge base")
    args = ap.parse_args()
    kb = None if args.no_kb else _open_kb()
    try:
        clf = ReviewClassifier.load()
    except FileNotFoundError:
        clf = None
    report = evaluate(clf, kb=kb)
    report["worked_example"] = worked_example(kb)
    report["kb"] = kb is not None
    if kb is not None and get_settings().corpus:
        report["corpus_acceptance"] = corpus_acceptance(kb)
    else:
        report["corpus_acceptance"] = {"skipped": "cần KB đã xây dựng (thpl kb build) và corpus"}
    out = ROOT / "reports" / "eval-review.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    _print(report)
    print(f"\n→ {out}")


def _print(rep: dict[str, Any]) -> None:
    ho = rep["heldout"]
    print(f"Held-out provisions: {ho['provisions']} (needs review: {ho['needs_review']})")
    print(f"{'rule / category':40} {'P':>6} {'R':>6} {'TP':>4} {'FP':>4} {'FN':>4}")

    def row(name: str, m: dict[str, Any]) -> None:
        f = (lambda v: "  —  " if v is None else f"{v:6.3f}")  # noqa: E731
        print(f"{name:40} {f(m['precision'])} {f(m['recall'])} {m['tp']:4} {m['fp']:4} "
              f"{m['fn']:4}")

    for r, m in sorted(rep["rules"]["per_rule"].items()):
        row(f"rule {r}", m)
    for c, m in rep["rules"]["per_category"].items():
        row(f"rules → {c}", m)
    row("rules → needs review", rep["rules"]["needs_review"])
    if "rules_with_kb" in rep:
        for c, m in rep["rules_with_kb"]["per_category"].items():
            row(f"rules+KB → {c}", m)
        row("rules+KB → needs review", rep["rules_with_kb"]["needs_review"])
    if "classifier" in rep:
        c = rep["classifier"]["needs_review"]
        for k in ("at_threshold_0.5", "at_threshold_0.2"):
            row(f"classifier {k}", c[k])
        par = c.get("precision_at_rules_recall") or {}
        rap = c.get("recall_at_rules_precision") or {}
        print(f"classifier precision at rules' recall: {par}")
        print(f"classifier recall at rules' precision: {rap}")
        print(f"classifier average precision: {c['average_precision']}")
        comb = rep["classifier"].get("rules_plus_classifier") or {}
        if comb:
            print(f"rules + classifier (noisy-OR): AP {comb.get('average_precision')}, "
                  f"precision at rules' recall {comb.get('precision_at_rules_recall')}, "
                  f"recall at rules' precision {comb.get('recall_at_rules_precision')}")
    we = rep["worked_example"]
    print(f"worked example: {we}")
    print(f"corpus acceptance: {json.dumps(rep['corpus_acceptance'], ensure_ascii=False)[:600]}")


if __name__ == "__main__":
    main()
