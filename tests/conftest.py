"""Shared fixtures: the real corpus (skips when absent)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Tests never write into the user's ./data: without an explicit THPL_HOME they get a fresh one.
if "THPL_HOME" not in os.environ:
    os.environ["THPL_HOME"] = tempfile.mkdtemp(prefix="thpl-test-home-")
Path(os.environ["THPL_HOME"]).mkdir(parents=True, exist_ok=True)
os.environ.setdefault("PREFECT_HOME", os.path.join(os.environ["THPL_HOME"], "prefect"))

from thpl_nlp.settings import get_settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus" / "samples"
EXAMPLES = ROOT.parent / "shared" / "examples"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """Root of the real corpus (THPL_CORPUS, default ../shared/corpus), or skip."""
    root = get_settings().corpus
    if root is None or not Path(root).is_dir():
        pytest.skip("corpus absent: set THPL_CORPUS or place ../shared/corpus")
    return Path(root)


@pytest.fixture(scope="session")
def examples() -> Path:
    """The contract's worked example folder (../shared/examples), or skip."""
    if not (EXAMPLES / "qd-mau-12-2021.txt").is_file():
        pytest.skip("../shared/examples absent (the contract's worked example)")
    return EXAMPLES


PG_SKIP = 'THPL_TEST_PG_URL chưa đặt (eval "$(scripts/ci_postgres.sh)" để có PostgreSQL)'


@contextlib.contextmanager
def _new_pg_database(prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the THPL_TEST_PG_URL server, dropped afterwards
    (skips the test without a server)."""
    base = os.environ.get("THPL_TEST_PG_URL")
    if not base:
        pytest.skip(PG_SKIP)
    from sqlalchemy import create_engine, text

    name = f"{prefix}_{os.urandom(4).hex()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def new_pg_database() -> Callable[[str], contextlib.AbstractContextManager[str]]:
    """``with new_pg_database("thpl_x") as url:`` a throw-away PostgreSQL database."""
    return _new_pg_database
