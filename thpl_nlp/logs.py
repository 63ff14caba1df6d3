"""Technical logging: tracebacks go to a file under THPL_HOME, never to the user's screen."""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from thpl_nlp.settings import get_settings


def log_exception(err: BaseException, source: str | None = None) -> Path:
    """Append the traceback of ``err`` to ``THPL_HOME/logs/errors.log`` and return its path."""
    logdir = get_settings().home / "logs"
    logdir.mkdir(parents=True, exist_ok=True)
    path = logdir / "errors.log"
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} {source or ''}\n")
        fh.write("".join(traceback.format_exception(err)))
    return path
