"""Accuracy of the knowledge base → reports/eval-kb.json.

1. Golden validity facts (corpus/golden/validity/*.jsonl) against a KB built from the corpus.
2. Name-only citation resolution on a hand-checked list from the legacy provincial documents
   (corpus/golden/validity/name_only_citations.yaml).
3. ALQAC 2023 retrieval: Recall@1/5/10 and MRR@10 on train and private test, the KB search
   engine next to a plain BM25 baseline (lower-cased syllables) in the same run. Parameters
   are tuned on train only (``--tune`` writes thpl_nlp/kb/search_params.json).

Usage: python scripts/eval_kb.py [--tune] [--skip-build]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thpl_nlp.kb import KnowledgeBase  # noqa: E402
from thpl_nlp.kb.build import build  # noqa: E402
from thpl_nlp.kb.search import DEFAULTS, Engine, tuned_params  # noqa: E402
from thpl_nlp.settings import get_settings  # noqa: E402

GOLDEN = ROOT / "corpus" / "golden" / "validity"
PARAMS_FILE = ROOT / "thpl_nlp" / "kb" / "search_params.json"


# --- 1. golden validity -------------------------------------------------------------------
def eval_golden(kb: KnowledgeBase) -> dict:
    rows = []
    for f in sorted(GOLDEN.glob("*.jsonl")):
        rows += [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines() if x]
    ok_status = ok_full = 0
    wrong = []
    for r in rows:
        st = kb.status(r["number"], dt.date.fromisoformat(r["as_of"]))
        s_ok = st.status in r.get("accept", [r["expected_status"]])
        full = s_ok
        if r["expected_status"] == "expired":
            full = full and set(r["replaced_by"]) <= set(st.replaced_by) and (
                st.not_in_force_from == dt.date.fromisoformat(r["not_in_force_from"]))
        ok_status += s_ok
        ok_full += full
        if r["expected_status"] == "partly_in_force":
            full = full and set(r["partly_ended_by"]) <= set(st.partly_ended_by)
        if not full:
            wrong.append([r["number"], r["as_of"], r["expected_status"], st.status])
    n = len(rows)
    facts = {(r["number"], tuple(r["replaced_by"] or r.get("partly_ended_by", [])))
             for r in rows}
    return {"cases": n, "facts": len(facts),
            "status_accuracy": round(ok_status / n, 4) if n else None,
            "full_accuracy": round(ok_full / n, 4) if n else None, "wrong": wrong[:20]}


# --- 2. name-only resolution ----------------------------------------------------------------
def eval_resolution(kb: KnowledgeBase) -> dict:
    f = GOLDEN / "name_only_citations.yaml"
    if not f.is_file():
        return {"cases": 0}
    items = yaml.safe_load(f.read_text(encoding="utf-8"))["citations"]
    ok, answered, wrong = 0, 0, []
    for it in items:
        got = kb.resolve_text(it["text"])
        answered += got is not None
        ok += got == it["number"]
        if got != it["number"]:
            wrong.append({"text": it["text"], "expected": it["number"], "got": got})
    n = len(items)
    return {"cases": n, "accuracy": round(ok / n, 4), "answered": answered,
            "precision": round(ok / answered, 4) if answered else None, "wrong": wrong}


# --- 3. ALQAC ---------------------------------------------------------------------------------
def alqac_corpus(root: Path) -> tuple[list[tuple[str, str]], list[str]]:
    laws = json.loads((root / "raw" / "V1" / "law.json").read_text(encoding="utf-8"))
    keys, texts = [], []
    for law in laws:
        for a in law["articles"]:
            keys.append((law["id"], str(a["id"])))
            texts.append(a["text"])
    # the Constitution is cited by private-test questions but missing from law.json
    for law in json.loads((root / "yesno_2023" / "legal_passages.json").read_text("utf-8")):
        if law["id"].startswith("Hiến pháp"):
            for a in law["articles"]:
                keys.append(("Hiến pháp", str(a["id"])))
                texts.append(a["text"])
    return keys, texts


def metrics(engine: Engine, keys, questions) -> dict:
    r1 = r5 = r10 = mrr = 0.0
    for q in questions:
        gold = {(a["law_id"], str(a["article_id"])) for a in q["relevant_articles"]}
        top = [keys[i] for i, _ in engine.top(q["text"], k=10)]
        ranks = [i for i, k in enumerate(top) if k in gold]
        first = ranks[0] if ranks else None
        r1 += first is not None and first < 1
        r5 += first is not None and first < 5
        r10 += first is not None
        mrr += 1 / (first + 1) if first is not None else 0
    n = len(questions)
    return {"n": n, "R@1": round(r1 / n, 4), "R@5": round(r5 / n, 4), "R@10": round(r10 / n, 4),
            "MRR@10": round(mrr / n, 4)}


def eval_alqac(corpus: Path, tune: bool) -> dict:
    root = corpus / "retrieval" / "alqac2023"
    keys, texts = alqac_corpus(root)
    train = json.loads((root / "raw" / "train.json").read_text(encoding="utf-8"))
    private = json.loads((root / "raw" / "private_test.json").read_text(encoding="utf-8"))
    baseline = Engine.fit(texts, alpha=1.0, bm25_ngram=1)  # plain BM25 on syllables
    out = {"corpus_articles": len(texts)}
    if tune:
        best = None
        grid = itertools.product([1.2, 1.6, 2.0], [0.6, 0.75, 0.9], [1, 2], [1, 2, 3],
                                 [0.3, 0.5, 0.7, 1.0])
        fitted: dict = {}
        for k1, b, ng1, ng2, alpha in grid:
            key = (k1, b, ng1, ng2)
            if key not in fitted:
                fitted[key] = Engine.fit(texts, k1=k1, b=b, bm25_ngram=ng1, tfidf_ngram=ng2)
            eng = fitted[key]
            eng.params["alpha"] = alpha
            m = metrics(eng, keys, train)
            if best is None or m["MRR@10"] > best[0]["MRR@10"]:
                best = (m, {"k1": k1, "b": b, "bm25_ngram": ng1, "tfidf_ngram": ng2,
                            "alpha": alpha})
        PARAMS_FILE.write_text(json.dumps(best[1], indent=1) + "\n")
        out["tuned_on_train"] = {"params": best[1], "train": best[0]}
    params = dict(DEFAULTS, **tuned_params())
    ours = Engine.fit(texts, **params)
    out["params"] = {k: params[k] for k in ("k1", "b", "bm25_ngram", "tfidf_ngram", "alpha")}
    out["table"] = {
        "baseline_bm25": {"train": metrics(baseline, keys, train),
                          "private_test": metrics(baseline, keys, private)},
        "kb_search": {"train": metrics(ours, keys, train),
                      "private_test": metrics(ours, keys, private)},
    }
    t = time.perf_counter()
    for q in private:
        ours.top(q["text"], k=10)
    out["ms_per_query"] = round((time.perf_counter() - t) * 1000 / len(private), 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tune", action="store_true", help="tune search parameters on ALQAC train")
    ap.add_argument("--skip-build", action="store_true", help="use the KB in THPL_HOME as is")
    args = ap.parse_args()
    corpus = get_settings().corpus
    report: dict = {"date": dt.date.today().isoformat()}
    if corpus is None or not Path(corpus).is_dir():
        print("Không có kho dữ liệu (THPL_CORPUS): bỏ qua đánh giá.", file=sys.stderr)
        sys.exit(0)
    corpus = Path(corpus)
    if args.skip_build:
        kb = KnowledgeBase.open()
    else:
        d = Path(tempfile.mkdtemp(prefix="kb-eval-"))
        url = f"sqlite:///{d / 'kb.sqlite3'}"
        build(url, corpus, progress=lambda m: print(m, file=sys.stderr), index=False)
        kb = KnowledgeBase.open(url)
    report["golden_validity"] = eval_golden(kb)
    report["name_only_resolution"] = eval_resolution(kb)
    report["alqac2023"] = eval_alqac(corpus, args.tune)
    out = ROOT / "reports" / "eval-kb.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    g, r = report["golden_validity"], report["name_only_resolution"]
    print(f"golden validity: {g['cases']} cases ({g['facts']} facts), status acc "
          f"{g['status_accuracy']}, full acc {g['full_accuracy']}")
    print(f"name-only resolution: {r.get('cases')} cases, accuracy {r.get('accuracy')}, "
          f"precision {r.get('precision')}")
    print(f"{'ALQAC 2023':<16}{'split':<14}{'R@1':>7}{'R@5':>7}{'R@10':>7}{'MRR@10':>8}")
    for name, splits in report["alqac2023"]["table"].items():
        for split, m in splits.items():
            print(f"{name:<16}{split:<14}{m['R@1']:>7}{m['R@5']:>7}{m['R@10']:>7}"
                  f"{m['MRR@10']:>8}")
    _ = np


if __name__ == "__main__":
    main()
