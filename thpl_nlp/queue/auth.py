"""Accounts, roles, password hashing, API tokens, CSRF tokens and sign-in rate limiting.

Roles: ``admin`` (everything, accounts), ``reviewer`` (triage, comments, KB overrides),
``viewer`` (read only). Passwords are hashed with Argon2id (argon2-cffi); API bearer tokens
are random and stored as SHA-256 only.

>>> h = hash_password("mật-khẩu-dài-12")
>>> verify_password(h, "mật-khẩu-dài-12"), verify_password(h, "sai")
(True, False)
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from collections import defaultdict, deque
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from thpl_nlp.queue.service import QueueError
from thpl_nlp.queue.store import ApiToken, User

ROLES = ("admin", "reviewer", "viewer")
ROLE_LABELS = {"admin": "Quản trị", "reviewer": "Người rà soát", "viewer": "Chỉ xem"}
MIN_PASSWORD = 8
_hasher = PasswordHasher()  # argon2-cffi defaults: Argon2id, RFC 9106 low-memory profile
# Verifying against this hash when the user does not exist keeps the timing uniform.
_DUMMY_HASH = _hasher.hash("thpl-dummy-password")


def set_hash_cost(time_cost: int, memory_cost: int, parallelism: int = 1) -> None:
    """Change the Argon2 cost of new hashes (tests and benchmarks use a cheap one).

    Existing hashes keep verifying; :func:`authenticate` re-hashes them at the next sign-in.
    """
    global _hasher, _DUMMY_HASH
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)
    _DUMMY_HASH = _hasher.hash("thpl-dummy-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def create_user(session: Session, name: str, role: str, password: str) -> User:
    """Create an account (names are unique; password at least 8 characters).

    >>> from thpl_nlp.queue.store import make_engine, session_factory, upgrade
    >>> e = make_engine("sqlite://"); upgrade(e)
    >>> create_user(session_factory(e)(), "tran.thi.b", "viewer", "mat-khau-123").role
    'viewer'
    """
    name = (name or "").strip()
    if not name or len(name) > 80 or any(c.isspace() for c in name):
        raise QueueError("E606", "tên đăng nhập phải có 1–80 ký tự và không chứa dấu cách", 422)
    if role not in ROLES:
        raise QueueError("E606", f"vai trò '{role}' (chỉ có admin, reviewer, viewer)", 422)
    if len(password or "") < MIN_PASSWORD:
        raise QueueError("E606", f"mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự", 422)
    if session.scalars(select(User).where(User.name == name)).first() is not None:
        raise QueueError("E606", f"tên đăng nhập '{name}' đã tồn tại", 409)
    user = User(name=name, role=role, password_hash=hash_password(password))
    session.add(user)
    session.commit()
    return user


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The active user with this name and password, else None (constant-ish time)."""
    user = session.scalars(select(User).where(User.name == (name or "").strip())).first()
    if user is None or not user.active:
        verify_password(_DUMMY_HASH, password or "")
        return None
    if not verify_password(user.password_hash, password or ""):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.commit()
    return user


def set_password(session: Session, name: str, password: str) -> User:
    """Change a password; sessions signed in with the old one stop working."""
    user = session.scalars(select(User).where(User.name == name)).first()
    if user is None:
        raise QueueError("E603", f"tài khoản '{name}'", 404)
    if len(password or "") < MIN_PASSWORD:
        raise QueueError("E606", f"mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự", 422)
    user.password_hash = hash_password(password)
    session.commit()
    return user


def set_active(session: Session, name: str, active: bool) -> User:
    """Lock or unlock an account (a locked account cannot sign in; its tokens stop working)."""
    user = session.scalars(select(User).where(User.name == name)).first()
    if user is None:
        raise QueueError("E603", f"tài khoản '{name}'", 404)
    user.active = active
    session.commit()
    return user


def session_stamp(user: User) -> str:
    """Kept in the session cookie; changes when the password changes (ends old sessions)."""
    return hashlib.sha256(user.password_hash.encode("utf-8")).hexdigest()[:16]


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, user: User) -> str:
    """Issue a bearer token for the JSON API; only its hash is stored."""
    token = "thpl_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=_token_hash(token)))
    session.commit()
    return token


def user_from_token(session: Session, token: str) -> User | None:
    row = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == _token_hash(token or ""))
    ).first()
    if row is None or row.revoked or not row.user.active:
        return None
    return row.user


def secret_key(home: Path) -> str:
    """``THPL_SECRET_KEY``, or a key generated once into ``THPL_HOME/secret_key`` (mode 600)."""
    env = os.environ.get("THPL_SECRET_KEY")
    if env:
        return env
    path = home / "secret_key"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    home.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    return key


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_ok(expected: str | None, given: str | None) -> bool:
    return bool(expected and given) and hmac.compare_digest(str(expected), str(given))


class LoginRateLimiter:
    """At most ``max_failures`` failed sign-ins per (name) and per (address) in ``window`` s."""

    def __init__(self, max_failures: int = 5, window: float = 900.0) -> None:
        self.max_failures = max_failures
        self.window = window
        self._fails: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque[float]:
        q = self._fails[key]
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def retry_after(self, name: str, address: str) -> int:
        """Seconds until a new attempt is allowed (0 = allowed now)."""
        now = time.monotonic()
        wait = 0.0
        with self._lock:
            for key in (f"n:{name.lower()}", f"a:{address}"):
                q = self._prune(key, now)
                if len(q) >= self.max_failures:
                    wait = max(wait, self.window - (now - q[0]))
        return int(wait) + (1 if wait else 0)

    def failed(self, name: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in (f"n:{name.lower()}", f"a:{address}"):
                self._prune(key, now).append(now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._fails.pop(f"n:{name.lower()}", None)
