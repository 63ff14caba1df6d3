"""Review one parsed document: run every rule family, stamp identity, optionally re-score.

>>> import datetime as dt
>>> from thpl_nlp.models import LegalDocument, RawText
>>> doc = LegalDocument("qd.txt", RawText("qd.txt", "Điều 1. Phạt tiền 1.000.000 đồng.", "txt"),
...                     issuer="Ủy ban nhân dân tỉnh Hà Nam", number="1/2021/QĐ-UBND")
>>> sorted({f.rule for f in review_document(doc, as_of=dt.date(2026, 11, 26))})[:2]
['authority.province_merged', 'effect.missing_clause']
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from typing import Any

from thpl_nlp.models import Finding, LegalDocument
from thpl_nlp.review.findings import Draft, document_key, to_finding
from thpl_nlp.review.kb_api import ReviewKB
from thpl_nlp.review.rules import FAMILIES, ReviewContext, config

log = logging.getLogger("thpl.review")
_SAID_NO_KB = False
NO_KB_NOTE = (
    "Chưa có cơ sở dữ liệu văn bản (KB): bỏ qua kiểm tra hiệu lực của căn cứ pháp lý, văn bản "
    "được dẫn chiếu và đối chiếu với văn bản cấp trên trong KB. Hãy chạy `thpl kb build` rồi "
    "rà soát lại."
)
_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def review_document(
    doc: LegalDocument,
    *,
    as_of: dt.date,
    kb: ReviewKB | None = None,
    classifier: Any | None = None,
    timings: dict[str, float] | None = None,
) -> list[Finding]:
    """All findings for ``doc`` at ``as_of``, sorted by position then severity.

    Without ``kb`` the KB-dependent checks are skipped (said once per process on the
    ``thpl.review`` logger). With a ``classifier`` (:class:`thpl_nlp.review.classifier.
    ReviewClassifier`) each provision-level finding's confidence is blended with the
    classifier's probability for its category, and provisions the classifier scores above the
    configured threshold without any rule firing get a low-severity ``classifier.flag``.
    ``timings``, when given, accumulates seconds per rule family (for the benchmark).
    """
    global _SAID_NO_KB
    if kb is None and not _SAID_NO_KB:
        log.warning(NO_KB_NOTE)
        _SAID_NO_KB = True
    ctx = ReviewContext(doc=doc, as_of=as_of, kb=kb)
    drafts: list[Draft] = []
    for fam in FAMILIES:
        t0 = time.perf_counter()
        drafts.extend(fam.check(ctx))
        if timings is not None:
            name = fam.__name__.rsplit(".", 1)[1]
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0
    if classifier is not None:
        t0 = time.perf_counter()
        drafts = _rescore(ctx, drafts, classifier)
        if timings is not None:
            timings["classifier"] = timings.get("classifier", 0.0) + time.perf_counter() - t0
    key = document_key(doc.number, doc.raw.text)
    out: dict[str, Finding] = {}
    for d in drafts:
        f = to_finding(d, document=doc.source, number=doc.number, doc_key=key)
        if f.fingerprint not in out or out[f.fingerprint].confidence < f.confidence:
            out[f.fingerprint] = f
    return sorted(out.values(), key=lambda f: (
        f.start if f.start is not None else -1, _SEVERITY_ORDER[f.severity], f.rule))


def _rescore(ctx: ReviewContext, drafts: list[Draft], clf: Any) -> list[Draft]:
    provs = ctx.own_text_provisions()
    if not provs:
        return drafts
    texts = [ctx.text(p) for p in provs]
    probs = clf.predict_proba_categories(texts, normative=ctx.is_normative)
    by_eid = {p.eid: pr for p, pr in zip(provs, probs, strict=True)}
    fired = {d.eid for d in drafts}
    for d in drafts:
        pr = by_eid.get(d.eid)
        if pr and d.category in pr:
            d.confidence = round(0.5 * d.confidence + 0.5 * pr[d.category], 4)
    threshold = float(config()["thresholds"]["classifier_review"])
    label = ctx.doc.number or ctx.doc.source
    for p, pr in by_eid.items():
        if p in fired or not pr:
            continue
        cat, score = max(pr.items(), key=lambda kv: kv[1])
        if score < max(threshold, 0.8):
            continue
        prov = ctx.doc.find(p)
        from thpl_nlp.models import Evidence

        drafts.append(Draft(
            p, "classifier.flag", cat, "low", score,
            "Mô hình phân loại đánh giá quy định này cần rà soát",
            f"xác suất cần rà soát về “{cat}” là {score:.2f} (mô hình học từ các quyết định của "
            "chuyên viên); không có quy tắc nào xác định được lỗi cụ thể",
            "giu_nguyen", "Điều 41 Nghị định 79/2025/NĐ-CP (nội dung rà soát)",
            evidence=[Evidence(f"{label} {p}", ctx.text(prov)[:300], prov.start, prov.end)],
            todo="chuyên viên đọc và quyết định", start=prov.start, end=prov.end,
            local_text=ctx.text(prov), fact={"model": getattr(clf, "version", "")},
        ))
    return drafts


PROVISION_CATEGORIES = ("competence", "admin_procedure", "effective_date", "conflict", "form")
# The rules review_provision_text runs, with the category each one reports.
PROVISION_RULES = {
    "competence.sanction": "competence",
    "competence.fee": "competence",
    "competence.civil_rights_restriction": "competence",
    "competence.delegated_amendment": "competence",
    "admin_procedure.extra_paper": "admin_procedure",
    "admin_procedure.new_procedure": "admin_procedure",
    "effect.from_signing": "effective_date",
    "form.impossible_date": "form",
    "form.general_repeal": "form",
    "form.wrong_document_type": "form",
    "form.normative_in_individual_decision": "form",
    "conflict.deadline_longer": "conflict",
    "conflict.bound_exceeded": "conflict",
}


def review_provision_text(
    text: str,
    *,
    issuer: str = "",
    number: str | None = None,
    normative: bool | None = None,
    as_of: dt.date | None = None,
    kb: ReviewKB | None = None,
) -> list[tuple[str, str, float]]:
    """The provision-level rules on one bare provision text: ``(rule, category, confidence)``.

    For provisions known only by their text (labelled sets, reviewers' exports): checks that
    need the whole document (numbering, internal references, effective-date arithmetic,
    authority) are replaced by their text-only forms.

    >>> review_provision_text("Vi phạm bị phạt tiền 5.000.000 đồng.", normative=True)[0][:2]
    ('competence.sanction', 'competence')
    """
    from thpl_nlp.models import Provision, RawText
    from thpl_nlp.review.rules import competence, conflict, effective_date, form, issuer_level

    if normative is None:
        normative = bool(number and "/" in number and number.split("/")[1].isdigit())
    body = "HĐND" if "hội đồng" in issuer.lower() or "HĐND" in (number or "") else "UBND"
    level = issuer_level(issuer, number or "") or "province"
    out: list[tuple[str, str, float]] = []
    for h in competence.scan(text, normative=normative, body=body,
                             central_city="thành phố" in issuer.lower() and level == "province"):
        out.append((h.rule, h.category, h.confidence))
    m = re.match(r"\s*\d+[a-z]?/(\d{4})/", number or "")
    year = int(m.group(1)) if m else None
    for rule, cat, _why in effective_date.scan(text, normative=normative, year=year):
        out.append((rule, cat, 0.8))
    for _s, _a, _b in form.bad_dates(text):
        out.append(("form.impossible_date", "form", 0.9))
        break
    form_conf = {"form.general_repeal": 0.8, "form.wrong_document_type": 0.8,
                 "form.normative_in_individual_decision": 0.7}
    for rule in dict.fromkeys(r for r, _s, _e in form.scan(text, number=number)):
        out.append((rule, "form", form_conf[rule]))
    doc = LegalDocument("provision", RawText("provision", text, "txt"), number=number,
                        issuer=issuer or "Ủy ban nhân dân tỉnh",
                        provisions=[Provision("art_1", "article", "1", 0, len(text))])
    ctx = ReviewContext(doc=doc, as_of=as_of or dt.date.today(), kb=kb)
    for d in conflict.check(ctx):
        out.append((d.rule, d.category, d.confidence))
    return out
