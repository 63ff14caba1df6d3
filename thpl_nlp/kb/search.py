"""Search of higher-level provisions: BM25 and TF-IDF over syllables, combined, date-filtered.

Texts are lower-cased and cut into syllables (``\\w+``); n-grams are hashed
(:class:`~sklearn.feature_extraction.text.HashingVectorizer`), so the index needs no
vocabulary and is saved as two sparse matrices. The score of a provision is
``alpha · BM25 / max(BM25) + (1 − alpha) · cos(TF-IDF)/max`` (parameters tuned on ALQAC
train, see ``scripts/eval_kb.py`` and ``docs/kb.md``).

>>> eng = Engine.fit(["Luật này quy định về cư trú", "Điều kiện đăng ký thường trú"])
>>> eng.top("đăng ký thường trú", k=1)[0][0]
1
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

TOKEN_RE = r"(?u)\b\w+\b"
DEFAULTS = {"k1": 1.2, "b": 0.75, "bm25_ngram": 1, "tfidf_ngram": 2, "alpha": 0.5,
            "n_features": 2**20}


def _hasher(ngram: int, n_features: int) -> HashingVectorizer:
    return HashingVectorizer(
        token_pattern=TOKEN_RE, lowercase=True, ngram_range=(1, ngram), norm=None,
        alternate_sign=False, n_features=n_features, dtype=np.float32,
    )


@dataclass
class Engine:
    """A combined BM25 + TF-IDF index over a list of texts (row i = text i)."""

    bm25: sparse.csc_matrix  # rows × features, BM25 term weights
    tfidf: sparse.csc_matrix  # rows × features, l2-normalised tf-idf
    params: dict = field(default_factory=lambda: dict(DEFAULTS))

    @classmethod
    def fit(cls, texts: list[str], **params) -> Engine:
        p = dict(DEFAULTS, **params)
        # BM25 weights
        tf = _hasher(p["bm25_ngram"], p["n_features"]).transform(texts).tocsr()
        n = tf.shape[0]
        dl = np.asarray(tf.sum(axis=1)).ravel()
        avgdl = dl.mean() if n else 1.0
        df = np.bincount(tf.indices, minlength=tf.shape[1])
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        rows = np.repeat(np.arange(n), np.diff(tf.indptr))
        norm = p["k1"] * (1 - p["b"] + p["b"] * dl[rows] / avgdl)
        data = tf.data * (p["k1"] + 1) / (tf.data + norm) * idf[tf.indices]
        bm = sparse.csr_matrix((data.astype(np.float32), tf.indices, tf.indptr), shape=tf.shape)
        if p["alpha"] >= 1.0:  # BM25 alone (what tuning chose): no TF-IDF matrix to keep
            eng = cls(bm.tocsc(), sparse.csc_matrix(tf.shape, dtype=np.float32), p)
            eng._idf2 = None
            return eng
        # TF-IDF (sublinear tf, smooth idf, l2)
        tf2 = _hasher(p["tfidf_ngram"], p["n_features"]).transform(texts).tocsr()
        df2 = np.bincount(tf2.indices, minlength=tf2.shape[1])
        idf2 = (np.log((1 + n) / (1 + df2)) + 1).astype(np.float32)
        d2 = (1 + np.log(tf2.data)) * idf2[tf2.indices]
        x = sparse.csr_matrix((d2.astype(np.float32), tf2.indices, tf2.indptr), shape=tf2.shape)
        nrm = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        nrm[nrm == 0] = 1
        x = sparse.diags(1 / nrm).astype(np.float32) @ x
        p["idf2"] = None
        eng = cls(bm.tocsc(), x.tocsc(), p)
        eng._idf2 = idf2
        return eng

    # the TF-IDF query side needs the idf vector
    _idf2: np.ndarray | None = None

    def scores(self, query: str) -> np.ndarray:
        p = self.params
        q1 = _hasher(p["bm25_ngram"], p["n_features"]).transform([query]).tocsr()
        cols = q1.indices
        s1 = np.asarray(self.bm25[:, cols].sum(axis=1)).ravel() if len(cols) else np.zeros(
            self.bm25.shape[0], np.float32)
        a = p["alpha"]
        if a >= 1.0 or self._idf2 is None:
            m1 = s1.max() if s1.size else 0
            return s1 / m1 if m1 > 0 else s1
        q2 = _hasher(p["tfidf_ngram"], p["n_features"]).transform([query]).tocsr()
        if len(q2.indices):
            w = (1 + np.log(q2.data)) * self._idf2[q2.indices]
            w = w / (np.linalg.norm(w) or 1)
            s2 = self.tfidf[:, q2.indices] @ w
        else:
            s2 = np.zeros_like(s1)
        m1, m2 = s1.max() if s1.size else 0, s2.max() if s2.size else 0
        return a * (s1 / m1 if m1 > 0 else s1) + (1 - a) * (s2 / m2 if m2 > 0 else s2)

    def top(self, query: str, k: int = 10, mask: np.ndarray | None = None
            ) -> list[tuple[int, float]]:
        s = self.scores(query)
        if mask is not None:
            s = np.where(mask, s, -1.0)
        k = min(k, s.size)
        if k <= 0:
            return []
        idx = np.argpartition(-s, k - 1)[:k]
        idx = idx[np.argsort(-s[idx])]
        return [(int(i), float(s[i])) for i in idx if s[i] > 0]

    def save(self, d: Path) -> None:
        d.mkdir(parents=True, exist_ok=True)
        sparse.save_npz(d / "bm25.npz", self.bm25, compressed=False)
        sparse.save_npz(d / "tfidf.npz", self.tfidf, compressed=False)
        if self._idf2 is not None:
            np.save(d / "idf2.npy", self._idf2)
        (d / "params.json").write_text(json.dumps({k: v for k, v in self.params.items()
                                                   if k != "idf2"}))

    @classmethod
    def load(cls, d: Path) -> Engine:
        eng = cls(sparse.load_npz(d / "bm25.npz").tocsc(), sparse.load_npz(d / "tfidf.npz").tocsc(),
                  json.loads((d / "params.json").read_text()))
        eng._idf2 = np.load(d / "idf2.npy") if (d / "idf2.npy").is_file() else None
        return eng


@dataclass
class Hit:
    """One provision found by :func:`search`."""

    number: str
    eid: str
    heading: str | None
    text: str
    score: float
    doc_title: str | None = None
    effective_on: dt.date | None = None

    def to_dict(self) -> dict:
        return {"number": self.number, "eid": self.eid, "heading": self.heading,
                "title": self.doc_title, "score": round(self.score, 4),
                "effective_on": self.effective_on.isoformat() if self.effective_on else None,
                "text": self.text}


def provision_text(heading: str | None, text: str) -> str:
    return f"{heading or ''}\n{text}"


def tuned_params() -> dict:
    f = Path(__file__).with_name("search_params.json")
    return json.loads(f.read_text()) if f.is_file() else {}


@dataclass
class _IndexRow:
    id: int
    number: str
    heading: str | None
    text: str
    effective_on: dt.date | None


def build_index(url: str, out: Path) -> int:
    """Index every provision of the KB at ``url`` into folder ``out``; returns the row count."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from thpl_nlp.kb import store as S

    eng = S.make_engine(url)
    with Session(eng) as s:
        all_rows = s.execute(select(S.Provision.id, S.Provision.number, S.Provision.eid,
                                    S.Provision.heading, S.Provision.text,
                                    S.Provision.effective_on, S.Provision.source_kind)
                             .order_by(S.Provision.id)).all()
    eng.dispose()
    # one row per provision: the same article can come from several sources (its own text,
    # Pháp điển, vbpl.vn); keep the best-ranked text and the known effective date
    from thpl_nlp.kb.config import rank

    best: dict[tuple[str, str], list] = {}
    for r in all_rows:
        k = (r.number, r.eid)
        cur = best.get(k)
        if cur is None:
            best[k] = [r, r.effective_on]
        else:
            if rank(r.source_kind) < rank(cur[0].source_kind):
                cur[0] = r
            cur[1] = cur[1] or r.effective_on
    rows = [_IndexRow(r.id, r.number, r.heading, r.text, eff) for r, eff in best.values()]
    texts = [provision_text(r.heading, r.text) for r in rows]
    tmp = out.with_name(out.name + ".tmp")
    if not texts:
        import shutil

        shutil.rmtree(out, ignore_errors=True)
        return 0
    engine = Engine.fit(texts, **tuned_params())
    engine.save(tmp)
    np.save(tmp / "ids.npy", np.array([r.id for r in rows], dtype=np.int64))
    eff = np.array([(r.effective_on.toordinal() if r.effective_on else 0) for r in rows],
                   dtype=np.int32)
    np.save(tmp / "eff.npy", eff)
    (tmp / "numbers.json").write_text(json.dumps([r.number for r in rows], ensure_ascii=False))
    import shutil

    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return len(rows)


def snippet(text: str, n: int = 400) -> str:
    t = re.sub(r"\s+", " ", text).strip()
    return t if len(t) <= n else t[:n].rsplit(" ", 1)[0] + " …"
