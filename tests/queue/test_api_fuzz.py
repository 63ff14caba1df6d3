"""Property-based run over the whole OpenAPI schema (schemathesis + hypothesis): no 500s."""

from __future__ import annotations

import hypothesis
import pytest
from hypothesis import HealthCheck
from queue_examples import example_findings, example_meta

from thpl_nlp.queue import auth
from thpl_nlp.queue import service as svc
from thpl_nlp.queue.web.app import create_app


@pytest.mark.parametrize(
    ("role", "examples"),
    [
        ("reviewer", 8),
        ("viewer", 5),
        pytest.param("reviewer", 100, marks=pytest.mark.slow, id="reviewer-100"),
    ],
)
def test_api_never_answers_500(thpl_home, tmp_path, role, examples):
    schemathesis = pytest.importorskip("schemathesis")  # heavy import: only when run
    app = create_app(f"sqlite:///{tmp_path / 'fuzz.sqlite3'}", home=thpl_home)
    with app.state.SessionLocal() as s:
        user = auth.create_user(s, "nguoi.dung", role, "mat-khau-ra-soat")
        auth.create_user(s, "tran.thi.b", "reviewer", "mat-khau-ra-soat-2")
        svc.ingest_findings(s, example_meta(), example_findings())
        headers = {"Authorization": f"Bearer {auth.create_token(s, user)}"}
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers=headers)
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 15
    failures: list[str] = []
    for op in operations:

        @hypothesis.settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @hypothesis.given(case=op.as_strategy())
        def run(case) -> None:
            r = case.call(headers=headers)
            if r.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} → {r.status_code}")
            if role == "viewer" and case.method != "GET":
                assert r.status_code in (401, 403, 413, 422), (case.method, case.path)

        run()
    assert not failures, failures[:10]
    app.state.engine.dispose()
