"""Click commands of the review queue; the main ``thpl`` group registers them with
:func:`register` (``serve``, ``users``, ``queue``, ``db``).

>>> from click.testing import CliRunner
>>> import click
>>> @click.group()
... def thpl(): pass
>>> register(thpl)
>>> sorted(thpl.commands)
['db', 'queue', 'serve', 'users']
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from thpl_nlp.cli import echo_json
from thpl_nlp.errors import ThplError


def _fail(msg: str, code: int) -> None:
    click.echo(msg, err=True)
    sys.exit(code)


def _guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn queue and database errors into one Vietnamese line on stderr and an exit code."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from sqlalchemy.exc import OperationalError, SQLAlchemyError

        try:
            return fn(*args, **kwargs)
        except ThplError as err:
            status = getattr(err, "http_status", 400)
            _fail(str(err), 2 if status in (2, 422) or err.code in ("E606", "E609") else 1)
        except OperationalError as err:
            detail = str(err.orig).splitlines()[0] if err.orig else type(err).__name__
            _fail(ThplError("E610", detail=f" ({detail})").message, 2)
        except SQLAlchemyError as err:
            _fail(ThplError("E610", detail=f" ({type(err).__name__})").message, 2)

    return wrapper


def _session() -> Any:
    from thpl_nlp.queue.store import open_engine, session_factory

    return session_factory(open_engine())()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Địa chỉ lắng nghe.")
@click.option("--port", default=8000, show_default=True, type=int, help="Cổng.")
@_guard
def serve(host: str, port: int) -> None:
    """Chạy ứng dụng web rà soát (hàng đợi phát hiện) và API JSON."""
    import os

    import uvicorn

    from thpl_nlp.queue.web.app import create_app

    # behind an HTTPS reverse proxy, set THPL_SECURE_COOKIES=1 (cookie sent over HTTPS only)
    app = create_app(secure_cookies=os.environ.get("THPL_SECURE_COOKIES") == "1")
    click.echo(f"Ứng dụng rà soát đang chạy tại http://{host}:{port}/ (Ctrl+C để dừng)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)


@click.group("users")
def users() -> None:
    """Quản lý tài khoản (admin, reviewer, viewer)."""


@users.command("add")
@click.argument("name")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["admin", "reviewer", "viewer"]),
    help="Vai trò: admin (quản trị), reviewer (rà soát), viewer (chỉ xem).",
)
@_guard
def users_add(name: str, role: str) -> None:
    """Tạo tài khoản NAME; mật khẩu đọc từ stdin (dòng đầu tiên)."""
    from thpl_nlp.queue import auth

    password = _read_password()
    with _session() as s:
        user = auth.create_user(s, name, role, password)
        click.echo(f"Đã tạo tài khoản {user.name} (vai trò {role}).", err=True)


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="In JSON Lines.")
@_guard
def users_list(as_json: bool) -> None:
    """Liệt kê tài khoản."""
    from sqlalchemy import select

    from thpl_nlp.queue.store import User

    with _session() as s:
        for u in s.scalars(select(User).order_by(User.name)):
            d = {
                "id": u.id,
                "name": u.name,
                "role": u.role,
                "active": u.active,
                "created_at": u.created_at.isoformat(),
            }
            if as_json:
                echo_json(d)
            else:
                click.echo(f"{u.name}\t{u.role}\t{'hoạt động' if u.active else 'đã khóa'}")


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại")
    return sys.stdin.readline().rstrip("\r\n")


@users.command("passwd")
@click.argument("name")
@_guard
def users_passwd(name: str) -> None:
    """Đặt lại mật khẩu của NAME (đọc từ stdin); các phiên đăng nhập cũ hết hiệu lực."""
    from thpl_nlp.queue import auth

    with _session() as s:
        auth.set_password(s, name, _read_password())
    click.echo(f"Đã đổi mật khẩu của {name}.", err=True)


@users.command("disable")
@click.argument("name")
@click.option("--enable", is_flag=True, help="Mở khóa lại tài khoản.")
@_guard
def users_disable(name: str, enable: bool) -> None:
    """Khóa (hoặc mở khóa với --enable) tài khoản NAME."""
    from thpl_nlp.queue import auth

    with _session() as s:
        auth.set_active(s, name, enable)
    click.echo(f"Đã {'mở khóa' if enable else 'khóa'} tài khoản {name}.", err=True)


@users.command("token")
@click.argument("name")
@_guard
def users_token(name: str) -> None:
    """Cấp mã truy cập API (Authorization: Bearer …) cho tài khoản NAME."""
    from sqlalchemy import select

    from thpl_nlp.queue import auth
    from thpl_nlp.queue.store import User

    with _session() as s:
        user = s.scalars(select(User).where(User.name == name)).first()
        if user is None:
            _fail(ThplError("E603", detail=f"tài khoản '{name}'").message, 1)
        click.echo(auth.create_token(s, user))


@click.group("queue")
def queue() -> None:
    """Hàng đợi phát hiện: liệt kê, xuất dữ liệu."""


@queue.command("list")
@click.option(
    "--status",
    type=click.Choice(
        ["new", "in_review", "confirmed", "dismissed", "action_proposed", "resolved"]
    ),
    help="Chỉ liệt kê phát hiện có trạng thái này.",
)
@click.option("--json", "as_json", is_flag=True, help="In JSON Lines (mỗi dòng một phát hiện).")
@_guard
def queue_list(status: str | None, as_json: bool) -> None:
    """Liệt kê mọi phát hiện trong hàng đợi."""
    from thpl_nlp.queue import service as svc

    with _session() as s:
        for row in svc.iter_findings(s, status):
            d = svc.contract_dict(row)
            if as_json:
                echo_json(d)
            else:
                click.echo(
                    f"#{d['id']}\t{svc.STATUS_LABELS[d['status']]}\t{d['number'] or d['document']}"
                    f"\t{d['eid']}\t{d['category']}\t{d['message'][:100]}"
                )


@queue.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "labels"]),
    required=True,
    help="csv/xlsx: bảng hàng đợi; labels: nhãn huấn luyện (JSON Lines).",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--status", default=None, help="Chỉ xuất phát hiện có trạng thái này.")
@_guard
def queue_export(fmt: str, out: Path, status: str | None) -> None:
    """Xuất hàng đợi ra CSV/XLSX, hoặc quyết định của cán bộ làm dữ liệu huấn luyện."""
    from thpl_nlp.queue import service as svc

    out.parent.mkdir(parents=True, exist_ok=True)
    with _session() as s:
        if fmt == "labels":
            n = 0
            with out.open("w", encoding="utf-8") as fh:
                for d in svc.export_labels(s):
                    fh.write(json.dumps(d, ensure_ascii=False) + "\n")
                    n += 1
            click.echo(f"Đã xuất {n} nhãn vào {out}.", err=True)
        else:
            svc.export_queue(s, fmt, out, status)
            click.echo(f"Đã xuất hàng đợi vào {out}.", err=True)


@click.group("db")
def db() -> None:
    """Cơ sở dữ liệu hàng đợi: nâng cấp, sao lưu, phục hồi."""


@db.command("upgrade")
@_guard
def db_upgrade() -> None:
    """Tạo hoặc nâng cấp lược đồ cơ sở dữ liệu (Alembic) lên phiên bản mới nhất."""
    from thpl_nlp.queue.store import current_revision, make_engine, upgrade

    engine = make_engine()
    upgrade(engine)
    click.echo(f"Cơ sở dữ liệu ở phiên bản {current_revision(engine)}.", err=True)


@db.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_guard
def db_backup(file: Path) -> None:
    """Sao lưu toàn bộ hàng đợi vào FILE (JSON; nén nếu tên kết thúc bằng .gz)."""
    from thpl_nlp.queue.backup import backup
    from thpl_nlp.queue.store import open_engine

    counts = backup(open_engine(), file)
    click.echo(f"Đã sao lưu {sum(counts.values())} bản ghi vào {file}.", err=True)


@db.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_guard
def db_restore(file: Path) -> None:
    """Phục hồi hàng đợi từ FILE (thay toàn bộ dữ liệu hiện có)."""
    from thpl_nlp.queue.backup import restore
    from thpl_nlp.queue.store import make_engine

    counts = restore(make_engine(), file)
    click.echo(f"Đã phục hồi {sum(counts.values())} bản ghi từ {file}.", err=True)


COMMANDS = (serve, users, queue, db)


def register(group: click.Group) -> None:
    """Add the queue commands to the main ``thpl`` group."""
    for cmd in COMMANDS:
        group.add_command(cmd)
