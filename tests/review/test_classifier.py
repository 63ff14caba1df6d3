"""The review classifier: training from labels and reviewers' decisions, calibration output,
uncertainty sampling, persistence, and the shipped model's size."""

from __future__ import annotations

from pathlib import Path

import pytest

from thpl_nlp.review.classifier import (
    MODELS_DIR,
    Example,
    ReviewClassifier,
    from_queue,
    load_labelled,
)
from thpl_nlp.review.evaluation import evaluate_rules, precision_at_recall, prf, rule_hits

POS = [
    "Vi phạm bị phạt tiền từ 1.000.000 đồng đến 5.000.000 đồng.",
    "Quyết định này có hiệu lực kể từ ngày ký. Các quy định trước đây trái với Quyết định này "
    "đều bãi bỏ.",
    "Mức thu lệ phí cấp giấy phép: 500.000 đồng/giấy phép.",
    "Các quy định trái với Quyết định này đều bị bãi bỏ.",
]
NEG = [
    "Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành tổ chức thực hiện.",
    "Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này.",
    "Thường trực Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.",
    "Sở Y tế là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh.",
    "Kinh phí thực hiện do ngân sách tỉnh bảo đảm.",
    "Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện Nghị quyết này.",
]


def _examples() -> list[Example]:
    cats = ["competence", "form", "competence", "form"]
    exs = [Example(t, number="5/2021/QĐ-UBND", normative=True, labels={c: 1})
           for t, c in zip(POS, cats, strict=True)]
    exs += [Example(t, number="5/2021/QĐ-UBND", normative=True, labels={}) for t in NEG]
    return exs * 2  # enough rows for the calibration folds


@pytest.fixture(scope="module")
def small_clf() -> ReviewClassifier:
    return ReviewClassifier().fit(_examples(), version="review-clf-test")


def test_scores_rank_positive_rows_first(small_clf):
    preds = small_clf.predict([Example(POS[0], normative=True), Example(NEG[0], normative=True)])
    assert preds[0]["need"] > preds[1]["need"]
    assert preds[0]["category"] == "competence"
    assert all(0.0 <= p["need"] <= 1.0 for p in preds)


def test_uncertainty_sampling_returns_distinct_indices(small_clf):
    idx = small_clf.most_informative(POS + NEG, n=3)
    assert len(idx) == len(set(idx)) == 3 and all(0 <= i < len(POS + NEG) for i in idx)


def test_save_and_load_round_trip(small_clf, tmp_path):
    folder = small_clf.save(tmp_path / "review-clf-test")
    again = ReviewClassifier.load(folder)
    a = small_clf.predict_need([Example(POS[1], normative=True)])[0]
    b = again.predict_need([Example(POS[1], normative=True)])[0]
    assert a == pytest.approx(b)


def test_queue_decisions_become_examples():
    exs = from_queue([
        {"text": "a", "rule": "competence.fee", "category": "competence", "decision": "dismissed"},
        {"text": "b", "rule": "x", "category": "form", "decision": "confirmed"},
        {"text": "c", "rule": "x", "category": "form", "decision": "new"},
    ])
    assert [(e.text, e.needs_review) for e in exs] == [("a", 0), ("b", 1)]


def test_training_needs_positives():
    with pytest.raises(ValueError):
        ReviewClassifier().fit([Example(t) for t in NEG])


def test_metric_helpers():
    import numpy as np

    assert prf(0, 0, 2)["precision"] is None
    y = np.array([1, 0, 1, 0])
    s = np.array([0.9, 0.8, 0.7, 0.1])
    assert precision_at_recall(y, s, 1.0)["precision"] == pytest.approx(2 / 3, abs=1e-3)


def test_shipped_model_is_small_and_loads():
    found = sorted(MODELS_DIR.glob("review-clf-*/model.joblib"))
    assert found, "no trained model under models/"
    assert found[-1].stat().st_size < 5_000_000
    assert (found[-1].parent / "MODEL_CARD.md").is_file()
    clf = ReviewClassifier.load()
    assert clf.version.startswith("review-clf-")


def test_labelled_sets_are_disjoint_and_reasoned():
    import json

    labels = Path(__file__).resolve().parents[2] / "corpus" / "labels"
    rows = {s: [json.loads(x) for x in open(labels / f"{s}.jsonl", encoding="utf-8")]
            for s in ("train", "eval")}
    assert len(rows["eval"]) >= 500
    assert not {r["text"] for r in rows["eval"]} & {r["text"] for r in rows["train"]}
    for r in rows["eval"] + rows["train"]:
        assert set(r["reasons"]) == {c for c, v in r["labels"].items() if v}


def test_rules_evaluate_on_the_heldout_set():
    exs = load_labelled("eval")[:60]
    rep = evaluate_rules(exs, rule_hits(exs))
    assert set(rep["per_rule"]) >= {"competence.sanction", "effect.from_signing"}
    assert rep["needs_review"]["tp"] + rep["needs_review"]["fn"] == sum(
        e.needs_review for e in exs)


def test_review_document_with_the_shipped_classifier(example_doc, kb):
    import datetime as dt

    from thpl_nlp.review.classifier import load_current
    from thpl_nlp.review.run import review_document

    clf = load_current()
    assert clf is not None
    plain = review_document(example_doc, as_of=dt.date(2026, 11, 26), kb=kb)
    scored = review_document(example_doc, as_of=dt.date(2026, 11, 26), kb=kb, classifier=clf)
    rules = {f.fingerprint for f in plain}
    assert rules <= {f.fingerprint for f in scored}
    assert all(0.0 <= f.confidence <= 1.0 for f in scored)
    extra = [f for f in scored if f.fingerprint not in rules]
    assert all(f.rule == "classifier.flag" and f.severity == "low" for f in extra)
