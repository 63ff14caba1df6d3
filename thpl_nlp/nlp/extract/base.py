"""The common shape of an annotation: a span of the given text plus typed fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any


def _plain(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


@dataclass(slots=True)
class Span:
    """A span ``text[start:end]`` of the analysed text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {k: _plain(v) for k, v in asdict(self).items()}
