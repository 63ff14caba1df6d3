"""The ``thpl`` command: a thin layer over the library.

Every command has ``--help``; ``--json`` output is JSON Lines on stdout (one compact object per
line); logs, progress and errors go to stderr in Vietnamese; exit codes: 0 success, 1 at least
one input failed, 2 usage or configuration error. Heavy modules are imported inside commands so
``thpl parse`` starts fast.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any

import click

from thpl_nlp.errors import ThplError
from thpl_nlp.files import expand_inputs

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def echo_json(obj: dict[str, Any]) -> None:
    """Print one compact JSON object on its own line of stdout."""
    click.echo(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))


def report_error(err: BaseException, source: str | None = None) -> str:
    """Print a one-line Vietnamese error on stderr (tracebacks go to the log file only)."""
    from thpl_nlp.logs import describe

    msg = describe(err, source)
    click.echo(msg, err=True)
    return msg


def for_each_input(
    paths: Iterable[str], handle: Callable[[str, str], None], *, as_json: bool
) -> int:
    """Run ``handle(path, source)`` for every input; one bad file fails alone. Returns exit code."""
    failed = 0
    try:
        inputs = expand_inputs(paths)
    except ThplError as err:
        report_error(err)
        return 2
    for path, source in inputs:
        try:
            handle(path, source)
        except Exception as err:  # noqa: BLE001 - every failure is reported per file
            failed += 1
            msg = report_error(err, source)
            if as_json:
                echo_json({"source": source, "error": msg})
    return 1 if failed else 0


HELP_TEXT = "Xem hướng dẫn này rồi thoát."


def _vietnamese_help(cmd: click.Command) -> click.Command:
    """Give ``cmd`` (and its sub-commands) a Vietnamese ``--help`` line."""
    original = cmd.get_help_option

    def get_help_option(ctx: click.Context) -> click.Option | None:
        opt = original(ctx)
        if opt is not None:
            opt.help = HELP_TEXT
        return opt

    cmd.get_help_option = get_help_option  # type: ignore[method-assign]
    for sub in getattr(cmd, "commands", {}).values():
        _vietnamese_help(sub)
    return cmd


class LazyGroup(click.Group):
    """A group whose sub-commands live in other modules and are imported only when used.

    Keeps ``thpl parse`` from importing SQLAlchemy, FastAPI or Prefect.
    """

    lazy: dict[str, str] = {
        "kb": "thpl_nlp.kb.cli:kb",
        "serve": "thpl_nlp.queue.cli:serve",
        "users": "thpl_nlp.queue.cli:users",
        "queue": "thpl_nlp.queue.cli:queue",
        "db": "thpl_nlp.queue.cli:db",
        "report": "thpl_nlp.reports.cli:report",
    }

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = HELP_TEXT
        return opt

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            import importlib

            module, attr = self.lazy[name].split(":")
            try:
                cmd = getattr(importlib.import_module(module), attr)
            except (ImportError, AttributeError):
                return None  # that stage is not installed in this build
            self.add_command(_vietnamese_help(cmd), name)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.version_option(package_name="thpl-nlp", prog_name="thpl", help="In phiên bản rồi thoát.")
def cli() -> None:
    """thpl — đọc, kiểm tra và rà soát văn bản quy phạm pháp luật của địa phương."""


@cli.command("parse")
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="In JSON Lines theo hợp đồng (mặc định).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "akn", "text"]),
    default="json",
    show_default=True,
    help="json: một dòng JSON mỗi tệp; akn: Akoma Ntoso XML; text: dàn ý dễ đọc.",
)
@click.option("--no-kb", is_flag=True, help="Không dùng cơ sở dữ liệu văn bản cấp trên.")
def parse_cmd(files: tuple[str, ...], as_json: bool, fmt: str, no_kb: bool) -> None:
    """Đọc văn bản (PDF, DOCX, DOC, HTML, TXT, MD) và tách cấu trúc: số hiệu, căn cứ, điều khoản.

    FILES có thể là tệp hoặc thư mục. Ví dụ: thpl parse qd-12-2021.pdf --json
    """
    from thpl_nlp.parse import open_resolver, parse_file

    resolver = None if no_kb else open_resolver()
    as_json = as_json or fmt == "json"

    def handle(path: str, source: str) -> None:
        doc = parse_file(path, source=source, resolver=resolver)
        if fmt == "json":
            echo_json(doc.to_contract_dict())
        elif fmt == "akn":
            from thpl_nlp.structure.akn import to_akn

            click.echo(to_akn(doc))
        else:
            from thpl_nlp.structure.outline import to_outline

            click.echo(to_outline(doc))

    sys.exit(for_each_input(files, handle, as_json=fmt == "json"))


def prefect_environment() -> None:
    """Embedded default: Prefect home under THPL_HOME, analytics off, temporary local server.

    Set before Prefect is imported; values the user set explicitly are kept.
    """
    import os

    from thpl_nlp.settings import get_settings

    home = get_settings().home
    os.environ.setdefault("PREFECT_HOME", str(home / "prefect"))
    os.makedirs(os.environ["PREFECT_HOME"], exist_ok=True)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # A busy 2-core machine needs more than Prefect's default 20 s to start the temporary server.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    # The run summary names every failed file in Vietnamese; Prefect's own task-failure
    # tracebacks stay in the Prefect UI and the log file, not on the user's terminal.
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "CRITICAL")


def parse_date(value: str | None, what: str = "--as-of") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.UsageError(
            f"Ngày {what} không hợp lệ: '{value}'. Hãy ghi theo dạng NĂM-THÁNG-NGÀY, "
            "ví dụ 2026-11-26."
        ) from None


@cli.command("review")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--as-of", "as_of", default=None, help="Ngày xét hiệu lực, YYYY-MM-DD (mặc định hôm nay)."
)
@click.option("--json", "as_json", is_flag=True, help="In mỗi phát hiện một dòng JSON.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Chạy song song trên N tiến trình cục bộ (Dask).")
@click.option("--dask-address", default=None,
              help="Gửi việc tới cụm Dask (tcp://máy:8786); dùng PostgreSQL làm kho chung.")
def review_cmd(
    paths: tuple[str, ...], as_of: str | None, as_json: bool, workers: int | None,
    dask_address: str | None,
) -> None:
    """Rà soát văn bản (tệp hoặc thư mục), lưu phát hiện vào hàng đợi và in ra.

    Ví dụ: thpl review corpus/samples --as-of 2026-11-26 --json
    """
    day = parse_date(as_of)
    prefect_environment()
    from pipelines.review_documents import run_review

    summary = run_review(list(paths), day, workers=workers, dask_address=dask_address)
    for outcome in summary.outcomes:
        for finding in outcome.findings:
            if as_json:
                echo_json({k: v for k, v in finding.items() if k != "fact_hash"})
            else:
                click.echo(f"{finding['document']} [{finding['eid']}] {finding['category']} "
                           f"({finding['severity']}): {finding['message']}")
    for source, msg in summary.failed:
        if as_json:
            echo_json({"source": source, "error": msg})
    for line in summary.lines():
        click.echo(line, err=True)
    sys.exit(1 if summary.failed else 0)


for _command in (parse_cmd, review_cmd):
    _vietnamese_help(_command)


def _usage_error(err: click.exceptions.UsageError, what: str) -> None:
    """A usage error in Vietnamese with the command to read next; exit code 2."""
    command = err.ctx.command_path if err.ctx else "thpl"
    click.echo(f"Lỗi cú pháp lệnh: {what} Xem hướng dẫn: {command} --help", err=True)
    sys.exit(2)


def main() -> None:
    """Console entry point: never show a traceback to the user."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Đã hủy.", err=True)
        sys.exit(2)
    except click.exceptions.NoSuchOption as err:
        _usage_error(err, f"Không có tùy chọn {err.option_name}.")
    except click.exceptions.MissingParameter as err:
        name = err.param.human_readable_name if err.param else "tham số"
        _usage_error(err, f"Thiếu {name}.")
    except click.exceptions.UsageError as err:
        msg = err.format_message()
        if msg.startswith("No such command"):
            msg = "Không có lệnh " + msg.split(" ", 3)[-1].rstrip(".") + "."
        _usage_error(err, msg)
    except click.ClickException as err:
        click.echo(f"Lỗi: {err.format_message()}", err=True)
        sys.exit(2)
    except ThplError as err:
        report_error(err)
        sys.exit(2)
    except SystemExit:
        raise
    except Exception as err:  # noqa: BLE001
        report_error(err)
        sys.exit(1)


if __name__ == "__main__":
    main()
