"""A temporary Prefect API for the flow tests (one per session: it takes a while to start)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=240):
        yield


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    """An empty THPL_HOME (queue, caches) for one test; the library's caches forgotten."""
    from thpl_nlp import workflow
    from thpl_nlp.settings import get_settings

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("THPL_HOME", str(home))
    for fn in (get_settings, workflow._queue_sessions, workflow.open_kb, workflow.open_classifier):
        fn.cache_clear()
    yield home
    for fn in (get_settings, workflow._queue_sessions, workflow.open_kb, workflow.open_classifier):
        fn.cache_clear()
