"""A review run killed with SIGKILL mid-way, then re-run, equals an uninterrupted run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT.parent / "shared" / "examples" / "qd-mau-12-2021.txt"
AS_OF = "2026-11-26"


def _make_inbox(d: Path, n: int) -> None:
    """n distinct decisions (the worked example with other numbers) plus the sample PDFs."""
    d.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for i in range(n):
        (d / f"qd-{i:02d}.txt").write_text(
            text.replace("12/2021/QĐ-UBND", f"{100 + i}/2021/QĐ-UBND"), encoding="utf-8"
        )
    for f in sorted((ROOT / "corpus" / "samples").glob("*.pdf")):
        (d / f.name).write_bytes(f.read_bytes())


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "THPL_HOME": str(home),
        "PREFECT_HOME": str(home / "prefect"),
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "240",
        "DO_NOT_TRACK": "1",
    }


def _run(home: Path, inbox: Path) -> subprocess.Popen:
    home.mkdir(exist_ok=True)
    return subprocess.Popen(
        [sys.executable, str(ROOT / "pipelines" / "review_documents.py"), str(inbox),
         "--as-of", AS_OF],
        env=_env(home), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _rows(home: Path) -> list[tuple]:
    con = sqlite3.connect(home / "thpl.sqlite3")
    try:
        return sorted(con.execute(
            "SELECT fingerprint, eid, rule, status, text_hash FROM findings").fetchall())
    finally:
        con.close()


def _count(home: Path) -> int:
    try:
        con = sqlite3.connect(home / "thpl.sqlite3", timeout=1)
        try:
            return con.execute("SELECT count(*) FROM findings").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_sigkill_then_rerun_leaves_exactly_the_uninterrupted_findings(tmp_path):
    if not EXAMPLE.is_file():
        pytest.skip("../shared/examples absent")
    inbox = tmp_path / "inbox"
    _make_inbox(inbox, 24)

    whole = tmp_path / "whole"
    p = _run(whole, inbox)
    assert p.wait(timeout=900) == 0, p.stderr.read().decode()[-2000:]
    expected = _rows(whole)
    assert expected

    killed = tmp_path / "killed"
    p = _run(killed, inbox)
    deadline = time.monotonic() + 900
    seen = 0
    while time.monotonic() < deadline and p.poll() is None:
        seen = _count(killed)
        if seen > 0:
            break
        time.sleep(0.02)
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    assert 0 < seen < len(expected), f"kill landed outside the run: {seen}/{len(expected)}"

    p = _run(killed, inbox)
    assert p.wait(timeout=900) == 0, p.stderr.read().decode()[-2000:]
    assert _rows(killed) == expected

    p = _run(killed, inbox)  # a further unchanged run adds nothing
    assert p.wait(timeout=900) == 0
    assert _rows(killed) == expected
