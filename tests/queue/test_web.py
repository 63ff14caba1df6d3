"""The web app and JSON API: sign-in, authorisation on every route, CSRF, conflicts, pages."""

from __future__ import annotations

import re
import shutil

import pytest
from fastapi.testclient import TestClient
from queue_examples import example_findings, example_meta

from thpl_nlp.queue import auth
from thpl_nlp.queue import service as svc
from thpl_nlp.queue.web.app import create_app

PASSWORDS = {
    "quantri": "mat-khau-quan-tri",
    "nguyen.van.a": "mat-khau-ra-soat",
    "tran.thi.b": "mat-khau-ra-soat-2",
    "le.van.c": "mat-khau-chi-xem",
}


@pytest.fixture
def app(thpl_home, tmp_path, sqlite_template):
    shutil.copy(sqlite_template, tmp_path / "web.sqlite3")
    app = create_app(f"sqlite:///{tmp_path / 'web.sqlite3'}", home=thpl_home)
    with app.state.SessionLocal() as s:
        auth.create_user(s, "quantri", "admin", PASSWORDS["quantri"])
        auth.create_user(s, "nguyen.van.a", "reviewer", PASSWORDS["nguyen.van.a"])
        auth.create_user(s, "tran.thi.b", "reviewer", PASSWORDS["tran.thi.b"])
        auth.create_user(s, "le.van.c", "viewer", PASSWORDS["le.van.c"])
        svc.ingest_findings(s, example_meta(), example_findings())
    yield app
    app.state.engine.dispose()


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def login(app, name: str) -> TestClient:
    c = TestClient(app)
    tok = _csrf(c.get("/login").text)
    r = c.post(
        "/login",
        data={"name": name, "password": PASSWORDS[name], "csrf_token": tok},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    c.csrf = _csrf(c.get("/queue").text)  # type: ignore[attr-defined]
    return c


def _token(app, name: str) -> str:
    from sqlalchemy import select

    from thpl_nlp.queue.store import User

    with app.state.SessionLocal() as s:
        return auth.create_token(s, s.scalars(select(User).where(User.name == name)).one())


def _routes(app):
    """Every route of the app (pages and API) with a concrete path."""
    from fastapi.routing import APIRoute

    for r in app.routes:
        if isinstance(r, APIRoute):
            path = r.path.replace("{finding_id}", "1").replace("{document_id}", "1")
            path = path.replace("{fmt}", "csv")
            for m in r.methods:
                yield m, path, r.path


def _openapi_ops(app):
    for path, item in app.openapi()["paths"].items():
        for method in item:
            yield method.upper(), path.replace("{finding_id}", "1").replace("{document_id}", "1")


def test_anonymous_sees_only_login_and_static(app):
    c = TestClient(app)
    r = c.get("/login")
    assert r.status_code == 200 and 'type="password"' in r.text
    assert c.get("/static/htmx.min.js").status_code == 200
    assert c.get("/static/app.css").status_code == 200
    for method, path, _ in _routes(app):
        if path == "/login":
            continue
        r = c.request(method, path, follow_redirects=False)
        if path.startswith("/api") or path == "/openapi.json":
            assert r.status_code == 401, (method, path, r.status_code)
        else:
            assert r.status_code == 303, (method, path, r.status_code)
            assert r.headers["location"].startswith("/login")
    # unknown routes do not reveal anything either
    assert c.get("/khong-co", follow_redirects=False).status_code == 303
    assert c.get("/api/khong-co").status_code == 401
    assert c.get("/docs", follow_redirects=False).status_code == 303


def test_openapi_lists_the_api_and_every_write_refuses_anonymous_and_viewer(app):
    viewer = login(app, "le.van.c")
    schema = viewer.get("/openapi.json").json()
    assert "/api/findings/{finding_id}/decision" in schema["paths"]
    writes = [(m, p) for m, p in _openapi_ops(app) if m in ("POST", "PUT", "PATCH", "DELETE")]
    assert len(writes) >= 8
    anon = TestClient(app)
    vtoken = {"Authorization": f"Bearer {_token(app, 'le.van.c')}"}
    for m, p in writes:
        assert anon.request(m, p, json={}).status_code == 401, (m, p)
        # viewer with a valid CSRF header (session) or a bearer token: still refused
        r = viewer.request(m, p, json={}, headers={"X-CSRF-Token": viewer.csrf})
        assert r.status_code == 403, (m, p, r.status_code)
        assert anon.request(m, p, json={}, headers=vtoken).status_code == 403, (m, p)
    for m, p in _openapi_ops(app):
        if m == "GET":
            r = viewer.get(p)
            assert r.status_code in (200, 403), (p, r.status_code)  # admin-only lists: 403


def test_viewer_form_posts_refused(app):
    viewer = login(app, "le.van.c")
    for method, path, _ in _routes(app):
        if method != "POST" or path in ("/login", "/logout") or path.startswith("/api"):
            continue
        r = viewer.post(
            path,
            data={
                "csrf_token": viewer.csrf,
                "status": "confirmed",
                "version": "1",
                "ids": "1",
                "number": "80/2015/QH13",
                "note": "x",
                "text": "x",
                "action": "bai_bo",
                "legal_ground": "x",
                "name": "x",
                "role": "viewer",
                "password": "mat-khau-dai-qua",
            },
            follow_redirects=False,
        )
        assert r.status_code == 403, (path, r.status_code)


def test_form_posts_without_csrf_are_refused(app):
    c = login(app, "nguyen.van.a")
    r = c.post(
        "/findings/1/decide", data={"status": "confirmed", "version": "1"}, follow_redirects=False
    )
    assert r.status_code == 403 and "CSRF" in r.text
    r = c.post(
        "/findings/1/decide",
        data={"status": "confirmed", "version": "1", "csrf_token": "gia-mao"},
        follow_redirects=False,
    )
    assert r.status_code == 403
    r = c.post("/api/findings/1/decision", json={"status": "confirmed", "version": 1})
    assert r.status_code == 403 and r.json()["error"] == "E611"
    # login itself is protected against login CSRF
    anon = TestClient(app)
    r = anon.post(
        "/login",
        data={"name": "nguyen.van.a", "password": "mat-khau-ra-soat"},
        follow_redirects=False,
    )
    assert r.status_code == 403
    with app.state.SessionLocal() as s:
        assert svc.get_finding(s, 1).status == "new"


def test_triage_by_form_with_audit_and_undo(app):
    c = login(app, "nguyen.van.a")
    page = c.get("/findings/1")
    assert page.status_code == 200
    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)
    r = c.post(
        "/findings/1/decide",
        data={"status": "confirmed", "version": version, "csrf_token": c.csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/findings/")
    page = c.get("/findings/1").text
    assert "Xác nhận" in page and "nguyen.van.a" in page and "Mới → Xác nhận" in page
    r = c.post("/undo", data={"csrf_token": c.csrf, "finding_id": "1"}, follow_redirects=True)
    assert "Đã hoàn tác" in r.text
    with app.state.SessionLocal() as s:
        assert svc.get_finding(s, 1).status == "new"


def test_conflict_is_409_with_vietnamese_message(app):
    a, b = login(app, "nguyen.van.a"), login(app, "tran.thi.b")
    r1 = a.post(
        "/api/findings/2/decision",
        json={"status": "confirmed", "version": 1},
        headers={"X-CSRF-Token": a.csrf},
    )
    assert r1.status_code == 200 and r1.json()["status"] == "confirmed"
    r2 = b.post(
        "/api/findings/2/decision",
        json={"status": "dismissed", "version": 1},
        headers={"X-CSRF-Token": b.csrf},
    )
    assert r2.status_code == 409
    assert "người khác cập nhật" in r2.json()["detail"]
    # the form flow shows the same message instead of overwriting
    r = b.post(
        "/findings/2/decide",
        data={"status": "dismissed", "version": "1", "csrf_token": b.csrf},
        follow_redirects=True,
    )
    assert r.status_code == 409 and "người khác cập nhật" in r.text
    assert '<span class="st st-confirmed" id="status">Xác nhận</span>' in r.text
    assert a.get("/api/findings/2").json()["status"] == "confirmed"


def test_bearer_token_api(app):
    c = TestClient(app)
    h = {"Authorization": f"Bearer {_token(app, 'nguyen.van.a')}"}
    items = c.get("/api/findings", params={"category": "competence"}, headers=h).json()
    assert items["total"] == 2
    f = items["items"][0]
    r = c.post(
        f"/api/findings/{f['id']}/decision",
        json={"status": "confirmed", "version": f["version"]},
        headers=h,
    )
    assert r.status_code == 200
    r = c.post(
        f"/api/findings/{f['id']}/action",
        json={
            "action": "bai_bo_mot_phan",
            "legal_ground": "Điều 4 Luật 15/2012/QH13",
            "version": r.json()["version"],
        },
        headers=h,
    )
    assert r.status_code == 200 and r.json()["status"] == "action_proposed"
    ev = c.get(f"/api/findings/{f['id']}/events", headers=h).json()
    assert [e["kind"] for e in ev][:2] == ["action", "status"]
    assert c.get("/api/findings", headers={"Authorization": "Bearer sai"}).status_code == 401


def test_login_rate_limited(app):
    c = TestClient(app)
    tok = _csrf(c.get("/login").text)
    codes = [
        c.post(
            "/login", data={"name": "nguyen.van.a", "password": "sai-mat-khau", "csrf_token": tok}
        ).status_code
        for _ in range(6)
    ]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    r = c.post(
        "/login",
        data={"name": "nguyen.van.a", "password": PASSWORDS["nguyen.van.a"], "csrf_token": tok},
        follow_redirects=False,
    )
    assert r.status_code == 429 and "quá nhiều lần" in r.text


def test_body_size_limited(app):
    c = login(app, "nguyen.van.a")
    big = "x" * (2 * 1024 * 1024)
    r = c.post("/api/findings/1/comments", json={"text": big}, headers={"X-CSRF-Token": c.csrf})
    assert r.status_code == 413 and r.json()["error"] == "E612"


def test_pages_render_in_vietnamese(app):
    c = login(app, "quantri")
    resp = c.get("/queue", params={"category": "competence"})
    assert float(resp.headers["server-timing"].split("dur=")[1]) > 0
    assert resp.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in resp.headers["content-security-policy"]
    q = resp.text
    assert "Hàng đợi rà soát" in q and "<strong>2</strong> phát hiện" in q
    part = c.get("/queue", params={"status": "new"}, headers={"HX-Request": "true"}).text
    assert "<html" not in part and "<strong>5</strong> phát hiện" in part
    with app.state.SessionLocal() as s:
        from sqlalchemy import select

        from thpl_nlp.queue.store import FindingRow

        art4 = s.scalars(select(FindingRow).where(FindingRow.eid == "att_1__art_4")).one()
    page = c.get(f"/findings/{art4.id}").text
    assert "<mark>không quá 30 ngày</mark>" in page  # the finding's span is highlighted
    assert "62/2020/QH14 art_1__para_37" in page and "Diễn biến hiệu lực" in page
    doc = c.get(f"/documents/{art4.document_id}").text
    assert "att_1__art_3__para_1__point_c" in doc and "Căn cứ ban hành" in doc
    assert c.get("/users").status_code == 200
    assert c.get("/export/queue.xlsx").content[:2] == b"PK"
    assert c.get("/export/queue.csv").content.decode("utf-8-sig").startswith("Mã,")
    labels = c.get("/export/labels.jsonl")
    assert labels.status_code == 200 and labels.text == ""  # no decisions yet


def test_kb_override_form_writes_yaml(app, thpl_home):
    c = login(app, "nguyen.van.a")
    r = c.post(
        "/kb-overrides",
        data={
            "csrf_token": c.csrf,
            "number": "80/2015/QH13",
            "status": "expired",
            "not_in_force_from": "2025-04-01",
            "replaced_by": "64/2025/QH15",
            "note": "Điều 71 Luật 64/2025/QH15",
        },
        follow_redirects=True,
    )
    assert "Đã ghi đè" in r.text and "Hết hiệu lực toàn bộ" in r.text
    text = (thpl_home / "kb_overrides.yaml").read_text(encoding="utf-8")
    assert "number: 80/2015/QH13" in text and "author: nguyen.van.a" in text


def test_logout(app):
    c = login(app, "nguyen.van.a")
    r = c.post("/logout", data={"csrf_token": c.csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert c.get("/queue", follow_redirects=False).status_code == 303


def test_login_next_is_never_an_open_redirect(app):
    c = TestClient(app)
    tok = _csrf(c.get("/login").text)
    r = c.post(
        "/login",
        data={
            "name": "nguyen.van.a",
            "password": PASSWORDS["nguyen.van.a"],
            "csrf_token": tok,
            "next": "//evil.example/phishing",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/queue"


def test_bulk_form_on_queue_page(app):
    c = login(app, "nguyen.van.a")
    r = c.post(
        "/queue/bulk",
        data={
            "csrf_token": c.csrf,
            "status": "dismissed",
            "ids": ["1", "2", "3"],
            "qs": "category=competence",
        },
        follow_redirects=True,
    )
    assert "Đã chuyển 3 phát hiện sang “Bác bỏ”" in r.text
    assert r.url.path == "/queue" and "category=competence" in str(r.url)
    statuses = [f["status"] for f in c.get("/api/findings").json()["items"]]
    assert statuses.count("dismissed") == 3


def test_local_quotes_are_highlighted_on_the_left_not_listed_on_the_right(app):
    from thpl_nlp.queue.web.app import local_provision

    c = login(app, "nguyen.van.a")
    with app.state.SessionLocal() as s:
        from sqlalchemy import select

        from thpl_nlp.queue.store import FindingRow

        row = s.scalars(
            select(FindingRow).where(FindingRow.eid == "att_1__art_3__para_1__point_c")
        ).one()
        # a local quote without offsets is found in the provision and highlighted
        row.start = row.end = None
        row.evidence = [
            {
                "source": "12/2021/QĐ-UBND att_1__art_3__para_1__point_c",
                "text": "Ủy ban nhân dân cấp xã",
            }
        ]
        local = local_provision(row.document, row)
        assert ("Ủy ban nhân dân cấp xã", True) in local["segments"]
        s.rollback()
        fid = row.id
    page = c.get(f"/findings/{fid}").text
    assert "<figcaption>50/2014/QH13 art_95</figcaption>" in page
    assert "<figcaption>12/2021/QĐ-UBND" not in page


def test_password_change_ends_sessions_and_locking_ends_tokens(app):
    c = login(app, "nguyen.van.a")
    token = {"Authorization": f"Bearer {_token(app, 'nguyen.van.a')}"}
    assert c.get("/queue", follow_redirects=False).status_code == 200
    with app.state.SessionLocal() as s:
        auth.set_password(s, "nguyen.van.a", "mat-khau-moi-hoan-toan")
    assert c.get("/queue", follow_redirects=False).status_code == 303
    assert TestClient(app).get("/api/me", headers=token).status_code == 200
    with app.state.SessionLocal() as s:
        auth.set_active(s, "nguyen.van.a", False)
    assert TestClient(app).get("/api/me", headers=token).status_code == 401


def test_viewer_sees_the_annual_report_with_the_store_numbers(app):
    from thpl_nlp.reports.html import period_report_html

    c = login(app, "le.van.c")
    r = c.get("/reports", params={"kind": "annual", "year": 2026})
    assert r.status_code == 200
    assert "Báo cáo kiểm tra, rà soát văn bản" in r.text
    expected = period_report_html("annual", 2026, engine=app.state.engine, with_charts=False)
    tables = re.findall(r"<table.*?</table>", expected, flags=re.S)
    assert tables
    for table in tables:  # every table of the report, numbers from the store, as computed
        assert table in r.text


def test_reports_page_refuses_a_bad_period(app):
    c = login(app, "nguyen.van.a")
    assert c.get("/reports", params={"kind": "weekly"}).status_code == 422
    assert c.get("/reports", params={"kind": "half", "year": 2026, "half": 3}).status_code == 422


def test_document_page_and_api_show_every_review(app):
    import datetime as dt

    with app.state.SessionLocal() as s:
        run = svc.start_run(s, as_of=dt.date(2026, 11, 20), kb_version="kb-2026-11-19")
        svc.ingest_findings(s, example_meta(), example_findings()[:4], run)
        doc_id = svc.document_findings(s, 1)[0].document_id
    c = login(app, "le.van.c")
    page = c.get(f"/documents/{doc_id}").text
    rows = re.search(r'<table id="reviews">.*?</table>', page, re.S).group(0)
    cells = [
        [c.strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
        for r in re.findall(r"<tr>(.*?)</tr>", rows, re.S)
    ]
    # header, then the first review (5 new) and the run's (4 unchanged, 1 closed by the system)
    assert [len(r) for r in cells] == [9, 9, 9]
    assert cells[1][0] == "1" and cells[1][2:5] == ["", "", ""]
    assert cells[1][5:] == ["5", "0", "0", "0"]
    assert cells[2][:1] + cells[2][2:] == [
        "2", f"#{run}", "20/11/2026", "kb-2026-11-19", "0", "0", "4", "1"
    ]
    api = c.get(f"/api/documents/{doc_id}").json()["reviews"]
    assert [(r["run_id"], r["new"], r["closed"]) for r in api] == [(None, 5, 0), (run, 0, 1)]
    assert api[1]["as_of"] == "2026-11-20" and api[1]["kb_version"] == "kb-2026-11-19"
