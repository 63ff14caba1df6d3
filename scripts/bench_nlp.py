"""Throughput of the NLP layer on real provincial text.

Measured in one run, on the same texts (the UTF-8 legacy provincial documents and the Đà Nẵng
documents of the corpus):

1. bare underthesea ``word_tokenize`` over every non-empty line (the baseline);
2. the whole spaCy pipeline (``load_pipeline()``: underthesea tokenizer + all components);
3. the regex extractors alone (the ``thpl parse`` path, no spaCy);
4. ``analyze()`` twice over the same texts: cold pass, then the cached pass;
5. each extractor over a 1 MB single-line input (catastrophic-backtracking guard);
6. the pointer extractor with and without its backward binding step (same citations given,
   alternated per text, three rounds), i.e. what binding to a preceding citation costs.

Writes ``reports/bench-nlp.json``. Run: ``.venv/bin/python scripts/bench_nlp.py``.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thpl_nlp.nlp.extract.agencies import extract_agencies  # noqa: E402
from thpl_nlp.nlp.extract.dates import extract_dates  # noqa: E402
from thpl_nlp.nlp.extract.durations import extract_durations  # noqa: E402
from thpl_nlp.nlp.extract.modality import extract_modality_cues  # noqa: E402
from thpl_nlp.nlp.extract.money import extract_money  # noqa: E402
from thpl_nlp.nlp.extract.pointers import extract_pointers  # noqa: E402
from thpl_nlp.nlp.extract.procedure import extract_procedure_cues  # noqa: E402
from thpl_nlp.nlp.extract.quantities import extract_areas, extract_percentages  # noqa: E402
from thpl_nlp.nlp.extract.references import extract_references  # noqa: E402
from thpl_nlp.nlp.pipeline import AnalysisCache, load_pipeline, text_key  # noqa: E402
from thpl_nlp.settings import get_settings  # noqa: E402

REPORT = ROOT / "reports" / "bench-nlp.json"
EXTRACTORS = {
    "references": extract_references,
    "pointers": extract_pointers,
    "dates": extract_dates,
    "durations": extract_durations,
    "money": extract_money,
    "percentages": extract_percentages,
    "areas": extract_areas,
    "agencies": extract_agencies,
    "modality": extract_modality_cues,
    "procedure": extract_procedure_cues,
}


def load_texts(corpus: Path) -> list[str]:
    texts = []
    for f in sorted((corpus / "provincial" / "legacy").glob("*/*.txt")):
        try:
            texts.append(f.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            continue
    for f in sorted((corpus / "provincial" / "danang").glob("dn-*.md")):
        texts.append(f.read_text(encoding="utf-8"))
    return [t for t in texts if t.strip()]


def timed(fn: Any, *args: Any) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def main() -> int:
    corpus = get_settings().corpus
    if not corpus or not corpus.is_dir():
        print("Không tìm thấy kho văn bản (THPL_CORPUS); bỏ qua đo tốc độ.", file=sys.stderr)
        return 2
    texts = load_texts(corpus)
    chars = sum(len(t) for t in texts)
    from underthesea import word_tokenize

    nlp = load_pipeline()
    word_tokenize("Khởi động mô hình tách từ.")  # load the CRF model outside the timings
    nlp("Khởi động.")

    def bare(t: str) -> None:
        for line in t.splitlines():
            if line.strip():
                word_tokenize(line)

    def regex_only(t: str) -> None:
        for fn in EXTRACTORS.values():
            list(fn(t))

    # Per text, alternate baseline and pipeline (two rounds, best of each) so that both
    # see the same machine load; sum over texts.
    t_bare = t_pipe = t_regex = 0.0
    for t in texts:
        b1, p1, b2, p2 = timed(bare, t), timed(nlp, t), timed(bare, t), timed(nlp, t)
        t_bare += min(b1, b2)
        t_pipe += min(p1, p2)
        t_regex += min(timed(regex_only, t), timed(regex_only, t))

    # The backward binding step's cost: pointers with and without it, alternated per text.
    cited = [list(extract_references(t)) for t in texts]
    t_ptr_off = t_ptr_on = 0.0
    for _ in range(3):
        for t, refs in zip(texts, cited, strict=True):
            t_ptr_off += timed(
                lambda t=t, r=refs: list(extract_pointers(t, r, bind_preceding=False))
            )
            t_ptr_on += timed(lambda t=t, r=refs: list(extract_pointers(t, r)))

    cache = AnalysisCache(maxsize=10_000)
    with tempfile.TemporaryDirectory() as tmp:
        disk = AnalysisCache(maxsize=0, directory=Path(tmp))  # every hit is read from disk

        def analyze_all() -> None:
            for t in texts:
                key = text_key(t)
                if cache.get(key, nlp) is None:
                    doc = nlp(t)
                    cache.put(key, doc)
                    disk.put(key, doc)

        def from_disk() -> None:
            for t in texts:
                assert disk.get(text_key(t), nlp) is not None

        t_cold = timed(analyze_all)
        t_warm = timed(analyze_all)
        t_disk = timed(from_disk)

    rnd = random.Random(7)
    sample = "".join(texts)[:200_000].replace("\n", " ")
    big = (sample * (1_000_000 // len(sample) + 1))[:1_000_000]
    noise = "".join(rnd.choice("aăâbcdđ/-.,;()0123456789 NĐCPQHĐ") for _ in range(1_000_000))
    one_mb = {}
    for name, fn in EXTRACTORS.items():
        one_mb[name] = {
            "legal_text_s": round(timed(lambda f=fn: list(f(big))), 3),
            "noise_s": round(timed(lambda f=fn: list(f(noise))), 3),
        }

    report = {
        "texts": len(texts),
        "chars": chars,
        "underthesea_word_tokenize_chars_per_s": round(chars / t_bare),
        "pipeline_chars_per_s": round(chars / t_pipe),
        "pipeline_vs_underthesea": round(t_bare / t_pipe, 3),
        "regex_extractors_chars_per_s": round(chars / t_regex),
        "analyze_cold_s": round(t_cold, 3),
        "analyze_cached_s": round(t_warm, 5),
        "cache_speedup": round(t_cold / max(t_warm, 1e-9), 1),
        "analyze_disk_cached_s": round(t_disk, 4),
        "disk_cache_speedup": round(t_cold / max(t_disk, 1e-9), 1),
        "pointers_without_preceding_binding_chars_per_s": round(3 * chars / t_ptr_off),
        "pointers_with_preceding_binding_chars_per_s": round(3 * chars / t_ptr_on),
        "preceding_binding_overhead": round(t_ptr_on / t_ptr_off - 1, 4),
        "one_mb_single_line": one_mb,
        "pipeline_components": nlp.pipe_names,
    }
    print(f"texts: {len(texts)}, {chars:,} chars (legacy + Đà Nẵng provincial documents)")
    base = report["underthesea_word_tokenize_chars_per_s"]
    print(f"{'underthesea word_tokenize':32} {base:>12,} chars/s")
    print(
        f"{'spaCy pipeline (all components)':32} {report['pipeline_chars_per_s']:>12,} chars/s"
        f"   ratio {report['pipeline_vs_underthesea']:.3f} (target ≥ 0.75)"
    )
    print(f"{'regex extractors only':32} {report['regex_extractors_chars_per_s']:>12,} chars/s")
    print(
        f"{'pointers, no backward binding':32} "
        f"{report['pointers_without_preceding_binding_chars_per_s']:>12,} chars/s"
    )
    print(
        f"{'pointers, with backward binding':32} "
        f"{report['pointers_with_preceding_binding_chars_per_s']:>12,} chars/s"
        f"   overhead {100 * report['preceding_binding_overhead']:.1f} %"
    )
    print(
        f"{'analyze() cold / cached':32} {t_cold:>9.3f} s / {t_warm:.5f} s"
        f"   speedup {report['cache_speedup']}× (target ≥ 20×)"
    )
    print(
        f"{'analyze() from the disk cache':32} {t_disk:>9.3f} s"
        f"   speedup {report['disk_cache_speedup']}×"
    )
    print("1 MB single line (legal text / noise), seconds:")
    for name, v in one_mb.items():
        print(f"  {name:14} {v['legal_text_s']:>7.3f} {v['noise_s']:>7.3f}")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"→ {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
