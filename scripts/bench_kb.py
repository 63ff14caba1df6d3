"""Speed of the knowledge base → reports/bench-kb.json.

Full build from the corpus into a fresh THPL_HOME (target < 10 min on one core), second
build with nothing new (< 10 s), ``status`` as a library call (< 5 ms) and from the CLI
(< 1 s), top-10 search over every provision (< 50 ms).

Usage: python scripts/bench_kb.py [--home DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thpl_nlp.kb import KnowledgeBase  # noqa: E402
from thpl_nlp.kb.build import build  # noqa: E402
from thpl_nlp.settings import get_settings  # noqa: E402

QUERIES = [
    "thời hạn giải quyết khiếu nại lần đầu",
    "thẩm quyền ban hành quyết định của Ủy ban nhân dân cấp tỉnh",
    "điều kiện cấp giấy phép xây dựng nhà ở riêng lẻ",
    "mức thu lệ phí đăng ký hộ tịch",
    "Hội đồng nhân dân cấp tỉnh quyết định biện pháp quản lý ngân sách",
    "xử phạt vi phạm hành chính trong lĩnh vực bảo vệ môi trường",
    "hồ sơ đề nghị giao đất cho thuê đất",
    "hiệu lực của văn bản quy phạm pháp luật của chính quyền địa phương",
]


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", default=None, help="THPL_HOME for the benchmark KB (default: tmp)")
    args = ap.parse_args()
    corpus = get_settings().corpus
    if corpus is None or not Path(corpus).is_dir():
        print("Không có kho dữ liệu (THPL_CORPUS): bỏ qua đo tốc độ.", file=sys.stderr)
        sys.exit(0)
    home = Path(args.home or tempfile.mkdtemp(prefix="kb-bench-"))
    url = f"sqlite:///{home / 'kb.sqlite3'}"
    rep: dict = {"date": dt.date.today().isoformat(), "cpus": os.cpu_count(),
                 "load_avg_start": os.getloadavg()}

    t, c = time.perf_counter(), cpu()
    r1 = build(url, Path(corpus), progress=lambda m: print(m, file=sys.stderr))
    rep["full_build"] = {"wall_s": round(time.perf_counter() - t, 1),
                         "cpu_s": round(cpu() - c, 1), "counts": r1.counts,
                         "problems": len(r1.problems)}
    t = time.perf_counter()
    r2 = build(url, Path(corpus), progress=lambda m: None)
    rep["second_build_s"] = round(time.perf_counter() - t, 2)
    rep["second_build_changed"] = r2.changed

    kb = KnowledgeBase.open(url)
    t = time.perf_counter()
    kb.status("11/2003/QH11", dt.date(2020, 1, 1))
    rep["status_first_call_ms"] = round((time.perf_counter() - t) * 1000, 1)
    nums = sorted(kb.validity.docs)
    random.Random(1).shuffle(nums)
    sample = nums[:2000]
    times = []
    for n in sample:
        t = time.perf_counter()
        kb.status(n, dt.date(2024, 6, 1))
        times.append((time.perf_counter() - t) * 1000)
    rep["status_library_ms"] = {"mean": round(statistics.mean(times), 3),
                                "p95": round(sorted(times)[int(len(times) * 0.95)], 3),
                                "n": len(times)}
    env = dict(os.environ, THPL_KB_URL=url)
    cli, cli_cpu = [], []
    for n in ("11/2003/QH11", "45/2013/QH13", "80/2015/QH13"):
        t = time.perf_counter()
        c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "thpl_nlp.kb.cli", "status", n, "--as-of",
                        "2024-09-01", "--json"], env=env, capture_output=True, check=True)
        c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli.append(time.perf_counter() - t)
        cli_cpu.append(c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime)
    rep["status_cli_s"] = {"mean": round(statistics.mean(cli), 3), "max": round(max(cli), 3),
                           "cpu_mean": round(statistics.mean(cli_cpu), 3)}

    kb.search("khởi động", k=10)  # load the index
    st = []
    for q in QUERIES * 3:
        t = time.perf_counter()
        kb.search(q, k=10)
        st.append((time.perf_counter() - t) * 1000)
    sd = []
    for q in QUERIES:
        t = time.perf_counter()
        kb.search(q, k=10, as_of=dt.date(2024, 6, 1))
        sd.append((time.perf_counter() - t) * 1000)
    rep["search_top10_ms"] = {"mean": round(statistics.mean(st), 2),
                              "p95": round(sorted(st)[int(len(st) * 0.95)], 2),
                              "provisions": r1.counts.get("provisions")}
    rep["search_top10_as_of_ms"] = {"mean_incl_first_mask": round(statistics.mean(sd), 2),
                                    "after_first": round(statistics.mean(sd[1:]), 2)}
    rep["load_avg_end"] = os.getloadavg()
    out = ROOT / "reports" / "bench-kb.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rep, ensure_ascii=False, indent=1))
    print(f"{'measure':<34}{'value':>12}{'target':>10}")
    rows = [("full build wall (s)", rep["full_build"]["wall_s"], "< 600"),
            ("full build CPU (s)", rep["full_build"]["cpu_s"], ""),
            ("second build (s)", rep["second_build_s"], "< 10"),
            ("status library mean (ms)", rep["status_library_ms"]["mean"], "< 5"),
            ("status library p95 (ms)", rep["status_library_ms"]["p95"], "< 5"),
            ("status CLI mean wall (s)", rep["status_cli_s"]["mean"], "< 1"),
            ("status CLI mean CPU (s)", rep["status_cli_s"]["cpu_mean"], ""),
            ("search top-10 mean (ms)", rep["search_top10_ms"]["mean"], "< 50"),
            ("search top-10 p95 (ms)", rep["search_top10_ms"]["p95"], "< 50")]
    for name, v, target in rows:
        print(f"{name:<34}{v:>12}{target:>10}")


if __name__ == "__main__":
    main()
