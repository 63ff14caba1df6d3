"""Where the KB lives and which source wins: light helpers shared by the API and the build.

>>> rank("override") < rank("own_text") < rank("citation")
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from thpl_nlp.kb import store as S
from thpl_nlp.settings import get_settings


@cache
def precedence() -> dict[str, int]:
    """Source kind → rank (lower wins), from ``precedence.yaml``."""
    with open(Path(__file__).with_name("precedence.yaml"), encoding="utf-8") as f:
        return {k: int(v) for k, v in yaml.safe_load(f).items()}


def rank(kind: str) -> int:
    return precedence().get(kind, 80)


def default_url() -> str:
    """``THPL_KB_URL``, else the SQLite file ``THPL_HOME/kb.sqlite3`` (the settings' ``kb_url``,
    so the review flows and the KB always agree on which KB is in use)."""
    return get_settings().kb_url


def index_dir_for(url: str) -> Path:
    """Folder of the search index of the KB at ``url``."""
    path = S.sqlite_path(url)
    if path is not None:
        return path.with_name(path.name + ".search")
    return get_settings().home / "kb-search"
