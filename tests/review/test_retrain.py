"""Retraining from reviewers' decisions: promoted only when it does not regress."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from thpl_nlp.review import classifier as C
from thpl_nlp.review.retrain import POINTER, retrain

ROOT = Path(__file__).resolve().parents[2]


def _shipped(tmp_path: Path) -> Path:
    models = tmp_path / "models"
    src = sorted((ROOT / "models").glob("review-clf-*/model.joblib"))[-1].parent
    shutil.copytree(src, models / src.name)
    (models / POINTER).write_text(src.name, encoding="utf-8")
    return models


def _train_rows() -> list[dict]:
    path = ROOT / "corpus" / "labels" / "train.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def test_confirmed_decisions_train_a_candidate_that_is_promoted(tmp_path):
    models = _shipped(tmp_path)
    before = (models / POINTER).read_text()
    # Decisions that agree with the labels: the candidate must be no worse.
    records = [
        {"text": r["text"], "category": c, "decision": "confirmed"}
        for r in _train_rows() for c, v in r["labels"].items() if v
    ]
    result = retrain(records, models_dir=models, version="review-clf-test-good")
    assert result.decisions == len(records) > 0
    assert result.candidate_ap is not None and result.current_ap is not None
    assert result.promoted == (result.candidate_ap >= result.current_ap)
    assert (models / "review-clf-test-good" / "model.joblib").is_file()
    assert (models / before / "model.joblib").is_file()  # the previous model is kept
    if result.promoted:
        assert (models / POINTER).read_text() == "review-clf-test-good"


@pytest.mark.slow  # trains on ~2,600 decisions (3–30 s with the liblinear need head)
def test_a_regressing_candidate_is_not_promoted(tmp_path):
    models = _shipped(tmp_path)
    before = (models / POINTER).read_text()
    rows = _train_rows()
    # Reviewers who dismiss every real problem and confirm every harmless provision.
    records = []
    for r in rows:
        positive = [c for c, v in r["labels"].items() if v]
        for c in C.PROVISION_CATEGORIES:
            decision = "dismissed" if c in positive else "confirmed"
            records.append({"text": r["text"], "category": c, "decision": decision})
    result = retrain(records, models_dir=models, version="review-clf-test-bad")
    assert result.candidate_ap < result.current_ap
    assert not result.promoted
    assert (models / POINTER).read_text() == before
    assert "không đưa vào sử dụng" in result.message()
