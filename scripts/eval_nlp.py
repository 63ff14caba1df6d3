"""Accuracy of the NLP extractors against the hand-checked golden set and Pháp điển notes.

- Document references: a predicted citation matches a golden one when their spans overlap
  and doc_type, number, date (the ISO date, or the year when only a year is printed) and the
  internal flag ("Quyết định này") are all equal. Issuer and title are scored separately.
- Provision pointers: units are (eId, target) pairs, target being the canonical number, the
  law's name for name-only citations, "self" or null; relative pointers use eId fragments.
- Silver recall: every ``p.pGhiChu`` note of the Pháp điển ("(Điều 2 Nghị định số
  17/2021/NĐ-CP, có hiệu lực …)") must yield the cited number and a pointer ``art_2`` to it.

Writes ``reports/eval-nlp.json``. Run: ``.venv/bin/python scripts/eval_nlp.py [--no-silver]``.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thpl_nlp.models import Reference  # noqa: E402
from thpl_nlp.nlp.extract.pointers import extract_pointers  # noqa: E402
from thpl_nlp.nlp.extract.references import extract_references  # noqa: E402
from thpl_nlp.settings import get_settings  # noqa: E402

GOLDEN = ROOT / "corpus" / "golden" / "refs"
REPORT = ROOT / "reports" / "eval-nlp.json"

# Independent of the extractor: the number and article of a Pháp điển source note.
NOTE_RE = re.compile(
    r"""
    ^\(\s*(?:(?:Điểm|điểm)\s+\S+\s+)?(?:(?:Khoản|khoản)\s+\S+\s+)?
    Điều\s+(?P<article>\d+[a-z]?)\s+              # the article of the source document
    [^()]*?(?P<number>\d+/\d{4}/[A-ZĐÐƯ][A-Za-zĐÐƯ0-9&]*   # its number, with a year
        (?:(?:\s?-\s?|[/.])[A-ZĐÐƯ][A-Za-zĐÐƯ0-9&]*(?![^\W\d_]))*)  # loosely
    """,
    re.VERBOSE,
)


def _loose(number: str | None) -> str:
    """Spacing, case, "Đ"/"D" and "/"/"-" inside the symbol do not count for silver labels."""
    if not number:
        return ""
    s = re.sub(r"\s+", "", number).upper().replace("Đ", "D").replace("Ð", "D")
    head, _, sym = s.partition("/")
    return head + "/" + re.sub(r"[/.]", "-", sym) if sym else s


def _key(d: dict[str, Any]) -> tuple[Any, ...]:
    when = d.get("issued_on") or d.get("year")
    return (
        d.get("doc_type"),
        d.get("number"),
        str(when) if when else None,
        bool(d.get("internal")),
    )


def _target_key(t: Any) -> str | None:
    if t is None or isinstance(t, str):
        return t
    assert isinstance(t, Reference)
    return "self" if t.internal else (t.number or t.title)


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.4f}"


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def evaluate_golden(rows: list[dict[str, Any]]) -> dict[str, Any]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    errors: list[dict[str, Any]] = []
    for row in rows:
        split = row.get("split", "dev")
        strata = ("all", split, f"{split}:{row.get('stratum', '?')}")
        preds = [r.to_dict() for r in extract_references(row["text"])]
        used: set[int] = set()
        for g in row["refs"]:
            hit = next(
                (
                    i
                    for i, p in enumerate(preds)
                    if i not in used
                    and p["start"] < g["end"]
                    and g["start"] < p["end"]
                    and _key(p) == _key(g)
                ),
                None,
            )
            kind = "internal" if g.get("internal") else "external"
            for s in strata:
                counts[s]["ref_gold"] += 1
                counts[s][f"ref_gold_{kind}"] += 1
            if hit is None:
                errors.append(
                    {
                        "sid": row.get("sid"),
                        "split": split,
                        "type": "ref_fn",
                        "gold": g["text"],
                        "key": list(map(str, _key(g))),
                    }
                )
                continue
            used.add(hit)
            p = preds[hit]
            for s in strata:
                counts[s]["ref_tp"] += 1
                counts[s][f"ref_tp_{kind}"] += 1
                counts[s]["span_exact"] += int((p["start"], p["end"]) == (g["start"], g["end"]))
                if g.get("issuer") or p.get("issuer"):
                    counts[s]["issuer_n"] += 1
                    counts[s]["issuer_ok"] += int(
                        (g.get("issuer") or "").lower() == (p.get("issuer") or "").lower()
                    )
                if g.get("title") != "?" and (g.get("title") or p.get("title")):
                    counts[s]["title_n"] += 1
                    counts[s]["title_ok"] += int(g.get("title") == p.get("title"))
        for i, p in enumerate(preds):
            if i not in used:
                for s in strata:
                    counts[s]["ref_fp"] += 1
                errors.append(
                    {
                        "sid": row.get("sid"),
                        "split": split,
                        "type": "ref_fp",
                        "pred": p["text"],
                        "key": list(map(str, _key(p))),
                    }
                )
        # pointers: (eid, target) units
        gold_units = Counter(
            (e, p.get("target")) for p in row.get("pointers", []) for e in p["eids"]
        )
        pred_units = Counter(
            (e, _target_key(p.target)) for p in extract_pointers(row["text"]) for e in p.eids
        )
        tp = sum((gold_units & pred_units).values())
        gold_eids = Counter(e for e, _ in gold_units.elements())
        pred_eids = Counter(e for e, _ in pred_units.elements())
        tp_e = sum((gold_eids & pred_eids).values())
        for s in strata:
            counts[s]["ptr_tp"] += tp
            counts[s]["ptr_fp"] += sum(pred_units.values()) - tp
            counts[s]["ptr_fn"] += sum(gold_units.values()) - tp
            counts[s]["eid_tp"] += tp_e
            counts[s]["eid_fp"] += sum(pred_eids.values()) - tp_e
            counts[s]["eid_fn"] += sum(gold_eids.values()) - tp_e
        if gold_units != pred_units:
            errors.append(
                {
                    "sid": row.get("sid"),
                    "split": split,
                    "type": "pointer",
                    "missing": [list(u) for u in (gold_units - pred_units)],
                    "extra": [list(u) for u in (pred_units - gold_units)],
                }
            )
    out: dict[str, Any] = {}
    for s, c in sorted(counts.items()):
        gold = c["ref_gold"]
        out[s] = {
            "references": {"gold": gold, **_prf(c["ref_tp"], c["ref_fp"], gold - c["ref_tp"])},
            "external_references": {
                "gold": c["ref_gold_external"],
                "recall": round(c["ref_tp_external"] / max(c["ref_gold_external"], 1), 4),
            },
            "span_exact": round(c["span_exact"] / max(c["ref_tp"], 1), 4),
            "issuer_accuracy": round(c["issuer_ok"] / max(c["issuer_n"], 1), 4),
            "title_accuracy": round(c["title_ok"] / c["title_n"], 4) if c["title_n"] else None,
            "pointers": _prf(c["ptr_tp"], c["ptr_fp"], c["ptr_fn"]),
            "pointer_eids_only": _prf(c["eid_tp"], c["eid_fp"], c["eid_fn"]),
        }
    out["errors"] = errors
    return out


def evaluate_silver(zip_path: Path, limit: int | None = None) -> dict[str, Any]:
    """Recall of number and article pointer over the Pháp điển source notes."""
    notes = 0
    ref_hit = ptr_hit = 0
    misses: list[str] = []
    t0 = time.perf_counter()
    with zipfile.ZipFile(zip_path) as z:
        names = sorted(n for n in z.namelist() if n.startswith("demuc/") and n.endswith(".html"))
        for name in names:
            page = z.read(name).decode("utf-8", errors="replace")
            for m in re.finditer(r"<p class='pGhiChu'>(.*?)</p>", page, re.S):
                note = html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()
                g = NOTE_RE.match(note)
                if not g:
                    continue
                notes += 1
                number = re.sub(r"\s+", "", g.group("number"))
                refs = list(extract_references(note))
                if any(_loose(r.number) == _loose(number) for r in refs):
                    ref_hit += 1
                elif len(misses) < 30:
                    misses.append(note)
                want = f"art_{g.group('article')}"
                if any(
                    want in p.eids and _loose(_target_key(p.target)) == _loose(number)
                    for p in extract_pointers(note, references=refs)
                ):
                    ptr_hit += 1
                if limit and notes >= limit:
                    break
            if limit and notes >= limit:
                break
    return {
        "notes": notes,
        "number_recall": round(ref_hit / max(notes, 1), 4),
        "article_pointer_recall": round(ptr_hit / max(notes, 1), 4),
        "seconds": round(time.perf_counter() - t0, 1),
        "examples_missed": misses,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-silver", action="store_true", help="skip the Pháp điển notes")
    ap.add_argument("--silver-limit", type=int, default=None)
    args = ap.parse_args(argv)
    rows = []
    for f in sorted(GOLDEN.glob("*.jsonl")):
        rows += [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line]
    report: dict[str, Any] = {"golden": evaluate_golden(rows)}
    corpus = get_settings().corpus
    zip_path = corpus / "phapdien" / "phapdien.zip" if corpus else None
    if not args.no_silver and zip_path and zip_path.is_file():
        report["silver_phapdien"] = evaluate_silver(zip_path, args.silver_limit)
    print(
        f"{'split':28} {'refs':>5} {'P':>7} {'R':>7} {'F1':>7} {'ptrs':>5} {'ptrF1':>7} "
        f"{'issuer':>7} {'title':>7}"
    )
    for s, v in report["golden"].items():
        if s == "errors":
            continue
        r, p = v["references"], v["pointers"]
        print(
            f"{s:28} {r['gold']:>5} {r['precision']:>7.4f} {r['recall']:>7.4f} "
            f"{r['f1']:>7.4f} {p['tp'] + p['fn']:>5} {p['f1']:>7.4f} "
            f"{v['issuer_accuracy']:>7.4f} {_num(v['title_accuracy']):>7}"
        )
    if "silver_phapdien" in report:
        sv = report["silver_phapdien"]
        print(
            f"Pháp điển notes: {sv['notes']}  number recall {sv['number_recall']:.4f}  "
            f"article-pointer recall {sv['article_pointer_recall']:.4f}  ({sv['seconds']} s)"
        )
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"→ {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
