"""Benchmark the PDF reader against pdfplumber and raw PDFium on the corpus PDFs.

Rows (each measured in its own subprocess, so peak memory is per method):

* ``thpl_nlp.ingest.read`` — this project's reader (text, pages, headers, footnotes …);
* ``pdfplumber extract_text`` — ``page.extract_text()`` alone, the issue's reference;
* ``pypdfium2 raw text`` — ``textpage.get_text_range()`` only, the floor;
* ``thpl parse --json`` (end to end, when the CLI is installed) — process start, reading,
  structure parsing and JSON output for all files in one command.

Prints a table and writes ``reports/bench-ingest.json``. ``--quick`` runs pdfplumber on every
fifth page only (its per-page time is then extrapolated, and said so in the report).

Usage: ``.venv/bin/python scripts/bench_ingest.py [--quick] [--corpus PATH]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pdf_files(corpus: Path) -> list[Path]:
    return sorted((corpus / "pdf").glob("*.pdf"))


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _worker(method: str, files: list[str], step: int) -> dict:
    """Run one method over the files in this process; return timings and peak memory."""
    pages = 0
    chars = 0
    start_rss = _peak_rss_mb()
    t0 = time.perf_counter()
    c0 = time.process_time()
    if method == "thpl":
        sys.path.insert(0, str(ROOT))
        from thpl_nlp.ingest import read

        t0 = time.perf_counter()  # imports are not part of the per-page cost here
        c0 = time.process_time()
        for f in files:
            raw = read(f)
            pages += len(raw.pages)
            chars += len(raw.text)
    elif method == "pypdfium2":
        import pypdfium2 as pdfium

        t0 = time.perf_counter()
        c0 = time.process_time()
        for f in files:
            doc = pdfium.PdfDocument(f)
            for i in range(len(doc)):
                chars += len(doc[i].get_textpage().get_text_range())
                pages += 1
            doc.close()
    elif method == "pdfplumber":
        import pdfplumber

        t0 = time.perf_counter()
        c0 = time.process_time()
        for f in files:
            with pdfplumber.open(f) as pdf:
                for i, page in enumerate(pdf.pages):
                    if i % step:
                        continue
                    chars += len(page.extract_text() or "")
                    pages += 1
                    page.close()
    else:
        raise SystemExit(f"unknown method {method}")
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {
        "method": method,
        "cpu_seconds": round(cpu, 3),
        "cpu_ms_per_page": round(1000 * cpu / max(pages, 1), 3),
        "pages": pages,
        "chars": chars,
        "seconds": round(seconds, 3),
        "ms_per_page": round(1000 * seconds / max(pages, 1), 3),
        "pages_per_s": round(pages / seconds, 1) if seconds else None,
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "rss_before_mb": round(start_rss, 1),
    }


def _run_worker(method: str, files: list[Path], step: int) -> dict:
    cmd = [sys.executable, __file__, "--worker", method, "--step", str(step), "--"]
    cmd += [str(f) for f in files]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _run_cli(files: list[Path], n_pages: int) -> dict | None:
    thpl = ROOT / ".venv" / "bin" / "thpl"
    if not thpl.exists():
        thpl_path = shutil.which("thpl")
        if not thpl_path:
            return None
        thpl = Path(thpl_path)
    cmd = ["/usr/bin/time", "-f", "%M", str(thpl), "parse", *map(str, files), "--json"]
    if not Path("/usr/bin/time").exists():
        cmd = cmd[3:]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = [json.loads(x) for x in out.stdout.splitlines() if x.strip()]
    peak = None
    if cmd[0] == "/usr/bin/time":
        tail = out.stderr.strip().splitlines()[-1:] or ["0"]
        peak = round(int(tail[0]) / 1024.0, 1) if tail[0].isdigit() else None
    return {
        "method": "thpl parse --json (end to end)",
        "pages": n_pages,
        "files_ok": sum(1 for x in lines if "error" not in x),
        "articles": sum(
            1 for x in lines for p in x.get("provisions", []) if p.get("kind") == "article"
        ),
        "seconds": round(seconds, 3),
        "ms_per_page": round(1000 * seconds / max(n_pages, 1), 3),
        "cpu_seconds": round(cpu, 3),
        "cpu_ms_per_page": round(1000 * cpu / max(n_pages, 1), 3),
        "pages_per_s": round(n_pages / seconds, 1),
        "peak_rss_mb": peak,
        "exit_code": out.returncode,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="PDF ingest benchmark")
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--quick", action="store_true", help="pdfplumber on every 5th page only")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--step", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(_worker(args.worker, args.files, args.step)))
        return 0

    sys.path.insert(0, str(ROOT))
    from thpl_nlp.settings import get_settings

    corpus = args.corpus or get_settings().corpus
    if corpus is None or not _pdf_files(Path(corpus)):
        print("Không tìm thấy kho dữ liệu PDF (THPL_CORPUS); bỏ qua benchmark.", file=sys.stderr)
        return 0
    files = _pdf_files(Path(corpus))
    step = 5 if args.quick else 1
    rows = [_run_worker("pypdfium2", files, 1), _run_worker("thpl", files, 1)]
    rows.append(_run_worker("pdfplumber", files, step))
    n_pages = rows[0]["pages"]
    cli = _run_cli(files, n_pages)
    if cli:
        rows.append(cli)
    plumber, plumber_cpu = rows[2]["ms_per_page"], rows[2]["cpu_ms_per_page"]
    for r in rows:
        ms, cpu = r["ms_per_page"], r["cpu_ms_per_page"]
        r["speedup_vs_pdfplumber"] = round(plumber / ms, 1) if ms else None
        r["cpu_speedup_vs_pdfplumber"] = round(plumber_cpu / cpu, 1) if cpu else None
    names = {
        "pypdfium2": "pypdfium2 raw text (floor)",
        "thpl": "thpl_nlp.ingest.read",
        "pdfplumber": "pdfplumber extract_text" + (" (every 5th page)" if step > 1 else ""),
    }
    print(
        f"{'method':42} {'pages':>6} {'wall s':>8} {'ms/page':>8} {'× plumb':>8} "
        f"{'cpu ms/p':>9} {'× (cpu)':>8} {'peak MB':>8}"
    )
    for r in rows:
        name = names.get(r["method"], r["method"])
        peak = r["peak_rss_mb"] if r["peak_rss_mb"] is not None else "-"
        print(
            f"{name:42} {r['pages']:>6} {r['seconds']:>8.2f} {r['ms_per_page']:>8.2f} "
            f"{r['speedup_vs_pdfplumber']:>8} {r['cpu_ms_per_page']:>9.2f} "
            f"{r['cpu_speedup_vs_pdfplumber']:>8} {peak:>8}"
        )
    report = {
        "corpus_files": [f.name for f in files],
        "pages": n_pages,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "pdfplumber_sampled_every": step,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "note": "wall times depend on other load on the machine; CPU times (process user+sys) "
        "are the fairer comparison when the load average exceeds the CPU count",
        "rows": rows,
        "target": "thpl parse end to end ≥ 15× faster than pdfplumber extract_text",
    }
    out = ROOT / "reports" / "bench-ingest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"→ {out.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
