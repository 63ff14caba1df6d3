"""Accuracy of the ingest stage on the real corpus.

* PDF articles: every ``Điều N`` heading at a line start, per law (split over several files),
  against the known article count — found, missing, duplicated;
* PDF footnotes: notes per file, numbered without gaps, anchored;
* running headers left in the body (``CÔNG BÁO`` lines, bare page numbers);
* legal-document detection: court precedents (must be rejected), Đà Nẵng documents (must be
  accepted), vbpl.vn pages whose title is English (``Law``, ``Decree``…: must be rejected),
  and the share of the legacy folder accepted (essays and news items are mixed in; no gold).

Prints a table and writes ``reports/eval-ingest.json``.
Usage: ``.venv/bin/python scripts/eval_ingest.py [--corpus PATH]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_RE = re.compile(r"^Điều (\d+[a-zđ]?)(?:\.|\s*$)", re.M)
# Law → (file name prefix, expected number of articles, extra labels such as "68a").
LAWS = {
    "Hiến pháp 2013": ("(32801)", 120, []),
    "Bộ luật Hình sự 100/2015/QH13": ("(96122)", 426, []),
    "Bộ luật Tố tụng hình sự 101/2015/QH13": ("(96172)", 510, []),
    "23/VBHN-VPQH (Luật Ban hành VBQPPL)": ("(147294)", 174, ["68a"]),
}
ENGLISH_TITLE_RE = re.compile(r"^(?:Law|Decree|Decision|Circular|Resolution|Ordinance)\b")


def _articles(raws: list) -> dict:
    nums: list[str] = []
    for raw in raws:
        nums += ARTICLE_RE.findall(raw.text)
    counts = Counter(nums)
    return {
        "found": len(counts),
        "duplicated": sorted(n for n, c in counts.items() if c > 1),
        "labels": nums,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="ingest accuracy on the corpus")
    ap.add_argument("--corpus", type=Path, default=None)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from thpl_nlp.ingest import read
    from thpl_nlp.ingest.detect import is_legal_document
    from thpl_nlp.settings import get_settings

    corpus = args.corpus or get_settings().corpus
    if corpus is None or not (Path(corpus) / "pdf").is_dir():
        print("Không tìm thấy kho dữ liệu (THPL_CORPUS); bỏ qua đánh giá.", file=sys.stderr)
        return 0
    corpus = Path(corpus)
    pdfs = {f.name: read(f) for f in sorted((corpus / "pdf").glob("*.pdf"))}
    report: dict = {"laws": {}, "footnotes": {}, "headers_left": {}, "detection": {}}
    print(f"{'law':42} {'expected':>8} {'found':>6} {'missing':>8} {'dup':>4}")
    for name, (prefix, expected, extra) in LAWS.items():
        raws = [r for n, r in pdfs.items() if n.startswith(prefix)]
        a = _articles(raws)
        top = expected - len(extra)
        missing = [str(i) for i in range(1, top + 1) if str(i) not in a["labels"]]
        missing += [x for x in extra if x not in a["labels"]]
        report["laws"][name] = {
            "files": len(raws),
            "expected": expected,
            "found": a["found"],
            "missing": missing,
            "duplicated": a["duplicated"],
            "recall": round((expected - len(missing)) / expected, 4),
        }
        print(
            f"{name:42} {expected:>8} {a['found']:>6} {len(missing):>8} {len(a['duplicated']):>4}"
        )
    for n, raw in pdfs.items():
        markers = [int(x.marker) for x in raw.notes if x.marker.isdigit()]
        gaps = [(a, b) for a, b in zip(markers, markers[1:], strict=False) if b != a + 1]
        if raw.notes:
            report["footnotes"][n] = {
                "notes": len(raw.notes),
                "numbering_gaps": gaps,
                "unanchored": sum(x.anchor is None for x in raw.notes),
            }
        report["headers_left"][n] = {
            "cong_bao_lines": raw.text.count("CÔNG BÁO"),
            "bare_page_numbers": len(re.findall(r"^\d{1,4}$", raw.text, re.M)),
        }
    print(f"\n{'file':48} {'notes':>6} {'gaps':>5} {'unanch':>7}")
    for n, f in report["footnotes"].items():
        print(f"{n[:48]:48} {f['notes']:>6} {len(f['numbering_gaps']):>5} {f['unanchored']:>7}")

    det = report["detection"]
    anle = [is_legal_document(read(f).text)[0] for f in sorted((corpus / "pdf" / "anle").glob("*"))]
    det["precedents_rejected"] = f"{anle.count(False)}/{len(anle)}"
    dn = [
        is_legal_document(read(f).text)[0]
        for f in sorted((corpus / "provincial" / "danang").glob("dn-*.md"))
    ]
    det["danang_accepted"] = f"{sum(dn)}/{len(dn)}"
    legacy = [
        is_legal_document(read(f).text)[0]
        for f in sorted((corpus / "provincial" / "legacy").glob("*/*.txt"))
    ]
    det["legacy_accepted"] = f"{sum(legacy)}/{len(legacy)}"
    pages = corpus / "central" / "vbpl_pages.jsonl.gz"
    if pages.exists():
        english = rejected = 0
        with gzip.open(pages, "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if ENGLISH_TITLE_RE.match(d.get("title") or ""):
                    english += 1
                    ok, _ = is_legal_document(d.get("text") or "")
                    rejected += not ok
        det["vbpl_english_titles_rejected"] = f"{rejected}/{english}"
    print()
    for k, v in det.items():
        print(f"{k:42} {v}")
    out = ROOT / "reports" / "eval-ingest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"→ {out.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
