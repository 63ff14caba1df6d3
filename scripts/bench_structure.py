"""Speed of the structure stage (parse, Akoma Ntoso export, outline), ingest excluded.

Reads every .md, legacy .txt, PDF and .doc of the corpus once through ingest, then times
``parse_raw``, ``to_akn`` and ``to_outline`` on each text (best of 3 runs per file), plus
the worked example 200 times. Prints a table and writes ``reports/bench-structure.json``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thpl_nlp.errors import ThplError  # noqa: E402
from thpl_nlp.ingest import read  # noqa: E402
from thpl_nlp.models import RawText  # noqa: E402
from thpl_nlp.settings import get_settings  # noqa: E402
from thpl_nlp.structure import parse_raw  # noqa: E402
from thpl_nlp.structure.akn import to_akn  # noqa: E402
from thpl_nlp.structure.outline import to_outline  # noqa: E402

GROUPS = {
    "danang .md": "provincial/danang/*.md",
    "legacy .txt": "provincial/legacy/*/*.txt",
    "pdf": "pdf/*.pdf",
    "doc": "doc/*.doc",
}


def best_of(fn, n: int = 3) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    corpus = get_settings().corpus
    rows = []
    example = ROOT.parent / "shared" / "examples" / "qd-mau-12-2021.txt"
    if example.exists():
        raw = RawText(source="example", text=example.read_text(encoding="utf-8"), fmt="txt")
        t0 = time.perf_counter()
        for _ in range(200):
            parse_raw(raw)
        per = (time.perf_counter() - t0) / 200
        rows.append({"group": "worked example ×200", "files": 1, "chars": len(raw.text),
                     "parse_ms_per_doc": round(per * 1000, 3),
                     "parse_chars_per_s": round(len(raw.text) / per)})
    for name, pattern in GROUPS.items():
        if corpus is None:
            break
        files = chars = 0
        t_parse = t_akn = t_outline = 0.0
        for path in sorted(corpus.glob(pattern)):
            try:
                raw = read(path)
                doc = parse_raw(raw, strict=False)
            except ThplError:
                continue
            files += 1
            chars += len(raw.text)
            t_parse += best_of(lambda raw=raw: parse_raw(raw, strict=False))
            t_akn += best_of(lambda doc=doc: to_akn(doc))
            t_outline += best_of(lambda doc=doc: to_outline(doc))
        if files:
            rows.append({
                "group": name, "files": files, "chars": chars,
                "parse_ms_per_doc": round(t_parse / files * 1000, 2),
                "parse_chars_per_s": round(chars / t_parse),
                "akn_ms_per_doc": round(t_akn / files * 1000, 2),
                "outline_ms_per_doc": round(t_outline / files * 1000, 2),
            })
    print(f"{'group':<22} {'files':>5} {'chars':>9} {'parse ms/doc':>12} {'chars/s':>10} "
          f"{'akn ms':>8} {'outline ms':>10}")
    for r in rows:
        print(f"{r['group']:<22} {r['files']:>5} {r['chars']:>9} {r['parse_ms_per_doc']:>12} "
              f"{r['parse_chars_per_s']:>10} {r.get('akn_ms_per_doc', ''):>8} "
              f"{r.get('outline_ms_per_doc', ''):>10}")
    out = ROOT / "reports" / "bench-structure.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
