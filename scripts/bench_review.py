"""Speed of the review: documents per minute on one core over the legacy + Đà Nẵng corpus,
and the share of time per stage (parse = ingest + structure + references; each rule family;
the classifier). Writes ``reports/bench-review.json``.

    .venv/bin/python scripts/bench_review.py [--no-kb] [--classifier]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # one core

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from thpl_nlp.parse import parse_file  # noqa: E402
from thpl_nlp.review.run import review_document  # noqa: E402
from thpl_nlp.settings import get_settings  # noqa: E402

AS_OF = dt.date(2026, 11, 26)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--no-kb", action="store_true")
    ap.add_argument("--classifier", action="store_true", help="also re-score with the model")
    args = ap.parse_args()
    corpus = get_settings().corpus
    if corpus is None:
        print("Không tìm thấy corpus (THPL_CORPUS).", file=sys.stderr)
        raise SystemExit(2)
    files = sorted((corpus / "provincial" / "legacy").glob("*/*.txt"))
    files += sorted((corpus / "provincial" / "danang").glob("dn-*.md"))
    kb = None
    t_kb = 0.0
    if not args.no_kb:
        try:
            from thpl_nlp.kb import KnowledgeBase

            if KnowledgeBase.exists():
                t0 = time.perf_counter()
                kb = KnowledgeBase.open()
                kb.validity  # noqa: B018 - load the snapshot once, outside the loop
                t_kb = time.perf_counter() - t0
        except ImportError:
            kb = None
    clf = None
    if args.classifier:
        from thpl_nlp.review.classifier import ReviewClassifier

        clf = ReviewClassifier.load()
    timings: dict[str, float] = {"parse": 0.0}
    docs = failed = findings = 0
    t_all = time.perf_counter()
    for f in files:
        t0 = time.perf_counter()
        try:
            doc = parse_file(f)
        except Exception:  # noqa: BLE001 - unreadable/non-legal inputs are counted, not fatal
            failed += 1
            timings["parse"] += time.perf_counter() - t0
            continue
        timings["parse"] += time.perf_counter() - t0
        findings += len(review_document(doc, as_of=AS_OF, kb=kb, classifier=clf,
                                        timings=timings))
        docs += 1
    total = time.perf_counter() - t_all
    report = {
        "date": dt.date.today().isoformat(),
        "files": len(files), "documents_reviewed": docs, "unreadable_or_not_legal": failed,
        "findings": findings, "kb": kb is not None, "kb_load_seconds": round(t_kb, 2),
        "classifier": clf.version if clf else None,
        "seconds": round(total, 2),
        "documents_per_minute": round(60 * len(files) / total, 1) if total else None,
        "share_of_time": {k: round(v / total, 4) for k, v in sorted(timings.items())},
        "seconds_per_stage": {k: round(v, 3) for k, v in sorted(timings.items())},
    }
    out = ROOT / "reports" / "bench-review.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{'files':28} {len(files)}")
    print(f"{'reviewed / unreadable':28} {docs} / {failed}")
    print(f"{'KB':28} {'yes' if kb else 'no'} (load {t_kb:.1f} s)")
    print(f"{'total seconds':28} {total:.1f}")
    print(f"{'documents per minute':28} {report['documents_per_minute']}")
    for k, v in report["share_of_time"].items():
        print(f"  {k:26} {100 * v:5.1f} %")
    print(f"→ {out}")


if __name__ == "__main__":
    main()
