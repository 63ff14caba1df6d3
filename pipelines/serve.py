"""Serve every thpl flow as a scheduled deployment (Prefect ``serve``): no work pool needed.

    PREFECT_API_URL=http://127.0.0.1:4200/api python pipelines/serve.py

The schedules are the department's rhythm (times in Asia/Ho_Chi_Minh):
periodic review on the 1st of every month, the half-year report on 15 June, the annual report
and the second half-year report on 15 December, the knowledge-base inbox every hour and
retraining on the 2nd of every month. ``pipelines/prefect.yaml`` declares the same deployments
for a work pool (``prefect deploy --all``).
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from prefect import serve  # noqa: E402
from prefect.schedules import Cron  # noqa: E402

from pipelines.periodic_review import periodic_review  # noqa: E402
from pipelines.reports import annual_report, half_year_report  # noqa: E402
from pipelines.retrain import retrain_classifier  # noqa: E402
from pipelines.review_documents import review_documents  # noqa: E402
from pipelines.update_kb import update_kb  # noqa: E402

TZ = "Asia/Ho_Chi_Minh"


def deployments(inbox: str | None = None) -> list:
    """The deployments with their schedules (also used by the CI check)."""
    from thpl_nlp.settings import get_settings

    inbox = inbox or str(get_settings().home / "inbox")
    return [
        review_documents.to_deployment(name="on-demand"),
        periodic_review.to_deployment(name="monthly", schedule=Cron("0 2 1 * *", timezone=TZ)),
        update_kb.to_deployment(
            name="inbox", schedule=Cron("0 * * * *", timezone=TZ), parameters={"inbox": inbox}
        ),
        retrain_classifier.to_deployment(
            name="monthly", schedule=Cron("0 3 2 * *", timezone=TZ)
        ),
        half_year_report.to_deployment(
            name="june-december", schedule=Cron("0 6 15 6,12 *", timezone=TZ)
        ),
        annual_report.to_deployment(name="december", schedule=Cron("30 6 15 12 *", timezone=TZ)),
    ]


if __name__ == "__main__":
    serve(*deployments())
