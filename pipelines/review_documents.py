"""Flow ``review_documents``: files/folders/globs → read → parse → NLP → checks → queue.

One task per document. A document's review is cached by content hash (with the review date,
knowledge-base version and code version), so unchanged documents are skipped; the queue merge
is idempotent by fingerprint and one transaction per document, so a killed run re-run to
completion leaves exactly the findings of an uninterrupted run.

Run it directly::

    python pipelines/review_documents.py corpus/samples --as-of 2026-11-26
    python pipelines/review_documents.py DIR --dask-address tcp://10.0.0.5:8786
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

if __package__ in (None, ""):  # `python pipelines/review_documents.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from thpl_nlp import workflow  # noqa: E402
from thpl_nlp.errors import ThplError  # noqa: E402
from thpl_nlp.files import expand_inputs  # noqa: E402
from thpl_nlp.runs import RunSummary, progress  # noqa: E402


def _io_failure(task, task_run, state) -> bool:  # noqa: ANN001 - Prefect's signature
    """Retry a document only when reading it failed (a busy network share), never on logic."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:  # noqa: BLE001
        return False
    return False


@task(
    cache_policy=NO_CACHE,
    retries=2,
    retry_delay_seconds=1,
    retry_condition_fn=_io_failure,
    task_run_name="review {source}",
)
def review_one(path: str, source: str, as_of: dt.date, kb_version: str) -> workflow.DocumentOutcome:
    """Hash, parse and review one document (cached by content; retried only on I/O errors).

    A file that is not a readable legal document is an expected outcome, not a crash: it comes
    back with its Vietnamese error instead of failing the task with a traceback.
    """
    content_hash = workflow.file_hash(path)
    try:
        return workflow.cached_review(
            path, source=source, content_hash=content_hash, as_of=as_of, kb=kb_version
        )
    except ThplError as err:  # a machine-dependent error (OCR missing…): not cached
        return workflow.DocumentOutcome(
            source=source, content_hash=content_hash, error=workflow.describe_error(err, source)
        )


@task(retries=3, retry_delay_seconds=2, cache_policy=NO_CACHE)
def merge_into_queue(outcome: workflow.DocumentOutcome, run_id: int) -> dict[str, int]:
    """Merge one document's findings into the queue in one transaction (DB I/O: retried)."""
    return workflow.merge_outcome(outcome, run_id).to_dict()


# Documents are CPU-bound Python: more threads than cores only add contention.
@flow(name="review_documents", task_runner=ThreadPoolTaskRunner(max_workers=os.cpu_count() or 2))
def review_documents(paths: list[str], as_of: dt.date | None = None) -> RunSummary:
    """Review every document under ``paths`` as of ``as_of`` (default today) into the queue."""
    logger = get_run_logger()
    started = time.perf_counter()
    as_of = as_of or dt.date.today()
    inputs = expand_inputs(paths)
    kb_version = workflow.kb_version()
    identity = workflow.review_identity(as_of, kb_version)
    run_id = workflow.start_run(
        as_of, paths=paths, kb_version=kb_version, code_version=identity["code_version"]
    )
    summary = RunSummary(run_id=run_id, as_of=as_of)
    logger.info("Rà soát %d văn bản, ngày xét %s, lần chạy #%d", len(inputs), as_of, run_id)

    # Documents whose merge is already in the queue (same content, date, KB and code) are
    # skipped outright: no task, no transaction.
    state = workflow.merged_state()
    futures = {}
    for path, source in inputs:
        try:
            done = workflow.up_to_date(path, source=source, identity=identity, state=state)
        except OSError:
            done = None  # unreadable here: the task reports it
        if done is not None and done.error:
            summary.fail(source, done.error)
        elif done is not None:
            summary.ok(done, {"unchanged": len(done.findings)})
        else:
            futures[review_one.submit(path, source, as_of, kb_version)] = source

    with progress(len(futures), "Rà soát văn bản") as bar:
        for fut in as_completed(list(futures)):
            source = futures[fut]
            try:
                outcome = fut.result()
                error = outcome.error
            except Exception as err:  # noqa: BLE001 - one bad file fails alone, named
                outcome, error = None, workflow.describe_error(err, source)
            if error or outcome is None:
                summary.fail(source, error or "")
            else:
                t = time.perf_counter()
                stats = merge_into_queue(outcome, run_id)
                summary.ok(outcome, stats, time.perf_counter() - t)
            bar.advance()

    summary.wall_seconds = time.perf_counter() - started
    workflow.finish_run(run_id, summary.to_dict())
    for line in summary.lines():
        logger.info(line)
    return summary


def run_review(
    paths: list[str],
    as_of: dt.date | None = None,
    *,
    workers: int | None = None,
    dask_address: str | None = None,
) -> RunSummary:
    """Run the flow with the chosen task runner: threads (default), local processes, or Dask.

    ``dask_address`` (``tcp://host:8786``) sends document tasks to a Dask cluster — use
    PostgreSQL (``THPL_DB_URL``) as the shared store; ``workers`` starts a local Dask cluster
    of that many single-threaded processes.
    """
    if dask_address or workers:
        from prefect_dask import DaskTaskRunner

        if dask_address:
            runner = DaskTaskRunner(address=dask_address)
        else:
            runner = DaskTaskRunner(
                cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True}
            )
        return review_documents.with_options(task_runner=runner)(paths, as_of)
    return review_documents(paths, as_of)


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Rà soát văn bản và đưa phát hiện vào hàng đợi.")
    ap.add_argument("paths", nargs="+", help="tệp, thư mục hoặc mẫu glob")
    ap.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD")
    ap.add_argument("--workers", type=int, default=None, help="số tiến trình cục bộ (Dask)")
    ap.add_argument("--dask-address", default=None, help="địa chỉ cụm Dask tcp://…")
    ap.add_argument("--summary-json", default=None, help="ghi tóm tắt lần chạy ra tệp JSON")
    ns = ap.parse_args()
    result = run_review(ns.paths, ns.as_of, workers=ns.workers, dask_address=ns.dask_address)
    if ns.summary_json:
        import json

        Path(ns.summary_json).write_text(json.dumps(result.to_dict(), ensure_ascii=False))
    for line in result.lines():
        print(line, file=sys.stderr)
    sys.exit(1 if result.failed else 0)
