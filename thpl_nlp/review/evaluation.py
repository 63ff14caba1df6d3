"""Measuring the review on the held-out labelled set (and, with a KB, on the corpus).

Used by ``scripts/eval_review.py`` and when a classifier is trained (its model card carries
the same numbers).

>>> prf(3, 1, 1)
{'precision': 0.75, 'recall': 0.75, 'f1': 0.75, 'tp': 3, 'fp': 1, 'fn': 1}
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from thpl_nlp.review.classifier import Example, ReviewClassifier, load_labelled
from thpl_nlp.review.run import PROVISION_CATEGORIES, PROVISION_RULES, review_provision_text

CATEGORY_THRESHOLD = 0.2  # calibrated P(needs review about c); the base rate is about 1%


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)

    def rnd(v: float | None) -> float | None:
        return round(v, 4) if v is not None else None

    return {"precision": rnd(p), "recall": rnd(r), "f1": rnd(f), "tp": tp, "fp": fp, "fn": fn}


def rule_hits(examples: Sequence[Example], kb: Any = None
              ) -> list[list[tuple[str, str, float]]]:
    when = dt.date(2026, 11, 26) if kb is not None else None
    return [review_provision_text(e.text, issuer=e.issuer, number=e.number,
                                  normative=e.normative, as_of=when, kb=kb) for e in examples]


def evaluate_rules(examples: Sequence[Example], hits: list[list[tuple[str, str, float]]]
                   ) -> dict[str, Any]:
    """Precision/recall per rule (against its category), per category and for 'any'."""
    per_rule: dict[str, Counter] = {}
    per_cat = {c: Counter() for c in PROVISION_CATEGORIES}
    any_c = Counter()
    for e, h in zip(examples, hits, strict=True):
        fired_rules = {r: c for r, c, _ in h}
        for rule, cat in PROVISION_RULES.items():
            cnt = per_rule.setdefault(rule, Counter())
            pred, gold = rule in fired_rules, bool(e.labels.get(cat))
            cnt["tp" if pred and gold else "fp" if pred else "fn" if gold else "tn"] += 1
        cats = set(fired_rules.values())
        for c in PROVISION_CATEGORIES:
            pred, gold = c in cats, bool(e.labels.get(c))
            per_cat[c]["tp" if pred and gold else "fp" if pred else "fn" if gold else "tn"] += 1
        pred, gold = bool(cats), bool(e.needs_review)
        any_c["tp" if pred and gold else "fp" if pred else "fn" if gold else "tn"] += 1
    return {
        "per_rule": {r: prf(c["tp"], c["fp"], c["fn"]) for r, c in per_rule.items()},
        "per_category": {c: prf(v["tp"], v["fp"], v["fn"]) for c, v in per_cat.items()},
        "needs_review": prf(any_c["tp"], any_c["fp"], any_c["fn"]),
    }


def precision_at_recall(y: np.ndarray, score: np.ndarray, recall: float) -> dict[str, Any]:
    """Best precision over thresholds whose recall reaches ``recall`` (and that threshold)."""
    if y.sum() == 0:
        return {"precision": None, "recall": None, "threshold": None}
    order = np.argsort(-score, kind="stable")
    best = None
    tp = 0
    for k, i in enumerate(order, start=1):
        tp += int(y[i])
        r = tp / int(y.sum())
        if r + 1e-9 >= recall:
            p = tp / k
            if best is None or p > best["precision"]:
                best = {"precision": round(p, 4), "recall": round(r, 4),
                        "threshold": round(float(score[i]), 4), "flagged": k}
    return best or {"precision": None, "recall": None, "threshold": None}


def recall_at_precision(y: np.ndarray, score: np.ndarray, precision: float) -> dict[str, Any]:
    """Largest recall whose precision is at least ``precision``."""
    if y.sum() == 0:
        return {"precision": None, "recall": None}
    order = np.argsort(-score, kind="stable")
    best = {"precision": None, "recall": 0.0}
    tp = 0
    for k, i in enumerate(order, start=1):
        tp += int(y[i])
        p, r = tp / k, tp / int(y.sum())
        if p + 1e-9 >= precision and r > best["recall"]:
            best = {"precision": round(p, 4), "recall": round(r, 4), "flagged": k}
    return best


def noisy_or(need: np.ndarray, hits: Sequence[Sequence[tuple[str, str, float]]]) -> np.ndarray:
    """Rules and classifier together (roughly what the queue shows first): a provision scores
    ``1 - (1 - P_classifier) × Π(1 - rule confidence)`` (no parameter to fit).

    >>> noisy_or(np.array([0.2, 0.5]), [[("effect.from_signing", "effective_date", 0.8)], []])
    array([0.84, 0.5 ])
    """
    keep = np.array([np.prod([1.0 - c for _r, _c, c in h]) if h else 1.0 for h in hits])
    return 1.0 - (1.0 - need) * keep


def evaluate_classifier(clf: ReviewClassifier, examples: Sequence[Example],
                        rules: dict[str, Any],
                        hits: Sequence[Sequence[tuple[str, str, float]]] | None = None
                        ) -> dict[str, Any]:
    from sklearn.metrics import average_precision_score, brier_score_loss

    preds = clf.predict(examples)
    need = np.array([p["need"] for p in preds])
    y = np.array([e.needs_review for e in examples])
    at05 = need >= 0.5
    at02 = need >= CATEGORY_THRESHOLD
    tp = int((at05 & (y == 1)).sum())
    tp2 = int((at02 & (y == 1)).sum())
    out: dict[str, Any] = {
        "needs_review": {
            "average_precision": round(float(average_precision_score(y, need)), 4)
            if y.sum() else None,
            "brier": round(float(brier_score_loss(y, need)), 4),
            "at_threshold_0.5": prf(tp, int((at05 & (y == 0)).sum()),
                                    int((~at05 & (y == 1)).sum())),
            f"at_threshold_{CATEGORY_THRESHOLD}": prf(tp2, int((at02 & (y == 0)).sum()),
                                                      int((~at02 & (y == 1)).sum())),
        },
        "per_category": {},
    }
    rr = rules["needs_review"]
    if rr["recall"]:
        out["needs_review"]["precision_at_rules_recall"] = precision_at_recall(
            y, need, rr["recall"])
    if rr["precision"]:
        out["needs_review"]["recall_at_rules_precision"] = recall_at_precision(
            y, need, rr["precision"])
    # the classifier added to the rules (what the queue ranks by), not instead of them
    both = noisy_or(need, hits if hits is not None else rule_hits(examples))
    comb: dict[str, Any] = {
        "average_precision": round(float(average_precision_score(y, both)), 4)
        if y.sum() else None,
    }
    if rr["recall"]:
        comb["precision_at_rules_recall"] = precision_at_recall(y, both, rr["recall"])
    if rr["precision"]:
        comb["recall_at_rules_precision"] = recall_at_precision(y, both, rr["precision"])
    out["rules_plus_classifier"] = comb
    for c in PROVISION_CATEGORIES:
        yc = np.array([e.labels.get(c, 0) for e in examples])
        sc = np.array([p["categories"][c] for p in preds])
        entry: dict[str, Any] = {"positives": int(yc.sum())}
        if yc.sum():
            entry["average_precision"] = round(float(average_precision_score(yc, sc)), 4)
            flag = sc >= CATEGORY_THRESHOLD
            tp_c = int((flag & (yc == 1)).sum())
            entry[f"at_threshold_{CATEGORY_THRESHOLD}"] = prf(tp_c, int((flag & (yc == 0)).sum()),
                                             int((~flag & (yc == 1)).sum()))
            rc = rules["per_category"][c]
            if rc["recall"]:
                entry["precision_at_rules_recall"] = precision_at_recall(yc, sc, rc["recall"])
        out["per_category"][c] = entry
    return out


def evaluate(clf: ReviewClassifier | None = None, examples: Sequence[Example] | None = None,
             kb: Any = None) -> dict[str, Any]:
    """Rules and classifier on the held-out set (``corpus/labels/eval.jsonl``); with ``kb``
    the rules are also measured with the knowledge base (conflicts, dossier lists)."""
    examples = list(examples if examples is not None else load_labelled("eval"))
    hits = rule_hits(examples)
    rules = evaluate_rules(examples, hits)
    report: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "heldout": {"provisions": len(examples),
                    "needs_review": int(sum(e.needs_review for e in examples)),
                    "per_category": {c: int(sum(e.labels.get(c, 0) for e in examples))
                                     for c in PROVISION_CATEGORIES}},
        "rules": rules,
    }
    if kb is not None:
        report["rules_with_kb"] = evaluate_rules(examples, rule_hits(examples, kb))
    if clf is not None:
        report["classifier"] = evaluate_classifier(clf, examples, rules, hits)
        report["classifier"]["version"] = clf.version
    return report


MODEL_CARD = """# Model card — {version}

**What it does.** Scores a provision of a local legal document (Nghị quyết HĐND, Quyết định
UBND) for its need of review by the Sở Tư pháp and the likely category
(`competence`, `admin_procedure`, `effective_date`, `conflict`, `form`). It ranks provisions
for reviewers; it never replaces the rules' findings, it re-scores them and can add a
low-severity `classifier.flag` (see `thpl_nlp/review/run.py`).

**Date trained:** {date}. **Artifact:** `model.joblib` ({size_kb} kB, scikit-learn {sklearn}).

## Data
- Training: `corpus/labels/train.jsonl` — {n_train} real provisions ({n_pos} labelled
  "needs review": {pos_cat}), from provincial rows of `provincial/vilegalbert/*.csv` and
  provisions of `provincial/legacy` documents parsed with the project's parser; plus
  reviewers' decisions when retrained with `train(records)`.
- Held out (never used for training or tuning of the classifier):
  `corpus/labels/eval.jsonl` — {n_eval} provisions, {n_eval_pos} positive
  ({eval_cat}).
- Labels: annotators `review-engineer` (first 1,354 provisions) and `review-engineer-2`
  (the rest: texts screened from the whole provincial pool by rule hits, risk keywords and
  the previous model's uncertainty, plus unscreened texts read as a check), each reading
  every provision, guidelines in
  `docs/review.md`; a one-line reason is stored for every positive. Splits are by document:
  no document and no text is in both files.

## Model
- Features: word 1–2-gram TF-IDF (min_df 2) + the provision-level rules' hits (one column
  per rule, valued by its confidence) + textual cues (money, time limits, general repeal
  clause, "from signing", sanctions, fees, dossier/procedure words, prohibitions of
  notarisation, retroactivity) + normative number / HĐND / length.
- Need for review: logistic regression (C=4, balanced classes, liblinear) calibrated with
  `CalibratedClassifierCV` ({calibration}).
- Category: logistic regression over the positive rows, merged with the categories of the
  rules that fire; P(category) = P(need) × P(category | need).

## Metrics on the held-out set (measured {date})
| | precision | recall | other |
|---|---|---|---|
| rules (any provision-level rule) | {r_p} | {r_r} | {r_tp} TP / {r_fp} FP / {r_fn} FN |
| classifier, P(need) ≥ 0.5 | {c5_p} | {c5_r} | |
| classifier, P(need) ≥ 0.2 | {c2_p} | {c2_r} | |
| classifier at the rules' recall | {par_p} | {par_r} | threshold {par_t} |
| classifier at the rules' precision | {rap_p} | {rap_r} | |

Average precision (need): {ap}; Brier score: {brier}.

## Limits
- Very few positives ({n_pos} in training, {n_eval_pos} held out): every number above moves
  by a large step with one provision; treat them as indicative. Retrain from reviewers'
  decisions as they accumulate (`thpl_nlp.review.classifier.train(records)`), and label the
  provisions `most_informative()` proposes first.
- Texts are provincial documents 2000–2023; laws changed in 2025 (Luật 64/2025/QH15) — the
  text cues do not know the date regime, the rules do.
- `conflict` has one held-out positive and none in training: the classifier cannot learn it;
  the conflict rule makes no finding on the labelled set (see `docs/review.md`).
"""


def write_model_card(clf: ReviewClassifier, folder: Any, report: dict[str, Any]) -> None:
    import json as _json
    from pathlib import Path

    import sklearn

    folder = Path(folder)
    r = report["rules"]["needs_review"]
    c = report["classifier"]["needs_review"]
    c5, c2 = c["at_threshold_0.5"], c[f"at_threshold_{CATEGORY_THRESHOLD}"]
    par = c.get("precision_at_rules_recall", {}) or {}
    rap = c.get("recall_at_rules_precision", {}) or {}
    ho = report["heldout"]

    def fmt(v: Any) -> str:
        return "—" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))

    card = MODEL_CARD.format(
        version=clf.version, date=report["date"],
        size_kb=round((folder / "model.joblib").stat().st_size / 1024),
        sklearn=sklearn.__version__, n_train=clf.meta["n_train"], n_pos=clf.meta["n_positive"],
        pos_cat=", ".join(f"{k} {v}" for k, v in clf.meta["positives_per_category"].items()),
        n_eval=ho["provisions"], n_eval_pos=ho["needs_review"],
        eval_cat=", ".join(f"{k} {v}" for k, v in ho["per_category"].items()),
        calibration=clf.meta["calibration"],
        r_p=fmt(r["precision"]), r_r=fmt(r["recall"]), r_tp=r["tp"], r_fp=r["fp"], r_fn=r["fn"],
        c5_p=fmt(c5["precision"]), c5_r=fmt(c5["recall"]),
        c2_p=fmt(c2["precision"]), c2_r=fmt(c2["recall"]),
        par_p=fmt(par.get("precision")), par_r=fmt(par.get("recall")),
        par_t=fmt(par.get("threshold")),
        rap_p=fmt(rap.get("precision")), rap_r=fmt(rap.get("recall")),
        ap=fmt(c["average_precision"]), brier=fmt(c["brier"]),
    )
    (folder / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    (folder / "metrics.json").write_text(_json.dumps(report, ensure_ascii=False, indent=1),
                                         encoding="utf-8")


def main() -> None:  # pragma: no cover - `python -m thpl_nlp.review.evaluation train`
    import sys

    from thpl_nlp.review.classifier import train

    if sys.argv[1:2] != ["train"]:
        print("usage: python -m thpl_nlp.review.evaluation train [VERSION]", file=sys.stderr)
        raise SystemExit(2)
    version = sys.argv[2] if len(sys.argv) > 2 else None
    clf = train(version=version)
    folder = clf.save()
    report = evaluate(clf)
    write_model_card(clf, folder, report)
    print(f"{clf.version}: {folder}")


if __name__ == "__main__":  # pragma: no cover
    main()
