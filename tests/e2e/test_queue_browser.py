"""End to end: sign in, filter, open a finding, triage by keyboard, read the audit, sign out."""

from __future__ import annotations

import re
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.e2e

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "queue"))


@pytest.fixture
def server(tmp_path, monkeypatch):
    if not Path(CHROMIUM).exists():
        pytest.skip("chưa cài Chromium (apt-get install chromium)")
    pytest.importorskip("playwright")
    import uvicorn
    from queue_examples import example_findings, example_meta

    from thpl_nlp.queue import auth
    from thpl_nlp.queue import service as svc
    from thpl_nlp.queue.web.app import create_app

    home = tmp_path / "home"
    monkeypatch.setenv("THPL_HOME", str(home))
    monkeypatch.setenv("THPL_SECRET_KEY", "e2e-secret")
    app = create_app(f"sqlite:///{tmp_path / 'e2e.sqlite3'}", home=home)
    with app.state.SessionLocal() as s:
        auth.create_user(s, "nguyen.van.a", "reviewer", "mat-khau-ra-soat")
        svc.ingest_findings(s, example_meta(), example_findings())
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(timeout=10)
    app.state.engine.dispose()


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        pg = browser.new_page()
        pg.set_default_timeout(15000)
        yield pg
        browser.close()


def test_sign_in_filter_triage_audit_sign_out(server, page):
    from playwright.sync_api import expect

    # anonymous: redirected to the sign-in page
    page.goto(server + "/queue")
    expect(page).to_have_url(re.compile(r"/login"))
    page.fill("input[name=name]", "nguyen.van.a")
    page.fill("input[name=password]", "mat-khau-ra-soat")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Hàng đợi rà soát")
    expect(page.locator("p.count")).to_contain_text("5 phát hiện")

    # filter by category through htmx (no full reload)
    page.select_option("select[name=category]", "competence")
    expect(page.locator("p.count")).to_contain_text("2 phát hiện")
    expect(page).to_have_url(re.compile(r"category=competence"))

    # keyboard on the queue: j selects the first row, Enter opens it
    page.keyboard.press("j")
    first_id = page.locator("tr.row.selected").get_attribute("data-id")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/findings/{first_id}\?"))
    expect(page.locator("#status")).to_have_text("Mới")
    expect(page.locator(".provision mark")).to_be_visible()

    # a = xác nhận: decision saved, moves on to the next finding of the filtered queue
    page.keyboard.press("a")
    expect(page.locator(".flash")).to_contain_text(f"#{first_id}")
    expect(page.locator(".flash")).to_contain_text("Xác nhận")
    expect(page).not_to_have_url(re.compile(rf"/findings/{first_id}\?"))

    # k = back to the previous finding: the audit trail shows who decided what
    page.keyboard.press("k")
    expect(page).to_have_url(re.compile(rf"/findings/{first_id}\?"))
    expect(page.locator("#status")).to_have_text("Xác nhận")
    row = page.locator("#audit tbody tr").first
    expect(row).to_contain_text("nguyen.van.a")
    expect(row).to_contain_text("Mới → Xác nhận")

    # u = hoàn tác
    page.keyboard.press("u")
    expect(page.locator(".flash")).to_contain_text("Đã hoàn tác")
    expect(page.locator("#status")).to_have_text("Mới")
    expect(page.locator("#audit tbody tr").first).to_contain_text("Hoàn tác")

    # r = bác bỏ, then s = bỏ qua moves on without deciding
    page.keyboard.press("r")
    expect(page.locator(".flash")).to_contain_text("Bác bỏ")
    second_url = page.url
    page.keyboard.press("k")
    expect(page.locator("#status")).to_have_text("Bác bỏ")
    page.goto(second_url)
    expect(page.locator("#status")).to_have_text("Mới")

    # a comment through htmx
    page.fill("textarea[name=text]", "Cần đối chiếu Nghị định xử phạt trong lĩnh vực xây dựng.")
    page.click("text=Gửi ý kiến")
    expect(page.locator("#comments")).to_contain_text("Ý kiến (1)")

    # sign out
    page.click("text=Đăng xuất")
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto(server + "/queue")
    expect(page).to_have_url(re.compile(r"/login"))
