"""Benchmark of the review queue with 100,000 SYNTHETIC findings in SQLite.

The findings are synthetic load data (generated here, in a temporary THPL_HOME that is
deleted afterwards): 2,000 invented documents × 50 findings, with Vietnamese-looking
messages marked "[DỮ LIỆU GIẢ LẬP ĐỂ ĐO TẢI]". They say nothing about real documents.

Measured in-process through the ASGI app (FastAPI TestClient). The reported figure is the
server time from the app's ``Server-Timing`` header (request in → response start, all
middleware included); the client's wall time is kept in ``results_client_wall_time``:
- queue page (first page, filtered page, text search, a deep page), finding page;
- triage commit: ``POST /api/findings/{id}/decision`` and the bare ``service.set_status``.
Targets: p95 of the queue page and the finding page < 300 ms, triage commit < 50 ms.
Writes reports/bench-queue.json.

    .venv/bin/python scripts/bench_queue.py [--findings 100000] [--samples 200]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from thpl_nlp.models import FINDING_CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "reports" / "bench-queue.json"
TARGETS_MS = {"queue_page": 300.0, "finding_page": 300.0, "triage_commit": 50.0}
CATEGORIES = FINDING_CATEGORIES
ISSUERS = (
    "Ủy ban nhân dân tỉnh Giả Lập",
    "Hội đồng nhân dân tỉnh Giả Lập",
    "Ủy ban nhân dân huyện Giả Lập",
    "Ủy ban nhân dân xã Giả Lập",
)
SYNTH = "[DỮ LIỆU GIẢ LẬP ĐỂ ĐO TẢI]"


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, round(p / 100 * (len(xs) - 1))))
    return xs[k]


def _stats(xs: list[float]) -> dict[str, float]:
    return {
        "n": len(xs),
        "p50_ms": round(_pct(xs, 50), 2),
        "p95_ms": round(_pct(xs, 95), 2),
        "max_ms": round(max(xs), 2),
        "mean_ms": round(statistics.fmean(xs), 2),
    }


def generate(session, n_findings: int, per_doc: int = 50) -> float:
    """Ingest synthetic findings document by document; returns seconds spent."""
    from thpl_nlp.models import Evidence, Finding
    from thpl_nlp.queue import service as svc

    rnd = random.Random(20261126)
    t0 = time.perf_counter()
    n_docs = max(1, n_findings // per_doc)
    for d in range(n_docs):
        number = f"{d + 1}/2024/QĐ-GL"
        source = f"gia-lap/tai-{d + 1:05d}.txt"
        provisions = [
            {
                "eid": f"art_{a}",
                "kind": "article",
                "num": str(a),
                "heading": None,
                "text": f"Điều {a}. {SYNTH} Nội dung điều {a} của văn bản giả lập.",
                "start": 0,
                "end": 0,
                "page": None,
            }
            for a in range(1, per_doc + 1)
        ]
        meta = {
            "source": source,
            "number": number,
            "doc_type": "Quyết định",
            "issuer": ISSUERS[d % len(ISSUERS)],
            "issued_on": "2024-05-01",
            "title": f"{SYNTH} Văn bản giả lập số {d + 1}",
            "provisions": provisions,
            "bases": [],
        }
        items = []
        for a in range(1, per_doc + 1):
            cat = CATEGORIES[rnd.randrange(len(CATEGORIES))]
            items.append(
                Finding(
                    document=source,
                    number=number,
                    eid=f"art_{a}",
                    rule=f"synthetic.{cat}",
                    category=cat,
                    severity=rnd.choice(("high", "medium", "low")),
                    confidence=round(rnd.random(), 3),
                    message=(
                        f"{SYNTH} Điều {a} có thể {rnd.choice(['trái', 'chưa phù hợp với'])} "
                        f"quy định của văn bản cấp trên số {rnd.randrange(1, 200)}/2020/NĐ-CP."
                    ),
                    cited=f"{rnd.randrange(1, 200)}/2020/NĐ-CP",
                    evidence=[
                        Evidence(
                            f"kb:{rnd.randrange(1, 200)}/2020/NĐ-CP", f"{SYNTH} Trích dẫn giả lập."
                        )
                    ],
                    fingerprint=f"synthetic-{d}-{a}",
                    text_hash=f"t{d}-{a}",
                    fact_hash="f0",
                )
            )
        svc.ingest_findings(session, meta, items)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--findings", type=int, default=100_000)
    ap.add_argument("--samples", type=int, default=200)
    args = ap.parse_args(argv)

    home = Path(tempfile.mkdtemp(prefix="thpl-bench-queue-"))
    os.environ["THPL_HOME"] = str(home)
    os.environ.setdefault("THPL_SECRET_KEY", "bench-only-secret")
    os.environ.pop("THPL_DB_URL", None)
    try:
        from fastapi.testclient import TestClient

        from thpl_nlp.queue import auth
        from thpl_nlp.queue import service as svc
        from thpl_nlp.queue.store import FindingRow, User
        from thpl_nlp.settings import get_settings

        get_settings.cache_clear()
        from thpl_nlp.queue.web.app import create_app

        db_url = f"sqlite:///{home / 'bench.sqlite3'}"
        app = create_app(db_url, home=home)
        Session = app.state.SessionLocal
        with Session() as s:
            auth.create_user(s, "danh.gia", "reviewer", "mat-khau-do-tai")
            auth.create_user(s, "danh.gia.2", "reviewer", "mat-khau-do-tai-2")
            print(f"Sinh {args.findings} phát hiện giả lập…", file=sys.stderr)
            ingest_s = generate(s, args.findings)
            total = s.query(FindingRow).count()
        rnd = random.Random(7)
        client = TestClient(app)
        from thpl_nlp.queue.store import session_factory  # noqa: F401 - same engine below

        h = {}
        with Session() as s:
            user = s.query(User).filter_by(name="danh.gia").one()
            h = {"Authorization": f"Bearer {auth.create_token(s, user)}"}
        # pages need a session cookie: sign in like a browser
        import re

        tok = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)[1]
        r = client.post(
            "/login",
            data={"name": "danh.gia", "password": "mat-khau-do-tai", "csrf_token": tok},
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text

        server_ms: list[float] = []  # Server-Timing of the last request(s)

        def server_time(resp) -> float:
            return float(resp.headers["server-timing"].split("dur=")[1])

        def timed(fn, n: int) -> tuple[list[float], list[float]]:
            fn()  # warm-up
            wall = []
            server_ms.clear()
            for _ in range(n):
                t = time.perf_counter()
                fn()
                wall.append((time.perf_counter() - t) * 1000)
            return list(server_ms), wall

        def get_ok(url: str) -> None:
            resp = client.get(url)
            assert resp.status_code == 200, (url, resp.status_code)
            server_ms.append(server_time(resp))

        ids = [rnd.randrange(1, total + 1) for _ in range(args.samples + 1)]
        it = iter(ids)
        pages = {
            "queue_page": lambda: get_ok("/queue"),
            "queue_page_filtered": lambda: get_ok(
                "/queue?status=new&category=competence&severity=high"
            ),
            "queue_page_search": lambda: get_ok("/queue?q=" + "chưa phù hợp"),
            "queue_page_deep": lambda: get_ok(f"/queue?page={rnd.randrange(100, 1900)}"),
            "finding_page": lambda: get_ok(f"/findings/{next(it)}"),
        }
        results, wall_results = {}, {}
        for name, fn in pages.items():
            srv, wall = timed(fn, args.samples)
            results[name], wall_results[name] = _stats(srv), _stats(wall)

        # triage commits through the API (optimistic locking, audit event, commit)
        todo = rnd.sample(range(1, total + 1), 2 * args.samples + 2)
        it2 = iter(todo)

        def api_commit() -> tuple[float, float]:
            fid = next(it2)
            v = client.get(f"/api/findings/{fid}", headers=h).json()["version"]
            t = time.perf_counter()
            resp = client.post(
                f"/api/findings/{fid}/decision",
                json={"status": "confirmed", "version": v},
                headers=h,
            )
            wall_ms = (time.perf_counter() - t) * 1000
            assert resp.status_code == 200, resp.text
            return server_time(resp), wall_ms

        api_server, api_wall = [], []
        for _ in range(args.samples):
            srv, wall = api_commit()
            api_server.append(srv)
            api_wall.append(wall)
        results["triage_commit"] = _stats(api_server)
        wall_results["triage_commit"] = _stats(api_wall)

        svc_times = []
        with Session() as s:
            user = s.query(User).filter_by(name="danh.gia.2").one()
            for _ in range(args.samples):
                fid = next(it2)
                row = svc.get_finding(s, fid)
                t = time.perf_counter()
                svc.set_status(s, fid, user, "dismissed", row.version)
                svc_times.append((time.perf_counter() - t) * 1000)
        results["triage_commit_service"] = _stats(svc_times)
        db_mb = (home / "bench.sqlite3").stat().st_size / 1e6
        app.state.engine.dispose()
    finally:
        shutil.rmtree(home, ignore_errors=True)

    verdict = {
        "queue_page": results["queue_page"]["p95_ms"] < TARGETS_MS["queue_page"],
        "queue_page_filtered": results["queue_page_filtered"]["p95_ms"] < TARGETS_MS["queue_page"],
        "queue_page_search": results["queue_page_search"]["p95_ms"] < TARGETS_MS["queue_page"],
        "queue_page_deep": results["queue_page_deep"]["p95_ms"] < TARGETS_MS["queue_page"],
        "finding_page": results["finding_page"]["p95_ms"] < TARGETS_MS["finding_page"],
        "triage_commit": results["triage_commit"]["p95_ms"] < TARGETS_MS["triage_commit"],
    }
    report = {
        "data": "SYNTHETIC load data generated by scripts/bench_queue.py (not real findings)",
        "backend": "sqlite (WAL)",
        "findings": total,
        "documents": max(1, args.findings // 50),
        "ingest_seconds": round(ingest_s, 2),
        "ingest_findings_per_second": round(total / ingest_s, 1),
        "db_megabytes": round(db_mb, 1),
        "samples": args.samples,
        "cpu_count": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "targets_ms_p95": TARGETS_MS,
        "results": results,
        "results_client_wall_time": wall_results,
        "meets_targets": verdict,
    }
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(
        f"{'measure (server time)':<24}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"{'wall p95':>10}  target"
    )
    for name, st in results.items():
        target = TARGETS_MS.get(name.split("_service")[0]) or TARGETS_MS.get(
            "queue_page" if name.startswith("queue_page") else name, ""
        )
        wall = wall_results.get(name, {}).get("p95_ms", "—")
        print(
            f"{name:<24}{st['p50_ms']:>9}{st['p95_ms']:>9}{st['max_ms']:>9}{wall:>10}  < {target}"
        )
    print(
        f"ingest: {total} synthetic findings in {ingest_s:.1f} s "
        f"({report['ingest_findings_per_second']}/s); db {report['db_megabytes']} MB"
    )
    print(f"→ {REPORT}")
    return report


if __name__ == "__main__":
    main()
