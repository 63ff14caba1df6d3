"""Retrain the review classifier from reviewers' decisions; promote it only if it does not regress.

The held-out labelled set (``corpus/labels/eval.jsonl``) never enters training. A candidate is
promoted — ``models/CURRENT_REVIEW_CLF`` pointed at it — when its average precision for "needs
review" on that set is at least the current model's; the previous model stays on disk, so
promotion can be undone by pointing back.

>>> result = retrain(records=[], models_dir=Path("/tmp/m"))  # doctest: +SKIP
>>> result.promoted  # doctest: +SKIP
True
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thpl_nlp.review import classifier as C

POINTER = "CURRENT_REVIEW_CLF"


@dataclass
class RetrainResult:
    candidate: str
    candidate_ap: float | None
    current: str | None
    current_ap: float | None
    promoted: bool
    decisions: int
    folder: Path

    def message(self) -> str:
        verdict = "đã đưa vào sử dụng" if self.promoted else "không đưa vào sử dụng (kém hơn)"
        return (
            f"Mô hình {self.candidate} (AP={self.candidate_ap}) so với {self.current or 'chưa có'} "
            f"(AP={self.current_ap}) trên tập đánh giá giữ riêng: {verdict}; "
            f"{self.decisions} quyết định của chuyên viên được dùng để huấn luyện."
        )


def _need_ap(clf: C.ReviewClassifier | None, examples: list[C.Example]) -> float | None:
    if clf is None:
        return None
    import numpy as np
    from sklearn.metrics import average_precision_score

    y = np.array([e.needs_review for e in examples])
    if not y.sum():
        return None
    score = clf.predict_need(examples)
    return round(float(average_precision_score(y, score)), 4)


def retrain(
    records: Iterable[dict[str, Any]], *, models_dir: Path | None = None, version: str | None = None
) -> RetrainResult:
    """Train a candidate on the labelled train split plus ``records`` (the queue's
    ``export_labels()``), compare it with the promoted model on the held-out split, promote
    it when it does not regress."""
    models_dir = Path(models_dir or C.MODELS_DIR)
    records = list(records)
    heldout = C.load_labelled("eval")
    pointer = models_dir / POINTER
    current = None
    if pointer.is_file():
        current = C.ReviewClassifier.load(models_dir / pointer.read_text(encoding="utf-8").strip())
    else:
        found = sorted(models_dir.glob("review-clf-*/model.joblib"))
        current = C.ReviewClassifier.load(found[-1].parent) if found else None

    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    candidate = C.train(records, version=version or f"review-clf-{stamp}")
    folder = candidate.save(models_dir / candidate.version)
    cand_ap, cur_ap = _need_ap(candidate, heldout), _need_ap(current, heldout)
    promoted = cur_ap is None or (cand_ap is not None and cand_ap >= cur_ap)
    if promoted:
        tmp = pointer.with_suffix(".tmp")
        tmp.write_text(candidate.version, encoding="utf-8")
        os.replace(tmp, pointer)
    return RetrainResult(
        candidate=candidate.version, candidate_ap=cand_ap,
        current=current.version if current else None, current_ap=cur_ap,
        promoted=promoted, decisions=len(records), folder=folder,
    )
