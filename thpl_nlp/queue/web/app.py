"""The reviewers' web app: server-rendered Jinja2 pages with htmx, and a JSON API under /api.

Every route except ``/login`` and ``/static/...`` needs a signed-in user (session cookie) or
an API bearer token (``thpl users token``); pages redirect anonymous visitors to ``/login``,
the API and ``/openapi.json`` answer 401. Writes need the ``admin`` or ``reviewer`` role and,
with a session cookie, a CSRF token (form field ``csrf_token`` or header ``X-CSRF-Token``).

>>> app = create_app("sqlite://")
>>> app.title
'Rà soát văn bản QPPL — hàng đợi'
"""

import datetime as dt
import json
import pathlib
import time
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Body, Depends, FastAPI, Form, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from thpl_nlp.errors import ThplError
from thpl_nlp.models import ACTIONS, FINDING_CATEGORIES, SEVERITIES
from thpl_nlp.queue import auth
from thpl_nlp.queue import service as svc
from thpl_nlp.queue.store import Document, FindingRow, User, make_engine, session_factory

HERE = pathlib.Path(__file__).resolve().parent
MAX_ID = 2**31 - 1
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdField = Annotated[int, Field(ge=1, le=MAX_ID)]
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class NotAuthenticated(Exception):
    """Raised by the ``current_user`` dependency for an anonymous request."""


class CsrfFailed(Exception):
    pass


# --- middleware ---------------------------------------------------------------------------


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` (Content-Length or streamed) with 413."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {
                "error": "E612",
                "detail": ThplError("E612", detail=f" (tối đa {self.max_bytes} byte)").message,
            },
            ensure_ascii=False,
        ).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    too_big = int(v) > self.max_bytes
                except ValueError:
                    too_big = True
                if too_big:
                    await self._refuse(send)
                    return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return msg

        async def tracking_send(msg: Message) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)


class ServerTimingMiddleware:
    """``Server-Timing: app;dur=…`` (ms from request to response start) on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()

        async def send_timed(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                dur = f"app;dur={(time.perf_counter() - t0) * 1000:.2f}".encode()
                msg["headers"] = list(msg.get("headers", [])) + [(b"server-timing", dur)]
            await send(msg)

        await self.app(scope, receive, send_timed)


class SecurityHeadersMiddleware:
    """Conservative security headers on every response."""

    HEADERS = [
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
        (
            b"content-security-policy",
            b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            b"frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
        ),
    ]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                msg.setdefault("headers", [])
                msg["headers"] = list(msg["headers"]) + self.HEADERS
            await send(msg)

        await self.app(scope, receive, send_with_headers)


# --- API schemas --------------------------------------------------------------------------


class DecisionIn(BaseModel):
    status: str = Field(description="new, in_review, confirmed, dismissed, resolved")
    version: int = Field(
        ge=0, le=MAX_ID, description="phiên bản phát hiện người dùng đã xem (khóa lạc quan)"
    )
    note: str | None = Field(default=None, max_length=5000)


class ActionIn(BaseModel):
    action: str = Field(description="khóa trong models.ACTIONS, ví dụ bai_bo")
    legal_ground: str = Field(max_length=5000)
    version: int = Field(ge=0, le=MAX_ID)
    note: str | None = Field(default=None, max_length=5000)


class AssignIn(BaseModel):
    assignee: str | None = Field(default=None, max_length=80)
    version: int = Field(ge=0, le=MAX_ID)


class CommentIn(BaseModel):
    text: str = Field(min_length=1, max_length=10000)


class UndoIn(BaseModel):
    finding_id: IdField | None = None


class BulkIn(BaseModel):
    ids: list[IdField] = Field(min_length=1, max_length=1000)
    status: str
    note: str | None = Field(default=None, max_length=5000)


class KbOverrideIn(BaseModel):
    number: str = Field(max_length=120)
    status: str | None = None
    effective_on: dt.date | None = None
    not_in_force_from: dt.date | None = None
    replaced_by: list[str] | None = Field(default=None, max_length=50)
    note: str = Field(max_length=5000)
    delete: bool = False


class UserIn(BaseModel):
    name: str = Field(max_length=80)
    role: str
    password: str = Field(max_length=200)


# --- helpers ------------------------------------------------------------------------------


def _fmt_dt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        try:
            v = dt.datetime.fromisoformat(v)
        except ValueError:
            return v
    if isinstance(v, dt.datetime):
        return v.strftime("%d/%m/%Y %H:%M") + " UTC"
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    return str(v)


def _parse_date(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s) if s else None
    except ValueError:
        return None


def page_filter(params: Any, per_page: int) -> svc.QueueFilter:
    """A lenient QueueFilter from query parameters (unknown values are dropped)."""

    def pick(name: str, allowed: Any = None) -> str | None:
        v = (params.get(name) or "").strip()
        if not v or (allowed is not None and v not in allowed):
            return None
        return v[:200]

    try:
        page = max(1, min(int(params.get("page") or 1), 100000))
    except ValueError:
        page = 1
    return svc.QueueFilter(
        document=pick("document"),
        issuer=pick("issuer"),
        category=pick("category", FINDING_CATEGORIES),
        severity=pick("severity", SEVERITIES),
        status=pick("status", svc.STATUSES),
        assignee=pick("assignee"),
        date_from=_parse_date(params.get("date_from")),
        date_to=_parse_date(params.get("date_to")),
        q=pick("q"),
        page=page,
        per_page=per_page,
    )


def _filter_qs(flt: svc.QueueFilter, **override: Any) -> str:
    args = flt.query_args()
    args.pop("page", None)
    args.update({k: v for k, v in override.items() if v is not None})
    return urlencode(args)


def highlight(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Cut ``text`` into (segment, highlighted) pieces for the given relative spans.

    >>> highlight("Thời hạn 30 ngày", [(9, 16)])
    [('Thời hạn ', False), ('30 ngày', True)]
    """
    out: list[tuple[str, bool]] = []
    pos = 0
    for s, e in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if e <= pos or s >= len(text):
            continue
        s = max(s, pos)
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def local_provision(doc: Document | None, row: FindingRow) -> dict[str, Any]:
    """The local text to show for a finding, with the finding's span highlighted."""
    structure = (doc.structure if doc else None) or {}
    text = doc.text if doc else None
    label, pstart, ptext = row.eid, None, None
    if row.eid.startswith("basis_"):
        try:
            b = (structure.get("bases") or [])[int(row.eid.split("_")[1]) - 1]
            pstart, ptext, label = b.get("start"), b.get("text"), f"Căn cứ thứ {row.eid[6:]}"
        except (IndexError, ValueError):
            pass
    else:
        for p in structure.get("provisions") or []:
            if p.get("eid") == row.eid:
                pstart = p.get("start")
                ptext = p.get("text")
                if ptext is None and text is not None and pstart is not None:
                    ptext = text[pstart : p.get("end")]
                break
    if ptext is None and text and row.start is not None and row.end is not None:
        pstart = max(0, row.start - 400)
        ptext = text[pstart : min(len(text), row.end + 400)]
    if ptext is None:
        ptext, pstart = row.provision_text or "", None
    spans = []
    if pstart is not None and row.start is not None and row.end is not None:
        spans.append((row.start - pstart, row.end - pstart))
    local = tuple(f"{x} " for x in (row.number, row.document_path) if x)
    for e in row.evidence or []:
        if pstart is not None and e.get("start") is not None and e.get("end") is not None:
            spans.append((e["start"] - pstart, e["end"] - pstart))
        elif str(e.get("source", "")).startswith(local) and len(e.get("text") or "") >= 3:
            i = ptext.find(e["text"])  # a local quote without offsets: find it
            if i >= 0:
                spans.append((i, i + len(e["text"])))
    return {"label": label, "segments": highlight(ptext, spans), "has_span": bool(spans)}


def provision_tree(structure: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Nest the flat provision list of ``thpl parse`` by eId prefixes."""
    nodes: list[dict[str, Any]] = []
    by_eid: dict[str, dict[str, Any]] = {}
    for p in (structure or {}).get("provisions") or []:
        node = {
            "eid": p.get("eid"),
            "kind": p.get("kind"),
            "num": p.get("num"),
            "heading": p.get("heading"),
            "text": p.get("text") or "",
            "children": [],
        }
        eid = node["eid"] or ""
        parent = None
        parts = eid.split("__")
        for i in range(len(parts) - 1, 0, -1):
            parent = by_eid.get("__".join(parts[:i]))
            if parent:
                break
        # chapters contain articles by position, not by eId prefix
        if parent is None and node["kind"] == "article" and nodes:
            last = nodes[-1]
            while last["children"] and last["children"][-1]["kind"] in ("section", "chapter"):
                last = last["children"][-1]
            prefix = eid.rsplit("art_", 1)[0]
            if last["kind"] in ("part", "chapter", "section") and last["eid"].startswith(prefix):
                parent = last
        (parent["children"] if parent else nodes).append(node)
        by_eid[eid] = node
    return nodes


# --- application --------------------------------------------------------------------------


def create_app(
    db_url: str | None = None,
    home: pathlib.Path | None = None,
    *,
    secure_cookies: bool = False,
    run_upgrade: bool = True,
) -> FastAPI:
    """Build the app over the store at ``db_url`` (default: settings), migrating it first."""
    from thpl_nlp.queue.store import upgrade
    from thpl_nlp.settings import get_settings

    settings = get_settings()
    home = home or settings.home
    cfg = svc.queue_config()["web"]
    engine = make_engine(db_url or settings.db_url)
    if run_upgrade:
        upgrade(engine)
    SessionLocal = session_factory(engine)
    limiter = auth.LoginRateLimiter(cfg["login_max_failures"], cfg["login_window_seconds"])
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.filters.update(
        dt=_fmt_dt,
        status_label=lambda s: svc.STATUS_LABELS.get(s, s),
        category_label=lambda s: svc.CATEGORY_LABELS.get(s, s),
        severity_label=lambda s: svc.SEVERITY_LABELS.get(s, s),
        action_label=lambda s: ACTIONS.get(s or "", s or ""),
        event_label=lambda s: svc.EVENT_LABELS.get(s, s),
        kb_status_label=lambda s: svc.KB_STATUS_LABELS.get(s or "", s or ""),
        role_label=lambda s: auth.ROLE_LABELS.get(s, s),
    )
    env.globals.update(
        STATUSES=svc.STATUSES,
        STATUS_LABELS=svc.STATUS_LABELS,
        TRANSITIONS=svc.TRANSITIONS,
        CATEGORIES=FINDING_CATEGORIES,
        CATEGORY_LABELS=svc.CATEGORY_LABELS,
        SEVERITIES=SEVERITIES,
        SEVERITY_LABELS=svc.SEVERITY_LABELS,
        ACTIONS=ACTIONS,
        KB_STATUSES=svc.KB_STATUSES,
        KB_STATUS_LABELS=svc.KB_STATUS_LABELS,
        ROLES=auth.ROLES,
        KIND_LABELS={
            "part": "Phần",
            "chapter": "Chương",
            "section": "Mục",
            "subsection": "Tiểu mục",
            "article": "Điều",
            "clause": "Khoản",
            "point": "Điểm",
            "appendix": "Phụ lục",
        },
    )
    per_page = int(cfg["page_size"])
    kb_yaml = home / "kb_overrides.yaml"

    app = FastAPI(
        title="Rà soát văn bản QPPL — hàng đợi",
        description=(
            "API của hàng đợi rà soát: mọi yêu cầu cần phiên đăng nhập (cookie, kèm "
            "X-CSRF-Token khi ghi) hoặc mã truy cập `Authorization: Bearer …` "
            "(lệnh `thpl users token`)."
        ),
        version="1.0",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.engine = engine
    app.state.SessionLocal = SessionLocal
    app.state.limiter = limiter

    app.add_middleware(
        SessionMiddleware,
        secret_key=auth.secret_key(home),
        session_cookie="thpl_session",
        max_age=int(cfg["session_max_age"]),
        same_site="strict",
        https_only=secure_cookies,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=int(cfg["max_body_bytes"]))
    app.add_middleware(ServerTimingMiddleware)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    # --- dependencies ---

    def get_db() -> Iterator[Session]:
        s = SessionLocal()
        try:
            yield s
        finally:
            s.close()

    Db = Annotated[Session, Depends(get_db)]

    def _bearer(request: Request) -> str | None:
        h = request.headers.get("authorization") or ""
        return h[7:].strip() if h[:7].lower() == "bearer " else None

    def current_user(request: Request, db: Db) -> User:
        token = _bearer(request)
        if token is not None:
            user = auth.user_from_token(db, token)
            if user is None:
                raise NotAuthenticated
            request.state.via_token = True
            return user
        uid = request.session.get("uid")
        user = db.get(User, uid) if isinstance(uid, int) else None
        if user is None or not user.active:
            raise NotAuthenticated
        if request.session.get("stamp") != auth.session_stamp(user):
            request.session.clear()  # the password changed since this sign-in
            raise NotAuthenticated
        request.state.via_token = False
        return user

    CurrentUser = Annotated[User, Depends(current_user)]

    async def csrf_user(request: Request, user: CurrentUser) -> User:
        """The signed-in user, once the CSRF token of a cookie-authenticated write is checked."""
        if not getattr(request.state, "via_token", False):
            given = request.headers.get("x-csrf-token")
            if given is None and "form" in (request.headers.get("content-type") or ""):
                form = await request.form()
                given = form.get("csrf_token")  # type: ignore[assignment]
            if not auth.csrf_ok(request.session.get("csrf"), given):
                raise CsrfFailed
        return user

    CsrfUser = Annotated[User, Depends(csrf_user)]

    async def writer(user: CsrfUser) -> User:
        """A user allowed to write (admin or reviewer)."""
        if user.role not in svc.WRITER_ROLES:
            raise svc.QueueError("E604", " (tài khoản chỉ có quyền xem)", 403)
        return user

    Writer = Annotated[User, Depends(writer)]

    async def admin(user: Writer) -> User:
        if user.role != "admin":
            raise svc.QueueError("E604", " (chỉ quản trị viên)", 403)
        return user

    Admin = Annotated[User, Depends(admin)]

    def _is_api(request: Request) -> bool:
        p = request.url.path
        return p.startswith("/api/") or p == "/api" or p == "/openapi.json"

    def csrf_token(request: Request) -> str:
        tok = request.session.get("csrf")
        if not tok:
            tok = auth.new_csrf_token()
            request.session["csrf"] = tok
        return tok

    def flash(request: Request, text: str, kind: str = "ok") -> None:
        request.session.setdefault("flash", [])
        request.session["flash"] = request.session["flash"][-4:] + [[kind, text]]

    def render(
        request: Request,
        name: str,
        ctx: dict[str, Any],
        status: int = 200,
        user: User | None = None,
    ) -> HTMLResponse:
        messages = request.session.pop("flash", []) if "session" in request.scope else []
        ctx = {
            "request": request,
            "user": user,
            "csrf": csrf_token(request),
            "messages": messages,
            **ctx,
        }
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    # --- error handlers ---

    @app.exception_handler(NotAuthenticated)
    async def _anon(request: Request, _exc: NotAuthenticated) -> Response:
        if _is_api(request):
            return JSONResponse(
                {
                    "error": "unauthenticated",
                    "detail": "Cần đăng nhập hoặc mã truy cập (Authorization: Bearer …).",
                },
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/login?" + urlencode({"next": nxt}), status_code=303)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, _exc: CsrfFailed) -> Response:
        msg = ThplError("E611").message
        if _is_api(request) or request.headers.get("hx-request"):
            return JSONResponse({"error": "E611", "detail": msg}, status_code=403)
        return render(request, "error.html", {"message": msg}, 403)

    @app.exception_handler(svc.QueueError)
    async def _queue_error(request: Request, exc: svc.QueueError) -> Response:
        if _is_api(request) or request.headers.get("hx-request"):
            return JSONResponse(
                {"error": exc.code, "detail": exc.message}, status_code=exc.http_status
            )
        return render(request, "error.html", {"message": exc.message}, exc.http_status)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code in (404, 405) and not _signed_in(request):
            return await _anon(request, NotAuthenticated())
        detail = {
            404: "Không tìm thấy trang hoặc tài nguyên này.",
            405: "Phương thức không được hỗ trợ cho địa chỉ này.",
        }.get(exc.status_code, str(exc.detail))
        return JSONResponse(
            {"error": str(exc.status_code), "detail": detail},
            status_code=exc.status_code,
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if not _signed_in(request):
            return await _anon(request, NotAuthenticated())
        problems = "; ".join(
            ".".join(str(x) for x in e.get("loc", ()) if x != "body") + ": " + e.get("msg", "")
            for e in exc.errors()[:5]
        )
        return JSONResponse(
            {"error": "E606", "detail": ThplError("E606", detail=problems).message},
            status_code=422,
        )

    def _signed_in(request: Request) -> bool:
        if _bearer(request) is not None:
            with SessionLocal() as s:
                return auth.user_from_token(s, _bearer(request) or "") is not None
        return isinstance(request.session.get("uid"), int) if "session" in request.scope else False

    # --- sign in / out ---

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request, next: str = "/queue") -> HTMLResponse:  # noqa: A002
        return render(request, "login.html", {"next": _safe_next(next), "error": None})

    @app.post("/login", response_class=HTMLResponse, include_in_schema=False)
    def login(
        request: Request,
        db: Db,
        name: Annotated[str, Form(max_length=80)] = "",
        password: Annotated[str, Form(max_length=200)] = "",
        csrf_token_: Annotated[str, Form(alias="csrf_token")] = "",
        next: Annotated[str, Form()] = "/queue",  # noqa: A002
    ) -> Response:
        nxt = _safe_next(next)
        if not auth.csrf_ok(request.session.get("csrf"), csrf_token_):
            return render(
                request, "login.html", {"next": nxt, "error": ThplError("E611").message}, 403
            )
        address = request.client.host if request.client else "?"
        wait = limiter.retry_after(name, address)
        if wait:
            minutes = max(1, -(-wait // 60))
            return render(
                request,
                "login.html",
                {"next": nxt, "error": ThplError("E608", detail=minutes).message},
                429,
            )
        user = auth.authenticate(db, name, password)
        if user is None:
            limiter.failed(name, address)
            return render(
                request, "login.html", {"next": nxt, "error": ThplError("E607").message}, 401
            )
        limiter.succeeded(name)
        request.session.clear()
        request.session["uid"] = user.id
        request.session["stamp"] = auth.session_stamp(user)
        request.session["csrf"] = auth.new_csrf_token()
        return RedirectResponse(nxt, status_code=303)

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request, user: CsrfUser) -> Response:
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    def _safe_next(nxt: str | None) -> str:
        if not nxt or not nxt.startswith("/") or nxt.startswith("//") or "\\" in nxt:
            return "/queue"
        return nxt

    # --- pages ---

    @app.get("/", include_in_schema=False)
    def home_page(user: CurrentUser) -> Response:
        return RedirectResponse("/queue", status_code=303)

    @app.get("/queue", response_class=HTMLResponse, include_in_schema=False)
    def queue_page(request: Request, db: Db, user: CurrentUser) -> HTMLResponse:
        flt = page_filter(request.query_params, per_page)
        page = svc.list_findings(db, flt)
        ctx = {
            "flt": flt,
            "page": page,
            "facets": svc.facets(db),
            "qs": _filter_qs(flt),
            "qs_page": lambda n: _filter_qs(flt, page=n),
        }
        name = "_queue_rows.html" if request.headers.get("hx-request") else "queue.html"
        return render(request, name, ctx, user=user)

    @app.get("/findings/{finding_id}", response_class=HTMLResponse, include_in_schema=False)
    def finding_page(request: Request, finding_id: IdPath, db: Db, user: CurrentUser) -> Response:
        row = svc.get_finding(db, finding_id)
        flt = page_filter(request.query_params, per_page)
        prev_id, next_id = svc.neighbours(db, flt, row)
        doc = row.document
        ctx = {
            "f": row,
            "doc": doc,
            "flt": flt,
            "qs": _filter_qs(flt),
            "prev_id": prev_id,
            "next_id": next_id,
            "local": local_provision(doc, row),
            "evidence": _higher_evidence(row),
            "timeline": _timeline(db, row),
            "events": svc.events_of(db, row.id),
            "comments": svc.comments_of(db, row.id),
            "assignees": svc.facets(db)["assignees"],
            "can_write": user.role in svc.WRITER_ROLES,
        }
        return render(request, "finding.html", ctx, user=user)

    def _higher_evidence(row: FindingRow) -> list[dict[str, Any]]:
        """Evidence for the right-hand pane: quotes of other documents (local quotes are
        highlighted in the left pane, ``kb:`` facts go to the validity timeline)."""
        local = tuple(f"{x} " for x in (row.number, row.document_path) if x)
        out = []
        for e in row.evidence or []:
            src = str(e.get("source", ""))
            if src.startswith("kb:") or e.get("start") is not None or src.startswith(local):
                continue
            out.append(e)
        return out

    def _timeline(db: Session, row: FindingRow) -> list[dict[str, Any]]:
        items = [
            {"source": e.get("source", "")[3:], "text": e.get("text", ""), "kind": "kb"}
            for e in row.evidence or []
            if str(e.get("source", "")).startswith("kb:")
        ]
        if row.cited:
            for o in svc.kb_override_history(db, row.cited)[:5]:
                items.append(
                    {
                        "source": f"{o.number} (ghi đè của {o.author}, {_fmt_dt(o.at)})",
                        "text": _override_text(o),
                        "kind": "override",
                    }
                )
        return items

    def _override_text(o: Any) -> str:
        if o.deleted:
            return "Đã rút lại ghi đè. " + o.note
        parts = []
        if o.status:
            parts.append(svc.KB_STATUS_LABELS.get(o.status, o.status))
        if o.effective_on:
            parts.append(f"có hiệu lực từ {_fmt_dt(o.effective_on)}")
        if o.not_in_force_from:
            parts.append(f"hết hiệu lực từ {_fmt_dt(o.not_in_force_from)}")
        if o.replaced_by:
            parts.append("thay thế bởi " + ", ".join(o.replaced_by))
        return "; ".join(parts) + (f". {o.note}" if o.note else "")

    def _back(request: Request, fid: int, qs: str, go_next: bool, db: Session) -> str:
        if go_next:
            row = db.get(FindingRow, fid)
            flt = page_filter(_qs_params(qs), per_page)
            if row is not None:
                _, nxt = svc.neighbours(db, flt, row)
                if nxt:
                    return f"/findings/{nxt}?{qs}"
        return f"/findings/{fid}?{qs}"

    def _qs_params(qs: str) -> dict[str, str]:
        from urllib.parse import parse_qsl

        return dict(parse_qsl(qs or ""))

    def _page_error(request: Request, fid: int, qs: str, exc: svc.QueueError) -> Response:
        flash(request, exc.message, "error")
        return RedirectResponse(f"/findings/{fid}?{qs}", status_code=303)

    @app.post("/findings/{finding_id}/decide", include_in_schema=False)
    def decide_form(
        request: Request,
        finding_id: IdPath,
        db: Db,
        user: Writer,
        status: Annotated[str, Form(max_length=30)],
        version: Annotated[int, Form()],
        qs: Annotated[str, Form(max_length=2000)] = "",
        note: Annotated[str, Form(max_length=5000)] = "",
    ) -> Response:
        try:
            svc.set_status(db, finding_id, user, status, version, note or None)
        except svc.QueueError as exc:
            if exc.http_status == 409:
                # show the current state with the conflict message, answering 409
                db.rollback()
                flash(request, exc.message, "error")
                resp = finding_page(request, finding_id, db, user)
                resp.status_code = 409
                return resp
            return _page_error(request, finding_id, qs, exc)
        flash(
            request,
            f"Đã chuyển phát hiện #{finding_id} sang “{svc.STATUS_LABELS[status]}”. "
            "Nhấn u để hoàn tác.",
        )
        return RedirectResponse(
            _back(request, finding_id, qs, status in ("confirmed", "dismissed"), db),
            status_code=303,
        )

    @app.post("/findings/{finding_id}/action", include_in_schema=False)
    def action_form(
        request: Request,
        finding_id: IdPath,
        db: Db,
        user: Writer,
        action: Annotated[str, Form(max_length=40)],
        legal_ground: Annotated[str, Form(max_length=5000)],
        version: Annotated[int, Form()],
        qs: Annotated[str, Form(max_length=2000)] = "",
    ) -> Response:
        try:
            svc.propose_action(db, finding_id, user, action, legal_ground, version)
        except svc.QueueError as exc:
            return _page_error(request, finding_id, qs, exc)
        flash(request, f"Đã ghi đề xuất “{ACTIONS[action]}” cho phát hiện #{finding_id}.")
        return RedirectResponse(f"/findings/{finding_id}?{qs}", status_code=303)

    @app.post("/findings/{finding_id}/assign", include_in_schema=False)
    def assign_form(
        request: Request,
        finding_id: IdPath,
        db: Db,
        user: Writer,
        version: Annotated[int, Form()],
        assignee: Annotated[str, Form(max_length=80)] = "",
        qs: Annotated[str, Form(max_length=2000)] = "",
    ) -> Response:
        try:
            svc.assign(db, finding_id, user, assignee or None, version)
        except svc.QueueError as exc:
            return _page_error(request, finding_id, qs, exc)
        flash(request, f"Đã phân công phát hiện #{finding_id}.")
        return RedirectResponse(f"/findings/{finding_id}?{qs}", status_code=303)

    @app.post("/findings/{finding_id}/comment", include_in_schema=False)
    def comment_form(
        request: Request,
        finding_id: IdPath,
        db: Db,
        user: Writer,
        text: Annotated[str, Form(max_length=10000)] = "",
        qs: Annotated[str, Form(max_length=2000)] = "",
    ) -> Response:
        try:
            svc.add_comment(db, finding_id, user, text)
        except svc.QueueError as exc:
            if request.headers.get("hx-request"):
                raise
            return _page_error(request, finding_id, qs, exc)
        if request.headers.get("hx-request"):
            return render(
                request,
                "_comments.html",
                {
                    "comments": svc.comments_of(db, finding_id),
                    "f": svc.get_finding(db, finding_id),
                    "can_write": True,
                    "qs": qs,
                },
                user=user,
            )
        return RedirectResponse(f"/findings/{finding_id}?{qs}", status_code=303)

    @app.post("/undo", include_in_schema=False)
    def undo_form(
        request: Request,
        db: Db,
        user: Writer,
        finding_id: Annotated[str, Form(max_length=20)] = "",
        qs: Annotated[str, Form(max_length=2000)] = "",
    ) -> Response:
        try:
            row = svc.undo_last(db, user, None)
        except svc.QueueError as exc:
            flash(request, exc.message, "error")
            target = f"/findings/{finding_id}?{qs}" if finding_id.isdigit() else "/queue"
            return RedirectResponse(target, status_code=303)
        flash(
            request,
            f"Đã hoàn tác quyết định gần nhất trên phát hiện #{row.id} "
            f"(trạng thái: “{svc.STATUS_LABELS[row.status]}”).",
        )
        return RedirectResponse(f"/findings/{row.id}?{qs}", status_code=303)

    @app.post("/queue/bulk", include_in_schema=False)
    def bulk_form(
        request: Request,
        db: Db,
        user: Writer,
        status: Annotated[str, Form(max_length=30)],
        ids: Annotated[list[IdField], Form()],
        qs: Annotated[str, Form(max_length=2000)] = "",
    ) -> Response:
        res = svc.bulk_set_status(db, ids[:1000], user, status)
        msg = f"Đã chuyển {len(res.done)} phát hiện sang “{svc.STATUS_LABELS.get(status, status)}”."
        if res.skipped:
            msg += f" Bỏ qua {len(res.skipped)}: " + "; ".join(
                f"#{s['id']}: {s['error']}" for s in res.skipped[:3]
            )
        flash(request, msg, "error" if res.skipped and not res.done else "ok")
        return RedirectResponse(f"/queue?{qs}", status_code=303)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request, db: Db, user: CurrentUser) -> HTMLResponse:
        return render(request, "documents.html", {"docs": svc.list_documents(db, 1000)}, user=user)

    @app.get("/reports", response_class=HTMLResponse, include_in_schema=False)
    def reports_page(
        request: Request,
        user: CurrentUser,
        kind: Annotated[str, Query(pattern="^(annual|half)$")] = "annual",
        year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
        half: Annotated[int | None, Query(ge=1, le=2)] = None,
    ) -> HTMLResponse:
        """The periodic report (HTML view of ``thpl report``), computed from the store."""
        from thpl_nlp.reports.html import period_report_html

        today = dt.date.today()
        year = year or today.year
        if kind == "half":
            half = half or (1 if today.month <= 6 else 2)
        body = period_report_html(kind, year, half if kind == "half" else None, engine=engine)
        ctx = {"report_html": body, "kind": kind, "year": year, "half": half}
        return render(request, "reports.html", ctx, user=user)

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(
        request: Request, document_id: IdPath, db: Db, user: CurrentUser
    ) -> HTMLResponse:
        doc = db.get(Document, document_id)
        if doc is None:
            raise svc.QueueError("E603", f"văn bản #{document_id}", 404)
        findings = svc.document_findings(db, doc.id)
        by_eid: dict[str, list[FindingRow]] = {}
        for f in findings:
            by_eid.setdefault(f.eid, []).append(f)
        bases = (doc.structure or {}).get("bases") or []
        return render(
            request,
            "document.html",
            {
                "doc": doc,
                "reviews": svc.document_reviews(db, doc.id),
                "tree": provision_tree(doc.structure),
                "by_eid": by_eid,
                "bases": bases,
                "findings": findings,
                # a node opens when it or one of its descendants has a finding
                "open_eids": {
                    "__".join(f.eid.split("__")[: i + 1])
                    for f in findings
                    for i in range(len(f.eid.split("__")))
                },
                "other": [
                    f
                    for f in findings
                    if not f.eid.startswith("basis_")
                    and f.eid
                    not in {p.get("eid") for p in (doc.structure or {}).get("provisions") or []}
                ],
            },
            user=user,
        )

    @app.get("/export/queue.{fmt}", include_in_schema=False)
    def export_queue_page(
        fmt: str, db: Db, user: CurrentUser, status: str | None = None
    ) -> Response:
        if fmt not in ("csv", "xlsx"):
            raise svc.QueueError("E606", f"định dạng '{fmt}'", 404)
        st = status if status in svc.STATUSES else None
        data = svc.export_queue(db, fmt, None, st)
        media = (
            "text/csv; charset=utf-8"
            if fmt == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        stamp = dt.date.today().isoformat()
        return Response(
            data,
            media_type=media,
            headers={
                "Content-Disposition": f'attachment; filename="hang-doi-ra-soat-{stamp}.{fmt}"'
            },
        )

    @app.get("/export/labels.jsonl", include_in_schema=False)
    def export_labels_page(db: Db, user: CurrentUser) -> Response:
        return _labels_response(db)

    def _labels_response(db: Session) -> Response:
        body = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in svc.export_labels(db))
        return Response(
            body,
            media_type="application/x-ndjson; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="nhan-du-lieu-huan-luyen.jsonl"'},
        )

    @app.get("/kb-overrides", response_class=HTMLResponse, include_in_schema=False)
    def kb_page(request: Request, db: Db, user: CurrentUser) -> HTMLResponse:
        return render(
            request,
            "kb_overrides.html",
            {
                "current": svc.current_kb_overrides(db),
                "history": svc.kb_override_history(db)[:200],
                "can_write": user.role in svc.WRITER_ROLES,
                "yaml_path": str(kb_yaml),
            },
            user=user,
        )

    @app.post("/kb-overrides", include_in_schema=False)
    def kb_form(
        request: Request,
        db: Db,
        user: Writer,
        number: Annotated[str, Form(max_length=120)],
        note: Annotated[str, Form(max_length=5000)] = "",
        status: Annotated[str, Form(max_length=30)] = "",
        effective_on: Annotated[str, Form(max_length=20)] = "",
        not_in_force_from: Annotated[str, Form(max_length=20)] = "",
        replaced_by: Annotated[str, Form(max_length=1000)] = "",
        delete: Annotated[str, Form(max_length=5)] = "",
    ) -> Response:
        try:
            svc.set_kb_override(
                db,
                user,
                number,
                status=status or None,
                effective_on=effective_on or None,
                not_in_force_from=not_in_force_from or None,
                replaced_by=replaced_by or None,
                note=note,
                delete=bool(delete),
                yaml_path=kb_yaml,
            )
            flash(request, f"Đã ghi đè thông tin hiệu lực của {number.strip()}.")
        except svc.QueueError as exc:
            flash(request, exc.message, "error")
        return RedirectResponse("/kb-overrides", status_code=303)

    @app.get("/users", response_class=HTMLResponse, include_in_schema=False)
    def users_page(request: Request, db: Db, user: CurrentUser) -> HTMLResponse:
        if user.role != "admin":
            raise svc.QueueError("E604", " (chỉ quản trị viên)", 403)
        users = list(db.scalars(select(User).order_by(User.name)))
        return render(request, "users.html", {"users": users}, user=user)

    @app.post("/users", include_in_schema=False)
    def users_form(
        request: Request,
        db: Db,
        user: Admin,
        name: Annotated[str, Form(max_length=80)],
        role: Annotated[str, Form(max_length=20)],
        password: Annotated[str, Form(max_length=200)],
    ) -> Response:
        try:
            auth.create_user(db, name, role, password)
            flash(request, f"Đã tạo tài khoản {name}.")
        except svc.QueueError as exc:
            flash(request, exc.message, "error")
        return RedirectResponse("/users", status_code=303)

    # --- JSON API ---

    @app.get("/openapi.json", include_in_schema=False)
    def openapi_json(user: CurrentUser) -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/api/me", tags=["tài khoản"], summary="Người dùng hiện tại")
    def api_me(user: CurrentUser) -> dict[str, Any]:
        return {"id": user.id, "name": user.name, "role": user.role}

    @app.get("/api/findings", tags=["phát hiện"], summary="Danh sách phát hiện (lọc, phân trang)")
    def api_findings(
        db: Db,
        user: CurrentUser,
        status: Annotated[str | None, Query(max_length=30)] = None,
        category: Annotated[str | None, Query(max_length=40)] = None,
        severity: Annotated[str | None, Query(max_length=10)] = None,
        document: Annotated[str | None, Query(max_length=400)] = None,
        issuer: Annotated[str | None, Query(max_length=300)] = None,
        assignee: Annotated[str | None, Query(max_length=80)] = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
        page: Annotated[int, Query(ge=1, le=100000)] = 1,
        per_page: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> dict[str, Any]:
        flt = svc.QueueFilter(
            document,
            issuer,
            category,
            severity,
            status,
            assignee,
            date_from,
            date_to,
            q,
            page,
            per_page,
        )
        res = svc.list_findings(db, flt)
        return {
            "total": res.total,
            "total_capped": res.total_capped,
            "page": res.page,
            "per_page": res.per_page,
            "items": [svc.contract_dict(r) for r in res.items],
        }

    def _finding_json(db: Session, row: FindingRow) -> dict[str, Any]:
        d = svc.contract_dict(row)
        d["events"] = [_event_json(e) for e in svc.events_of(db, row.id)]
        d["comments"] = [
            {"id": c.id, "user": c.user.name, "at": c.at.isoformat(), "text": c.text}
            for c in svc.comments_of(db, row.id)
        ]
        d["reopen_reason"] = row.reopen_reason
        d["resolution"] = row.resolution
        return d

    def _event_json(e: Any) -> dict[str, Any]:
        return {
            "id": e.id,
            "kind": e.kind,
            "user": e.user.name if e.user else None,
            "at": e.at.isoformat(),
            "before": e.before,
            "after": e.after,
            "note": e.note,
            "undone": e.undone,
        }

    @app.get("/api/findings/{finding_id}", tags=["phát hiện"], summary="Một phát hiện")
    def api_finding(finding_id: IdPath, db: Db, user: CurrentUser) -> dict[str, Any]:
        return _finding_json(db, svc.get_finding(db, finding_id))

    @app.get("/api/findings/{finding_id}/events", tags=["phát hiện"], summary="Nhật ký")
    def api_events(finding_id: IdPath, db: Db, user: CurrentUser) -> list[dict[str, Any]]:
        svc.get_finding(db, finding_id)
        return [_event_json(e) for e in svc.events_of(db, finding_id)]

    @app.post(
        "/api/findings/{finding_id}/decision",
        tags=["phát hiện"],
        summary="Quyết định trạng thái (khóa lạc quan theo version)",
    )
    def api_decide(finding_id: IdPath, body: DecisionIn, db: Db, user: Writer) -> dict[str, Any]:
        return svc.contract_dict(
            svc.set_status(db, finding_id, user, body.status, body.version, body.note)
        )

    @app.post(
        "/api/findings/{finding_id}/action",
        tags=["phát hiện"],
        summary="Đề xuất hướng xử lý và căn cứ pháp lý",
    )
    def api_action(finding_id: IdPath, body: ActionIn, db: Db, user: Writer) -> dict[str, Any]:
        return svc.contract_dict(
            svc.propose_action(
                db, finding_id, user, body.action, body.legal_ground, body.version, body.note
            )
        )

    @app.post("/api/findings/{finding_id}/assign", tags=["phát hiện"], summary="Phân công")
    def api_assign(finding_id: IdPath, body: AssignIn, db: Db, user: Writer) -> dict[str, Any]:
        return svc.contract_dict(svc.assign(db, finding_id, user, body.assignee, body.version))

    @app.post("/api/findings/{finding_id}/comments", tags=["phát hiện"], summary="Thêm ý kiến")
    def api_comment(finding_id: IdPath, body: CommentIn, db: Db, user: Writer) -> dict[str, Any]:
        c = svc.add_comment(db, finding_id, user, body.text)
        return {"id": c.id, "finding_id": finding_id, "user": user.name, "text": c.text}

    @app.post("/api/undo", tags=["phát hiện"], summary="Hoàn tác quyết định gần nhất")
    def api_undo(
        db: Db, user: Writer, body: Annotated[UndoIn | None, Body()] = None
    ) -> dict[str, Any]:
        return svc.contract_dict(svc.undo_last(db, user, body.finding_id if body else None))

    @app.post("/api/findings/bulk", tags=["phát hiện"], summary="Quyết định hàng loạt")
    def api_bulk(body: BulkIn, db: Db, user: Writer) -> dict[str, Any]:
        if body.status not in svc.STATUSES:
            raise svc.QueueError("E606", f"trạng thái '{body.status}' không tồn tại", 422)
        res = svc.bulk_set_status(db, body.ids, user, body.status, body.note)
        return {"done": res.done, "skipped": res.skipped}

    @app.get("/api/documents", tags=["văn bản"], summary="Danh sách văn bản")
    def api_documents(
        db: Db,
        user: CurrentUser,
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> list[dict[str, Any]]:
        return svc.list_documents(db, limit, offset)

    @app.get("/api/documents/{document_id}", tags=["văn bản"], summary="Một văn bản")
    def api_document(document_id: IdPath, db: Db, user: CurrentUser) -> dict[str, Any]:
        doc = db.get(Document, document_id)
        if doc is None:
            raise svc.QueueError("E603", f"văn bản #{document_id}", 404)
        return {
            "id": doc.id,
            "number": doc.number,
            "source": doc.source,
            "issuer": doc.issuer,
            "doc_type": doc.doc_type,
            "title": doc.title,
            "issued_on": doc.issued_on.isoformat() if doc.issued_on else None,
            "structure": doc.structure,
            "findings": [svc.contract_dict(f) for f in svc.document_findings(db, doc.id)],
            "reviews": [svc.document_review_dict(r) for r in svc.document_reviews(db, doc.id)],
        }

    @app.get("/api/kb-overrides", tags=["cơ sở dữ liệu văn bản"], summary="Ghi đè đang áp dụng")
    def api_kb(db: Db, user: CurrentUser) -> list[dict[str, Any]]:
        return [svc.kb_override_dict(o) for o in svc.current_kb_overrides(db)]

    @app.post("/api/kb-overrides", tags=["cơ sở dữ liệu văn bản"], summary="Ghi đè hiệu lực")
    def api_kb_set(body: KbOverrideIn, db: Db, user: Writer) -> dict[str, Any]:
        o = svc.set_kb_override(
            db,
            user,
            body.number,
            status=body.status,
            effective_on=body.effective_on,
            not_in_force_from=body.not_in_force_from,
            replaced_by=body.replaced_by,
            note=body.note,
            delete=body.delete,
            yaml_path=kb_yaml,
        )
        return svc.kb_override_dict(o) | {"deleted": o.deleted}

    @app.get("/api/labels", tags=["xuất dữ liệu"], summary="Nhãn huấn luyện (JSON Lines)")
    def api_labels(db: Db, user: CurrentUser) -> Response:
        return _labels_response(db)

    @app.get("/api/export/queue", tags=["xuất dữ liệu"], summary="Xuất hàng đợi CSV/XLSX")
    def api_export(
        db: Db,
        user: CurrentUser,
        format: Annotated[str, Query(pattern="^(csv|xlsx)$")] = "csv",  # noqa: A002
        status: Annotated[str | None, Query(max_length=30)] = None,
    ) -> Response:
        return export_queue_page(format, db, user, status)

    @app.get("/api/users", tags=["tài khoản"], summary="Danh sách tài khoản (quản trị)")
    def api_users(db: Db, user: CurrentUser) -> list[dict[str, Any]]:
        if user.role != "admin":
            raise svc.QueueError("E604", " (chỉ quản trị viên)", 403)
        return [
            {"id": u.id, "name": u.name, "role": u.role, "active": u.active}
            for u in db.scalars(select(User).order_by(User.name))
        ]

    @app.post("/api/users", tags=["tài khoản"], summary="Tạo tài khoản (quản trị)")
    def api_users_add(body: UserIn, db: Db, user: Admin) -> dict[str, Any]:
        u = auth.create_user(db, body.name, body.role, body.password)
        return {"id": u.id, "name": u.name, "role": u.role}

    return app
