"""Fixtures of the report tests: a filled review-queue store, an empty one, a fake KB."""

from __future__ import annotations

import pytest
from report_fixtures import FakeKB, fill_store


@pytest.fixture(scope="session")
def store(tmp_path_factory):
    """An upgraded SQLite queue store filled by :func:`fill_store` (read-only in tests)."""
    from thpl_nlp.queue.store import make_engine, upgrade

    path = tmp_path_factory.mktemp("reports") / "queue.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    fill_store(engine)
    yield engine
    engine.dispose()


@pytest.fixture()
def empty_store(tmp_path):
    from thpl_nlp.queue.store import make_engine, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture()
def kb():
    return FakeKB()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def any_store(request, tmp_path):
    """An empty, migrated queue store: SQLite, and PostgreSQL when THPL_TEST_PG_URL is set
    (a new database, dropped afterwards)."""
    from thpl_nlp.queue.store import make_engine, upgrade

    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite3'}")
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    with request.getfixturevalue("new_pg_database")("thpl_rep") as url:
        engine = make_engine(url)
        try:
            upgrade(engine)
            yield engine
        finally:
            engine.dispose()
