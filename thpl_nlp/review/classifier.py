"""A calibrated classifier scoring each provision's need for review and its likely category.

Features: word 1–2-gram TF-IDF of the provision text, the provision-level rules that fire on
it (one column per rule, valued by the rule's confidence), and a few cues (normative number,
HĐND/UBND, money amounts, time limits, "trái với … đều bãi bỏ" clauses). Two heads:

* ``need`` — P(needs review): logistic regression calibrated with
  :class:`sklearn.calibration.CalibratedClassifierCV` (sigmoid, stratified folds);
* ``category`` — P(category | needs review): logistic regression over the positive rows,
  combined with the rule hits (a rule that fires names its category).

Trained on the hand-labelled set (``corpus/labels/train.jsonl``) plus, when given, reviewers'
decisions exported by the queue (``{text, rule, category, decision}``); artifacts go under
``models/review-clf-<date>/`` (joblib, well under 5 MB) with ``MODEL_CARD.md``.

>>> REVIEW_DECISIONS["confirmed"], REVIEW_DECISIONS["dismissed"]
(1, 0)
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from thpl_nlp.review.run import PROVISION_CATEGORIES, PROVISION_RULES, review_provision_text

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
LABELS_DIR = Path(__file__).resolve().parents[2] / "corpus" / "labels"
# Queue statuses → label (None: not a decision yet)
REVIEW_DECISIONS: dict[str, int | None] = {
    "confirmed": 1,
    "action_proposed": 1,
    "resolved": 1,
    "dismissed": 0,
    "new": None,
    "in_review": None,
}
RULES = tuple(PROVISION_RULES)
# The rule columns of models saved before the rule list was stored with the model
# (review-clf-2026-11-26, review-clf-2026-11-26-2): they keep loading and scoring.
LEGACY_RULES = ("competence.sanction", "competence.fee", "admin_procedure.extra_paper",
                "admin_procedure.new_procedure", "effect.from_signing", "form.impossible_date",
                "conflict.deadline_longer")
_CUES = {
    "money": re.compile(r"\d{1,3}(?:[.,]\d{3})+\s*(?:đồng|đ\b)|triệu\s+đồng", re.I),
    "duration": re.compile(r"\d+\s*(?:\([^)]*\)\s*)?ngày(?:\s+làm\s+việc)?", re.I),
    "general_repeal": re.compile(r"trái\s+với\s+(?:quy\s+định\s+(?:tại\s+)?)?(?:Quyết\s+định|Nghị"
                                 r"\s+quyết)\s+này\s+(?:đều\s+)?(?:bị\s+)?bãi\s+bỏ", re.I),
    "from_signing": re.compile(r"hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+ngày\s+ký", re.I),
    "sanction": re.compile(r"phạt|xử\s+phạt|bồi\s+thường\s+gấp", re.I),
    "fee": re.compile(r"lệ\s+phí|mức\s+thu\s+phí|thu\s+phí", re.I),
    "dossier": re.compile(r"hồ\s+sơ.{0,60}gồm|trình\s+tự,?\s+thủ\s+tục|thời\s+(?:hạn|gian)\s+giải"
                          r"\s+quyết", re.I),
    "prohibit": re.compile(r"không\s+(?:được\s+)?(?:thực\s+hiện|cấp|làm\s+thủ\s+tục)\s+"
                           r"(?:công\s+chứng|chứng\s+thực|cấp\s+giấy)", re.I),
    "retro": re.compile(r"trở\s+về\s+trước|từ\s+đầu\s+dự\s+án|trước\s+(?:ngày|thời\s+điểm)\s+"
                        r"(?:Nghị\s+quyết|Quyết\s+định)\s+này\s+có\s+hiệu\s+lực", re.I),
}


@dataclass
class Example:
    text: str
    issuer: str = ""
    number: str | None = None
    normative: bool = False
    labels: dict[str, int] = field(default_factory=dict)

    @property
    def needs_review(self) -> int:
        return int(any(self.labels.get(c, 0) for c in PROVISION_CATEGORIES))


def load_labelled(split: str) -> list[Example]:
    """``corpus/labels/<split>.jsonl`` as examples (``train`` or ``eval``)."""
    out = []
    with open(LABELS_DIR / f"{split}.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out.append(Example(r["text"], r.get("issuer") or "", r.get("number"),
                               bool(r.get("normative")), r["labels"]))
    return out


def from_queue(records: Iterable[dict[str, Any]]) -> list[Example]:
    """Reviewers' decisions ``{text, rule, category, decision}`` → examples (undecided skipped).

    >>> [e.labels["competence"] for e in from_queue([{"text": "x", "category": "competence",
    ...                                               "decision": "confirmed"}])]
    [1]
    """
    out = []
    for r in records:
        y = REVIEW_DECISIONS.get(str(r.get("decision", "")).lower())
        cat = r.get("category")
        if y is None or cat not in PROVISION_CATEGORIES or not r.get("text"):
            continue
        labels = dict.fromkeys(PROVISION_CATEGORIES, 0)
        labels[cat] = y
        out.append(Example(r["text"], r.get("issuer") or "", r.get("number"),
                           bool(r.get("normative", True)), labels))
    return out


def _structured(ex: Example, rules: tuple[str, ...] = RULES
                ) -> tuple[list[float], list[tuple[str, str, float]]]:
    hits = review_provision_text(ex.text, issuer=ex.issuer, number=ex.number,
                                 normative=ex.normative)
    hits = [h for h in hits if h[0] in rules]  # a model only knows the rules it learnt from
    by_rule = {r: c for r, _cat, c in hits}
    row = [float(by_rule.get(r, 0.0)) for r in rules]
    row += [1.0 if p.search(ex.text) else 0.0 for p in _CUES.values()]
    hd = "hội đồng" in ex.issuer.lower() or "HĐND" in (ex.number or "")
    row += [1.0 if ex.normative else 0.0, 1.0 if hd else 0.0,
            min(len(ex.text), 2000) / 2000.0]
    return row, hits


class ReviewClassifier:
    """Calibrated need-for-review and category scores for provision texts."""

    def __init__(self) -> None:
        self.vectorizer: Any = None
        self.need: Any = None
        self.category: Any = None
        self.category_labels: list[str] = []
        self.version = ""
        self.meta: dict[str, Any] = {}
        self.rules: tuple[str, ...] = RULES  # the rule-hit columns, in order

    # --- features ---------------------------------------------------------------------
    def _matrix(self, examples: Sequence[Example], fit: bool = False) -> tuple[Any, list]:
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [e.text.lower() for e in examples]
        if fit:
            self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=20000,
                                              sublinear_tf=True)
            tf = self.vectorizer.fit_transform(texts)
        else:
            tf = self.vectorizer.transform(texts)
        rows, hits = (zip(*(_structured(e, self.rules) for e in examples), strict=True)
                      if examples else ((), ()))
        struct = csr_matrix(np.asarray(rows, dtype=float).reshape(len(examples), -1) * 3.0)
        return hstack([tf, struct]).tocsr(), list(hits)

    # --- training ---------------------------------------------------------------------
    def fit(self, examples: Sequence[Example], *, version: str | None = None) -> ReviewClassifier:
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.linear_model import LogisticRegression

        self.rules = RULES
        x, _ = self._matrix(examples, fit=True)
        y = np.array([e.needs_review for e in examples])
        n_pos = int(y.sum())
        if n_pos < 2:
            raise ValueError("cần ít nhất 2 quy định được gắn nhãn 'cần rà soát' để huấn luyện")
        # liblinear (coordinate descent): ~60x faster than lbfgs on these sparse, partly
        # contradictory matrices (0.3 s instead of 19 s on 3,144 rows; see docs/review.md).
        base = LogisticRegression(C=4.0, class_weight="balanced", solver="liblinear",
                                  max_iter=2000)
        folds = max(2, min(5, n_pos))
        self.need = CalibratedClassifierCV(base, method="sigmoid", cv=folds).fit(x, y)
        pos = [i for i, e in enumerate(examples) if e.needs_review]
        cats = [next(c for c in PROVISION_CATEGORIES if examples[i].labels.get(c)) for i in pos]
        self.category_labels = sorted(set(cats))
        if len(self.category_labels) >= 2:
            self.category = LogisticRegression(C=4.0, max_iter=2000).fit(x[pos], cats)
        else:
            self.category = None
        self.version = version or f"review-clf-{dt.date.today().isoformat()}"
        self.meta = {"n_train": len(examples), "n_positive": n_pos,
                     "positives_per_category": {c: cats.count(c) for c in self.category_labels},
                     "calibration": f"sigmoid, {folds} stratified folds"}
        return self

    # --- scoring ----------------------------------------------------------------------
    def predict_need(self, examples: Sequence[Example]) -> np.ndarray:
        x, _ = self._matrix(examples)
        return self.need.predict_proba(x)[:, 1]

    def predict(self, examples: Sequence[Example]) -> list[dict[str, Any]]:
        """Per example: ``{"need": p, "categories": {cat: p}, "category": best}``."""
        x, hits = self._matrix(examples)
        need = self.need.predict_proba(x)[:, 1]
        if self.category is not None:
            cat_p = self.category.predict_proba(x)
            classes = list(self.category.classes_)
        else:
            cat_p = np.ones((len(examples), 1))
            classes = self.category_labels or ["form"]
        out = []
        for i, ex_hits in enumerate(hits):
            cond = dict.fromkeys(PROVISION_CATEGORIES, 0.0)
            for j, c in enumerate(classes):
                cond[c] = float(cat_p[i, j])
            for _rule, cat, conf in ex_hits:  # a fired rule names its category
                cond[cat] = max(cond[cat], conf)
            total = sum(cond.values()) or 1.0
            cats = {c: round(float(need[i]) * v / total, 4) for c, v in cond.items()}
            out.append({"need": round(float(need[i]), 4), "categories": cats,
                        "category": max(cats, key=cats.get)})
        return out

    def predict_proba_categories(self, texts: Sequence[str], *, normative: bool = True
                                 ) -> list[dict[str, float]]:
        """For the runner: per text, P(needs review about category)."""
        preds = self.predict([Example(t, normative=normative) for t in texts])
        return [p["categories"] for p in preds]

    def most_informative(self, provisions: Sequence[Example | str], n: int = 20) -> list[int]:
        """Uncertainty sampling: indices of the ``n`` provisions whose need-for-review
        probability is closest to 0.5 — the ones a reviewer should label next.

        >>> clf = ReviewClassifier()
        >>> clf.predict_need = lambda ex: np.array([0.1, 0.45, 0.9, 0.6])
        >>> clf.most_informative(["a", "b", "c", "d"], 2)
        [1, 3]
        """
        exs = [p if isinstance(p, Example) else Example(p, normative=True) for p in provisions]
        if not exs:
            return []
        p = self.predict_need(exs)
        order = np.argsort(np.abs(p - 0.5), kind="stable")
        return [int(i) for i in order[:n]]

    # --- persistence ------------------------------------------------------------------
    def save(self, folder: Path | None = None) -> Path:
        import joblib

        folder = Path(folder or MODELS_DIR / self.version)
        folder.mkdir(parents=True, exist_ok=True)
        joblib.dump({"vectorizer": self.vectorizer, "need": self.need, "category": self.category,
                     "category_labels": self.category_labels, "version": self.version,
                     "meta": self.meta, "rules": list(self.rules)},
                    folder / "model.joblib", compress=3)
        return folder

    @classmethod
    def load(cls, folder: Path | None = None) -> ReviewClassifier:
        """Load ``folder`` or, by default, the promoted model (``models/CURRENT_REVIEW_CLF``),
        else the newest ``models/review-clf-*`` by date and version suffix."""
        import joblib

        if folder is None:
            pointer = MODELS_DIR / "CURRENT_REVIEW_CLF"
            named = pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else ""
            if named and (MODELS_DIR / named / "model.joblib").is_file():
                folder = MODELS_DIR / named
            else:
                found = sorted((p.parent for p in MODELS_DIR.glob("review-clf-*/model.joblib")),
                               key=lambda d: version_key(d.name))
                if not found:
                    raise FileNotFoundError("chưa có mô hình review-clf trong thư mục models/")
                folder = found[-1]
        d = joblib.load(Path(folder) / "model.joblib")
        clf = cls()
        clf.vectorizer, clf.need, clf.category = d["vectorizer"], d["need"], d["category"]
        clf.category_labels, clf.version, clf.meta = d["category_labels"], d["version"], d["meta"]
        clf.rules = tuple(d.get("rules") or LEGACY_RULES)
        return clf


def version_key(name: str) -> tuple[str, int]:
    """Order of model versions: date, then the suffix (a plain string sort puts
    ``review-clf-2026-11-26`` after ``review-clf-2026-11-26-3`` because "-" < "/").

    >>> sorted(["review-clf-2026-11-26", "review-clf-2026-11-26-3", "review-clf-2026-11-26-2"],
    ...        key=version_key)[-1]
    'review-clf-2026-11-26-3'
    """
    m = re.match(r"review-clf-(\d{4}-\d{2}-\d{2})(?:-(\d+))?$", name)
    return (m[1], int(m[2] or 0)) if m else (name, 0)


def load_current() -> ReviewClassifier | None:
    """The promoted classifier: the version named in ``models/CURRENT_REVIEW_CLF`` when that
    file exists, else the newest ``models/review-clf-*``; None when there is none."""
    pointer = MODELS_DIR / "CURRENT_REVIEW_CLF"
    try:
        if pointer.is_file():
            return ReviewClassifier.load(MODELS_DIR / pointer.read_text(encoding="utf-8").strip())
        return ReviewClassifier.load()
    except FileNotFoundError:
        return None


def train(records: Iterable[dict[str, Any]] = (), *, include_labelled: bool = True,
          version: str | None = None) -> ReviewClassifier:
    """Train from the hand-labelled train split plus reviewers' exported decisions.

    ``records`` are the queue's exported labels ``{text|provision_text, rule, category,
    decision|label}``;
    ``decision`` is a queue status (confirmed/action_proposed/resolved → positive, dismissed
    → negative for that category).
    """
    examples = load_labelled("train") if include_labelled else []
    examples += from_queue(records)
    return ReviewClassifier().fit(examples, version=version)
