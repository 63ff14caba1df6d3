"""Flow ``retrain_classifier``: learn from reviewers' decisions, promote only without regression.

    python pipelines/retrain.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from thpl_nlp import workflow  # noqa: E402


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def export_decisions() -> list[dict]:
    """Reviewers' decisions from the queue as labelled records (DB I/O: retried)."""
    from thpl_nlp.queue.service import export_labels

    with workflow._queue_sessions()() as session:
        return list(export_labels(session))


@task(cache_policy=NO_CACHE)
def train_and_compare(records: list[dict], models_dir: str | None) -> dict:
    from thpl_nlp.review.retrain import retrain

    result = retrain(records, models_dir=Path(models_dir) if models_dir else None)
    workflow.open_classifier.cache_clear()
    return {**result.__dict__, "folder": str(result.folder), "message": result.message()}


@flow(name="retrain_classifier")
def retrain_classifier(models_dir: str | None = None) -> dict:
    """Retrain from the queue's decisions; keep the previous model; promote if no regression."""
    result = train_and_compare(export_decisions(), models_dir)
    get_run_logger().info(result["message"])
    return result


if __name__ == "__main__":
    print(retrain_classifier()["message"], file=sys.stderr)
