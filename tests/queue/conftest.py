"""Fixtures for the review queue: a fresh, migrated store per test (SQLite, and PostgreSQL
when THPL_TEST_PG_URL is set) and accounts of every role."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from thpl_nlp.queue import auth
from thpl_nlp.queue.store import make_engine, session_factory, upgrade

# Password hashing at production cost takes ~0.6 s on this machine; tests need no such cost.
auth.set_hash_cost(time_cost=1, memory_cost=1024)


@pytest.fixture
def thpl_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("THPL_HOME", str(home))
    monkeypatch.delenv("THPL_DB_URL", raising=False)
    monkeypatch.setenv("THPL_SECRET_KEY", "test-secret-key-not-for-production")
    from thpl_nlp.settings import get_settings

    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs a PostgreSQL server (THPL_TEST_PG_URL)")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (Alembic runs once per session)."""
    path = tmp_path_factory.mktemp("tpl") / "template.sqlite3"
    e = make_engine(f"sqlite:///{path}")
    upgrade(e)
    e.dispose()
    return path


@pytest.fixture(scope="session")
def pg_base_url(new_pg_database) -> Iterator[str | None]:  # noqa: ANN001 - a fixture
    """A fresh, migrated PostgreSQL database for this test session (None without a server)."""
    if not os.environ.get("THPL_TEST_PG_URL"):
        yield None
        return
    with new_pg_database("thpl_test") as url:
        e = make_engine(url)
        upgrade(e)
        e.dispose()
        yield url


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database: a SQLite file in tmp, or the session's PostgreSQL one."""
    if request.param == "sqlite":
        path = tmp_path / "queue.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("pg_base_url")
    if url is None:
        pytest.skip('THPL_TEST_PG_URL chưa đặt (eval "$(scripts/ci_postgres.sh)" để có PostgreSQL)')
    from sqlalchemy import text

    from thpl_nlp.queue.store import TABLES_IN_ORDER

    e = make_engine(url)
    with e.begin() as c:
        c.execute(text(f"TRUNCATE {', '.join(TABLES_IN_ORDER)} RESTART IDENTITY CASCADE"))
    e.dispose()
    yield url


@pytest.fixture
def engine(db_url: str):
    e = make_engine(db_url)
    upgrade(e)
    yield e
    e.dispose()


@pytest.fixture
def session(engine):
    s = session_factory(engine)()
    yield s
    s.close()


@pytest.fixture
def users(session):
    return {
        "admin": auth.create_user(session, "quantri", "admin", "mat-khau-quan-tri"),
        "reviewer": auth.create_user(session, "nguyen.van.a", "reviewer", "mat-khau-ra-soat"),
        "reviewer2": auth.create_user(session, "tran.thi.b", "reviewer", "mat-khau-ra-soat-2"),
        "viewer": auth.create_user(session, "le.van.c", "viewer", "mat-khau-chi-xem"),
    }
