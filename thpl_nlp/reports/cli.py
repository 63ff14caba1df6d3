"""``thpl report``: annual and six-monthly reports, per-document check conclusions.

Files go into ``--out``; their paths are printed on stdout (one per line, or one JSON object
per line with ``--json``), progress and errors on stderr in Vietnamese. Exit codes: 0 success,
1 the document or an output file failed, 2 usage or configuration error.

>>> from click.testing import CliRunner
>>> r = CliRunner().invoke(report, ["half", "--year", "2025", "--half", "3", "--out", "x"])
>>> r.exit_code, "kỳ 6 tháng phải là 1 hoặc 2" in r.output
(2, True)
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from thpl_nlp.errors import ThplError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
# Errors about one input or output file (exit 1); every other code is configuration (exit 2).
INPUT_ERRORS = frozenset({"E802", "E803", "E805"})


def _fail(msg: str, code: int) -> None:
    click.echo(msg, err=True)
    sys.exit(code)


def _guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """One Vietnamese line on stderr and the contract's exit code, never a traceback."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ThplError as err:
            _fail(str(err), 1 if err.code in INPUT_ERRORS else 2)
        except (SystemExit, click.exceptions.Exit):
            raise
        except Exception as err:  # noqa: BLE001 - logged to a file, one line for the user
            from thpl_nlp.logs import log_exception

            where = log_exception(err, "thpl report")
            _fail(
                f"[E999] Lỗi nội bộ khi lập báo cáo ({type(err).__name__}). Chi tiết kỹ thuật đã "
                f"ghi vào {where}; hãy gửi tệp này cho bộ phận kỹ thuật.",
                1,
            )

    return wrapper


def _emit(written: list[Any], as_json: bool) -> None:
    for w in written:
        if as_json:
            click.echo(json.dumps(w.to_dict(), ensure_ascii=False, separators=(",", ":")))
        else:
            click.echo(str(w.path))
        click.echo(f"Đã ghi {w.path}", err=True)


def _int(value: str | None, what: str, example: str) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise ThplError("E902", detail=f"{what} '{value}' phải là số, ví dụ {example}") from None


def _check_year(year: str | None) -> int:
    if year is None:
        raise ThplError("E902", detail="thiếu --year (năm báo cáo, ví dụ --year 2025)")
    return int(_int(year, "--year", "--year 2025") or 0)


def _check_out(out: str | None) -> Path:
    if not out:
        raise ThplError("E902", detail="thiếu --out (thư mục ghi báo cáo)")
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise ThplError("E902", detail=f"--out {out} là một tệp, cần một thư mục")
    return path


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ThplError("E902", detail=f"--date '{value}' phải có dạng YYYY-MM-DD") from None


_out = click.option("--out", "out", metavar="DIR", help="Thư mục ghi các tệp báo cáo.")
_json = click.option(
    "--json", "as_json", is_flag=True, help="In mỗi tệp đã ghi thành một dòng JSON."
)
_date = click.option(
    "--date", "when", metavar="YYYY-MM-DD", help="Ngày ghi trên báo cáo (mặc định: hôm nay)."
)
_no_kb = click.option(
    "--no-kb",
    is_flag=True,
    help="Không dùng cơ sở dữ liệu văn bản cấp trên (chỉ dữ liệu hàng đợi).",
)


@click.group("report", context_settings=CONTEXT)
def report() -> None:
    """Lập báo cáo kiểm tra, rà soát văn bản (năm, 6 tháng) và kết luận kiểm tra từng văn bản."""


@report.command("annual")
@click.option("--year", metavar="YYYY", help="Năm báo cáo (kỳ từ 15/12 năm trước đến 14/12).")
@_out
@_date
@_no_kb
@click.option("--no-charts", is_flag=True, help="Không vẽ biểu đồ.")
@_json
@_guard
def annual_cmd(
    year: str | None,
    out: str | None,
    when: str | None,
    no_kb: bool,
    no_charts: bool,
    as_json: bool,
) -> None:
    """Báo cáo năm (DOCX + phụ lục XLSX) và danh mục văn bản hết hiệu lực trong năm."""
    from thpl_nlp.reports.periodic import period_for, write_expired, write_period_report

    out_dir = _check_out(out)
    period = period_for("annual", _check_year(year))
    day = _parse_date(when)
    kb = False if no_kb else None
    data, written = write_period_report(period, out_dir, kb=kb, when=day, with_charts=not no_charts)
    written += write_expired(period.year, out_dir, kb=kb, when=day)
    if data.empty:
        click.echo(
            f"Lưu ý: trong kỳ {period.label} không có văn bản nào được kiểm tra, rà soát.", err=True
        )
    _emit(written, as_json)


@report.command("half")
@click.option("--year", metavar="YYYY", help="Năm báo cáo.")
@click.option(
    "--half", "half", metavar="1|2", help="Kỳ 6 tháng: 1 (15/12–14/6) hoặc 2 (15/6–14/12)."
)
@_out
@_date
@_no_kb
@click.option("--no-charts", is_flag=True, help="Không vẽ biểu đồ.")
@_json
@_guard
def half_cmd(
    year: str | None,
    half: str | None,
    out: str | None,
    when: str | None,
    no_kb: bool,
    no_charts: bool,
    as_json: bool,
) -> None:
    """Báo cáo 6 tháng (DOCX + phụ lục XLSX)."""
    from thpl_nlp.reports.periodic import period_for, write_period_report

    if half is None:
        raise ThplError("E902", detail="thiếu --half (kỳ 6 tháng: 1 hoặc 2)")
    if half not in ("1", "2"):
        raise ThplError(
            "E902", detail=f"kỳ 6 tháng phải là 1 hoặc 2 (--half 1|2), không phải {half}"
        )
    out_dir = _check_out(out)
    period = period_for("half", _check_year(year), int(half))
    data, written = write_period_report(
        period,
        out_dir,
        kb=False if no_kb else None,
        when=_parse_date(when),
        with_charts=not no_charts,
    )
    if data.empty:
        click.echo(
            f"Lưu ý: trong kỳ {period.label} không có văn bản nào được kiểm tra, rà soát.", err=True
        )
    _emit(written, as_json)


@report.command("check")
@click.argument("document", required=False)
@_out
@_date
@_no_kb
@_json
@_guard
def check_cmd(
    document: str | None, out: str | None, when: str | None, no_kb: bool, as_json: bool
) -> None:
    """Kết luận kiểm tra một văn bản (DOCUMENT = số hiệu hoặc đường dẫn tệp đã lưu)."""
    from thpl_nlp.reports.periodic import write_check

    if not document:
        raise ThplError(
            "E902",
            detail="thiếu DOCUMENT (số hiệu, ví dụ 15/2025/NQ-HĐND, hoặc "
            "đường dẫn tệp đã kiểm tra)",
        )
    out_dir = _check_out(out)
    written = write_check(document, out_dir, kb=False if no_kb else None, when=_parse_date(when))
    _emit(written, as_json)
