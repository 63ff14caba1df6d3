"""Precision of the ``conflict`` findings on real texts, against read verdicts.

Runs the conflict check (KB required) as of 2026-11-26 over
- ``provincial_documents``: the 210 legacy + 4 Đà Nẵng documents (``review_document``);
- ``labelled_eval`` / ``labelled_train``: the labelled provincial provisions (``corpus/labels``);
- ``central_stress``: every non-provincial provision of ``provincial/vilegalbert`` (ministries,
  Government, courts…), each checked as if it were a local provision against the KB's other
  documents of *higher* legal force (its own document excluded). Not the acceptance set: a
  harder test of the comparison itself, since these texts state far more time limits and
  amounts than the provincial ones.

Every finding is matched (set, source, rule, local sentence, higher source) with the verdicts
in ``corpus/labels/conflict_findings.jsonl`` (each read by hand, with the reason); findings
without a verdict are listed as *unread* and must be read before a precision is quoted.
Writes ``reports/eval-conflict.json``.

    .venv/bin/python scripts/eval_conflict.py
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from thpl_nlp.models import LegalDocument, Provision, RawText  # noqa: E402
from thpl_nlp.review.kb_api import hit_field  # noqa: E402
from thpl_nlp.review.rules import ReviewContext, conflict  # noqa: E402
from thpl_nlp.review.run import review_document  # noqa: E402
from thpl_nlp.settings import get_settings  # noqa: E402

AS_OF = dt.date(2026, 11, 26)
VERDICTS = ROOT / "corpus" / "labels" / "conflict_findings.jsonl"
_LOCAL_ISSUER = re.compile(r"HĐND|UBND|Hội đồng nhân dân|[UỦ]y ban nhân dân", re.IGNORECASE)


def force(number: str) -> int:
    """Rank of a central document's force from its number, by the review's own force ranking
    (``review.yaml`` ``force_rank``, as the lower-force-basis check reads it); 0 when unknown."""
    from thpl_nlp.models import Reference
    from thpl_nlp.review.rules import config
    from thpl_nlp.review.rules.bases import _force_key

    key = _force_key(Reference(0, 0, number or "", None, number or None))
    return int(config()["force_rank"].get(key, 0)) if key else 0


def _key(set_: str, source: str, rule: str, local: str, higher_source: str) -> tuple:
    norm = " ".join(local.lower().split())
    return (set_, source, rule, norm, (higher_source or "").split()[0])


def _verdicts() -> dict[tuple, dict[str, Any]]:
    out = {}
    if VERDICTS.is_file():
        for line in VERDICTS.read_text(encoding="utf-8").splitlines():
            v = json.loads(line)
            out[_key(v["set"], v["source"], v["rule"], v["local"], v["higher_source"])] = v
    return out


def _bare_doc(text: str, number: str | None, issuer: str) -> LegalDocument:
    return LegalDocument("provision", RawText("provision", text, "txt"), number=number,
                         issuer=issuer, provisions=[Provision("art_1", "article", "1", 0,
                                                              len(text))])


class _HigherOnly:
    """The KB seen from one central document: its own and equal/lower-force hits removed."""

    def __init__(self, kb: Any, number: str) -> None:
        self.kb, self.number, self.rank = kb, number, force(number)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.kb, name)

    def search(self, query: str, k: int = 5, as_of: dt.date | None = None) -> list[Any]:
        hits = self.kb.search(query, k=k + 5, as_of=as_of) or []
        keep = [h for h in hits if hit_field(h, "number") != self.number
                and force(hit_field(h, "number", "")) > self.rank]
        return keep[:k]


def _finding(set_: str, source: str, eid: str | None, d: Any) -> dict[str, Any]:
    local = d.evidence[0].text if d.evidence else ""
    higher = d.evidence[1] if len(d.evidence) > 1 else None
    return {"set": set_, "source": source, "eid": eid, "rule": d.rule, "local": local,
            "higher_source": higher.source if higher else "",
            "higher": higher.text if higher else ""}


def collect(kb: Any, corpus: Path) -> tuple[list[dict[str, Any]], dict[str, int]]:
    from thpl_nlp.parse import parse_file

    found: list[dict[str, Any]] = []
    checked: Counter = Counter()
    files = sorted((corpus / "provincial" / "legacy").glob("*/*.txt"))
    files += sorted((corpus / "provincial" / "danang").glob("dn-*.md"))
    for f in files:
        try:
            doc = parse_file(f)
        except Exception:  # noqa: BLE001 - unreadable inputs are counted by the parser eval
            continue
        checked["provincial_documents"] += 1
        for x in review_document(doc, as_of=AS_OF, kb=kb):
            if x.category == "conflict":
                found.append(_finding("provincial_documents", str(f.relative_to(corpus)),
                                      x.eid, x))
    for split in ("eval", "train"):
        for line in (ROOT / "corpus" / "labels" / f"{split}.jsonl").open(encoding="utf-8"):
            r = json.loads(line)
            doc = _bare_doc(r["text"], r["number"], r["issuer"] or "Ủy ban nhân dân tỉnh")
            checked[f"labelled_{split}"] += 1
            for d in conflict.check(ReviewContext(doc=doc, as_of=AS_OF, kb=kb)):
                found.append(_finding(f"labelled_{split}", r["id"], None, d))
    seen: set[str] = set()
    for name in ("train", "validation", "test"):
        path = corpus / "provincial" / "vilegalbert" / f"{name}.csv"
        with path.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                if _LOCAL_ISSUER.search(r.get("ministry") or ""):
                    continue
                text = r["text"].split(" none ", 1)[-1]
                if text in seen:
                    continue
                seen.add(text)
                checked["central_stress"] += 1
                # checked as a provincial provision so that the local-only rule runs
                doc = _bare_doc(text, None, "Ủy ban nhân dân tỉnh")
                ctx = ReviewContext(doc=doc, as_of=AS_OF, kb=_HigherOnly(kb, r["id"]))
                for d in conflict.check(ctx):
                    found.append(_finding("central_stress", r["id"], None, d))
    return found, dict(checked)


def score(found: list[dict[str, Any]], verdicts: dict[tuple, dict[str, Any]],
          checked: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for set_ in checked:
        rows = [f for f in found if f["set"] == set_]
        ok = bad = 0
        unread = []
        for f in rows:
            v = verdicts.get(_key(set_, f["source"], f["rule"], f["local"], f["higher_source"]))
            if v is None:
                unread.append(f)
            elif v["correct"]:
                ok += 1
            else:
                bad += 1
        out[set_] = {"checked": checked[set_], "findings": len(rows), "correct": ok,
                     "wrong": bad, "unread": len(unread),
                     "precision": round(ok / (ok + bad), 4) if ok + bad else None,
                     "unread_findings": unread}
    history = Counter((v["set"], v["seen_in"], v["correct"]) for v in verdicts.values())
    out["verdicts_on_file"] = [{"set": s, "seen_in": w, "correct": c, "n": n}
                               for (s, w, c), n in sorted(history.items())]
    return out


def main() -> None:
    from thpl_nlp.kb import KnowledgeBase

    corpus = get_settings().corpus
    if not corpus or not KnowledgeBase.exists():
        report: dict[str, Any] = {"skipped": "cần corpus và KB đã xây dựng (thpl kb build)"}
    else:
        t = time.perf_counter()
        found, checked = collect(KnowledgeBase.open(), corpus)
        report = score(found, _verdicts(), checked)
        report["seconds"] = round(time.perf_counter() - t, 1)
    out = ROOT / "reports" / "eval-conflict.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if "skipped" in report:
        print(f"conflict audit: bỏ qua — {report['skipped']}")
    else:
        print(f"{'set':24} {'checked':>8} {'findings':>9} {'correct':>8} {'wrong':>6} "
              f"{'unread':>7} {'precision':>10}")
        for set_, m in report.items():
            if not isinstance(m, dict) or "checked" not in m:
                continue
            p = "—" if m["precision"] is None else f"{m['precision']:.3f}"
            print(f"{set_:24} {m['checked']:8} {m['findings']:9} {m['correct']:8} "
                  f"{m['wrong']:6} {m['unread']:7} {p:>10}")
        print("verdicts on file (earlier versions included):")
        for h in report["verdicts_on_file"]:
            print(f"  {h['set']:22} correct={h['correct']!s:5} n={h['n']:3}  {h['seen_in']}")
    print(f"\n→ {out}")


if __name__ == "__main__":
    main()
