"""Deployments exercised once against a real `prefect server start` on loopback with `serve`."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


@pytest.mark.slow
def test_serve_registers_schedules_and_runs_a_review(tmp_path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": api,
        "THPL_HOME": str(tmp_path / "home"),
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    procs = []
    try:
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
             "--port", str(port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        ))
        _wait(f"{api}/health", 240)
        procs.append(subprocess.Popen(
            [sys.executable, str(ROOT / "pipelines" / "serve.py")], env=env, cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        ))
        script = f"""
import asyncio, sys, time
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment

async def deployments():
    async with get_client() as c:
        for _ in range(240):
            try:
                d = await c.read_deployment_by_name("periodic_review/monthly")
                return d
            except Exception:
                await asyncio.sleep(0.5)
    raise SystemExit("serve did not register its deployments")

d = asyncio.run(deployments())
assert [s.schedule.cron for s in d.schedules] == ["0 2 1 * *"], d.schedules
run = run_deployment("review_documents/on-demand",
                     parameters={{"paths": [{str(ROOT / "corpus" / "samples")!r}],
                                  "as_of": "2026-11-26"}}, timeout=600)
print(run.state.type.value)
sys.exit(0 if run.state.is_completed() else 1)
"""
        out = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT,
                             capture_output=True, text=True, timeout=900)
        assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-3000:]
        assert "COMPLETED" in out.stdout
        import sqlite3

        con = sqlite3.connect(tmp_path / "home" / "thpl.sqlite3")
        assert con.execute("SELECT count(*) FROM findings").fetchone()[0] > 0
        con.close()
    finally:
        for p in reversed(procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(p.pid, signal.SIGKILL)
