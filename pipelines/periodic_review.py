"""Flow ``periodic_review``: re-check every local document in force against today's KB.

Scheduled monthly (see ``prefect.yaml``). Documents the knowledge base knows to have expired
are left out; the others are reviewed again as of ``as_of`` (default today) — unchanged
documents reviewed against an unchanged KB on the same day come from the cache.

    python pipelines/periodic_review.py --as-of 2026-12-01
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from prefect import flow, get_run_logger

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipelines.review_documents import review_documents  # noqa: E402
from thpl_nlp import impact, workflow  # noqa: E402
from thpl_nlp.runs import RunSummary  # noqa: E402


@flow(name="periodic_review")
def periodic_review(as_of: dt.date | None = None) -> RunSummary | None:
    """Review again every stored local document that is still in force at ``as_of``."""
    logger = get_run_logger()
    as_of = as_of or dt.date.today()
    kb = workflow.open_kb()
    paths, skipped = [], []
    for d in impact.reviewed_documents():
        if kb is not None and d["number"]:
            if kb.status(d["number"], as_of).status == "expired":
                skipped.append(d["key"])
                continue
        if d["source"] and Path(d["source"]).exists():
            paths.append(d["source"])
        else:
            logger.warning("Không tìm thấy tệp %s của văn bản %s", d["source"], d["key"])
    logger.info(
        "Rà soát định kỳ: %d văn bản còn hiệu lực, bỏ qua %d văn bản đã hết hiệu lực.",
        len(paths), len(skipped),
    )
    return review_documents(paths, as_of) if paths else None


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Rà soát định kỳ toàn bộ văn bản còn hiệu lực.")
    ap.add_argument("--as-of", type=dt.date.fromisoformat, default=None)
    result = periodic_review(ap.parse_args().as_of)
    if result is not None:
        for line in result.lines():
            print(line, file=sys.stderr)
    sys.exit(1 if result is not None and result.failed else 0)
