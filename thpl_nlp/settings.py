"""One settings object, read from the environment (``THPL_*``) and an optional config file.

>>> s = Settings.load()
>>> s.home.name  # doctest: +SKIP
'data'
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_corpus() -> Path | None:
    env = os.environ.get("THPL_CORPUS")
    if env is not None:  # set but empty: run without a corpus
        return Path(env) if env and Path(env).is_dir() else None
    guess = PROJECT_ROOT.parent / "shared" / "corpus"
    return guess if guess.is_dir() else None


@dataclass(frozen=True)
class Settings:
    home: Path
    db_url: str
    kb_url: str
    corpus: Path | None
    max_bytes: int
    max_pages: int
    extra: dict[str, Any]

    @classmethod
    def load(cls) -> Settings:
        home = Path(os.environ.get("THPL_HOME", PROJECT_ROOT / "data")).resolve()
        extra: dict[str, Any] = {}
        cfg = Path(os.environ.get("THPL_CONFIG", home / "thpl.yaml"))
        if cfg.is_file():
            extra = yaml.safe_load(cfg.read_text(encoding="utf-8")) or {}
        db_url = os.environ.get("THPL_DB_URL") or extra.get("db_url") or (
            f"sqlite:///{home / 'thpl.sqlite3'}"
        )
        kb_url = os.environ.get("THPL_KB_URL") or extra.get("kb_url") or (
            f"sqlite:///{home / 'kb.sqlite3'}"
        )
        return cls(
            home=home,
            db_url=db_url,
            kb_url=kb_url,
            corpus=_default_corpus(),
            # A 1,000-page scan is a batch job for a person, not one document: refuse it early.
            max_bytes=int(os.environ.get("THPL_MAX_BYTES", extra.get("max_bytes", 200_000_000))),
            max_pages=int(os.environ.get("THPL_MAX_PAGES", extra.get("max_pages", 800))),
            extra=extra,
        )

    def sqlite_file(self, url: str) -> Path | None:
        """The file behind a ``sqlite:///`` URL, or None for other databases."""
        prefix = "sqlite:///"
        return Path(url[len(prefix) :]) if url.startswith(prefix) else None


@cache
def get_settings() -> Settings:
    return Settings.load()
