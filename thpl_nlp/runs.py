"""Run summaries and the terminal progress bar of the review flows.

>>> s = RunSummary(run_id=1, as_of=dt.date(2026, 11, 26))
>>> s.fail("qd-hong.pdf", "qd-hong.pdf: [E103] Tệp PDF bị hỏng")
>>> s.lines()[0]
'Lần rà soát #1 (ngày xét 2026-11-26): 0 văn bản thành công, 1 văn bản lỗi.'
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

STAGE_LABELS = {
    "read": "đọc tệp",
    "structure": "tách cấu trúc",
    "references": "trích dẫn",
    "review": "kiểm tra",
    "queue": "ghi hàng đợi",
}


@dataclass
class RunSummary:
    """Documents ok/failed with reasons, findings new/reopened/unchanged, time per stage."""

    run_id: int | None
    as_of: dt.date
    documents_ok: list[str] = field(default_factory=list)
    documents_cached: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, message)
    findings: dict[str, int] = field(
        default_factory=lambda: {"new": 0, "reopened": 0, "unchanged": 0, "closed": 0}
    )
    seconds: dict[str, float] = field(default_factory=dict)
    wall_seconds: float = 0.0  # the flow's own time, from expanding inputs to the summary
    outcomes: list[Any] = field(default_factory=list, repr=False)

    def ok(self, outcome: Any, merge_stats: dict[str, int], queue_seconds: float = 0.0) -> None:
        self.documents_ok.append(outcome.source)
        self.outcomes.append(outcome)
        if outcome.cached:
            self.documents_cached += 1
        else:
            for stage, sec in outcome.seconds.items():
                self.seconds[stage] = self.seconds.get(stage, 0.0) + sec
        self.seconds["queue"] = self.seconds.get("queue", 0.0) + queue_seconds
        for k, v in merge_stats.items():
            self.findings[k] = self.findings.get(k, 0) + v

    def fail(self, source: str, message: str) -> None:
        self.failed.append((source, message))

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "as_of": self.as_of.isoformat(),
            "documents_ok": len(self.documents_ok),
            "documents_cached": self.documents_cached,
            "documents_failed": [{"source": s, "error": m} for s, m in self.failed],
            "findings": dict(self.findings),
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
            "wall_seconds": round(self.wall_seconds, 3),
        }

    def lines(self) -> list[str]:
        """The Vietnamese run summary, one line per fact."""
        out = [
            f"Lần rà soát #{self.run_id} (ngày xét {self.as_of.isoformat()}): "
            f"{len(self.documents_ok)} văn bản thành công, {len(self.failed)} văn bản lỗi."
        ]
        if self.documents_cached:
            out.append(f"  {self.documents_cached} văn bản không đổi, dùng lại kết quả trước.")
        f = self.findings
        out.append(
            f"  Phát hiện: {f.get('new', 0)} mới, {f.get('reopened', 0)} mở lại, "
            f"{f.get('unchanged', 0)} không đổi, {f.get('closed', 0)} tự đóng."
        )
        total = sum(self.seconds.values()) or 1.0
        if self.seconds:
            parts = ", ".join(
                f"{STAGE_LABELS.get(k, k)} {v:.1f}s ({100 * v / total:.0f}%)"
                for k, v in self.seconds.items()
            )
            out.append(f"  Thời gian theo bước: {parts}.")
        for source, msg in self.failed:
            out.append(f"  LỖI {msg}" if msg.startswith(source) else f"  LỖI {source}: {msg}")
        return out


class _Bar:
    def __init__(self, progress: Any, task: Any) -> None:
        self._p, self._t = progress, task

    def advance(self, n: int = 1) -> None:
        if self._p is not None:
            self._p.advance(self._t, n)


@contextlib.contextmanager
def progress(total: int, label: str) -> Iterator[_Bar]:
    """A progress bar on stderr (only when stderr is a terminal, so logs stay clean)."""
    if not sys.stderr.isatty():
        yield _Bar(None, None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as p:
        yield _Bar(p, p.add_task(label, total=total))
