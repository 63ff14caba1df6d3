"""The common shape of an annotation: a span of the given text plus typed fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any


def _plain(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    if hasattr(v, "to_dict"):
        return v.to_dict()
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
        return {f.name: _plain(getattr(self, f.name)) for f in _fields(type(self))}


_FIELDS: dict[type, tuple[Any, ...]] = {}


def _fields(cls: type) -> tuple[Any, ...]:
    if cls not in _FIELDS:
        _FIELDS[cls] = fields(cls)
    return _FIELDS[cls]
