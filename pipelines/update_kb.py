"""Flow ``update_kb``: import new higher-level documents, then review exactly what they affect.

1. snapshot the validity of every higher-level document that local documents cite;
2. import the files given (``thpl kb add``) and those waiting in the inbox folder, and rebuild
   the knowledge base incrementally (this also applies legal staff's overrides);
3. compare the snapshot: the documents whose validity changed;
4. follow the reverse citation index to every local document citing them (cascading to local
   documents based on those) and review exactly those.

Run it directly::

    python pipelines/update_kb.py --inbox data/inbox
    python pipelines/update_kb.py new-law.pdf
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipelines.review_documents import review_documents  # noqa: E402
from thpl_nlp import impact, workflow  # noqa: E402
from thpl_nlp.files import expand_inputs  # noqa: E402
from thpl_nlp.runs import RunSummary  # noqa: E402


@dataclass
class UpdateSummary:
    imported: list[str] = field(default_factory=list)
    import_failed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    affected: dict[str, list[str]] = field(default_factory=dict)
    missing_sources: list[str] = field(default_factory=list)
    review: RunSummary | None = None

    def lines(self) -> list[str]:
        out = [
            f"Cập nhật KB: nhập {len(self.imported)} văn bản ({len(self.import_failed)} lỗi); "
            f"{len(self.changed)} văn bản cấp trên thay đổi hiệu lực: "
            f"{', '.join(self.changed) or 'không có'}.",
            f"  {len(self.affected)} văn bản địa phương bị ảnh hưởng, cần rà soát lại.",
        ]
        out += [f"  Không tìm thấy tệp của {k} để rà soát lại." for k in self.missing_sources]
        if self.review is not None:
            out += self.review.lines()
        return out


@task(cache_policy=NO_CACHE)
def snapshot(as_of: dt.date) -> dict[str, impact.ValidityKey]:
    """Validity of every cited higher-level document, as a review would read it."""
    kb = workflow.open_kb()
    if kb is None:
        return {}
    return impact.validity_snapshot(kb, impact.cited_numbers(kb), as_of)


@task(retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def import_files(files: list[str]) -> list[str]:
    """``thpl kb add``: returns the files that failed (each reported in Vietnamese)."""
    from thpl_nlp.kb.importers.documents import add_files

    logger = get_run_logger()
    # One call per file so that a failure is attributed to its file exactly.
    return [f for f in files if add_files([f], None, report=logger.warning)]


@task(cache_policy=NO_CACHE)
def rebuild_kb() -> dict:
    """Incremental rebuild: picks up overrides and anything new in the corpus."""
    from thpl_nlp.kb.build import build

    report = build(progress=get_run_logger().info)
    workflow.open_kb.cache_clear()
    return report.to_dict()


@flow(name="update_kb")
def update_kb(
    files: list[str] | None = None,
    inbox: str | None = None,
    as_of: dt.date | None = None,
) -> UpdateSummary:
    """Import new higher-level documents and re-review the local documents they affect."""
    logger = get_run_logger()
    as_of = as_of or dt.date.today()
    summary = UpdateSummary()
    todo = [p for p, _ in expand_inputs(files or [])]
    inbox_dir = Path(inbox) if inbox else None
    if inbox_dir is not None and inbox_dir.is_dir():
        todo += [p for p, _ in expand_inputs([str(inbox_dir)]) if "/done/" not in p]

    before = snapshot(as_of)
    if todo:
        summary.import_failed = import_files(todo)
        summary.imported = [f for f in todo if f not in summary.import_failed]
    rebuild_kb()
    after = snapshot(as_of)
    summary.changed = impact.changed_numbers(before, after)

    kb = workflow.open_kb()
    if kb is not None and summary.changed:
        summary.affected = impact.affected_documents(kb, summary.changed)
    sources = impact.sources_of(summary.affected)
    paths = []
    for key, src in sources.items():
        if src and Path(src).exists():
            paths.append(src)
        else:
            summary.missing_sources.append(key)
    if paths:
        summary.review = review_documents(paths, as_of)

    if inbox_dir is not None:  # processed files leave the inbox; failed ones stay for a retry
        done = inbox_dir / "done"
        for f in summary.imported:
            if Path(f).parent == inbox_dir:
                done.mkdir(exist_ok=True)
                shutil.move(f, done / Path(f).name)
    for line in summary.lines():
        logger.info(line)
    return summary


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Cập nhật KB và rà soát lại văn bản bị ảnh hưởng.")
    ap.add_argument("files", nargs="*", help="văn bản cấp trên mới (PDF/DOCX/…)")
    ap.add_argument("--inbox", default=None, help="thư mục chờ nhập")
    ap.add_argument("--as-of", type=dt.date.fromisoformat, default=None)
    ns = ap.parse_args()
    result = update_kb(ns.files, ns.inbox, ns.as_of)
    for line in result.lines():
        print(line, file=sys.stderr)
    failed = result.import_failed or (result.review and result.review.failed)
    sys.exit(1 if failed else 0)
