"""Property test of the merge rules: random review runs and decisions against a small model."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select

from thpl_nlp.models import Finding
from thpl_nlp.queue import auth
from thpl_nlp.queue import service as svc
from thpl_nlp.queue.store import (
    TABLES_IN_ORDER,
    Base,
    FindingRow,
    User,
    make_engine,
    session_factory,
)

EIDS = ["basis_1", "basis_2", "art_1", "art_2__para_1", "art_3", "document"]
META = {
    "source": "nq-mau.txt",
    "number": "7/2024/NQ-HĐND",
    "doc_type": "Nghị quyết",
    "issuer": "Hội đồng nhân dân tỉnh Bắc Ninh",
}

# one run: for each reported eid, the version of its provision text and of the KB fact
run_st = st.dictionaries(
    st.sampled_from(EIDS), st.tuples(st.integers(0, 2), st.integers(0, 1)), max_size=len(EIDS)
)
# decisions taken by a reviewer after a run: eid → confirmed / dismissed
decisions_st = st.dictionaries(st.sampled_from(EIDS), st.sampled_from(["confirmed", "dismissed"]))


def _finding(eid: str, text_v: int, fact_v: int) -> Finding:
    return Finding(
        document="nq-mau.txt",
        number=META["number"],
        eid=eid,
        rule="form.rule",
        category="form",
        severity="low",
        confidence=0.5,
        message=f"Phát hiện thử ở {eid}.",
        fingerprint=f"fp-{eid}",
        text_hash=f"text-{eid}-{text_v}",
        fact_hash=f"fact-{fact_v}",
    )


def test_merge_rules_hold_for_any_sequence(tmp_path, sqlite_template):
    path = tmp_path / "prop.sqlite3"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    make = session_factory(engine)
    with make() as s:
        reviewer_id = auth.create_user(s, "nguoi.ra.soat", "reviewer", "mat-khau-dai-du").id

    @settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(steps=st.lists(st.tuples(run_st, decisions_st), min_size=1, max_size=6))
    def check(steps):
        with engine.begin() as conn:
            for name in reversed(TABLES_IN_ORDER):
                if name not in ("users",):
                    conn.execute(delete(Base.metadata.tables[name]))
        model: dict[str, dict] = {}  # eid → {status, resolution, text, fact}
        with make() as s:
            user = s.get(User, reviewer_id)
            for run, decisions in steps:
                stats = svc.ingest_findings(
                    s, META, [_finding(e, tv, fv) for e, (tv, fv) in run.items()]
                )
                want = {"new": 0, "reopened": 0, "unchanged": 0, "closed": 0}
                for eid, (tv, fv) in run.items():
                    m = model.get(eid)
                    if m is None:
                        model[eid] = {"status": "new", "res": None, "text": tv, "fact": fv}
                        want["new"] += 1
                        continue
                    changed = m["text"] != tv or m["fact"] != fv
                    staff_closed = m["status"] == "dismissed" or (
                        m["status"] == "resolved" and m["res"] != "system"
                    )
                    if (staff_closed and changed) or (
                        m["status"] == "resolved" and m["res"] == "system"
                    ):
                        m.update(status="new", res=None)
                        want["reopened"] += 1
                    else:
                        want["unchanged"] += 1
                    m.update(text=tv, fact=fv)
                for eid, m in model.items():
                    if eid not in run and m["status"] in svc.OPEN_STATUSES:
                        m.update(status="resolved", res="system")
                        want["closed"] += 1
                assert stats.to_dict() == want
                for eid, decision in decisions.items():
                    m = model.get(eid)
                    if m is None or decision not in svc.TRANSITIONS[m["status"]]:
                        continue
                    row = s.scalars(select(FindingRow).where(FindingRow.eid == eid)).one()
                    svc.set_status(s, row.id, user, decision, row.version)
                    m.update(status=decision, res=None)
                rows = {r.eid: r for r in s.scalars(select(FindingRow))}
                assert {e: r.status for e, r in rows.items()} == {
                    e: m["status"] for e, m in model.items()
                }
                # never a duplicate: one row per fingerprint
                assert s.scalar(select(func.count(FindingRow.id))) == len(model)

    check()
    engine.dispose()
