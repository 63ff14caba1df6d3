"""Accuracy of the NLP extractors against the hand-checked golden set and Pháp điển notes.

- Document references: a predicted citation matches a golden one when their spans overlap
  and doc_type, number, date (the ISO date, or the year when only a year is printed) and the
  internal flag ("Quyết định này") are all equal. Issuer and title are scored separately.
- Provision pointers: units are (eId, target) pairs, target being the canonical number, the
  law's name for name-only citations, "self" or null; relative pointers use eId fragments.
- Backward binding (a pointer bound to the document named earlier in its sentence): pointer
  P/R/F1 per golden file with and without that step, in the same run, and every pointer of
  the provincial documents (legacy UTF-8 + Đà Nẵng) that gains a target from it, with its
  sentence, for reading by hand (``--binding-extra`` adds Pháp điển articles and the central
  documents).
- Silver recall: every ``p.pGhiChu`` note of the Pháp điển ("(Điều 2 Nghị định số
  17/2021/NĐ-CP, có hiệu lực …)") must yield the cited number and a pointer ``art_2`` to it.

Writes ``reports/eval-nlp.json``. Run:
``.venv/bin/python scripts/eval_nlp.py [--no-silver] [--binding-extra]``.
"""

from __future__ import annotations

import argparse
import gzip
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


def evaluate_golden(rows: list[dict[str, Any]], bind_preceding: bool = True) -> dict[str, Any]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    errors: list[dict[str, Any]] = []
    for row in rows:
        split = row.get("split", "dev")
        strata = ("all", split, f"{split}:{row.get('stratum', '?')}")
        if row.get("file"):
            strata += (f"file:{row['file']}",)
        refs = list(extract_references(row["text"]))
        preds = [r.to_dict() for r in refs]
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
            (e, _target_key(p.target))
            for p in extract_pointers(row["text"], refs, bind_preceding=bind_preceding)
            for e in p.eids
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


def compare_binding(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Pointer P/R/F1 per golden file (and overall) without and with the backward step."""
    before = evaluate_golden(rows, bind_preceding=False)
    after = evaluate_golden(rows, bind_preceding=True)
    keys = ["all"] + sorted(k for k in after if k.startswith("file:"))
    return {
        k.removeprefix("file:"): {
            "units": after[k]["pointers"]["tp"] + after[k]["pointers"]["fn"],
            "without_preceding": before[k]["pointers"],
            "with_preceding": after[k]["pointers"],
        }
        for k in keys
    }


def _provincial_texts(corpus: Path) -> list[tuple[str, str]]:
    """The texts of scripts/bench_nlp.py: legacy UTF-8 files and the Đà Nẵng documents."""
    out = []
    for f in sorted((corpus / "provincial" / "legacy").glob("*/*.txt")):
        try:
            out.append((str(f.relative_to(corpus)), f.read_bytes().decode("utf-8")))
        except UnicodeDecodeError:
            continue
    for f in sorted((corpus / "provincial" / "danang").glob("dn-*.md")):
        out.append((str(f.relative_to(corpus)), f.read_text(encoding="utf-8")))
    return [(n, t) for n, t in out if t.strip()]


def _extra_texts(corpus: Path) -> list[tuple[str, str]]:
    """Pháp điển article texts and the central documents (vbpl_review articles, vbpl pages)."""
    out: list[tuple[str, str]] = []
    pd = corpus / "phapdien" / "phapdien.zip"
    if pd.is_file():
        with zipfile.ZipFile(pd) as z:
            names = sorted(
                n for n in z.namelist() if n.startswith("demuc/") and n.endswith(".html")
            )
            for name in names:
                page = z.read(name).decode("utf-8", errors="replace")
                for k, m in enumerate(
                    re.finditer(r"<p class='pNoiDung'>(.*?)</p></p>", page, re.S)
                ):
                    t = html.unescape(re.sub(r"<[^>]+>", "\n", m.group(1))).strip()
                    out.append((f"phapdien/{name}#{k}", re.sub(r"\n+", "\n", t)))
    review = corpus / "central" / "vbpl_review.zip"
    if review.is_file():
        with zipfile.ZipFile(review) as z:
            for n in sorted(x for x in z.namelist() if x.endswith(".json")):
                d = json.loads(z.read(n))
                for ch in d.get("chapters") or []:
                    for a in ch.get("articles") or []:
                        out.append(
                            (f"central/{d.get('id')} {a.get('number')}", a.get("body") or "")
                        )
    pages = corpus / "central" / "vbpl_pages.jsonl.gz"
    if pages.is_file():
        with gzip.open(pages, "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                out.append((f"central/{d.get('so_hieu') or d.get('file')}", d.get("text") or ""))
    return out


def newly_bound(texts: list[tuple[str, str]]) -> dict[str, Any]:
    """Pointers that have no target without the backward step and get one with it."""
    found = []
    pointers = 0
    for name, text in texts:
        refs = list(extract_references(text))
        old = list(extract_pointers(text, refs, bind_preceding=False))
        new = list(extract_pointers(text, refs))
        pointers += len(new)
        for a, b in zip(old, new, strict=True):
            if a.target is None and isinstance(b.target, Reference):
                ref = b.target
                line = max(text.rfind("\n", 0, ref.start) + 1, ref.start - 250)
                found.append(
                    {
                        "source": name,
                        "start": b.start,
                        "pointer": b.text,
                        "eids": b.eids,
                        "target": _target_key(ref),
                        "context": " ".join(text[line : b.end + 80].split()),
                    }
                )
    return {"texts": len(texts), "pointers": pointers, "newly_bound": len(found), "items": found}


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
    ap.add_argument(
        "--binding-extra",
        action="store_true",
        help="also list backward bindings in Pháp điển articles and the central documents",
    )
    args = ap.parse_args(argv)
    rows = []
    for f in sorted(GOLDEN.glob("*.jsonl")):
        rows += [
            {**json.loads(line), "file": f.name}
            for line in f.read_text(encoding="utf-8").splitlines()
            if line
        ]
    report: dict[str, Any] = {"golden": evaluate_golden(rows)}
    report["pointer_binding"] = compare_binding(rows)
    corpus = get_settings().corpus
    if corpus and (corpus / "provincial").is_dir():
        report["preceding_binding_provincial"] = newly_bound(_provincial_texts(corpus))
        if args.binding_extra:
            report["preceding_binding_extra"] = newly_bound(_extra_texts(corpus))
    zip_path = corpus / "phapdien" / "phapdien.zip" if corpus else None
    if not args.no_silver and zip_path and zip_path.is_file():
        report["silver_phapdien"] = evaluate_silver(zip_path, args.silver_limit)
    print(
        f"{'split':28} {'refs':>5} {'P':>7} {'R':>7} {'F1':>7} {'ptrs':>5} {'ptrF1':>7} "
        f"{'issuer':>7} {'title':>7}"
    )
    for s, v in report["golden"].items():
        if s == "errors" or s.startswith("file:"):
            continue
        r, p = v["references"], v["pointers"]
        print(
            f"{s:28} {r['gold']:>5} {r['precision']:>7.4f} {r['recall']:>7.4f} "
            f"{r['f1']:>7.4f} {p['tp'] + p['fn']:>5} {p['f1']:>7.4f} "
            f"{v['issuer_accuracy']:>7.4f} {_num(v['title_accuracy']):>7}"
        )
    print("\npointer units (eId, target) per golden file: without → with the backward binding")
    print(f"{'file':22} {'units':>5}  {'P':>6} {'R':>6} {'F1':>6}  →  {'P':>6} {'R':>6} {'F1':>6}")
    for name, v in report["pointer_binding"].items():
        b, a = v["without_preceding"], v["with_preceding"]
        print(
            f"{name:22} {v['units']:>5}  {b['precision']:>6.4f} {b['recall']:>6.4f} "
            f"{b['f1']:>6.4f}  →  {a['precision']:>6.4f} {a['recall']:>6.4f} {a['f1']:>6.4f}"
        )
    for key, label in (
        ("preceding_binding_provincial", "provincial documents (legacy + Đà Nẵng)"),
        ("preceding_binding_extra", "Pháp điển articles + central documents"),
    ):
        if key in report:
            nb = report[key]
            print(
                f"{label}: {nb['texts']} texts, {nb['pointers']} pointers, "
                f"{nb['newly_bound']} newly bound to an earlier citation"
            )
            for it in nb["items"]:
                print(f"  {it['source']} @{it['start']}: {it['pointer']!r} → {it['target']}")
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
