"""Run every ``scripts/<kind>_<area>.py`` in turn and summarise (used by make bench / make eval)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_all(kind: str) -> int:
    scripts = sorted((ROOT / "scripts").glob(f"{kind}_*.py"))
    only = set(sys.argv[1:])
    results = []
    for script in scripts:
        area = script.stem.split("_", 1)[1]
        if only and area not in only:
            continue
        print(f"\n=== {kind} {area} ({script.name}) ===", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script)], cwd=ROOT)
        results.append({"area": area, "exit": rc, "seconds": round(time.perf_counter() - t0, 1)})
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / f"{kind}-summary.json").write_text(json.dumps(results, indent=1))
    print(f"\n{'area':<12} {'exit':>4} {'seconds':>8}")
    for r in results:
        print(f"{r['area']:<12} {r['exit']:>4} {r['seconds']:>8}")
    return 1 if any(r["exit"] for r in results) else 0
