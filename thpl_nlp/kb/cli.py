"""``thpl kb …`` commands: build, add, status, show, search, cited-by.

Exit codes (CONTRACT.md): 0 success, 1 at least one input failed, 2 usage or configuration
error. Errors are one Vietnamese line on stderr, never a traceback; ``--json`` output is JSON
Lines on stdout.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from thpl_nlp.kb.textutil import canon_number


def _out(obj: dict) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))


def _err(msg: str) -> None:
    click.echo(msg, err=True)


def _as_of(value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _err(f"[E902] Tham số dòng lệnh không hợp lệ: ngày '{value}' không đúng dạng "
             "YYYY-MM-DD (ví dụ 2025-07-01).")
        sys.exit(2)


def _open_kb(url: str | None, lazy: bool = True):
    from thpl_nlp.kb.api import KnowledgeBase

    try:
        kb = KnowledgeBase.open(url, lazy=lazy)
    except Exception as e:  # noqa: BLE001
        _err(f"[E901] Cấu hình không hợp lệ: không mở được cơ sở tri thức ({e}). "
             "Hãy kiểm tra THPL_HOME / THPL_KB_URL.")
        sys.exit(2)
    if not kb.exists():
        _err("Cơ sở tri thức chưa được xây dựng: kết quả hiệu lực sẽ là 'unknown'. "
             "Hãy chạy 'thpl kb build'.")
    return kb


@click.group(name="kb", help="Cơ sở tri thức văn bản cấp trên: xây dựng, tra cứu hiệu lực, "
             "tìm kiếm điều khoản, tra cứu trích dẫn ngược.")
@click.option("--url", envvar="THPL_KB_URL", default=None,
              help="URL SQLAlchemy của cơ sở tri thức (mặc định THPL_HOME/kb.sqlite3).")
@click.pass_context
def kb(ctx: click.Context, url: str | None) -> None:
    ctx.obj = {"url": url}


@kb.command(help="Xây dựng hoặc cập nhật cơ sở tri thức từ kho dữ liệu (chạy lại nhanh khi "
            "không có gì mới).")
@click.option("--corpus", type=click.Path(file_okay=False), default=None,
              help="Thư mục kho dữ liệu (mặc định THPL_CORPUS hoặc ../shared/corpus).")
@click.option("--json", "as_json", is_flag=True, help="In báo cáo dạng JSON.")
@click.pass_context
def build(ctx: click.Context, corpus: str | None, as_json: bool) -> None:
    from thpl_nlp.kb.build import build as do_build

    cp = Path(corpus) if corpus else None
    if cp is not None and not cp.is_dir():
        _err(f"{corpus}: [E100] Không tìm thấy tệp hoặc thư mục. Hãy kiểm tra lại đường dẫn.")
        sys.exit(2)
    try:
        rep = do_build(ctx.obj["url"], cp)
    except KeyboardInterrupt:
        _err("Đã dừng giữa chừng; cơ sở tri thức cũ được giữ nguyên.")
        sys.exit(1)
    except Exception as e:  # noqa: BLE001
        _err(f"Xây dựng cơ sở tri thức thất bại ({type(e).__name__}: {e}); cơ sở tri thức "
             "cũ được giữ nguyên. Hãy kiểm tra kho dữ liệu và chạy lại.")
        sys.exit(1)
    for p in rep.problems:
        _err(p)
    if as_json:
        _out(rep.to_dict())
    else:
        if rep.changed or rep.removed:
            _err(f"Đã cập nhật {len(rep.changed)} nguồn, giữ nguyên {len(rep.unchanged)}; "
                 f"{rep.counts} trong {rep.seconds} giây.")
        else:
            _err(f"Không có gì mới ({len(rep.unchanged)} nguồn), {rep.seconds} giây.")
    sys.exit(1 if rep.failed else 0)


@kb.command(help="Nhập thêm văn bản cấp trên (PDF/DOCX/DOC/TXT/MD…) qua bộ phân tích.")
@click.argument("files", nargs=-1, required=True)
@click.pass_context
def add(ctx: click.Context, files: tuple[str, ...]) -> None:
    from thpl_nlp.kb.importers.documents import add_files

    failed = add_files(list(files), ctx.obj["url"], report=_err)
    sys.exit(1 if failed else 0)


@kb.command(help="Tình trạng hiệu lực của một văn bản tại một ngày.")
@click.argument("number")
@click.option("--as-of", default=None, help="Ngày xét hiệu lực YYYY-MM-DD (mặc định hôm nay).")
@click.option("--json", "as_json", is_flag=True, help="In một dòng JSON theo hợp đồng.")
@click.pass_context
def status(ctx: click.Context, number: str, as_of: str | None, as_json: bool) -> None:
    day = _as_of(as_of)
    num = canon_number(number)
    if not num or "/" not in num:
        _err(f"[E201] Số hiệu văn bản không hợp lệ: '{number}'. Ví dụ đúng: 77/2015/QH13.")
        sys.exit(2)
    kb = _open_kb(ctx.obj["url"])
    st = kb.status(num, day)
    if as_json:
        _out(st.to_contract_dict())
        return
    names = {"in_force": "còn hiệu lực", "partly_in_force": "hết hiệu lực một phần",
             "not_yet_in_force": "chưa có hiệu lực", "expired": "hết hiệu lực",
             "unknown": "chưa rõ"}
    click.echo(f"{st.number} — {st.title or '(chưa rõ tên)'}")
    click.echo(f"Tình trạng ngày {day.isoformat()}: {names[st.status]}")
    if st.effective_on:
        click.echo(f"Có hiệu lực từ: {st.effective_on.isoformat()}")
    if st.not_in_force_from:
        click.echo(f"Hết hiệu lực từ: {st.not_in_force_from.isoformat()}")
    if st.replaced_by:
        click.echo(f"Bị thay thế/bãi bỏ bởi: {', '.join(st.replaced_by)}")
    if st.current_successor:
        click.echo(f"Văn bản đang có hiệu lực thay thế: {', '.join(st.current_successor)}")
    for g in st.gaps:
        click.echo(f"Lưu ý: {g}")
    for e in st.evidence:
        click.echo(f"  [{e['source']}] {e['text']}")


@kb.command(help="Mọi thông tin cơ sở tri thức có về một văn bản (kèm nguồn).")
@click.argument("number")
@click.pass_context
def show(ctx: click.Context, number: str) -> None:
    kb = _open_kb(ctx.obj["url"])
    info = kb.show(number)
    _out(info)
    if not info["known"]:
        _err(f"{number}: văn bản chưa có trong cơ sở tri thức.")
        sys.exit(1)


@kb.command(help="Tìm các điều khoản cấp trên liên quan đến một câu hỏi hoặc một quy định.")
@click.argument("query")
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="Số kết quả.")
@click.option("--as-of", default=None, help="Chỉ lấy văn bản còn hiệu lực tại ngày này.")
@click.pass_context
def search(ctx: click.Context, query: str, k: int, as_of: str | None) -> None:
    day = _as_of(as_of) if as_of else None
    kb = _open_kb(ctx.obj["url"], lazy=day is None)
    for h in kb.search(query, k=k, as_of=day):
        _out(h.to_dict())


@kb.command("cited-by", help="Các văn bản địa phương (và điều khoản) trích dẫn một văn bản.")
@click.argument("number")
@click.option("--eid", default=None, help="Chỉ điều khoản này của văn bản được trích dẫn.")
@click.pass_context
def cited_by(ctx: click.Context, number: str, eid: str | None) -> None:
    kb = _open_kb(ctx.obj["url"])
    for row in kb.cited_by(number, eid):
        _out(row)


def main() -> None:  # pragma: no cover - for `python -m thpl_nlp.kb.cli`
    kb(standalone_mode=True)


if __name__ == "__main__":  # pragma: no cover
    main()
