"""make bench — the review flow over the legacy + Đà Nẵng corpus: documents per minute with the
default runner, Dask with 1 and 2 local worker processes, and a second unchanged run.

Every run is a process of its own with an empty queue and cache (its own THPL_HOME), sharing
one knowledge base built once from the corpus (THPL_KB_URL); the time is the flow's own
(Prefect's temporary server start-up excluded). Writes reports/bench-flows.json.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
AS_OF = dt.date(2026, 11, 26)


def main() -> int:
    from thpl_nlp.settings import get_settings

    corpus = get_settings().corpus
    if corpus is None:
        print("Bỏ qua: không có kho dữ liệu (THPL_CORPUS).", file=sys.stderr)
        return 0
    work = Path(tempfile.mkdtemp(prefix="thpl-bench-flows-"))
    kb_home = Path(os.environ.get("THPL_BENCH_KB_HOME", work / "kb"))
    kb_home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "THPL_KB_URL": f"sqlite:///{kb_home / 'kb.sqlite3'}",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "240",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "CRITICAL",
        "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL": "CRITICAL",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "thpl_nlp.cli", "kb", "build"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kb_seconds = time.perf_counter() - t

    provincial = corpus / "provincial"
    paths = [str(provincial / "legacy"), str(provincial / "danang" / "dn-*.md")]
    runs = []

    def timed(label: str, home: str, *extra: str) -> dict:
        """One flow run in its own process (its own Prefect temporary server); the time is the
        flow's own, from expanding the inputs to the summary (server start-up excluded)."""
        out = work / f"{home}-{len(runs)}.json"
        run_env = {**env, "THPL_HOME": str(work / home), "PREFECT_HOME": str(work / home / "pf")}
        (work / home / "pf").mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(ROOT / "pipelines" / "review_documents.py"), *paths,
             "--as-of", AS_OF.isoformat(), "--summary-json", str(out), *extra],
            env=run_env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        summary = json.loads(out.read_text(encoding="utf-8"))
        sec = summary["wall_seconds"]
        n = summary["documents_ok"] + len(summary["documents_failed"])
        row = {
            "run": label,
            "documents": n,
            "ok": summary["documents_ok"],
            "failed": len(summary["documents_failed"]),
            "cached": summary["documents_cached"],
            "findings": summary["findings"],
            "seconds": sec,
            "documents_per_minute": round(60 * n / sec, 1),
            "stage_seconds": summary["seconds"],
        }
        runs.append(row)
        rate = row["documents_per_minute"]
        print(f"{label:<28} {n:>5} {sec:>8.1f} s {rate:>9.1f}/min", flush=True)
        return row

    print(f"{'run':<28} {'docs':>5} {'time':>10} {'throughput':>13}")
    first = timed("threads (1 process)", "threads")
    second = timed("threads, unchanged re-run", "threads")
    timed("Dask, 1 worker process", "dask1", "--workers", "1")
    timed("Dask, 2 worker processes", "dask2", "--workers", "2")
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
