"""Store: migrations match the models; SQLite pragmas; secrets and passwords."""

from __future__ import annotations

import stat

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from thpl_nlp.queue import auth
from thpl_nlp.queue.store import (
    Base,
    current_revision,
    head_revision,
    is_search_table,
    make_engine,
    upgrade,
)


def test_migrations_match_models(engine):
    def include(obj, name, type_, reflected, compare_to):
        return not (type_ == "table" and is_search_table(name))

    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": include})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []
    assert current_revision(engine) == head_revision(engine)


def test_upgrade_is_idempotent_and_sqlite_uses_wal(tmp_path):
    e = make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    upgrade(e)
    upgrade(e)
    with e.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    e.dispose()


def test_secret_key_generated_once_outside_the_repo(tmp_path, monkeypatch):
    monkeypatch.delenv("THPL_SECRET_KEY", raising=False)
    k1 = auth.secret_key(tmp_path)
    k2 = auth.secret_key(tmp_path)
    assert k1 == k2 and len(k1) >= 48
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    monkeypatch.setenv("THPL_SECRET_KEY", "tu-bien-moi-truong")
    assert auth.secret_key(tmp_path) == "tu-bien-moi-truong"


def test_passwords_hashed_with_argon2(session):
    u = auth.create_user(session, "pham.thi.d", "reviewer", "mat-khau-rat-dai")
    assert u.password_hash.startswith("$argon2id$") and "mat-khau" not in u.password_hash
    assert auth.authenticate(session, "pham.thi.d", "mat-khau-rat-dai") is u
    assert auth.authenticate(session, "pham.thi.d", "sai") is None
    assert auth.authenticate(session, "khong.co", "mat-khau-rat-dai") is None
    tok = auth.create_token(session, u)
    assert auth.user_from_token(session, tok) is u
    assert auth.user_from_token(session, tok + "x") is None


def test_rate_limiter_window():
    lim = auth.LoginRateLimiter(max_failures=2, window=60)
    assert lim.retry_after("a", "1.2.3.4") == 0
    lim.failed("a", "1.2.3.4")
    lim.failed("a", "1.2.3.4")
    assert 0 < lim.retry_after("a", "1.2.3.4") <= 61
    assert lim.retry_after("b", "5.6.7.8") == 0
    # another name from the same address is blocked too (address counter)
    assert lim.retry_after("b", "1.2.3.4") > 0
