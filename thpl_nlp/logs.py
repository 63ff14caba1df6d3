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


def describe(err: BaseException, source: str | None = None) -> str:
    """One Vietnamese line for a failure: the ThplError's own message naming the file, or, for
    an unexpected error, where its traceback was logged and what to do."""
    from thpl_nlp.errors import ThplError

    if isinstance(err, ThplError):
        if source and not err.path:
            err.path = source
        return str(err)
    where = log_exception(err, source)
    return (
        f"{source + ': ' if source else ''}[E999] Lỗi nội bộ khi xử lý ({type(err).__name__}). "
        f"Chi tiết kỹ thuật đã ghi vào {where}; hãy gửi tệp này cho bộ phận kỹ thuật."
    )
