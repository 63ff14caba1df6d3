"""Benchmark of the reports: time to compute and write an annual report from stores of growing
size (documents, findings and audit events generated like the test store).

    python scripts/bench_reports.py [--sizes 40,500,2000]

Prints a table and writes ``reports/bench-reports.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "reports"))


def _timed(fn, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
    t = time.perf_counter()
    out = fn(*a, **kw)
    return out, time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    from report_fixtures import FakeKB, fill_store

    from thpl_nlp.queue.store import make_engine, upgrade
    from thpl_nlp.reports.charts import all_charts
    from thpl_nlp.reports.data import SqlReportSource, build_report_data
    from thpl_nlp.reports.docx_report import write_report_docx
    from thpl_nlp.reports.html import report_html
    from thpl_nlp.reports.periods import annual
    from thpl_nlp.reports.xlsx_annex import write_report_xlsx

    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="40,500,2000")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            engine = make_engine(f"sqlite:///{tmp}/q{n}.sqlite3")
            upgrade(engine)
            counts, t_fill = _timed(fill_store, engine, n_docs=n)
            src = SqlReportSource(engine)
            data, t_data = _timed(build_report_data, src, annual(2025), FakeKB())
            _, t_charts = _timed(all_charts, data)
            _, t_docx = _timed(
                write_report_docx, data, Path(tmp) / f"r{n}.docx", when=dt.date(2025, 12, 20)
            )
            _, t_xlsx = _timed(write_report_xlsx, data, Path(tmp) / f"r{n}.xlsx")
            _, t_html = _timed(report_html, data, with_charts=False)
            rows.append(
                {
                    "documents": counts["documents"],
                    "findings": counts["findings"],
                    "events": counts["events"],
                    "findings_in_period": data.summary["findings_detected"],
                    "fill_s": round(t_fill, 2),
                    "data_s": round(t_data, 3),
                    "charts_s": round(t_charts, 3),
                    "docx_s": round(t_docx, 3),
                    "xlsx_s": round(t_xlsx, 3),
                    "html_s": round(t_html, 3),
                }
            )
            engine.dispose()
    head = ("documents", "findings", "events", "data_s", "charts_s", "docx_s", "xlsx_s", "html_s")
    print(" | ".join(f"{h:>10}" for h in head))
    for r in rows:
        print(" | ".join(f"{r[h]:>10}" for h in head))
    out = ROOT / "reports" / "bench-reports.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"bench": "reports", "rows": rows}, indent=2), encoding="utf-8")
    print(f"→ {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
