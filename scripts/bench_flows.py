"""make bench — the review flow over the legacy + Đà Nẵng corpus: documents per minute with the
default runner, Dask with 1 and 2 local worker processes, and a second unchanged run.

Every run gets an empty queue and cache (its own THPL_HOME) and shares one knowledge base,
built once from the corpus (THPL_KB_URL). Prefect's temporary server is started once, before
the timings. Writes reports/bench-flows.json.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
AS_OF = dt.date(2026, 11, 26)


def _reset_caches() -> None:
    from thpl_nlp import workflow
    from thpl_nlp.settings import get_settings

    for fn in (get_settings, workflow._queue_sessions, workflow.open_kb, workflow.open_classifier):
        fn.cache_clear()


def main() -> int:
    from thpl_nlp.settings import get_settings

    corpus = get_settings().corpus
    if corpus is None:
        print("Bỏ qua: không có kho dữ liệu (THPL_CORPUS).", file=sys.stderr)
        return 0
    work = Path(tempfile.mkdtemp(prefix="thpl-bench-flows-"))
    kb_home = Path(os.environ.get("THPL_BENCH_KB_HOME", work / "kb"))
    kb_home.mkdir(parents=True, exist_ok=True)
    os.environ["THPL_KB_URL"] = f"sqlite:///{kb_home / 'kb.sqlite3'}"
    os.environ["THPL_HOME"] = str(work / "warmup")
    os.environ.setdefault("PREFECT_HOME", str(work / "prefect"))
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "240")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    _reset_caches()

    from thpl_nlp.kb.build import build

    t = time.perf_counter()
    build(progress=lambda m: None)
    kb_seconds = time.perf_counter() - t

    from prefect import flow

    from pipelines.review_documents import run_review

    @flow
    def warm_up() -> int:
        return 1

    warm_up()  # start Prefect's temporary server outside the timings

    paths = [str(corpus / "provincial" / "legacy"), str(corpus / "provincial" / "danang")]
    runs = []

    def timed(label: str, home: str, **kw) -> dict:
        os.environ["THPL_HOME"] = str(work / home)
        _reset_caches()
        t0 = time.perf_counter()
        summary = run_review(paths, AS_OF, **kw)
        sec = time.perf_counter() - t0
        n = len(summary.documents_ok) + len(summary.failed)
        row = {
            "run": label,
            "documents": n,
            "ok": len(summary.documents_ok),
            "failed": len(summary.failed),
            "cached": summary.documents_cached,
            "findings": summary.findings,
            "seconds": round(sec, 2),
            "documents_per_minute": round(60 * n / sec, 1),
            "stage_seconds": {k: round(v, 2) for k, v in summary.seconds.items()},
        }
        runs.append(row)
        rate = row["documents_per_minute"]
        print(f"{label:<28} {n:>5} {sec:>8.1f} s {rate:>9.1f}/min", flush=True)
        return row

    print(f"{'run':<28} {'docs':>5} {'time':>10} {'throughput':>13}")
    first = timed("threads (1 process)", "threads")
    second = timed("threads, unchanged re-run", "threads")
    timed("Dask, 1 worker process", "dask1", workers=1)
    timed("Dask, 2 worker processes", "dask2", workers=2)
    speedup = round(first["seconds"] / second["seconds"], 1)
    print(f"second unchanged run: {speedup}× faster (target ≥ 10×)")
    out = {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()} CPU",
        "inputs": paths,
        "kb_build_seconds": round(kb_seconds, 1),
        "runs": runs,
        "unchanged_rerun_speedup": speedup,
    }
    (ROOT / "reports").mkdir(exist_ok=True)
    report = ROOT / "reports" / "bench-flows.json"
    report.write_text(json.dumps(out, indent=1, ensure_ascii=False))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
